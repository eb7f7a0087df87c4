//! `tokenadm token …`: the token subcommands.

mod delete;
mod expire;
mod import;
mod link;
mod list;
mod new;
mod resend_code;
mod reset_passcode;
mod rotate;
mod set_state;
mod show;

use crate::cli::ctx::Ctx;
use crate::error::Result;

/// Issue, find and manage access tokens
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm token new --identifier alice@example.com --generate-pass-code
  tokenadm token list --state effective --expiring-within 7d
  tokenadm token show --identifier alice@example.com"#)]
pub enum Command {
    New(new::Args),
    Import(import::Args),
    List(list::Args),
    Show(show::Args),
    SetState(set_state::Args),
    Delete(delete::Args),
    ResetPasscode(reset_passcode::Args),
    Rotate(rotate::Args),
    ResendCode(resend_code::Args),
    Link(link::Args),
    /// Unlink a token from an account or a participant
    Unlink(link::Args),
    Expire(expire::Args),
}

impl Command {
    /// Whether the command may create a missing database: it changes something and can succeed
    /// on a new one. Every other command exits 3 on a missing database.
    pub fn may_create_database(&self) -> bool {
        matches!(self, Command::New(_) | Command::Import(_))
    }
}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        Command::New(a) => new::run(a, ctx),
        Command::Import(a) => import::run(a, ctx),
        Command::List(a) => list::run(a, ctx),
        Command::Show(a) => show::run(a, ctx),
        Command::SetState(a) => set_state::run(a, ctx),
        Command::Delete(a) => delete::run(a, ctx),
        Command::ResetPasscode(a) => reset_passcode::run(a, ctx),
        Command::Rotate(a) => rotate::run(a, ctx),
        Command::ResendCode(a) => resend_code::run(a, ctx),
        Command::Link(a) => link::run_link(a, ctx),
        Command::Unlink(a) => link::run_unlink(a, ctx),
        Command::Expire(a) => expire::run(a, ctx),
    }
}
