//! `tokenadm token rotate NUMBER [--grace DURATION]`.

use crate::cli::Ctx;
use crate::domain::duration::Duration;
use crate::error::Result;
use crate::ops::lifecycle;
use crate::output::{ShownSecrets, TokenView};

/// Give an effective token a new authentication code, printed once
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The token number
    number: String,
    /// Keep the old code working this long (e.g. 1h) while clients switch; default: it stops now
    #[arg(long, value_name = "DURATION")]
    grace: Option<Duration>,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let env = ctx.env.clone();
    let (token, code) = lifecycle::rotate(ctx.store()?, &env, &args.number, args.grace)?;
    let shown = ShownSecrets {
        authentication_code: Some(code.expose().to_string()),
        pass_code: None,
    };
    ctx.out.record(&TokenView {
        secrets: Some(&shown),
        ..TokenView::new(&token, ctx.env.now)
    })?;
    ctx.out
        .note("the new code above is shown once and cannot be retrieved later");
    Ok(())
}
