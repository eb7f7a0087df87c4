//! The config file model: one TOML file (`--config`, `TOKENADM_CONFIG`, else
//! `$XDG_CONFIG_HOME/tokenadm/config.toml`) with a table per concern. `[delivery]` is the one
//! table of how messages leave ([`crate::delivery::config`]); `[outbox]` says where the key that
//! seals waiting messages' secrets is kept (issue #11, item 5); `[database]` and `[serve]` join
//! them here, so every front door reads the same file the same way.
//!
//! ```toml
//! [outbox]
//! key_file = "/etc/tokenadm/outbox.key"   # relative paths are from this file's folder
//! ```

use crate::delivery::{self, DeliveryConfig};
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
            });
        };
        let delivery = delivery::config::parse(&text, path, |name| std::env::var(name).ok())?;
        let outbox = OutboxConfig::parse(&text, path)?;
        Ok(Config {
            source: path.to_path_buf(),
            delivery,
            outbox,
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
