//! What every command needs, built once: the store (opened on first use, so `check` and
//! `completions` never touch a database), the clock read once, the actor, and the output.
//! The delivery settings (`--config`) are read on first use too, and `deliver_now` sends the
//! messages a command just queued (issue #5).

use super::GlobalArgs;
use crate::delivery::{self, DeliveryConfig, Transports};
use crate::domain::definition::Media;
use crate::domain::message::MessageStatus;
use crate::error::{Error, Result};
use crate::ops::deliver::{self, IdRange, Report};
use crate::ops::Env;
use crate::output::Output;
use crate::store::Store;
use std::path::PathBuf;

/// The delivery settings and the transports they describe.
#[derive(Debug)]
pub struct Delivery {
    pub config: DeliveryConfig,
    pub transports: Transports,
}

pub struct Ctx {
    pub out: Output,
    pub env: Env,
    pub yes: bool,
    pub config: Option<PathBuf>,
    db_path: Option<PathBuf>,
    store: Option<Store>,
    delivery: Option<Delivery>,
}

impl Ctx {
    pub fn new(g: &GlobalArgs) -> Result<Ctx> {
        let now = jiff::Timestamp::now().as_second();
        Ok(Ctx {
            out: Output::new(g.format, g.quiet),
            env: Env {
                now,
                actor: actor(g.actor.as_deref())?,
            },
            yes: g.yes,
            config: g.config.clone(),
            db_path: g.db.clone(),
            store: None,
            delivery: None,
        })
    }

    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.db_path {
            Some(p) if p.as_os_str().is_empty() => {
                Err(Error::usage("--db is empty; give a file path"))
            }
            Some(p) => Ok(p.clone()),
            None => default_db_path(),
        }
    }

    /// Where bulk issuance spools its staged rows: beside the database, in the folder created
    /// private (0700) for it, on a disk chosen for the data.
    pub fn spool_dir(&self) -> Result<PathBuf> {
        Ok(match self.db_path()?.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        })
    }

    pub fn store(&mut self) -> Result<&mut Store> {
        if self.store.is_none() {
            let path = self.db_path()?;
            self.store = Some(Store::open(&path, self.env.now)?);
        }
        self.store
            .as_mut()
            .ok_or_else(|| Error::internal("the database is not open"))
    }
}

impl Ctx {
    /// The delivery settings: from `--config`/`TOKENADM_CONFIG` (which must exist: exit 3
    /// otherwise), else from the default path (where a missing file means nothing is
    /// configured). Commands that queue messages call this before they change anything, so
    /// a wrong `--config` fails the command instead of being found after the commit.
    pub fn delivery(&mut self) -> Result<&Delivery> {
        if self.delivery.is_none() {
            let config = match &self.config {
                Some(p) if p.as_os_str().is_empty() => {
                    return Err(Error::usage("--config is empty; give a file path"))
                }
                Some(p) => delivery::load(p, true)?,
                None => match default_config_path() {
                    Some(p) => delivery::load(&p, false)?,
                    None => DeliveryConfig::default(),
                },
            };
            let transports = Transports::from_config(&config);
            self.delivery = Some(Delivery { config, transports });
        }
        self.delivery
            .as_ref()
            .ok_or_else(|| Error::internal("the delivery settings are not loaded"))
    }

    /// Runs one delivery: every due message (`only` None), or only those with ids in `only`.
    pub fn deliver(&mut self, only: Option<IdRange>) -> Result<Report> {
        self.delivery()?;
        self.store()?;
        let (Some(d), Some(store)) = (self.delivery.as_ref(), self.store.as_mut()) else {
            return Err(Error::internal(
                "the database or the delivery settings are not ready",
            ));
        };
        deliver::deliver(store, &self.env, &clock, &d.config, &d.transports, only)
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

/// The current time, for delivery leases and the times recorded after each attempt; every
/// other use of time goes through `env.now`, read once.
fn clock() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// `$XDG_CONFIG_HOME/tokenadm/config.toml`, else `$HOME/.config/tokenadm/config.toml`.
fn default_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("tokenadm").join("config.toml"))
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

fn default_db_path() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(h) => PathBuf::from(h).join(".local").join("share"),
            None => {
                return Err(Error::usage(
                    "neither XDG_DATA_HOME nor HOME is set; pass --db PATH or set TOKENADM_DB",
                ))
            }
        },
    };
    Ok(base.join("tokenadm").join("tokenadm.db"))
}
