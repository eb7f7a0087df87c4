//! `tokenadm token set-state NUMBER STATE [--reason TEXT] [--force]`.

use crate::cli::Ctx;
use crate::domain::token::State;
use crate::error::Result;
use crate::ops::lifecycle;
use crate::output::TokenView;

/// Change a token's life cycle state (effective, not_effective; pending tokens need --force)
///
/// Setting an effective token that is locked out (too many wrong pass codes) effective again
/// lifts the lock; that is audited as token.unlock with the reason.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The token number
    number: String,
    /// The new state: effective or not_effective
    state: String,
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
    let state: State = args.state.parse()?;
    let env = ctx.env.clone();
    let change = lifecycle::set_state(
        ctx.store()?,
        &env,
        &args.number,
        state,
        args.reason.as_deref(),
        args.force,
    )?;
    if !change.changed {
        ctx.out.note(format!(
            "token {} is already {state}; nothing changed",
            args.number
        ));
    }
    ctx.out.record(&TokenView::new(&change.token, ctx.env.now))
}
