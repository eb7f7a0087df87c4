//! `tokenadm token link|unlink NUMBER (--account ID | --participant ID)`.

use crate::cli::ctx::Ctx;
use crate::cli::pick::TokenPick;
use crate::error::{Error, Result};
use crate::ops::lifecycle::{self, LinkTarget};
use crate::output::TokenView;

/// Link a token to an account or a participant
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["account", "participant"])))]
#[command(after_help = r#"Examples:
  tokenadm token link AT0000000042 --account AR-1
  tokenadm token unlink --identifier alice@example.com --participant RP-7"#)]
pub struct Args {
    #[command(flatten)]
    token: TokenPick,
    /// The account
    #[arg(long, value_name = "ID")]
    account: Option<String>,
    /// The participant
    #[arg(long, value_name = "ID")]
    participant: Option<String>,
}

impl Args {
    fn target(&self) -> Result<LinkTarget> {
        match (&self.account, &self.participant) {
            (Some(a), _) => Ok(LinkTarget::Account(a.clone())),
            (None, Some(p)) => Ok(LinkTarget::Participant(p.clone())),
            (None, None) => Err(Error::usage("give --account ID or --participant ID")),
        }
    }
}

pub fn run_link(args: Args, ctx: &mut Ctx) -> Result<()> {
    let number = args.token.number(ctx)?;
    let env = ctx.env.clone();
    let token = lifecycle::link(ctx.store()?, &env, &number, &args.target()?)?;
    ctx.out.record(&TokenView::new(&token, ctx.env.now))
}

pub fn run_unlink(args: Args, ctx: &mut Ctx) -> Result<()> {
    let number = args.token.number(ctx)?;
    let env = ctx.env.clone();
    let token = lifecycle::unlink(ctx.store()?, &env, &number, &args.target()?)?;
    if token.is_orphaned() {
        ctx.out.note(format!(
            "token {} is now linked to nothing; token expire will make it not_effective",
            token.number
        ));
    }
    ctx.out.record(&TokenView::new(&token, ctx.env.now))
}
