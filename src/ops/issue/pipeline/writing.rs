//! Stage 2 of the pipeline, with the write lock: one transaction inserting every spooled
//! token, a batch at a time, while another thread makes the rows from the spool.

use super::options::{locate, Options, Totals};
use super::run_key::RunKey;
use crate::error::{Error, Result};
use crate::ops::issue::check::{Generated, Given};
use crate::ops::issue::insert::{insert_ready, make_ready, Ready, ToInsert};
use crate::ops::issue::policies::Policies;
use crate::ops::issue::spool::Spool;
use crate::ops::Env;
use crate::store::{Store, Tx};
use serde_json::json;
use std::sync::mpsc::sync_channel;

/// Stage 2: one write transaction inserting every spooled token, a batch at a time. Returns
/// the first token id, the first and last numbers, and the ids of the messages queued.
#[allow(clippy::too_many_arguments)]
pub(super) fn write(
    store: &mut Store,
    env: &Env,
    policies: &Policies,
    key: &RunKey,
    spool: &mut Spool,
    totals: &Totals,
    options: &Options,
) -> Result<Written> {
    let count = i64::try_from(totals.count)
        .map_err(|_| Error::usage("too many rows for one command; split the input"))?;
    let mut reader = spool.reader()?;
    let locate = |line: Option<u64>, e: Error| match line {
        Some(l) => locate(options.source, l, e),
        None => e,
    };
    store.write_bulk(|tx| {
        policies.still_active(tx)?;
        let first = tx.next_counter("token_number", count)?;
        let messages_before = tx.last_message_id()?;
        tx.begin_bulk_insert(totals.count)?;
        // A second thread reads the spool and makes the rows and audit details; this one, the
        // writer, only runs statements.
        let (ready_tx, ready_rx) = sync_channel::<Result<Vec<Ready>>>(4);
        let inserted = std::thread::scope(|s| {
            s.spawn(move || {
                let mut seq = 0u64;
                loop {
                    let mut batch = Vec::with_capacity(WRITE_BATCH);
                    let made: Result<()> = (|| {
                        while batch.len() < WRITE_BATCH {
                            let Some(staged) = reader.next()? else { break };
                            // Only a message that carries them needs the secrets again.
                            let policy = policies.policy(staged.class);
                            let (generated, given) =
                                if RunKey::messages_need_secrets(policy, staged.state) {
                                    (
                                        key.regenerate(policies, seq, &staged),
                                        key.given(seq, &staged)?,
                                    )
                                } else {
                                    (Generated::default(), Given::default())
                                };
                            let line = options.source.map(|_| staged.line);
                            let row = ToInsert {
                                id: first + seq as i64,
                                line,
                                staged,
                                generated,
                                given,
                            };
                            batch.push(
                                make_ready(policies, env, row, false)
                                    .map_err(|e| locate(line, e))?,
                            );
                            seq += 1;
                        }
                        Ok(())
                    })();
                    let done = batch.is_empty() || made.is_err();
                    let sent = ready_tx.send(made.map(|_| batch));
                    if done || sent.is_err() {
                        return;
                    }
                }
            });
            let mut seq = 0u64;
            for batch in ready_rx {
                let batch = batch?;
                if batch.is_empty() {
                    break;
                }
                insert_ready(tx, env, policies, &batch, &locate)?;
                seq += batch.len() as u64;
                options.progress.advance(batch.len() as u64);
            }
            Ok::<u64, Error>(seq)
        })?;
        if inserted != totals.count {
            return Err(Error::internal(
                "the temporary file of staged tokens came back short",
            ));
        }
        tx.finish_bulk_insert()?;
        let last = first + count - 1;
        let numbers = (number_at(tx, first)?, number_at(tx, last)?);
        // The batch's one audit entry (the pipeline's header says what it names and why).
        let (action, input) = match (options.source, options.digest) {
            (Some(file), Some(digest)) => (
                "token.import",
                json!({ "file": file, "sha256": digest.hex() }),
            ),
            _ => ("token.create", json!({ "count": totals.count })),
        };
        let definition = &policies.active.stored;
        env.audit(
            tx,
            action,
            None,
            options.source,
            json!({
                "tokens": totals.count,
                "first": numbers.0,
                "last": numbers.1,
                "token_ids": { "first": first, "last": last },
                "input": input,
                "definition": definition.name,
                "definition_version": definition.version,
            }),
        )?;
        let messages_after = tx.last_message_id()?;
        let queued =
            (messages_after > messages_before).then_some((messages_before + 1, messages_after));
        Ok((first, numbers, queued))
    })
}

/// What stage 2 wrote: the first token's id, the first and last numbers, and the ids of the
/// messages queued (first, last), if any.
pub(super) type Written = (i64, (String, String), Option<(i64, i64)>);

/// Rows per batch handed to the writer: a few multi-row statements' worth.
const WRITE_BATCH: usize = 128;

fn number_at(tx: &dyn Tx, id: i64) -> Result<String> {
    tx.token_number_of(id)?
        .ok_or_else(|| Error::internal(format!("token {id} was not written")))
}

#[cfg(test)]
mod tests {
    use crate::domain::secret::Secret;
    use crate::error::{Error, Kind, Result};
    use crate::ops::definitions;
    use crate::ops::issue::{
        issue, issue_rows, Bulk, Expiry, IssueRequest, Issued, PassCodeInput, Phase, Progress, Sink,
    };
    use crate::ops::Env;
    use crate::store::Store;
    use std::path::Path;

    fn env() -> Env {
        Env::new(1_700_000_000, "t")
    }

    /// A database `t.db` in `dir` with the definition `toml` active.
    fn database(dir: &Path, env: &Env, toml: &str) -> Store {
        let mut store = Store::open(&dir.join("t.db"), env.now).unwrap();
        definitions::apply(&mut store, env, toml, "t.toml").unwrap();
        definitions::activate(&mut store, env, "t").unwrap();
        store
    }

    /// A token with nothing given, at `line`.
    fn blank(line: u64) -> IssueRequest {
        IssueRequest {
            line,
            identifier: None,
            pass_code: PassCodeInput::Absent,
            auth_code: None,
            name: None,
            classification: None,
            account: None,
            participant: None,
            expires: Expiry::Default,
            skip_verification: false,
        }
    }

    /// Another process, issuing its token just as the import is about to take the write lock.
    struct Racer<'a>(&'a Path, &'a Env, IssueRequest);
    impl Progress for Racer<'_> {
        fn phase(&self, phase: Phase, _total: Option<u64>) {
            if phase == Phase::Writing {
                let mut other = Store::open(&self.0.join("t.db"), self.1.now).unwrap();
                issue(&mut other, self.1, self.2.clone()).unwrap();
            }
        }
    }

    struct Nothing;
    impl Sink for Nothing {
        fn records(&mut self, _: Vec<Issued>) -> Result<()> {
            panic!("nothing may be printed");
        }
    }

    /// Imports `rows` as "r.csv" into the database in `dir` while `racer` is issued in between
    /// the checks and the write; the import must fail.
    fn import_racing(
        store: &mut Store,
        env: &Env,
        dir: &Path,
        rows: Vec<IssueRequest>,
        racer: IssueRequest,
    ) -> Error {
        issue_rows(
            store,
            env,
            Box::new(rows.into_iter().map(|r| (r.line, Ok(r)))),
            "r.csv",
            &Default::default(),
            &Bulk {
                progress: &Racer(dir, env, racer),
                spool_dir: dir,
            },
            &mut Nothing,
        )
        .unwrap_err()
    }

    /// What stage 1 checked can change before stage 2 takes the lock: another process takes an
    /// identifier in between. The write transaction then fails on that row, names its line,
    /// and leaves nothing of the import behind.
    #[test]
    fn a_conflict_arising_after_the_checks_rolls_back_and_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let env = env();
        let toml = "name = \"t\"\n[pass_code.hash]\nmemory_kib = 256\niterations = 1\n";
        let mut store = database(dir.path(), &env, toml);
        let row = |line: u64, id: &str| IssueRequest {
            identifier: Some(id.into()),
            pass_code: PassCodeInput::Given(Secret::new("a fine pass code".into())),
            ..blank(line)
        };
        let rows = vec![
            row(2, "a@example.com"),
            row(3, "b@example.com"),
            row(4, "c@example.com"),
        ];
        let err = import_racing(&mut store, &env, dir.path(), rows, row(0, "B@example.com"));
        // The same exit as a row that clashed with the database from the start (exit 5, as
        // token new).
        assert_eq!(err.kind, Kind::Conflict);
        assert_eq!(
            err.message,
            "r.csv line 3: identifier \"b@example.com\" is already held by token AT0000000001"
        );
        let tokens = store
            .read(|tx| tx.list_tokens(&Default::default()))
            .unwrap();
        let numbers: Vec<&str> = tokens.iter().map(|t| t.number.as_str()).collect();
        assert_eq!(numbers, ["AT0000000001"]);
    }

    /// Another command takes a place on an account after the rows were checked: under the lock
    /// the cap is checked again, counting the rows of the same batch before each one.
    #[test]
    fn the_account_cap_is_exact_under_the_lock_within_a_batch() {
        use crate::ops::entities::{add_account, Contact};
        let dir = tempfile::tempdir().unwrap();
        let env = env();
        let toml = "name = \"t\"\n[automation]\nmax_tokens_per_account = 2\n";
        let mut store = database(dir.path(), &env, toml);
        let contact = Contact {
            name: Some("Zed".into()),
            email: None,
            phone: None,
        };
        add_account(&mut store, &env, "AR-1", contact).unwrap();
        let row = |line: u64| IssueRequest {
            account: Some("AR-1".into()),
            ..blank(line)
        };
        let err = import_racing(&mut store, &env, dir.path(), vec![row(2), row(3)], row(0));
        assert!(
            err.message
                .starts_with("r.csv line 3: account \"AR-1\" already holds 1 tokens"),
            "{}",
            err.message
        );
        let tokens = store
            .read(|tx| tx.list_tokens(&Default::default()))
            .unwrap();
        assert_eq!(tokens.len(), 1);
    }
}
