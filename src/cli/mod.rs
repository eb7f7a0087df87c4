//! The clap tree. Each subcommand lives in its own file with its `Args` (the doc comments are
//! the help) and a `run(args, ctx)`; this file holds only the top-level enum and the dispatch.

mod account;
mod app_key;
mod audit;
mod auth;
mod check;
mod columns;
mod completions;
pub mod console;
mod ctx;
mod definition;
pub mod docs;
mod global;
mod init;
mod outbox;
mod output_file;
mod participant;
mod pick;
mod serve;
mod session;
mod status;
mod token;
mod verify;

pub use ctx::Ctx;
pub use global::GlobalArgs;

use clap::{CommandFactory, Parser, Subcommand};

/// Administer CRM access tokens: definitions, issuance, life cycle, messages and sessions,
/// on a local SQLite database.
#[derive(Debug, Parser)]
#[command(
    name = "tokenadm",
    version,
    max_term_width = 100,
    after_help = r#"Examples:
  tokenadm token new --identifier alice@example.com --generate-pass-code
  tokenadm token list --expiring-within 7d
  tokenadm token show --identifier alice@example.com
  tokenadm status
  tokenadm help token new

Exit status (docs/exit-codes.md, man tokenadm):
  0 success   1 unexpected failure   2 usage   3 not found
  4 invalid input   5 conflict
  6 authentication or verification failed"#
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::Args),
    Status(status::Args),
    #[command(subcommand)]
    Token(token::Command),
    Auth(auth::Args),
    #[command(subcommand)]
    Session(session::Command),
    #[command(subcommand)]
    Definition(definition::Command),
    #[command(subcommand)]
    Account(account::Command),
    #[command(subcommand)]
    Participant(participant::Command),
    Verify(verify::Args),
    #[command(subcommand)]
    Outbox(outbox::Command),
    Audit(audit::Args),
    Check(check::Args),
    Completions(completions::Args),
    #[command(subcommand)]
    AppKey(app_key::Command),
    Serve(serve::Args),
}

/// The whole command tree, for completions and man pages.
pub fn command() -> clap::Command {
    Cli::command()
}

impl Command {
    /// Whether the command may create a missing database (CONTRACT.md, "Binary, database,
    /// definitions"): one that changes something and can succeed on a new database (`init`,
    /// `token new`, `definition apply`, `account add`, …). Every other command, read-only ones
    /// first (issue #11, item 9), exits 3 on a missing database and creates nothing, not even a
    /// folder: `--db typo.db token show` says so instead of leaving `typo.db` behind, and a
    /// `token set-state` there fails without a new empty database as its only trace.
    pub fn may_create_database(&self) -> bool {
        match self {
            Command::Token(c) => c.may_create_database(),
            Command::Definition(c) => c.may_create_database(),
            Command::Account(c) => c.may_create_database(),
            Command::Participant(c) => c.may_create_database(),
            Command::Outbox(c) => c.may_create_database(),
            Command::Init(_) => true,
            Command::AppKey(c) => c.may_create_database(),
            // A server on a database that does not exist is a typo in --db, not a set-up.
            Command::Serve(_)
            | Command::Session(_)
            | Command::Audit(_)
            | Command::Check(_)
            | Command::Completions(_)
            | Command::Auth(_)
            | Command::Verify(_)
            | Command::Status(_) => false,
        }
    }
}

pub fn run(cli: Cli) -> crate::Result<()> {
    let mut ctx = Ctx::new(&cli.global)?;
    ctx.app.set_may_create(cli.command.may_create_database());
    let result = dispatch(cli.command, &mut ctx);
    ctx.out.finish(result.is_ok());
    result
}

fn dispatch(command: Command, ctx: &mut Ctx) -> crate::Result<()> {
    match command {
        Command::Init(a) => init::run(a, ctx),
        Command::Token(c) => token::run(c, ctx),
        Command::Auth(a) => auth::run(a, ctx),
        Command::Session(c) => session::run(c, ctx),
        Command::Definition(c) => definition::run(c, ctx),
        Command::Account(c) => account::run(c, ctx),
        Command::Participant(c) => participant::run(c, ctx),
        Command::Verify(a) => verify::run(a, ctx),
        Command::Outbox(c) => outbox::run(c, ctx),
        Command::Audit(a) => audit::run(a, ctx),
        Command::Check(a) => check::run(a, ctx),
        Command::Completions(a) => completions::run(a, self::command(), ctx),
        Command::Status(a) => status::run(a, ctx),
        Command::AppKey(c) => app_key::run(c, ctx),
        Command::Serve(a) => serve::run(a, ctx),
    }
}
