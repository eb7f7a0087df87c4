//! The config file model: one TOML file (`--config`, `TOKENADM_CONFIG`, else
//! `$XDG_CONFIG_HOME/tokenadm/config.toml`) with a table per concern. `[delivery]` is the one
//! table (how messages leave: [`crate::delivery::config`]) and `[database]` (which database,
//! and how long a write waits for the write lock: [`DatabaseConfig`]); `[serve]` and `[outbox]`
//! join them here, so every front door reads the same file the same way.

use crate::delivery::{self, DeliveryConfig};
use crate::domain::duration::Duration;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Every setting of the config file.
#[derive(Debug, Default)]
pub struct Config {
    /// The file these settings came from (or would have come from, when it does not exist).
    pub source: PathBuf,
    pub delivery: DeliveryConfig,
    pub database: DatabaseConfig,
}

/// `[database]`:
///
/// ```toml
/// [database]
/// url = "postgres://tokenadm@db.example.com/tokenadm?sslmode=verify-full"   # or a file path
/// lock_timeout = "30s"    # how long a write waits for another's write lock (PostgreSQL)
/// ```
///
/// `--db`/`TOKENADM_DB` wins over `url`. A password is better kept out of the file: libpq's
/// `PGPASSWORD` is not read, but the URL's user info and `password=` are.
#[derive(Debug, Default, Clone)]
pub struct DatabaseConfig {
    pub url: Option<String>,
    pub lock_timeout: Option<std::time::Duration>,
}

#[derive(Deserialize, Default)]
struct RawFile {
    #[serde(default)]
    database: RawDatabase,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDatabase {
    url: Option<Spanned<String>>,
    lock_timeout: Option<Spanned<Duration>>,
}

impl DatabaseConfig {
    /// `[database]` of the config file's text (the rest of the file is `delivery`'s to check).
    pub fn parse(text: &str, path: &Path) -> Result<DatabaseConfig> {
        let at = |span: Option<std::ops::Range<usize>>, message: &str| {
            delivery::config::config_error(path, text, span.map(|s| s.start), message)
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| at(e.span(), e.message()))?;
        let raw = raw.database;
        let url = match raw.url {
            Some(u) if u.get_ref().trim().is_empty() => {
                return Err(at(
                    Some(u.span()),
                    "[database] url is empty; give a postgres:// URL or a file path",
                ))
            }
            Some(u) => Some(u.into_inner()),
            None => None,
        };
        let lock_timeout = match raw.lock_timeout {
            Some(t) if t.get_ref().as_secs() < 1 => {
                return Err(at(
                    Some(t.span()),
                    "[database] lock_timeout must be at least 1s",
                ))
            }
            Some(t) => Some(std::time::Duration::from_secs(
                t.get_ref().as_secs().unsigned_abs(),
            )),
            None => None,
        };
        Ok(DatabaseConfig { url, lock_timeout })
    }
}

impl Config {
    /// Reads the file at `path`. With `explicit` (the path was given), a missing file is an
    /// error (exit 3); without it, a missing default file means nothing is configured.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let delivery = delivery::load(path, explicit)?;
        // delivery::load has read and checked the file (or found none, which it allows).
        let database = match std::fs::read_to_string(path) {
            Ok(text) => DatabaseConfig::parse(&text, path)?,
            Err(_) => DatabaseConfig::default(),
        };
        Ok(Config {
            source: path.to_path_buf(),
            delivery,
            database,
        })
    }

    /// The file named by `--config`/`TOKENADM_CONFIG` (which must exist), else the default
    /// one (which may not).
    pub fn locate_and_load(given: Option<&Path>) -> Result<Config> {
        match given {
            Some(p) if p.as_os_str().is_empty() => {
                Err(Error::usage("--config is empty; give a file path"))
            }
            Some(p) => Config::load(p, true),
            None => match default_path() {
                Some(p) => Config::load(&p, false),
                None => Ok(Config::default()),
            },
        }
    }
}

/// `$XDG_CONFIG_HOME/tokenadm/config.toml`, else `$HOME/.config/tokenadm/config.toml`.
pub fn default_path() -> Option<PathBuf> {
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
