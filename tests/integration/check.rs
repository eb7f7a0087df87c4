//! `tokenadm check`: offline checksum validation, no database touched.

use crate::support::*;

#[test]
fn check_accepts_generated_codes_and_rejects_typos_without_a_database() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let code = t["secrets"]["authentication_code"]
        .as_str()
        .unwrap()
        .to_string();
    let fresh = TestEnv::empty();
    fresh
        .cmd()
        .arg("check")
        .write_stdin(format!("{code}\n"))
        .assert()
        .success();
    let mut typo = code.clone();
    typo.replace_range(8..9, if &code[8..9] == "x" { "y" } else { "x" });
    let err = fresh.fails(&["check"], &format!("{typo}\n"), 4);
    assert!(err.contains("checksum") && !err.contains(&typo), "{err}");
    fresh.fails(&["check"], "", 4);
    assert!(!fresh.exists(), "check must not create a database");
}
