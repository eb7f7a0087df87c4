//! `GET /metrics`: Prometheus text format (version 0.0.4) of what the server counts: requests
//! by route and status, login outcomes, a latency histogram per route, and the gauges of the
//! hashing queue, the store pool and the open connections.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Counters {
    requests: BTreeMap<(String, u16), u64>,
    logins: BTreeMap<(&'static str, &'static str), u64>,
    latency: BTreeMap<String, Histogram>,
}

#[derive(Default)]
pub struct Metrics {
    counters: Mutex<Counters>,
    pub open_connections: AtomicUsize,
    /// Transactions of grouped authentication-code logins, and the logins they committed.
    pub group_commits: AtomicU64,
    pub grouped_logins: AtomicU64,
}

/// The gauges read when `/metrics` is asked for.
pub struct Gauges {
    pub hash_queue: usize,
    pub hashing: usize,
    pub hash_workers: usize,
    pub pool_in_use: usize,
    pub pool_size: usize,
}

impl Metrics {
    pub fn request(&self, route: &str, status: u16, took: Duration) {
        let Ok(mut c) = self.counters.lock() else {
            return;
        };
        *c.requests.entry((route.to_string(), status)).or_default() += 1;
        let h = c.latency.entry(route.to_string()).or_default();
        let secs = took.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if secs <= *bound {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += secs;
    }

    /// A login's outcome: `granted`, or the refusal's reason; `via` says which credential.
    pub fn login(&self, via: &'static str, outcome: &'static str) {
        if let Ok(mut c) = self.counters.lock() {
            *c.logins.entry((via, outcome)).or_default() += 1;
        }
    }

    pub fn render(&self, g: &Gauges) -> String {
        let mut out = String::with_capacity(4096);
        let (requests, logins, latency) = match self.counters.lock() {
            Ok(c) => (c.requests.clone(), c.logins.clone(), c.latency.clone()),
            Err(_) => Default::default(),
        };
        out.push_str("# HELP tokenadm_http_requests_total HTTP requests answered, by route and status.\n# TYPE tokenadm_http_requests_total counter\n");
        for ((route, status), n) in &requests {
            let _ = writeln!(
                out,
                "tokenadm_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                label(route)
            );
        }
        out.push_str("# HELP tokenadm_logins_total Logins by credential and outcome (granted, or why refused).\n# TYPE tokenadm_logins_total counter\n");
        for ((via, outcome), n) in &logins {
            let _ = writeln!(
                out,
                "tokenadm_logins_total{{via=\"{via}\",outcome=\"{outcome}\"}} {n}"
            );
        }
        out.push_str("# HELP tokenadm_http_request_duration_seconds Time to answer a request, by route.\n# TYPE tokenadm_http_request_duration_seconds histogram\n");
        for (route, h) in &latency {
            let route = label(route);
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "tokenadm_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {}",
                    h.counts[i]
                );
            }
            let _ = writeln!(
                out,
                "tokenadm_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\ntokenadm_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\ntokenadm_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count, h.sum, h.count
            );
        }
        let gauges = [
            (
                "tokenadm_hash_queue_depth",
                "Pass-code logins waiting for a hashing slot.",
                g.hash_queue,
            ),
            (
                "tokenadm_hash_in_progress",
                "Pass-code hashes running.",
                g.hashing,
            ),
            ("tokenadm_hash_workers", "Hashing slots.", g.hash_workers),
            (
                "tokenadm_store_pool_in_use",
                "Database connections lent to requests.",
                g.pool_in_use,
            ),
            (
                "tokenadm_store_pool_size",
                "Database connections in the pool.",
                g.pool_size,
            ),
            (
                "tokenadm_open_connections",
                "Client connections open.",
                self.open_connections.load(Ordering::Relaxed),
            ),
        ];
        for (name, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
            );
        }
        let counters = [
            (
                "tokenadm_group_commits_total",
                "Transactions that committed grouped authentication-code logins.",
                self.group_commits.load(Ordering::Relaxed),
            ),
            (
                "tokenadm_grouped_logins_total",
                "Authentication-code logins those transactions committed.",
                self.grouped_logins.load(Ordering::Relaxed),
            ),
        ];
        for (name, help, value) in counters {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        }
        out
    }
}

/// A label value with `\`, `"` and newlines escaped, as the text format asks.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_buckets_render_in_the_text_format() {
        let m = Metrics::default();
        m.request("/health", 200, Duration::from_micros(500));
        m.request("/health", 200, Duration::from_millis(30));
        m.request("/health", 429, Duration::from_millis(2));
        m.login("pass_code", "granted");
        m.login("pass_code", "wrong_pass_code");
        m.login("pass_code", "wrong_pass_code");
        let text = m.render(&Gauges {
            hash_queue: 3,
            hashing: 2,
            hash_workers: 2,
            pool_in_use: 1,
            pool_size: 6,
        });
        assert!(text.contains("tokenadm_http_requests_total{route=\"/health\",status=\"200\"} 2\n"));
        assert!(text.contains("tokenadm_http_requests_total{route=\"/health\",status=\"429\"} 1\n"));
        assert!(text
            .contains("tokenadm_logins_total{via=\"pass_code\",outcome=\"wrong_pass_code\"} 2\n"));
        assert!(text.contains("le=\"0.001\"} 1\n"));
        assert!(text.contains("le=\"0.005\"} 2\n"));
        assert!(text.contains("le=\"0.05\"} 3\n"));
        assert!(
            text.contains("tokenadm_http_request_duration_seconds_count{route=\"/health\"} 3\n")
        );
        assert!(text.contains("tokenadm_hash_queue_depth 3\n"));
        assert!(text.contains("tokenadm_store_pool_size 6\n"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(line.split(' ').count(), 2, "{line}");
        }
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
