//! `tokenadm token list`: filtered, in number order, a page at a time.

use crate::cli::columns::Columns;
use crate::cli::ctx::Ctx;
use crate::cli::pick;
use crate::domain::duration::Duration;
use crate::domain::token::State;
use crate::error::{Error, Result};
use crate::ops::find;
use crate::output::TokenView;
use crate::store::{TokenFilter, TokenSort};
use clap::builder::TypedValueParser as _;

/// List tokens in number order (50 at a time unless --limit or --all)
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm token list
  tokenadm token list --state pending_verification --sort created
  tokenadm token list --expiring-within 7d --sort expires
  tokenadm token list --search alice --columns number,identifier,last_used_at
  tokenadm token list --all --format csv > tokens.csv"#)]
pub struct Args {
    /// Only tokens in this state (repeatable)
    #[arg(long, value_name = "S", value_parser = state_arg())]
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
    /// Only tokens created at or after this instant: RFC 3339, or a duration back from now
    /// (24h, 7d)
    #[arg(long, value_name = "WHEN")]
    created_since: Option<String>,
    /// The order: by number (as issued), created (oldest first), expires (soonest first,
    /// never last), last-used (most recent first, never used last)
    #[arg(long, value_enum, value_name = "KEY", default_value_t = Sort::Number)]
    sort: Sort,
    /// Start after this token number (keyset pagination: pass the last number of a page; with
    /// --sort number only)
    #[arg(long, value_name = "NUMBER")]
    after: Option<String>,
    #[command(flatten)]
    columns: Columns,
}

/// `--state`: one of the states, offered to help and completion.
fn state_arg() -> impl clap::builder::TypedValueParser<Value = State> {
    clap::builder::PossibleValuesParser::new(State::ALL.map(State::as_str))
        .try_map(|s| s.parse::<State>())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Sort {
    Number,
    Created,
    Expires,
    LastUsed,
}

impl From<Sort> for TokenSort {
    fn from(s: Sort) -> Self {
        match s {
            Sort::Number => TokenSort::Number,
            Sort::Created => TokenSort::Created,
            Sort::Expires => TokenSort::Expires,
            Sort::LastUsed => TokenSort::LastUsed,
        }
    }
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    args.columns.apply(ctx)?;
    if args.after.is_some() && args.sort != Sort::Number {
        return Err(Error::usage(
            "--after pages through tokens in number order; drop --sort, or page with --limit and --created-since",
        ));
    }
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
        created_since: args
            .created_since
            .as_deref()
            .map(|s| pick::instant("--created-since", s, now))
            .transpose()?,
        after: pick::number_filter(ctx, args.after)?,
        sort: args.sort.into(),
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
        match tokens.last() {
            Some(last) if args.sort == Sort::Number => ctx.out.note(format!(
                "more may follow: --after {} for the next page, or --all",
                last.number
            )),
            _ => ctx.out.note(format!(
                "more may follow: --limit above {}, or --all",
                args.limit
            )),
        }
    }
    Ok(())
}
