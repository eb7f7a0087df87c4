//! `tokenadm token expire [--dry-run]`: the cron job.

use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::ops::expire::{self, Warning};
use crate::output::ExpiredView;
use serde_json::json;

/// Make orphaned, lapsed and unverified tokens not_effective, and queue expiry warnings; safe
/// to re-run
///
/// Where a definition sets expiry.warn_before and enables [communication.on_expiry_warning],
/// each effective token whose expiry comes within that window gets one warning (reason
/// expiry_warning, its state unchanged); a token is warned once per expiry.
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm token expire --dry-run
  tokenadm token expire -q"#)]
pub struct Args {
    /// Only show what would change and which warnings would be queued
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let env = ctx.env.clone();
    if !args.dry_run {
        // It may queue warnings: a wrong config file fails it before anything changes.
        ctx.delivery()?;
    }
    let run = expire::expire(ctx.store()?, &env, args.dry_run)?;
    let applied = !args.dry_run;
    for w in &run.warned {
        if let Warning::NoRecipient(why) = &w.outcome {
            let lead = if applied {
                "no expiry warning queued"
            } else {
                "no expiry warning would be queued"
            };
            ctx.out.note(format!("{lead}: {why}"));
        }
    }
    let queued = run
        .warned
        .iter()
        .filter(|w| matches!(w.outcome, Warning::Queued(_)))
        .count();
    if run.expired.is_empty() && queued == 0 {
        // A note, and `[]` for JSON scripts; with -q nothing at all.
        ctx.out.note("no token to expire");
        if ctx.out.format() == crate::output::Format::Table {
            return Ok(());
        }
    }
    let expired = run.expired.iter().map(|e| {
        ExpiredView::new(json!({
            "number": e.number,
            "previous_state": e.previous_state.as_str(),
            "state": "not_effective",
            "reason": e.reason,
            "applied": applied,
        }))
    });
    // A warning leaves the token as it was: effective before and after.
    let warnings = run
        .warned
        .iter()
        .filter(|w| matches!(w.outcome, Warning::Queued(_)))
        .map(|w| {
            ExpiredView::new(json!({
                "number": w.number,
                "previous_state": "effective",
                "state": "effective",
                "reason": "expiry_warning",
                "applied": applied,
            }))
        });
    let rows: Vec<ExpiredView> = expired.chain(warnings).collect();
    // Quiet for cron: with -q the changes are in the audit log, not on stdout (issue #12).
    ctx.out.report_list(&rows)?;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut said = Vec::new();
    if !run.expired.is_empty() {
        let n = run.expired.len();
        let verb = if applied { "expired" } else { "would expire" };
        said.push(format!("{verb} {n} token{}", plural(n)));
    }
    if queued > 0 {
        let verb = if applied { "queued" } else { "would queue" };
        said.push(format!("{verb} {queued} expiry warning{}", plural(queued)));
    }
    if !said.is_empty() {
        ctx.out.note(said.join("; "));
    }
    if applied && queued > 0 {
        let ids: Vec<i64> = run
            .warned
            .iter()
            .filter_map(|w| match w.outcome {
                Warning::Queued(id) => id,
                Warning::NoRecipient(_) => None,
            })
            .collect();
        ctx.deliver_now(&ids);
    }
    Ok(())
}
