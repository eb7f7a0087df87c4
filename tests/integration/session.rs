//! `tokenadm auth --session` and `tokenadm session verify` (issue #6): the claims, an
//! independent check with PyJWT, and every way a session token is refused. Expired and forged
//! tokens are made with the library's own `sign` and the database's key, never by waiting.

use crate::auth::{now, set_column, token_with_pass, PASS};
use crate::support::*;
use serde_json::Value;
use std::io::Write;
use std::process::Stdio;
use tokenadm::domain::session::{sign, Claims};

const SESSION_DEFINITION: &str = r#"
name = "portal"
description = "sessions for the portal"

[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1

[session]
ttl = "30m"
issuer = "crm-portal"

[classifications.staff]
"#;

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn b64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .unwrap()
}

/// The database's session key, as the meta table holds it.
fn session_key(env: &TestEnv) -> Vec<u8> {
    env.conn()
        .query_row(
            "SELECT value FROM meta WHERE key = 'key.session'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// A session token for a linked, classified token; returns (number, session token).
fn session(env: &TestEnv) -> (String, String) {
    env.json(&["account", "add", "AR-1", "--name", "Acme"]);
    env.json(&["participant", "add", "RP-7", "--account", "AR-1"]);
    let t = env.new_token(
        &[
            "--identifier",
            "ivan@example.com",
            "--pass-code-stdin",
            "--classification",
            "staff",
            "--participant",
            "RP-7",
            "--account",
            "AR-1",
        ],
        &format!("{PASS}\n"),
    );
    let number = str_of(&t, "number").to_string();
    let out = env
        .cmd()
        .args([
            "auth",
            "--identifier",
            "ivan@example.com",
            "--session",
            "-q",
        ])
        .write_stdin(format!("{PASS}\n"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let jwt = String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string();
    (number, jwt)
}

fn verify_fails(env: &TestEnv, jwt: &str, code: i32) -> String {
    env.fails_unchanged(&["session", "verify"], &format!("{jwt}\n"), code)
}

fn claims_of(jwt: &str) -> Value {
    serde_json::from_slice(&b64_decode(jwt.split('.').nth(1).unwrap())).unwrap()
}

#[test]
fn a_session_carries_the_claims_and_verifies() {
    let env = TestEnv::with_definition(SESSION_DEFINITION);
    let (number, jwt) = session(&env);

    let header: Value =
        serde_json::from_slice(&b64_decode(jwt.split('.').next().unwrap())).unwrap();
    assert_eq!(header, serde_json::json!({"alg": "HS256", "typ": "JWT"}));

    let c = env.json_stdin(&["session", "verify"], &format!("{jwt}\n"));
    assert_eq!(
        c,
        claims_of(&jwt)
            .as_object()
            .map(|o| {
                let mut o = o.clone();
                for k in ["classification", "account", "participant"] {
                    o.entry(k).or_insert(Value::Null);
                }
                Value::Object(o)
            })
            .unwrap()
    );
    assert_eq!(str_of(&c, "iss"), "crm-portal");
    assert_eq!(str_of(&c, "sub"), number);
    assert_eq!(str_of(&c, "classification"), "staff");
    assert_eq!(str_of(&c, "account"), "AR-1");
    assert_eq!(str_of(&c, "participant"), "RP-7");
    let iat = c["iat"].as_i64().unwrap();
    assert_eq!(c["exp"].as_i64().unwrap() - iat, 30 * 60);
    assert!((now() - iat).abs() < 120);
    let jti = str_of(&c, "jti");
    assert!(jti.len() == 32 && jti.chars().all(|ch| ch.is_ascii_hexdigit()));

    // The audit log knows the session by its jti, never by the token itself.
    let audit = env.json(&["audit", "--action", "token.auth"]);
    assert_eq!(audit[0]["detail"]["session"]["jti"], jti);
    assert!(!env.dump().contains(&jwt));

    // Table and CSV too.
    let table = env
        .cmd()
        .args(["session", "verify"])
        .write_stdin(format!("{jwt}\n"))
        .output()
        .unwrap();
    assert!(table.status.success());
    assert!(String::from_utf8_lossy(&table.stdout).contains("crm-portal"));
    let csv = env
        .cmd()
        .args(["session", "verify", "--format", "csv"])
        .write_stdin(jwt.clone())
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("iss,sub,iat,exp,jti,classification,account,participant\n"),
        "{csv}"
    );

    // Every session is a new jti, signed with the same per-database key.
    let (_, again) = {
        let out = env
            .cmd()
            .args([
                "auth",
                "--identifier",
                "ivan@example.com",
                "--session",
                "-q",
            ])
            .write_stdin(format!("{PASS}\n"))
            .output()
            .unwrap();
        (
            0,
            String::from_utf8(out.stdout)
                .unwrap()
                .trim_end()
                .to_string(),
        )
    };
    assert_ne!(claims_of(&again)["jti"], claims_of(&jwt)["jti"]);
    assert_eq!(session_key(&env).len(), 32);
}

#[test]
fn pyjwt_accepts_our_session_token() {
    let env = TestEnv::with_definition(SESSION_DEFINITION);
    let (number, jwt) = session(&env);
    let key: String = session_key(&env)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let out = jwt_check(&key, &format!("{jwt}\n"));
    assert!(
        out.status.success(),
        "jwt_check.py refused our token (exit {:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let claims: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(claims, claims_of(&jwt));
    assert_eq!(claims["sub"], number.as_str());
    assert_eq!(claims["iss"], "crm-portal");
    assert_eq!(claims["participant"], "RP-7");
}

/// Runs `tests/support/jwt_check.py HEXKEY` on `token`: PyJWT's verdict (and the standard
/// library's), through the same provisioned `python3` as every test that needs a package.
fn jwt_check(hex_key: &str, token: &str) -> std::process::Output {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/jwt_check.py");
    let mut child = crate::support::python()
        .arg(&script)
        .arg(hex_key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(token.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The library's `sign` (not only the binary's session), checked by PyJWT, whose code shares
/// nothing with ours; and the checker is not a rubber stamp: a wrong key fails. This was a unit
/// test in `domain::session`, where it failed on a machine whose Python lacks PyJWT before
/// anything could install it (issue #12).
#[test]
fn pyjwt_accepts_what_the_library_signs() {
    use tokenadm::domain::session::{generate_key, new_jti};
    // PyJWT checks exp and iat against the real clock.
    let now = now();
    let key = generate_key();
    let c = Claims {
        iss: "tokenadm".into(),
        sub: "AT0000000042".into(),
        iat: now,
        exp: now + 7_200,
        jti: new_jti(),
        classification: None,
        account: Some("AR-1".into()),
        participant: None,
        unit: None,
    };
    let token = sign(&c, &key);
    let hex_key: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let out = jwt_check(&hex_key, &token);
    assert!(
        out.status.success(),
        "jwt_check.py refused our token ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let decoded: Claims = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(decoded, c);
    assert!(!jwt_check(&"00".repeat(32), &token).status.success());
}

#[test]
fn expired_tampered_and_unsigned_sessions_are_refused() {
    let env = TestEnv::with_definition(SESSION_DEFINITION);
    let (number, jwt) = session(&env);
    let key = session_key(&env);
    let parts: Vec<&str> = jwt.split('.').collect();

    // Expired: signed with the right key, but its exp has passed.
    let t = now();
    let expired = Claims {
        iss: "crm-portal".into(),
        sub: number.clone(),
        iat: t - 3 * 3600,
        exp: t - 3600,
        jti: "0123456789abcdef0123456789abcdef".into(),
        classification: None,
        account: None,
        participant: None,
        unit: None,
    };
    let err = verify_fails(&env, &sign(&expired, &key), 6);
    assert!(err.contains("expired"), "{err}");

    // The payload changed (another subject), the signature kept.
    let mut forged = claims_of(&jwt);
    forged["sub"] = "AT0000000002".into();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64(forged.to_string().as_bytes()),
        parts[2]
    );
    let err = verify_fails(&env, &tampered, 6);
    assert!(err.contains("signature"), "{err}");

    // The signature changed: one byte flipped in the middle.
    let mut sig = b64_decode(parts[2]);
    sig[10] ^= 0x01;
    let err = verify_fails(&env, &format!("{}.{}.{}", parts[0], parts[1], b64(&sig)), 6);
    assert!(err.contains("signature"), "{err}");

    // alg "none", with or without a signature; and another algorithm.
    let none = b64(br#"{"alg":"none","typ":"JWT"}"#);
    for token in [
        format!("{none}.{}.", parts[1]),
        format!("{none}.{}.{}", parts[1], parts[2]),
    ] {
        let err = verify_fails(&env, &token, 6);
        assert!(
            err.contains("\"none\"") && err.contains("only HS256"),
            "{err}"
        );
    }
    let hs512 = b64(br#"{"alg":"HS512","typ":"JWT"}"#);
    let err = verify_fails(&env, &format!("{hs512}.{}.{}", parts[1], parts[2]), 6);
    assert!(err.contains("HS512"), "{err}");

    // Signed by another database's key.
    let other = TestEnv::with_definition(SESSION_DEFINITION);
    let err = verify_fails(&other, &jwt, 6);
    assert!(err.contains("signature"), "{err}");

    // Signed with the right key, but not by this token's issuer.
    let foreign = Claims {
        iss: "someone-else".into(),
        iat: t,
        exp: t + 600,
        ..expired.clone()
    };
    let err = verify_fails(&env, &sign(&foreign, &key), 6);
    assert!(
        err.contains("issuer") && err.contains("crm-portal"),
        "{err}"
    );

    // Signed with the right key, for a token that does not exist.
    let ghost = Claims {
        sub: "AT0000009999".into(),
        iat: t,
        exp: t + 600,
        ..expired
    };
    let err = verify_fails(&env, &sign(&ghost, &key), 6);
    assert!(err.contains("AT0000009999"), "{err}");

    // Not a JWT at all; nothing at all.
    let err = verify_fails(&env, "not-a-session-token", 6);
    assert!(err.contains("malformed"), "{err}");
    verify_fails(&env, "", 4);

    // The genuine one still verifies.
    env.json_stdin(&["session", "verify"], &jwt);
}

/// A definition with a one-second session ttl: the session `auth --session` issues says so in
/// its claims, and once the clock passes its `exp`, `session verify` refuses it as expired.
#[test]
fn a_session_expires_after_the_definitions_ttl() {
    let env =
        TestEnv::with_definition(&SESSION_DEFINITION.replace("ttl = \"30m\"", "ttl = \"1s\""));
    let (_, jwt) = session(&env);
    let claims = claims_of(&jwt);
    let exp = claims["exp"].as_i64().unwrap();
    assert_eq!(exp, claims["iat"].as_i64().unwrap() + 1);
    // Waits for the clock, not for an amount of time: at most a few seconds.
    while now() <= exp {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let err = verify_fails(&env, &jwt, 6);
    assert!(err.contains("expired"), "{err}");
}

#[test]
fn a_session_dies_with_its_token() {
    let env = TestEnv::with_definition(SESSION_DEFINITION);
    let (number, jwt) = session(&env);
    env.json_stdin(&["session", "verify"], &format!("{jwt}\n"));

    env.json(&[
        "token",
        "set-state",
        &number,
        "not_effective",
        "--reason",
        "device stolen",
    ]);
    let err = verify_fails(&env, &jwt, 6);
    assert!(
        err.contains("not_effective") && err.contains(&number),
        "{err}"
    );

    env.json(&["token", "set-state", &number, "effective"]);
    env.json_stdin(&["session", "verify"], &format!("{jwt}\n"));
    set_column(&env, &number, "expires_at", (now() - 5).into());
    let err = verify_fails(&env, &jwt, 6);
    assert!(err.contains("expired"), "{err}");

    set_column(&env, &number, "expires_at", rusqlite::types::Value::Null);
    env.json_stdin(&["session", "verify"], &format!("{jwt}\n"));
}

#[test]
fn a_session_key_that_is_not_256_bits_is_refused() {
    let env = TestEnv::with_definition(SESSION_DEFINITION);
    let (_, jwt) = session(&env);
    env.conn()
        .execute(
            "UPDATE meta SET value = ?1 WHERE key = 'key.session'",
            [vec![7u8; 16]],
        )
        .unwrap();
    let err = verify_fails(&env, &jwt, 1);
    assert!(err.contains("16 bytes, not 32"), "{err}");
    let err = env.fails_unchanged(
        &["auth", "--identifier", "ivan@example.com", "--session"],
        &format!("{PASS}\n"),
        1,
    );
    assert!(err.contains("16 bytes, not 32"), "{err}");
    // Without --session, auth needs no key.
    env.json_stdin(
        &["auth", "--identifier", "ivan@example.com"],
        &format!("{PASS}\n"),
    );
}

#[test]
fn a_database_that_never_issued_a_session_verifies_none() {
    let env = TestEnv::new();
    let (number, _) = token_with_pass(&env, "judy@example.com");
    let t = now();
    let claims = Claims {
        iss: "tokenadm".into(),
        sub: number,
        iat: t,
        exp: t + 600,
        jti: "0123456789abcdef0123456789abcdef".into(),
        classification: None,
        account: None,
        participant: None,
        unit: None,
    };
    let err = verify_fails(&env, &sign(&claims, &[0u8; 32]), 6);
    assert!(err.contains("signature"), "{err}");
}
