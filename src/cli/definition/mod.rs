//! `tokenadm definition …`: the definitions stored in the database.

mod activate;
mod apply;
mod check;
mod edit;
mod history;
mod list;
pub(super) mod rows;
mod show;
mod validate;

use super::ctx::Ctx;
use crate::error::Result;

/// Manage access token definitions (TOML, versioned in the database)
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm definition list
  tokenadm definition show default > portal.toml
  tokenadm definition apply portal.toml --activate"#)]
pub enum Command {
    List(list::Args),
    Show(show::Args),
    Edit(edit::Args),
    Apply(apply::Args),
    Activate(activate::Args),
    History(history::Args),
    Validate(validate::Args),
    Check(check::Args),
}

impl Command {
    /// Whether the command may create a missing database: it changes something and can succeed
    /// on a new one. Every other command exits 3 on a missing database.
    pub fn may_create_database(&self) -> bool {
        matches!(
            self,
            Command::Apply(_) | Command::Edit(_) | Command::Activate(_)
        )
    }
}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Command::List(a) => list::run(a, ctx),
        Command::Show(a) => show::run(a, ctx),
        Command::Edit(a) => edit::run(a, ctx),
        Command::Apply(a) => apply::run(a, ctx),
        Command::Activate(a) => activate::run(a, ctx),
        Command::History(a) => history::run(a, ctx),
        Command::Validate(a) => validate::run(a, ctx),
        Command::Check(a) => check::run(a, ctx),
    }
}
