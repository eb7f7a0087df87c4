//! The PostgreSQL store: connecting and migrating ([`PgStore::open`]), and the transactions
//! the module's header describes (writes under the advisory lock, snapshot reads).

use super::audit::HEAD_QUERY;
use super::connect;
use super::migrations;
use super::tx::{begin_write, db_error, Conn, PgTx, BEGIN_READ};
use crate::error::Result;
use crate::store::engine::{Body, Engine};
use crate::store::transfer::{Copied, Sink, Source};
use std::time::Duration;

/// The savepoints of one group transaction at most: PostgreSQL's cache of a process's
/// subtransaction ids (PGPROC_MAX_CACHED_SUBXIDS) holds 64.
const GROUP_SAVEPOINTS: usize = 64;

/// How long a writer waits for the one before it, unless `[database] lock_timeout` says.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// Settings of a PostgreSQL store that are not in its URL.
#[derive(Debug, Clone, Copy)]
pub struct PgOptions {
    /// How long a write waits for the write lock before giving up.
    pub lock_timeout: Duration,
    /// Whether opening may create the schema in a database that has none; a command that
    /// only reads says no, and a database without tokenadm's tables is then not found.
    pub may_create: bool,
}

impl Default for PgOptions {
    fn default() -> Self {
        PgOptions {
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            may_create: true,
        }
    }
}

pub struct PgStore {
    pub(super) conn: Conn,
    pub(super) location: String,
    created: bool,
    pub(super) options: PgOptions,
    /// What opening the database found that people should be told (migration reports).
    notices: Vec<String>,
    /// How to connect again when the server has closed the connection.
    target: connect::Target,
}

impl PgStore {
    /// Connects to the database at `url` and brings its schema up to date.
    pub fn open(url: &str, options: PgOptions, now: i64) -> Result<PgStore> {
        let mut target = connect::Target::parse(url)?;
        let client = target.connect()?;
        let mut store = PgStore {
            conn: Conn::new(client),
            location: target.location.clone(),
            created: false,
            options,
            notices: std::mem::take(&mut target.notices),
            target,
        };
        let migrated = migrations::migrate(
            &mut store.conn,
            &store.location,
            options.lock_timeout,
            options.may_create,
            now,
        )?;
        store.created = migrated.created;
        store.notices.extend(migrated.notices);
        Ok(store)
    }

    /// Runs `body` in a transaction begun by `begin`; commits it when `commit`, else rolls it
    /// back. Any error rolls it back.
    fn run(&mut self, begin: &str, commit: bool, body: Body) -> Result<()> {
        self.run_tx(begin, commit, |tx| body(tx))
    }

    /// [`PgStore::run`] with the transaction itself rather than its queries. A write (one
    /// that commits) reads the audit log's head with the statements that begin it, after the
    /// write lock, and records the new head with its COMMIT: two round trips fewer than
    /// asking for each on its own (a network's round trip is a good part of a millisecond).
    fn run_tx(
        &mut self,
        begin: &str,
        commit: bool,
        body: impl FnOnce(&PgTx) -> Result<()>,
    ) -> Result<()> {
        let timeout = self.options.lock_timeout;
        // A connection the server closed (a restart, a failover, a firewall's idle timeout)
        // is opened again before a transaction begins, when nothing of it has run yet; a
        // long-lived `serve` would otherwise fail every request from then on.
        if self.conn.client.is_closed() {
            self.reconnect()?;
        }
        let head = match self.begin(begin, commit) {
            Err(e) if lost(&e) => {
                self.reconnect()?;
                self.begin(begin, commit)
            }
            other => other,
        };
        let head = match head {
            Ok(head) => head,
            Err(e) => {
                let _ = self.conn.client.batch_execute("ROLLBACK");
                return Err(db_error(e, timeout));
            }
        };
        let tx = PgTx::new(&mut self.conn, timeout);
        if commit {
            tx.set_audit_head(head);
        }
        let outcome = body(&tx).and_then(|()| if commit { tx.finish() } else { Ok(None) });
        drop(tx);
        let end = match (&outcome, commit) {
            (Ok(Some(record_head)), true) => format!("{record_head} COMMIT"),
            (Ok(None), true) => "COMMIT".to_string(),
            _ => "ROLLBACK".to_string(),
        };
        let ended = self.conn.client.batch_execute(&end);
        if ended.is_err() && end != "ROLLBACK" {
            // A statement before the COMMIT failed, so the COMMIT never ran.
            let _ = self.conn.client.batch_execute("ROLLBACK");
        }
        outcome?;
        ended.map_err(|e| db_error(e, timeout))
    }

    /// Sends the statements that begin a transaction; for a write, with [`HEAD_QUERY`].
    fn begin(
        &mut self,
        begin: &str,
        commit: bool,
    ) -> std::result::Result<Option<(i64, String)>, postgres::Error> {
        if commit {
            self.conn
                .client
                .simple_query(&format!("{begin}; {HEAD_QUERY}"))
                .map(|messages| head_of(&messages))
        } else {
            self.conn.client.batch_execute(begin).map(|()| None)
        }
    }

    /// A new connection in place of one the server closed (its prepared statements went
    /// with it).
    fn reconnect(&mut self) -> Result<()> {
        self.conn = Conn::new(self.target.connect()?);
        Ok(())
    }

    /// See [`begin_write`].
    pub(super) fn begin_write(&self) -> String {
        begin_write(self.options.lock_timeout)
    }
}

/// Whether the connection is gone: closed, or ended by the server (SQLSTATE class 57P:
/// terminated by an administrator, a crash or a shutdown).
fn lost(e: &postgres::Error) -> bool {
    e.is_closed() || e.code().is_some_and(|c| c.code().starts_with("57P"))
}

/// The head in the answer to [`HEAD_QUERY`] (the last row of a simple query): `None` when
/// the log is empty.
fn head_of(messages: &[postgres::SimpleQueryMessage]) -> Option<(i64, String)> {
    messages.iter().rev().find_map(|m| match m {
        postgres::SimpleQueryMessage::Row(r) if r.len() == 2 => {
            Some((r.get(0)?.parse().ok()?, r.get(1)?.to_string()))
        }
        _ => None,
    })
}

impl Engine for PgStore {
    fn write(&mut self, body: Body) -> Result<()> {
        let begin = self.begin_write();
        self.run(&begin, true, body)
    }

    fn read(&mut self, body: Body) -> Result<()> {
        self.run(BEGIN_READ, false, body)
    }

    /// One transaction under the write lock for every [`GROUP_SAVEPOINTS`] bodies, a savepoint
    /// per body, one commit: a login costs a savepoint's round trip instead of a transaction's
    /// lock and commit. A transaction holds no more savepoints than PostgreSQL keeps in each
    /// process's cache of subtransaction ids: past that, every other session's snapshot looks
    /// them up on disk (pg_subtrans) while the group is open. A chunk that fails to commit
    /// answers each of its bodies with that error; the chunks before it stay committed.
    fn write_group(&mut self, bodies: &mut [Body]) -> Result<Vec<Result<()>>> {
        let mut outcomes = Vec::with_capacity(bodies.len());
        for chunk in bodies.chunks_mut(GROUP_SAVEPOINTS) {
            let begin = self.begin_write();
            let mut done = Vec::with_capacity(chunk.len());
            let committed = self.run_tx(&begin, true, |tx| {
                for body in chunk.iter_mut() {
                    done.push(tx.in_savepoint(&mut **body));
                }
                Ok(())
            });
            match committed {
                Ok(()) => outcomes.extend(done),
                Err(e) => outcomes.extend(chunk.iter().map(|_| Err(e.duplicate()))),
            }
        }
        Ok(outcomes)
    }

    fn created(&self) -> bool {
        self.created
    }

    fn location(&self) -> String {
        self.location.clone()
    }

    fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Nothing PostgreSQL lets a client do at once: an erased body's old row version stays in
    /// the table's file until VACUUM reclaims it (and the page is written again), and in the
    /// WAL until the segments are recycled after a checkpoint (and in any WAL archive or
    /// replica). A `VACUUM` here would need the table's owner and cannot run inside the
    /// command's transaction, so it is left to autovacuum or the cron job; the README
    /// ("PostgreSQL") says what to configure.
    fn purge_erased(&mut self) -> Result<()> {
        Ok(())
    }

    fn begin_bulk_check(&mut self) -> Result<()> {
        self.open_scratch()
    }

    fn end_bulk_check(&mut self) -> Result<()> {
        self.close_scratch()
    }

    /// A snapshot like `read`'s whose writes to the TEMP scratch tables commit: PostgreSQL
    /// lets a READ ONLY transaction write temporary tables, and they take no write lock.
    fn bulk_check(&mut self, body: Body) -> Result<()> {
        self.run(BEGIN_READ, true, body)
    }

    fn write_bulk(&mut self, body: Body) -> Result<()> {
        self.write(body)
    }

    /// PostgreSQL checkpoints by itself; nothing is left over from `write_bulk`.
    fn settle_bulk(&mut self) -> Result<()> {
        Ok(())
    }

    fn export(&mut self, sink: Sink) -> Result<()> {
        self.export_rows(sink)
    }

    fn import(&mut self, source: Source) -> Result<Copied> {
        self.import_rows(source)
    }
}
