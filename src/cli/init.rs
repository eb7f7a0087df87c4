//! `tokenadm init [--definition FILE]`: create the database (any command would), and optionally
//! apply and activate a definition in the same step.

use super::ctx::Ctx;
use super::definition::rows::read_source;
use crate::error::Result;
use crate::ops::definitions;
use crate::output::Outcome;
use crate::store::SCHEMA_VERSION;
use serde_json::json;
use std::path::PathBuf;

/// Create the database, with the built-in default definition active
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm init
  tokenadm init --definition portal.toml
  tokenadm --db /srv/crm/tokenadm.db init -q"#)]
pub struct Args {
    /// Apply this definition (TOML) and make it the active one
    #[arg(long, value_name = "FILE")]
    definition: Option<PathBuf>,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let source = match &args.definition {
        Some(p) => Some(read_source(p)?),
        None => None,
    };
    // Validate before the database is created, so a bad file leaves nothing behind.
    if let Some((text, name)) = &source {
        definitions::parse(text, name)?;
    }
    let env = ctx.env.clone();
    let store = ctx.store()?;
    let created = store.created();
    let path = store.location();
    if let Some((text, name)) = &source {
        // One transaction: the definition is never stored without being made active.
        definitions::apply_and_activate(store, &env, text, name)?;
    }
    let active = store.read(definitions::active)?;
    ctx.out.report(&Outcome::new(json!({
        "database": path,
        "created": created,
        "schema_version": SCHEMA_VERSION,
        "active_definition": active.stored.name,
        "definition_version": active.stored.version,
    })))
}
