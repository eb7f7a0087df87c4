//! `tokenadm account …`: accounts (Accounts Receivable) that tokens link to.

use super::{console, Ctx};
use crate::error::Result;
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
    List,
    /// Show one account
    Show { id: String },
    /// Remove an account and its participants; their tokens are unlinked (orphans). Asks first
    Remove { id: String },
    /// Add and update accounts from a CRM's CSV export (id, name, email, phone; header row)
    Import {
        /// The CSV file, or - for standard input
        file: PathBuf,
        /// Also remove the accounts that are not in the file (the nightly sync); asks first
        #[arg(long)]
        prune: bool,
        /// Only show what would change
        #[arg(long)]
        dry_run: bool,
    },
}

impl Command {
    /// Whether the command may create a missing database: it changes something and can succeed
    /// on a new one. Every other command exits 3 on a missing database.
    pub fn may_create_database(&self) -> bool {
        matches!(self, Command::Add { .. } | Command::Import { .. })
    }
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
        Command::List => {
            let all = ctx.store()?.read(|tx| tx.list_accounts())?;
            ctx.out.list(&all)
        }
        Command::Show { id } => {
            let a = ctx.store()?.read(|tx| entities::account(tx, &id))?;
            ctx.out.record(&a)
        }
        Command::Remove { id } => {
            // Refuse an unknown id before asking anything.
            let plan = ctx
                .store()?
                .read(|tx| entities::removal_plan(tx, std::slice::from_ref(&id)))?;
            let question = format!(
                "Remove account {id} with {} participant{} and unlink {} token{}",
                plan.participants,
                if plan.participants == 1 { "" } else { "s" },
                plan.tokens,
                if plan.tokens == 1 { "" } else { "s" }
            );
            if !console::confirm(&question, ctx.yes)? {
                ctx.out.note("not removed");
                return Ok(());
            }
            let removed = ctx
                .store()?
                .write(|tx| entities::remove_account_in(tx, &env, &id))?;
            ctx.out.record(&Outcome::new(json!({
                "removed": id,
                "participants": removed.participants,
                "unlinked_tokens": removed.unlinked_tokens,
            })))
        }
        Command::Import {
            file,
            prune,
            dry_run,
        } => import(ctx, &env, &file, prune, dry_run),
    }
}

fn import(
    ctx: &mut Ctx,
    env: &crate::ops::Env,
    file: &Path,
    prune: bool,
    dry_run: bool,
) -> Result<()> {
    let (bytes, source) = console::read_input(file, "import file")?;
    let rows = entities::read_account_csv(&bytes, &source)?;
    if dry_run {
        let s = ctx
            .store()?
            .read(|tx| entities::plan_import(tx, &rows, prune))?;
        return summary(ctx, &s, false);
    }
    if prune {
        let gone = ctx.store()?.read(|tx| entities::pruned(tx, &rows))?;
        if !gone.is_empty() {
            let plan = ctx.store()?.read(|tx| entities::removal_plan(tx, &gone))?;
            let what = if rows.is_empty() {
                format!("every account ({source} has none)")
            } else {
                format!(
                    "{} account{} not in {source}",
                    gone.len(),
                    if gone.len() == 1 { "" } else { "s" }
                )
            };
            let question = format!(
                "Remove {what} and unlink {} token{}",
                plan.tokens,
                if plan.tokens == 1 { "" } else { "s" }
            );
            if !console::confirm(&question, ctx.yes)? {
                ctx.out.note("nothing imported");
                return Ok(());
            }
        }
    }
    let s = entities::import_accounts(ctx.store()?, env, &rows, prune)?;
    summary(ctx, &s, true)
}

fn summary(ctx: &Ctx, s: &entities::ImportSummary, applied: bool) -> Result<()> {
    ctx.out.record(&Outcome::new(json!({
        "added": s.added.len(),
        "updated": s.updated.len(),
        "unchanged": s.unchanged,
        "removed": s.removed,
        "unlinked_tokens": s.unlinked_tokens,
        "applied": applied,
    })))
}
