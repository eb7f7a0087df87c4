# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tokenadm_global_optspecs
    string join \n db= format= actor= y/yes q/quiet config= h/help V/version
end

function __fish_tokenadm_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tokenadm_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tokenadm_using_subcommand
    set -l cmd (__fish_tokenadm_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tokenadm -n "__fish_tokenadm_needs_command" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_needs_command" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_needs_command" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_needs_command" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_needs_command" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -s V -l version -d 'Print version'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "init" -d 'Create the database, with the built-in default definition active'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "status" -d 'Show the database at a glance: tokens by state, what is due, the outbox, the audit head'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "token" -d 'Issue, find and manage access tokens'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "auth" -d 'Authenticate with a token\'s authentication code, or with --identifier its pass code'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "session" -d 'Check session tokens made by tokenadm auth --session'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "definition" -d 'Manage access token definitions (TOML, versioned in the database)'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "account" -d 'Manage accounts (Accounts Receivable)'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "participant" -d 'Manage participants (Rewards Participants)'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "verify" -d 'Verify a pending token with the code that was sent to its holder'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "outbox" -d 'Messages queued for delivery: list, show, send'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "audit" -d 'Show the audit log (oldest first), or check its hash chain'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "check" -d 'Read a code on standard input and say, by its checksum alone, whether it is well-formed'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "completions" -d 'Print the shell completion script for SHELL'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "app-key" -d 'Manage consumer application keys, which apps present to tokenadm serve'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "serve" -d 'Serve the Web API: the seeds\' login with consumer application keys'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "db" -d 'The database as a whole: copy it to another engine or host'
complete -c tokenadm -n "__fish_tokenadm_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -l definition -d 'Apply this definition (TOML) and make it the active one' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand init" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand status" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand status" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand status" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand status" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand status" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand status" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand status" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "new" -d 'Issue a token; generated secrets are printed once, under "secrets"'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "import" -d 'Issue one token per row of a CSV or JSON Lines file: all rows or none'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "list" -d 'List tokens in number order (50 at a time unless --limit or --all)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "show" -d 'Show one token, found by number, identifier or authentication code'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "set-state" -d 'Change a token\'s life cycle state (effective, not_effective; pending tokens need --force)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "delete" -d 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "reset-passcode" -d 'Set a new pass code on an effective token: given, or generated and printed once'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "rotate" -d 'Give an effective token a new authentication code, printed once'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "resend-code" -d 'Issue a new verification code to a pending token and queue it for delivery'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "link" -d 'Link a token to an account or a participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "unlink" -d 'Unlink a token from an account or a participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "expire" -d 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and not __fish_seen_subcommand_from new import list show set-state delete reset-passcode rotate resend-code link unlink expire help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l identifier -d 'The identifier (e.g. an email address), validated against the definition' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l name -d 'A label for the token; fixed once created' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l classification -d 'A classification of the active definition; its settings apply to the token' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l account -d 'Link the token to this account' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l participant -d 'Link the token to this participant' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l expires-in -d 'Expire the token after this long (30m, 12h, 90d) instead of the definition\'s default_ttl' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l count -d 'Issue N tokens at once, each with its own generated authentication code' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l output -d 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l pass-code-stdin -d 'Read the pass code from standard input (first line)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l prompt -d 'Ask for the pass code on the terminal, twice, without echo'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l generate-pass-code -d 'Generate a pass code to the definition\'s policy'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l auth-code-stdin -d 'Read a custom authentication code from standard input (after the pass code, if both)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -l skip-verification -d 'Issue the token effective even where the definition requires verification (audited)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -l input -d 'The file\'s format [default: from its name (.csv, .jsonl, .ndjson); csv for -]' -r -f -a "csv\t''
jsonl\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -l output -d 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l state -d 'Only tokens in this state (repeatable)' -r -f -a "effective\t''
not_effective\t''
pending_verification\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l account -d 'Only tokens linked to this account' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l participant -d 'Only tokens linked to this participant' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l classification -d 'Only tokens of this classification' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l expiring-within -d 'Only tokens (not yet not_effective) that expire within this long, or already have, and pending ones whose verification code lapses by then' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l search -d 'Only tokens whose number, identifier or name contains this text (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l limit -d 'At most N tokens' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l created-since -d 'Only tokens created at or after this instant: RFC 3339, or a duration back from now (24h, 7d)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l sort -d 'The order: by number (as issued), created (oldest first), expires (soonest first, never last), last-used (most recent first, never used last)' -r -f -a "number\t''
created\t''
expires\t''
last-used\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l after -d 'Start after this token number (keyset pagination: pass the last number of a page; with --sort number only)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l columns -d 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l orphaned -d 'Only the orphans the next `token expire` sets not_effective: linked once, linked to nothing for longer than the definition\'s expiry.orphan_grace, where automation.orphans_not_effective is on'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -l all -d 'Every matching token'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -l identifier -d 'Find the token by its identifier (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -l auth-code-stdin -d 'Find the token by the authentication code read from standard input'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -l identifier -d 'Pick the token by its identifier instead of its number (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -l reason -d 'Why, for the audit log' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -l force -d 'Make a pending_verification token effective without verification (audited as forced)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from set-state" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -l identifier -d 'Pick the token by its identifier instead (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l identifier -d 'Find the token by its identifier' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l output -d 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l pass-code-stdin -d 'Read the new pass code from standard input'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l prompt -d 'Ask for the new pass code on the terminal, twice, without echo'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -l notify -d 'Send the on_reset message with the new pass code to the token\'s holder'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from reset-passcode" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -l identifier -d 'Pick the token by its identifier instead (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -l grace -d 'Keep the old code working this long (e.g. 1h) while clients switch; default: it stops now' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -l output -d 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -l identifier -d 'Pick the token by its identifier instead (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from resend-code" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -l identifier -d 'Pick the token by its identifier instead (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -l account -d 'The account' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -l participant -d 'The participant' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -l identifier -d 'Pick the token by its identifier instead (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -l account -d 'The account' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -l participant -d 'The participant' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from unlink" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -l dry-run -d 'Only show what would change and which warnings would be queued'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from expire" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "new" -d 'Issue a token; generated secrets are printed once, under "secrets"'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "import" -d 'Issue one token per row of a CSV or JSON Lines file: all rows or none'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tokens in number order (50 at a time unless --limit or --all)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one token, found by number, identifier or authentication code'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "set-state" -d 'Change a token\'s life cycle state (effective, not_effective; pending tokens need --force)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "reset-passcode" -d 'Set a new pass code on an effective token: given, or generated and printed once'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Give an effective token a new authentication code, printed once'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "resend-code" -d 'Issue a new verification code to a pending token and queue it for delivery'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "link" -d 'Link a token to an account or a participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "unlink" -d 'Unlink a token from an account or a participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "expire" -d 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l identifier -d 'Authenticate with this identifier and its pass code instead of an authentication code' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l output -d 'With --session: write the session token to FILE instead of standard output, created mode 0600, never over an existing file' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l session -d 'Print a session token (an HS256 JWT signed with this database\'s key) instead of the token record; with -q, only the session token'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -l prompt -d 'Ask for the secret on the terminal, without echo'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand auth" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Check a session token read from standard input and print its claims'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from verify" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from verify" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from verify" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from verify" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a session token read from standard input and print its claims'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "list" -d 'List the definitions (latest version of each) and which one is active'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "show" -d 'Print a definition\'s TOML (the active one unless NAME is given)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "edit" -d 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "apply" -d 'Store a definition; a changed one becomes a new version (with --activate, the active one)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "activate" -d 'Make a definition the active one: new tokens are issued under its latest version'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "history" -d 'List every version of a definition, oldest first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "validate" -d 'Check a definition file (syntax, keys, rules) without touching the database'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "check" -d 'Show the tokens that break the current version of their definition or classification'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and not __fish_seen_subcommand_from list show edit apply activate history validate check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -l columns -d 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -l version -d 'A past version instead of the latest' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from edit" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from edit" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from edit" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from edit" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from edit" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -l activate -d 'Also make it the active definition, in the same transaction'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from activate" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from activate" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from activate" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from activate" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from activate" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from activate" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from activate" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -l columns -d 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from validate" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from validate" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from validate" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from validate" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from validate" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from check" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from check" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from check" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from check" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the definitions (latest version of each) and which one is active'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a definition\'s TOML (the active one unless NAME is given)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Store a definition; a changed one becomes a new version (with --activate, the active one)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "activate" -d 'Make a definition the active one: new tokens are issued under its latest version'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "history" -d 'List every version of a definition, oldest first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check a definition file (syntax, keys, rules) without touching the database'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "check" -d 'Show the tokens that break the current version of their definition or classification'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand definition; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -f -a "add" -d 'Add an account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -f -a "list" -d 'List accounts'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -f -a "show" -d 'Show one account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -f -a "remove" -d 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -f -a "import" -d 'Add and update accounts from a CRM\'s CSV export (id, name, email, phone; header row)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and not __fish_seen_subcommand_from add list show remove import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -l name -d 'The account holder\'s name' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -l email -d 'Where email messages for its tokens go' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -l phone -d 'Where SMS messages for its tokens go, as + and 7 to 15 digits' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -l columns -d 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from show" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from show" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from show" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from remove" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from remove" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from remove" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from remove" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -l prune -d 'Also remove the accounts that are not in the file (the nightly sync); asks first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -l dry-run -d 'Only show what would change'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "list" -d 'List accounts'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add and update accounts from a CRM\'s CSV export (id, name, email, phone; header row)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -f -a "add" -d 'Add a participant of an account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -f -a "list" -d 'List participants'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -f -a "show" -d 'Show one participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -f -a "remove" -d 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and not __fish_seen_subcommand_from add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l account -d 'The account the participant belongs to' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l name -d 'The participant\'s name' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l email -d 'Where email messages for its tokens go' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l phone -d 'Where SMS messages for its tokens go, as + and 7 to 15 digits' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -l account -d 'Only the participants of this account' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -l columns -d 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from show" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from show" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from show" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from remove" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from remove" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from remove" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from remove" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a participant of an account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from help" -f -a "list" -d 'List participants'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand participant; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -l identifier -d 'Pick the token by its identifier instead (case-insensitive)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -l code-stdin -d 'Read the code from standard input instead of asking on the terminal'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand verify" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -f -a "list" -d 'List the messages in the outbox, oldest first (never their bodies)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -f -a "show" -d 'Show one message, with its body until it is sent or fails for good'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -f -a "deliver" -d 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and not __fish_seen_subcommand_from list show deliver help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -l status -d 'Only messages in this status' -r -f -a "pending\t''
sending\t''
sent\t''
failed\t''
cancelled\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -l token -d 'Only messages about this token' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -l columns -d 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from show" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from show" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from show" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from deliver" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the messages in the outbox, oldest first (never their bodies)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one message, with its body until it is sent or fails for good'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "deliver" -d 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l token -d 'Only entries about this token, with the one that created it (for a token of an import or --count, the batch\'s one entry)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l action -d 'Only entries of this action, e.g. token.create' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l since -d 'Only entries at or after this instant: RFC 3339 (2026-11-01T00:00:00Z), or a duration back from now (24h, 7d)' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l until -d 'Only entries at or before this instant: RFC 3339, or a duration back from now' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l limit -d 'Only the newest N entries' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l columns -d 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -f -a "verify" -d 'Check the audit log\'s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -f -a "head" -d 'Print the last entry\'s id and hash, to keep elsewhere and check with verify --anchor'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and not __fish_seen_subcommand_from verify head help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -l anchor -d 'Also check that entry ID still has HASH, as `audit head` printed them earlier and they were kept where the database\'s writers cannot reach' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from head" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from head" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from head" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from head" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from head" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from head" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the audit log\'s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "head" -d 'Print the last entry\'s id and hash, to keep elsewhere and check with verify --anchor'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand check" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand check" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand check" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand check" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand check" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand check" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand check" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand completions" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand completions" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand completions" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand completions" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand completions" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -f -a "new" -d 'Make a key; it is printed once, under secrets.key, and only its digest is kept'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -f -a "list" -d 'List the keys, live and revoked'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -f -a "show" -d 'Show one key (never the key itself)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -f -a "revoke" -d 'Revoke a key: the server refuses it from its next request on'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and not __fish_seen_subcommand_from new list show revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -l name -d 'What the key is for (1 to 200 characters); the audit log names its logins\' actor so' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -l output -d 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from list" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from list" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from list" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from show" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from show" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from show" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from revoke" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from revoke" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from revoke" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from revoke" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from help" -f -a "new" -d 'Make a key; it is printed once, under secrets.key, and only its digest is kept'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keys, live and revoked'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one key (never the key itself)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a key: the server refuses it from its next request on'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand app-key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -l listen -d 'Listen on this address [default: [serve] listen, else 127.0.0.1:8080]; port 0 picks a free one, named in the first log line' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -l tls-cert -d 'Serve HTTPS with this PEM certificate chain (with --tls-key)' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -l tls-key -d 'The PEM private key of --tls-cert' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -f -a "copy" -d 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy\'s audit log'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and not __fish_seen_subcommand_from copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -l to -d 'Where to copy to: a SQLite file that does not exist yet, or postgres://… naming an empty database (its password from PGPASSWORD, never on the command line)' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -l db -d 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -l actor -d 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]' -r
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -l config -d 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]' -r -F
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -s y -l yes -d 'Answer yes to confirmations'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print only what a script needs: the record, or nothing'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy\'s audit log'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "init" -d 'Create the database, with the built-in default definition active'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "status" -d 'Show the database at a glance: tokens by state, what is due, the outbox, the audit head'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "token" -d 'Issue, find and manage access tokens'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "auth" -d 'Authenticate with a token\'s authentication code, or with --identifier its pass code'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "session" -d 'Check session tokens made by tokenadm auth --session'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "definition" -d 'Manage access token definitions (TOML, versioned in the database)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "account" -d 'Manage accounts (Accounts Receivable)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "participant" -d 'Manage participants (Rewards Participants)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "verify" -d 'Verify a pending token with the code that was sent to its holder'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "outbox" -d 'Messages queued for delivery: list, show, send'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "audit" -d 'Show the audit log (oldest first), or check its hash chain'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "check" -d 'Read a code on standard input and say, by its checksum alone, whether it is well-formed'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "completions" -d 'Print the shell completion script for SHELL'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "app-key" -d 'Manage consumer application keys, which apps present to tokenadm serve'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "serve" -d 'Serve the Web API: the seeds\' login with consumer application keys'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "db" -d 'The database as a whole: copy it to another engine or host'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and not __fish_seen_subcommand_from init status token auth session definition account participant verify outbox audit check completions app-key serve db help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "new" -d 'Issue a token; generated secrets are printed once, under "secrets"'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "import" -d 'Issue one token per row of a CSV or JSON Lines file: all rows or none'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List tokens in number order (50 at a time unless --limit or --all)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "show" -d 'Show one token, found by number, identifier or authentication code'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "set-state" -d 'Change a token\'s life cycle state (effective, not_effective; pending tokens need --force)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "delete" -d 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "reset-passcode" -d 'Set a new pass code on an effective token: given, or generated and printed once'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "rotate" -d 'Give an effective token a new authentication code, printed once'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "resend-code" -d 'Issue a new verification code to a pending token and queue it for delivery'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "link" -d 'Link a token to an account or a participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "unlink" -d 'Unlink a token from an account or a participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "expire" -d 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "verify" -d 'Check a session token read from standard input and print its claims'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "list" -d 'List the definitions (latest version of each) and which one is active'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "show" -d 'Print a definition\'s TOML (the active one unless NAME is given)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "edit" -d 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "apply" -d 'Store a definition; a changed one becomes a new version (with --activate, the active one)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "activate" -d 'Make a definition the active one: new tokens are issued under its latest version'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "history" -d 'List every version of a definition, oldest first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "validate" -d 'Check a definition file (syntax, keys, rules) without touching the database'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from definition" -f -a "check" -d 'Show the tokens that break the current version of their definition or classification'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "add" -d 'Add an account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "list" -d 'List accounts'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "show" -d 'Show one account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "remove" -d 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "import" -d 'Add and update accounts from a CRM\'s CSV export (id, name, email, phone; header row)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from participant" -f -a "add" -d 'Add a participant of an account'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from participant" -f -a "list" -d 'List participants'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from participant" -f -a "show" -d 'Show one participant'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from participant" -f -a "remove" -d 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "list" -d 'List the messages in the outbox, oldest first (never their bodies)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "show" -d 'Show one message, with its body until it is sent or fails for good'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "deliver" -d 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the audit log\'s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "head" -d 'Print the last entry\'s id and hash, to keep elsewhere and check with verify --anchor'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from app-key" -f -a "new" -d 'Make a key; it is printed once, under secrets.key, and only its digest is kept'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from app-key" -f -a "list" -d 'List the keys, live and revoked'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from app-key" -f -a "show" -d 'Show one key (never the key itself)'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from app-key" -f -a "revoke" -d 'Revoke a key: the server refuses it from its next request on'
complete -c tokenadm -n "__fish_tokenadm_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "copy" -d 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy\'s audit log'
