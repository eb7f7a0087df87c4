
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tokenadm' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tokenadm'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tokenadm' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database, with the built-in default definition active')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the database at a glance: tokens by state, what is due, the outbox, the audit head')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Issue, find and manage access tokens')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Authenticate with a token''s authentication code, or with --identifier its pass code')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Check session tokens made by tokenadm auth --session')
            [CompletionResult]::new('definition', 'definition', [CompletionResultType]::ParameterValue, 'Manage access token definitions (TOML, versioned in the database)')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'Manage accounts (Accounts Receivable)')
            [CompletionResult]::new('participant', 'participant', [CompletionResultType]::ParameterValue, 'Manage participants (Rewards Participants)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a pending token with the code that was sent to its holder')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Messages queued for delivery: list, show, send')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the audit log (oldest first), or check its hash chain')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read a code on standard input and say, by its checksum alone, whether it is well-formed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL')
            [CompletionResult]::new('app-key', 'app-key', [CompletionResultType]::ParameterValue, 'Manage consumer application keys, which apps present to tokenadm serve')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the Web API: the seeds'' login with consumer application keys')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database as a whole: copy it to another engine or host')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;init' {
            [CompletionResult]::new('--definition', '--definition', [CompletionResultType]::ParameterName, 'Apply this definition (TOML) and make it the active one')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Issue a token; generated secrets are printed once, under "secrets"')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Issue one token per row of a CSV or JSON Lines file: all rows or none')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens in number order (50 at a time unless --limit or --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one token, found by number, identifier or authentication code')
            [CompletionResult]::new('set-state', 'set-state', [CompletionResultType]::ParameterValue, 'Change a token''s life cycle state (effective, not_effective; pending tokens need --force)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)')
            [CompletionResult]::new('reset-passcode', 'reset-passcode', [CompletionResultType]::ParameterValue, 'Set a new pass code on an effective token: given, or generated and printed once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give an effective token a new authentication code, printed once')
            [CompletionResult]::new('resend-code', 'resend-code', [CompletionResultType]::ParameterValue, 'Issue a new verification code to a pending token and queue it for delivery')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a token to an account or a participant')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Unlink a token from an account or a participant')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;token;new' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'The identifier (e.g. an email address), validated against the definition')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A label for the token; fixed once created')
            [CompletionResult]::new('--classification', '--classification', [CompletionResultType]::ParameterName, 'A classification of the active definition; its settings apply to the token')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Link the token to this account')
            [CompletionResult]::new('--participant', '--participant', [CompletionResultType]::ParameterName, 'Link the token to this participant')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire the token after this long (30m, 12h, 90d) instead of the definition''s default_ttl')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Issue N tokens at once, each with its own generated authentication code')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--pass-code-stdin', '--pass-code-stdin', [CompletionResultType]::ParameterName, 'Read the pass code from standard input (first line)')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'Ask for the pass code on the terminal, twice, without echo')
            [CompletionResult]::new('--generate-pass-code', '--generate-pass-code', [CompletionResultType]::ParameterName, 'Generate a pass code to the definition''s policy')
            [CompletionResult]::new('--auth-code-stdin', '--auth-code-stdin', [CompletionResultType]::ParameterName, 'Read a custom authentication code from standard input (after the pass code, if both)')
            [CompletionResult]::new('--skip-verification', '--skip-verification', [CompletionResultType]::ParameterName, 'Issue the token effective even where the definition requires verification (audited)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;import' {
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The file''s format [default: from its name (.csv, .jsonl, .ndjson); csv for -]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tokenadm;token;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only tokens in this state (repeatable)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only tokens linked to this account')
            [CompletionResult]::new('--participant', '--participant', [CompletionResultType]::ParameterName, 'Only tokens linked to this participant')
            [CompletionResult]::new('--classification', '--classification', [CompletionResultType]::ParameterName, 'Only tokens of this classification')
            [CompletionResult]::new('--expiring-within', '--expiring-within', [CompletionResultType]::ParameterName, 'Only tokens (not yet not_effective) that expire within this long, or already have, and pending ones whose verification code lapses by then')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only tokens whose number, identifier or name contains this text (case-insensitive)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N tokens')
            [CompletionResult]::new('--created-since', '--created-since', [CompletionResultType]::ParameterName, 'Only tokens created at or after this instant: RFC 3339, or a duration back from now (24h, 7d)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'The order: by number (as issued), created (oldest first), expires (soonest first, never last), last-used (most recent first, never used last)')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Start after this token number (keyset pagination: pass the last number of a page; with --sort number only)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--orphaned', '--orphaned', [CompletionResultType]::ParameterName, 'Only the orphans the next `token expire` sets not_effective: linked once, linked to nothing for longer than the definition''s expiry.orphan_grace, where automation.orphans_not_effective is on')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every matching token')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;show' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Find the token by its identifier (case-insensitive)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--auth-code-stdin', '--auth-code-stdin', [CompletionResultType]::ParameterName, 'Find the token by the authentication code read from standard input')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;set-state' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Pick the token by its identifier instead of its number (case-insensitive)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, for the audit log')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Make a pending_verification token effective without verification (audited as forced)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tokenadm;token;delete' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Pick the token by its identifier instead (case-insensitive)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;reset-passcode' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Find the token by its identifier')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--pass-code-stdin', '--pass-code-stdin', [CompletionResultType]::ParameterName, 'Read the new pass code from standard input')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'Ask for the new pass code on the terminal, twice, without echo')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Send the on_reset message with the new pass code to the token''s holder')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;rotate' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Pick the token by its identifier instead (case-insensitive)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Keep the old code working this long (e.g. 1h) while clients switch; default: it stops now')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;resend-code' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Pick the token by its identifier instead (case-insensitive)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;link' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Pick the token by its identifier instead (case-insensitive)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account')
            [CompletionResult]::new('--participant', '--participant', [CompletionResultType]::ParameterName, 'The participant')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;unlink' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Pick the token by its identifier instead (case-insensitive)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account')
            [CompletionResult]::new('--participant', '--participant', [CompletionResultType]::ParameterName, 'The participant')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;token;expire' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only show what would change and which warnings would be queued')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tokenadm;token;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Issue a token; generated secrets are printed once, under "secrets"')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Issue one token per row of a CSV or JSON Lines file: all rows or none')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens in number order (50 at a time unless --limit or --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one token, found by number, identifier or authentication code')
            [CompletionResult]::new('set-state', 'set-state', [CompletionResultType]::ParameterValue, 'Change a token''s life cycle state (effective, not_effective; pending tokens need --force)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)')
            [CompletionResult]::new('reset-passcode', 'reset-passcode', [CompletionResultType]::ParameterValue, 'Set a new pass code on an effective token: given, or generated and printed once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give an effective token a new authentication code, printed once')
            [CompletionResult]::new('resend-code', 'resend-code', [CompletionResultType]::ParameterValue, 'Issue a new verification code to a pending token and queue it for delivery')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a token to an account or a participant')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Unlink a token from an account or a participant')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;token;help;new' {
            break
        }
        'tokenadm;token;help;import' {
            break
        }
        'tokenadm;token;help;list' {
            break
        }
        'tokenadm;token;help;show' {
            break
        }
        'tokenadm;token;help;set-state' {
            break
        }
        'tokenadm;token;help;delete' {
            break
        }
        'tokenadm;token;help;reset-passcode' {
            break
        }
        'tokenadm;token;help;rotate' {
            break
        }
        'tokenadm;token;help;resend-code' {
            break
        }
        'tokenadm;token;help;link' {
            break
        }
        'tokenadm;token;help;unlink' {
            break
        }
        'tokenadm;token;help;expire' {
            break
        }
        'tokenadm;token;help;help' {
            break
        }
        'tokenadm;auth' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Authenticate with this identifier and its pass code instead of an authentication code')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'With --session: write the session token to FILE instead of standard output, created mode 0600, never over an existing file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Print a session token (an HS256 JWT signed with this database''s key) instead of the token record; with -q, only the session token')
            [CompletionResult]::new('--prompt', '--prompt', [CompletionResultType]::ParameterName, 'Ask for the secret on the terminal, without echo')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tokenadm;session' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a session token read from standard input and print its claims')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;session;verify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tokenadm;session;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a session token read from standard input and print its claims')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;session;help;verify' {
            break
        }
        'tokenadm;session;help;help' {
            break
        }
        'tokenadm;definition' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the definitions (latest version of each) and which one is active')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a definition''s TOML (the active one unless NAME is given)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Store a definition; a changed one becomes a new version (with --activate, the active one)')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Make a definition the active one: new tokens are issued under its latest version')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List every version of a definition, oldest first')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a definition file (syntax, keys, rules) without touching the database')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Show the tokens that break the current version of their definition or classification')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;definition;list' {
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;definition;show' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'A past version instead of the latest')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;definition;edit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;definition;apply' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--activate', '--activate', [CompletionResultType]::ParameterName, 'Also make it the active definition, in the same transaction')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;definition;activate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;definition;history' {
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;definition;validate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;definition;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tokenadm;definition;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the definitions (latest version of each) and which one is active')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a definition''s TOML (the active one unless NAME is given)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Store a definition; a changed one becomes a new version (with --activate, the active one)')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Make a definition the active one: new tokens are issued under its latest version')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List every version of a definition, oldest first')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a definition file (syntax, keys, rules) without touching the database')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Show the tokens that break the current version of their definition or classification')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;definition;help;list' {
            break
        }
        'tokenadm;definition;help;show' {
            break
        }
        'tokenadm;definition;help;edit' {
            break
        }
        'tokenadm;definition;help;apply' {
            break
        }
        'tokenadm;definition;help;activate' {
            break
        }
        'tokenadm;definition;help;history' {
            break
        }
        'tokenadm;definition;help;validate' {
            break
        }
        'tokenadm;definition;help;check' {
            break
        }
        'tokenadm;definition;help;help' {
            break
        }
        'tokenadm;account' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add and update accounts from a CRM''s CSV export (id, name, email, phone; header row)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;account;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The account holder''s name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Where email messages for its tokens go')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Where SMS messages for its tokens go, as + and 7 to 15 digits')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;account;list' {
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;account;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;account;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;account;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also remove the accounts that are not in the file (the nightly sync); asks first')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only show what would change')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;account;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add and update accounts from a CRM''s CSV export (id, name, email, phone; header row)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;account;help;add' {
            break
        }
        'tokenadm;account;help;list' {
            break
        }
        'tokenadm;account;help;show' {
            break
        }
        'tokenadm;account;help;remove' {
            break
        }
        'tokenadm;account;help;import' {
            break
        }
        'tokenadm;account;help;help' {
            break
        }
        'tokenadm;participant' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a participant of an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List participants')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one participant')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;participant;add' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account the participant belongs to')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The participant''s name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Where email messages for its tokens go')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Where SMS messages for its tokens go, as + and 7 to 15 digits')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;participant;list' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only the participants of this account')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;participant;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;participant;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;participant;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a participant of an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List participants')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one participant')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;participant;help;add' {
            break
        }
        'tokenadm;participant;help;list' {
            break
        }
        'tokenadm;participant;help;show' {
            break
        }
        'tokenadm;participant;help;remove' {
            break
        }
        'tokenadm;participant;help;help' {
            break
        }
        'tokenadm;verify' {
            [CompletionResult]::new('--identifier', '--identifier', [CompletionResultType]::ParameterName, 'Pick the token by its identifier instead (case-insensitive)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('--code-stdin', '--code-stdin', [CompletionResultType]::ParameterName, 'Read the code from standard input instead of asking on the terminal')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;outbox' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the messages in the outbox, oldest first (never their bodies)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one message, with its body until it is sent or fails for good')
            [CompletionResult]::new('deliver', 'deliver', [CompletionResultType]::ParameterValue, 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;outbox;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only messages in this status')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Only messages about this token')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;outbox;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;outbox;deliver' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;outbox;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the messages in the outbox, oldest first (never their bodies)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one message, with its body until it is sent or fails for good')
            [CompletionResult]::new('deliver', 'deliver', [CompletionResultType]::ParameterValue, 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;outbox;help;list' {
            break
        }
        'tokenadm;outbox;help;show' {
            break
        }
        'tokenadm;outbox;help;deliver' {
            break
        }
        'tokenadm;outbox;help;help' {
            break
        }
        'tokenadm;audit' {
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Only entries about this token, with the one that created it (for a token of an import or --count, the batch''s one entry)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only entries of this action, e.g. token.create')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries at or after this instant: RFC 3339 (2026-11-01T00:00:00Z), or a duration back from now (24h, 7d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only entries at or before this instant: RFC 3339, or a duration back from now')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the newest N entries')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'The columns of the table or CSV, by field name, comma-separated (e.g. number,state); default: a set that fits the terminal')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the audit log''s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the last entry''s id and hash, to keep elsewhere and check with verify --anchor')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;audit;verify' {
            [CompletionResult]::new('--anchor', '--anchor', [CompletionResultType]::ParameterName, 'Also check that entry ID still has HASH, as `audit head` printed them earlier and they were kept where the database''s writers cannot reach')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;audit;head' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;audit;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the audit log''s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the last entry''s id and hash, to keep elsewhere and check with verify --anchor')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;audit;help;verify' {
            break
        }
        'tokenadm;audit;help;head' {
            break
        }
        'tokenadm;audit;help;help' {
            break
        }
        'tokenadm;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;app-key' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a key; it is printed once, under secrets.key, and only its digest is kept')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys, live and revoked')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key (never the key itself)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key: the server refuses it from its next request on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;app-key;new' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'What the key is for (1 to 200 characters); the audit log names its logins'' actor so')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output, with the secrets it generates, to FILE instead of standard output: created mode 0600, never over an existing file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;app-key;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;app-key;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;app-key;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;app-key;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a key; it is printed once, under secrets.key, and only its digest is kept')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys, live and revoked')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key (never the key itself)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key: the server refuses it from its next request on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;app-key;help;new' {
            break
        }
        'tokenadm;app-key;help;list' {
            break
        }
        'tokenadm;app-key;help;show' {
            break
        }
        'tokenadm;app-key;help;revoke' {
            break
        }
        'tokenadm;app-key;help;help' {
            break
        }
        'tokenadm;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Listen on this address [default: [serve] listen, else 127.0.0.1:8080]; port 0 picks a free one, named in the first log line')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve HTTPS with this PEM certificate chain (with --tls-key)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The PEM private key of --tls-cert')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tokenadm;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy''s audit log')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;db;copy' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to copy to: a SQLite file that does not exist yet, or postgres://… naming an empty database (its password from PGPASSWORD, never on the command line)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The database: a SQLite file, or postgres://… for a PostgreSQL one [default: [database] url in the config file, else $XDG_DATA_HOME/tokenadm/tokenadm.db]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is recorded in the audit log [default: $SUDO_USER, else $USER]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only what a script needs: the record, or nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tokenadm;db;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy''s audit log')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;db;help;copy' {
            break
        }
        'tokenadm;db;help;help' {
            break
        }
        'tokenadm;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database, with the built-in default definition active')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the database at a glance: tokens by state, what is due, the outbox, the audit head')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Issue, find and manage access tokens')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Authenticate with a token''s authentication code, or with --identifier its pass code')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Check session tokens made by tokenadm auth --session')
            [CompletionResult]::new('definition', 'definition', [CompletionResultType]::ParameterValue, 'Manage access token definitions (TOML, versioned in the database)')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'Manage accounts (Accounts Receivable)')
            [CompletionResult]::new('participant', 'participant', [CompletionResultType]::ParameterValue, 'Manage participants (Rewards Participants)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a pending token with the code that was sent to its holder')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Messages queued for delivery: list, show, send')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the audit log (oldest first), or check its hash chain')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read a code on standard input and say, by its checksum alone, whether it is well-formed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL')
            [CompletionResult]::new('app-key', 'app-key', [CompletionResultType]::ParameterValue, 'Manage consumer application keys, which apps present to tokenadm serve')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the Web API: the seeds'' login with consumer application keys')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database as a whole: copy it to another engine or host')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tokenadm;help;init' {
            break
        }
        'tokenadm;help;status' {
            break
        }
        'tokenadm;help;token' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Issue a token; generated secrets are printed once, under "secrets"')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Issue one token per row of a CSV or JSON Lines file: all rows or none')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens in number order (50 at a time unless --limit or --all)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one token, found by number, identifier or authentication code')
            [CompletionResult]::new('set-state', 'set-state', [CompletionResultType]::ParameterValue, 'Change a token''s life cycle state (effective, not_effective; pending tokens need --force)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a token (asks for confirmation; its audit entries stay, its number is never reused)')
            [CompletionResult]::new('reset-passcode', 'reset-passcode', [CompletionResultType]::ParameterValue, 'Set a new pass code on an effective token: given, or generated and printed once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give an effective token a new authentication code, printed once')
            [CompletionResult]::new('resend-code', 'resend-code', [CompletionResultType]::ParameterValue, 'Issue a new verification code to a pending token and queue it for delivery')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a token to an account or a participant')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Unlink a token from an account or a participant')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe to re-run')
            break
        }
        'tokenadm;help;token;new' {
            break
        }
        'tokenadm;help;token;import' {
            break
        }
        'tokenadm;help;token;list' {
            break
        }
        'tokenadm;help;token;show' {
            break
        }
        'tokenadm;help;token;set-state' {
            break
        }
        'tokenadm;help;token;delete' {
            break
        }
        'tokenadm;help;token;reset-passcode' {
            break
        }
        'tokenadm;help;token;rotate' {
            break
        }
        'tokenadm;help;token;resend-code' {
            break
        }
        'tokenadm;help;token;link' {
            break
        }
        'tokenadm;help;token;unlink' {
            break
        }
        'tokenadm;help;token;expire' {
            break
        }
        'tokenadm;help;auth' {
            break
        }
        'tokenadm;help;session' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a session token read from standard input and print its claims')
            break
        }
        'tokenadm;help;session;verify' {
            break
        }
        'tokenadm;help;definition' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the definitions (latest version of each) and which one is active')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a definition''s TOML (the active one unless NAME is given)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Store a definition; a changed one becomes a new version (with --activate, the active one)')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Make a definition the active one: new tokens are issued under its latest version')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'List every version of a definition, oldest first')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a definition file (syntax, keys, rules) without touching the database')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Show the tokens that break the current version of their definition or classification')
            break
        }
        'tokenadm;help;definition;list' {
            break
        }
        'tokenadm;help;definition;show' {
            break
        }
        'tokenadm;help;definition;edit' {
            break
        }
        'tokenadm;help;definition;apply' {
            break
        }
        'tokenadm;help;definition;activate' {
            break
        }
        'tokenadm;help;definition;history' {
            break
        }
        'tokenadm;help;definition;validate' {
            break
        }
        'tokenadm;help;definition;check' {
            break
        }
        'tokenadm;help;account' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account and its participants; their tokens are unlinked (orphans). Asks first')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add and update accounts from a CRM''s CSV export (id, name, email, phone; header row)')
            break
        }
        'tokenadm;help;account;add' {
            break
        }
        'tokenadm;help;account;list' {
            break
        }
        'tokenadm;help;account;show' {
            break
        }
        'tokenadm;help;account;remove' {
            break
        }
        'tokenadm;help;account;import' {
            break
        }
        'tokenadm;help;participant' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a participant of an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List participants')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one participant')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks first')
            break
        }
        'tokenadm;help;participant;add' {
            break
        }
        'tokenadm;help;participant;list' {
            break
        }
        'tokenadm;help;participant;show' {
            break
        }
        'tokenadm;help;participant;remove' {
            break
        }
        'tokenadm;help;verify' {
            break
        }
        'tokenadm;help;outbox' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the messages in the outbox, oldest first (never their bodies)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one message, with its body until it is sent or fails for good')
            [CompletionResult]::new('deliver', 'deliver', [CompletionResultType]::ParameterValue, 'Send the messages that are due through the transports of the config file; failures are retried on later runs with backoff. Exits 1 when a message could not be sent')
            break
        }
        'tokenadm;help;outbox;list' {
            break
        }
        'tokenadm;help;outbox;show' {
            break
        }
        'tokenadm;help;outbox;deliver' {
            break
        }
        'tokenadm;help;audit' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the audit log''s hash chain: every entry intact, in place, none cut from the end (exit 5 otherwise)')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the last entry''s id and hash, to keep elsewhere and check with verify --anchor')
            break
        }
        'tokenadm;help;audit;verify' {
            break
        }
        'tokenadm;help;audit;head' {
            break
        }
        'tokenadm;help;check' {
            break
        }
        'tokenadm;help;completions' {
            break
        }
        'tokenadm;help;app-key' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a key; it is printed once, under secrets.key, and only its digest is kept')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys, live and revoked')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one key (never the key itself)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key: the server refuses it from its next request on')
            break
        }
        'tokenadm;help;app-key;new' {
            break
        }
        'tokenadm;help;app-key;list' {
            break
        }
        'tokenadm;help;app-key;show' {
            break
        }
        'tokenadm;help;app-key;revoke' {
            break
        }
        'tokenadm;help;serve' {
            break
        }
        'tokenadm;help;db' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole database (definitions, tokens, accounts, participants, outbox, audit log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL database, and verify the copy''s audit log')
            break
        }
        'tokenadm;help;db;copy' {
            break
        }
        'tokenadm;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
