//! `tokenadm definition activate NAME`.

use crate::cli::ctx::Ctx;
use crate::error::Result;
use crate::ops::definitions;

/// Make a definition the active one: new tokens are issued under its latest version
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition activate portal"#)]
pub struct Args {
    name: String,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let env = ctx.env.clone();
    let (s, changed) = definitions::activate(ctx.store()?, &env, &args.name)?;
    if !changed {
        ctx.out
            .note(format!("definition {} is already active", s.name));
    }
    ctx.out.record(&super::rows::row(&s, true))
}
