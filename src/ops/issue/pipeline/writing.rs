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
        let batch_rows = tx.insert_batch_rows().max(1);
        // A second thread reads the spool and makes the rows and audit details; this one, the
        // writer, only runs statements.
        let (ready_tx, ready_rx) = sync_channel::<Result<Vec<Ready>>>(4);
        let inserted = std::thread::scope(|s| {
            s.spawn(move || {
                let mut seq = 0u64;
                loop {
                    let mut batch = Vec::with_capacity(batch_rows);
                    let made: Result<()> = (|| {
                        while batch.len() < batch_rows {
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

fn number_at(tx: &dyn Tx, id: i64) -> Result<String> {
    tx.token_number_of(id)?
        .ok_or_else(|| Error::internal(format!("token {id} was not written")))
}
