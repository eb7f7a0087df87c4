//! No secret reaches the database file, its WAL, or the audit log in the clear.

use crate::support::*;

#[test]
fn known_secrets_are_nowhere_in_the_database_files() {
    if on_pg() {
        return; // SQLite's own files; on both engines `dump()` is searched by other tests
    }
    let env = TestEnv::new();
    // An open connection keeps the write-ahead log from being checkpointed away when tokenadm
    // exits, so that the commands' own WAL frames are searched too.
    let keeper = env.conn();
    keeper
        .query_row("SELECT count(*) FROM tokens", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let pass = "Unmistakable-Pass-Code-4242";
    let custom = "Unmistakable-Custom-Code-7373";
    let t = env.new_token(
        &[
            "--identifier",
            "s@example.com",
            "--pass-code-stdin",
            "--auth-code-stdin",
        ],
        &format!("{pass}\n{custom}\n"),
    );
    let g = env.new_token(
        &["--identifier", "g@example.com", "--generate-pass-code"],
        "",
    );
    let generated = [
        g["secrets"]["pass_code"].as_str().unwrap().to_string(),
        g["secrets"]["authentication_code"]
            .as_str()
            .unwrap()
            .to_string(),
    ];
    assert!(t.get("secrets").is_none());
    let mut haystack = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let p = env.db.with_file_name(format!("tokenadm.db{suffix}"));
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        if suffix == "-wal" {
            // The commands' own pages are there: the identifier, stored in the clear, is.
            let identifier = b"g@example.com";
            assert!(
                bytes.windows(identifier.len()).any(|w| w == identifier),
                "the WAL does not hold the commands' pages"
            );
        }
        haystack.extend(bytes);
    }
    drop(keeper);
    for secret in [pass, custom, generated[0].as_str(), generated[1].as_str()] {
        let found = haystack
            .windows(secret.len())
            .any(|w| w == secret.as_bytes());
        assert!(!found, "secret {secret} found in the database files");
    }
}
