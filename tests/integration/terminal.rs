//! What needs a real terminal: the hidden pass-code prompt and `definition edit`. `script`
//! (util-linux) gives the binary a pseudo-terminal; what we pipe into `script` is typed on it.

use crate::support::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `tokenadm ARGS` on a pseudo-terminal with `typed` as keyboard input.
pub fn on_terminal(
    env: &TestEnv,
    args: &str,
    typed: &str,
    extra_env: &[(&str, &str)],
) -> (bool, String) {
    on_terminal_sized(env, args, typed, extra_env, 80)
}

/// [`on_terminal`] on a terminal `columns` wide (`stty cols`, as a resized window is; no
/// COLUMNS variable), 50 lines high. The screen's lines end in `\r\n`.
pub fn on_terminal_sized(
    env: &TestEnv,
    args: &str,
    typed: &str,
    extra_env: &[(&str, &str)],
    columns: u16,
) -> (bool, String) {
    let bin = assert_cmd::cargo::cargo_bin("tokenadm");
    let mut cmd = Command::new("script");
    cmd.args([
        "-qec",
        &format!("stty cols {columns} rows 50; {} {args}", bin.display()),
        "/dev/null",
    ])
    .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
    .env_remove("COLUMNS")
    .env_remove("TOKENADM_FORMAT")
    .env("TOKENADM_DB", &env.db)
    .env("TOKENADM_ACTOR", "tester")
    .env_remove("RUST_BACKTRACE")
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("script (util-linux) runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let typed = typed.to_string();
    // Typing is delayed a little so that prompts are up before the keys arrive.
    let writer = std::thread::spawn(move || {
        for chunk in typed.split_inclusive('\n') {
            std::thread::sleep(std::time::Duration::from_millis(300));
            let _ = stdin.write_all(chunk.as_bytes());
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("typist");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
    )
}

#[test]
fn prompt_asks_twice_without_echo() {
    let env = TestEnv::new();
    let (ok, screen) = on_terminal(
        &env,
        "token new --identifier t@example.com --prompt",
        "a fine pass code\na fine pass code\n",
        &[],
    );
    assert!(ok, "{screen}");
    assert!(
        screen.contains("Pass code:") && screen.contains("Pass code again:"),
        "{screen}"
    );
    assert!(
        !screen.contains("a fine pass code"),
        "the pass code was echoed: {screen}"
    );
    let t = env.json(&["token", "show", "--identifier", "t@example.com"]);
    assert_eq!(t["has_pass_code"], true);

    let before = env.dump();
    let (ok, screen) = on_terminal(
        &env,
        "token new --identifier u@example.com --prompt",
        "a fine pass code\nanother one here\n",
        &[],
    );
    assert!(!ok);
    assert!(screen.contains("do not match"), "{screen}");
    assert_eq!(before, env.dump());
}

#[test]
fn definition_edit_validates_and_offers_to_edit_again() {
    let env = TestEnv::new();
    let marker = env.path("edited-once");
    let editor = env.write(
        "editor.sh",
        &format!(
            "#!/bin/sh\nif [ ! -f '{m}' ]; then touch '{m}'; printf 'bogus = [\\n' >> \"$1\"; \
             else sed -i 's/^bogus = \\[$//' \"$1\"; printf '[pass_code]\\nmin_length = 12\\n' >> \"$1\"; fi\n",
            m = marker.display()
        ),
    );
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let (ok, screen) = on_terminal(
        &env,
        "definition edit test",
        "y",
        &[("EDITOR", editor.to_str().unwrap())],
    );
    assert!(ok, "{screen}");
    assert!(
        screen.contains("not well-formed") || screen.contains("line"),
        "{screen}"
    );
    assert!(screen.contains("Edit again?"), "{screen}");
    let v = env.json(&["definition", "show", "test"]);
    assert_eq!(v["version"], 2);
    assert!(str_of(&v, "toml").contains("min_length = 12"));
}

#[test]
fn reset_passcode_prompts_twice_without_echo() {
    let env = TestEnv::new();
    let t = env.new_token(
        &["--identifier", "r@example.com", "--pass-code-stdin"],
        "the first pass code\n",
    );
    let number = str_of(&t, "number").to_string();
    let (ok, screen) = on_terminal(
        &env,
        &format!("token reset-passcode {number} --prompt"),
        "the second pass code\nthe second pass code\n",
        &[],
    );
    assert!(ok, "{screen}");
    assert!(
        screen.contains("New pass code:") && screen.contains("New pass code again:"),
        "{screen}"
    );
    assert!(!screen.contains("the second pass code"), "echoed: {screen}");
    env.json_stdin(
        &["auth", "--identifier", "r@example.com"],
        "the second pass code\n",
    );

    // Two different entries: refused, nothing changed.
    let before = env.dump();
    let (ok, screen) = on_terminal(
        &env,
        &format!("token reset-passcode {number} --prompt"),
        "the third pass code\nsomething else here\n",
        &[],
    );
    assert!(!ok);
    assert!(screen.contains("do not match"), "{screen}");
    assert_eq!(before, env.dump());
}

#[test]
fn verify_reads_the_code_from_a_hidden_prompt() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[verification]\nrequired_for = [\"direct\"]\n"
    ));
    let t = env.new_token(
        &["--identifier", "v@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let number = str_of(&t, "number").to_string();
    let code = verification_code(&env, &number);
    // On a terminal, without --code-stdin, verify asks for the code and does not echo it.
    let (ok, screen) = on_terminal(&env, &format!("verify {number}"), &format!("{code}\n"), &[]);
    assert!(ok, "{screen}");
    assert!(screen.contains("Verification code:"), "{screen}");
    assert!(!crate::outbox::has_word(&screen, &code), "echoed: {screen}");
    let shown = env.json(&["token", "show", &number]);
    assert_eq!(shown["state"], "effective");
}
