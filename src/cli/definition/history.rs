//! `tokenadm definition history NAME`.

use crate::cli::Ctx;
use crate::error::Result;
use crate::ops::definitions;
use crate::output::DefinitionRow;

/// List every version of a definition, oldest first
#[derive(Debug, clap::Args)]
pub struct Args {
    name: String,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let rows = ctx.store()?.read(|tx| {
        let active = tx.active_definition_name()?;
        let history = definitions::history(tx, &args.name)?;
        let latest = history.last().map(|d| d.version);
        Ok(history
            .into_iter()
            .map(|d| DefinitionRow {
                active: d.name == active && Some(d.version) == latest,
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
