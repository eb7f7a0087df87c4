//! `tokenadm serve` (issue #13): the seeds' Web API as a second front door over the same app
//! core and ops as the CLI (`api.rs` has the routes).
//!
//! The accept loop is our own, after Kanidm's `server/core/src/https/mod.rs`, so that the
//! internet cannot hold the server open: a cap on open connections (the loop stops accepting at
//! the cap; the kernel's backlog holds the rest), a timeout on the TLS handshake and on reading
//! a request's headers (hyper's `header_read_timeout`, with a timer), a timeout on the whole
//! request including its body (`api::access`), and a body limit. Plain `axum::serve` has none
//! of the connection-level ones: a thousand half-sent requests stay open forever.
//!
//! SIGTERM or SIGINT stops the accepting, asks every connection to finish its request in
//! flight and close (hyper-util's graceful shutdown), waits up to the drain timeout, and
//! returns, so the process exits 0.
//!
//! Ops are synchronous: they run on worker threads that each own a store (`pool.rs`), pass-code
//! logins on their own workers, one per hashing slot, behind the argon2 gate (`limits.rs`);
//! authentication-code logins are committed in groups by one thread (`group.rs`). Every log line is one
//! JSON object on stderr, through `output::json_line`.

mod api;
mod group;
mod keyed;
mod limits;
mod metrics;
mod pool;
mod tls;

pub use api::{AUTH_FAILED, LOGIN};

use crate::app::App;
use crate::config::ServeConfig;
use crate::error::{Error, Result};
use crate::output::json_line;
use api::{Peer, Shared};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use limits::{HashGate, Limiter, Limits};
use serde_json::json;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt as _;

/// The listen address when neither `--listen` nor `[serve] listen` names one.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// Request bodies larger than this are refused (413): a login is a few hundred bytes.
pub const BODY_LIMIT: usize = 16 * 1024;
/// Database workers for introspections and readiness checks. (Pass-code logins have one
/// worker per hashing slot; authentication-code logins are committed in groups by one thread,
/// `group.rs`.)
const GENERAL_WORKERS: usize = 4;

/// The server's settings: `[serve]` of the config file, with the flags over it.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: String,
    pub tls: Option<(PathBuf, PathBuf)>,
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub request_timeout: Duration,
    pub drain_timeout: Duration,
    pub per_ip_rate: u32,
    pub per_key_rate: u32,
    pub hash_workers: usize,
    pub hash_queue: usize,
    pub forwarded_for: bool,
}

impl Options {
    /// The settings of `[serve]`, with defaults for what it leaves out.
    pub fn from_config(c: &ServeConfig) -> Options {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let secs = |d: Option<crate::domain::duration::Duration>, default: u64| {
            d.map_or(Duration::from_secs(default), |d| {
                Duration::from_secs(d.as_secs().max(1) as u64)
            })
        };
        let workers = match c.hash_workers {
            Some(n) if n > 0 => n as usize,
            _ => cores,
        };
        Options {
            listen: c.listen.clone().unwrap_or_else(|| DEFAULT_LISTEN.into()),
            tls: c.tls_cert.clone().zip(c.tls_key.clone()),
            max_connections: c.max_connections.map_or(1024, |n| n.max(1) as usize),
            header_timeout: secs(c.header_timeout, 10),
            request_timeout: secs(c.request_timeout, 30),
            drain_timeout: secs(c.drain_timeout, 30),
            per_ip_rate: c.per_ip_rate.unwrap_or(50),
            per_key_rate: c.per_key_rate.unwrap_or(1000),
            hash_workers: workers,
            hash_queue: c.hash_queue.map_or(workers * 32, |n| n as usize),
            forwarded_for: c.forwarded_for.unwrap_or(false),
        }
    }
}

/// Runs the server until SIGTERM or SIGINT, then drains it.
pub fn run(app: &App, options: Options) -> Result<()> {
    let addr: SocketAddr = options.listen.parse().map_err(|_| {
        Error::usage(format!(
            "--listen {:?} is not an address; give host:port, e.g. 127.0.0.1:8080 or [::]:8443",
            options.listen
        ))
    })?;
    let tls = match &options.tls {
        Some((cert, key)) => Some(tls::acceptor(cert, key)?),
        None => None,
    };
    let open = |n: usize| (0..n).map(|_| app.open_store()).collect::<Result<Vec<_>>>();
    let hashers = pool::Pool::new("tokenadm-hash", open(options.hash_workers)?)?;
    let general = pool::Pool::new("tokenadm-db", open(GENERAL_WORKERS)?)?;
    let per_key = Arc::new(Limiter::new(options.per_key_rate));
    let metrics = Arc::new(metrics::Metrics::default());
    let committer = group::Committer::start(
        app.open_store()?,
        Arc::clone(&per_key),
        app.clock(),
        Arc::clone(&metrics),
    )?;
    let shared = Arc::new(Shared {
        pool: general,
        hashers,
        committer,
        clock: app.clock(),
        limits: Limits {
            per_ip: Limiter::new(options.per_ip_rate),
            per_key,
        },
        hashing: HashGate::new(options.hash_workers, options.hash_queue),
        metrics,
        body_limit: BODY_LIMIT,
        request_timeout: options.request_timeout,
        forwarded_for: options.forwarded_for,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("tokenadm-serve")
        .build()
        .map_err(|e| Error::internal(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(serve(addr, tls, shared, options))
}

async fn serve(
    addr: SocketAddr,
    tls: Option<TlsAcceptor>,
    shared: Arc<Shared>,
    options: Options,
) -> Result<()> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| Error::internal(format!("cannot listen on {addr}: {e}")).with_source(e))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::internal(format!("cannot read the bound address: {e}")))?;
    let router = api::router(Arc::clone(&shared));
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(options.header_timeout)
        .keep_alive_timeout(options.header_timeout);
    let builder = Arc::new(builder);
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(options.max_connections));
    let forget = tokio::spawn(forget_idle(Arc::clone(&shared)));
    json_line(&json!({
        "event": "listening",
        "address": bound.to_string(),
        "tls": tls.is_some(),
        "max_connections": options.max_connections,
        "hash_workers": options.hash_workers,
    }));

    let stop = shutdown_signal();
    tokio::pin!(stop);
    loop {
        // At the cap the loop waits here, and new connections wait in the kernel's backlog.
        let slot = tokio::select! {
            s = Arc::clone(&slots).acquire_owned() => match s {
                Ok(s) => s,
                Err(_) => break,
            },
            _ = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            a = listener.accept() => match a {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: say so, breathe, go on.
                    json_line(&json!({ "event": "accept_failed", "error": e.to_string() }));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let watcher = graceful.watcher();
        let builder = Arc::clone(&builder);
        let router = router.clone();
        let shared = Arc::clone(&shared);
        let tls = tls.clone();
        let handshake = options.header_timeout;
        tokio::spawn(async move {
            shared
                .metrics
                .open_connections
                .fetch_add(1, Ordering::Relaxed);
            connection(stream, peer, tls, handshake, builder, router, watcher).await;
            shared
                .metrics
                .open_connections
                .fetch_sub(1, Ordering::Relaxed);
            drop(slot);
        });
    }

    drop(listener);
    forget.abort();
    json_line(&json!({
        "event": "draining",
        "connections": shared.metrics.open_connections.load(Ordering::Relaxed),
    }));
    let drained = tokio::time::timeout(options.drain_timeout, graceful.shutdown())
        .await
        .is_ok();
    json_line(&json!({ "event": "stopped", "drained": drained }));
    Ok(())
}

/// One connection: the TLS handshake (bounded by the header timeout), then HTTP/1.1 or
/// HTTP/2 until the client or the drain closes it.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    tls: Option<TlsAcceptor>,
    handshake: Duration,
    builder: Arc<auto::Builder<TokioExecutor>>,
    router: axum::Router,
    watcher: hyper_util::server::graceful::Watcher,
) {
    match tls {
        None => http(stream, peer, &builder, router, watcher).await,
        Some(acceptor) => {
            // A failed or slow handshake is the client's business: the connection closes.
            if let Ok(Ok(tls_stream)) =
                tokio::time::timeout(handshake, acceptor.accept(stream)).await
            {
                http(tls_stream, peer, &builder, router, watcher).await
            }
        }
    }
}

async fn http<S>(
    stream: S,
    peer: SocketAddr,
    builder: &auto::Builder<TokioExecutor>,
    router: axum::Router,
    watcher: hyper_util::server::graceful::Watcher,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(Peer(peer));
        router.clone().oneshot(req)
    });
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    // Errors here are the client's: a reset, a timeout, a malformed request line.
    let _ = watcher.watch(conn).await;
}

/// Resolves on the first SIGTERM or SIGINT.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Forgets idle rate-limit buckets now and then, so they do not grow with every client seen.
async fn forget_idle(shared: Arc<Shared>) {
    let mut tick = tokio::time::interval(limits::FORGET_EVERY);
    loop {
        tick.tick().await;
        shared.limits.per_ip.forget_idle();
        shared.limits.per_key.forget_idle();
    }
}
