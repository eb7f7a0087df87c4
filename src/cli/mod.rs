//! The clap tree. Each subcommand lives in its own file with its `Args` (the doc comments are
//! the help) and a `run(args, ctx)`; this file holds only the top-level enum and the dispatch.

mod account;
mod audit;
mod auth;
mod check;
mod completions;
pub mod console;
mod ctx;
mod definition;
pub mod docs;
mod init;
mod outbox;
mod participant;
mod session;
mod token;
mod verify;

pub use ctx::Ctx;

use crate::output::Format;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

/// Administer CRM access tokens: definitions, issuance, life cycle, messages and sessions,
/// on a local SQLite database.
#[derive(Debug, Parser)]
#[command(name = "tokenadm", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// The database file [default: $XDG_DATA_HOME/tokenadm/tokenadm.db]
    #[arg(
        long,
        global = true,
        env = "TOKENADM_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,
    /// Output format
    #[arg(long, global = true, env = "TOKENADM_FORMAT", hide_env_values = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Who is recorded in the audit log [default: $SUDO_USER, else $USER]
    #[arg(
        long,
        global = true,
        env = "TOKENADM_ACTOR",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub actor: Option<String>,
    /// Answer yes to confirmations
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Print only what a script needs: the record, or nothing
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]
    #[arg(
        long,
        global = true,
        env = "TOKENADM_CONFIG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::Args),
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
            Command::Session(_)
            | Command::Audit(_)
            | Command::Check(_)
            | Command::Completions(_)
            | Command::Auth(_)
            | Command::Verify(_) => false,
        }
    }
}

pub fn run(cli: Cli) -> crate::Result<()> {
    let mut ctx = Ctx::new(&cli.global)?;
    ctx.app.set_may_create(cli.command.may_create_database());
    match cli.command {
        Command::Init(a) => init::run(a, &mut ctx),
        Command::Token(c) => token::run(c, &mut ctx),
        Command::Auth(a) => auth::run(a, &mut ctx),
        Command::Session(c) => session::run(c, &mut ctx),
        Command::Definition(c) => definition::run(c, &mut ctx),
        Command::Account(c) => account::run(c, &mut ctx),
        Command::Participant(c) => participant::run(c, &mut ctx),
        Command::Verify(a) => verify::run(a, &mut ctx),
        Command::Outbox(c) => outbox::run(c, &mut ctx),
        Command::Audit(a) => audit::run(a, &mut ctx),
        Command::Check(a) => check::run(a, &mut ctx),
        Command::Completions(a) => completions::run(a, &mut ctx),
    }
}
