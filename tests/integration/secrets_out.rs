//! Secrets you can copy (issue #12, item 2): generated secrets are a block of their own under
//! the record, one per line, never wrapped; `--output FILE` (0600, never overwriting) on every
//! command that generates secrets; a warning when standard output is a file others can read;
//! "above" only when it is true.

use crate::support::*;
use crate::terminal::on_terminal_sized;
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

/// The screen's lines (the pseudo-terminal ends them with \r\n).
fn lines(screen: &str) -> Vec<&str> {
    screen.split("\r\n").collect()
}

#[test]
fn generated_secrets_are_whole_lines_on_a_60_column_terminal() {
    let env = TestEnv::new();
    let (ok, screen) = on_terminal_sized(
        &env,
        "token new --identifier t@example.com --generate-pass-code",
        "",
        &[],
        60,
    );
    assert!(ok, "{screen}");
    let lines = lines(&screen);
    let code = lines
        .iter()
        .find_map(|l| l.strip_prefix("authentication_code: "))
        .unwrap_or_else(|| panic!("no authentication code line: {screen}"));
    assert!(code.starts_with("atk_") && code.len() == 36, "{screen}");
    let pass = lines
        .iter()
        .find_map(|l| l.strip_prefix("pass_code: "))
        .unwrap_or_else(|| panic!("no pass code line: {screen}"));
    assert_eq!(pass.chars().count(), 16, "{screen}");
    // What was copied from the screen works.
    env.json_stdin(&["auth"], &format!("{code}\n"));
    env.json_stdin(
        &["auth", "--identifier", "t@example.com"],
        &format!("{pass}\n"),
    );
    assert!(screen.contains("above are shown once"), "{screen}");

    // A session token (about 300 characters) is one line too, never cut.
    let (ok, screen) = on_terminal_sized(
        &env,
        "auth --identifier t@example.com --session",
        &format!("{pass}\n"),
        &[],
        60,
    );
    assert!(ok, "{screen}");
    let jwt = screen
        .split("\r\n")
        .find_map(|l| l.strip_prefix("session_token: "))
        .unwrap_or_else(|| panic!("no session token line: {screen}"));
    assert_eq!(jwt.split('.').count(), 3, "{screen}");
    env.cmd()
        .args(["session", "verify"])
        .write_stdin(format!("{jwt}\n"))
        .assert()
        .success();
}

/// Runs `args` with `--output FILE` (a fresh name); returns the file's text and stderr.
fn to_file(env: &TestEnv, args: &[&str], stdin: &str, file: &str) -> (String, String) {
    let path = env.path(file);
    let out = env
        .cmd()
        .args(args)
        .arg("--output")
        .arg(&path)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{args:?}");
    if args.contains(&"-q") {
        assert!(stderr.is_empty(), "{stderr}");
    } else {
        // One line, naming the file.
        assert!(
            stderr.contains(&format!(
                "wrote the output to {} (mode 0600)",
                path.display()
            )),
            "{stderr}"
        );
    }
    (std::fs::read_to_string(&path).unwrap(), stderr)
}

#[test]
fn output_file_on_every_command_that_generates_secrets() {
    let env = TestEnv::new();
    let (text, stderr) = to_file(
        &env,
        &[
            "token",
            "new",
            "--identifier",
            "o@example.com",
            "--generate-pass-code",
            "--format",
            "json",
        ],
        "",
        "new.json",
    );
    let t: serde_json::Value = serde_json::from_str(&text).unwrap();
    let number = str_of(&t, "number").to_string();
    assert!(
        t["secrets"]["pass_code"].is_string() && t["secrets"]["authentication_code"].is_string()
    );
    assert!(!stderr.contains("above"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("shown nowhere else"), "{stderr}");

    // Never over an existing file: exit 5, nothing changed, the first file intact.
    let before = env.dump();
    let err = env.fails(
        &[
            "token",
            "new",
            "--output",
            env.path("new.json").to_str().unwrap(),
        ],
        "",
        5,
    );
    assert!(err.contains("new.json already exists"), "{err}");
    assert_eq!(before, env.dump());
    assert_eq!(std::fs::read_to_string(env.path("new.json")).unwrap(), text);

    let (text, _) = to_file(&env, &["token", "new", "--count", "3"], "", "count.txt");
    assert_eq!(text.matches("atk_").count(), 3, "{text}");

    let rows = env.write("rows.csv", "identifier\nr1@example.com\nr2@example.com\n");
    let def = format!("{TEST_DEFINITION}\n[automation]\ngenerate_pass_code = true\n");
    let d = env.write(
        "gen.toml",
        &def.replace("name = \"test\"", "name = \"gen\""),
    );
    env.json(&["definition", "apply", d.to_str().unwrap()]);
    env.json(&["definition", "activate", "gen"]);
    let (text, stderr) = to_file(
        &env,
        &["token", "import", rows.to_str().unwrap(), "--format", "csv"],
        "",
        "import.csv",
    );
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text
        .lines()
        .next()
        .unwrap()
        .ends_with("secrets.authentication_code,secrets.pass_code"));
    assert!(stderr.contains("imported 2 tokens"), "{stderr}");

    let (text, _) = to_file(&env, &["token", "reset-passcode", &number], "", "reset.txt");
    assert!(text.contains("\npass_code: "), "{text}");

    let (text, _) = to_file(&env, &["token", "rotate", &number], "", "rotate.txt");
    let code = text
        .lines()
        .find_map(|l| l.strip_prefix("authentication_code: "))
        .unwrap()
        .to_string();
    env.json_stdin(&["auth"], &format!("{code}\n"));

    let (text, _) = to_file(
        &env,
        &["auth", "--session", "-q"],
        &format!("{code}\n"),
        "session.jwt",
    );
    assert_eq!(text.trim_end().split('.').count(), 3, "{text}");

    // A command that fails leaves no output file behind.
    let before = env.dump();
    env.fails(
        &[
            "token",
            "new",
            "--identifier",
            "not an email",
            "--output",
            env.path("failed.txt").to_str().unwrap(),
        ],
        "",
        4,
    );
    assert!(!env.path("failed.txt").exists());
    assert_eq!(before, env.dump());
    // And a folder that does not exist is named before anything changes.
    env.fails_unchanged(
        &[
            "token",
            "rotate",
            &number,
            "--output",
            env.path("no/such/folder/x.txt").to_str().unwrap(),
        ],
        "",
        3,
    );
}

#[test]
fn secrets_into_a_file_others_can_read_are_warned_about() {
    let env = TestEnv::new();
    let path = env.path("tokens.csv");
    let file = std::fs::File::create(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenadm"))
        .env("TOKENADM_DB", &env.db)
        .env("TOKENADM_ACTOR", "tester")
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .args(["token", "new", "--count", "2", "--format", "csv", "-q"])
        .stdout(Stdio::from(file))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Even under -q: the secrets sit in a file others can read.
    assert!(
        stderr.starts_with("warning: ")
            && stderr.contains(&path.display().to_string())
            && stderr.contains("mode 0644")
            && stderr.contains("--output"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&path)
            .unwrap()
            .matches("atk_")
            .count(),
        2
    );

    // Through a pipe: a note that does not claim "above".
    let out = env.cmd().args(["token", "new"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("written once to standard output") && !stderr.contains("above"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\nauthentication_code: atk_"), "{stdout}");
}
