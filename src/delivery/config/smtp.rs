//! The SMTP transport's settings: the `email` URL (scheme, TLS mode, host, port, user
//! information) and the login, from the URL or the environment. No error or `Debug` output
//! here ever shows the password.

use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::fmt;
use std::str::FromStr;
use zeroize::Zeroizing;

/// Environment variables that supply SMTP credentials when the URL has none, so that the
/// password need not sit in a file.
pub const ENV_SMTP_USER: &str = "TOKENADM_SMTP_USER";
pub const ENV_SMTP_PASSWORD: &str = "TOKENADM_SMTP_PASSWORD";

/// How the SMTP connection is protected, from the URL's scheme and `tls` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://`: no TLS at all (a local relay).
    Plain,
    /// `smtp://…?tls=starttls`: STARTTLS is required; a server that does not offer it is an
    /// error, never a silent fall-back to plain text.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Tls,
}

impl SmtpSecurity {
    fn default_port(self) -> u16 {
        match self {
            SmtpSecurity::Plain => 25,
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Tls => 465,
        }
    }
}

/// A parsed `email` URL. `Display` gives it back without the user information.
#[derive(Debug, Clone, PartialEq)]
pub struct SmtpUrl {
    pub security: SmtpSecurity,
    /// Host name or IP address, without IPv6 brackets.
    pub host: String,
    pub port: u16,
    /// From the URL, else from `TOKENADM_SMTP_USER` / `TOKENADM_SMTP_PASSWORD`.
    pub credentials: Option<SmtpCredentials>,
}

impl fmt::Display for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.security {
            SmtpSecurity::Tls => "smtps",
            SmtpSecurity::Plain | SmtpSecurity::StartTls => "smtp",
        };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        write!(f, "{scheme}://{host}:{}", self.port)?;
        if self.security == SmtpSecurity::StartTls {
            f.write_str("?tls=starttls")?;
        }
        Ok(())
    }
}

impl FromStr for SmtpUrl {
    type Err = String;

    /// Parses the URL alone; credentials come only from its user information here (the
    /// environment is consulted by [`super::load`]), a missing half of them left empty.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let UrlParts {
            mut url,
            user,
            password,
        } = UrlParts::parse(text)?;
        url.credentials = match (user, password) {
            (None, None) => None,
            (user, password) => Some(SmtpCredentials {
                user: user.unwrap_or_default(),
                password: password.unwrap_or_default(),
            }),
        };
        Ok(url)
    }
}

/// An `email` URL with its user information still apart, so that [`super::parse`] can tell "no
/// password in the URL" from "an empty one" when it fills the gaps from the environment.
pub(super) struct UrlParts {
    url: SmtpUrl,
    user: Option<String>,
    password: Option<Zeroizing<String>>,
}

impl UrlParts {
    /// Error messages never quote the URL, because it may hold a password.
    fn parse(text: &str) -> Result<Self, String> {
        const FORMS: &str =
            "write smtp://host:port, smtp://host:port?tls=starttls or smtps://host:port";
        let url = url::Url::parse(text.trim())
            .map_err(|e| format!("`email` is not a URL ({e}); {FORMS}"))?;
        let tls_scheme = match url.scheme() {
            "smtp" => false,
            "smtps" => true,
            other => {
                return Err(format!(
                    "`email` has the unsupported scheme `{other}`; {FORMS}"
                ))
            }
        };
        let mut tls_param = None;
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "tls" if tls_param.is_none() => tls_param = Some(value.into_owned()),
                "tls" => return Err("`email` gives the `tls` parameter twice".into()),
                other => {
                    return Err(format!(
                        "`email` has the unknown parameter `{other}`; the only one is tls=starttls"
                    ))
                }
            }
        }
        let security = match (tls_scheme, tls_param.as_deref()) {
            (false, None) => SmtpSecurity::Plain,
            (false, Some("starttls")) => SmtpSecurity::StartTls,
            (true, None) => SmtpSecurity::Tls,
            (true, Some(_)) => {
                return Err("`email` is smtps:// (TLS from the start) and cannot take a `tls` parameter; use smtp://host:port?tls=starttls for STARTTLS".into())
            }
            (false, Some(other)) => {
                return Err(format!(
                    "`email` has tls={other}; the only value is tls=starttls (or use smtps:// for implicit TLS)"
                ))
            }
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => d.to_string(),
            Some(url::Host::Ipv4(a)) => a.to_string(),
            Some(url::Host::Ipv6(a)) => a.to_string(),
            _ => return Err(format!("`email` names no host; {FORMS}")),
        };
        if !matches!(url.path(), "" | "/") || url.fragment().is_some() {
            return Err(format!(
                "`email` has a path or fragment after the host; {FORMS}"
            ));
        }
        let user = Some(percent_decode(url.username(), "user")?).filter(|u| !u.is_empty());
        let password = url
            .password()
            .map(|p| percent_decode(p, "password").map(Zeroizing::new))
            .transpose()?;
        Ok(UrlParts {
            url: SmtpUrl {
                security,
                port: url.port().unwrap_or(security.default_port()),
                host,
                credentials: None,
            },
            user,
            password,
        })
    }
}

impl<'de> Deserialize<'de> for UrlParts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Zeroizing::new(String::deserialize(deserializer)?);
        UrlParts::parse(&text).map_err(de::Error::custom)
    }
}

/// `%XX` decoding of URL user information (the url crate leaves it encoded), so that a
/// password containing `@` or `:` can be written as `%40` / `%3A`.
fn percent_decode(text: &str, what: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Zeroizing::new(Vec::with_capacity(bytes.len()));
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| {
                    format!("the {what} in `email` has a `%` not followed by two hex digits")
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(std::mem::take(&mut *out))
        .map_err(|_| format!("the {what} in `email` is not UTF-8 once percent-decoded"))
}

/// SMTP login. The password is zeroized on drop and never shown by `Debug`.
#[derive(Clone, PartialEq)]
pub struct SmtpCredentials {
    pub user: String,
    password: Zeroizing<String>,
}

impl SmtpCredentials {
    pub fn new(user: impl Into<String>, password: impl Into<String>) -> Self {
        SmtpCredentials {
            user: user.into(),
            password: Zeroizing::new(password.into()),
        }
    }

    /// The password, for handing to the SMTP client and nothing else.
    pub fn expose_password(&self) -> &str {
        &self.password
    }
}

impl fmt::Debug for SmtpCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpCredentials")
            .field("user", &self.user)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// The `email` URL made whole when the file is read: credentials from its user information,
/// else from the environment, and refused where they would cross the network in clear text.
pub(super) fn resolve(
    parts: UrlParts,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<SmtpUrl, String> {
    let UrlParts {
        mut url,
        user,
        password,
    } = parts;
    url.credentials = resolve_credentials(user, password, env)?;
    if url.credentials.is_some() && url.security == SmtpSecurity::Plain && !is_loopback(&url.host) {
        return Err("SMTP credentials would cross the network in clear text over plain smtp://; use smtp://host:port?tls=starttls or smtps://host:port".to_string());
    }
    Ok(url)
}

/// URL user information wins; whatever it lacks comes from the environment. A user without a
/// password (or the reverse) is a mistake worth reporting rather than an anonymous attempt.
fn resolve_credentials(
    url_user: Option<String>,
    url_password: Option<Zeroizing<String>>,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Option<SmtpCredentials>, String> {
    let user = url_user.or_else(|| env(ENV_SMTP_USER).filter(|u| !u.is_empty()));
    let password = url_password.or_else(|| env(ENV_SMTP_PASSWORD).map(Zeroizing::new));
    match (user, password) {
        (None, None) => Ok(None),
        (Some(user), Some(password)) => Ok(Some(SmtpCredentials { user, password })),
        (Some(user), None) => Err(format!(
            "the SMTP user `{user}` has no password; write it in the URL (smtp://user:password@host) or set {ENV_SMTP_PASSWORD}"
        )),
        (None, Some(_)) => Err(format!(
            "an SMTP password is given but no user; write it in the URL (smtp://user:password@host) or set {ENV_SMTP_USER}"
        )),
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_forms_and_default_ports() {
        let url = |t: &str| t.parse::<SmtpUrl>().unwrap();
        let plain = url("smtp://127.0.0.1:2525");
        assert_eq!(
            (plain.security, plain.host.as_str(), plain.port),
            (SmtpSecurity::Plain, "127.0.0.1", 2525)
        );
        assert_eq!(url("smtp://relay").port, 25);
        let starttls = url("smtp://mail.example.com?tls=starttls");
        assert_eq!(
            (starttls.security, starttls.port),
            (SmtpSecurity::StartTls, 587)
        );
        assert_eq!(url("smtps://mail.example.com:2465").port, 2465);
        assert_eq!(url("smtp://[::1]:25").host, "::1");
        assert_eq!(
            url("smtp://mail.example.com:587?tls=starttls").to_string(),
            "smtp://mail.example.com:587?tls=starttls"
        );
    }
}
