//! `tokenadm verify NUMBER [--code-stdin]`: the holder's verification code makes a pending token
//! effective.

use super::console;
use super::ctx::Ctx;
use super::pick::TokenPick;
use crate::error::Result;
use crate::ops::verification::{self, Verified};
use crate::output::TokenView;

/// Verify a pending token with the code that was sent to its holder
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm verify AT0000000042
  echo 481516 | tokenadm verify --identifier alice@example.com --code-stdin"#)]
pub struct Args {
    #[command(flatten)]
    token: TokenPick,
    /// Read the code from standard input instead of asking on the terminal
    #[arg(long)]
    code_stdin: bool,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let number = args.token.number(ctx)?;
    let code = if args.code_stdin || !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        console::stdin_secret("verification code")?
    } else {
        console::prompt_secret("verification code", false)?
    };
    let env = ctx.env.clone();
    match verification::verify(ctx.store()?, &env, &number, &code)? {
        Verified::Verified(token) => ctx.out.record(&TokenView::new(&token, ctx.env.now)),
        // The failed attempt is committed (it counts); the command still fails.
        Verified::Denied(e) => Err(e),
    }
}
