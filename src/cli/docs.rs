//! The shell completions and man pages committed under `completions/` and `man/`, generated
//! from the clap tree so they cannot drift from it (a test compares them; regenerate with
//! `cargo run --example gen-docs`).

use clap_complete::Shell;
use std::path::PathBuf;

/// Every generated file: its path relative to the repository root, and its content.
pub fn generated_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut super::command(), "tokenadm", &mut buf);
        let name = match shell {
            Shell::Bash => "tokenadm.bash",
            Shell::Zsh => "_tokenadm",
            Shell::Fish => "tokenadm.fish",
            Shell::Elvish => "tokenadm.elv",
            _ => "_tokenadm.ps1",
        };
        files.push((PathBuf::from("completions").join(name), buf));
    }
    // The man pages come from the tree without `help` subcommands: a page of its own would
    // say nothing `--help` does not, and none is generated, so none may be referred to.
    let mut cmd = super::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, "tokenadm", None, &mut files);
    files
}

/// The page of `cmd` (named `name`, e.g. `tokenadm-token-new`) and those of its subcommands.
fn man_pages(
    cmd: &clap::Command,
    name: &str,
    parent: Option<&str>,
    files: &mut Vec<(PathBuf, Vec<u8>)>,
) {
    if cmd.is_hide_set() {
        return;
    }
    let mut buf = Vec::new();
    if man_page(cmd, name, parent, &mut buf).is_ok() {
        files.push((PathBuf::from("man").join(format!("{name}.1")), buf));
    }
    for sub in cmd.get_subcommands() {
        man_pages(
            sub,
            &format!("{name}-{}", sub.get_name()),
            Some(name),
            files,
        );
    }
}

/// clap_mangen's sections (title, name, synopsis, description, options, subcommands), then
/// what a man page reader looks for and clap does not know: EXAMPLES (from the command's
/// help), EXIT STATUS, ENVIRONMENT, FILES, and SEE ALSO naming only pages that exist.
fn man_page(
    cmd: &clap::Command,
    name: &str,
    parent: Option<&str>,
    w: &mut Vec<u8>,
) -> std::io::Result<()> {
    use std::io::Write;
    let page = cmd.clone().name(name.to_string());
    let man = clap_mangen::Man::new(page.clone());
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    let (details, examples) = after_help(cmd);
    if let Some(details) = details {
        for para in details.split("\n\n") {
            writeln!(w, ".PP\n{}", roff_text(para))?;
        }
    }
    if page.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(w)?;
    }
    if page.has_subcommands() {
        man.render_subcommands_section(w)?;
    }
    if let Some(examples) = examples {
        writeln!(w, ".SH EXAMPLES")?;
        for line in examples.lines().map(str::trim).filter(|l| !l.is_empty()) {
            writeln!(w, ".PP\n.nf\n\\fB{}\\fR\n.fi", roff_text(line))?;
        }
    }
    writeln!(w, ".SH \"EXIT STATUS\"")?;
    for (code, meaning) in EXIT_STATUS {
        writeln!(w, ".TP\n{code}\n{}", roff_text(meaning))?;
    }
    writeln!(w, ".SH ENVIRONMENT")?;
    for (var, meaning) in ENVIRONMENT {
        writeln!(w, ".TP\n\\fB{}\\fR\n{}", roff_text(var), roff_text(meaning))?;
    }
    writeln!(w, ".SH FILES")?;
    for (file, meaning) in FILES {
        writeln!(
            w,
            ".TP\n\\fI{}\\fR\n{}",
            roff_text(file),
            roff_text(meaning)
        )?;
    }
    let mut see_also: Vec<String> = Vec::new();
    if let Some(parent) = parent {
        see_also.push(parent.to_string());
    }
    see_also.extend(
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| format!("{name}-{}", s.get_name())),
    );
    if name != "tokenadm" && parent != Some("tokenadm") {
        see_also.push("tokenadm".to_string());
    }
    if !see_also.is_empty() {
        writeln!(w, ".SH \"SEE ALSO\"")?;
        let refs: Vec<String> = see_also
            .iter()
            .map(|p| format!("\\fB{}\\fR(1)", roff_text(p)))
            .collect();
        writeln!(w, "{}", refs.join(", "))?;
    }
    if page.get_version().is_some() {
        man.render_version_section(w)?;
    }
    Ok(())
}

/// A command's text after its options: prose, and the lines after "Examples:".
fn after_help(cmd: &clap::Command) -> (Option<String>, Option<String>) {
    let Some(text) = cmd
        .get_after_long_help()
        .or_else(|| cmd.get_after_help())
        .map(|t| t.to_string())
    else {
        return (None, None);
    };
    match text.split_once("Examples:") {
        Some((before, after)) => {
            // The examples are the indented lines; what follows them (the top level's exit
            // status summary) has a section of its own in a man page.
            let examples: String = after
                .lines()
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| l.starts_with("  "))
                .map(|l| format!("{l}\n"))
                .collect();
            let before = before.trim();
            (
                (!before.is_empty()).then(|| before.to_string()),
                Some(examples),
            )
        }
        None => (Some(text.trim().to_string()), None),
    }
}

/// Text for roff: backslashes and hyphens escaped, no line starting with a control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The exit codes, as CONTRACT.md and docs/exit-codes.md give them.
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    ("1", "Unexpected failure (I/O, the database), or outbox deliver could not send a message."),
    ("2", "Usage error, or a confirmation that could not be asked (no terminal; pass --yes)."),
    ("3", "Not found: a token, account, participant, definition, outbox message, or the database."),
    ("4", "Invalid input: an identifier's format, the pass-code policy, TOML, a malformed import row."),
    ("5", "Conflict: a duplicate identifier, a state change not allowed, a schema newer than the binary, an --output file that exists."),
    ("6", "Authentication or verification failed."),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("TOKENADM_DB", "The database, as --db."),
    ("TOKENADM_FORMAT", "The output format, as --format."),
    (
        "TOKENADM_ACTOR",
        "Who is recorded in the audit log, as --actor; else SUDO_USER, else USER.",
    ),
    ("TOKENADM_CONFIG", "The config file, as --config."),
    (
        "TOKENADM_SMTP_USER, TOKENADM_SMTP_PASSWORD",
        "SMTP credentials when the [delivery] email URL has none.",
    ),
    (
        "COLUMNS",
        "The width tables are laid out to, instead of the terminal's.",
    ),
    ("VISUAL, EDITOR", "The editor of definition edit."),
    (
        "XDG_DATA_HOME, XDG_CONFIG_HOME",
        "Where the default database and config file are.",
    ),
];

const FILES: &[(&str, &str)] = &[
    ("$XDG_DATA_HOME/tokenadm/tokenadm.db", "The default database (~/.local/share/tokenadm/tokenadm.db), created mode 0600 by the first command that changes something."),
    ("$XDG_CONFIG_HOME/tokenadm/config.toml", "The optional config file (~/.config/tokenadm/config.toml): [delivery] transports, [outbox] key_file."),
    ("$XDG_CONFIG_HOME/tokenadm/outbox.key", "The outbox key (unless [outbox] key_file names another file), created mode 0600 by the first command that queues a message with a secret; the secrets of waiting messages are sealed with it, and a host that delivers them needs the same file."),
];
