//! `tokenadm audit [filters]` and `tokenadm audit verify`.

use super::Ctx;
use crate::error::{Error, Result};
use crate::ops::audit;
use crate::output::Outcome;
use crate::store::AuditFilter;
use serde_json::json;

/// Show the audit log (oldest first), or check its hash chain
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
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
    /// Only entries at or after this instant (RFC 3339, e.g. 2026-11-01T00:00:00Z)
    #[arg(long, value_name = "RFC3339")]
    since: Option<String>,
    /// Only the newest N entries
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Check the audit log's hash chain: every entry intact, in place, none cut from the end
    /// (exit 5 otherwise)
    Verify {
        /// Also check that entry ID still has HASH, as `audit head` printed them earlier and
        /// they were kept where the database's writers cannot reach
        #[arg(long, value_name = "ID:HASH")]
        anchor: Option<String>,
    },
    /// Print the last entry's id and hash, to keep elsewhere and check with verify --anchor
    Head,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    match args.command {
        Some(Sub::Verify { anchor }) => {
            let anchor = anchor.as_deref().map(audit::Anchor::parse).transpose()?;
            let report = ctx.store()?.read(|tx| audit::verify(tx, anchor.as_ref()))?;
            return ctx.out.record(&Outcome::new(json!({
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
    let since = match &args.since {
        Some(s) => Some(
            s.parse::<jiff::Timestamp>()
                .map_err(|e| Error::usage(format!("--since \"{s}\" is not an RFC 3339 instant ({e}); write e.g. 2026-11-01T00:00:00Z")))?
                .as_second(),
        ),
        None => None,
    };
    let filter = AuditFilter {
        token: args.token,
        action: args.action,
        since,
        limit: args.limit,
        ..Default::default()
    };
    let entries = ctx.store()?.read(|tx| audit::list(tx, &filter))?;
    ctx.out.list(&entries)
}
