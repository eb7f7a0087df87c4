//! Group commit for authentication-code logins (issue #13, item 4). Every login writes
//! (`last_used_at`, the audit entry, failure counts), and a transaction per login would make
//! the commit the limit. One thread owns a store and commits the logins that arrived while it
//! was busy with the previous group in one transaction (`Store::write_group`: each login in a
//! savepoint of its own, so one that fails undoes only itself), then answers each of them, so
//! no login is answered before its write is committed. Nothing waits for a group to fill: a
//! lone login is a group of one.
//!
//! Pass-code logins are not grouped: argon2, not the commit, is their limit, and they run on
//! the hashing workers (`pool.rs`).

use super::keyed::KeyCheck;
use super::limits::Limiter;
use super::metrics::Metrics;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use crate::ops::app_keys;
use crate::ops::authenticate::{self, Authenticated};
use crate::ops::session::SessionRequest;
use crate::ops::Env;
use crate::store::{GroupBody, Store, Tx};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};

/// The most logins one transaction commits.
const MAX_GROUP: usize = 256;

/// A login's answer: the key refused or limited, or its outcome with the instant it ran at.
pub type Answer = KeyCheck<(Authenticated, i64)>;

struct Pending {
    key: Secret,
    code: Secret,
    request: SessionRequest,
    reply: tokio::sync::oneshot::Sender<Result<Answer>>,
}

pub struct Committer {
    jobs: mpsc::Sender<Pending>,
}

impl Committer {
    /// Starts the committing thread on `store`.
    pub fn start(
        store: Store,
        per_key: Arc<Limiter<i64>>,
        clock: fn() -> i64,
        metrics: Arc<Metrics>,
    ) -> Result<Committer> {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("tokenadm-commit".into())
            .spawn(move || run(store, &rx, &per_key, clock, &metrics))
            .map_err(|e| Error::internal(format!("cannot start the committing thread: {e}")))?;
        Ok(Committer { jobs: tx })
    }

    /// Logs in with an authentication code under the application key `key`; answered once the
    /// group it joined has committed.
    pub async fn login(
        &self,
        key: Secret,
        code: Secret,
        request: SessionRequest,
    ) -> Result<Answer> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Pending {
                key,
                code,
                request,
                reply,
            })
            .map_err(|_| Error::internal("the committing thread has stopped"))?;
        answer.await.map_err(|_| {
            Error::internal("a login's group failed (the committing thread panicked)")
        })?
    }
}

fn run(
    mut store: Store,
    jobs: &mpsc::Receiver<Pending>,
    per_key: &Limiter<i64>,
    clock: fn() -> i64,
    metrics: &Metrics,
) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(p) => group.push(p),
                Err(_) => break,
            }
        }
        let mut replies = Vec::with_capacity(group.len());
        let mut bodies: Vec<GroupBody<Answer>> = Vec::with_capacity(group.len());
        for p in group {
            replies.push(p.reply);
            let (key, code, request) = (p.key, p.code, p.request);
            bodies.push(Box::new(move |tx: &dyn Tx| {
                let Some(found) = app_keys::resolve(tx, key.expose())? else {
                    return Ok(KeyCheck::Refused);
                };
                if let Err(wait) = per_key.check(&found.id) {
                    return Ok(KeyCheck::Limited(wait, found.name));
                }
                let env = Env {
                    now: clock(),
                    actor: found.name.clone(),
                    // A login queues no message.
                    outbox_key: None,
                };
                let outcome = authenticate::by_auth_code_in(tx, &env, &code, Some(&request))?;
                Ok(KeyCheck::Done(found.name, (outcome, env.now)))
            }));
        }
        let size = bodies.len() as u64;
        let committed = catch_unwind(AssertUnwindSafe(|| store.write_group(bodies)));
        metrics.group_commits.fetch_add(1, Ordering::Relaxed);
        metrics.grouped_logins.fetch_add(size, Ordering::Relaxed);
        match committed {
            Ok(Ok(answers)) => {
                for (reply, answer) in replies.into_iter().zip(answers) {
                    let _ = reply.send(answer);
                }
            }
            Ok(Err(e)) => {
                // One error for every login of the group, each its own copy; a database that
                // may be back in a moment stays so for each.
                for reply in replies {
                    let _ = reply.send(Err(e.duplicate()));
                }
            }
            // The replies are dropped: each waiting login gets an error.
            Err(_) => {}
        }
    }
}
