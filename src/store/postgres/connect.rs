//! Connecting: a libpq-style URL (`postgres://user:password@host:port/db?sslmode=…`) becomes a
//! `postgres::Config` and a TLS connector. TLS is rustls (no OpenSSL), chosen by `sslmode` as
//! libpq chooses: `disable` none; `prefer` (libpq's default, and ours) and `require` encrypt
//! without checking the server's certificate; `verify-ca` checks that it chains to a trusted
//! root, `verify-full` also that it names the host. The postgres crate itself knows only
//! disable/prefer/require and none of libpq's file parameters, so `sslmode`, `sslrootcert`,
//! `sslcert` and `sslkey` are taken out of the URL here and the rest is its to parse.
//!
//! What connecting reads, besides the URL:
//!
//! - `PGPASSWORD`, when the URL has no password;
//! - then libpq's password file, when there is still none: `PGPASSFILE`, else
//!   `$HOME/.pgpass` (see [`passfile_lookup`] for how a line is matched);
//! - `sslrootcert=FILE` (PEM), the roots `verify-ca`/`verify-full` trust, else the Mozilla
//!   roots that webpki-roots ships;
//! - `sslcert=FILE` and `sslkey=FILE` (PEM, both or neither), the client certificate and its
//!   key, for servers that authenticate by certificate (`cert` in `pg_hba.conf`). An
//!   encrypted key is not read (libpq's `sslpassword` is not supported).
//!
//! libpq's files under `~/.postgresql/` (`postgresql.crt`, `postgresql.key`, `root.crt`) are
//! not read: a file a command line does not name would then decide which identity is shown
//! to a server and which roots are trusted, and `sslcert`/`sslkey` could no longer be
//! "both or neither". Name them in the URL instead.
//!
//! Whatever is shown to people (the store's location, error sentences) comes from
//! [`redact`]: the URL without its password. A password from the environment or the password
//! file is scrubbed from error sentences as one from the URL is.

use super::passfile::{password_from_file, ConnEnv};
use super::tx::one_line;
use crate::error::{Error, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WantsClientCert;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, ConfigBuilder, DigitallySignedStruct, RootCertStore,
    SignatureScheme,
};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// True when `location` names a PostgreSQL database rather than a SQLite file.
pub fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// How long connecting may take when the URL does not say (`connect_timeout`): a host that
/// does not answer fails the command instead of hanging it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// The client certificate (`sslcert`) and its private key (`sslkey`), PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ClientCert {
    cert: String,
    key: String,
}

pub(super) struct Target {
    config: postgres::Config,
    mode: SslMode,
    root_cert: Option<String>,
    client_cert: Option<ClientCert>,
    /// The URL without its password, for people.
    pub location: String,
    password: Option<String>,
    /// What parsing found that people should be told even when connecting works (a password
    /// file that was ignored); a failed connection's error says it too.
    pub notices: Vec<String>,
}

impl Target {
    pub fn parse(url: &str) -> Result<Target> {
        Self::parse_in(url, &ConnEnv::from_process())
    }

    /// [`Target::parse`] with the environment given, so that tests do not depend on the
    /// process's.
    fn parse_in(url: &str, env: &ConnEnv) -> Result<Target> {
        let location = redact(url);
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut mode = SslMode::Prefer;
        let mut root_cert = None;
        let mut ssl_cert = None;
        let mut ssl_key = None;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "sslmode" => {
                    mode = match value {
                        "disable" => SslMode::Disable,
                        "allow" | "prefer" => SslMode::Prefer,
                        "require" => SslMode::Require,
                        "verify-ca" => SslMode::VerifyCa,
                        "verify-full" => SslMode::VerifyFull,
                        other => {
                            return Err(Error::usage(format!(
                                "sslmode \"{}\" in {location} is not one of disable, allow, prefer, require, verify-ca, verify-full",
                                other
                            )))
                        }
                    }
                }
                "sslrootcert" => root_cert = Some(percent_decode(value)),
                "sslcert" => ssl_cert = Some(percent_decode(value)),
                "sslkey" => ssl_key = Some(percent_decode(value)),
                _ => rest.push(pair),
            }
        }
        let client_cert = match (ssl_cert, ssl_key) {
            (Some(cert), Some(key)) => Some(ClientCert { cert, key }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(Error::usage(format!(
                    "sslcert in {location} needs sslkey, the file of its private key, beside it"
                )))
            }
            (None, Some(_)) => {
                return Err(Error::usage(format!(
                    "sslkey in {location} needs sslcert, the file of its certificate, beside it"
                )))
            }
        };
        let stripped = if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        let mut config = postgres::Config::from_str(&stripped).map_err(|e| {
            Error::usage(format!(
                "{location} is not a PostgreSQL URL tokenadm can use: {}",
                one_line(&e.to_string())
            ))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("tokenadm");
        }
        // A unix socket never carries TLS with libpq; asking the server first (prefer) costs a
        // round trip for its "no". A mode that requires TLS still requires it.
        let local = !config.get_hosts().is_empty()
            && config
                .get_hosts()
                .iter()
                .all(|h| matches!(h, postgres::config::Host::Unix(_)));
        config.ssl_mode(match mode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer if local => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            _ => postgres::config::SslMode::Require,
        });
        password_from_env(&mut config, env.password.clone());
        let mut notices = Vec::new();
        if let Some(notice) = password_from_file(&mut config, env) {
            notices.push(notice);
        }
        let password = config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|p| !p.is_empty());
        Ok(Target {
            config,
            mode,
            root_cert,
            client_cert,
            location,
            password,
            notices,
        })
    }

    pub fn connect(&self) -> Result<postgres::Client> {
        // The mode as `parse` left it: a unix socket under `prefer` asks for no TLS either.
        let connected = match self.config.get_ssl_mode() {
            postgres::config::SslMode::Disable => self.config.connect(postgres::NoTls),
            _ => {
                let tls = tokio_postgres_rustls::MakeRustlsConnect::new(self.tls_config()?);
                self.config.connect(tls)
            }
        };
        connected.map_err(|e| {
            // The whole chain: "error performing TLS handshake" alone does not say why.
            let mut cause = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                let text = s.to_string();
                if !cause.contains(&text) {
                    cause.push_str(": ");
                    cause.push_str(&text);
                }
                source = s.source();
            }
            let cause = one_line(&cause);
            // Belt and braces: no message of ours carries the password, whatever the cause.
            let cause = match &self.password {
                Some(p) => cause.replace(p.as_str(), "***"),
                None => cause,
            };
            // A password file that was ignored is the likeliest reason a password was missing
            // or wrong, and the notice would otherwise be lost with the store never opened.
            let also = self
                .notices
                .iter()
                .map(|n| format!("; {n}"))
                .collect::<String>();
            let unreachable = unreachable(&e);
            let error = Error::internal(format!(
                "cannot connect to the PostgreSQL database {}: {cause}{also}",
                self.location
            ))
            .with_source(e);
            if unreachable {
                error.transient()
            } else {
                error
            }
        })
    }

    fn tls_config(&self) -> Result<ClientConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::internal(format!("cannot set up TLS: {e}")))?;
        let builder = match self.mode {
            SslMode::VerifyCa | SslMode::VerifyFull => {
                let roots = Arc::new(self.roots()?);
                let webpki =
                    rustls::client::WebPkiServerVerifier::builder_with_provider(roots, provider)
                        .build()
                        .map_err(|e| Error::internal(format!("cannot set up TLS: {e}")))?;
                if self.mode == SslMode::VerifyFull {
                    builder.with_webpki_verifier(webpki)
                } else {
                    builder
                        .dangerous()
                        .with_custom_certificate_verifier(Arc::new(ChainOnly(webpki)))
                }
            }
            _ => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unchecked(provider))),
        };
        self.client_auth(builder)
    }

    /// The client certificate, when `sslcert`/`sslkey` name one. rustls sends it only to a
    /// server that asks for one, as libpq does.
    fn client_auth(
        &self,
        builder: ConfigBuilder<ClientConfig, WantsClientCert>,
    ) -> Result<ClientConfig> {
        let Some(ClientCert { cert, key }) = &self.client_cert else {
            return Ok(builder.with_no_client_auth());
        };
        let chain = CertificateDer::pem_file_iter(cert)
            .and_then(|i| i.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(|e| Error::usage(pem_problem("sslcert", cert, &e, "certificate")))?;
        if chain.is_empty() {
            return Err(Error::usage(pem_problem(
                "sslcert",
                cert,
                &pem::Error::NoItemsFound,
                "certificate",
            )));
        }
        let private = PrivateKeyDer::from_pem_file(key).map_err(|e| {
            Error::usage(pem_problem(
                "sslkey",
                key,
                &e,
                "private key that is not encrypted",
            ))
        })?;
        builder
            .with_client_auth_cert(chain, private)
            .map_err(|e| match e {
                rustls::Error::InconsistentKeys(_) => Error::usage(format!(
                    "sslkey {} is not the private key of the certificate in sslcert {}",
                    key, cert
                )),
                e => Error::usage(format!(
                    "sslkey {} holds a private key tokenadm cannot use: {}",
                    key,
                    one_line(&e.to_string())
                )),
            })
    }

    fn roots(&self) -> Result<RootCertStore> {
        let mut roots = RootCertStore::empty();
        match &self.root_cert {
            Some(path) => {
                let certs = CertificateDer::pem_file_iter(path)
                    .and_then(|i| i.collect::<std::result::Result<Vec<_>, _>>())
                    .map_err(|e| {
                        Error::usage(format!(
                            "sslrootcert {path} is not a readable PEM file of certificates: {e}"
                        ))
                    })?;
                let (added, _) = roots.add_parsable_certificates(certs);
                if added == 0 {
                    return Err(Error::usage(format!(
                        "sslrootcert {path} holds no certificate tokenadm can use"
                    )));
                }
            }
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        Ok(roots)
    }
}

/// `sslmode=require`/`prefer`, as libpq: encrypted, the certificate not checked (the
/// handshake's signatures still are).
#[derive(Debug)]
struct Unchecked(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `sslmode=verify-ca`: the chain is checked, the host name is not.
#[derive(Debug)]
struct ChainOnly(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// A URL without a password takes libpq's `PGPASSWORD`, so a password never has to be written
/// on a command line (`--db`, `db copy --to`), where other users of the host can read it.
fn password_from_env(config: &mut postgres::Config, env: Option<String>) {
    if config.get_password().is_none() {
        if let Some(p) = env.filter(|p| !p.is_empty()) {
            config.password(p);
        }
    }
}

/// The sentence for a PEM file (`param`'s, at `path`) that could not be used. It says what
/// kind of problem it is and never quotes the file: a key's bytes must not reach a message.
fn pem_problem(param: &str, path: &str, e: &pem::Error, item: &str) -> String {
    match e {
        pem::Error::Io(io) => format!(
            "{param} {path} cannot be read: {}",
            one_line(&io.to_string())
        ),
        pem::Error::NoItemsFound => format!("{param} {path} holds no PEM {item}"),
        _ => format!("{param} {path} is not a valid PEM file"),
    }
}

/// The URL without its password (in the user info or a `password=` parameter), for people.
/// The user info ends at the first `@` after the scheme, as the postgres crate reads it: a
/// password may hold an unencoded `/` or `?`, which must not end it early here.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return without_password_param(url);
    };
    let (user, rest) = match rest.split_once('@') {
        Some((creds, rest)) => {
            let user = creds.split_once(':').map_or(creds, |(u, _)| u);
            (format!("{user}@"), rest)
        }
        None => (String::new(), rest),
    };
    without_password_param(&format!("{scheme}://{user}{rest}"))
}

/// `url` without any `password=` parameter of its query.
fn without_password_param(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("password"))
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether connecting failed for want of a server (refused, timed out, no socket, too many
/// connections, starting up or shutting down, closed to connections) rather than because of
/// who we are or what we asked for (a password, a database's name, a certificate): only the
/// first may pass by itself.
fn unreachable(e: &postgres::Error) -> bool {
    if let Some(code) = e.code() {
        let code = code.code();
        // 57P: shutting down or starting up; 53300: too many connections; 55000 at connect:
        // the database takes no connections just now (ALLOW_CONNECTIONS false).
        return code.starts_with("57P") || code == "53300" || code == "55000";
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// No server behind the socket: the request may succeed later (serve answers 503), where
    /// a refused password or a wrong database name would not.
    #[test]
    fn a_server_that_is_not_there_is_transient() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "postgres:///tokens?host={}&port=1&user=nobody&connect_timeout=2",
            dir.path().display()
        );
        let Err(err) = Target::parse(&url).unwrap().connect() else {
            panic!("connected to nothing");
        };
        assert!(err.transient, "{err}");
        assert!(err.message.contains("cannot connect"), "{err}");
    }

    /// The postgres crate ends the user info at the first `@`, so a password with an unencoded
    /// `/` or `?` is still all password.
    #[test]
    fn a_password_with_a_slash_or_question_mark_never_shows() {
        assert_eq!(
            redact("postgres://ann:pa/ss@db/tokens"),
            "postgres://ann@db/tokens"
        );
        assert_eq!(
            redact("postgres://ann:pa?ss@db/tokens?sslmode=require"),
            "postgres://ann@db/tokens?sslmode=require"
        );
        let config = postgres::Config::from_str("postgres://ann:pa/ss@db/tokens").unwrap();
        assert_eq!(config.get_password(), Some(&b"pa/ss"[..]));
    }

    #[test]
    fn the_password_never_shows() {
        assert_eq!(
            redact("postgres://ann:s3cret@db.example.com:5432/tokens?sslmode=require"),
            "postgres://ann@db.example.com:5432/tokens?sslmode=require"
        );
        assert_eq!(
            redact("postgresql://ann@db/t?password=s3cret&sslmode=disable"),
            "postgresql://ann@db/t?sslmode=disable"
        );
        assert_eq!(
            redact("postgres://a:b:c@h/d?password=x"),
            "postgres://a@h/d"
        );
        assert_eq!(
            redact("postgres:///t?host=/tmp/pg"),
            "postgres:///t?host=/tmp/pg"
        );
    }

    #[test]
    fn sslmode_and_sslrootcert_are_ours() {
        let env = ConnEnv::default();
        let t = Target::parse_in(
            "postgres://u:pw@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
            &env,
        )
        .unwrap();
        assert_eq!(t.mode, SslMode::VerifyFull);
        assert_eq!(t.root_cert.as_deref(), Some("/etc/ca.pem"));
        assert_eq!(
            t.location,
            "postgres://u@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem"
        );
        assert_eq!(t.password.as_deref(), Some("pw"));
        let t = Target::parse_in("postgresql:///d?host=/tmp/sock", &env).unwrap();
        assert_eq!(t.mode, SslMode::Prefer);
        let err = Target::parse_in("postgres://u:pw@h/d?sslmode=sometimes", &env)
            .err()
            .unwrap();
        assert!(!err.message.contains("pw@"), "{}", err.message);
        assert_eq!(err.kind, crate::error::Kind::Usage);
    }

    #[test]
    fn pgpassword_fills_only_a_url_without_a_password() {
        let mut config = postgres::Config::from_str("postgres://ann@db/t").unwrap();
        password_from_env(&mut config, Some("from-env".into()));
        assert_eq!(config.get_password(), Some(&b"from-env"[..]));
        let mut config = postgres::Config::from_str("postgres://ann:inurl@db/t").unwrap();
        password_from_env(&mut config, Some("from-env".into()));
        assert_eq!(config.get_password(), Some(&b"inurl"[..]));
        let mut config = postgres::Config::from_str("postgres://ann@db/t").unwrap();
        password_from_env(&mut config, Some(String::new()));
        assert_eq!(config.get_password(), None);
    }

    /// A password file in a folder of its own, with `mode`.
    #[cfg(unix)]
    fn passfile_with(text: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        (dir, path)
    }

    #[cfg(unix)]
    #[test]
    fn a_url_without_a_password_takes_the_password_files() {
        let (dir, path) = passfile_with("h:5432:d:u:from\\:file\n", 0o600);
        let env = ConnEnv {
            passfile: Some(path.clone()),
            ..ConnEnv::default()
        };
        let t = Target::parse_in("postgres://u@h/d", &env).unwrap();
        assert_eq!(t.config.get_password(), Some(&b"from:file"[..]));
        // Scrubbed from errors as a password in the URL is.
        assert_eq!(t.password.as_deref(), Some("from:file"));
        assert!(t.notices.is_empty());
        // The URL's password, then PGPASSWORD, come first.
        let t = Target::parse_in("postgres://u:inurl@h/d", &env).unwrap();
        assert_eq!(t.config.get_password(), Some(&b"inurl"[..]));
        let with_env = ConnEnv {
            password: Some("from-env".into()),
            ..env.clone()
        };
        let t = Target::parse_in("postgres://u@h/d", &with_env).unwrap();
        assert_eq!(t.config.get_password(), Some(&b"from-env"[..]));
        // No line for it: no password.
        let t = Target::parse_in("postgres://u@other/d", &env).unwrap();
        assert_eq!(t.config.get_password(), None);
        // A file that does not exist is no error and no notice.
        let missing = ConnEnv {
            passfile: Some(dir.path().join("nothing-here")),
            ..ConnEnv::default()
        };
        let t = Target::parse_in("postgres://u@h/d", &missing).unwrap();
        assert_eq!(t.config.get_password(), None);
        assert!(t.notices.is_empty());
        // Nor is one that cannot be read; a folder is not a plain file, and is ignored aloud.
        let folder = ConnEnv {
            passfile: Some(dir.path().to_path_buf()),
            ..ConnEnv::default()
        };
        let t = Target::parse_in("postgres://u@h/d", &folder).unwrap();
        assert_eq!(t.config.get_password(), None);
        assert_eq!(t.notices.len(), 1);
        assert!(t.notices[0].contains("not a plain file"), "{:?}", t.notices);
        // $HOME/.pgpass when PGPASSFILE is not set.
        std::fs::copy(&path, dir.path().join(".pgpass")).unwrap();
        let home = ConnEnv {
            home: Some(dir.path().to_path_buf()),
            ..ConnEnv::default()
        };
        let t = Target::parse_in("postgres://u@h/d", &home).unwrap();
        assert_eq!(t.config.get_password(), Some(&b"from:file"[..]));
    }

    #[cfg(unix)]
    #[test]
    fn a_password_file_with_group_or_other_access_is_ignored_aloud() {
        let (_dir, path) = passfile_with("*:*:*:*:s3cret-in-file\n", 0o644);
        let env = ConnEnv {
            passfile: Some(path.clone()),
            ..ConnEnv::default()
        };
        // Port 1 of the loopback refuses at once.
        let t = Target::parse_in(
            "postgres://u@127.0.0.1:1/d?sslmode=disable&connect_timeout=5",
            &env,
        )
        .unwrap();
        assert_eq!(t.config.get_password(), None);
        assert_eq!(t.notices.len(), 1);
        let notice = &t.notices[0];
        assert!(notice.contains(&*path.to_string_lossy()), "{notice}");
        assert!(notice.contains("group or others"), "{notice}");
        assert!(!notice.contains("s3cret"), "{notice}");
        // A connection that fails says why there was no password.
        let err = t.connect().err().unwrap();
        assert!(err.message.contains(notice.as_str()), "{}", err.message);
        assert!(!err.message.contains("s3cret"), "{}", err.message);
        let (_dir, path) = passfile_with("*:*:*:*:s3cret-in-file\n", 0o640);
        let env = ConnEnv {
            passfile: Some(path),
            ..ConnEnv::default()
        };
        let t = Target::parse_in("postgres://u@h/d", &env).unwrap();
        assert_eq!(t.config.get_password(), None);
        assert_eq!(t.notices.len(), 1);
    }

    #[test]
    fn sslcert_and_sslkey_are_ours_and_go_together() {
        let env = ConnEnv::default();
        let t = Target::parse_in(
            "postgres://u@h/d?sslcert=%2Fhome%2Fu%2Fc.pem&sslmode=require&sslkey=/home/u/k.pem",
            &env,
        )
        .unwrap();
        assert_eq!(
            t.client_cert,
            Some(ClientCert {
                cert: "/home/u/c.pem".into(),
                key: "/home/u/k.pem".into()
            })
        );
        assert_eq!(t.mode, SslMode::Require);
        for (url, named, missing) in [
            ("postgres://u:pw@h/d?sslcert=/c.pem", "sslcert", "sslkey"),
            ("postgres://u:pw@h/d?sslkey=/k.pem", "sslkey", "sslcert"),
        ] {
            let err = Target::parse_in(url, &env).err().unwrap();
            assert_eq!(err.kind, crate::error::Kind::Usage);
            assert!(err.message.starts_with(named), "{}", err.message);
            assert!(err.message.contains(missing), "{}", err.message);
            assert!(!err.message.contains("pw"), "{}", err.message);
        }
    }

    #[test]
    fn a_client_certificate_is_read_when_tls_is_set_up() {
        let dir = tempfile::tempdir().unwrap();
        let made = rcgen::generate_simple_self_signed(vec!["ann".into()]).unwrap();
        let other = rcgen::generate_simple_self_signed(vec!["bob".into()]).unwrap();
        let cert = dir.path().join("client.crt");
        let key = dir.path().join("client.key");
        let wrong_key = dir.path().join("other.key");
        std::fs::write(&cert, made.cert.pem()).unwrap();
        std::fs::write(&key, made.key_pair.serialize_pem()).unwrap();
        std::fs::write(&wrong_key, other.key_pair.serialize_pem()).unwrap();
        let target = |cert: &Path, key: &Path| {
            Target::parse_in(
                &format!(
                    "postgres://u@h/d?sslcert={}&sslkey={}",
                    cert.display(),
                    key.display()
                ),
                &ConnEnv::default(),
            )
            .unwrap()
        };
        assert!(target(&cert, &key).tls_config().is_ok());
        let missing = dir.path().join("missing.crt");
        for (c, k, named) in [
            (&missing, &key, &missing),
            (&cert, &missing, &missing),
            // A certificate where the key should be, and the reverse.
            (&cert, &cert, &cert),
            (&key, &key, &key),
            (&cert, &wrong_key, &wrong_key),
        ] {
            let err = target(c, k).tls_config().err().unwrap();
            assert_eq!(err.kind, crate::error::Kind::Usage, "{}", err.message);
            assert!(
                err.message.contains(&*named.to_string_lossy()),
                "{}",
                err.message
            );
            assert!(!err.message.contains("PRIVATE KEY"), "{}", err.message);
        }
    }
}
