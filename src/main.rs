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
/// one line that keeps the error and its details, and points to --help.
fn one_line(rendered: &str) -> String {
    let kept: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .filter(|l| !l.starts_with("tip:"))
        .collect();
    let mut line = kept.join(" ");
    if !line.starts_with("error:") {
        line = format!("error: {line}");
    }
    format!("{line} (see --help)")
}
