//! A small pool of stores, each its own database connection, over tokio's blocking threads:
//! ops are synchronous (rusqlite, argon2), so each request's work runs in `spawn_blocking` on a
//! store taken from here and put back after. The pool's size bounds the database connections
//! and the blocking threads the server uses, whatever the load.

use crate::error::{Error, Result};
use crate::store::Store;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Opens a store to replace one lost to a panicking job.
pub type Open = Box<dyn Fn() -> Result<Store> + Send + Sync>;

pub struct Pool {
    stores: Mutex<Vec<Store>>,
    slots: Semaphore,
    size: usize,
    open: Open,
}

impl Pool {
    pub fn new(stores: Vec<Store>, open: Open) -> Arc<Pool> {
        let size = stores.len();
        Arc::new(Pool {
            stores: Mutex::new(stores),
            slots: Semaphore::new(size),
            size,
            open,
        })
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Stores lent out right now.
    pub fn in_use(&self) -> usize {
        self.size - self.slots.available_permits()
    }

    /// Runs `job` on a blocking thread with a store of the pool, waiting for one to be free.
    pub async fn run<T, F>(self: &Arc<Self>, job: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| Error::internal("the store pool is closed"))?;
        let taken = self.lock()?.pop();
        let mut store = match taken {
            Some(s) => s,
            // A job that panicked took its store with it: open another in its place.
            None => (self.open)()?,
        };
        let pool = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let out = job(&mut store);
            if let Ok(mut stores) = pool.stores.lock() {
                stores.push(store);
            }
            out
        })
        .await;
        joined.map_err(|e| Error::internal(format!("a request's database work failed: {e}")))?
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Vec<Store>>> {
        self.stores
            .lock()
            .map_err(|_| Error::internal("the store pool's lock is poisoned"))
    }
}
