//! What the CLI adds to the app core: the output, the actor from its flags, `--yes`. The
//! store, config file, transports and clock are the [`App`]'s, built once on first use;
//! `deliver_now` sends the messages a command just queued (issue #5).

use super::global::GlobalArgs;
use crate::app::{App, Loaded, Settings};
use crate::domain::definition::Media;
use crate::domain::message::MessageStatus;
use crate::error::{Error, Result};
use crate::ops::deliver::{IdRange, Report};
use crate::ops::Env;
use crate::output::Output;
use crate::store::Store;
use std::path::PathBuf;

pub struct Ctx {
    pub out: Output,
    pub env: Env,
    pub yes: bool,
    pub app: App,
    /// Whether "created a new database" was said already.
    created_noted: bool,
}

impl Ctx {
    pub fn new(g: &GlobalArgs) -> Result<Ctx> {
        let app = App::new(Settings {
            db: g.db.clone(),
            config: g.config.clone(),
        });
        Ok(Ctx {
            out: Output::new(g.format, g.quiet),
            env: Env::new(app.now(), actor(g.actor.as_deref())?),
            yes: g.yes,
            app,
            created_noted: false,
        })
    }

    pub fn db_path(&self) -> Result<PathBuf> {
        self.app.db_path()
    }

    pub fn spool_dir(&self) -> Result<PathBuf> {
        self.app.spool_dir()
    }

    /// The store; what opening it found worth saying (a migration's report) is said once, as
    /// warnings.
    pub fn store(&mut self) -> Result<&mut Store> {
        let store = self.app.store()?;
        let notices = store.take_notices();
        if store.created() && !self.created_noted {
            self.created_noted = true;
            self.out
                .note(format!("created a new database at {}", store.location()));
        }
        for notice in notices {
            self.out.warn(notice);
        }
        self.app.store()
    }

    /// The config file's settings and transports; see [`App::loaded`]. From here on the
    /// command's `env` carries the outbox key file, for the messages it queues.
    pub fn delivery(&mut self) -> Result<&Loaded> {
        let key = self.app.loaded()?.outbox_key.clone();
        self.env.outbox_key = Some(key);
        self.app.loaded()
    }

    /// Runs one delivery: every due message (`only` None), or only those with ids in `only`.
    pub fn deliver(&mut self, only: Option<IdRange>) -> Result<Report> {
        self.app.deliver(&self.env, only)
    }

    /// Tries to send, right after the command committed, the messages it queued (`ids`, which
    /// one transaction made consecutive). Nothing here fails the command: the messages are
    /// safe in the outbox whatever happens, so a send that fails is a warning (they are retried
    /// by `outbox deliver`), and a medium without a transport is a note saying which setting is
    /// missing. A bulk command's many messages get one summary instead of a line each.
    pub fn deliver_now(&mut self, ids: &[i64]) {
        let (Some(first), Some(last)) = (ids.iter().min(), ids.iter().max()) else {
            return;
        };
        self.deliver_queued((*first, *last));
    }

    /// [`Ctx::deliver_now`] for the messages with ids from `first` to `last`.
    pub fn deliver_queued(&mut self, (first, last): IdRange) {
        let report = match self.deliver(Some((first, last))) {
            Ok(r) => r,
            Err(e) => {
                let (what, stay) = if first == last {
                    ("message", "it stays")
                } else {
                    ("messages", "they stay")
                };
                self.out.warn(format!(
                    "the queued {what} could not be delivered now ({e}); {stay} in the outbox for tokenadm outbox deliver"
                ));
                return;
            }
        };
        report_notes(&self.out, &report);
        if let Some(held) = held_sentence(&report) {
            self.out.warn(held);
        }
        if report.attempted.len() > ONE_LINE_EACH {
            let (sent, retry, failed) = (
                report.sent(),
                report.count(MessageStatus::Pending),
                report.count(MessageStatus::Failed),
            );
            self.out.note(format!(
                "sent {sent} of the {} messages queued",
                report.attempted.len()
            ));
            if retry + failed > 0 {
                self.out.warn(format!(
                    "{retry} messages were not sent and stay pending for tokenadm outbox deliver, {failed} failed for good; see tokenadm outbox list --status pending|failed"
                ));
            }
            return;
        }
        for m in &report.attempted {
            let to = format!("{} message {} to {}", m.event, m.id, m.recipient);
            match m.status {
                MessageStatus::Sent => {
                    self.out.note(format!("sent the {to}"))
                }
                MessageStatus::Failed => self.out.warn(format!(
                    "the {to} failed for good: {}; see tokenadm outbox show {}",
                    m.last_error.as_deref().unwrap_or("unknown error"),
                    m.id
                )),
                _ => self.out.warn(format!(
                    "the {to} was not sent: {}; it stays pending and tokenadm outbox deliver retries it",
                    m.last_error.as_deref().unwrap_or("unknown error")
                )),
            }
        }
    }
}

/// Up to this many messages sent right after a command, each gets its own line.
const ONE_LINE_EACH: usize = 10;

/// Notes every delivery run shares: media waiting for a transport, claims that ran out.
pub fn report_notes(out: &Output, report: &Report) {
    for w in &report.waiting {
        out.note(format!(
            "{} {} message{} stay{} pending: {}",
            w.count,
            match w.media {
                Media::Email => "email",
                Media::Sms => "SMS",
            },
            if w.count == 1 { "" } else { "s" },
            if w.count == 1 { "s" } else { "" },
            w.reason
        ));
    }
    for id in &report.lease_lost {
        out.warn(format!(
            "message {id} was sent after this run's claim on it had run out, so another run may have sent it too; raise [delivery] timeout"
        ));
    }
}

/// The messages a run left pending for want of the outbox key, in one sentence.
pub fn held_sentence(report: &Report) -> Option<String> {
    let (_, why) = report.held.first()?;
    let n = report.held.len();
    Some(format!(
        "{n} message{} stay{} pending, not sent: {why}",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" }
    ))
}

fn actor(flag: Option<&str>) -> Result<String> {
    let name = match flag {
        Some(a) => a.to_string(),
        None => std::env::var("SUDO_USER")
            .ok()
            .filter(|s| !s.is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "unknown".to_string()),
    };
    if name.trim().is_empty() || name.len() > 128 || name.chars().any(char::is_control) {
        return Err(Error::usage(format!(
            "actor \"{name}\" must be 1 to 128 characters without control characters"
        )));
    }
    Ok(name)
}
