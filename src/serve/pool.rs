//! Pools of stores, each store its own database connection owned by its own thread: ops are
//! synchronous (rusqlite, argon2), so a request's work is sent to a free worker of a pool and
//! its answer awaited. Two pools: one worker per hashing slot for pass-code logins, and a few
//! for everything that does not hash. Fixed threads rather than tokio's blocking pool because
//! argon2 keeps its working memory per thread (`domain::passcode::memory`, 19 MiB by default):
//! on tokio's changing blocking threads every thread that ever hashed kept its own, and the
//! server's memory grew with them; here it is the hashing workers' and no more.

use crate::error::{Error, Result};
use crate::store::Store;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

type Job = Box<dyn FnOnce(&mut Store) + Send>;

pub struct Pool {
    jobs: mpsc::Sender<Job>,
    size: usize,
    busy: Arc<AtomicUsize>,
}

impl Pool {
    /// Starts one worker thread per store, named `name-N`.
    pub fn new(name: &str, stores: Vec<Store>) -> Result<Pool> {
        let size = stores.len();
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let busy = Arc::new(AtomicUsize::new(0));
        for (i, store) in stores.into_iter().enumerate() {
            let rx = Arc::clone(&rx);
            let busy = Arc::clone(&busy);
            std::thread::Builder::new()
                .name(format!("{name}-{i}"))
                .spawn(move || work(store, &rx, &busy))
                .map_err(|e| Error::internal(format!("cannot start a {name} worker: {e}")))?;
        }
        Ok(Pool {
            jobs: tx,
            size,
            busy,
        })
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Workers running a job now.
    pub fn in_use(&self) -> usize {
        self.busy.load(Ordering::Relaxed)
    }

    /// Runs `job` on the next free worker's store and waits for its answer. A job whose caller
    /// stopped waiting (a timed-out request) still runs to its end: its transaction is whole.
    pub async fn run<T, F>(&self, job: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |store| {
            let _ = tx.send(job(store));
        });
        self.jobs
            .send(job)
            .map_err(|_| Error::internal("the database workers have stopped"))?;
        rx.await.map_err(|_| {
            Error::internal("a request's database work failed (the worker panicked)")
        })?
    }
}

fn work(mut store: Store, jobs: &Mutex<mpsc::Receiver<Job>>, busy: &AtomicUsize) {
    loop {
        let next = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(job) = next else {
            return; // the pool is gone
        };
        busy.fetch_add(1, Ordering::Relaxed);
        // A panic drops the job's answer (the caller gets an error) and keeps the worker.
        let _ = catch_unwind(AssertUnwindSafe(|| job(&mut store)));
        busy.fetch_sub(1, Ordering::Relaxed);
    }
}
