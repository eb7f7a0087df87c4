//! `tokenadm definition list`.

use crate::cli::columns::Columns;
use crate::cli::ctx::Ctx;
use crate::error::Result;

/// List the definitions (latest version of each) and which one is active
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition list
  tokenadm definition list --format json"#)]
pub struct Args {
    #[command(flatten)]
    columns: Columns,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    args.columns.apply(ctx)?;
    let rows = ctx.store()?.read(|tx| {
        let active = tx.active_definition_name()?;
        Ok(tx
            .definitions_latest()?
            .iter()
            .map(|d| super::rows::row(d, d.name == active))
            .collect::<Vec<_>>())
    })?;
    ctx.out.list(&rows)
}
