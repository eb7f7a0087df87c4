//! `tokenadm definition apply FILE|-`.

use super::rows::read_source;
use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::ops::definitions;
use std::path::PathBuf;

/// Store a definition; a changed one becomes a new version (with --activate, the active one)
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition apply portal.toml
  tokenadm definition apply portal.toml --activate
  generate-definition | tokenadm definition apply -"#)]
pub struct Args {
    /// The TOML file, or - for standard input
    file: PathBuf,
    /// Also make it the active definition, in the same transaction
    #[arg(long)]
    activate: bool,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let (text, source) = read_source(&args.file)?;
    let env = ctx.env.clone();
    let store = ctx.store()?;
    let applied = if args.activate {
        definitions::apply_and_activate(store, &env, &text, &source)?.0
    } else {
        definitions::apply(store, &env, &text, &source)?
    };
    let active = store.read(|tx| tx.active_definition_name())?;
    let s = applied.stored;
    if !applied.changed {
        ctx.out.note(format!(
            "definition {} is unchanged; still version {}",
            s.name, s.version
        ));
    }
    if s.name != active {
        // Issue #12: a stored definition that is not active changes nothing yet; say so.
        ctx.out.note(format!(
            "definition {} version {} is stored but not active: new tokens still use {active}; \
             tokenadm definition activate {} makes it the active one (or apply with --activate)",
            s.name, s.version, s.name
        ));
    }
    ctx.out.record(&super::rows::row(&s, s.name == active))
}
