//! `tokenadm participant …`: participants (Rewards Participants) that tokens link to.

use super::columns::Columns;
use super::console;
use super::ctx::Ctx;
use crate::error::Result;
use crate::ops::entities::{self, Contact};
use crate::output::Outcome;
use serde_json::json;

/// Manage participants (Rewards Participants)
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm participant add RP-7 --account AR-1 --name "Pat" --email pat@example.com
  tokenadm participant list --account AR-1"#)]
pub enum Command {
    /// Add a participant of an account
    #[command(after_help = r#"Examples:
  tokenadm participant add RP-7 --account AR-1 --name "Pat" --email pat@example.com"#)]
    Add {
        /// The participant's id in the CRM, e.g. RP-7
        id: String,
        /// The account the participant belongs to
        #[arg(long, value_name = "ID")]
        account: String,
        /// The participant's name
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// Where email messages for its tokens go
        #[arg(long, value_name = "E")]
        email: Option<String>,
        /// Where SMS messages for its tokens go, as + and 7 to 15 digits
        #[arg(long, value_name = "P")]
        phone: Option<String>,
    },
    /// List participants
    #[command(after_help = r#"Examples:
  tokenadm participant list
  tokenadm participant list --account AR-1"#)]
    List {
        /// Only the participants of this account
        #[arg(long, value_name = "ID")]
        account: Option<String>,
        #[command(flatten)]
        columns: Columns,
    },
    /// Show one participant
    #[command(after_help = r#"Examples:
  tokenadm participant show RP-7"#)]
    Show { id: String },
    /// Remove a participant; its tokens are unlinked (orphans if linked to nothing else). Asks
    /// first
    #[command(after_help = r#"Examples:
  tokenadm participant remove RP-7
  tokenadm participant remove RP-7 --yes -q"#)]
    Remove { id: String },
}

impl Command {
    /// Whether the command may create a missing database: it changes something and can succeed
    /// on a new one. Every other command exits 3 on a missing database.
    pub fn may_create_database(&self) -> bool {
        matches!(self, Command::Add { .. })
    }
}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    let env = ctx.env.clone();
    match cmd {
        Command::Add {
            id,
            account,
            name,
            email,
            phone,
        } => {
            let p = entities::add_participant(
                ctx.store()?,
                &env,
                &id,
                &account,
                Contact { name, email, phone },
            )?;
            ctx.out.record(&p)
        }
        Command::List { account, columns } => {
            columns.apply(ctx)?;
            let all = ctx
                .store()?
                .read(|tx| tx.list_participants(account.as_deref()))?;
            ctx.out.list(&all)
        }
        Command::Show { id } => {
            let p = ctx.store()?.read(|tx| entities::participant(tx, &id))?;
            ctx.out.record(&p)
        }
        Command::Remove { id } => {
            // Refuse an unknown id before asking anything; say what the removal unlinks, as
            // `account remove` does: an unlinked token may become an orphan, which the expiry
            // job ends.
            let tokens = ctx
                .store()?
                .read(|tx| entities::participant_removal_plan(tx, &id))?;
            let question = format!(
                "Remove participant {id} and unlink {tokens} token{}",
                if tokens == 1 { "" } else { "s" }
            );
            if !console::confirm(&question, ctx.yes)? {
                ctx.out.note("not removed");
                return Ok(());
            }
            let removed = ctx
                .store()?
                .write(|tx| entities::remove_participant_in(tx, &env, &id))?;
            ctx.out.report(&Outcome::new(json!({
                "removed": id,
                "unlinked_tokens": removed.unlinked_tokens,
            })))
        }
    }
}
