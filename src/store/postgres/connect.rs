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
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

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
                                escape(other)
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
                    escape(key),
                    escape(cert)
                )),
                e => Error::usage(format!(
                    "sslkey {} holds a private key tokenadm cannot use: {}",
                    escape(key),
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
    let path = escape(path);
    match e {
        pem::Error::Io(io) => format!(
            "{param} {path} cannot be read: {}",
            one_line(&io.to_string())
        ),
        pem::Error::NoItemsFound => format!("{param} {path} holds no PEM {item}"),
        _ => format!("{param} {path} is not a valid PEM file"),
    }
}

/// What connecting reads from the process's environment besides the URL, as a value so that
/// tests give their own.
#[derive(Debug, Default, Clone)]
struct ConnEnv {
    /// `PGPASSWORD`.
    password: Option<String>,
    /// `PGPASSFILE`.
    passfile: Option<PathBuf>,
    /// `HOME`, where `.pgpass` is when `PGPASSFILE` does not say.
    home: Option<PathBuf>,
    /// The user the postgres crate connects as when the URL names none; the password file is
    /// searched for that name, so it is taken from the same source (whoami).
    os_user: Option<String>,
}

impl ConnEnv {
    fn from_process() -> ConnEnv {
        let path = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        ConnEnv {
            password: std::env::var("PGPASSWORD").ok(),
            passfile: path("PGPASSFILE"),
            home: path("HOME"),
            os_user: whoami::username().ok(),
        }
    }

    /// libpq's password file: `PGPASSFILE`, else `.pgpass` in the home folder (libpq falls
    /// back to the passwd entry's home when `HOME` is unset; we then read no file, as the
    /// rest of tokenadm finds no home folder without `HOME`).
    fn passfile(&self) -> Option<PathBuf> {
        self.passfile
            .clone()
            .or_else(|| self.home.as_ref().map(|h| h.join(".pgpass")))
    }
}

/// What connecting looks a password up for in the password file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PassKey {
    host: String,
    port: String,
    database: String,
    user: String,
}

/// Unix socket folders a libpq build may have as its default (upstream's, and Debian's and
/// Red Hat's); a connection through one of them is looked up as `localhost`.
const DEFAULT_SOCKET_DIRS: [&str; 2] = ["/tmp", "/var/run/postgresql"];

/// What to look up for `config`, one key per host in the URL's order. The rules are libpq's
/// (its "password file" documentation): the host as the URL names it; a unix socket folder
/// as `localhost` when it is the default socket folder of libpq's build, else as the folder's
/// path (libpq's own default depends on how it was built, so any of [`DEFAULT_SOCKET_DIRS`]
/// counts); only an IP address (`hostaddr`) as that address; the port 5432 when none is
/// given; the database, else the user name; the user, else the operating system's user.
fn passfile_keys(config: &postgres::Config, os_user: Option<&str>) -> Vec<PassKey> {
    let Some(user) = config.get_user().or(os_user) else {
        return Vec::new();
    };
    let database = config.get_dbname().unwrap_or(user);
    let hosts: Vec<String> = if config.get_hosts().is_empty() {
        config
            .get_hostaddrs()
            .iter()
            .map(|a| a.to_string())
            .collect()
    } else {
        config.get_hosts().iter().map(passfile_host).collect()
    };
    let ports = config.get_ports();
    hosts
        .into_iter()
        .enumerate()
        .map(|(i, host)| PassKey {
            host,
            port: ports
                .get(i)
                .or(ports.first())
                .copied()
                .unwrap_or(5432)
                .to_string(),
            database: database.to_string(),
            user: user.to_string(),
        })
        .collect()
}

fn passfile_host(host: &postgres::config::Host) -> String {
    match host {
        postgres::config::Host::Tcp(h) if h.is_empty() => "localhost".to_string(),
        postgres::config::Host::Tcp(h) => h.clone(),
        #[cfg(unix)]
        postgres::config::Host::Unix(dir) => {
            if DEFAULT_SOCKET_DIRS.iter().any(|d| Path::new(d) == dir) {
                "localhost".to_string()
            } else {
                dir.to_string_lossy().into_owned()
            }
        }
    }
}

/// A URL that still has no password (after `PGPASSWORD`) takes one from libpq's password
/// file. With several hosts the connection has one password for all, so it is that of the
/// first host, in the URL's order, that the file has a line for. The file is skipped without
/// a word when it does not exist or cannot be read, as libpq skips it; when it is ignored for
/// its permissions, or for not being a plain file, the sentence that says so is returned
/// (libpq prints such a warning; here it reaches people through the store's notices, or the
/// connection's error).
fn password_from_file(config: &mut postgres::Config, env: &ConnEnv) -> Option<String> {
    if config.get_password().is_some_and(|p| !p.is_empty()) {
        return None;
    }
    let keys = passfile_keys(config, env.os_user.as_deref());
    if keys.is_empty() {
        return None;
    }
    let path = env.passfile()?;
    let text = match read_passfile(&path) {
        PassFile::Text(text) => text,
        PassFile::Absent => return None,
        PassFile::Ignored(notice) => return Some(notice),
    };
    let found = keys
        .iter()
        .find_map(|k| passfile_lookup(&text, k).filter(|p| !p.is_empty()));
    if let Some(password) = found {
        config.password(password.as_slice());
    }
    None
}

enum PassFile {
    Text(Zeroizing<Vec<u8>>),
    Absent,
    /// Not used, for the reason this sentence gives.
    Ignored(String),
}

/// libpq's rule: a password file that group or others have any access to is not used.
fn private_to_owner(mode: u32) -> bool {
    mode & 0o077 == 0
}

fn read_passfile(path: &Path) -> PassFile {
    let shown = escape(&path.to_string_lossy());
    let not_plain = || {
        PassFile::Ignored(format!(
            "the password file {shown} was ignored because it is not a plain file"
        ))
    };
    // Checked before opening, so that a FIFO does not block the open.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return not_plain(),
        Ok(_) => {}
        Err(_) => return PassFile::Absent,
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return PassFile::Absent;
    };
    // And again on what was opened, which may not be what was checked.
    let Ok(meta) = file.metadata() else {
        return PassFile::Absent;
    };
    if !meta.is_file() {
        return not_plain();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if !private_to_owner(meta.permissions().mode()) {
            return PassFile::Ignored(format!(
                "the password file {shown} was ignored because group or others have access to it (chmod 0600 {shown} makes it private)"
            ));
        }
    }
    let mut text = Zeroizing::new(Vec::new());
    match file.read_to_end(&mut text) {
        Ok(_) => PassFile::Text(text),
        Err(_) => PassFile::Absent,
    }
}

/// The password of the first line of a password file (`text`) that matches `key`, as libpq
/// reads one: lines `host:port:database:user:password`; a field that is `*` matches anything;
/// `\` escapes `:` and `\` (and any other character); a line whose first character is `#`
/// is a comment. A line with fewer fields matches nothing.
fn passfile_lookup(text: &[u8], key: &PassKey) -> Option<Zeroizing<Vec<u8>>> {
    'lines: for line in text.split(|&b| b == b'\n') {
        let mut line = line;
        while let Some(l) = line.strip_suffix(b"\r") {
            line = l;
        }
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        for want in [&key.host, &key.port, &key.database, &key.user] {
            match field_matches(line, want.as_bytes()) {
                Some(rest) => line = rest,
                None => continue 'lines,
            }
        }
        return Some(unescape_password(line));
    }
    None
}

/// When the field at the start of `line` matches `want`, what follows its `:`.
fn field_matches<'a>(line: &'a [u8], want: &[u8]) -> Option<&'a [u8]> {
    if let Some(rest) = line.strip_prefix(b"*:") {
        return Some(rest);
    }
    let mut want = want.iter();
    let mut i = 0;
    while i < line.len() {
        let mut b = line[i];
        if b == b'\\' {
            i += 1;
            b = *line.get(i)?;
        } else if b == b':' {
            return want.next().is_none().then_some(&line[i + 1..]);
        }
        if want.next() != Some(&b) {
            return None;
        }
        i += 1;
    }
    None
}

/// The password field: up to an unescaped `:` or the end of the line. A `\` at the very end
/// stays, as libpq keeps it.
fn unescape_password(field: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(field.len()));
    let mut i = 0;
    while i < field.len() && field[i] != b':' {
        if field[i] == b'\\' && i + 1 < field.len() {
            i += 1;
        }
        out.push(field[i]);
        i += 1;
    }
    out
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

/// Whether connecting failed for want of a server (refused, timed out, no socket, too many
/// connections, starting up or shutting down, closed to connections) rather than because of who we are or what we
/// asked for (a password, a database's name, a certificate): only the first may pass by itself.
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

    fn key(host: &str, port: &str, database: &str, user: &str) -> PassKey {
        PassKey {
            host: host.into(),
            port: port.into(),
            database: database.into(),
            user: user.into(),
        }
    }

    fn found(text: &str, k: &PassKey) -> Option<String> {
        passfile_lookup(text.as_bytes(), k).map(|p| String::from_utf8(p.to_vec()).unwrap())
    }

    #[test]
    fn a_password_file_line_matches_field_by_field_and_the_first_match_wins() {
        let text = "\
# host:port:database:user:password
db.example.com:5432:tokens:ann:first
db.example.com:5432:tokens:ann:second
*:*:*:bob:wild
db.example.com:*:*:*:any-ann
";
        let ann = key("db.example.com", "5432", "tokens", "ann");
        assert_eq!(found(text, &ann).as_deref(), Some("first"));
        assert_eq!(
            found(text, &key("db.example.com", "6000", "other", "bob")).as_deref(),
            Some("wild")
        );
        assert_eq!(
            found(text, &key("db.example.com", "6000", "other", "carl")).as_deref(),
            Some("any-ann")
        );
        assert_eq!(
            found(text, &key("elsewhere", "5432", "tokens", "ann")),
            None
        );
        // A field matches whole, not as a prefix, either way round.
        assert_eq!(
            found("db:5432:tokens:ann:x\n", &key("db", "5432", "tokens", "an")),
            None
        );
        assert_eq!(
            found("db:5432:tokens:an:x\n", &key("db", "5432", "tokens", "ann")),
            None
        );
        // A comment is a line that starts with #; the # of a field is a character.
        assert_eq!(
            found(
                "#db:5432:tokens:ann:x\n",
                &key("#db", "5432", "tokens", "ann")
            ),
            None
        );
        assert_eq!(
            found("db:5432:tokens:ann:pw#1\n", &ann_at("db")).as_deref(),
            Some("pw#1")
        );
    }

    fn ann_at(host: &str) -> PassKey {
        key(host, "5432", "tokens", "ann")
    }

    #[test]
    fn a_password_file_unescapes_colons_and_backslashes() {
        assert_eq!(
            found(r"db:5432:tokens:ann:p\:w\\d", &ann_at("db")).as_deref(),
            Some(r"p:w\d")
        );
        // An unescaped colon ends the password; what follows is not part of it.
        assert_eq!(
            found("db:5432:tokens:ann:pass:word", &ann_at("db")).as_deref(),
            Some("pass")
        );
        // A field with an escaped colon (a socket path, an IPv6 address).
        assert_eq!(
            found(r"\:\:1:5432:tokens:ann:v6", &ann_at("::1")).as_deref(),
            Some("v6")
        );
        assert_eq!(
            found(r"c\:\\dir:5432:tokens:ann:win", &ann_at(r"c:\dir")).as_deref(),
            Some("win")
        );
        // `\*` is a star, not a wildcard; `*` inside a field is a star too.
        assert_eq!(found(r"\*:5432:tokens:ann:x", &ann_at("db")), None);
        assert_eq!(
            found(r"\*:5432:tokens:ann:x", &ann_at("*")).as_deref(),
            Some("x")
        );
        assert_eq!(found("db*:5432:tokens:ann:x", &ann_at("db")), None);
        // A backslash at the very end of the password stays.
        assert_eq!(
            found("db:5432:tokens:ann:pw\\", &ann_at("db")).as_deref(),
            Some("pw\\")
        );
    }

    #[test]
    fn a_password_file_skips_short_lines_and_takes_crlf() {
        let text = "db:5432:tokens:ann\r\n\r\n\ndb:5432:tokens:ann:crlf\r\n";
        assert_eq!(found(text, &ann_at("db")).as_deref(), Some("crlf"));
        assert_eq!(found("", &ann_at("db")), None);
        // An empty password is still the first match (the caller then uses none).
        assert_eq!(
            found("db:5432:tokens:ann:\ndb:*:*:*:later\n", &ann_at("db")).as_deref(),
            Some("")
        );
    }

    #[test]
    fn what_is_looked_up_follows_libpq() {
        let keys = |url: &str, os_user: Option<&str>| {
            passfile_keys(&postgres::Config::from_str(url).unwrap(), os_user)
        };
        assert_eq!(
            keys("postgres://ann@db.example.com/tokens", None),
            vec![key("db.example.com", "5432", "tokens", "ann")]
        );
        // The database is the user's name, the user the system's, when the URL says neither.
        assert_eq!(
            keys("postgres://db:6543", Some("sysuser")),
            vec![key("db", "6543", "sysuser", "sysuser")]
        );
        assert_eq!(keys("postgres://db", None), vec![]);
        // A default socket folder is localhost; any other is its path.
        assert_eq!(
            keys("postgres:///t?host=/var/run/postgresql&user=ann", None),
            vec![key("localhost", "5432", "t", "ann")]
        );
        assert_eq!(
            keys("postgres:///t?host=/tmp&user=ann", None),
            vec![key("localhost", "5432", "t", "ann")]
        );
        assert_eq!(
            keys("postgres:///t?host=/srv/pg&user=ann", None),
            vec![key("/srv/pg", "5432", "t", "ann")]
        );
        // One key per host, each with its port (or the one port given for all).
        assert_eq!(
            keys("postgres://ann@a:1,b:2/t", None),
            vec![key("a", "1", "t", "ann"), key("b", "2", "t", "ann")]
        );
        assert_eq!(
            keys("host=a,b port=7 user=ann dbname=t", None),
            vec![key("a", "7", "t", "ann"), key("b", "7", "t", "ann")]
        );
        assert_eq!(
            keys("postgres:///t?hostaddr=10.0.0.9&user=ann", None),
            vec![key("10.0.0.9", "5432", "t", "ann")]
        );
    }

    #[test]
    fn pgpassfile_names_the_password_file_else_home_does() {
        let env = ConnEnv {
            passfile: Some("/etc/tokenadm/pgpass".into()),
            home: Some("/home/ann".into()),
            ..ConnEnv::default()
        };
        assert_eq!(env.passfile(), Some(PathBuf::from("/etc/tokenadm/pgpass")));
        let env = ConnEnv {
            home: Some("/home/ann".into()),
            ..ConnEnv::default()
        };
        assert_eq!(env.passfile(), Some(PathBuf::from("/home/ann/.pgpass")));
        assert_eq!(ConnEnv::default().passfile(), None);
    }

    #[test]
    fn a_password_file_others_can_read_is_ignored() {
        assert!(private_to_owner(0o100600));
        assert!(private_to_owner(0o100400));
        assert!(!private_to_owner(0o100644));
        assert!(!private_to_owner(0o100640));
        assert!(!private_to_owner(0o100602));
        assert!(!private_to_owner(0o100610));
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
