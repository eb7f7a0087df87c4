//! `tokenadm token list`: filtered, in number order, a page at a time.

use crate::cli::Ctx;
use crate::domain::duration::Duration;
use crate::domain::token::State;
use crate::error::Result;
use crate::ops::find;
use crate::output::TokenView;
use crate::store::TokenFilter;

/// List tokens in number order (50 at a time unless --limit or --all)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only tokens in this state (repeatable): effective, not_effective, pending_verification
    #[arg(long, value_name = "S")]
    state: Vec<State>,
    /// Only tokens linked to this account
    #[arg(long, value_name = "ID")]
    account: Option<String>,
    /// Only tokens linked to this participant
    #[arg(long, value_name = "ID")]
    participant: Option<String>,
    /// Only tokens of this classification
    #[arg(long, value_name = "NAME")]
    classification: Option<String>,
    /// Only the orphans the next `token expire` sets not_effective: linked once, linked to
    /// nothing for longer than the definition's expiry.orphan_grace, where
    /// automation.orphans_not_effective is on
    #[arg(long)]
    orphaned: bool,
    /// Only tokens (not yet not_effective) that expire within this long, or already have, and
    /// pending ones whose verification code lapses by then
    #[arg(long, value_name = "DURATION")]
    expiring_within: Option<Duration>,
    /// Only tokens whose number, identifier or name contains this text (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// At most N tokens
    #[arg(long, value_name = "N", conflicts_with = "all", default_value_t = 50)]
    limit: u32,
    /// Every matching token
    #[arg(long)]
    all: bool,
    /// Start after this token number (keyset pagination: pass the last number of a page)
    #[arg(long, value_name = "NUMBER")]
    after: Option<String>,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let now = ctx.env.now;
    let filter = TokenFilter {
        states: args.state,
        account: args.account,
        participant: args.participant,
        classification: args.classification,
        orphaned: args.orphaned,
        // Filled in by find::list from the definitions.
        orphan_rules: Vec::new(),
        expiring_by: args.expiring_within.map(|d| now + d.as_secs()),
        search: args.search,
        after: args.after,
        limit: (!args.all).then_some(args.limit),
    };
    let (tokens, limits) = ctx.store()?.read(|tx| {
        let tokens = find::list(tx, &filter, now)?;
        let limits = find::daily_limits(tx, &tokens);
        Ok((tokens, limits))
    })?;
    let views: Vec<TokenView> = tokens
        .iter()
        .zip(limits)
        .map(|(t, daily_limit)| TokenView {
            daily_limit,
            ..TokenView::new(t, now)
        })
        .collect();
    ctx.out.list(&views)?;
    if !args.all && tokens.len() == args.limit as usize {
        if let Some(last) = tokens.last() {
            ctx.out.note(format!(
                "more may follow: --after {} for the next page, or --all",
                last.number
            ));
        }
    }
    Ok(())
}
