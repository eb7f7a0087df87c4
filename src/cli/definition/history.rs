//! `tokenadm definition history NAME`.

use crate::cli::columns::Columns;
use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::ops::definitions;

/// List every version of a definition, oldest first
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition history portal"#)]
pub struct Args {
    name: String,
    #[command(flatten)]
    columns: Columns,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    args.columns.apply(ctx)?;
    let rows = ctx.store()?.read(|tx| {
        let active = tx.active_definition_name()?;
        let history = definitions::history(tx, &args.name)?;
        let latest = history.last().map(|d| d.version);
        Ok(history
            .iter()
            .map(|d| super::rows::row(d, d.name == active && Some(d.version) == latest))
            .collect::<Vec<_>>())
    })?;
    ctx.out.list(&rows)
}
