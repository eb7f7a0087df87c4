//! Choosing the engine, and what only PostgreSQL has (issue #14): `[database] url`, the lock
//! timeout, a database that is not ours, a URL's password that never shows, and how a
//! connection authenticates (libpq's password file, client certificates).

use crate::support::*;

/// `[database] url` in the config file names the database when neither `--db` nor
/// `TOKENADM_DB` does (a file path for SQLite, a URL for PostgreSQL).
#[test]
fn the_config_file_names_the_database() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let config = env.path("config/tokenadm/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let location = env.location().into_string().unwrap();
    std::fs::write(
        &config,
        format!("[database]\nurl = {location:?}\nlock_timeout = \"5s\"\n"),
    )
    .unwrap();
    let out = env
        .cmd()
        .env_remove("TOKENADM_DB")
        .args(["token", "show", str_of(&t, "number"), "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A misspelt key is an error with its place, not a setting silently ignored.
    std::fs::write(
        &config,
        "[database]\nurl = \"x.db\"\nlock_timeut = \"5s\"\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .env_remove("TOKENADM_DB")
        .args(["token", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(err.contains("line 3"), "{err}");
}

/// A writer that cannot get the write lock within `[database] lock_timeout` fails with one
/// sentence, exit 1, and changes nothing.
#[test]
fn a_write_lock_held_too_long_fails_with_one_sentence() {
    if !on_pg() {
        return; // SQLite's busy timeout is a fixed 30 s; this is PostgreSQL's setting
    }
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path("config/tokenadm")).unwrap();
    env.write(
        "config/tokenadm/config.toml",
        "[database]\nlock_timeout = \"1s\"\n",
    );
    let before = env.dump();
    let Sql::Pg(mut holder) = env.sql() else {
        unreachable!()
    };
    let mut tx = holder.transaction().unwrap();
    // The key of src/store/postgres/mod.rs's WRITE_LOCK ("tokenadm" in ASCII).
    tx.batch_execute("SELECT pg_advisory_xact_lock(8390042714202268781)")
        .unwrap();
    let started = std::time::Instant::now();
    let err = env.fails(&["token", "new"], "", 1);
    assert!(
        err.contains("locked by another tokenadm for 1 second"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // Reads do not wait for the lock.
    env.json(&["token", "list"]);
    tx.rollback().unwrap();
    assert_eq!(before, env.dump());
    env.new_token(&[], "");
}

#[test]
fn a_postgres_database_with_tables_of_its_own_is_left_alone() {
    if !on_pg() {
        return; // database.rs has SQLite's
    }
    let env = TestEnv::empty();
    env.sql().batch("CREATE TABLE theirs (x int)");
    let err = env.fails(&["token", "list"], "", 1);
    assert!(err.contains("not a tokenadm one"), "{err}");
    assert!(!env.exists());
}

#[test]
fn the_password_of_a_url_never_shows() {
    if !on_pg() {
        return;
    }
    let env = TestEnv::empty();
    let url = env.location().into_string().unwrap();
    // Trust authentication ignores the password; it must not reach the output all the same.
    let with_password = format!("{url}&password=hunter2");
    let out = env
        .cmd()
        .env("TOKENADM_DB", &with_password)
        .args(["init", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["created"], true);
    assert!(!str_of(&v, "database").contains("hunter2"), "{v}");
    assert!(str_of(&v, "database").starts_with("postgres://"), "{v}");
    // In the user info, and in an error (no such database).
    let (scheme, rest) = url.split_once(":///").unwrap();
    let missing = format!(
        "{scheme}://postgres:hunter2@/no_such_database_here?{}",
        rest.split_once('?').unwrap().1
    );
    let out = env
        .cmd()
        .env("TOKENADM_DB", &missing)
        .args(["token", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(!err.contains("hunter2"), "{err}");
    assert!(
        err.contains("postgres://postgres@/no_such_database_here"),
        "{err}"
    );
}

/// A command that only reads, on a PostgreSQL database without tokenadm's tables, exits 3 and
/// creates nothing there; one that changes something creates the schema and says so once.
#[test]
fn read_only_commands_create_no_schema_in_an_empty_postgres_database() {
    if !on_pg() {
        return; // hardening.rs has SQLite's
    }
    let env = TestEnv::empty();
    for args in [
        vec!["token", "list"],
        vec!["audit", "verify"],
        vec!["token", "expire", "--dry-run"],
    ] {
        let err = env.fails(&args, "", 3);
        assert!(err.contains("no database at postgres://"), "{err}");
        assert!(!env.exists(), "{args:?} created the schema");
    }
    let out = env.cmd().args(["token", "new"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("created a new database at postgres://"));
    let out = env.cmd().args(["token", "new"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("created"));
}

/// TLS through rustls, chosen by `sslmode` (needs the TLS listener of `.ci/postgres`:
/// `TOKENADM_TEST_PG_TLS`, a URL with a password and `sslrootcert`, on a server that accepts
/// nothing but TLS over TCP).
#[test]
fn sslmode_chooses_tls_and_what_it_checks() {
    let Some(tls) = std::env::var("TOKENADM_TEST_PG_TLS")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        return;
    };
    let env = TestEnv::empty();
    let Some(name) = env.pg_name() else {
        return; // the TLS server is the suite's PostgreSQL server
    };
    let base = with_dbname(&tls, &name);
    let password = base
        .split_once("postgres:")
        .and_then(|(_, rest)| rest.split_once('@'))
        .map(|(user, _)| user.to_string())
        .unwrap();
    let password = password.split_once(':').unwrap().1.to_string();
    let run = |url: &str, args: &[&str]| {
        env.cmd()
            .env("TOKENADM_DB", url)
            .args(args)
            .output()
            .unwrap()
    };
    // verify-full with the server's own certificate as the root: connected over TLS.
    let out = run(
        &format!("{base}&sslmode=verify-full"),
        &["init", "--format", "json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!str_of(&v, "database").contains(&password), "{v}");
    for mode in ["verify-ca", "require", "prefer"] {
        let out = run(&format!("{base}&sslmode={mode}"), &["token", "list"]);
        assert!(
            out.status.success(),
            "{mode}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The server takes nothing but TLS: without it, refused.
    let out = run(&format!("{base}&sslmode=disable"), &["token", "list"]);
    assert_eq!(out.status.code(), Some(1));
    // verify-full against the built-in roots: the self-signed certificate is refused.
    let no_root = base.split_once("?sslrootcert=").unwrap().0.to_string();
    let out = run(
        &format!("{no_root}?sslmode=verify-full"),
        &["token", "list"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(err.contains("cannot connect"), "{err}");
    assert!(!err.contains(&password), "{err}");
}

/// The TLS server of `.ci/postgres` and this env's database there: the URL of
/// `TOKENADM_TEST_PG_TLS` naming it, with the password taken out, and the password. None when
/// the suite has no TLS server.
fn tls_url_and_password(env: &TestEnv) -> Option<(String, String)> {
    let tls = std::env::var("TOKENADM_TEST_PG_TLS")
        .ok()
        .filter(|v| !v.is_empty())?;
    let url = with_dbname(&tls, &env.pg_name()?);
    let (scheme, rest) = url.split_once("://").unwrap();
    let (user_info, rest) = rest.split_once('@').unwrap();
    let (user, password) = user_info.split_once(':').unwrap();
    Some((format!("{scheme}://{user}@{rest}"), password.to_string()))
}

/// `host:port` of a URL.
fn host_port(url: &str) -> &str {
    let rest = url.split_once('@').unwrap().1;
    rest.split_once('/').unwrap().0
}

fn mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A URL without a password takes it from libpq's password file, `PGPASSFILE` or
/// `~/.pgpass`, the first line that matches; a file group or others can read is ignored, as
/// libpq ignores it, and the password shows nowhere.
#[test]
fn a_url_without_a_password_takes_the_password_file() {
    let env = TestEnv::empty();
    let Some((url, password)) = tls_url_and_password(&env) else {
        return;
    };
    let name = env.pg_name().unwrap();
    let (host, port) = host_port(&url).split_once(':').unwrap();
    let passfile = env.write(
        "pgpass",
        &format!(
            "# host:port:database:user:password\n\
             {host}:{port}:{name}:someone_else:wrong\n\
             {host}:{port}:{name}:postgres:{password}\n\
             *:*:*:*:wrong-too\n"
        ),
    );
    mode(&passfile, 0o600);
    let run = |args: &[&str], passfile: &std::path::Path| {
        env.cmd()
            .env("TOKENADM_DB", &url)
            .env("PGPASSFILE", passfile)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["init", "--format", "json"], &passfile);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains(&password), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["created"], true);
    // ~/.pgpass when PGPASSFILE does not say.
    std::fs::copy(&passfile, env.path(".pgpass")).unwrap();
    mode(&env.path(".pgpass"), 0o600);
    let out = env
        .cmd()
        .env("TOKENADM_DB", &url)
        .env_remove("PGPASSFILE")
        .env("HOME", env.dir.path())
        .args(["token", "list"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Readable by others: ignored, so there is no password, and the error says why.
    mode(&passfile, 0o644);
    let out = run(&["token", "list"], &passfile);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(err.contains("cannot connect"), "{err}");
    assert!(
        err.contains(&format!("password file {} was ignored", passfile.display())),
        "{err}"
    );
    assert!(!err.contains(&password), "{err}");
    // A password file without a line for this connection: no password either.
    let other = env.write("other-pgpass", "elsewhere:*:*:*:nope\n");
    mode(&other, 0o600);
    let out = run(&["token", "list"], &other);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(!err.contains("nope"), "{err}");
}

/// A password file that is ignored is said in a warning even when the connection needs no
/// password (the suite's unix socket trusts everyone), and the command goes on.
#[test]
fn an_ignored_password_file_is_a_warning() {
    if !on_pg() {
        return;
    }
    let env = TestEnv::empty();
    let passfile = env.write("pgpass", "*:*:*:*:not-needed\n");
    mode(&passfile, 0o604);
    let out = env
        .cmd()
        .env("PGPASSFILE", &passfile)
        .args(["init"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "warning: the password file {} was ignored because group or others have access to it",
            passfile.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("not-needed"), "{stderr}");
}

/// A client certificate (`sslcert`, `sslkey`) logs in a role the server authenticates by
/// certificate (needs `.ci/postgres`'s TLS listener and its certificate for `certuser`:
/// `TOKENADM_TEST_PG_CERT_DIR`).
#[test]
fn a_client_certificate_logs_in_by_certificate() {
    let Some(dir) = std::env::var("TOKENADM_TEST_PG_CERT_DIR")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        return;
    };
    let env = TestEnv::empty();
    let Some((url, _)) = tls_url_and_password(&env) else {
        return;
    };
    let name = env.pg_name().unwrap();
    // The role may create tokenadm's tables in this test's database.
    env.sql()
        .batch("GRANT CREATE, USAGE ON SCHEMA public TO certuser");
    let base = format!(
        "postgres://certuser@{}/{name}?sslmode=verify-full&sslrootcert={dir}/ca.crt",
        host_port(&url)
    );
    let with_cert = format!("{base}&sslcert={dir}/client.crt&sslkey={dir}/client.key");
    let run = |url: &str, args: &[&str]| {
        env.cmd()
            .env("TOKENADM_DB", url)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&with_cert, &["init", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["created"], true);
    let out = run(&with_cert, &["token", "list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without the certificate the server lets certuser in by nothing else.
    let out = run(&base, &["token", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(err.contains("cannot connect"), "{err}");
    assert!(err.contains("certificate"), "{err}");
}

/// `sslcert` and `sslkey` go together, and a file that cannot be used is named: both are
/// usage errors found before any connection is tried, so no server is needed.
#[test]
fn sslcert_and_sslkey_are_checked_before_connecting() {
    let env = TestEnv::empty_on(None);
    // Port 1 of the loopback: nothing listens there, and nothing should be tried.
    let base = "postgres://ann@127.0.0.1:1/tokens?connect_timeout=5";
    let run = |url: &str| {
        let out = env
            .cmd()
            .env("TOKENADM_DB", url)
            .args(["token", "list"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{url}: {err}");
        assert_one_error(&err);
        err
    };
    let err = run(&format!("{base}&sslcert=/nowhere/client.crt"));
    assert!(
        err.contains("sslcert in postgres://ann@127.0.0.1:1/tokens"),
        "{err}"
    );
    assert!(err.contains("needs sslkey"), "{err}");
    let err = run(&format!("{base}&sslkey=/nowhere/client.key"));
    assert!(err.contains("needs sslcert"), "{err}");
    let key = env.write("client.key", "not a key\n");
    let err = run(&format!(
        "{base}&sslcert=/nowhere/client.crt&sslkey={}",
        key.display()
    ));
    assert!(
        err.contains("sslcert /nowhere/client.crt cannot be read"),
        "{err}"
    );
    let cert = env.write("client.crt", "not a certificate either\n");
    let err = run(&format!(
        "{base}&sslcert={}&sslkey={}",
        cert.display(),
        key.display()
    ));
    assert!(
        err.contains(&format!(
            "sslcert {} holds no PEM certificate",
            cert.display()
        )),
        "{err}"
    );
}

/// A token's definition version exists, on both engines: SQLite's foreign key, and on
/// PostgreSQL since schema 11 a trigger per statement that replaced the foreign key (a check
/// per row was most of a COPY's cost). A definition version tokens use cannot go, and a
/// token's definition never changes.
#[test]
fn a_token_needs_a_definition_version_that_exists() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let number = str_of(&t, "number").to_string();
    let mut sql = env.sql();
    let insert = "INSERT INTO tokens (id, number, state, auth_digest, auth_hint, definition,
                  definition_version, created_at, created_by, updated_at, updated_by)
                  VALUES (?1, ?2, 'effective', ?3, 'hint', ?4, ?5, 0, 'test', 0, 'test')";
    let row = |id: i64, definition: &str, version: i64| -> Vec<Val> {
        vec![
            id.into(),
            format!("ZZ{id}").into(),
            vec![id as u8; 32].into(),
            definition.into(),
            version.into(),
        ]
    };
    for (definition, version) in [("nope", 1), ("default", 99)] {
        let err = sql
            .try_execute(insert, &row(1000, definition, version))
            .expect_err("a token of a definition version that does not exist");
        assert!(
            foreign_key_violation(&err),
            "{definition} v{version}: {err}"
        );
    }
    assert_eq!(sql.try_execute(insert, &row(1001, "default", 1)), Ok(1));
    let err = sql
        .try_execute(
            "UPDATE tokens SET definition_version = 99 WHERE number = ?1",
            &[number.as_str().into()],
        )
        .expect_err("a token moved to a definition version that does not exist");
    assert!(foreign_key_violation(&err), "{err}");
    let err = sql
        .try_execute("DELETE FROM definitions WHERE name = 'default'", &[])
        .expect_err("a definition version that tokens use, deleted");
    assert!(foreign_key_violation(&err), "{err}");
    let count: i64 = sql.one("SELECT count(*) FROM tokens", &[]);
    assert_eq!(count, 2);
}

/// SQLite's "FOREIGN KEY constraint failed", PostgreSQL's SQLSTATE 23503.
fn foreign_key_violation(err: &str) -> bool {
    err.contains("FOREIGN KEY constraint failed") || err.contains("E23503")
}

/// The head of the audit log is recorded with each commit as the text it read; on
/// PostgreSQL that statement travels with the COMMIT, so what the database held (a hash
/// someone edited to carry a quote) must reach it as data, never as SQL.
#[test]
fn an_edited_audit_hash_is_recorded_as_data() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    let mut sql = env.sql();
    let last: i64 = sql.one("SELECT max(id) FROM audit", &[]);
    let edited = "x'); DROP TABLE tokens; --";
    sql.execute(
        "UPDATE audit SET hash = ?1 WHERE id = ?2",
        &[edited.into(), last.into()],
    );
    env.new_token(&[], "");
    let tokens: i64 = sql.one("SELECT count(*) FROM tokens", &[]);
    assert_eq!(tokens, 2);
    let head: Vec<u8> = sql.one("SELECT value FROM meta WHERE key = 'audit_head'", &[]);
    let prev: String = sql.one(
        "SELECT prev_hash FROM audit WHERE id = ?1",
        &[(last + 1).into()],
    );
    assert_eq!(prev, edited);
    let new_hash: String = sql.one("SELECT hash FROM audit WHERE id = ?1", &[(last + 1).into()]);
    assert_eq!(
        String::from_utf8(head).unwrap(),
        format!("{}:{new_hash}", last + 1)
    );
    // The edit itself is what `audit verify` reports.
    env.cmd().args(["audit", "verify"]).assert().code(5);
}

/// libpq's `options` parameter reaches the server: a team that shares one database gives
/// tokenadm a schema of its own with `options=-c search_path=…`, and every table, trigger and
/// query goes there.
#[test]
fn options_in_the_url_give_tokenadm_a_schema_of_its_own() {
    let env = TestEnv::empty();
    let Some(_) = env.pg_name() else {
        return;
    };
    env.sql().batch("CREATE SCHEMA tokenadm_own");
    let url = format!(
        "{}&options=-c%20search_path%3Dtokenadm_own",
        env.location().into_string().unwrap()
    );
    let run = |args: &[&str]| {
        let out = env
            .cmd()
            .env("TOKENADM_DB", &url)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    run(&[
        "token",
        "new",
        "-q",
        "--output",
        env.path("t.json").to_str().unwrap(),
    ]);
    let rows = env.write("rows.csv", "name\nkiosk 1\nkiosk 2\n");
    run(&[
        "token",
        "import",
        rows.to_str().unwrap(),
        "--format",
        "csv",
        "-q",
        "--output",
        env.path("i.csv").to_str().unwrap(),
    ]);
    run(&["audit", "verify"]);
    let mut sql = env.sql();
    let own: i64 = sql.one(
        "SELECT count(*) FROM information_schema.tables
         WHERE table_schema = 'tokenadm_own' AND table_name IN ('tokens', 'audit', 'schema_version')",
        &[],
    );
    assert_eq!(own, 3);
    let public: i64 = sql.one(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
        &[],
    );
    assert_eq!(public, 0);
    let tokens: i64 = sql.one("SELECT count(*) FROM tokenadm_own.tokens", &[]);
    assert_eq!(tokens, 3);
}
