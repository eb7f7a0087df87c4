//! Stage 3 of the pipeline, after the commit: the records, read from the spool a second time
//! with their generated secrets made again, handed to the sink in number order.

use super::options::{Options, Sink, CHUNK};
use super::run_key::RunKey;
use crate::error::Result;
use crate::ops::issue::insert::{new_token, number_of, token_of};
use crate::ops::issue::policies::Policies;
use crate::ops::issue::request::Issued;
use crate::ops::issue::spool::Spool;
use crate::ops::Env;
use rayon::prelude::*;

/// Stage 3, after the commit: the records, with their generated secrets made again.
#[allow(clippy::too_many_arguments)]
pub(super) fn print(
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
