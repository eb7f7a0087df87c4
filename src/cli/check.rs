//! `tokenadm check`: is a code well-formed? Offline, by its checksum: no database, no definition.

use super::console;
use super::ctx::Ctx;
use crate::domain::codes;
use crate::error::{Error, Result};
use crate::output::Outcome;
use serde_json::json;

/// Read a code on standard input and say, by its checksum alone, whether it is well-formed
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  echo atk_4tUJrmR2ZDPhSwd5Xx1C7bGk0yY2tQ9fQa | tokenadm check
  tokenadm check < code.txt && echo well-formed"#)]
pub struct Args {}

pub fn run(_args: Args, ctx: &mut Ctx) -> Result<()> {
    let code = console::stdin_secret("code")?;
    let hint = codes::hint(code.expose());
    match codes::check_any(code.expose()) {
        Some(alphabet) => ctx.out.report(&Outcome::new(json!({
            "well_formed": true,
            "hint": hint,
            "alphabet": format!("{alphabet:?}").to_lowercase(),
        }))),
        None => Err(Error::invalid(format!(
            "the code ending in {hint} fails its checksum: it was mistyped, truncated, or is not a tokenadm code"
        ))),
    }
}
