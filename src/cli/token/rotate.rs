//! `tokenadm token rotate NUMBER [--grace DURATION]`.

use crate::cli::ctx::Ctx;
use crate::cli::output_file::OutputFile;
use crate::cli::pick::TokenPick;
use crate::domain::duration::Duration;
use crate::error::Result;
use crate::ops::lifecycle;
use crate::output::{ShownSecrets, TokenView};

/// Give an effective token a new authentication code, printed once
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm token rotate AT0000000042
  tokenadm token rotate --identifier kiosk-3@example.com --grace 1h --output new-code.txt"#)]
pub struct Args {
    #[command(flatten)]
    token: TokenPick,
    /// Keep the old code working this long (e.g. 1h) while clients switch; default: it stops now
    #[arg(long, value_name = "DURATION")]
    grace: Option<Duration>,
    #[command(flatten)]
    output: OutputFile,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    args.output.open(ctx)?;
    let number = args.token.number(ctx)?;
    let env = ctx.env.clone();
    let (token, code) = lifecycle::rotate(ctx.store()?, &env, &number, args.grace)?;
    let shown = ShownSecrets {
        authentication_code: Some(code.expose().to_string()),
        pass_code: None,
    };
    ctx.out.record(&TokenView {
        secrets: Some(&shown),
        ..TokenView::new(&token, ctx.env.now)
    })?;
    ctx.out.secrets_shown("the new authentication code");
    Ok(())
}
