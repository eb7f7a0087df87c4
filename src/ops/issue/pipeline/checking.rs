//! Stage 1 of the pipeline, without the write lock: read and check the rows, check them
//! against the database and each other, hash them on every core and spool them.

use super::options::{locate, Options, Progress, Totals, CHUNK};
use super::run_key::RunKey;
use crate::domain::{codes, identifier};
use crate::error::{Error, Result};
use crate::ops::issue::check::{check, Checked, PassSource, Said, Staged};
use crate::ops::issue::policies::Policies;
use crate::ops::issue::request::Rows;
use crate::ops::issue::spool::Spool;
use crate::ops::rules::{cap_account, check_cap, check_links};
use crate::ops::Env;
use crate::store::{ScratchKind, Store, Tx};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Stage 1: read, check, hash and spool every row, without the write lock.
pub(super) fn stage(
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
        // An import file's rows are told how to fix them in columns; --count's, in flags.
        let said = match options.source {
            Some(_) => Said::Columns,
            None => Said::Flags,
        };
        s.spawn(move || read_and_check(rows, policies, now, said, row_tx));
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
    said: Said,
    out: SyncSender<Vec<(u64, Result<Checked>)>>,
) {
    let mut chunk = Vec::with_capacity(CHUNK);
    for (line, row) in rows {
        let checked = row.and_then(|r| check(policies, r, now, said));
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
