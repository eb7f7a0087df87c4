//! libpq's password file (`PGPASSFILE`, else `~/.pgpass`) for a URL without a password, read
//! as libpq reads it: its lines, escapes and wildcards, what is looked up for which host, and
//! the permissions that make it ignored. Connecting (`connect.rs`) asks [`password_from_file`].

use std::io::Read;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// What connecting reads from the process's environment besides the URL, as a value so that
/// tests give their own.
#[derive(Debug, Default, Clone)]
pub(super) struct ConnEnv {
    /// `PGPASSWORD`.
    pub(super) password: Option<String>,
    /// `PGPASSFILE`.
    pub(super) passfile: Option<PathBuf>,
    /// `HOME`, where `.pgpass` is when `PGPASSFILE` does not say.
    pub(super) home: Option<PathBuf>,
    /// The user the postgres crate connects as when the URL names none; the password file is
    /// searched for that name, so it is taken from the same source (whoami). Tests set it;
    /// otherwise it is looked up only when a URL names no user (an NSS lookup, reading
    /// /etc/passwd, that a URL with a user never pays).
    pub(super) os_user: Option<String>,
}

impl ConnEnv {
    pub(super) fn from_process() -> ConnEnv {
        let path = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        ConnEnv {
            password: std::env::var("PGPASSWORD").ok(),
            passfile: path("PGPASSFILE"),
            home: path("HOME"),
            os_user: None,
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
pub(super) fn password_from_file(config: &mut postgres::Config, env: &ConnEnv) -> Option<String> {
    if config.get_password().is_some_and(|p| !p.is_empty()) {
        return None;
    }
    let os_user = env.os_user.clone().or_else(|| {
        config
            .get_user()
            .is_none()
            .then(|| whoami::username().ok())
            .flatten()
    });
    let keys = passfile_keys(config, os_user.as_deref());
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
    let shown = path.to_string_lossy();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

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
}
