//! `tokenadm token show NUMBER | --identifier ID | --auth-code-stdin`.

use crate::cli::console;
use crate::cli::ctx::Ctx;
use crate::error::{Error, Result};
use crate::ops::find;
use crate::output::{rfc3339, TokenView};

/// Show one token, found by number, identifier or authentication code
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("by").required(true).args(["number", "identifier", "auth_code_stdin"])))]
#[command(after_help = r#"Examples:
  tokenadm token show AT0000000042
  tokenadm token show --identifier alice@example.com
  tokenadm token show --auth-code-stdin < code.txt"#)]
pub struct Args {
    /// The token number, e.g. AT0000000042
    number: Option<String>,
    /// Find the token by its identifier (case-insensitive)
    #[arg(long, value_name = "ID")]
    identifier: Option<String>,
    /// Find the token by the authentication code read from standard input
    #[arg(long)]
    auth_code_stdin: bool,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let code = if args.auth_code_stdin {
        Some(console::stdin_secret("authentication code")?)
    } else {
        None
    };
    let now = ctx.env.now;
    let (token, daily_limit) = ctx.store()?.read(|tx| {
        let token = match (&args.number, &args.identifier, &code) {
            (Some(n), _, _) => find::by_number(tx, n),
            (_, Some(id), _) => find::by_identifier(tx, id),
            (_, _, Some(c)) => find::by_auth_code(tx, c, now),
            _ => Err(Error::usage(
                "give a token NUMBER, --identifier ID or --auth-code-stdin",
            )),
        }?;
        let limit = find::daily_limits(tx, std::slice::from_ref(&token))[0];
        Ok((token, limit))
    })?;
    ctx.out.record(&TokenView {
        daily_limit,
        ..TokenView::new(&token, now)
    })?;
    // The record's locked_until says until when; this says, to people, how to lift it sooner.
    if let Some(until) = token.locked_at(now) {
        ctx.out.note(format!(
            "note: token {} is locked out of auth until {} after too many wrong pass codes; \
             tokenadm token set-state {} effective or a pass-code reset lifts it sooner",
            token.number,
            rfc3339(until),
            token.number
        ));
    }
    Ok(())
}
