//! `tokenadm definition show [NAME] [--version N]`: the stored TOML, as applied.

use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::ops::definitions;
use crate::output::{Format, Outcome};
use serde_json::json;

/// Print a definition's TOML (the active one unless NAME is given)
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition show
  tokenadm definition show default > mine.toml
  tokenadm definition show portal --version 2"#)]
pub struct Args {
    /// The definition's name [default: the active one]
    name: Option<String>,
    /// A past version instead of the latest
    #[arg(long, value_name = "N")]
    version: Option<i64>,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let stored = ctx
        .store()?
        .read(|tx| definitions::show(tx, args.name.as_deref(), args.version))?;
    match ctx.out.format() {
        // The table format is for people, and people read TOML best as TOML.
        Format::Table => ctx.out.text(&stored.toml),
        _ => ctx.out.record(&Outcome::new(json!({
            "name": stored.name,
            "version": stored.version,
            "created_at": crate::output::rfc3339(stored.created_at),
            "created_by": stored.created_by,
            "toml": stored.toml,
        }))),
    }
}
