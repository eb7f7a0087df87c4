//! Bulk issuance (`token import`, `token new --count`): any number of tokens in one
//! all-or-nothing transaction, with memory that stays flat however large the input, argon2 on
//! every core, the write lock held only while rows are inserted, and output printed only once
//! the tokens are committed (issue #7).
//!
//! # The design, and why
//!
//! Three constraints pull against each other. All-or-nothing means one transaction, so a
//! failure anywhere must leave no token behind and no record printed: a script that reads our
//! output must never hold secrets of tokens that do not exist. Flat memory means we may keep
//! neither the rows nor the records nor the generated secrets for the whole input. And secrets
//! must be printed once and never stored, so they may not wait for the commit in a temporary
//! file either. The pipeline runs in three stages:
//!
//! 1. **Check and hash, without the write lock.** A reader thread parses rows and applies the
//!    row rules ([`super::check::check`], the same function `token new` uses). The calling thread
//!    checks what needs the database against a read snapshot (identifier or custom code already
//!    held, links, account caps) and duplicates within the input against scratch tables that
//!    SQLite keeps in a temporary file ([`crate::store::Store::open_scratch`]): exact, and flat
//!    in memory. A hashing thread then runs [`super::check::prepare`] on chunks of rows on every core
//!    (rayon), overlapping with the reading and checking of the next chunk through bounded
//!    channels, and appends the staged rows (hashes and digests only) to the spool, an unnamed
//!    temporary file ([`super::spool`]). A bad row stops everything before the database is
//!    touched, with its line number; rows are checked before they are hashed, so a bad line 9
//!    costs nothing like hashing lines 10 to a million.
//! 2. **Insert, with the write lock.** One `BEGIN IMMEDIATE` transaction inserts every token,
//!    its audit entry and its verification code and message where the definition asks for
//!    them. No argon2 runs while the lock is held: it is held for the inserts only. One thread
//!    reads the spool back and makes the rows and audit details ([`super::insert::make_ready`]); the
//!    writer only runs statements: cached multi-row INSERTs, the audit chain's head kept in
//!    memory instead of read back per entry, and for an import that outnumbers the tokens
//!    already there, the index of random authentication-code digests dropped and built again,
//!    sorted, before the commit ([`crate::store::Tx::begin_bulk_insert`]). Checks that must
//!    be exact under the lock are made again (an identifier taken meanwhile, account caps);
//!    the database's constraints catch the rest; either way the transaction rolls back and the
//!    error names the line.
//! 3. **Print, after the commit.** The spool is read a second time and each record handed to
//!    the [`Sink`] in number order, while another thread copies the write-ahead log into the
//!    database (the commit leaves that checkpoint for now, as it is the new data written a
//!    second time). Generated secrets were never stored: each token's secrets
//!    come from a generator seeded by HMAC-SHA256 over a random per-run key (kept in memory
//!    only) and the row's position, so stage 1 hashes them, stage 2 puts them in the messages
//!    that carry them, and stage 3 makes the very same ones again to print them. Nothing is
//!    printed before the commit, so a failed import prints no record.
//!
//! The alternatives we rejected: hashing inside the transaction (the lock would be held for the
//! whole argon2 run, hours for a large file, failing every concurrent `auth` after its busy
//! timeout); printing as rows are inserted (an import that then fails would have printed
//! records of tokens that never existed); buffering the output or the generated secrets in a
//! temporary file (secrets at rest); keeping them in memory (grows with the input).
//!
//! Memory: a few chunks of rows in flight, SQLite's page caches, and one argon2 block per
//! hashing thread. The spool costs disk next to the database, a little less than the rows will
//! take in it.

use super::check::{check, prepare, regenerate, Checked, Generated, PassSource, Staged};
use super::insert::{insert_ready, make_ready, new_token, number_of, token_of, Ready, ToInsert};
use super::policies::Policies;
use super::request::{Issued, Rows};
use super::spool::Spool;
use crate::domain::codes;
use crate::domain::identifier;
use crate::error::{Error, Kind, Result};
use crate::ops::rules::{cap_account, check_cap, check_links};
use crate::ops::Env;
use crate::store::{ScratchKind, Store, Tx};
use hmac::{Hmac, Mac};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use rayon::prelude::*;
use serde_json::json;
use sha2::Sha256;
use std::collections::HashSet;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Rows per chunk between the stages of stage 1, and records per chunk handed to the sink.
const CHUNK: usize = 1024;

/// The stages of a bulk issuance, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading, checking and hashing rows (no lock held).
    Checking,
    /// Inserting them in the write transaction.
    Writing,
    /// Handing the committed records to the sink.
    Printing,
}

/// Progress reports; called from several threads.
pub trait Progress: Sync {
    fn phase(&self, _phase: Phase, _total: Option<u64>) {}
    fn advance(&self, _n: u64) {}
    fn done(&self) {}
}

/// What a bulk issuance did; handed to the sink before the first record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub count: u64,
    /// Whether any record carries a generated authentication code, or pass code: the columns
    /// a CSV header needs before the first row.
    pub generated_auth_codes: bool,
    pub generated_pass_codes: bool,
    pub first: Option<String>,
    pub last: Option<String>,
    /// The ids of the messages the tokens queued (first, last), to deliver after the commit.
    pub messages: Option<(i64, i64)>,
}

/// Where the committed records go, in number order, a chunk at a time.
pub trait Sink {
    fn begin(&mut self, _totals: &Totals) -> Result<()> {
        Ok(())
    }
    fn records(&mut self, issued: Vec<Issued>) -> Result<()>;
}

pub(super) struct Options<'a> {
    /// The import file's name; `None` for `--count`.
    pub source: Option<&'a str>,
    pub progress: &'a dyn Progress,
    /// The number of rows, when known in advance.
    pub total: Option<u64>,
    /// Where the spool of staged (hashed) rows is written: a private folder of the caller's
    /// choice, on a disk with room for the input's hashes.
    pub spool_dir: &'a Path,
}

/// "tokens.csv line 7: …", keeping the error's category (and so its exit code).
fn locate(source: Option<&str>, line: u64, e: Error) -> Error {
    match source {
        Some(s) if !e.is_broken_pipe() => {
            // The contract puts an import row under exit 4 (invalid input), whatever is wrong
            // with it: a script learns "fix line N of the file", and the sentence says what.
            let kind = match e.kind {
                Kind::NotFound | Kind::Conflict => Kind::Invalid,
                other => other,
            };
            Error::new(kind, format!("{s} line {line}: {e}"))
        }
        _ => e,
    }
}

const PASS: u8 = 1;
const AUTH: u8 = 2;

/// The per-run key that generated secrets are drawn from, so that they can be made again
/// after the commit instead of being kept (see the module header). It lives in memory only.
struct RunKey {
    mac: Hmac<Sha256>,
}

impl RunKey {
    fn new() -> RunKey {
        // A 32-byte key zero-padded to the 64-byte block is exactly HMAC's own key handling,
        // and lets the infallible fixed-size constructor apply.
        let mut key = [0u8; 64];
        rand::rng().fill_bytes(&mut key[..32]);
        let mac = <Hmac<Sha256> as hmac::digest::KeyInit>::new(&key.into());
        zeroize::Zeroize::zeroize(&mut key);
        RunKey { mac }
    }

    /// The generator for one secret (`what`) of the row at position `seq`.
    fn rng(&self, seq: u64, what: u8) -> StdRng {
        let mut mac = self.mac.clone();
        mac.update(&[what]);
        mac.update(&seq.to_be_bytes());
        StdRng::from_seed(mac.finalize().into_bytes().into())
    }

    fn prepare(&self, policies: &Policies, seq: u64, c: Checked) -> Result<Staged> {
        let policy = policies.policy(c.class);
        let (staged, _generated) = prepare(
            policy,
            c,
            &mut self.rng(seq, PASS),
            &mut self.rng(seq, AUTH),
        )?;
        Ok(staged)
    }

    fn regenerate(&self, policies: &Policies, seq: u64, s: &Staged) -> Generated {
        regenerate(
            policies.policy(s.class),
            s,
            &mut self.rng(seq, PASS),
            &mut self.rng(seq, AUTH),
        )
    }
}

pub(super) fn run(
    store: &mut Store,
    env: &Env,
    rows: Rows,
    options: &Options,
    sink: &mut dyn Sink,
) -> Result<Totals> {
    let policies = Policies::load(store)?;
    let key = RunKey::new();
    options.progress.phase(Phase::Checking, options.total);
    store.begin_bulk_check()?;
    let staged = stage(
        store,
        env,
        &policies,
        &key,
        rows,
        options,
        options.spool_dir,
    );
    let closed = store.end_bulk_check();
    let (mut spool, mut totals) = staged?;
    closed?;

    let mut first_id = 0;
    if totals.count > 0 {
        options.progress.phase(Phase::Writing, Some(totals.count));
        let (first, numbers, queued) =
            write(store, env, &policies, &key, &mut spool, &totals, options)?;
        first_id = first;
        totals.messages = queued;
        totals.first = Some(numbers.0);
        totals.last = Some(numbers.1);
    }

    options.progress.phase(Phase::Printing, Some(totals.count));
    // The write-ahead log is copied into the database while the records are printed.
    let (printed, checkpointed) = std::thread::scope(|s| {
        let checkpoint = s.spawn(|| store.settle_bulk());
        let printed = sink
            .begin(&totals)
            .and_then(|_| print(env, &policies, &key, &mut spool, first_id, options, sink));
        let checkpointed = checkpoint
            .join()
            .unwrap_or_else(|_| Err(Error::internal("the checkpoint thread failed")));
        (printed, checkpointed)
    });
    options.progress.done();
    // The tokens are committed either way; a checkpoint left undone is finished by SQLite at a
    // later commit, so it is no reason to fail.
    drop(checkpointed);
    match printed {
        Err(e) if totals.count > 0 && !e.is_broken_pipe() => Err(Error::new(
            e.kind,
            format!(
                "{} tokens were issued ({} to {}), but printing them failed: {e}; their generated secrets cannot be shown again",
                totals.count,
                totals.first.as_deref().unwrap_or_default(),
                totals.last.as_deref().unwrap_or_default()
            ),
        )),
        other => other.map(|_| totals),
    }
}

/// Stage 1: read, check, hash and spool every row, without the write lock.
fn stage(
    store: &mut Store,
    env: &Env,
    policies: &Policies,
    key: &RunKey,
    rows: Rows,
    options: &Options,
    dir: &Path,
) -> Result<(Spool, Totals)> {
    let now = env.now;
    let (row_tx, row_rx) = sync_channel::<Vec<(u64, Result<Checked>)>>(2);
    let (hash_tx, hash_rx) = sync_channel::<Vec<(u64, Checked)>>(2);
    let progress = options.progress;
    std::thread::scope(|s| {
        s.spawn(move || read_and_check(rows, policies, now, row_tx));
        let hasher = s.spawn(move || hash_and_spool(policies, key, hash_rx, dir, progress));
        let checked = check_against_database(store, policies, row_rx, hash_tx, options.source);
        let hashed = hasher
            .join()
            .unwrap_or_else(|_| Err(Error::internal("the hashing thread failed")));
        // A row error wins over what the hashing thread made of the rows before it.
        checked.and(hashed)
    })
}

/// The reader thread: parse rows and apply the row rules, in chunks. Stops at the first error,
/// which travels in its chunk so that earlier rows are still checked first.
fn read_and_check(
    rows: Rows,
    policies: &Policies,
    now: i64,
    out: SyncSender<Vec<(u64, Result<Checked>)>>,
) {
    let mut chunk = Vec::with_capacity(CHUNK);
    for (line, row) in rows {
        let checked = row.and_then(|r| check(policies, r, now));
        let failed = checked.is_err();
        chunk.push((line, checked));
        if chunk.len() < CHUNK && !failed {
            continue;
        }
        // A failed row goes out with its chunk, then reading stops.
        if out.send(std::mem::take(&mut chunk)).is_err() || failed {
            return;
        }
    }
    if !chunk.is_empty() {
        let _ = out.send(chunk);
    }
}

/// The calling thread: what needs the database, against a read snapshot per chunk, and
/// duplicates within the input, against the scratch tables. Numbers rows in order for hashing.
fn check_against_database(
    store: &mut Store,
    policies: &Policies,
    input: Receiver<Vec<(u64, Result<Checked>)>>,
    out: SyncSender<Vec<(u64, Checked)>>,
    source: Option<&str>,
) -> Result<()> {
    let mut seq = 0u64;
    // Links already found valid: most files name few accounts many times. Bounded.
    let mut links: HashSet<(Option<String>, Option<String>)> = HashSet::new();
    for chunk in input {
        let mut checked = Vec::with_capacity(chunk.len());
        store.bulk_check(|tx| {
            for (line, row) in chunk {
                let c = row.map_err(|e| locate(source, line, e))?;
                check_row_against_database(tx, policies, &c, &mut links, source.is_some())
                    .map_err(|e| locate(source, line, e))?;
                checked.push((seq, c));
                seq += 1;
            }
            Ok(())
        })?;
        if out.send(checked).is_err() {
            // The hashing thread stopped on an error of its own, which `stage` reports.
            return Ok(());
        }
    }
    Ok(())
}

fn check_row_against_database(
    tx: &dyn Tx,
    policies: &Policies,
    c: &Checked,
    links: &mut HashSet<(Option<String>, Option<String>)>,
    from_file: bool,
) -> Result<()> {
    if let Some(id) = &c.identifier {
        let key = identifier::key(id);
        if let Some(earlier) = tx.scratch_claim(ScratchKind::Identifier, key.as_bytes(), c.line)? {
            return Err(Error::invalid(if from_file {
                format!(
                    "identifier \"{id}\" repeats line {earlier} (identifiers are unique, case-insensitively)"
                )
            } else {
                format!("identifier \"{id}\" was generated twice; run the command again")
            }));
        }
        if let Some(holder) = tx.live_identifier_holder(&key, None)? {
            return Err(Error::conflict(format!(
                "identifier \"{id}\" is already held by token {holder}"
            )));
        }
    }
    if let Some(code) = &c.custom_auth {
        let digest = codes::code_digest(code.expose());
        if let Some(earlier) = tx.scratch_claim(ScratchKind::AuthCode, &digest, c.line)? {
            return Err(Error::invalid(format!(
                "the authentication code ending in {} repeats line {earlier}",
                codes::hint(code.expose())
            )));
        }
        if tx.auth_digest_in_use(&digest)? {
            return Err(Error::conflict(
                "that authentication code is already in use by another token; choose another",
            ));
        }
    }
    if c.account.is_some() || c.participant.is_some() {
        let pair = (c.account.clone(), c.participant.clone());
        if !links.contains(&pair) {
            check_links(tx, c.account.as_deref(), c.participant.as_deref())?;
            if links.len() >= 4096 {
                links.clear();
            }
            links.insert(pair);
        }
    }
    let policy = policies.policy(c.class);
    if policy.automation.max_tokens_per_account.is_some() {
        if let Some(account) = cap_account(tx, c.account.as_deref(), c.participant.as_deref())? {
            let earlier = tx.scratch_count_account(&account)?;
            check_cap(tx, policy, &account, earlier, 1)?;
        }
    }
    Ok(())
}

/// The hashing thread: prepare each chunk on every core, then spool it in order.
fn hash_and_spool(
    policies: &Policies,
    key: &RunKey,
    input: Receiver<Vec<(u64, Checked)>>,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<(Spool, Totals)> {
    let mut spool = Spool::create(dir)?;
    let mut totals = Totals::default();
    for chunk in input {
        let staged: Vec<Result<Staged>> = chunk
            .into_par_iter()
            .map(|(seq, c)| {
                let s = key.prepare(policies, seq, c);
                progress.advance(1);
                s
            })
            .collect();
        for s in staged {
            let s = s?;
            totals.count += 1;
            totals.generated_auth_codes |= s.auth_generated;
            totals.generated_pass_codes |= s.pass_source == PassSource::Generated;
            spool.write(&s)?;
        }
    }
    spool.finish()?;
    Ok((spool, totals))
}

/// Stage 2: one write transaction inserting every spooled token, a batch at a time. Returns
/// the first token id, the first and last numbers, and the ids of the messages queued.
#[allow(clippy::too_many_arguments)]
fn write(
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
                            let generated = if policies
                                .policy(staged.class)
                                .communication
                                .on_create
                                .enabled
                            {
                                key.regenerate(policies, seq, &staged)
                            } else {
                                Generated::default()
                            };
                            let line = options.source.map(|_| staged.line);
                            let row = ToInsert {
                                id: first + seq as i64,
                                line,
                                staged,
                                generated,
                            };
                            batch
                                .push(make_ready(policies, env, row).map_err(|e| locate(line, e))?);
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
        let numbers = (number_at(tx, first)?, number_at(tx, first + count - 1)?);
        if let Some(source) = options.source {
            env.audit(
                tx,
                "token.import",
                None,
                Some(source),
                json!({ "tokens": totals.count, "first": numbers.0, "last": numbers.1 }),
            )?;
        }
        let messages_after = tx.last_message_id()?;
        let queued =
            (messages_after > messages_before).then_some((messages_before + 1, messages_after));
        Ok((first, numbers, queued))
    })
}

/// What stage 2 wrote: the first token's id, the first and last numbers, and the ids of the
/// messages queued (first, last), if any.
type Written = (i64, (String, String), Option<(i64, i64)>);

/// Rows per batch handed to the writer: a few multi-row statements' worth.
const WRITE_BATCH: usize = 128;

fn number_at(tx: &dyn Tx, id: i64) -> Result<String> {
    tx.token_number_of(id)?
        .ok_or_else(|| Error::internal(format!("token {id} was not written")))
}

/// Stage 3, after the commit: the records, with their generated secrets made again.
#[allow(clippy::too_many_arguments)]
fn print(
    env: &Env,
    policies: &Policies,
    key: &RunKey,
    spool: &mut Spool,
    first_id: i64,
    options: &Options,
    sink: &mut dyn Sink,
) -> Result<()> {
    let mut reader = spool.reader()?;
    let mut seq = 0u64;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            match reader.next()? {
                Some(s) => chunk.push((seq, s)),
                None => break,
            }
            seq += 1;
        }
        if chunk.is_empty() {
            return Ok(());
        }
        let n = chunk.len() as u64;
        let issued = chunk
            .into_par_iter()
            .map(|(seq, s)| {
                let id = first_id + seq as i64;
                let number = number_of(policies, &s, id)?;
                let token = token_of(&new_token(policies, env, id, number, &s));
                let generated = key.regenerate(policies, seq, &s);
                Ok(Issued {
                    token,
                    auth_code: generated.auth_code,
                    pass_code: generated.pass_code,
                    messages: Vec::new(),
                })
            })
            .collect::<Result<Vec<Issued>>>()?;
        sink.records(issued)?;
        options.progress.advance(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::secret::Secret;
    use crate::error::Kind;
    use crate::ops::issue::{Expiry, PassCodeInput};

    #[test]
    fn the_run_key_makes_the_same_generator_for_the_same_row_only() {
        let key = RunKey::new();
        let a = key.rng(7, AUTH).next_u64();
        assert_eq!(a, key.rng(7, AUTH).next_u64());
        assert_ne!(a, key.rng(8, AUTH).next_u64());
        assert_ne!(a, key.rng(7, PASS).next_u64());
        assert_ne!(a, RunKey::new().rng(7, AUTH).next_u64());
    }

    /// What stage 1 checked can change before stage 2 takes the lock: another process takes an
    /// identifier in between. The write transaction then fails on that row, names its line,
    /// and leaves nothing of the import behind.
    #[test]
    fn a_conflict_arising_after_the_checks_rolls_back_and_names_its_line() {
        use crate::ops::definitions;
        use crate::ops::issue::{issue, issue_rows, IssueRequest};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let env = Env {
            now: 1_700_000_000,
            actor: "t".into(),
        };
        let mut store = Store::open(&path, env.now).unwrap();
        let toml = "name = \"t\"\n[pass_code.hash]\nmemory_kib = 256\niterations = 1\n";
        definitions::apply(&mut store, &env, toml, "t.toml").unwrap();
        definitions::activate(&mut store, &env, "t").unwrap();

        struct Racer<'a>(&'a Path, &'a Env);
        impl Progress for Racer<'_> {
            fn phase(&self, phase: Phase, _total: Option<u64>) {
                if phase == Phase::Writing {
                    let mut other = Store::open(self.0, self.1.now).unwrap();
                    let req = IssueRequest {
                        line: 0,
                        identifier: Some("B@example.com".into()),
                        pass_code: PassCodeInput::Given(Secret::new("a fine pass code".into())),
                        auth_code: None,
                        name: None,
                        classification: None,
                        account: None,
                        participant: None,
                        expires: Expiry::Default,
                        skip_verification: false,
                    };
                    issue(&mut other, self.1, req).unwrap();
                }
            }
        }
        let row = |line: u64, id: &str| {
            (
                line,
                Ok(IssueRequest {
                    line,
                    identifier: Some(id.into()),
                    pass_code: PassCodeInput::Given(Secret::new("a fine pass code".into())),
                    auth_code: None,
                    name: None,
                    classification: None,
                    account: None,
                    participant: None,
                    expires: Expiry::Default,
                    skip_verification: false,
                }),
            )
        };
        let rows = vec![
            row(2, "a@example.com"),
            row(3, "b@example.com"),
            row(4, "c@example.com"),
        ];
        struct Nothing;
        impl Sink for Nothing {
            fn records(&mut self, _: Vec<Issued>) -> Result<()> {
                panic!("nothing may be printed");
            }
        }
        let err = issue_rows(
            &mut store,
            &env,
            Box::new(rows.into_iter()),
            "r.csv",
            &crate::ops::issue::Bulk {
                progress: &Racer(&path, &env),
                spool_dir: dir.path(),
            },
            &mut Nothing,
        )
        .unwrap_err();
        // The same exit as a row that was a duplicate from the start (exit 4, import row).
        assert_eq!(err.kind, Kind::Invalid);
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
        use crate::ops::definitions;
        use crate::ops::entities::{add_account, Contact};
        use crate::ops::issue::{issue, issue_rows, IssueRequest};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let env = Env {
            now: 1_700_000_000,
            actor: "t".into(),
        };
        let mut store = Store::open(&path, env.now).unwrap();
        let toml = "name = \"t\"\n[automation]\nmax_tokens_per_account = 2\n";
        definitions::apply(&mut store, &env, toml, "t.toml").unwrap();
        definitions::activate(&mut store, &env, "t").unwrap();
        let contact = Contact {
            name: Some("Zed".into()),
            email: None,
            phone: None,
        };
        add_account(&mut store, &env, "AR-1", contact).unwrap();

        struct Racer<'a>(&'a Path, &'a Env);
        impl Progress for Racer<'_> {
            fn phase(&self, phase: Phase, _total: Option<u64>) {
                if phase == Phase::Writing {
                    let mut other = Store::open(self.0, self.1.now).unwrap();
                    let req = IssueRequest {
                        line: 0,
                        identifier: None,
                        pass_code: PassCodeInput::Absent,
                        auth_code: None,
                        name: None,
                        classification: None,
                        account: Some("AR-1".into()),
                        participant: None,
                        expires: Expiry::Default,
                        skip_verification: false,
                    };
                    issue(&mut other, self.1, req).unwrap();
                }
            }
        }
        let row = |line: u64| {
            (
                line,
                Ok(IssueRequest {
                    line,
                    identifier: None,
                    pass_code: PassCodeInput::Absent,
                    auth_code: None,
                    name: None,
                    classification: None,
                    account: Some("AR-1".into()),
                    participant: None,
                    expires: Expiry::Default,
                    skip_verification: false,
                }),
            )
        };
        struct Nothing;
        impl Sink for Nothing {
            fn records(&mut self, _: Vec<Issued>) -> Result<()> {
                panic!("nothing may be printed");
            }
        }
        let err = issue_rows(
            &mut store,
            &env,
            Box::new(vec![row(2), row(3)].into_iter()),
            "r.csv",
            &crate::ops::issue::Bulk {
                progress: &Racer(&path, &env),
                spool_dir: dir.path(),
            },
            &mut Nothing,
        )
        .unwrap_err();
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

    #[test]
    fn errors_name_the_file_and_line_and_are_invalid_input() {
        let e = locate(Some("t.csv"), 7, Error::conflict("taken"));
        assert_eq!(e.kind, Kind::Invalid);
        assert_eq!(e.message, "t.csv line 7: taken");
        let e = locate(Some("t.csv"), 7, Error::not_found("no such account"));
        assert_eq!(e.kind, Kind::Invalid);
        let e = locate(Some("t.csv"), 7, Error::internal("disk full"));
        assert_eq!(e.kind, Kind::Internal);
        // `token new --count` has no file: its errors keep the category `token new` gives.
        let e = locate(None, 7, Error::conflict("x"));
        assert_eq!((e.kind, e.message.as_str()), (Kind::Conflict, "x"));
    }
}
