//! Progress bars on stderr for long work (bulk issuance, issue #7): only when stderr is a
//! terminal and `-q` is off, and only once a stage has run for a second, so quick commands and
//! pipes never see one.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// Show a stage's bar once it has run this long.
const DELAY: Duration = Duration::from_secs(1);

pub struct Bar {
    enabled: bool,
    epoch: Instant,
    current: RwLock<Option<ProgressBar>>,
    /// When the current stage began, in milliseconds after `epoch`.
    began_ms: AtomicU64,
    shown: AtomicBool,
}

impl Bar {
    pub(super) fn new(quiet: bool) -> Bar {
        Bar {
            enabled: !quiet && std::io::stderr().is_terminal(),
            epoch: Instant::now(),
            current: RwLock::new(None),
            began_ms: AtomicU64::new(0),
            shown: AtomicBool::new(false),
        }
    }

    /// Whether a bar can show at all (stderr a terminal, not -q): worth knowing before
    /// spending anything on a total.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    /// Starts a stage: `what` is shown before the bar; `total` makes it a bar, else a counter.
    pub fn stage(&self, what: &str, total: Option<u64>) {
        if !self.enabled {
            return;
        }
        self.finish();
        let template = match total {
            Some(_) => "{msg:>9} [{bar:30}] {human_pos}/{human_len} eta {eta}",
            None => "{msg:>9} {human_pos} rows, {elapsed}",
        };
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        self.began_ms.store(self.now_ms(), Ordering::Relaxed);
        self.shown.store(false, Ordering::Relaxed);
        if let Ok(mut current) = self.current.write() {
            *current = Some(bar);
        }
    }

    /// Counts `n` more done; cheap enough to call per row from several threads.
    pub fn inc(&self, n: u64) {
        if !self.enabled {
            return;
        }
        let Ok(current) = self.current.read() else {
            return;
        };
        let Some(bar) = current.as_ref() else {
            return;
        };
        bar.inc(n);
        let due = self.began_ms.load(Ordering::Relaxed) + DELAY.as_millis() as u64;
        if !self.shown.load(Ordering::Relaxed) && self.now_ms() >= due {
            self.shown.store(true, Ordering::Relaxed);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Ends the current stage and clears its line.
    pub fn finish(&self) {
        if let Ok(mut current) = self.current.write() {
            if let Some(bar) = current.take() {
                bar.finish_and_clear();
            }
        }
    }
}
