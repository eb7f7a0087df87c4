//! `tokenadm account …`: accounts (Accounts Receivable) that tokens link to.

use super::columns::Columns;
use super::{console, Ctx};
use crate::error::{Error, Result};
use crate::ops::entities::{self, Contact};
use crate::output::Outcome;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Manage accounts (Accounts Receivable)
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add an account
    Add {
        /// The account's id in the CRM, e.g. AR-1
        id: String,
        /// The account holder's name
        #[arg(long, value_name = "TEXT")]
        name: String,
        /// Where email messages for its tokens go
        #[arg(long, value_name = "E")]
        email: Option<String>,
        /// Where SMS messages for its tokens go, as + and 7 to 15 digits
        #[arg(long, value_name = "P")]
        phone: Option<String>,
    },
    /// List accounts
    List {
        #[command(flatten)]
        columns: Columns,
    },
    /// Show one account
    Show { id: String },
    /// Remove an account and its participants; their tokens are unlinked (orphans)
    Remove { id: String },
    /// Add and update accounts from a CRM's CSV export (id, name, email, phone; header row)
    Import {
        /// The CSV file, or - for standard input
        file: PathBuf,
        /// Also remove the accounts that are not in the file (the nightly sync)
        #[arg(long)]
        prune: bool,
    },
}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    let env = ctx.env.clone();
    match cmd {
        Command::Add {
            id,
            name,
            email,
            phone,
        } => {
            let a = entities::add_account(
                ctx.store()?,
                &env,
                &id,
                Contact {
                    name: Some(name),
                    email,
                    phone,
                },
            )?;
            ctx.out.record(&a)
        }
        Command::List { columns } => {
            columns.apply(ctx)?;
            let all = ctx.read_store()?.read(|tx| tx.list_accounts())?;
            ctx.out.list(&all)
        }
        Command::Show { id } => {
            let a = ctx.read_store()?.read(|tx| entities::account(tx, &id))?;
            ctx.out.record(&a)
        }
        Command::Remove { id } => {
            let removed = ctx
                .store()?
                .write(|tx| entities::remove_account_in(tx, &env, &id))?;
            ctx.out.report(&Outcome::new(json!({
                "removed": id,
                "participants": removed.participants,
                "unlinked_tokens": removed.unlinked_tokens,
            })))
        }
        Command::Import { file, prune } => import(ctx, &env, &file, prune),
    }
}

fn import(ctx: &mut Ctx, env: &crate::ops::Env, file: &Path, prune: bool) -> Result<()> {
    let (bytes, source) = console::read_input(file, "import file")?;
    let rows = entities::read_account_csv(&bytes, &source)?;
    if prune && rows.is_empty() && !ctx.yes {
        return Err(Error::usage(format!(
            "{source} has no accounts, so --prune would remove every account; pass --yes if that is what you want"
        )));
    }
    let s = entities::import_accounts(ctx.store()?, env, &rows, prune)?;
    ctx.out.report(&Outcome::new(json!({
        "added": s.added.len(),
        "updated": s.updated.len(),
        "unchanged": s.unchanged,
        "removed": s.removed,
        "unlinked_tokens": s.unlinked_tokens,
    })))
}
