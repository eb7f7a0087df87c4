//! `tokenadm token expire [--dry-run]`: the cron job.

use crate::cli::Ctx;
use crate::error::Result;
use crate::ops::expire;
use crate::output::ExpiredView;
use serde_json::json;

/// Make orphaned, lapsed and unverified tokens not_effective; safe to re-run
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm token expire --dry-run
  tokenadm token expire -q"#)]
pub struct Args {
    /// Only show what would change
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let env = ctx.env.clone();
    let changed = expire::expire(ctx.store()?, &env, args.dry_run)?;
    if changed.is_empty() {
        // A note, and `[]` for JSON scripts; with -q nothing at all.
        ctx.out.note("no token to expire");
        if ctx.out.format() == crate::output::Format::Table {
            return Ok(());
        }
    }
    let rows: Vec<ExpiredView> = changed
        .iter()
        .map(|e| {
            ExpiredView::new(json!({
                "number": e.number,
                "previous_state": e.previous_state.as_str(),
                "state": "not_effective",
                "reason": e.reason,
                "applied": !args.dry_run,
            }))
        })
        .collect();
    // Quiet for cron: with -q the changes are in the audit log, not on stdout (issue #12).
    ctx.out.report_list(&rows)?;
    if !changed.is_empty() {
        ctx.out.note(format!(
            "{} {} token{}",
            if args.dry_run {
                "would expire"
            } else {
                "expired"
            },
            changed.len(),
            if changed.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(())
}
