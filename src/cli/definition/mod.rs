//! `tokenadm definition …`: the definitions stored in the database.

mod activate;
mod apply;
mod edit;
mod history;
mod list;
mod show;
mod validate;

use super::{console, Ctx};
use crate::error::{Error, Result};
use crate::ops::definitions;
use crate::output::DefinitionRow;
use crate::store::StoredDefinition;
use std::path::Path;

/// Manage access token definitions (TOML, versioned in the database)
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    List(list::Args),
    Show(show::Args),
    Edit(edit::Args),
    Apply(apply::Args),
    Activate(activate::Args),
    History(history::Args),
    Validate(validate::Args),
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
    }
}

/// Reads a definition from a file, or standard input for `-`; returns the text and how to name
/// it in messages.
pub fn read_source(path: &Path) -> Result<(String, String)> {
    let (bytes, name) = console::read_input(path, "definition file")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "{name} is not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((text, name))
}

/// A stored definition as `definition list`, `history`, `apply` and `activate` print it.
pub fn row(stored: &StoredDefinition, active: bool) -> DefinitionRow {
    DefinitionRow {
        active,
        description: definitions::description(stored),
        name: stored.name.clone(),
        version: stored.version,
        created_at: stored.created_at,
        created_by: stored.created_by.clone(),
    }
}
