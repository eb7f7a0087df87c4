//! The app core: what every front door (the CLI today, `serve` next) needs, built once and
//! only when first asked for: the config file, the store, the transports the config
//! describes, and the clock. A front door adds only what is its own (the CLI: output, prompts,
//! the actor from its flags).
//!
//! Time is read here and nowhere else (clippy.toml bans the clock elsewhere): `now` once per
//! invocation for everything a command decides, and [`App::clock`] for the instants recorded
//! while a long run (delivery) goes on.

use crate::config::Config;
use crate::delivery::Transports;
use crate::error::{Error, Result};
use crate::keyfile::KeyFile;
use crate::ops::deliver::{self, IdRange, Report};
use crate::ops::Env;
use crate::store::Store;
use std::path::PathBuf;

/// Where the database and the config file are, as the front door was told.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--db`/`TOKENADM_DB`; None: the default path.
    pub db: Option<PathBuf>,
    /// `--config`/`TOKENADM_CONFIG`; None: the default path, which may not exist.
    pub config: Option<PathBuf>,
}

/// The config file's settings with the transports and the outbox key file they describe.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    pub transports: Transports,
    /// The key that seals waiting messages' secrets (issue #11, item 5), read or created only
    /// when a message with a secret is queued or sent.
    pub outbox_key: std::sync::Arc<KeyFile>,
}

pub struct App {
    settings: Settings,
    /// Whether opening the store may create the database (a command that changes something).
    may_create: bool,
    now: i64,
    store: Option<Store>,
    loaded: Option<Loaded>,
}

impl App {
    /// Reads the clock once: `now` is this invocation's instant.
    pub fn new(settings: Settings) -> App {
        App {
            settings,
            may_create: true,
            now: clock(),
            store: None,
            loaded: None,
        }
    }

    /// Whether opening the store may create a missing database: true unless the command only
    /// reads, which then exits 3 on a missing database and creates nothing.
    pub fn set_may_create(&mut self, may: bool) {
        self.may_create = may;
    }

    /// The instant of this invocation, read once.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// The current time, for delivery leases and the times recorded after each attempt.
    pub fn clock(&self) -> fn() -> i64 {
        clock
    }

    /// The database file: `--db`, else `$XDG_DATA_HOME/tokenadm/tokenadm.db`.
    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.settings.db {
            Some(p) if p.as_os_str().is_empty() => {
                Err(Error::usage("--db is empty; give a file path"))
            }
            Some(p) => Ok(p.clone()),
            None => default_db_path(),
        }
    }

    /// Where bulk issuance spools its staged rows: beside the database, in the folder created
    /// private (0700) for it, on the disk chosen for the data.
    pub fn spool_dir(&self) -> Result<PathBuf> {
        Ok(match self.db_path()?.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        })
    }

    /// The store, opened (and migrated) on first use, so commands that need no database
    /// never touch one.
    pub fn store(&mut self) -> Result<&mut Store> {
        if self.store.is_none() {
            let path = self.db_path()?;
            if !self.may_create && !path.exists() {
                return Err(Error::not_found(format!(
                    "no database at {}; pass --db with the right path, or create one with tokenadm init",
                    path.display()
                )));
            }
            self.store = Some(Store::open(&path, self.now)?);
        }
        self.store
            .as_mut()
            .ok_or_else(|| Error::internal("the database is not open"))
    }

    /// Another connection to the same database, opened now: for a front door that runs work
    /// in parallel (`serve`'s pool of stores, one per blocking worker).
    pub fn open_store(&self) -> Result<Store> {
        Store::open(&self.db_path()?, clock())
    }

    /// The config file and its transports, read on first use. Commands that queue messages
    /// ask for it before they change anything, so a wrong `--config` fails the command
    /// instead of being found after the commit.
    pub fn loaded(&mut self) -> Result<&Loaded> {
        if self.loaded.is_none() {
            let config = Config::locate_and_load(self.settings.config.as_deref())?;
            let transports = Transports::from_config(&config.delivery);
            let outbox_key = std::sync::Arc::new(KeyFile::new(config.outbox.key_file.clone()));
            self.loaded = Some(Loaded {
                config,
                transports,
                outbox_key,
            });
        }
        self.loaded
            .as_ref()
            .ok_or_else(|| Error::internal("the config file is not loaded"))
    }

    /// Runs one delivery: every due message (`only` None), or only those with ids in `only`.
    pub fn deliver(&mut self, env: &Env, only: Option<IdRange>) -> Result<Report> {
        self.loaded()?;
        self.store()?;
        let (Some(loaded), Some(store)) = (self.loaded.as_ref(), self.store.as_mut()) else {
            return Err(Error::internal(
                "the database or the delivery settings are not ready",
            ));
        };
        let env = Env {
            outbox_key: Some(loaded.outbox_key.clone()),
            ..env.clone()
        };
        deliver::deliver(
            store,
            &env,
            &clock,
            &loaded.config.delivery,
            &loaded.transports,
            only,
        )
    }
}

#[allow(clippy::disallowed_methods)] // the one place that reads the clock
fn clock() -> i64 {
    jiff::Timestamp::now().as_second()
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
