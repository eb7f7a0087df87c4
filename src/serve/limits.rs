//! What keeps the server's work bounded: token-bucket rate limits per client address and per
//! application key (governor; a refusal says how long to wait), and the gate in front of
//! argon2: as many pass-code hashes at once as there are hashing slots (one per core by
//! default), a bounded queue behind them, and a refusal beyond it, so that memory (argon2's
//! `memory_kib` per hash) stays flat however many pass-code logins arrive.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A keyed token bucket; `None` when its rate is 0 (no limit).
pub struct Limiter<K: Hash + Eq + Clone> {
    inner: Option<DefaultKeyedRateLimiter<K>>,
    clock: DefaultClock,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    /// `rate` requests per second, in bursts of up to twice that; 0: no limit.
    pub fn new(rate: u32) -> Self {
        let inner = NonZeroU32::new(rate).map(|r| {
            let burst = NonZeroU32::new(rate.saturating_mul(2)).unwrap_or(r);
            RateLimiter::keyed(Quota::per_second(r).allow_burst(burst))
        });
        Limiter {
            inner,
            clock: DefaultClock::default(),
        }
    }

    /// Takes one token for `key`; when there is none, the whole seconds to wait (at least 1).
    pub fn check(&self, key: &K) -> Result<(), u64> {
        let Some(limiter) = &self.inner else {
            return Ok(());
        };
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            (wait.as_millis().div_ceil(1000) as u64).max(1)
        })
    }

    /// Forgets the keys whose buckets are full again, so the table does not grow with every
    /// address ever seen.
    pub fn forget_idle(&self) {
        if let Some(l) = &self.inner {
            l.retain_recent();
            l.shrink_to_fit();
        }
    }
}

/// The per-address and per-key limits.
pub struct Limits {
    pub per_ip: Limiter<IpAddr>,
    /// Shared with the committing thread of grouped logins.
    pub per_key: Arc<Limiter<i64>>,
}

/// The gate in front of argon2.
pub struct HashGate {
    slots: Arc<Semaphore>,
    workers: usize,
    /// Admitted logins: hashing or waiting for a slot.
    admitted: Arc<AtomicUsize>,
    /// Admitted logins still waiting for a slot (the queue depth).
    waiting: Arc<AtomicUsize>,
    capacity: usize,
}

/// Held while a pass-code login runs; frees its slot and its place when dropped (also when the
/// request is abandoned while it waits).
pub struct HashPermit {
    _slot: OwnedSemaphorePermit,
    _admitted: Counted,
}

struct Counted(Arc<AtomicUsize>);

impl Counted {
    fn new(counter: &Arc<AtomicUsize>) -> Self {
        counter.fetch_add(1, Ordering::SeqCst);
        Counted(Arc::clone(counter))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The queue is full: try again after this many seconds.
#[derive(Debug, PartialEq, Eq)]
pub struct Overloaded;

impl HashGate {
    /// `workers` hashes at once, `queue` more waiting.
    pub fn new(workers: usize, queue: usize) -> Self {
        let workers = workers.max(1);
        HashGate {
            slots: Arc::new(Semaphore::new(workers)),
            workers,
            admitted: Arc::new(AtomicUsize::new(0)),
            waiting: Arc::new(AtomicUsize::new(0)),
            capacity: workers + queue,
        }
    }

    /// Waits for a hashing slot, or refuses at once when `workers + queue` logins are in
    /// already.
    pub async fn enter(&self) -> Result<HashPermit, Overloaded> {
        let admitted = Counted::new(&self.admitted);
        if self.admitted.load(Ordering::SeqCst) > self.capacity {
            return Err(Overloaded);
        }
        let waiting = Counted::new(&self.waiting);
        let slot = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .map_err(|_| Overloaded)?;
        drop(waiting);
        Ok(HashPermit {
            _slot: slot,
            _admitted: admitted,
        })
    }

    /// Logins waiting for a slot.
    pub fn queued(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }

    /// Hashes running now.
    pub fn hashing(&self) -> usize {
        self.workers - self.slots.available_permits()
    }

    pub fn workers(&self) -> usize {
        self.workers
    }
}

/// How often idle rate-limit buckets are forgotten.
pub const FORGET_EVERY: Duration = Duration::from_secs(60);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_says_how_long_to_wait() {
        let l: Limiter<u8> = Limiter::new(2);
        for _ in 0..4 {
            assert_eq!(l.check(&1), Ok(()));
        }
        let wait = l.check(&1).unwrap_err();
        assert!((1..=1).contains(&wait), "{wait}");
        // Another key has its own bucket.
        assert_eq!(l.check(&2), Ok(()));
    }

    #[test]
    fn rate_zero_is_no_limit() {
        let l: Limiter<u8> = Limiter::new(0);
        for _ in 0..10_000 {
            assert_eq!(l.check(&1), Ok(()));
        }
    }

    #[tokio::test]
    async fn the_gate_admits_workers_plus_queue_and_refuses_beyond() {
        let gate = Arc::new(HashGate::new(1, 1));
        let first = gate.enter().await.unwrap();
        assert_eq!(gate.hashing(), 1);
        let g = Arc::clone(&gate);
        let second = tokio::spawn(async move { g.enter().await.map(drop) });
        // The second waits in the queue; a third is refused.
        while gate.queued() == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(gate.enter().await.err(), Some(Overloaded));
        drop(first);
        assert_eq!(second.await.unwrap(), Ok(()));
        assert_eq!((gate.queued(), gate.hashing()), (0, 0));
        // Everything was given back: two can be admitted again.
        let a = gate.enter().await.unwrap();
        drop(a);
    }
}
