//! `tokenadm definition check [NAME]` (issue #15): the tokens that break the current version
//! of their definition or classification, one row per token and reason, streamed as they are
//! found; exit 5 when there is one, so that a script can gate on it.

use crate::cli::ctx::Ctx;
use crate::domain::finding::Finding;
use crate::error::{Error, Result};
use crate::ops::definition_check;
use crate::output::{FindingView, RecordStream};

/// Show the tokens that break the current version of their definition or classification
///
/// After a definition is tightened, every token of it that is not not_effective is checked
/// against its latest version: identifier (format, pattern, minimums, required), pass-code
/// hash parameters weaker than asked (such a token is re-hashed on its next successful auth),
/// an expiry later than expiry.default_ttl allows, a classification the version dropped, and
/// accounts over automation.max_tokens_per_account. One row per token and reason. Pass codes
/// and authentication codes are stored hashed, so their policy cannot be checked after the
/// fact. Exits 0 when every token meets the definition, 5 when one breaks it.
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition check
  tokenadm definition check portal --format csv > breaking.csv
  tokenadm definition check -q --format csv > breaking.csv || echo "tokens break it""#)]
pub struct Args {
    /// The definition's name [default: the active one]
    name: Option<String>,
}

/// Findings rendered and printed together.
const BATCH: usize = 256;

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let out = ctx.out.clone();
    let mut stream = out.stream::<FindingView>(&[]);
    let mut batch: Vec<Finding> = Vec::with_capacity(BATCH);
    let summary = ctx.store()?.read(|tx| {
        definition_check::check(tx, args.name.as_deref(), &mut |finding| {
            batch.push(finding);
            if batch.len() == BATCH {
                flush(&mut stream, &mut batch)?;
            }
            Ok(())
        })
    })?;
    flush(&mut stream, &mut batch)?;
    stream.finish()?;
    let name = &summary.definition;
    if summary.findings == 0 {
        out.note(format!(
            "every token of definition \"{name}\" meets its version {} ({} checked)",
            summary.version, summary.checked
        ));
        return Ok(());
    }
    Err(Error::conflict(format!(
        "{} of the {} tokens of definition \"{name}\" break its version {} ({} finding{} listed)",
        summary.breaking,
        summary.checked,
        summary.version,
        summary.findings,
        if summary.findings == 1 { "" } else { "s" }
    )))
}

fn flush(stream: &mut RecordStream, batch: &mut Vec<Finding>) -> Result<()> {
    if batch.is_empty() {
        // Nothing to print yet: a CSV header would be written here and again by `finish`.
        return Ok(());
    }
    let views: Vec<FindingView> = batch.iter().map(FindingView).collect();
    stream.push_all(&views)?;
    batch.clear();
    Ok(())
}
