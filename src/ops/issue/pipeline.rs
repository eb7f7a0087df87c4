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
//! 1. **Check and hash, without the write lock.** A reader thread parses rows and applies the row
//!    rules ([`super::check::check`], the same function `token new` uses). The calling thread
//!    checks what needs the database against a read snapshot (identifier or custom code already
//!    held, links, account caps) and duplicates within the input against scratch tables that SQLite
//!    keeps in a temporary file ([`crate::store::Store::begin_bulk_check`]): exact, and flat in
//!    memory. A hashing thread then runs [`super::check::prepare`] on chunks of rows on every core
//!    (rayon), overlapping with the reading and checking of the next chunk through bounded
//!    channels, and appends the staged rows (hashes and digests only) to the spool, an unnamed
//!    temporary file ([`super::spool`]). A bad row stops everything before the database is touched,
//!    with its line number; rows are checked before they are hashed, so a bad line 9 costs nothing
//!    like hashing lines 10 to a million.
//! 2. **Insert, with the write lock.** One `BEGIN IMMEDIATE` transaction inserts every token, with
//!    consecutive ids (one counter call hands out the whole range), its verification code and
//!    message where the definition asks for them, and at the end one audit entry for the whole
//!    batch (below). No argon2 runs while the lock is held: it is held for the inserts only. One
//!    thread reads the spool back and makes the rows ([`super::insert::make_ready`]); the writer
//!    only runs statements: cached multi-row INSERTs, and for an import that outnumbers the tokens
//!    already there, the index of random authentication-code digests dropped and built again,
//!    sorted, before the commit ([`crate::store::BulkQueries::begin_bulk_insert`]). Checks that
//!    must be exact under the lock are made again (an identifier taken meanwhile, account caps);
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
//! **One audit entry per batch (issue #16).** The batch is one entry, `token.import` (subject:
//! the file) or `token.create` (`token new --count`), by the actor, at the instant of the
//! command, naming what a reader needs to know of every token in it: the range (`first` and
//! `last` number, `tokens`, and the ids under `token_ids`, which the store indexes so that `audit
//! --token NUMBER` finds the entry with one seek), the input (the file's name and the SHA-256 of
//! its bytes, hashed as they were read, or the `--count`), and the definition and version the
//! tokens were issued under. The input's row `k` (counting from 0) became the token with id
//! `token_ids.first + k`; each token's own row keeps what it was issued with (its `created_at`,
//! `created_by`, definition version). One entry per token doubled the B-tree work of every insert
//! (a row and three index entries more for each token, and a SHA-256 of the chain); a database
//! written before keeps its entries per token, and `audit --token` reads both alike. The entry is
//! written in the same transaction as the tokens, so a failed or killed import leaves neither.
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
//!
//! The stages live in `checking`, `writing` and `printing` (named after the [`Phase`] each
//! reports), the per-run key in `run_key`; this file runs them in order.

mod checking;
mod options;
mod printing;
mod run_key;
mod writing;

use super::policies::Policies;
use super::request::Rows;
use crate::error::{Error, Result};
use crate::ops::Env;
use crate::store::Store;
pub(super) use options::Options;
pub use options::{Phase, Progress, Sink, Totals};
use run_key::RunKey;

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
    let staged = checking::stage(
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
            writing::write(store, env, &policies, &key, &mut spool, &totals, options)?;
        first_id = first;
        totals.messages = queued;
        totals.first = Some(numbers.0);
        totals.last = Some(numbers.1);
    }

    options.progress.phase(Phase::Printing, Some(totals.count));
    // The write-ahead log is copied into the database while the records are printed.
    let (printed, checkpointed) = std::thread::scope(|s| {
        let checkpoint = s.spawn(|| store.settle_bulk());
        let printed = sink.begin(&totals).and_then(|_| {
            printing::print(env, &policies, &key, &mut spool, first_id, options, sink)
        });
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
