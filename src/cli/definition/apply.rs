//! `tokenadm definition apply FILE|-`.

use super::read_source;
use crate::cli::Ctx;
use crate::error::Result;
use crate::ops::definitions;
use std::path::PathBuf;

/// Store a definition; a changed one becomes a new version (activate it with `activate`)
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition apply portal.toml
  tokenadm definition apply portal.toml --activate
  generate-definition | tokenadm definition apply -"#)]
pub struct Args {
    /// The TOML file, or - for standard input
    file: PathBuf,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let (text, source) = read_source(&args.file)?;
    let env = ctx.env.clone();
    let store = ctx.store()?;
    let applied = definitions::apply(store, &env, &text, &source)?;
    let active = store.read(|tx| tx.active_definition_name())?;
    if !applied.changed {
        ctx.out.note(format!(
            "definition {} is unchanged; still version {}",
            applied.stored.name, applied.stored.version
        ));
    }
    let s = applied.stored;
    ctx.out.record(&super::row(&s, s.name == active))
}
