//! `tokenadm token new`: issue one token, or `--count N` of them.

use super::import::{shown, BarProgress, Printer};
use crate::cli::console;
use crate::cli::ctx::Ctx;
use crate::cli::output_file::OutputFile;
use crate::domain::duration::Duration;
use crate::error::{Error, Result};
use crate::ops::issue::{self, Expiry, IssueRequest, PassCodeInput};
use crate::ops::messages::Queued;
use crate::output::TokenView;

/// Issue a token; generated secrets are printed once, under "secrets"
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm token new
  tokenadm token new --identifier alice@example.com --generate-pass-code --account AR-1
  tokenadm token new --identifier bob@example.com --prompt --expires-in 90d
  tokenadm token new --count 500 --format csv --output kiosk-codes.csv"#)]
pub struct Args {
    /// The identifier (e.g. an email address), validated against the definition
    #[arg(long, value_name = "ID")]
    identifier: Option<String>,
    /// Read the pass code from standard input (first line)
    #[arg(long, group = "pass")]
    pass_code_stdin: bool,
    /// Ask for the pass code on the terminal, twice, without echo
    #[arg(long, group = "pass")]
    prompt: bool,
    /// Generate a pass code to the definition's policy
    #[arg(long, group = "pass")]
    generate_pass_code: bool,
    /// Read a custom authentication code from standard input (after the pass code, if both)
    #[arg(long)]
    auth_code_stdin: bool,
    /// A label for the token; fixed once created
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// A classification of the active definition; its settings apply to the token
    #[arg(long, value_name = "NAME")]
    classification: Option<String>,
    /// Link the token to this account
    #[arg(long, value_name = "ID")]
    account: Option<String>,
    /// Link the token to this participant
    #[arg(long, value_name = "ID")]
    participant: Option<String>,
    /// Expire the token after this long (30m, 12h, 90d) instead of the definition's default_ttl
    #[arg(long, value_name = "DURATION")]
    expires_in: Option<Duration>,
    /// Issue the token effective even where the definition requires verification (audited)
    #[arg(long)]
    skip_verification: bool,
    /// Issue N tokens at once, each with its own generated authentication code
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    count: Option<u32>,
    #[command(flatten)]
    output: OutputFile,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    args.output.open(ctx)?;
    let mut names = Vec::new();
    if args.pass_code_stdin {
        names.push("pass code");
    }
    if args.auth_code_stdin {
        names.push("authentication code");
    }
    // The definition refuses a zero default_ttl for the same reason.
    if args.expires_in.is_some_and(|d| d.is_zero()) {
        return Err(Error::invalid(
            "--expires-in 0s would expire the token as it is made; give a longer duration, or none",
        ));
    }
    let mut from_stdin = console::stdin_secrets(&names)?.into_iter();
    let pass_code = if args.pass_code_stdin {
        from_stdin
            .next()
            .map_or(PassCodeInput::Absent, PassCodeInput::Given)
    } else if args.prompt {
        PassCodeInput::Given(console::prompt_secret("pass code", true)?)
    } else if args.generate_pass_code {
        PassCodeInput::Generate
    } else {
        PassCodeInput::Absent
    };
    let auth_code = if args.auth_code_stdin {
        from_stdin.next()
    } else {
        None
    };
    let req = IssueRequest {
        line: 0,
        identifier: args.identifier,
        pass_code,
        auth_code,
        name: args.name,
        classification: args.classification,
        account: args.account,
        participant: args.participant,
        expires: args.expires_in.map_or(Expiry::Default, Expiry::In),
        skip_verification: args.skip_verification,
    };
    // A wrong --config fails here, before anything changes, not after the commit.
    ctx.delivery()?;
    let env = ctx.env.clone();
    let out = ctx.out.clone();
    let spool_dir = ctx.spool_dir()?;
    let store = ctx.store()?;
    let queued: Vec<Queued> = match args.count {
        Some(n) if n > 1 => {
            let bar = out.progress();
            let mut printer = Printer::new(&out, env.now);
            let totals = issue::issue_many(
                store,
                &env,
                req,
                n,
                &crate::ops::issue::Bulk {
                    progress: &BarProgress(&bar, "issuing", None),
                    spool_dir: &spool_dir,
                },
                &mut printer,
            )?;
            printer.finish()?;
            out.note(format!("issued {n} tokens"));
            out.secrets_shown("their secrets");
            if let Some(queued) = totals.messages {
                ctx.deliver_queued(queued);
            }
            Vec::new()
        }
        _ => {
            let issued = issue::issue(store, &env, req)?;
            let s = shown(&issued);
            out.record(&TokenView {
                secrets: Some(&s),
                ..TokenView::new(&issued.token, env.now)
            })?;
            if !s.is_empty() {
                out.secrets_shown("the secrets");
            }
            issued.messages
        }
    };
    // The tokens and their messages are committed; now try to send what was queued.
    let mut ids = Vec::new();
    let mut unsent = Vec::new();
    for q in queued {
        match q {
            Queued::Queued(id) => ids.push(id),
            Queued::NoRecipient(why) => unsent.push(why),
            Queued::Disabled => {}
        }
    }
    match unsent.as_slice() {
        [] => {}
        [why] => ctx.out.note(format!("no message queued: {why}")),
        [why, ..] => ctx.out.note(format!(
            "no message queued for {} tokens; the first: {why}",
            unsent.len()
        )),
    }
    ctx.deliver_now(&ids);
    Ok(())
}
