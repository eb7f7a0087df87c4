//! `tokenadm auth [--identifier ID] [--session] [--prompt]` (issue #6): prove possession of a
//! token's secret, read from standard input or a hidden prompt, and get the token record or a
//! session token back. Every refusal is the same one sentence and exit 6; the audit log says why.

use super::console;
use super::ctx::Ctx;
use crate::error::{Error, Result};
use crate::ops::authenticate::{self, Authenticated, Credential};
use crate::ops::session::SessionRequest;
use crate::output::{rfc3339, Outcome, SessionView, TokenView};
use serde_json::json;
use std::io::IsTerminal;

/// Authenticate with a token's authentication code, or with --identifier its pass code
///
/// The secret is read from standard input (one line), or from a hidden prompt with --prompt or
/// when standard input is a terminal. Only an effective, unexpired token that is not locked out
/// and within its daily limit authenticates; any refusal exits 6 with the same message, and the
/// audit log records why (tokenadm audit --action token.auth_failed). Too many wrong pass codes
/// within the definition's [lockout] window lock the token for the rest of the window; a
/// definition's [usage] daily_limit caps successful auths per token per UTC day.
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  echo "$CODE" | tokenadm auth
  tokenadm auth --identifier alice@example.com --prompt
  tokenadm auth --identifier alice@example.com --session -q < pass.txt > session.jwt"#)]
pub struct Args {
    /// Authenticate with this identifier and its pass code instead of an authentication code
    #[arg(long, value_name = "ID")]
    identifier: Option<String>,
    /// Print a session token (an HS256 JWT signed with this database's key) instead of the
    /// token record; with -q, only the session token
    #[arg(long)]
    session: bool,
    /// Ask for the secret on the terminal, without echo
    #[arg(long)]
    prompt: bool,
    /// With --session: write the session token to FILE instead of standard output, created
    /// mode 0600, never over an existing file
    #[arg(long, value_name = "FILE", requires = "session")]
    output: Option<std::path::PathBuf>,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    ctx.out.to_file(args.output.as_deref())?;
    let label = if args.identifier.is_some() {
        "pass code"
    } else {
        "authentication code"
    };
    if args
        .identifier
        .as_deref()
        .is_some_and(|id| id.trim().is_empty())
    {
        return Err(Error::usage(
            "--identifier is empty; give the token's identifier",
        ));
    }
    let secret = if args.prompt || std::io::stdin().is_terminal() {
        if !std::io::stdin().is_terminal() {
            return Err(Error::usage(format!(
                "--prompt needs a terminal; write the {label} to standard input instead"
            )));
        }
        console::prompt_secret(label, false)?
    } else {
        console::stdin_secret(label)?
    };
    let credential = match args.identifier {
        Some(identifier) => Credential::PassCode {
            identifier,
            pass_code: secret,
        },
        None => Credential::AuthCode(secret),
    };
    let env = ctx.env.clone();
    let session = args.session.then(SessionRequest::default);
    let granted =
        match authenticate::authenticate(ctx.store()?, &env, &credential, session.as_ref())? {
            Authenticated::Granted(g) => g,
            Authenticated::Denied(d) => return Err(d.error),
        };
    drop(credential);
    match &granted.session {
        Some(s) => {
            if ctx.out.quiet() {
                ctx.out.text(s.jwt().expose())?;
            } else {
                ctx.out.record(&SessionView(Outcome::new(json!({
                    "number": granted.token.number,
                    "session_token": s.jwt().expose(),
                    "expires_at": rfc3339(s.claims.exp),
                }))))?;
            }
            ctx.out.secrets_shown("the session token");
            Ok(())
        }
        None => ctx.out.record(&TokenView {
            daily_limit: granted.daily_limit,
            ..TokenView::new(&granted.token, ctx.env.now)
        }),
    }
}
