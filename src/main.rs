//! The `tokenadm` binary: parse, run, and turn the outcome into an exit status. This is the
//! only place that exits the process.

use clap::error::ErrorKind;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match tokenadm::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            tokenadm::output::stderr_line(&one_line(&e.render().to_string()));
            return ExitCode::from(2);
        }
    };
    match tokenadm::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            tokenadm::output::stderr_line(&format!("error: {e}"));
            ExitCode::from(e.kind.exit_code() as u8)
        }
    }
}

/// Clap's usage errors span several lines (usage, tips); scripts and people reading logs get
/// one line that keeps the error, its details and its suggestions ("did you mean 'list'?"),
/// and points to --help.
fn one_line(rendered: &str) -> String {
    let mut kept: Vec<String> = Vec::new();
    for l in rendered.lines().map(str::trim) {
        if l.is_empty() || l.starts_with("Usage:") || l.starts_with("For more information") {
            continue;
        }
        match l.strip_prefix("tip:").map(str::trim) {
            // "to pass '--x' as a value, use '-- --x'" is noise on one line.
            Some(tip) if tip.starts_with("to pass ") => {}
            Some(tip) => kept.push(match similar(tip) {
                Some(names) => format!("did you mean {names}?"),
                None => format!("tip: {tip}"),
            }),
            None => kept.push(l.to_string()),
        }
    }
    let mut line = String::new();
    for part in kept {
        if !line.is_empty() {
            // A suggestion is a clause of its own; clap's other lines continue the sentence.
            line.push_str(
                if part.starts_with("did you mean") || part.starts_with("tip:") {
                    "; "
                } else {
                    " "
                },
            );
        }
        line.push_str(&part);
    }
    if !line.starts_with("error:") {
        line = format!("error: {line}");
    }
    format!("{line} (see --help)")
}

/// The names in clap's "a similar subcommand exists: 'list'" (or "some similar arguments
/// exist: '--a', '--b'"), as "'list'" or "'--a' or '--b'".
fn similar(tip: &str) -> Option<String> {
    let (_, names) = tip
        .strip_prefix("a similar ")
        .or_else(|| tip.strip_prefix("some similar "))?
        .split_once(": ")?;
    let names: Vec<&str> = names.split(", ").map(str::trim).collect();
    Some(match names.as_slice() {
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
        [] => return None,
    })
}
