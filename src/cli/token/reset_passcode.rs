//! `tokenadm token reset-passcode NUMBER | --identifier ID [--pass-code-stdin | --prompt] [--notify]`.

use crate::cli::console;
use crate::cli::ctx::Ctx;
use crate::cli::output_file::OutputFile;
use crate::error::{Error, Result};
use crate::ops::lifecycle::{self, TokenRef};
use crate::ops::messages::Queued;
use crate::output::{ShownSecrets, TokenView};

/// Set a new pass code on an effective token: given, or generated and printed once
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["number", "identifier"])))]
#[command(after_help = r#"Examples:
  tokenadm token reset-passcode --identifier alice@example.com --notify
  tokenadm token reset-passcode AT0000000042 --prompt
  tokenadm token reset-passcode AT0000000042 --output new-pass.txt"#)]
pub struct Args {
    /// The token number
    number: Option<String>,
    /// Find the token by its identifier
    #[arg(long, value_name = "ID")]
    identifier: Option<String>,
    /// Read the new pass code from standard input
    #[arg(long, group = "pass")]
    pass_code_stdin: bool,
    /// Ask for the new pass code on the terminal, twice, without echo
    #[arg(long, group = "pass")]
    prompt: bool,
    /// Send the on_reset message with the new pass code to the token's holder
    #[arg(long)]
    notify: bool,
    #[command(flatten)]
    output: OutputFile,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    args.output.open(ctx)?;
    let which = match (args.number, args.identifier) {
        (Some(n), _) => TokenRef::Number(n),
        (None, Some(id)) => TokenRef::Identifier(id),
        (None, None) => return Err(Error::usage("give a token NUMBER or --identifier ID")),
    };
    let given = if args.pass_code_stdin {
        Some(console::stdin_secret("pass code")?)
    } else if args.prompt {
        Some(console::prompt_secret("new pass code", true)?)
    } else {
        None
    };
    if args.notify {
        // A wrong --config fails here, before anything changes (issue #5).
        ctx.delivery()?;
    }
    let env = ctx.env.clone();
    let reset = lifecycle::reset_passcode(ctx.store()?, &env, &which, given, args.notify)?;
    let shown = ShownSecrets {
        pass_code: reset.generated.as_ref().map(|s| s.expose().to_string()),
        authentication_code: None,
    };
    ctx.out.record(&TokenView {
        secrets: Some(&shown),
        ..TokenView::new(&reset.token, ctx.env.now)
    })?;
    if !shown.is_empty() {
        ctx.out.secrets_shown("the new pass code");
    }
    if let Some(Queued::Queued(id)) = reset.message {
        ctx.out
            .note(format!("queued message {id} with the new pass code"));
        ctx.deliver_now(&[id]);
    }
    Ok(())
}
