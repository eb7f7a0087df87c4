//! The `tokenadm` binary: parse, run, and turn the outcome into an exit status. This is the
//! only place that exits the process.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tokenadm::cli::Cli::parse();
    match tokenadm::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.kind.exit_code() as u8)
        }
    }
}
