//! `tokenadm token resend-code NUMBER`.

use crate::cli::ctx::Ctx;
use crate::cli::pick::TokenPick;
use crate::error::Result;
use crate::ops::messages::Queued;
use crate::ops::verification;
use crate::output::TokenView;

/// Issue a new verification code to a pending token and queue it for delivery
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm token resend-code AT0000000042
  tokenadm token resend-code --identifier alice@example.com"#)]
pub struct Args {
    #[command(flatten)]
    token: TokenPick,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let number = args.token.number(ctx)?;
    // A wrong --config fails here, before anything changes (issue #5).
    ctx.delivery()?;
    let env = ctx.env.clone();
    let (token, queued) = verification::resend(ctx.store()?, &env, &number)?;
    ctx.out.record(&TokenView::new(&token, ctx.env.now))?;
    if let Queued::Queued(id) = queued {
        ctx.out.note(format!(
            "queued message {id} with the new verification code"
        ));
        ctx.deliver_now(&[id]);
    }
    Ok(())
}
