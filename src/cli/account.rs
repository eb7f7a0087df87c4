//! `tokenadm account …`: accounts (Accounts Receivable) that tokens link to.

use super::columns::Columns;
use super::console;
use super::ctx::Ctx;
use crate::error::Result;
use crate::ops::entities::{self, Contact};
use crate::output::Outcome;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Manage accounts (Accounts Receivable)
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm account add AR-1 --name "Zed Ltd" --email billing@zed.example
  tokenadm account list
  tokenadm account import accounts.csv --prune --yes -q"#)]
pub enum Command {
    /// Add an account
    #[command(after_help = r#"Examples:
  tokenadm account add AR-1 --name "Zed Ltd" --email billing@zed.example
  tokenadm account add AR-2 --name "Omega" --phone +35799123456"#)]
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
    #[command(after_help = r#"Examples:
  tokenadm account list
  tokenadm account list --format csv --columns id,email"#)]
    List {
        #[command(flatten)]
        columns: Columns,
    },
    /// Show one account
    #[command(after_help = r#"Examples:
  tokenadm account show AR-1"#)]
    Show { id: String },
    /// Remove an account and its participants; their tokens are unlinked (orphans). Asks first
    #[command(after_help = r#"Examples:
  tokenadm account remove AR-1
  tokenadm account remove AR-1 --yes -q"#)]
    Remove { id: String },
    /// Add and update accounts from a CRM's CSV export (id, name, email, phone; header row)
    #[command(after_help = r#"Examples:
  tokenadm account import accounts.csv
  tokenadm account import accounts.csv --prune --dry-run
  crm-export | tokenadm account import - --prune --yes -q"#)]
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
        Command::List { columns } => {
            columns.apply(ctx)?;
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
            ctx.out.report(&Outcome::new(json!({
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

/// What an import did (a report: nothing under -q), or with --dry-run would do (printed).
fn summary(ctx: &Ctx, s: &entities::ImportSummary, applied: bool) -> Result<()> {
    let outcome = Outcome::new(json!({
        "added": s.added.len(),
        "updated": s.updated.len(),
        "unchanged": s.unchanged,
        "removed": s.removed,
        "unlinked_tokens": s.unlinked_tokens,
        "applied": applied,
    }));
    if applied {
        ctx.out.report(&outcome)
    } else {
        ctx.out.record(&outcome)
    }
}
