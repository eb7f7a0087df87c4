//! The config file model: one TOML file (`--config`, `TOKENADM_CONFIG`, else
//! `$XDG_CONFIG_HOME/tokenadm/config.toml`) with a table per concern. `[delivery]` says how
//! messages leave ([`crate::delivery::config`]); `[serve]` is the Web API server's settings
//! ([`ServeConfig`], issue #13; `tokenadm serve`'s flags override them); `[database]` and
//! `[outbox]` join them here, so every front door reads the same file the same way.

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
    pub serve: ServeConfig,
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

/// The file as far as `[serve]` goes; `[delivery]` is checked by its own parser.
#[derive(Deserialize, Default)]
struct ServeFile {
    #[serde(default)]
    serve: ServeConfig,
}

fn load_serve(path: &Path) -> Result<ServeConfig> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        // Whether a missing file is an error was decided by the [delivery] load before.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ServeConfig::default()),
        Err(e) => {
            return Err(Error::internal(format!(
                "cannot read config file {}: {e}",
                path.display()
            )))
        }
    };
    let file: ServeFile = toml::from_str(&text).map_err(|e| {
        crate::delivery::config::config_error(path, &text, e.span().map(|s| s.start), e.message())
    })?;
    let s = &file.serve;
    if s.tls_cert.is_some() != s.tls_key.is_some() {
        return Err(crate::delivery::config::config_error(
            path,
            &text,
            None,
            "[serve] needs both tls_cert and tls_key, or neither",
        ));
    }
    Ok(file.serve)
}

impl Config {
    /// Reads the file at `path`. With `explicit` (the path was given), a missing file is an
    /// error (exit 3); without it, a missing default file means nothing is configured.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let delivery = delivery::load(path, explicit)?;
        let serve = load_serve(path)?;
        Ok(Config {
            source: path.to_path_buf(),
            delivery,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        Config::load(&path, true)
    }

    #[test]
    fn serve_settings_are_read_beside_delivery() {
        let c = load_text(
            "[serve]\nlisten = \"0.0.0.0:9000\"\nheader_timeout = \"5s\"\nper_ip_rate = 7\n",
        )
        .unwrap();
        assert_eq!(c.serve.listen.as_deref(), Some("0.0.0.0:9000"));
        assert_eq!(c.serve.header_timeout.map(|d| d.as_secs()), Some(5));
        assert_eq!(c.serve.per_ip_rate, Some(7));
        assert!(c.serve.tls_cert.is_none());
    }

    #[test]
    fn a_misspelt_serve_key_is_an_error_with_its_line() {
        let e = load_text("[serve]\nlisten = \"127.0.0.1:1\"\nlisen = 3\n").unwrap_err();
        assert_eq!(e.kind, crate::Kind::Invalid);
        assert!(e.message.contains("line 3"), "{e}");
        assert!(e.message.contains("lisen"), "{e}");
    }

    #[test]
    fn tls_needs_both_files() {
        let e = load_text("[serve]\ntls_cert = \"c.pem\"\n").unwrap_err();
        assert!(e.message.contains("tls_key"), "{e}");
    }
}
