
use builtin;
use str;

set edit:completion:arg-completer[tokenadm] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tokenadm'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tokenadm'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the database, with the built-in default definition active'
            cand status 'Show the database at a glance: tokens by state, what is due, the outbox, the audit head'
            cand token 'Issue, find and manage access tokens'
            cand auth 'Authenticate with a token''s authentication code, or with --identifier its pass code'
            cand session 'Check session tokens made by tokenadm auth --session'
            cand definition 'Manage access token definitions (TOML, versioned in the database)'
            cand account 'Manage accounts (Accounts Receivable)'
            cand participant 'Manage participants (Rewards Participants)'
            cand verify 'Verify a pending token with the code that was sent to its holder'
            cand outbox 'Messages queued for delivery: list, show, send'
            cand audit 'Show the audit log (oldest first), or check its hash chain'
            cand check 'Read a code on standard input and say, by its checksum alone, whether it is well-formed'
            cand completions 'Print the shell completion script for SHELL'
            cand app-key 'Manage consumer application keys, which apps present to tokenadm serve'
            cand serve 'Serve the Web API: the seeds'' login with consumer application keys'
            cand db 'The database as a whole: copy it to another engine or host'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;init'= {
            cand --definition 'Apply this definition (TOML) and make it the active one'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;status'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'Issue a token; generated secrets are printed once, under "secrets"'
            cand import 'Issue one token per row of a CSV or JSON Lines file: all rows or none'
            cand list 'List tokens in number order (50 at a time unless --limit or --all)'
            cand show 'Show one token, found by number, identifier or authentication code'
            cand set-state 'Change a token''s life cycle state (effective, not_effective; pending tokens need --force)'
            cand delete 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)'
            cand reset-passcode 'Set a new pass code on an effective token: given, or generated and printed once'
            cand rotate 'Give an effective token a new authentication code, printed once'
            cand resend-code 'Issue a new verification code to a pending token and queue it for delivery'
            cand link 'Link a token to an account or a participant'
            cand unlink 'Unlink a token from an account or a participant'
            cand expire 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;token;new'= {
            cand --identifier 'The identifier (e.g. an email address), validated against the definition'
            cand --name 'A label for the token; fixed once created'
            cand --classification 'A classification of the active definition; its settings apply to the token'
            cand --account 'Link the token to this account'
            cand --participant 'Link the token to this participant'
            cand --expires-in 'Expire the token after this long (30m, 12h, 90d) instead of the definition''s default_ttl'
            cand --count 'Issue N tokens at once, each with its own generated authentication code'
            cand --output 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --pass-code-stdin 'Read the pass code from standard input (first line)'
            cand --prompt 'Ask for the pass code on the terminal, twice, without echo'
            cand --generate-pass-code 'Generate a pass code to the definition''s policy'
            cand --auth-code-stdin 'Read a custom authentication code from standard input (after the pass code, if both)'
            cand --skip-verification 'Issue the token effective even where the definition requires verification (audited)'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;import'= {
            cand --input 'The file''s format [default: from its name (.csv, .jsonl, .ndjson); csv for -]'
            cand --output 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tokenadm;token;list'= {
            cand --state 'Only tokens in this state (repeatable)'
            cand --account 'Only tokens linked to this account'
            cand --participant 'Only tokens linked to this participant'
            cand --classification 'Only tokens of this classification'
            cand --expiring-within 'Only tokens (not yet not_effective) that expire within this long, or already have, and pending ones whose verification code lapses by then'
            cand --search 'Only tokens whose number, identifier or name contains this text (case-insensitive)'
            cand --limit 'At most N tokens'
            cand --created-since 'Only tokens created at or after this instant: RFC 3339, or a duration back from now (24h, 7d)'
            cand --sort 'The order: by number (as issued), created (oldest first), expires (soonest first, never last), last-used (most recent first, never used last)'
            cand --after 'Start after this token number (keyset pagination: pass the last number of a page; with --sort number only)'
            cand --columns 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --orphaned 'Only the orphans the next `token expire` sets not_effective: linked once, linked to nothing for longer than the definition''s expiry.orphan_grace, where automation.orphans_not_effective is on'
            cand --all 'Every matching token'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;show'= {
            cand --identifier 'Find the token by its identifier (case-insensitive)'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --auth-code-stdin 'Find the token by the authentication code read from standard input'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;set-state'= {
            cand --identifier 'Pick the token by its identifier instead of its number (case-insensitive)'
            cand --reason 'Why, for the audit log'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --force 'Make a pending_verification token effective without verification (audited as forced)'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tokenadm;token;delete'= {
            cand --identifier 'Pick the token by its identifier instead (case-insensitive)'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;reset-passcode'= {
            cand --identifier 'Find the token by its identifier'
            cand --output 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --pass-code-stdin 'Read the new pass code from standard input'
            cand --prompt 'Ask for the new pass code on the terminal, twice, without echo'
            cand --notify 'Send the on_reset message with the new pass code to the token''s holder'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;rotate'= {
            cand --identifier 'Pick the token by its identifier instead (case-insensitive)'
            cand --grace 'Keep the old code working this long (e.g. 1h) while clients switch; default: it stops now'
            cand --output 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;resend-code'= {
            cand --identifier 'Pick the token by its identifier instead (case-insensitive)'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;link'= {
            cand --identifier 'Pick the token by its identifier instead (case-insensitive)'
            cand --account 'The account'
            cand --participant 'The participant'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;unlink'= {
            cand --identifier 'Pick the token by its identifier instead (case-insensitive)'
            cand --account 'The account'
            cand --participant 'The participant'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;token;expire'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --dry-run 'Only show what would change and which warnings would be queued'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tokenadm;token;help'= {
            cand new 'Issue a token; generated secrets are printed once, under "secrets"'
            cand import 'Issue one token per row of a CSV or JSON Lines file: all rows or none'
            cand list 'List tokens in number order (50 at a time unless --limit or --all)'
            cand show 'Show one token, found by number, identifier or authentication code'
            cand set-state 'Change a token''s life cycle state (effective, not_effective; pending tokens need --force)'
            cand delete 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)'
            cand reset-passcode 'Set a new pass code on an effective token: given, or generated and printed once'
            cand rotate 'Give an effective token a new authentication code, printed once'
            cand resend-code 'Issue a new verification code to a pending token and queue it for delivery'
            cand link 'Link a token to an account or a participant'
            cand unlink 'Unlink a token from an account or a participant'
            cand expire 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;token;help;new'= {
        }
        &'tokenadm;token;help;import'= {
        }
        &'tokenadm;token;help;list'= {
        }
        &'tokenadm;token;help;show'= {
        }
        &'tokenadm;token;help;set-state'= {
        }
        &'tokenadm;token;help;delete'= {
        }
        &'tokenadm;token;help;reset-passcode'= {
        }
        &'tokenadm;token;help;rotate'= {
        }
        &'tokenadm;token;help;resend-code'= {
        }
        &'tokenadm;token;help;link'= {
        }
        &'tokenadm;token;help;unlink'= {
        }
        &'tokenadm;token;help;expire'= {
        }
        &'tokenadm;token;help;help'= {
        }
        &'tokenadm;auth'= {
            cand --identifier 'Authenticate with this identifier and its pass code instead of an authentication code'
            cand --output 'With --session: write the session token to FILE instead of standard output, created mode 0600, never over an existing file'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --session 'Print a session token (an HS256 JWT signed with this database''s key) instead of the token record; with -q, only the session token'
            cand --prompt 'Ask for the secret on the terminal, without echo'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tokenadm;session'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Check a session token read from standard input and print its claims'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;session;verify'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tokenadm;session;help'= {
            cand verify 'Check a session token read from standard input and print its claims'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;session;help;verify'= {
        }
        &'tokenadm;session;help;help'= {
        }
        &'tokenadm;definition'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the definitions (latest version of each) and which one is active'
            cand show 'Print a definition''s TOML (the active one unless NAME is given)'
            cand edit 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version'
            cand apply 'Store a definition; a changed one becomes a new version (with --activate, the active one)'
            cand activate 'Make a definition the active one: new tokens are issued under its latest version'
            cand history 'List every version of a definition, oldest first'
            cand validate 'Check a definition file (syntax, keys, rules) without touching the database'
            cand check 'Show the tokens that break the current version of their definition or classification'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;definition;list'= {
            cand --columns 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;definition;show'= {
            cand --version 'A past version instead of the latest'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;definition;edit'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;definition;apply'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --activate 'Also make it the active definition, in the same transaction'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;definition;activate'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;definition;history'= {
            cand --columns 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;definition;validate'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;definition;check'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tokenadm;definition;help'= {
            cand list 'List the definitions (latest version of each) and which one is active'
            cand show 'Print a definition''s TOML (the active one unless NAME is given)'
            cand edit 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version'
            cand apply 'Store a definition; a changed one becomes a new version (with --activate, the active one)'
            cand activate 'Make a definition the active one: new tokens are issued under its latest version'
            cand history 'List every version of a definition, oldest first'
            cand validate 'Check a definition file (syntax, keys, rules) without touching the database'
            cand check 'Show the tokens that break the current version of their definition or classification'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;definition;help;list'= {
        }
        &'tokenadm;definition;help;show'= {
        }
        &'tokenadm;definition;help;edit'= {
        }
        &'tokenadm;definition;help;apply'= {
        }
        &'tokenadm;definition;help;activate'= {
        }
        &'tokenadm;definition;help;history'= {
        }
        &'tokenadm;definition;help;validate'= {
        }
        &'tokenadm;definition;help;check'= {
        }
        &'tokenadm;definition;help;help'= {
        }
        &'tokenadm;account'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add an account'
            cand list 'List accounts'
            cand show 'Show one account'
            cand remove 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first'
            cand import 'Add and update accounts from a CRM''s CSV export (id, name, email, phone; header row)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;account;add'= {
            cand --name 'The account holder''s name'
            cand --email 'Where email messages for its tokens go'
            cand --phone 'Where SMS messages for its tokens go, as + and 7 to 15 digits'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;account;list'= {
            cand --columns 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;account;show'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;account;remove'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;account;import'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --prune 'Also remove the accounts that are not in the file (the nightly sync); asks first'
            cand --dry-run 'Only show what would change'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;account;help'= {
            cand add 'Add an account'
            cand list 'List accounts'
            cand show 'Show one account'
            cand remove 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first'
            cand import 'Add and update accounts from a CRM''s CSV export (id, name, email, phone; header row)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;account;help;add'= {
        }
        &'tokenadm;account;help;list'= {
        }
        &'tokenadm;account;help;show'= {
        }
        &'tokenadm;account;help;remove'= {
        }
        &'tokenadm;account;help;import'= {
        }
        &'tokenadm;account;help;help'= {
        }
        &'tokenadm;participant'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a participant of an account'
            cand list 'List participants'
            cand show 'Show one participant'
            cand remove 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;participant;add'= {
            cand --account 'The account the participant belongs to'
            cand --name 'The participant''s name'
            cand --email 'Where email messages for its tokens go'
            cand --phone 'Where SMS messages for its tokens go, as + and 7 to 15 digits'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;participant;list'= {
            cand --account 'Only the participants of this account'
            cand --columns 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;participant;show'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;participant;remove'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;participant;help'= {
            cand add 'Add a participant of an account'
            cand list 'List participants'
            cand show 'Show one participant'
            cand remove 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;participant;help;add'= {
        }
        &'tokenadm;participant;help;list'= {
        }
        &'tokenadm;participant;help;show'= {
        }
        &'tokenadm;participant;help;remove'= {
        }
        &'tokenadm;participant;help;help'= {
        }
        &'tokenadm;verify'= {
            cand --identifier 'Pick the token by its identifier instead (case-insensitive)'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand --code-stdin 'Read the code from standard input instead of asking on the terminal'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;outbox'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the messages in the outbox, oldest first (never their bodies)'
            cand show 'Show one message, with its body until it is sent or fails for good'
            cand deliver 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;outbox;list'= {
            cand --status 'Only messages in this status'
            cand --token 'Only messages about this token'
            cand --columns 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;outbox;show'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;outbox;deliver'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;outbox;help'= {
            cand list 'List the messages in the outbox, oldest first (never their bodies)'
            cand show 'Show one message, with its body until it is sent or fails for good'
            cand deliver 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;outbox;help;list'= {
        }
        &'tokenadm;outbox;help;show'= {
        }
        &'tokenadm;outbox;help;deliver'= {
        }
        &'tokenadm;outbox;help;help'= {
        }
        &'tokenadm;audit'= {
            cand --token 'Only entries about this token, with the one that created it (for a token of an import or --count, the batch''s one entry)'
            cand --action 'Only entries of this action, e.g. token.create'
            cand --since 'Only entries at or after this instant: RFC 3339 (2026-11-01T00:00:00Z), or a duration back from now (24h, 7d)'
            cand --until 'Only entries at or before this instant: RFC 3339, or a duration back from now'
            cand --limit 'Only the newest N entries'
            cand --columns 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Check the audit log''s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)'
            cand head 'Print the last entry''s id and hash, to keep elsewhere and check with verify --anchor'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;audit;verify'= {
            cand --anchor 'Also check that entry ID still has HASH, as `audit head` printed them earlier and they were kept where the database''s writers cannot reach'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;audit;head'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;audit;help'= {
            cand verify 'Check the audit log''s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)'
            cand head 'Print the last entry''s id and hash, to keep elsewhere and check with verify --anchor'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;audit;help;verify'= {
        }
        &'tokenadm;audit;help;head'= {
        }
        &'tokenadm;audit;help;help'= {
        }
        &'tokenadm;check'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;completions'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;app-key'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'Make a key; it is printed once, under secrets.key, and only its digest is kept'
            cand list 'List the keys, live and revoked'
            cand show 'Show one key (never the key itself)'
            cand revoke 'Revoke a key: the server refuses it from its next request on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;app-key;new'= {
            cand --name 'What the key is for (1 to 200 characters); the audit log names its logins'' actor so'
            cand --output 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;app-key;list'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;app-key;show'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;app-key;revoke'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;app-key;help'= {
            cand new 'Make a key; it is printed once, under secrets.key, and only its digest is kept'
            cand list 'List the keys, live and revoked'
            cand show 'Show one key (never the key itself)'
            cand revoke 'Revoke a key: the server refuses it from its next request on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;app-key;help;new'= {
        }
        &'tokenadm;app-key;help;list'= {
        }
        &'tokenadm;app-key;help;show'= {
        }
        &'tokenadm;app-key;help;revoke'= {
        }
        &'tokenadm;app-key;help;help'= {
        }
        &'tokenadm;serve'= {
            cand --listen 'Listen on this address [default: [serve] listen, else 127.0.0.1:8080]; port 0 picks a free one, named in the first log line'
            cand --tls-cert 'Serve HTTPS with this PEM certificate chain (with --tls-key)'
            cand --tls-key 'The PEM private key of --tls-cert'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tokenadm;db'= {
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand copy 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy''s audit log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;db;copy'= {
            cand --to 'Where to copy to: a SQLite file that does not exist yet, or postgres://… naming an empty database (its password from PGPASSWORD, never on the command line)'
            cand --db 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]'
            cand --format 'Output format'
            cand --actor 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]'
            cand --config 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]'
            cand -y 'Answer yes to confirmations'
            cand --yes 'Answer yes to confirmations'
            cand -q 'Print only what a script needs: the record, or nothing'
            cand --quiet 'Print only what a script needs: the record, or nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tokenadm;db;help'= {
            cand copy 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy''s audit log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;db;help;copy'= {
        }
        &'tokenadm;db;help;help'= {
        }
        &'tokenadm;help'= {
            cand init 'Create the database, with the built-in default definition active'
            cand status 'Show the database at a glance: tokens by state, what is due, the outbox, the audit head'
            cand token 'Issue, find and manage access tokens'
            cand auth 'Authenticate with a token''s authentication code, or with --identifier its pass code'
            cand session 'Check session tokens made by tokenadm auth --session'
            cand definition 'Manage access token definitions (TOML, versioned in the database)'
            cand account 'Manage accounts (Accounts Receivable)'
            cand participant 'Manage participants (Rewards Participants)'
            cand verify 'Verify a pending token with the code that was sent to its holder'
            cand outbox 'Messages queued for delivery: list, show, send'
            cand audit 'Show the audit log (oldest first), or check its hash chain'
            cand check 'Read a code on standard input and say, by its checksum alone, whether it is well-formed'
            cand completions 'Print the shell completion script for SHELL'
            cand app-key 'Manage consumer application keys, which apps present to tokenadm serve'
            cand serve 'Serve the Web API: the seeds'' login with consumer application keys'
            cand db 'The database as a whole: copy it to another engine or host'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tokenadm;help;init'= {
        }
        &'tokenadm;help;status'= {
        }
        &'tokenadm;help;token'= {
            cand new 'Issue a token; generated secrets are printed once, under "secrets"'
            cand import 'Issue one token per row of a CSV or JSON Lines file: all rows or none'
            cand list 'List tokens in number order (50 at a time unless --limit or --all)'
            cand show 'Show one token, found by number, identifier or authentication code'
            cand set-state 'Change a token''s life cycle state (effective, not_effective; pending tokens need --force)'
            cand delete 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)'
            cand reset-passcode 'Set a new pass code on an effective token: given, or generated and printed once'
            cand rotate 'Give an effective token a new authentication code, printed once'
            cand resend-code 'Issue a new verification code to a pending token and queue it for delivery'
            cand link 'Link a token to an account or a participant'
            cand unlink 'Unlink a token from an account or a participant'
            cand expire 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run'
        }
        &'tokenadm;help;token;new'= {
        }
        &'tokenadm;help;token;import'= {
        }
        &'tokenadm;help;token;list'= {
        }
        &'tokenadm;help;token;show'= {
        }
        &'tokenadm;help;token;set-state'= {
        }
        &'tokenadm;help;token;delete'= {
        }
        &'tokenadm;help;token;reset-passcode'= {
        }
        &'tokenadm;help;token;rotate'= {
        }
        &'tokenadm;help;token;resend-code'= {
        }
        &'tokenadm;help;token;link'= {
        }
        &'tokenadm;help;token;unlink'= {
        }
        &'tokenadm;help;token;expire'= {
        }
        &'tokenadm;help;auth'= {
        }
        &'tokenadm;help;session'= {
            cand verify 'Check a session token read from standard input and print its claims'
        }
        &'tokenadm;help;session;verify'= {
        }
        &'tokenadm;help;definition'= {
            cand list 'List the definitions (latest version of each) and which one is active'
            cand show 'Print a definition''s TOML (the active one unless NAME is given)'
            cand edit 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version'
            cand apply 'Store a definition; a changed one becomes a new version (with --activate, the active one)'
            cand activate 'Make a definition the active one: new tokens are issued under its latest version'
            cand history 'List every version of a definition, oldest first'
            cand validate 'Check a definition file (syntax, keys, rules) without touching the database'
            cand check 'Show the tokens that break the current version of their definition or classification'
        }
        &'tokenadm;help;definition;list'= {
        }
        &'tokenadm;help;definition;show'= {
        }
        &'tokenadm;help;definition;edit'= {
        }
        &'tokenadm;help;definition;apply'= {
        }
        &'tokenadm;help;definition;activate'= {
        }
        &'tokenadm;help;definition;history'= {
        }
        &'tokenadm;help;definition;validate'= {
        }
        &'tokenadm;help;definition;check'= {
        }
        &'tokenadm;help;account'= {
            cand add 'Add an account'
            cand list 'List accounts'
            cand show 'Show one account'
            cand remove 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first'
            cand import 'Add and update accounts from a CRM''s CSV export (id, name, email, phone; header row)'
        }
        &'tokenadm;help;account;add'= {
        }
        &'tokenadm;help;account;list'= {
        }
        &'tokenadm;help;account;show'= {
        }
        &'tokenadm;help;account;remove'= {
        }
        &'tokenadm;help;account;import'= {
        }
        &'tokenadm;help;participant'= {
            cand add 'Add a participant of an account'
            cand list 'List participants'
            cand show 'Show one participant'
            cand remove 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first'
        }
        &'tokenadm;help;participant;add'= {
        }
        &'tokenadm;help;participant;list'= {
        }
        &'tokenadm;help;participant;show'= {
        }
        &'tokenadm;help;participant;remove'= {
        }
        &'tokenadm;help;verify'= {
        }
        &'tokenadm;help;outbox'= {
            cand list 'List the messages in the outbox, oldest first (never their bodies)'
            cand show 'Show one message, with its body until it is sent or fails for good'
            cand deliver 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent'
        }
        &'tokenadm;help;outbox;list'= {
        }
        &'tokenadm;help;outbox;show'= {
        }
        &'tokenadm;help;outbox;deliver'= {
        }
        &'tokenadm;help;audit'= {
            cand verify 'Check the audit log''s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)'
            cand head 'Print the last entry''s id and hash, to keep elsewhere and check with verify --anchor'
        }
        &'tokenadm;help;audit;verify'= {
        }
        &'tokenadm;help;audit;head'= {
        }
        &'tokenadm;help;check'= {
        }
        &'tokenadm;help;completions'= {
        }
        &'tokenadm;help;app-key'= {
            cand new 'Make a key; it is printed once, under secrets.key, and only its digest is kept'
            cand list 'List the keys, live and revoked'
            cand show 'Show one key (never the key itself)'
            cand revoke 'Revoke a key: the server refuses it from its next request on'
        }
        &'tokenadm;help;app-key;new'= {
        }
        &'tokenadm;help;app-key;list'= {
        }
        &'tokenadm;help;app-key;show'= {
        }
        &'tokenadm;help;app-key;revoke'= {
        }
        &'tokenadm;help;serve'= {
        }
        &'tokenadm;help;db'= {
            cand copy 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy''s audit log'
        }
        &'tokenadm;help;db;copy'= {
        }
        &'tokenadm;help;help'= {
        }
    ]
    $completions[$command]
}
