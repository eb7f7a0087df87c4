//! `tokenadm definition validate FILE|-`: check a definition without storing it.

use super::rows::read_source;
use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::ops::definitions;
use crate::output::Outcome;
use serde_json::json;
use std::path::PathBuf;

/// Check a definition file (syntax, keys, rules) without touching the database
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition validate portal.toml
  tokenadm definition validate - < portal.toml && echo valid"#)]
pub struct Args {
    /// The TOML file, or - for standard input
    file: PathBuf,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let (text, source) = read_source(&args.file)?;
    let d = definitions::parse(&text, &source)?;
    ctx.out.report(&Outcome::new(json!({
        "valid": true,
        "name": d.name,
        "classifications": d.classifications.keys().collect::<Vec<_>>(),
    })))
}
