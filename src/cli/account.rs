//! `tokenadm account …`: accounts (Accounts Receivable) that tokens link to.

use super::Ctx;
use crate::error::Result;
use crate::ops::entities::{self, Contact};

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
    }
}
