//! Connecting: a libpq-style URL (`postgres://user:password@host:port/db?sslmode=…`) becomes a
//! `postgres::Config` and a TLS connector. TLS is rustls (no OpenSSL), chosen by `sslmode` as
//! libpq chooses: `disable` none; `prefer` (libpq's default, and ours) and `require` encrypt
//! without checking the server's certificate; `verify-ca` checks that it chains to a trusted
//! root, `verify-full` also that it names the host. The roots are `sslrootcert=FILE` (PEM)
//! when given, else the Mozilla roots that webpki-roots ships. The postgres crate itself
//! knows only disable/prefer/require, so `sslmode` and `sslrootcert` are taken out of the URL
//! here and the rest is its to parse.
//!
//! Whatever is shown to people (the store's location, error sentences) comes from
//! [`redact`]: the URL without its password.

use super::tx::one_line;
use crate::error::{Error, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
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

pub(super) struct Target {
    config: postgres::Config,
    mode: SslMode,
    root_cert: Option<String>,
    /// The URL without its password, for people.
    pub location: String,
    password: Option<String>,
}

impl Target {
    pub fn parse(url: &str) -> Result<Target> {
        let location = redact(url);
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut mode = SslMode::Prefer;
        let mut root_cert = None;
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
                                escape(other)
                            )))
                        }
                    }
                }
                "sslrootcert" => root_cert = Some(percent_decode(value)),
                _ => rest.push(pair),
            }
        }
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
        password_from_env(&mut config, std::env::var("PGPASSWORD").ok());
        let password = config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .filter(|p| !p.is_empty());
        Ok(Target {
            config,
            mode,
            root_cert,
            location,
            password,
        })
    }

    pub fn connect(&self) -> Result<postgres::Client> {
        let connected = match self.mode {
            SslMode::Disable => self.config.connect(postgres::NoTls),
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
            Error::internal(format!(
                "cannot connect to the PostgreSQL database {}: {cause}",
                self.location
            ))
            .with_source(e)
        })
    }

    fn tls_config(&self) -> Result<ClientConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::internal(format!("cannot set up TLS: {e}")))?;
        let config = match self.mode {
            SslMode::VerifyCa | SslMode::VerifyFull => {
                let roots = Arc::new(self.roots()?);
                let webpki =
                    rustls::client::WebPkiServerVerifier::builder_with_provider(roots, provider)
                        .build()
                        .map_err(|e| Error::internal(format!("cannot set up TLS: {e}")))?;
                if self.mode == SslMode::VerifyFull {
                    builder.with_webpki_verifier(webpki).with_no_client_auth()
                } else {
                    builder
                        .dangerous()
                        .with_custom_certificate_verifier(Arc::new(ChainOnly(webpki)))
                        .with_no_client_auth()
                }
            }
            _ => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unchecked(provider)))
                .with_no_client_auth(),
        };
        Ok(config)
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

/// The URL without its password (in the user info or a `password=` parameter), for people.
pub fn redact(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let mut out = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = match rest.find('/') {
                Some(i) => rest.split_at(i),
                None => (rest, ""),
            };
            let authority = match authority.rsplit_once('@') {
                Some((user, hosts)) => {
                    let user = user.split_once(':').map_or(user, |(u, _)| u);
                    format!("{user}@{hosts}")
                }
                None => authority.to_string(),
            };
            format!("{scheme}://{authority}{path}")
        }
        None => base.to_string(),
    };
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|p| !p.is_empty() && p.split('=').next() != Some("password"))
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    escape(&out)
}

/// Control characters shown escaped (`\u{1b}`), so an error stays one line and nothing reaches
/// the terminal raw.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let t =
            Target::parse("postgres://u:pw@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem")
                .unwrap();
        assert_eq!(t.mode, SslMode::VerifyFull);
        assert_eq!(t.root_cert.as_deref(), Some("/etc/ca.pem"));
        assert_eq!(
            t.location,
            "postgres://u@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem"
        );
        assert_eq!(t.password.as_deref(), Some("pw"));
        let t = Target::parse("postgresql:///d?host=/tmp/sock").unwrap();
        assert_eq!(t.mode, SslMode::Prefer);
        let err = Target::parse("postgres://u:pw@h/d?sslmode=sometimes")
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
}
