//! `tokenadm session verify` (issue #6): check a session token made by `auth --session`.

use super::console;
use super::ctx::Ctx;
use crate::error::Result;
use crate::ops::session;
use crate::output::Outcome;
use serde_json::json;

/// Check session tokens made by tokenadm auth --session
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm session verify < session.jwt
  tokenadm session verify --format json < session.jwt | jq .sub"#)]
pub enum Command {
    Verify(VerifyArgs),
}

/// Check a session token read from standard input and print its claims
///
/// Checks the signature (HS256 only, with this database's key), the expiry, that the issuer is
/// the one the token's definition names, and that the token still exists, is effective and has
/// not expired. Exit 6, with the reason, when any check fails.
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm session verify < session.jwt
  tokenadm auth --session -q < code.txt | tokenadm session verify"#)]
pub struct VerifyArgs {}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Command::Verify(_) => verify(ctx),
    }
}

fn verify(ctx: &mut Ctx) -> Result<()> {
    let jwt = console::stdin_secret("session token")?;
    let env = ctx.env.clone();
    let claims = session::verify(ctx.store()?, &env, &jwt)?;
    ctx.out.record(&Outcome::new(json!({
        "iss": claims.iss,
        "sub": claims.sub,
        "iat": claims.iat,
        "exp": claims.exp,
        "jti": claims.jti,
        "classification": claims.classification,
        "account": claims.account,
        "participant": claims.participant,
    })))
}
