//! The config file model: one TOML file (`--config`, `TOKENADM_CONFIG`, else
//! `$XDG_CONFIG_HOME/tokenadm/config.toml`) with a table per concern. `[delivery]` is the one
//! table of how messages leave ([`crate::delivery::config`]); `[outbox]` says where the key that
//! seals waiting messages' secrets is kept (issue #11, item 5); `[serve]` is the Web API
//! server's settings ([`ServeConfig`], issue #13; `tokenadm serve`'s flags override them);
//! `[database]` says which database and how long a write waits for the write lock
//! ([`DatabaseConfig`], issue #14), so every front door reads the same file the same way.
//!
//! ```toml
//! [outbox]
//! key_file = "/etc/tokenadm/outbox.key"   # relative paths are from this file's folder
//! ```

use crate::delivery::{self, DeliveryConfig};
use crate::domain::duration::Duration;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Every setting of the config file.
#[derive(Debug, Default)]
pub struct Config {
    /// The file these settings came from (or would have come from, when it does not exist).
    pub source: PathBuf,
    pub delivery: DeliveryConfig,
    pub outbox: OutboxConfig,
    pub serve: ServeConfig,
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
/// `--db`/`TOKENADM_DB` wins over `url`. A URL without a password takes libpq's `PGPASSWORD`,
/// else its password file (`PGPASSFILE`, else `~/.pgpass`); no password is ever printed.
#[derive(Default, Clone)]
pub struct DatabaseConfig {
    pub url: Option<String>,
    pub lock_timeout: Option<std::time::Duration>,
}

/// The URL as people may see it: a `{:?}` of the configuration must not show its password.
impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field(
                "url",
                &self
                    .url
                    .as_deref()
                    .map(|u| crate::store::Location::parse(Path::new(u)).display()),
            )
            .field("lock_timeout", &self.lock_timeout)
            .finish()
    }
}

/// The `[outbox]` table.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OutboxConfig {
    /// The outbox key file: `key_file`, else `outbox.key` beside the default config file
    /// (whatever `--config` names, so a cron job with its own config file and the admin's
    /// commands find the same key). None only when there is no home folder to put it in.
    pub key_file: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// Read by [`crate::delivery::config`].
    #[serde(default, rename = "delivery")]
    _delivery: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    outbox: RawOutbox,
    #[serde(default)]
    database: RawDatabase,
    #[serde(default)]
    serve: ServeConfig,
}

/// `[serve]`: how `tokenadm serve` listens and what it allows. Every key is optional; the
/// server's defaults (`crate::serve::Options`) fill in what is not set.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServeConfig {
    /// `host:port` to listen on.
    pub listen: Option<String>,
    /// PEM certificate chain and private key: both or neither.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Connections open at once; more wait in the kernel's backlog.
    pub max_connections: Option<u32>,
    /// How long a client may take to send a request's headers (and a TLS handshake).
    pub header_timeout: Option<Duration>,
    /// How long one request may take, its body included.
    pub request_timeout: Option<Duration>,
    /// How long SIGTERM/SIGINT waits for requests in flight.
    pub drain_timeout: Option<Duration>,
    /// Requests per second from one client address (bursts of twice that).
    pub per_ip_rate: Option<u32>,
    /// Requests per second with one application key (bursts of twice that).
    pub per_key_rate: Option<u32>,
    /// Pass-code hashes at once; 0 or unset: one per core.
    pub hash_workers: Option<u32>,
    /// Pass-code logins that may wait for a hashing slot; beyond them, 503.
    pub hash_queue: Option<u32>,
    /// Take the client address from the last `X-Forwarded-For` entry (behind a reverse proxy
    /// that sets it), for the per-address limit and the access log.
    pub forwarded_for: Option<bool>,
}

impl ServeConfig {
    fn parse(text: &str, path: &Path) -> Result<ServeConfig> {
        let at = |offset: Option<usize>, message: &str| {
            delivery::config::config_error(path, text, offset, message)
        };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| at(e.span().map(|s| s.start), e.message()))?;
        let serve = raw.serve;
        if serve.tls_cert.is_some() != serve.tls_key.is_some() {
            return Err(at(
                None,
                "[serve] needs both tls_cert and tls_key, or neither",
            ));
        }
        Ok(serve)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDatabase {
    url: Option<toml::Spanned<String>>,
    lock_timeout: Option<toml::Spanned<Duration>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOutbox {
    key_file: Option<toml::Spanned<PathBuf>>,
}

impl Config {
    /// Reads the file at `path`. With `explicit` (the path was given), a missing file is an
    /// error (exit 3); without it, a missing default file means nothing is configured.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let Some(text) = delivery::config::read(path, explicit)? else {
            return Ok(Config {
                source: path.to_path_buf(),
                delivery: DeliveryConfig {
                    source: path.to_path_buf(),
                    ..DeliveryConfig::default()
                },
                outbox: OutboxConfig::default_for(None),
                database: DatabaseConfig::default(),
                serve: ServeConfig::default(),
            });
        };
        let delivery = delivery::config::parse(&text, path, |name| std::env::var(name).ok())?;
        let outbox = OutboxConfig::parse(&text, path)?;
        let database = DatabaseConfig::parse(&text, path)?;
        let serve = ServeConfig::parse(&text, path)?;
        Ok(Config {
            source: path.to_path_buf(),
            delivery,
            outbox,
            database,
            serve,
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
                None => Ok(Config {
                    outbox: OutboxConfig::default_for(None),
                    ..Config::default()
                }),
            },
        }
    }
}

impl OutboxConfig {
    /// `key_file` as given (relative to `file`'s folder), else the default.
    fn default_for(given: Option<(PathBuf, &Path)>) -> OutboxConfig {
        let key_file = match given {
            Some((key, _)) if key.is_absolute() => Some(key),
            Some((key, file)) => Some(
                file.parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map_or(key.clone(), |d| d.join(&key)),
            ),
            None => default_path().and_then(|p| p.parent().map(|d| d.join("outbox.key"))),
        };
        OutboxConfig { key_file }
    }

    fn parse(text: &str, path: &Path) -> Result<OutboxConfig> {
        let at = |offset: Option<usize>, message: &str| {
            delivery::config::config_error(path, text, offset, message)
        };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| at(e.span().map(|s| s.start), e.message()))?;
        match raw.outbox.key_file {
            Some(k) if k.get_ref().as_os_str().is_empty() => Err(at(
                Some(k.span().start),
                "`key_file` is empty; give the path of the outbox key file",
            )),
            Some(k) => Ok(OutboxConfig::default_for(Some((k.into_inner(), path)))),
            None => Ok(OutboxConfig::default_for(None)),
        }
    }
}

impl DatabaseConfig {
    fn parse(text: &str, path: &Path) -> Result<DatabaseConfig> {
        let at = |offset: Option<usize>, message: &str| {
            delivery::config::config_error(path, text, offset, message)
        };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| at(e.span().map(|s| s.start), e.message()))?;
        let raw = raw.database;
        let url = match raw.url {
            Some(u) if u.get_ref().trim().is_empty() => {
                return Err(at(
                    Some(u.span().start),
                    "[database] url is empty; give a postgres:// URL or a file path",
                ))
            }
            // A relative file path is the config file's neighbour, as `[outbox] key_file` is:
            // not wherever a cron job happens to start.
            Some(u) => {
                let u = u.into_inner();
                let relative = matches!(
                    crate::store::Location::parse(Path::new(&u)),
                    crate::store::Location::Sqlite(p) if p.is_relative()
                );
                match path
                    .parent()
                    .filter(|d| relative && !d.as_os_str().is_empty())
                {
                    Some(dir) => Some(dir.join(&u).to_string_lossy().into_owned()),
                    None => Some(u),
                }
            }
            None => None,
        };
        let lock_timeout = match raw.lock_timeout {
            Some(t) if t.get_ref().as_secs() < 1 => {
                return Err(at(
                    Some(t.span().start),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_database_path_is_beside_the_config_file() {
        let file = Path::new("/etc/tokenadm/config.toml");
        let url = |value: &str| {
            DatabaseConfig::parse(&format!("[database]\nurl = {value:?}\n"), file)
                .unwrap()
                .url
                .unwrap()
        };
        assert_eq!(url("tokens.db"), "/etc/tokenadm/tokens.db");
        assert_eq!(url("/srv/tokens.db"), "/srv/tokens.db");
        assert_eq!(url("postgres://ann@db/tokens"), "postgres://ann@db/tokens");
    }

    #[test]
    fn a_database_urls_password_never_shows_in_debug() {
        let config = DatabaseConfig {
            url: Some("postgres://ann:s3cr3t@db/tokens".into()),
            lock_timeout: None,
        };
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("s3cr3t") && shown.contains("ann@db"),
            "{shown}"
        );
    }
}
