//! Issuing tokens: one from `token new`, many from `token new --count N` or `token import`.
//! Every token, however it arrives, goes through the same three steps, so an import row is
//! validated exactly as `token new` validates its flags:
//!
//! 1. `check`: the rules that need no database and no hashing (classification, identifier
//!    format or generation, pass-code policy, custom authentication code, expiry), deciding
//!    which secrets to generate;
//! 2. `prepare`: generate those secrets and hash them (argon2 for pass codes, SHA-256 for
//!    authentication codes), still without the database;
//! 3. `make_ready` and `insert_ready`: a number, the row and its audit detail, then inside
//!    the write transaction the row, its audit entry, its verification code and its message.
//!    A bulk issuance records its batch as one audit entry instead of one per token
//!    (`pipeline`, stage 2).
//!
//! One token (`issue`) runs them in a row: the argon2 hash happens before `BEGIN IMMEDIATE`, so
//! the write lock is held for milliseconds. Many tokens run through the streaming pipeline in
//! `pipeline`, whose header explains how it keeps memory flat, the lock short and the output
//! all-or-nothing.
//!
//! Here are the entry points; the steps live in `check` (1 and 2) and `insert` (3), the
//! active definition's policies, loaded once, in `policies`, and what callers fill in and get
//! back in `request`.

mod check;
mod insert;
mod pipeline;
mod policies;
#[cfg(test)]
mod race_tests;
mod request;
mod spool;

pub use pipeline::{Phase, Progress, Sink, Totals};
pub use request::{Expiry, InputDigest, IssueRequest, Issued, PassCodeInput, Rows};

use super::rules::check_links;
use super::Env;
use crate::error::{Error, Result};
use crate::store::Store;
use check::{check, prepare, Said};
use insert::{insert_ready, make_ready, token_of, ToInsert};
use policies::Policies;

pub fn issue(store: &mut Store, env: &Env, req: IssueRequest) -> Result<Issued> {
    let policies = Policies::load(store)?;
    let checked = check(&policies, req, env.now, Said::Flags)?;
    let policy = policies.policy(checked.class);
    let (staged, generated, given) = prepare(policy, checked, &mut rand::rng(), &mut rand::rng())?;
    store.write(|tx| {
        policies.still_active(tx)?;
        check_links(tx, staged.account.as_deref(), staged.participant.as_deref())?;
        let id = tx.next_counter("token_number", 1)?;
        let row = ToInsert {
            id,
            staged,
            generated,
            given,
            line: None,
        };
        let ready = make_ready(&policies, env, row, true)?;
        let mut queued = insert_ready(tx, env, &policies, std::slice::from_ref(&ready), &|_, e| e)?;
        Ok(Issued {
            token: token_of(&ready.new),
            auth_code: ready.generated.auth_code,
            pass_code: ready.generated.pass_code,
            messages: queued.pop().unwrap_or_default(),
        })
    })
}

/// How a bulk issuance reports its progress, and where it spools its staged rows (a private
/// folder of the caller's choice, on a disk with room for the input's hashes).
pub struct Bulk<'a> {
    pub progress: &'a dyn Progress,
    pub spool_dir: &'a std::path::Path,
}

/// Issues `count` tokens from one request through the bulk pipeline, handing them to `sink`
/// after the commit, in number order.
pub fn issue_many(
    store: &mut Store,
    env: &Env,
    req: IssueRequest,
    count: u32,
    bulk: &Bulk,
    sink: &mut dyn Sink,
) -> Result<Totals> {
    if count == 0 {
        return Err(Error::usage("--count must be at least 1"));
    }
    if count > 1
        && (req.identifier.is_some()
            || req.auth_code.is_some()
            || matches!(req.pass_code, PassCodeInput::Given(_)))
    {
        return Err(Error::usage(
            "--count issues tokens without a given identifier, pass code or authentication code; drop those or --count",
        ));
    }
    // Every row is the request itself (which, for more than one, carries no secret).
    let rows = (1..=u64::from(count)).map(move |n| {
        let mut row = req.clone();
        row.line = n;
        (n, Ok(row))
    });
    let options = pipeline::Options {
        source: None,
        digest: None,
        progress: bulk.progress,
        total: Some(u64::from(count)),
        spool_dir: bulk.spool_dir,
    };
    pipeline::run(store, env, Box::new(rows), &options, sink)
}

/// Issues one token per row of `rows` (an import file), all or none. `source` names the file in
/// errors ("tokens.csv line 7: …") and in the audit log, beside `digest`, the SHA-256 of the
/// bytes the rows were read from (complete once they are).
pub fn issue_rows(
    store: &mut Store,
    env: &Env,
    rows: Rows,
    source: &str,
    digest: &InputDigest,
    bulk: &Bulk,
    sink: &mut dyn Sink,
) -> Result<Totals> {
    let options = pipeline::Options {
        source: Some(source),
        digest: Some(digest),
        progress: bulk.progress,
        total: None,
        spool_dir: bulk.spool_dir,
    };
    pipeline::run(store, env, rows, &options, sink)
}
