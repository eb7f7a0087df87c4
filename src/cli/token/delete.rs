//! `tokenadm token delete NUMBER`: asks first; the audit entries stay and the number is never
//! handed out again.

use crate::cli::{console, Ctx};
use crate::error::Result;
use crate::ops::{find, lifecycle};
use crate::output::TokenView;

/// Delete a token (asks for confirmation; its audit entries stay, its number is never reused)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The token number
    number: String,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    // Refuse an unknown number before asking anything.
    ctx.store()?.read(|tx| find::by_number(tx, &args.number))?;
    if !console::confirm(&format!("Delete token {}", args.number), ctx.yes)? {
        ctx.out.note("not deleted");
        return Ok(());
    }
    let env = ctx.env.clone();
    let token = lifecycle::delete(ctx.store()?, &env, &args.number)?;
    ctx.out.note(format!("deleted token {}", token.number));
    ctx.out.record(&TokenView::new(&token, ctx.env.now))
}
