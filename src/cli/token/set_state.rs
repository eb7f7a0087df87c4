//! `tokenadm token set-state NUMBER STATE [--reason TEXT] [--force]`.

use crate::cli::ctx::Ctx;
use crate::cli::pick;
use crate::domain::token::State;
use crate::error::{Error, Result};
use crate::ops::lifecycle;
use crate::output::TokenView;

/// Change a token's life cycle state (effective, not_effective; pending tokens need --force)
///
/// Setting an effective token that is locked out (too many wrong pass codes) effective again
/// lifts the lock; that is audited as token.unlock with the reason.
#[derive(Debug, clap::Args)]
#[command(
    override_usage = "tokenadm token set-state [OPTIONS] NUMBER STATE\n       \
                          tokenadm token set-state [OPTIONS] --identifier ID STATE"
)]
#[command(after_help = r#"Examples:
  tokenadm token set-state AT0000000042 not_effective --reason "left the company"
  tokenadm token set-state --identifier alice@example.com effective
  tokenadm token set-state AT0000000042 effective --force --reason "verified by phone""#)]
pub struct Args {
    /// The token number (case does not matter); with --identifier, the new state
    #[arg(value_name = "NUMBER")]
    first: String,
    /// The new state: effective or not_effective
    #[arg(value_name = "STATE", value_parser = pick::StateHint)]
    state: Option<String>,
    /// Pick the token by its identifier instead of its number (case-insensitive)
    #[arg(long, value_name = "ID")]
    identifier: Option<String>,
    /// Why, for the audit log
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// Make a pending_verification token effective without verification (audited as forced)
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    // Parsed here rather than by clap so that an unknown state is invalid input (exit 4)
    // with the list of valid ones.
    // With --identifier the one positional is the state; without, NUMBER STATE.
    let (number, state) = match (&args.identifier, &args.state) {
        (None, Some(state)) => (Some(args.first.as_str()), state.as_str()),
        (Some(_), None) => (None, args.first.as_str()),
        (None, None) => {
            return Err(Error::usage(
                "give the token NUMBER and the new STATE, e.g. tokenadm token set-state AT0000000042 not_effective",
            ))
        }
        (Some(id), Some(_)) => {
            return Err(Error::usage(format!(
                "give either a token NUMBER (\"{}\") or --identifier \"{id}\", not both",
                args.first
            )))
        }
    };
    let state: State = state.parse()?;
    let number = pick::number_of(ctx, number, args.identifier.as_deref())?;
    let env = ctx.env.clone();
    let change = lifecycle::set_state(
        ctx.store()?,
        &env,
        &number,
        state,
        args.reason.as_deref(),
        args.force,
    )?;
    if !change.changed {
        ctx.out.note(format!(
            "token {} is already {state}; nothing changed",
            change.token.number
        ));
    }
    ctx.out.record(&TokenView::new(&change.token, ctx.env.now))
}
