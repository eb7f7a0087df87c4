//! `tokenadm definition list`.

use crate::cli::Ctx;
use crate::error::Result;
use crate::ops::definitions;
use crate::output::DefinitionRow;

/// List the definitions (latest version of each) and which one is active
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args, ctx: &mut Ctx) -> Result<()> {
    let rows = ctx.store()?.read(|tx| {
        let active = tx.active_definition_name()?;
        Ok(tx
            .definitions_latest()?
            .into_iter()
            .map(|d| DefinitionRow {
                active: d.name == active,
                description: definitions::description(&d),
                name: d.name,
                version: d.version,
                created_at: d.created_at,
                created_by: d.created_by,
            })
            .collect::<Vec<_>>())
    })?;
    ctx.out.list(&rows)
}
