//! `definition …` and `init --definition`: versions, activation, validation with line and column.

use crate::support::*;

#[test]
fn apply_versions_only_real_changes() {
    let env = TestEnv::new();
    let f = env.write("d.toml", TEST_DEFINITION);
    let v = env.json(&["definition", "apply", f.to_str().unwrap()]);
    assert_eq!(
        v["version"], 1,
        "an unchanged definition is not a new version"
    );
    // Comments and spacing are not a change either.
    let f = env.write("d2.toml", &format!("# a comment\n{TEST_DEFINITION}\n\n"));
    assert_eq!(
        env.json(&["definition", "apply", f.to_str().unwrap()])["version"],
        1
    );
    let f = env.write(
        "d3.toml",
        &format!("{TEST_DEFINITION}\n[pass_code]\nmin_length = 12\n"),
    );
    let v = env.json(&["definition", "apply", f.to_str().unwrap()]);
    assert_eq!(v["version"], 2);
    let history = env.json(&["definition", "history", "test"]);
    assert_eq!(history.as_array().unwrap().len(), 2);
    let old = env.json(&["definition", "show", "test", "--version", "1"]);
    assert!(!str_of(&old, "toml").contains("min_length = 12"));
    let new = env.json(&["definition", "show", "test"]);
    assert!(str_of(&new, "toml").contains("min_length = 12"));
    // The table format prints the TOML itself.
    let out = env
        .cmd()
        .args(["definition", "show", "default"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("memory_kib = 19456"), "{text}");
}

#[test]
fn apply_from_stdin_and_activate() {
    let env = TestEnv::new();
    let other = TEST_DEFINITION.replace("name = \"test\"", "name = \"partners\"");
    let v = env.json_stdin(&["definition", "apply", "-"], &other);
    assert_eq!(v["active"], false);
    let list = env.json(&["definition", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| str_of(d, "name"))
        .collect();
    assert_eq!(names, ["default", "partners", "test"]);
    env.json(&["definition", "activate", "partners"]);
    let t = env.new_token(&[], "");
    assert_eq!(str_of(&t, "definition"), "partners");
    let audit = env.json(&["audit", "--action", "definition.activate"]);
    assert_eq!(
        audit.as_array().unwrap().len(),
        2,
        "init and this activation"
    );
}

#[test]
fn validate_reports_line_and_column() {
    let env = TestEnv::new();
    let cases = [
        ("name = \"x\"\n[pass_code\nmin_length = 3\n", "line 2"),
        ("name = \"x\"\n[pass_code]\nmin_lenght = 3\n", "line 3"),
        (
            "name = \"x\"\n[pass_code]\nmin_length = 30\nmax_length = 20\n",
            "min_length",
        ),
        (
            "name = \"x\"\n[identifier]\nformat = \"regex\"\npattern = \"(unclosed\"\n",
            "pattern",
        ),
        (
            "name = \"x\"\n[communication.on_create]\ntemplate = \"Hi #access_token.nope\"\n",
            "access_token.nope",
        ),
        (
            "name = \"x\"\n[classifications.gold.pass_code]\ncolour = \"gold\"\n",
            "line 3",
        ),
        (
            "name = \"x\"\n[pass_code.hash]\nmemory_kib = 1\n",
            "memory_kib",
        ),
    ];
    for (toml, needle) in cases {
        let f = env.write("bad.toml", toml);
        let err = env.fails_unchanged(&["definition", "validate", f.to_str().unwrap()], "", 4);
        assert!(err.contains(needle), "{toml}: {err}");
        assert!(err.contains("bad.toml"), "{err}");
        let err = env.fails_unchanged(&["definition", "apply", f.to_str().unwrap()], "", 4);
        assert!(err.contains(needle), "{toml}: {err}");
    }
    let v = env.json_stdin(&["definition", "validate", "-"], TEST_DEFINITION);
    assert_eq!(v["valid"], true);
}

#[test]
fn init_with_a_bad_definition_creates_nothing() {
    let env = TestEnv::empty();
    let f = env.write("bad.toml", "name = \"x\"\nunknown = 1\n");
    env.fails(&["init", "--definition", f.to_str().unwrap()], "", 4);
    assert!(!env.exists());
}

#[test]
fn definition_refusals() {
    let env = TestEnv::new();
    env.fails_unchanged(&["definition", "show", "nope"], "", 3);
    env.fails_unchanged(&["definition", "show", "test", "--version", "9"], "", 3);
    env.fails_unchanged(&["definition", "activate", "nope"], "", 3);
    env.fails_unchanged(&["definition", "history", "nope"], "", 3);
    env.fails_unchanged(&["definition", "apply", "/nonexistent/def.toml"], "", 3);
    let f = env.path("latin1.toml");
    std::fs::write(&f, b"name = \"caf\xe9\"\n").unwrap();
    let err = env.fails_unchanged(&["definition", "apply", f.to_str().unwrap()], "", 4);
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn edit_without_a_terminal_points_to_apply() {
    let env = TestEnv::new();
    let err = env.fails_unchanged(&["definition", "edit"], "", 2);
    assert!(err.contains("definition apply"), "{err}");
}
