//! `token show` and `token list`: lookups, filters, pagination, formats.

use crate::support::*;

#[test]
fn show_by_number_identifier_and_code() {
    let env = TestEnv::new();
    let t = env.new_token(
        &["--identifier", "Alice@Example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let code = t["secrets"]["authentication_code"]
        .as_str()
        .unwrap()
        .to_string();
    let by_number = env.json(&["token", "show", "AT0000000001"]);
    let by_id = env.json(&["token", "show", "--identifier", "alice@example.COM"]);
    let by_code = env.json_stdin(
        &["token", "show", "--auth-code-stdin"],
        &format!("{code}\n"),
    );
    for v in [&by_number, &by_id, &by_code] {
        assert_eq!(str_of(v, "number"), "AT0000000001");
        assert!(v.get("secrets").is_none());
    }
}

#[test]
fn show_refusals() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let code = t["secrets"]["authentication_code"]
        .as_str()
        .unwrap()
        .to_string();
    // One character changed: the checksum catches it before any lookup.
    let mut typo: Vec<char> = code.chars().collect();
    typo[10] = if typo[10] == 'a' { 'b' } else { 'a' };
    let typo: String = typo.into_iter().collect();
    let err = env.fails_unchanged(
        &["token", "show", "--auth-code-stdin"],
        &format!("{typo}\n"),
        4,
    );
    assert!(err.contains("checksum") && !err.contains(&typo), "{err}");
    let err = env.fails_unchanged(&["token", "show", "AT0000000999"], "", 3);
    assert_eq!(
        err.trim_end(),
        "error: token \"AT0000000999\" does not exist; see tokenadm token list"
    );
    let err = env.fails_unchanged(&["token", "show", ""], "", 3);
    assert!(err.contains("token \"\" does not exist"), "{err}");
    env.fails_unchanged(
        &["token", "show", "--identifier", "nobody@example.com"],
        "",
        3,
    );
    let unknown = "some-custom-code-that-nobody-has";
    let err = env.fails_unchanged(
        &["token", "show", "--auth-code-stdin"],
        &format!("{unknown}\n"),
        3,
    );
    assert!(!err.contains(unknown), "the code must not be echoed: {err}");
    env.fails_unchanged(&["token", "show", "--auth-code-stdin"], "", 4);
    env.fails(&["token", "show"], "", 2);
}

#[test]
fn list_filters_and_keyset_pagination() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.json(&["participant", "add", "RP-1", "--account", "AR-1"]);
    env.new_token(&["--count", "5"], "");
    env.new_token(&["--account", "AR-1", "--name", "billing portal"], "");
    env.new_token(&["--participant", "RP-1", "--expires-in", "2d"], "");
    env.new_token(
        &["--identifier", "zoe@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );

    let all = env.json(&["token", "list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 8);
    let page1 = env.json(&["token", "list", "--limit", "3"]);
    let numbers: Vec<&str> = page1
        .as_array()
        .unwrap()
        .iter()
        .map(|t| str_of(t, "number"))
        .collect();
    assert_eq!(numbers, ["AT0000000001", "AT0000000002", "AT0000000003"]);
    let page2 = env.json(&["token", "list", "--limit", "3", "--after", "AT0000000003"]);
    assert_eq!(str_of(&page2[0], "number"), "AT0000000004");

    let by_account = env.json(&["token", "list", "--account", "AR-1"]);
    assert_eq!(by_account.as_array().unwrap().len(), 1);
    let by_participant = env.json(&["token", "list", "--participant", "RP-1"]);
    assert_eq!(str_of(&by_participant[0], "number"), "AT0000000007");
    let expiring = env.json(&["token", "list", "--expiring-within", "3d"]);
    assert_eq!(expiring.as_array().unwrap().len(), 1);
    let expiring = env.json(&["token", "list", "--expiring-within", "1d"]);
    assert_eq!(expiring.as_array().unwrap().len(), 0);
    let search = env.json(&["token", "list", "--search", "ZOE@"]);
    assert_eq!(str_of(&search[0], "identifier"), "zoe@example.com");
    let search = env.json(&["token", "list", "--search", "portal"]);
    assert_eq!(str_of(&search[0], "name"), "billing portal");
    let eff = env.json(&[
        "token",
        "list",
        "--state",
        "effective",
        "--state",
        "not_effective",
        "--all",
    ]);
    assert_eq!(eff.as_array().unwrap().len(), 8);
    let pending = env.json(&["token", "list", "--state", "pending_verification"]);
    assert_eq!(pending.as_array().unwrap().len(), 0);
    env.fails(&["token", "list", "--state", "active"], "", 2);
}

#[test]
fn list_csv_has_exactly_the_contract_fields() {
    let env = TestEnv::new();
    env.new_token(&["--count", "2"], "");
    let out = env
        .cmd()
        .args(["token", "list", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "number,name,identifier,classification,state,has_pass_code,authentication_code_hint,account,participant,expires_at,verified_at,last_used_at,uses_today,locked_until,definition,definition_version,created_at,created_by,updated_at,updated_by"
    );
    assert_eq!(lines.count(), 2);
    // An empty list still has its header.
    let out = env
        .cmd()
        .args([
            "token",
            "list",
            "--format",
            "csv",
            "--state",
            "pending_verification",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn list_table_shows_hints_never_codes() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let code = t["secrets"]["authentication_code"].as_str().unwrap();
    let out = env
        .cmd()
        .args([
            "token",
            "list",
            "--columns",
            "number,authentication_code_hint",
        ])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("AT0000000001"));
    assert!(table.contains(&code[32..]));
    assert!(!table.contains(code));
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let env = TestEnv::new();
    env.fails(&["token", "list", "--format", "xml"], "", 2);
    let out = env
        .cmd()
        .env("TOKENADM_FORMAT", "yaml")
        .args(["token", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
