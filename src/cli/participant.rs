//! `tokenadm participant …`: participants (Rewards Participants) that tokens link to.

use super::Ctx;
use crate::error::Result;
use crate::ops::entities::{self, Contact};
use crate::output::Outcome;
use serde_json::json;

/// Manage participants (Rewards Participants)
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a participant of an account
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
    List {
        /// Only the participants of this account
        #[arg(long, value_name = "ID")]
        account: Option<String>,
    },
    /// Show one participant
    Show { id: String },
    /// Remove a participant; its tokens are unlinked (orphans if linked to nothing else)
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
        Command::List { account } => {
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
            let removed = ctx
                .store()?
                .write(|tx| entities::remove_participant_in(tx, &env, &id))?;
            ctx.out.record(&Outcome::new(json!({
                "removed": id,
                "unlinked_tokens": removed.unlinked_tokens,
            })))
        }
    }
}
