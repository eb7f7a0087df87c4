//! Messages as commands queue them (issue #5): templates rendered with the seeds' tags, a
//! secret rendered only in the message of the command that made it, unknown tags refused with
//! line and column, and the recipient chosen (participant, account, identifier) by media.
//! What is queued is read back with `outbox show`, before any delivery.

use crate::outbox::{line_value, outbox, show};
use crate::support::*;
use serde_json::Value;

const HASH: &str = "[pass_code.hash]\nmemory_kib = 256\niterations = 1\nparallelism = 1\n";

/// A definition with the test hash settings and `extra` tables.
fn definition(extra: &str) -> String {
    format!("name = \"messages\"\n{HASH}\n{extra}")
}

/// The body of the only message of `event` for `number`.
fn body(env: &TestEnv, number: &str, event: &str) -> (Value, String) {
    let found: Vec<Value> = outbox(env, &["--token", number])
        .into_iter()
        .filter(|m| m["event"] == event)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let m = show(env, found[0]["id"].as_i64().unwrap());
    let body = m["body"].as_str().unwrap().to_string();
    (m, body)
}

fn crm(env: &TestEnv) {
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha Ltd",
        "--email",
        "billing@alpha.example",
        "--phone",
        "+35722000001",
    ]);
    env.json(&[
        "participant",
        "add",
        "RP-1",
        "--account",
        "AR-1",
        "--name",
        "Maria Georgiou",
        "--email",
        "maria@example.com",
        "--phone",
        "+35799000001",
    ]);
    // A participant without an address of its own.
    env.json(&[
        "participant",
        "add",
        "RP-2",
        "--account",
        "AR-1",
        "--name",
        "Nikos",
    ]);
}

#[test]
fn on_create_renders_the_seeds_tags() {
    let env = TestEnv::with_definition(&definition(
        r##"
[communication.on_create]
enabled = true
media = "email"
subject = "#accounts_receivable.name: token #access_token.number"
template = """
Dear #rewards_participant.name of #accounts_receivable.name,
Number: #access_token.number
Identifier: #access_token.identifier
Pass code: #access_token.pass_code
Authentication code: #access_token.authentication_code
Verification code: #access_token.verification_code
"""
"##,
    ));
    crm(&env);
    let t = env.new_token(
        &[
            "--identifier",
            "maria.g@example.com",
            "--generate-pass-code",
            "--participant",
            "RP-1",
        ],
        "",
    );
    let number = str_of(&t, "number");
    let (m, body) = body(&env, number, "on_create");
    assert_eq!(m["subject"], format!("Alpha Ltd: token {number}"));
    assert_eq!(m["recipient"], "maria@example.com");
    assert!(
        body.starts_with("Dear Maria Georgiou of Alpha Ltd,\n"),
        "{body}"
    );
    assert_eq!(line_value(&body, "Number:"), number);
    assert_eq!(line_value(&body, "Identifier:"), "maria.g@example.com");
    // outbox show never shows a secret: each waits sealed, a placeholder in its place.
    assert_eq!(line_value(&body, "Pass code:"), "[sealed pass code]");
    assert_eq!(
        line_value(&body, "Authentication code:"),
        "[sealed authentication code]"
    );
    let bag = Mailbag::new(&env, "");
    bag.deliver(&env);
    let mail = &bag.mails()[0];
    assert_eq!(
        mail.line("Pass code:").unwrap(),
        str_of(&t["secrets"], "pass_code")
    );
    assert_eq!(
        mail.line("Authentication code:").unwrap(),
        str_of(&t["secrets"], "authentication_code")
    );
    assert_eq!(mail.line("Number:").unwrap(), number);
    // token new made no verification code (none is required): its line is left out, never
    // sent empty (issue #11, item 6).
    assert!(!body.contains("Verification code:"), "{body}");
}

#[test]
fn a_secret_renders_only_in_the_messages_of_the_command_that_made_or_received_it() {
    let env = TestEnv::with_definition(&definition(
        r#"
[verification]
required_for = ["direct"]

[communication.on_create]
enabled = true
template = """
Pass code: #access_token.pass_code
Authentication code: #access_token.authentication_code
Verification code: #access_token.verification_code
"""

[communication.on_verification]
template = """
Pass code: #access_token.pass_code
Authentication code: #access_token.authentication_code
Verification code: #access_token.verification_code
"""

[communication.on_reset]
template = """
Pass code: #access_token.pass_code
"""
"#,
    ));
    // A pass code the operator typed was received by the command: both its messages carry it,
    // with the generated authentication code and the verification code (issue #11, item 6).
    let t = env.new_token(
        &["--identifier", "eve@example.com", "--pass-code-stdin"],
        "Typed-Pass-Code-123\n",
    );
    let number = str_of(&t, "number").to_string();
    let auth = str_of(&t["secrets"], "authentication_code").to_string();
    let bag = Mailbag::new(&env, "");
    bag.deliver(&env);
    let mails = bag.mails();
    let (verification, created) = (&mails[0], &mails[1]);
    let code = verification.line("Verification code:").unwrap();
    assert_eq!(code.len(), 6, "{verification:?}");
    for mail in [verification, created] {
        assert_eq!(mail.line("Pass code:").unwrap(), "Typed-Pass-Code-123");
        assert_eq!(mail.line("Authentication code:").unwrap(), auth);
        assert_eq!(mail.line("Verification code:").unwrap(), code);
    }

    // resend-code makes only a code: its message has no pass-code or authentication-code line.
    env.json(&["token", "resend-code", &number]);
    bag.deliver(&env);
    let resent = bag.mails()[2].clone();
    let fresh = resent.line("Verification code:").unwrap();
    assert!(resent.line("Pass code:").is_none(), "{resent:?}");
    assert!(resent.line("Authentication code:").is_none(), "{resent:?}");

    // reset-passcode makes a pass code: its message has it.
    env.json_stdin(&["verify", &number, "--code-stdin"], &format!("{fresh}\n"));
    let reset = env.json(&["token", "reset-passcode", &number, "--notify"]);
    let new_pass = str_of(&reset["secrets"], "pass_code");
    bag.deliver(&env);
    let reset_mail = bag.mails()[3].clone();
    assert_eq!(reset_mail.line("Pass code:").unwrap(), new_pass);
    assert!(!reset_mail.body.contains("Typed-Pass-Code-123"));
}

#[test]
fn an_unknown_tag_is_refused_with_line_and_column() {
    let env = TestEnv::new();
    let file = env.write(
        "bad.toml",
        "name = \"bad\"\n\n[communication.on_verification]\ntemplate = \"Code: #access_token.verification_cod\"\n",
    );
    let before = env.dump();
    for cmd in ["validate", "apply"] {
        let err = env.fails(&["definition", cmd, file.to_str().unwrap()], "", 4);
        assert!(err.contains("line 4, column 19"), "{err}");
        assert!(err.contains("#access_token.verification_cod"), "{err}");
    }
    assert_eq!(before, env.dump());
}

#[test]
fn the_recipient_is_the_participant_then_the_account_then_the_identifier() {
    let env = TestEnv::with_definition(&definition(
        "[communication.on_create]\nenabled = true\ntemplate = \"Token #access_token.number\"\n",
    ));
    crm(&env);
    let recipient = |args: &[&str], stdin: &str| -> String {
        let t = env.new_token(args, stdin);
        let (m, _) = body(&env, str_of(&t, "number"), "on_create");
        m["recipient"].as_str().unwrap().to_string()
    };
    // The participant's own address wins over its account's and the identifier.
    assert_eq!(
        recipient(
            &[
                "--participant",
                "RP-1",
                "--identifier",
                "id1@example.com",
                "--pass-code-stdin"
            ],
            "Some-Pass-Code-1\n"
        ),
        "maria@example.com"
    );
    // A participant without one: its account's.
    assert_eq!(
        recipient(&["--participant", "RP-2"], ""),
        "billing@alpha.example"
    );
    assert_eq!(
        recipient(&["--account", "AR-1"], ""),
        "billing@alpha.example"
    );
    // Nothing linked: the identifier, since it is an email address.
    assert_eq!(
        recipient(
            &["--identifier", "solo@example.com", "--pass-code-stdin"],
            "Some-Pass-Code-2\n"
        ),
        "solo@example.com"
    );

    // Nobody to write to: the token is still issued (the message is not required), and the
    // command says why no message was queued.
    let out = env
        .cmd()
        .args(["token", "new", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no message queued") && err.contains("no email address"),
        "{err}"
    );
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(outbox(&env, &["--token", str_of(&t, "number")]).is_empty());
}

#[test]
fn sms_goes_to_a_phone_number() {
    let env = TestEnv::with_definition(&definition(
        "[identifier]\nformat = \"phone\"\n\n[communication.on_create]\nenabled = true\nmedia = \"sms\"\ntemplate = \"Token #access_token.number\"\n",
    ));
    crm(&env);
    let recipient = |args: &[&str], stdin: &str| -> String {
        let t = env.new_token(args, stdin);
        let (m, _) = body(&env, str_of(&t, "number"), "on_create");
        assert_eq!(m["media"], "sms");
        m["recipient"].as_str().unwrap().to_string()
    };
    assert_eq!(recipient(&["--participant", "RP-1"], ""), "+35799000001");
    assert_eq!(recipient(&["--participant", "RP-2"], ""), "+35722000001");
    assert_eq!(
        recipient(
            &["--identifier", "+35799555555", "--pass-code-stdin"],
            "Some-Pass-Code-3\n"
        ),
        "+35799555555"
    );
}

#[test]
fn a_required_message_without_a_recipient_fails_and_changes_nothing() {
    let env = TestEnv::with_definition(&definition(
        "[verification]\nrequired_for = [\"participant\", \"account\"]\n\n[communication.on_verification]\nmedia = \"sms\"\n",
    ));
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha Ltd",
        "--email",
        "a@alpha.example",
    ]);
    env.json(&[
        "participant",
        "add",
        "RP-1",
        "--account",
        "AR-1",
        "--email",
        "p@example.com",
    ]);
    // Email addresses everywhere, but the code goes by SMS: nobody has a phone number.
    for link in [["--participant", "RP-1"], ["--account", "AR-1"]] {
        let err = env.fails_unchanged(&["token", "new", link[0], link[1]], "", 4);
        assert!(err.contains("no phone number"), "{err}");
        assert!(err.contains("on_verification"), "{err}");
    }
    assert!(outbox(&env, &[]).is_empty());
}
