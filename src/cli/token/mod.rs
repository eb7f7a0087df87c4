//! `tokenadm token …`: the token subcommands.

mod import;
mod list;
mod new;
mod show;

use super::Ctx;
use crate::error::Result;

/// Issue, find and manage access tokens
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    New(new::Args),
    Import(import::Args),
    List(list::Args),
    Show(show::Args),
}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Command::New(a) => new::run(a, ctx),
        Command::Import(a) => import::run(a, ctx),
        Command::List(a) => list::run(a, ctx),
        Command::Show(a) => show::run(a, ctx),
    }
}
