//! `TestEnv`: a temporary database with a low-cost test definition, a `cmd()` that runs the
//! built binary against it, and `dump()` of every table to prove a failed command changed
//! nothing.
//!
//! The engine: SQLite by default (a file in the env's temporary folder). When
//! `TOKENADM_TEST_PG` names a PostgreSQL server (a libpq-style URL of a database a superuser
//! can connect to), every `TestEnv` creates a database of its own there, points
//! `TOKENADM_DB` at it, and drops it when the env is dropped (issue #14): the same tests, the
//! other engine. `sql()` reads and writes either engine directly (`?1` placeholders, values
//! as [`Val`]); the few tests about SQLite's own files (modes, WAL, pragmas) say so and
//! return early on PostgreSQL.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use tempfile::TempDir;

/// The test definition: the default's rules, with argon2 cheap enough for a test suite.
pub const TEST_DEFINITION: &str = r#"
name = "test"
description = "low-cost definition for tests"

[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1
"#;

pub struct TestEnv {
    pub dir: TempDir,
    /// The SQLite file (unused on PostgreSQL).
    pub db: PathBuf,
    pg: Option<PgDb>,
}

/// The PostgreSQL server the suite runs against, if any (`TOKENADM_TEST_PG`).
pub fn pg_server() -> Option<String> {
    std::env::var("TOKENADM_TEST_PG")
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// True when the suite runs on PostgreSQL: tests about SQLite's own files return early.
pub fn on_pg() -> bool {
    pg_server().is_some()
}

/// A database of one test on the PostgreSQL server, dropped with the env.
pub struct PgDb {
    admin: String,
    pub name: String,
    pub url: String,
}

impl PgDb {
    pub fn create(admin: &str) -> PgDb {
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "tokenadm_test_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        let mut c = postgres::Client::connect(admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("TOKENADM_TEST_PG: cannot connect to {admin}: {e}"));
        c.batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        PgDb {
            admin: admin.to_string(),
            url: with_dbname(admin, &name),
            name,
        }
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// `url` naming database `name` instead of its own.
pub fn with_dbname(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let authority = rest.split('/').next().unwrap_or_default();
    format!("{scheme}://{authority}/{name}{query}")
}

impl TestEnv {
    /// A database initialised with `TEST_DEFINITION` active.
    pub fn new() -> TestEnv {
        Self::with_definition(TEST_DEFINITION)
    }

    /// A database initialised with the given definition active.
    pub fn with_definition(toml: &str) -> TestEnv {
        Self::init(Self::empty(), toml)
    }

    /// A SQLite database initialised with `toml`, whatever the suite's engine.
    pub fn sqlite_with_definition(toml: &str) -> TestEnv {
        Self::init(Self::empty_on(None), toml)
    }

    fn init(env: TestEnv, toml: &str) -> TestEnv {
        let file = env.write("definition.toml", toml);
        env.cmd()
            .args(["init", "--definition"])
            .arg(&file)
            .assert()
            .success();
        env
    }

    /// No database yet (on PostgreSQL: an empty database, which tokenadm fills on first use).
    pub fn empty() -> TestEnv {
        Self::empty_on(pg_server())
    }

    /// No database yet, on the PostgreSQL server `pg` or else SQLite.
    pub fn empty_on(pg: Option<String>) -> TestEnv {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("data").join("tokenadm.db");
        let pg = pg.map(|admin| PgDb::create(&admin));
        TestEnv { dir, db, pg }
    }

    pub fn is_pg(&self) -> bool {
        self.pg.is_some()
    }

    /// The name of this env's PostgreSQL database.
    pub fn pg_name(&self) -> Option<String> {
        self.pg.as_ref().map(|pg| pg.name.clone())
    }

    /// What `TOKENADM_DB` says for this env: the SQLite file or the PostgreSQL URL.
    pub fn location(&self) -> OsString {
        match &self.pg {
            Some(pg) => pg.url.clone().into(),
            None => self.db.clone().into(),
        }
    }

    /// Another database of the same engine, empty (no file yet; an empty PostgreSQL database),
    /// kept alive by the returned guard.
    pub fn another_location(&self, name: &str) -> (OsString, Option<PgDb>) {
        match pg_server() {
            Some(admin) => {
                let db = PgDb::create(&admin);
                (db.url.clone().into(), Some(db))
            }
            None => (self.path(name).into(), None),
        }
    }

    /// True once tokenadm has created its database here.
    pub fn exists(&self) -> bool {
        match &self.pg {
            Some(_) => {
                let mut sql = self.sql();
                let t: i64 = sql.one(
                    "SELECT count(*) FROM information_schema.tables
                     WHERE table_schema = current_schema() AND table_name = 'schema_version'",
                    &[],
                );
                t == 1
            }
            None => self.db.exists(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).expect("write");
        p
    }

    /// The binary, pointed at this database, with a fixed actor and no stray environment. The
    /// password file a PostgreSQL URL without a password reads is one in the env's folder that
    /// no test writes, so that the tester's own `~/.pgpass` plays no part (`HOME` stays: the
    /// tools a delivery command runs may need it).
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("tokenadm").expect("binary");
        c.env("TOKENADM_DB", self.location())
            .env("TOKENADM_ACTOR", "tester")
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("PGPASSFILE", self.dir.path().join("no-pgpass"))
            .env_remove("PGPASSWORD")
            .env_remove("TOKENADM_FORMAT")
            .env_remove("TOKENADM_CONFIG")
            .env_remove("RUST_BACKTRACE")
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        c
    }

    /// `cmd()` as a standard `Command`, to run several at once: stdin, stdout and stderr piped.
    pub fn spawn(&self, args: &[&str], stdin: &str) -> std::process::Child {
        use std::io::Write;
        use std::process::Stdio;
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenadm"));
        c.env("TOKENADM_DB", self.location())
            .env("TOKENADM_ACTOR", "tester")
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("PGPASSFILE", self.dir.path().join("no-pgpass"))
            .env_remove("PGPASSWORD")
            .env_remove("TOKENADM_FORMAT")
            .env_remove("TOKENADM_CONFIG")
            .env_remove("RUST_BACKTRACE")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().expect("spawn tokenadm");
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(stdin.as_bytes()).expect("write stdin");
        drop(input);
        child
    }

    /// Runs `args` with `--format json`, expects success, parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_stdin(args, "")
    }

    pub fn json_stdin(&self, args: &[&str], stdin: &str) -> Value {
        let out = self
            .cmd()
            .args(args)
            .args(["--format", "json"])
            .write_stdin(stdin)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Runs `args`, expects exit `code`, returns stderr; asserts it is one `error:` sentence.
    pub fn fails(&self, args: &[&str], stdin: &str, code: i32) -> String {
        let out = self
            .cmd()
            .args(args)
            .write_stdin(stdin)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(code), "{args:?}: stderr: {stderr}");
        assert_one_error(&stderr);
        stderr
    }

    /// Like `fails`, and also proves the database is exactly as it was.
    pub fn fails_unchanged(&self, args: &[&str], stdin: &str, code: i32) -> String {
        let before = self.dump();
        let stderr = self.fails(args, stdin, code);
        assert_eq!(before, self.dump(), "{args:?} changed the database");
        stderr
    }

    /// Issues a token with `args` after `token new`, returns its JSON.
    pub fn new_token(&self, args: &[&str], stdin: &str) -> Value {
        let mut full = vec!["token", "new"];
        full.extend_from_slice(args);
        self.json_stdin(&full, stdin)
    }

    /// Every row of every table, in a stable order.
    pub fn dump(&self) -> String {
        self.sql().dump()
    }

    /// The SQLite database itself, for the tests about SQLite's own behaviour.
    pub fn conn(&self) -> rusqlite::Connection {
        assert!(
            !self.is_pg(),
            "conn() is SQLite's; use sql() on both engines"
        );
        rusqlite::Connection::open(&self.db).expect("open db")
    }

    /// A connection to this env's database, whichever the engine.
    pub fn sql(&self) -> Sql {
        match &self.pg {
            Some(pg) => Sql::Pg(
                postgres::Client::connect(&pg.url, postgres::NoTls)
                    .expect("connect to the test database"),
            ),
            None => Sql::Sqlite(rusqlite::Connection::open(&self.db).expect("open db")),
        }
    }

    /// Takes the database's schema back to an older `version`, as far as the tests of
    /// upgrades need: the steps that cannot run twice are undone (version 6's columns), the
    /// others run again.
    pub fn schema_back_to(&self, version: i64) {
        if version < 7 {
            self.sql().batch(
                "DROP INDEX audit_token_ids; ALTER TABLE audit DROP COLUMN first_token_id;
                 ALTER TABLE audit DROP COLUMN last_token_id;",
            );
        }
        if version < 6 {
            self.sql().batch(
                "ALTER TABLE tokens DROP COLUMN uses_day; ALTER TABLE tokens DROP COLUMN uses_today;
                 ALTER TABLE tokens DROP COLUMN warned_expires_at;",
            );
        }
        self.set_schema_version(version);
    }

    /// Sets the schema version as an older or newer tokenadm would have left it.
    pub fn set_schema_version(&self, version: i64) {
        let mut sql = self.sql();
        match &mut sql {
            Sql::Sqlite(c) => c.pragma_update(None, "user_version", version).unwrap(),
            Sql::Pg(_) => {
                sql.execute("UPDATE schema_version SET version = ?1", &[version.into()]);
            }
        }
    }

    pub fn schema_version(&self) -> i64 {
        let mut sql = self.sql();
        match &mut sql {
            Sql::Sqlite(c) => c
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap(),
            Sql::Pg(_) => sql.one("SELECT version FROM schema_version", &[]),
        }
    }

    /// Whether the database has an index of this name.
    pub fn has_index(&self, name: &str) -> bool {
        let mut sql = self.sql();
        let query = match &sql {
            Sql::Sqlite(_) => "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?1",
            Sql::Pg(_) => "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?1",
        };
        sql.one::<i64>(query, &[name.into()]) == 1
    }
}

/// Every row of every table of the SQLite database at `db`, in a stable order.
pub fn dump(db: &Path) -> String {
    Sql::Sqlite(rusqlite::Connection::open(db).expect("open db")).dump()
}

/// A cell, the same on both engines: PostgreSQL's booleans are SQLite's 0 and 1.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_string())
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Val {
        Val::Text(v.clone())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl From<Vec<u8>> for Val {
    fn from(v: Vec<u8>) -> Val {
        Val::Blob(v)
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Val {
        v.map_or(Val::Null, Into::into)
    }
}

/// What a `Val` can be read as.
pub trait FromVal: Sized {
    fn from_val(v: Val) -> Self;
}
impl FromVal for Val {
    fn from_val(v: Val) -> Self {
        v
    }
}
impl FromVal for i64 {
    fn from_val(v: Val) -> Self {
        match v {
            Val::Int(i) => i,
            other => panic!("not an integer: {other:?}"),
        }
    }
}
impl FromVal for String {
    fn from_val(v: Val) -> Self {
        match v {
            Val::Text(t) => t,
            other => panic!("not text: {other:?}"),
        }
    }
}
impl FromVal for Vec<u8> {
    fn from_val(v: Val) -> Self {
        match v {
            Val::Blob(b) => b,
            other => panic!("not a blob: {other:?}"),
        }
    }
}
impl<T: FromVal> FromVal for Option<T> {
    fn from_val(v: Val) -> Self {
        match v {
            Val::Null => None,
            v => Some(T::from_val(v)),
        }
    }
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(i) => ValueRef::Integer(*i),
            Val::Text(t) => ValueRef::Text(t.as_bytes()),
            Val::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl postgres::types::ToSql for Val {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::Type;
        match self {
            Val::Null => Ok(postgres::types::IsNull::Yes),
            Val::Int(i) if *ty == Type::BOOL => (*i != 0).to_sql(ty, out),
            Val::Int(i) if *ty == Type::INT4 => (*i as i32).to_sql(ty, out),
            Val::Int(i) if *ty == Type::INT2 => (*i as i16).to_sql(ty, out),
            Val::Int(i) => i.to_sql(ty, out),
            Val::Text(t) => t.as_str().to_sql(ty, out),
            Val::Blob(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl<'a> postgres::types::FromSql<'a> for Val {
    fn from_sql(
        ty: &postgres::types::Type,
        raw: &'a [u8],
    ) -> Result<Val, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::Type;
        Ok(match *ty {
            Type::BOOL => Val::Int(i64::from(bool::from_sql(ty, raw)?)),
            Type::INT2 => Val::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::INT4 => Val::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT8 => Val::Int(i64::from_sql(ty, raw)?),
            Type::BYTEA => Val::Blob(Vec::<u8>::from_sql(ty, raw)?),
            _ => Val::Text(String::from_sql(ty, raw)?),
        })
    }

    fn from_sql_null(
        _: &postgres::types::Type,
    ) -> Result<Val, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Val::Null)
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }
}

fn sqlite_val(v: rusqlite::types::ValueRef) -> Val {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Val::Null,
        ValueRef::Integer(i) => Val::Int(i),
        ValueRef::Real(r) => Val::Text(r.to_string()),
        ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Val::Blob(b.to_vec()),
    }
}

/// A direct connection to a test database, either engine. SQL is written as for SQLite, with
/// `?1` placeholders; on PostgreSQL they become `$1`.
pub enum Sql {
    Sqlite(rusqlite::Connection),
    Pg(postgres::Client),
}

fn pg_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(|n| n.is_ascii_digit()) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

impl Sql {
    /// A connection to the database at a `TOKENADM_DB` location: a postgres:// URL or a path.
    pub fn open(location: &std::ffi::OsStr) -> Sql {
        match location.to_str() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Sql::Pg(
                    postgres::Client::connect(url, postgres::NoTls)
                        .expect("connect to the test database"),
                )
            }
            _ => Sql::Sqlite(rusqlite::Connection::open(location).expect("open db")),
        }
    }

    /// Runs a statement; returns the rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[Val]) -> usize {
        match self {
            Sql::Sqlite(c) => c
                .execute(sql, rusqlite::params_from_iter(params.iter()))
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
            Sql::Pg(c) => {
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p as _).collect();
                c.execute(pg_placeholders(sql).as_str(), &refs)
                    .unwrap_or_else(|e| panic!("{sql}: {e}")) as usize
            }
        }
    }

    /// Runs a statement the database may refuse; its error as text.
    pub fn try_execute(&mut self, sql: &str, params: &[Val]) -> Result<usize, String> {
        match self {
            Sql::Sqlite(c) => c
                .execute(sql, rusqlite::params_from_iter(params.iter()))
                .map_err(|e| e.to_string()),
            Sql::Pg(c) => {
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p as _).collect();
                c.execute(pg_placeholders(sql).as_str(), &refs)
                    .map(|n| n as usize)
                    .map_err(|e| format!("{e:?}"))
            }
        }
    }

    /// Statements without parameters.
    pub fn batch(&mut self, sql: &str) {
        match self {
            Sql::Sqlite(c) => c
                .execute_batch(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
            Sql::Pg(c) => c
                .batch_execute(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
        }
    }

    /// Every row, as cells.
    pub fn rows(&mut self, sql: &str, params: &[Val]) -> Vec<Vec<Val>> {
        match self {
            Sql::Sqlite(c) => {
                let mut stmt = c.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
                let n = stmt.column_count();
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(params.iter()))
                    .unwrap_or_else(|e| panic!("{sql}: {e}"));
                let mut out = Vec::new();
                while let Some(r) = rows.next().expect("row") {
                    out.push(
                        (0..n)
                            .map(|i| sqlite_val(r.get_ref(i).expect("cell")))
                            .collect(),
                    );
                }
                out
            }
            Sql::Pg(c) => {
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p as _).collect();
                c.query(pg_placeholders(sql).as_str(), &refs)
                    .unwrap_or_else(|e| panic!("{sql}: {e}"))
                    .iter()
                    .map(|r| (0..r.len()).map(|i| r.get::<_, Val>(i)).collect())
                    .collect()
            }
        }
    }

    /// The first column of the one row `sql` returns.
    pub fn one<T: FromVal>(&mut self, sql: &str, params: &[Val]) -> T {
        let mut rows = self.rows(sql, params);
        assert_eq!(rows.len(), 1, "{sql}: {} rows", rows.len());
        T::from_val(rows.remove(0).remove(0))
    }

    /// Every row of every table but the schema's bookkeeping, tables by name, rows by their
    /// first column, rendered alike on both engines.
    pub fn dump(&mut self) -> String {
        let tables = match self {
            Sql::Sqlite(_) => "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
            Sql::Pg(_) => {
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_name <> 'schema_version'
                 ORDER BY table_name COLLATE \"C\""
            }
        };
        let tables: Vec<String> = self
            .rows(tables, &[])
            .into_iter()
            .map(|mut r| String::from_val(r.remove(0)))
            .collect();
        let mut out = String::new();
        for t in tables {
            out.push_str(&format!("== {t}\n"));
            for row in self.rows(&format!("SELECT * FROM \"{t}\" ORDER BY 1"), &[]) {
                let cells: Vec<String> = row.iter().map(|c| format!("{c:?}")).collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out
    }
}

pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

/// `python3`, able to import the packages the tests use: aiosmtpd (the real SMTP server of
/// `smtp_server.rs`) and PyJWT (the independent check of our session tokens). Where they are
/// not installed, they are installed once into the target folder (`pip install --target`, which
/// also works where the system Python refuses pip), so that `cargo test` alone works on a
/// fresh machine; `.ci/install-test-deps` does the same up front (CI runs it before building).
pub fn python() -> std::process::Command {
    static PYTHONPATH: std::sync::OnceLock<Result<Option<PathBuf>, String>> =
        std::sync::OnceLock::new();
    let mut command = std::process::Command::new("python3");
    match PYTHONPATH.get_or_init(provision_python) {
        Ok(Some(dir)) => {
            command.env("PYTHONPATH", dir);
        }
        Ok(None) => {}
        Err(e) => panic!("{e}"),
    }
    command
}

fn provision_python() -> Result<Option<PathBuf>, String> {
    use std::process::Stdio;
    let importable = |path: Option<&Path>| {
        let mut c = std::process::Command::new("python3");
        c.args(["-c", "import aiosmtpd, jwt"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(p) = path {
            c.env("PYTHONPATH", p);
        }
        c.status().is_ok_and(|s| s.success())
    };
    if importable(None) {
        return Ok(None);
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("python-packages");
    if importable(Some(&dir)) {
        return Ok(Some(dir));
    }
    let out = std::process::Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg("--target")
        .arg(&dir)
        .args(["aiosmtpd>=1.4,<2", "pyjwt>=2.8,<3"])
        .env("PIP_ROOT_USER_ACTION", "ignore")
        .output()
        .map_err(|e| format!("the tests need python3 (with aiosmtpd and PyJWT): {e}"))?;
    if out.status.success() && importable(Some(&dir)) {
        return Ok(Some(dir));
    }
    Err(format!(
        "the tests need python3 with aiosmtpd and PyJWT, and installing them into {} failed: {}; run bash .ci/install-test-deps",
        dir.display(),
        String::from_utf8_lossy(&out.stderr).trim()
    ))
}

/// The house rule for a failure: one line on stderr, `error: ` and one sentence.
pub fn assert_one_error(stderr: &str) {
    assert!(stderr.starts_with("error: "), "stderr: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "not one line: {stderr}"
    );
}

/// A config file whose `email_command` keeps every email it is given, in order, so a test
/// reads what was really sent (`outbox show` never shows a secret).
pub struct Mailbag {
    pub dir: PathBuf,
    pub config: PathBuf,
}

/// One email as `email_command` received it: its headers and its body (CRLF made LF).
#[derive(Debug, Clone)]
pub struct Mail {
    pub recipient: String,
    pub headers: String,
    pub body: String,
}

impl Mail {
    /// The value of header `name` (the first one).
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with(&prefix)
                .then(|| l[prefix.len()..].trim().to_string())
        })
    }

    /// The value after `label` on a line of the body, if such a line exists.
    pub fn line(&self, label: &str) -> Option<String> {
        self.body
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .map(|v| v.trim().to_string())
    }
}

impl Mailbag {
    /// A mailbag in `env`'s folder; `extra` is more of the config file (after `[delivery]`).
    pub fn new(env: &TestEnv, extra: &str) -> Mailbag {
        let dir = env.path("mailbag");
        std::fs::create_dir_all(&dir).unwrap();
        let script = env.write(
            "mailbag.sh",
            "dir=\"$1\"; n=$(ls \"$dir\" | wc -l); printf '%s\\n' \"$2\" > \"$dir/.to\"; \
             { cat \"$dir/.to\"; cat; } > \"$dir/$(printf '%05d' \"$n\").eml\"; rm \"$dir/.to\"; \
             if [ -e \"$dir/.fail\" ]; then echo 'try again later' >&2; exit 75; fi\n",
        );
        let command =
            serde_json::to_string(&["/bin/sh", script.to_str().unwrap(), dir.to_str().unwrap()])
                .unwrap();
        let config = env.write(
            "mailbag.toml",
            &format!(
                "[delivery]\nemail_command = {command}\nemail_from = \"crm@example.com\"\n{extra}\n"
            ),
        );
        Mailbag { dir, config }
    }

    /// `outbox deliver` through this mailbag; its stdout as JSON.
    pub fn deliver(&self, env: &TestEnv) -> Value {
        env.json(&[
            "outbox",
            "deliver",
            "--config",
            self.config.to_str().unwrap(),
        ])
    }

    /// Whether the transport takes in the emails it is given but then fails (a transient
    /// failure: the message stays pending for a retry), like a crash after the send.
    pub fn fail(&self, fail: bool) {
        let marker = self.dir.join(".fail");
        if fail {
            std::fs::write(marker, "").unwrap();
        } else {
            let _ = std::fs::remove_file(marker);
        }
    }

    /// Every email received so far, oldest first (a failed attempt's too).
    pub fn mails(&self) -> Vec<Mail> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| {
                let raw = std::fs::read_to_string(p).unwrap().replace("\r\n", "\n");
                let (recipient, message) = raw.split_once('\n').unwrap();
                let (headers, body) = message.split_once("\n\n").unwrap_or((message, ""));
                Mail {
                    recipient: recipient.to_string(),
                    headers: headers.to_string(),
                    body: body.to_string(),
                }
            })
            .collect()
    }
}

/// The verification code last sent for token `number`: verification codes live only as
/// digests and waiting messages hold their secrets sealed, so tests deliver what is due
/// through a [`Mailbag`] and read the code in the mail (the 6-digit word of the newest mail
/// that names the token).
pub fn verification_code(env: &TestEnv, number: &str) -> String {
    let bag = Mailbag::new(env, "");
    bag.deliver(env);
    bag.mails()
        .iter()
        .rev()
        .filter(|m| m.body.contains(number))
        .find_map(|m| {
            m.body
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no verification code for {number} in the mails"))
}
