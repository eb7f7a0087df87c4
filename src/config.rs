//! The config file model: one TOML file (`--config`, `TOKENADM_CONFIG`, else
//! `$XDG_CONFIG_HOME/tokenadm/config.toml`) with a table per concern. `[delivery]` is the one
//! table today (how messages leave: [`crate::delivery::config`]); `[database]`, `[serve]` and
//! `[outbox]` join it here, so every front door reads the same file the same way.

use crate::delivery::{self, DeliveryConfig};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Every setting of the config file.
#[derive(Debug, Default)]
pub struct Config {
    /// The file these settings came from (or would have come from, when it does not exist).
    pub source: PathBuf,
    pub delivery: DeliveryConfig,
}

impl Config {
    /// Reads the file at `path`. With `explicit` (the path was given), a missing file is an
    /// error (exit 3); without it, a missing default file means nothing is configured.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let delivery = delivery::load(path, explicit)?;
        Ok(Config {
            source: path.to_path_buf(),
            delivery,
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
