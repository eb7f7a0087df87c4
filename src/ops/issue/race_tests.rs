//! What stays exact under the write lock when another command issues at the same time as a
//! bulk issuance (stage 2 of the pipeline), tested from outside through the issue entry points.

use crate::domain::secret::Secret;
use crate::error::{Error, Kind, Result};
use crate::ops::definitions;
use crate::ops::issue::{
    issue, issue_rows, Bulk, Expiry, IssueRequest, Issued, PassCodeInput, Phase, Progress, Sink,
};
use crate::ops::Env;
use crate::store::Store;
use std::path::Path;

fn env() -> Env {
    Env::new(1_700_000_000, "t")
}

/// A database `t.db` in `dir` with the definition `toml` active.
fn database(dir: &Path, env: &Env, toml: &str) -> Store {
    let mut store = Store::open(&dir.join("t.db"), env.now).unwrap();
    definitions::apply(&mut store, env, toml, "t.toml").unwrap();
    definitions::activate(&mut store, env, "t").unwrap();
    store
}

/// A token with nothing given, at `line`.
fn blank(line: u64) -> IssueRequest {
    IssueRequest {
        line,
        identifier: None,
        pass_code: PassCodeInput::Absent,
        auth_code: None,
        name: None,
        classification: None,
        account: None,
        participant: None,
        expires: Expiry::Default,
        skip_verification: false,
    }
}

/// Another process, issuing its token just as the import is about to take the write lock.
struct Racer<'a>(&'a Path, &'a Env, IssueRequest);
impl Progress for Racer<'_> {
    fn phase(&self, phase: Phase, _total: Option<u64>) {
        if phase == Phase::Writing {
            let mut other = Store::open(&self.0.join("t.db"), self.1.now).unwrap();
            issue(&mut other, self.1, self.2.clone()).unwrap();
        }
    }
}

struct Nothing;
impl Sink for Nothing {
    fn records(&mut self, _: Vec<Issued>) -> Result<()> {
        panic!("nothing may be printed");
    }
}

/// Imports `rows` as "r.csv" into the database in `dir` while `racer` is issued in between
/// the checks and the write; the import must fail.
fn import_racing(
    store: &mut Store,
    env: &Env,
    dir: &Path,
    rows: Vec<IssueRequest>,
    racer: IssueRequest,
) -> Error {
    issue_rows(
        store,
        env,
        Box::new(rows.into_iter().map(|r| (r.line, Ok(r)))),
        "r.csv",
        &Default::default(),
        &Bulk {
            progress: &Racer(dir, env, racer),
            spool_dir: dir,
        },
        &mut Nothing,
    )
    .unwrap_err()
}

/// What stage 1 checked can change before stage 2 takes the lock: another process takes an
/// identifier in between. The write transaction then fails on that row, names its line,
/// and leaves nothing of the import behind.
#[test]
fn a_conflict_arising_after_the_checks_rolls_back_and_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let env = env();
    let toml = "name = \"t\"\n[pass_code.hash]\nmemory_kib = 256\niterations = 1\n";
    let mut store = database(dir.path(), &env, toml);
    let row = |line: u64, id: &str| IssueRequest {
        identifier: Some(id.into()),
        pass_code: PassCodeInput::Given(Secret::new("a fine pass code".into())),
        ..blank(line)
    };
    let rows = vec![
        row(2, "a@example.com"),
        row(3, "b@example.com"),
        row(4, "c@example.com"),
    ];
    let err = import_racing(&mut store, &env, dir.path(), rows, row(0, "B@example.com"));
    // The same exit as a row that clashed with the database from the start (exit 5, as
    // token new).
    assert_eq!(err.kind, Kind::Conflict);
    assert_eq!(
        err.message,
        "r.csv line 3: identifier \"b@example.com\" is already held by token AT0000000001"
    );
    let tokens = store
        .read(|tx| tx.list_tokens(&Default::default()))
        .unwrap();
    let numbers: Vec<&str> = tokens.iter().map(|t| t.number.as_str()).collect();
    assert_eq!(numbers, ["AT0000000001"]);
}

/// Another command takes a place on an account after the rows were checked: under the lock
/// the cap is checked again, counting the rows of the same batch before each one.
#[test]
fn the_account_cap_is_exact_under_the_lock_within_a_batch() {
    use crate::ops::entities::{add_account, Contact};
    let dir = tempfile::tempdir().unwrap();
    let env = env();
    let toml = "name = \"t\"\n[automation]\nmax_tokens_per_account = 2\n";
    let mut store = database(dir.path(), &env, toml);
    let contact = Contact {
        name: Some("Zed".into()),
        email: None,
        phone: None,
    };
    add_account(&mut store, &env, "AR-1", contact).unwrap();
    let row = |line: u64| IssueRequest {
        account: Some("AR-1".into()),
        ..blank(line)
    };
    let err = import_racing(&mut store, &env, dir.path(), vec![row(2), row(3)], row(0));
    assert!(
        err.message
            .starts_with("r.csv line 3: account \"AR-1\" already holds 1 tokens"),
        "{}",
        err.message
    );
    let tokens = store
        .read(|tx| tx.list_tokens(&Default::default()))
        .unwrap();
    assert_eq!(tokens.len(), 1);
}
