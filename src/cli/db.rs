//! `tokenadm db copy --to URL|PATH` (issue #14): the whole database, audit chain included, into
//! a new SQLite file or an empty PostgreSQL database, for a team moving from one host to
//! several (or back). One snapshot of the source is read; the target is written in one
//! transaction, so it ends up with all of it or nothing; its audit log is verified before the
//! command says it is done.

use super::ctx::Ctx;
use crate::error::{Error, Result};
use crate::ops;
use crate::output::Outcome;
use crate::store::{Location, Store};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

/// The database as a whole: copy it to another engine or host
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm db copy --to postgres://tokenadm@db.example.com/tokenadm
  tokenadm --db postgres://tokenadm@db.example.com/tokenadm db copy --to backup.db"#)]
pub enum Command {
    /// Copy the whole database (definitions, tokens, accounts, participants, outbox, audit
    /// log with its chain, counters, keys) into a new SQLite file or an empty PostgreSQL
    /// database, and verify the copy's audit log
    #[command(after_help = r#"Examples:
  tokenadm db copy --to 'postgres://tokenadm@db.example.com/tokenadm?sslmode=verify-full'
  tokenadm --db postgres:///tokenadm?host=/var/run/postgresql db copy --to /srv/crm/tokenadm.db"#)]
    Copy(CopyArgs),
}

#[derive(Debug, clap::Args)]
pub struct CopyArgs {
    /// Where to copy to: a SQLite file that does not exist yet, or postgres://… naming an
    /// empty database (its password from PGPASSWORD, never on the command line)
    #[arg(long, value_name = "URL|PATH")]
    to: PathBuf,
}

pub fn run(command: Command, ctx: &mut Ctx) -> Result<()> {
    match command {
        Command::Copy(args) => copy(args, ctx),
    }
}

fn copy(args: CopyArgs, ctx: &mut Ctx) -> Result<()> {
    if args.to.as_os_str().is_empty() {
        return Err(Error::usage(
            "--to is empty; give a new SQLite file path or a postgres:// URL",
        ));
    }
    let target = Location::parse(&args.to);
    // A command line is readable by every user of the host (ps, /proc) and kept in shell
    // history: the password goes by PGPASSWORD or the password file instead.
    if target.carries_password() {
        return Err(Error::usage(format!(
            "--to {} carries a password, which other users of this host can read on a command line; leave it out of the URL and give it in PGPASSWORD or ~/.pgpass",
            target.display()
        )));
    }
    let source = ctx.app.db_location()?;
    if target == source {
        return Err(Error::usage(format!(
            "--to names the database being copied ({}); give another one",
            target.display()
        )));
    }
    if !Store::is_vacant(&target)? {
        return Err(Error::conflict(format!(
            "{} is not empty; db copy writes only into a new SQLite file or an empty PostgreSQL database",
            target.display()
        )));
    }
    let options = ctx.app.store_options(&target)?;
    let now = ctx.env.now;
    let from = ctx.store()?.location();
    let mut to = Store::connect(&target, options, now)?;
    let copied = match ctx.store()?.copy_into(&mut to) {
        Ok(c) => c,
        Err(e) => {
            discard(&target, &to);
            return Err(e);
        }
    };
    let chain = to.read(|tx| ops::audit::verify(tx, None))?;
    let tables: Map<String, Value> = copied
        .iter()
        .map(|(name, n)| (name.to_string(), json!(n)))
        .collect();
    ctx.out.record(&Outcome::new(json!({
        "from": from,
        "to": to.location(),
        "rows": tables,
        "audit_entries": chain.entries,
        "audit_verified": true,
        "audit_last_hash": chain.last_hash,
    })))
}

/// A SQLite file this command created for a copy that failed goes again, so the command can
/// be run again as it was (a PostgreSQL target keeps its empty schema, which a new copy
/// accepts).
fn discard(target: &Location, store: &Store) {
    if let (Location::Sqlite(path), true) = (target, store.created()) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}
