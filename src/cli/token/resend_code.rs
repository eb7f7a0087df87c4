//! `tokenadm token resend-code NUMBER`.

use crate::cli::Ctx;
use crate::error::Result;
use crate::ops::messages::Queued;
use crate::ops::verification;
use crate::output::TokenView;

/// Issue a new verification code to a pending token and queue it for delivery
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The token number
    number: String,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    // A wrong --config fails here, before anything changes (issue #5).
    ctx.delivery()?;
    let env = ctx.env.clone();
    let (token, queued) = verification::resend(ctx.store()?, &env, &args.number)?;
    ctx.out.record(&TokenView::new(&token, ctx.env.now))?;
    if let Queued::Queued(id) = queued {
        ctx.out.note(format!(
            "queued message {id} with the new verification code"
        ));
        ctx.deliver_now(&[id]);
    }
    Ok(())
}
