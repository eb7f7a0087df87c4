//! `tokenadm audit [filters]` and `tokenadm audit verify`.

use super::columns::Columns;
use super::ctx::Ctx;
use super::pick;
use crate::error::Result;
use crate::ops::audit;
use crate::output::Outcome;
use crate::store::AuditFilter;
use serde_json::json;

/// Show the audit log (oldest first), or check its hash chain
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(after_help = r#"Examples:
  tokenadm audit --token AT0000000042
  tokenadm audit --since 24h --action token.set_state
  tokenadm audit --since 7d --until 1d --format csv > last-week.csv
  tokenadm audit verify"#)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    /// Only entries about this token, with the one that created it (for a token of an import
    /// or --count, the batch's one entry)
    #[arg(long, value_name = "NUMBER")]
    token: Option<String>,
    /// Only entries of this action, e.g. token.create
    #[arg(long, value_name = "NAME")]
    action: Option<String>,
    /// Only entries at or after this instant: RFC 3339 (2026-11-01T00:00:00Z), or a duration
    /// back from now (24h, 7d)
    #[arg(long, value_name = "WHEN")]
    since: Option<String>,
    /// Only entries at or before this instant: RFC 3339, or a duration back from now
    #[arg(long, value_name = "WHEN")]
    until: Option<String>,
    /// Only the newest N entries
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
    #[command(flatten)]
    columns: Columns,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Check the audit log's hash chain: every entry intact, in place, none cut from the end
    /// (exit 5 otherwise)
    #[command(after_help = r#"Examples:
  tokenadm audit verify
  tokenadm audit verify --anchor 4211:9f86d081884c7d65…"#)]
    Verify {
        /// Also check that entry ID still has HASH, as `audit head` printed them earlier and
        /// they were kept where the database's writers cannot reach
        #[arg(long, value_name = "ID:HASH")]
        anchor: Option<String>,
    },
    /// Print the last entry's id and hash, to keep elsewhere and check with verify --anchor
    #[command(after_help = r#"Examples:
  tokenadm audit head --format json >> /secure/elsewhere/audit-heads.jsonl"#)]
    Head,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    match args.command {
        Some(Sub::Verify { anchor }) => {
            let anchor = anchor.as_deref().map(audit::Anchor::parse).transpose()?;
            let report = ctx.store()?.read(|tx| audit::verify(tx, anchor.as_ref()))?;
            return ctx.out.report(&Outcome::new(json!({
                "valid": true,
                "entries": report.entries,
                "last_hash": report.last_hash,
            })));
        }
        Some(Sub::Head) => {
            let head = ctx.store()?.read(audit::head)?;
            return ctx.out.record(&Outcome::new(json!({
                "id": head.id,
                "hash": head.hash,
            })));
        }
        None => {}
    }
    args.columns.apply(ctx)?;
    let now = ctx.env.now;
    let since = args
        .since
        .as_deref()
        .map(|s| pick::instant("--since", s, now))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| pick::instant("--until", s, now))
        .transpose()?;
    let filter = AuditFilter {
        token: pick::number_filter(ctx, args.token)?,
        action: args.action,
        since,
        until,
        limit: args.limit,
        ..Default::default()
    };
    let entries = ctx.store()?.read(|tx| audit::list(tx, &filter))?;
    ctx.out.list(&entries)
}
