//! `tokenadm token delete NUMBER`: asks first; the audit entries stay and the number is never
//! handed out again.

use crate::cli::console;
use crate::cli::ctx::Ctx;
use crate::cli::pick::TokenPick;
use crate::error::Result;
use crate::ops::{find, lifecycle};
use crate::output::TokenView;

/// Delete a token (asks for confirmation; its audit entries stay, its number is never reused)
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm token delete AT0000000042
  tokenadm token delete --identifier alice@example.com --yes"#)]
pub struct Args {
    #[command(flatten)]
    token: TokenPick,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let number = args.token.number(ctx)?;
    // Refuse an unknown number before asking anything; ask with the number as stored.
    let number = ctx.store()?.read(|tx| find::by_number(tx, &number))?.number;
    if !console::confirm(&format!("Delete token {number}"), ctx.yes)? {
        ctx.out.note("not deleted");
        return Ok(());
    }
    let env = ctx.env.clone();
    let token = lifecycle::delete(ctx.store()?, &env, &number)?;
    ctx.out.note(format!("deleted token {}", token.number));
    ctx.out.record(&TokenView::new(&token, ctx.env.now))
}
