//! Session tokens: the JWT that `auth --session` prints and `session verify` checks
//! (CONTRACT.md, "Rules"). HS256 only, over `hmac` + `sha2`, because the pure-Rust backend of
//! `jsonwebtoken` pulls in `rsa`, which has an open advisory, and we need none of its other
//! algorithms. The algorithm is pinned: the header is read only to refuse anything but HS256
//! before any signature logic runs, so `none`, algorithm confusion (`RS256` with the HMAC key
//! as a "public key") and downgrades cannot happen. Pure: the caller passes the key (generated
//! once per database with [`generate_key`]) and the current time.
//!
//! The tests pin the encoding with a token computed independently with Python's standard
//! library and check the RFC 7515 A.1 example signature. PyJWT's verdict on what `sign` makes
//! is an integration test (`tests/integration/session.rs`), where every test that needs a
//! Python package gets it the same way (`support::python`, which installs it into `target/`
//! where it is missing): a unit test here would fail on a machine whose Python lacks PyJWT.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// The only header we ever write, in this exact byte order; `sign` does not build it from a
/// map so that the encoding cannot drift.
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Our tokens are about 300 bytes; anything far larger is refused before it is decoded, so a
/// hostile input on stdin costs nothing.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

/// Clock skew tolerated on `iat`: tokens from a machine whose clock runs slightly ahead still
/// verify, tokens minted for the future do not.
pub const IAT_LEEWAY_SECS: i64 = 60;

/// Offending header values are echoed in messages; cut them so a long one cannot flood stderr.
const MAX_ECHO_CHARS: usize = 32;

/// The registered claims we issue (RFC 7519 §4.1) plus the token's links at issue time.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Claims {
    pub iss: String,
    /// The token number, e.g. `AT0000000042`.
    pub sub: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub classification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub participant: Option<String>,
    /// The unit the user logs in under, as the Web API's request named it (the seeds' `unit`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<String>,
}

/// Why a session token was refused. Every variant maps to exit 6 through [`crate::Error`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    /// Not a compact JWS of our shape; the string says what is wrong, as a clause.
    Malformed(String),
    /// The header's `alg` as written (cut to a few characters); empty when there is none.
    Algorithm(String),
    Signature,
    Expired {
        exp: i64,
    },
    NotYetValid,
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::Malformed(why) => write!(f, "the session token is malformed: {why}"),
            SessionError::Algorithm(alg) if alg.is_empty() => {
                f.write_str("the session token's header names no algorithm; only HS256 is accepted")
            }
            // `{:?}` quotes and escapes the value: it comes from an untrusted token and must
            // not put control characters on a terminal.
            SessionError::Algorithm(alg) => write!(
                f,
                "the session token's algorithm is {alg:?}; only HS256 is accepted"
            ),
            SessionError::Signature => f.write_str("the session token's signature does not match"),
            SessionError::Expired { exp } => match jiff::Timestamp::from_second(*exp) {
                Ok(at) => write!(f, "the session token expired at {at}"),
                // Outside jiff's range (years ±9999) there is no RFC 3339 form to give.
                Err(_) => write!(f, "the session token expired at Unix time {exp}"),
            },
            SessionError::NotYetValid => write!(
                f,
                "the session token is issued in the future (its iat is more than \
                 {IAT_LEEWAY_SECS} s ahead of this machine's clock)"
            ),
        }
    }
}

impl std::error::Error for SessionError {}

impl From<SessionError> for crate::Error {
    fn from(err: SessionError) -> Self {
        crate::Error::denied(err.to_string())
    }
}

/// A fresh token id: 128 random bits as 32 lowercase hex characters.
pub fn new_jti() -> String {
    let mut bytes = [0u8; 16];
    // ThreadRng is a CSPRNG seeded from the OS; a jti must be unguessable and unique.
    rand::rng().fill_bytes(&mut bytes);
    crate::domain::token::hex(&bytes)
}

/// A new 256-bit HS256 signing key (the hash's output size, as RFC 7518 §3.2 asks).
pub fn generate_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rng().fill_bytes(&mut key);
    key
}

/// Encodes and signs `claims` as a compact JWS: `header.payload.signature`, base64url without
/// padding, HMAC-SHA256 over `header.payload`.
pub fn sign(claims: &Claims, key: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(HEADER);
    // Serialising a struct of strings, integers and options into JSON cannot fail (no maps
    // with non-string keys, no custom Serialize), so the empty fallback is never taken; it
    // would yield a token that `verify` refuses rather than a panic.
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
    let signing_input = format!("{header}.{payload}");
    let signature = URL_SAFE_NO_PAD.encode(hs256(signing_input.as_bytes(), key));
    format!("{signing_input}.{signature}")
}

/// Checks a session token and returns its claims: shape, pinned algorithm, signature (in
/// constant time), then `exp`, `iat` and their order. `now` is Unix seconds.
pub fn verify(token: &str, key: &[u8], now: i64) -> Result<Claims, SessionError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(malformed(format!(
            "it is {} bytes long, more than the {MAX_TOKEN_LEN} a session token may have",
            token.len()
        )));
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [header_b64, payload_b64, signature_b64] = parts[..] else {
        return Err(malformed(format!(
            "it has {} dot-separated parts; a JWT has exactly 3 (header.payload.signature)",
            parts.len()
        )));
    };

    // All three are decoded first so that a bad encoding anywhere reads as Malformed, not as
    // a signature mismatch; decoding is harmless, parsing waits for the signature.
    let header = decode_segment(header_b64, "header")?;
    let payload = decode_segment(payload_b64, "payload")?;
    let signature = decode_segment(signature_b64, "signature")?;
    check_header(&header)?;

    let signing_input = &token[..header_b64.len() + 1 + payload_b64.len()];
    // `verify_slice` compares in constant time and refuses a signature of the wrong length.
    mac(key)
        .chain_update(signing_input.as_bytes())
        .verify_slice(&signature)
        .map_err(|_| SessionError::Signature)?;

    // Only now, with the payload authenticated, is it parsed.
    let claims: Claims = serde_json::from_slice(&payload)
        .map_err(|e| malformed(format!("its claims are not valid: {e}")))?;

    if now >= claims.exp {
        return Err(SessionError::Expired { exp: claims.exp });
    }
    if claims.iat > now.saturating_add(IAT_LEEWAY_SECS) {
        return Err(SessionError::NotYetValid);
    }
    if claims.exp <= claims.iat {
        return Err(malformed(format!(
            "it expires (exp {}) no later than it was issued (iat {})",
            claims.exp, claims.iat
        )));
    }
    Ok(claims)
}

/// The header fields we look at. A derived `Deserialize` refuses a duplicated field, so a
/// header such as `{"alg":"HS256","alg":"none"}` cannot mean one thing here and another to a
/// different parser. Other fields (`kid`, …) are ignored: we never fetch keys.
#[derive(Deserialize)]
struct Header {
    alg: Option<serde_json::Value>,
    typ: Option<serde_json::Value>,
    crit: Option<serde_json::Value>,
}

fn check_header(bytes: &[u8]) -> Result<(), SessionError> {
    let header: Header = serde_json::from_slice(bytes)
        .map_err(|e| malformed(format!("its header is not a JSON object: {e}")))?;
    match header.alg {
        Some(serde_json::Value::String(alg)) if alg == "HS256" => {}
        Some(other) => return Err(SessionError::Algorithm(echo(&other))),
        None => return Err(SessionError::Algorithm(String::new())),
    }
    match header.typ {
        None => {}
        Some(serde_json::Value::String(typ)) if typ == "JWT" => {}
        Some(other) => {
            return Err(malformed(format!(
                "its header's typ is {:?}, not \"JWT\"",
                echo(&other)
            )))
        }
    }
    // RFC 7515 §4.1.11: a recipient must refuse extensions it does not understand, and we
    // understand none.
    if header.crit.is_some() {
        return Err(malformed(
            "its header lists critical extensions (crit), which tokenadm does not support".into(),
        ));
    }
    Ok(())
}

/// Strict base64url: the URL-safe alphabet only, no padding, no non-zero trailing bits, so
/// each token has exactly one spelling.
fn decode_segment(segment: &str, name: &str) -> Result<Vec<u8>, SessionError> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|e| malformed(format!("its {name} is not unpadded base64url ({e})")))
}

/// HMAC-SHA256 of a JWS signing input (`header.payload`, as ASCII).
fn hs256(signing_input: &[u8], key: &[u8]) -> [u8; 32] {
    mac(key)
        .chain_update(signing_input)
        .finalize()
        .into_bytes()
        .into()
}

fn mac(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes keys of any length (longer ones are hashed, shorter ones padded); hmac
        // 0.12 returns `Ok` for every slice and keeps the `Result` only for the generic trait.
        Err(_) => unreachable!("HMAC-SHA256 accepts keys of any length"),
    }
}

fn malformed(why: String) -> SessionError {
    SessionError::Malformed(why)
}

/// A header value as it may appear in a message: a string's content, any other value's JSON
/// text, cut to a few characters. Callers print it with `{:?}`, which quotes and escapes it.
fn echo(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() <= MAX_ECHO_CHARS {
        text
    } else {
        let cut: String = text.chars().take(MAX_ECHO_CHARS).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z.
    const IAT: i64 = 1_767_225_600;
    const EXP: i64 = IAT + 7_200;

    fn key() -> Vec<u8> {
        (0u8..32).collect()
    }

    fn claims() -> Claims {
        Claims {
            iss: "tokenadm".into(),
            sub: "AT0000000042".into(),
            iat: IAT,
            exp: EXP,
            jti: "0123456789abcdef0123456789abcdef".into(),
            classification: None,
            account: None,
            participant: None,
            unit: None,
        }
    }

    fn b64(bytes: impl AsRef<[u8]>) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A token with an arbitrary header and payload, correctly HS256-signed with `key()`, so
    /// that only the property under test is wrong.
    fn forge(header: &str, payload: &str) -> String {
        let input = format!("{}.{}", b64(header), b64(payload));
        format!("{input}.{}", b64(hs256(input.as_bytes(), &key())))
    }

    fn segments(token: &str) -> Vec<String> {
        token.split('.').map(str::to_owned).collect()
    }

    #[test]
    fn round_trip() {
        let mut c = claims();
        c.account = Some("AR-1".into());
        let token = sign(&c, &key());
        assert_eq!(verify(&token, &key(), IAT).unwrap(), c);
        assert_eq!(verify(&token, &key(), EXP - 1).unwrap(), c);
    }

    /// Produced independently of this crate, with Python 3.11's standard library only:
    ///
    /// ```text
    /// import hmac, hashlib, base64, json
    /// b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    /// key = bytes(range(32))
    /// h = b64(json.dumps({"alg":"HS256","typ":"JWT"}, separators=(",",":")).encode())
    /// p = b64(json.dumps(claims, separators=(",",":")).encode())
    /// print(h + "." + p + "." + b64(hmac.new(key, (h+"."+p).encode(), hashlib.sha256).digest()))
    /// ```
    ///
    /// with `claims` = `{"iss":"tokenadm","sub":"AT0000000042","iat":1767225600,
    /// "exp":1767232800,"jti":"0123456789abcdef0123456789abcdef"}` (first token), and the same
    /// plus `"classification":"staff","account":"AR-1","participant":"RP-7"` (second token).
    #[test]
    fn known_answer_from_python_stdlib() {
        const MINIMAL: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ0b2tlbmFkbSIsInN1YiI6IkFUMDAwMDAwMDA0MiIsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjoxNzY3MjMyODAwLCJqdGkiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiJ9.pIrnE7gYMxQ0_S2x95gXgLhpg7spnYjITiu3Ggq51Ik";
        const FULL: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ0b2tlbmFkbSIsInN1YiI6IkFUMDAwMDAwMDA0MiIsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjoxNzY3MjMyODAwLCJqdGkiOiIwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZiIsImNsYXNzaWZpY2F0aW9uIjoic3RhZmYiLCJhY2NvdW50IjoiQVItMSIsInBhcnRpY2lwYW50IjoiUlAtNyJ9.qG2EptOLyzkFvw9JnnVkPl92-uELXTyXPXc0JxHvvbs";

        let minimal = claims();
        assert_eq!(sign(&minimal, &key()), MINIMAL);
        assert_eq!(verify(MINIMAL, &key(), IAT).unwrap(), minimal);

        let full = Claims {
            classification: Some("staff".into()),
            account: Some("AR-1".into()),
            participant: Some("RP-7".into()),
            ..claims()
        };
        assert_eq!(sign(&full, &key()), FULL);
        assert_eq!(verify(FULL, &key(), IAT).unwrap(), full);
    }

    /// The other direction: a token minted by PyJWT 2.15.1 (which escapes non-ASCII as
    /// `\u00e9` where serde_json would not, so the bytes differ from what `sign` makes):
    ///
    /// ```text
    /// jwt.encode({"iss":"tokenadm","sub":"AT0000000007","iat":1767225600,"exp":1767229200,
    ///             "jti":"fedcba9876543210fedcba9876543210","participant":"RP-é7"},
    ///            bytes(range(32)), algorithm="HS256")
    /// ```
    #[test]
    fn verifies_a_token_made_by_pyjwt() {
        const PYJWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ0b2tlbmFkbSIsInN1YiI6IkFUMDAwMDAwMDAwNyIsImlhdCI6MTc2NzIyNTYwMCwiZXhwIjoxNzY3MjI5MjAwLCJqdGkiOiJmZWRjYmE5ODc2NTQzMjEwZmVkY2JhOTg3NjU0MzIxMCIsInBhcnRpY2lwYW50IjoiUlAtXHUwMGU5NyJ9.A3wvPm5BQZz6RS9SKN9PIgdGQFwQBniJpSU_5ttRv5g";
        let expected = Claims {
            sub: "AT0000000007".into(),
            exp: IAT + 3_600,
            jti: "fedcba9876543210fedcba9876543210".into(),
            participant: Some("RP-\u{e9}7".into()),
            ..claims()
        };
        assert_eq!(verify(PYJWT, &key(), IAT + 60).unwrap(), expected);
        assert_eq!(
            verify(PYJWT, &key(), IAT + 3_600),
            Err(SessionError::Expired { exp: IAT + 3_600 })
        );
    }

    /// RFC 7515 appendix A.1: the published HS256 example (key, signing input, signature).
    #[test]
    fn rfc7515_a1_signature() {
        let key = URL_SAFE_NO_PAD
            .decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
            )
            .unwrap();
        let input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        let expected = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(b64(hs256(input.as_bytes(), &key)), expected);

        // Through `verify`, the example passes the header and signature checks and stops at
        // the claims, which are not our shape (no sub, iat, jti): Malformed, not Signature.
        let token = format!("{input}.{expected}");
        let err = verify(&token, &key, 1_300_000_000).unwrap_err();
        assert!(
            matches!(&err, SessionError::Malformed(why) if why.contains("claims")),
            "{err}"
        );
    }

    #[test]
    fn tampered_payload_is_refused() {
        let token = sign(&claims(), &key());
        let s = segments(&token);
        let forged = Claims {
            sub: "AT0000000001".into(),
            ..claims()
        };
        let payload = b64(serde_json::to_vec(&forged).unwrap());
        let tampered = format!("{}.{payload}.{}", s[0], s[2]);
        assert_eq!(verify(&tampered, &key(), IAT), Err(SessionError::Signature));
    }

    #[test]
    fn tampered_signature_is_refused() {
        let token = sign(&claims(), &key());
        let s = segments(&token);
        let mut sig = URL_SAFE_NO_PAD.decode(&s[2]).unwrap();
        sig[0] ^= 1;
        let tampered = format!("{}.{}.{}", s[0], s[1], b64(&sig));
        assert_eq!(verify(&tampered, &key(), IAT), Err(SessionError::Signature));

        // A truncated signature (wrong length) is a mismatch too, not a panic.
        let short = format!("{}.{}.{}", s[0], s[1], b64(&sig[..16]));
        assert_eq!(verify(&short, &key(), IAT), Err(SessionError::Signature));
        let empty = format!("{}.{}.", s[0], s[1]);
        assert_eq!(verify(&empty, &key(), IAT), Err(SessionError::Signature));
    }

    #[test]
    fn wrong_key_is_refused() {
        let token = sign(&claims(), &key());
        let other = [7u8; 32];
        assert_eq!(verify(&token, &other, IAT), Err(SessionError::Signature));
    }

    #[test]
    fn alg_none_is_refused_before_the_signature() {
        let payload = b64(serde_json::to_vec(&claims()).unwrap());
        let token = format!("{}.{payload}.", b64(r#"{"alg":"none","typ":"JWT"}"#));
        let err = verify(&token, &key(), IAT).unwrap_err();
        assert_eq!(err, SessionError::Algorithm("none".into()));
        assert_eq!(
            err.to_string(),
            "the session token's algorithm is \"none\"; only HS256 is accepted"
        );
    }

    #[test]
    fn other_algorithms_are_refused_even_with_a_valid_hs256_signature() {
        let payload = serde_json::to_string(&claims()).unwrap();
        for (header, alg) in [
            (r#"{"alg":"HS512","typ":"JWT"}"#, "HS512"),
            (r#"{"alg":"RS256","typ":"JWT"}"#, "RS256"),
            (r#"{"alg":"hs256"}"#, "hs256"),
            (r#"{"alg":"None"}"#, "None"),
            (r#"{"alg":5}"#, "5"),
            (r#"{"alg":["HS256"]}"#, r#"["HS256"]"#),
            // JSON null is "no algorithm", like a missing alg.
            (r#"{"alg":null}"#, ""),
        ] {
            let token = forge(header, &payload);
            assert_eq!(
                verify(&token, &key(), IAT),
                Err(SessionError::Algorithm(alg.into())),
                "{header}"
            );
        }
        let missing = forge(r#"{"typ":"JWT"}"#, &payload);
        let err = verify(&missing, &key(), IAT).unwrap_err();
        assert_eq!(err, SessionError::Algorithm(String::new()));
        assert!(err.to_string().contains("names no algorithm"), "{err}");
    }

    #[test]
    fn header_shape_is_checked() {
        let payload = serde_json::to_string(&claims()).unwrap();
        for header in [
            r#"{"alg":"HS256","typ":"JWS"}"#,
            r#"{"alg":"HS256","typ":7}"#,
            r#"{"alg":"HS256","crit":["exp"]}"#,
            r#"{"alg":"HS256","alg":"none"}"#,
            r#"["HS256"]"#,
            "not json",
        ] {
            let token = forge(header, &payload);
            assert!(
                matches!(verify(&token, &key(), IAT), Err(SessionError::Malformed(_))),
                "{header}"
            );
        }
        // Fields we do not use are allowed; typ may be left out.
        let token = forge(r#"{"alg":"HS256","kid":"k1"}"#, &payload);
        assert_eq!(verify(&token, &key(), IAT).unwrap(), claims());
    }

    #[test]
    fn long_alg_values_are_cut_and_escaped_in_messages() {
        let payload = serde_json::to_string(&claims()).unwrap();
        let header = format!(r#"{{"alg":"\u001b[31m{}"}}"#, "x".repeat(500));
        let err = verify(&forge(&header, &payload), &key(), IAT).unwrap_err();
        let message = err.to_string();
        assert!(message.len() < 150, "{message}");
        assert!(!message.contains('\u{1b}'), "{message}");
        assert!(message.contains("\\u{1b}"), "{message}");
    }

    #[test]
    fn expiry_is_checked() {
        let token = sign(&claims(), &key());
        let err = verify(&token, &key(), EXP).unwrap_err();
        assert_eq!(err, SessionError::Expired { exp: EXP });
        assert_eq!(
            err.to_string(),
            "the session token expired at 2026-01-01T02:00:00Z"
        );
        assert_eq!(
            verify(&token, &key(), EXP + 86_400),
            Err(SessionError::Expired { exp: EXP })
        );
    }

    #[test]
    fn issued_in_the_future_is_refused_beyond_the_leeway() {
        let token = sign(&claims(), &key());
        assert!(verify(&token, &key(), IAT - IAT_LEEWAY_SECS).is_ok());
        assert_eq!(
            verify(&token, &key(), IAT - IAT_LEEWAY_SECS - 1),
            Err(SessionError::NotYetValid)
        );
    }

    #[test]
    fn exp_must_follow_iat() {
        for exp in [IAT, IAT - 1] {
            let c = Claims { exp, ..claims() };
            let token = sign(&c, &key());
            assert!(
                matches!(
                    verify(&token, &key(), IAT - 10),
                    Err(SessionError::Malformed(_))
                ),
                "exp {exp}"
            );
        }
    }

    #[test]
    fn claims_must_have_our_shape() {
        for payload in [
            r#"{"iss":"tokenadm","sub":"AT1","iat":1767225600,"exp":1767232800}"#,
            r#"{"iss":"tokenadm","sub":"AT1","iat":"1767225600","exp":1767232800,"jti":"x"}"#,
            r#"{"iss":"tokenadm","sub":"AT1","iat":1767225600.5,"exp":1767232800,"jti":"x"}"#,
            r#"{"iss":"a","iss":"b","sub":"AT1","iat":1767225600,"exp":1767232800,"jti":"x"}"#,
            "",
        ] {
            let token = forge(HEADER, payload);
            assert!(
                matches!(verify(&token, &key(), IAT), Err(SessionError::Malformed(_))),
                "{payload}"
            );
        }
    }

    #[test]
    fn malformed_shapes_are_refused() {
        let token = sign(&claims(), &key());
        let s = segments(&token);
        let cases = [
            String::new(),
            "garbage".into(),
            "...".into(),
            format!("{}.{}", s[0], s[1]),
            format!("{token}.{}", s[2]),
            // Padding, standard-alphabet characters and whitespace are not base64url.
            format!("{}=.{}.{}", s[0], s[1], s[2]),
            format!("{}.{}.{}=", s[0], s[1], s[2]),
            format!("{}.{}+.{}", s[0], s[1], s[2]),
            format!("{}.{}/.{}", s[0], s[1], s[2]),
            format!("{token}\n"),
            format!(" {token}"),
            "a.b.c".into(),
        ];
        for case in cases {
            assert!(
                matches!(verify(&case, &key(), IAT), Err(SessionError::Malformed(_))),
                "{case:?}"
            );
        }
    }

    #[test]
    fn non_canonical_base64_is_refused() {
        // A set unused bit in the last character would make a second spelling of the same
        // bytes; tokens must have exactly one.
        let token = sign(&claims(), &key());
        let s = segments(&token);
        let sig = s[2].as_bytes();
        let last = sig[sig.len() - 1] as char;
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let index = alphabet.find(last).unwrap();
        // 32 bytes = 42 characters of 6 bits + 1 whose low 2 bits are unused (always 0 when
        // canonical): flipping the lowest bit sets one.
        let variant = alphabet.as_bytes()[index ^ 1] as char;
        let odd = format!("{}.{}.{}{variant}", s[0], s[1], &s[2][..s[2].len() - 1]);
        assert!(
            matches!(verify(&odd, &key(), IAT), Err(SessionError::Malformed(_))),
            "{odd}"
        );
    }

    #[test]
    fn oversized_tokens_are_refused_before_decoding() {
        let big = "a".repeat(MAX_TOKEN_LEN + 1);
        let err = verify(&big, &key(), IAT).unwrap_err();
        assert!(
            matches!(&err, SessionError::Malformed(why) if why.contains("8192")),
            "{err}"
        );
    }

    #[test]
    fn optional_claims_are_left_out_when_absent() {
        let json = serde_json::to_string(&claims()).unwrap();
        assert!(
            !json.contains("account") && !json.contains("classification"),
            "{json}"
        );
        let c = Claims {
            participant: Some("RP-7".into()),
            ..claims()
        };
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.ends_with(r#","participant":"RP-7"}"#), "{json}");
    }

    #[test]
    fn errors_are_denied_with_exit_6() {
        let err: crate::Error = SessionError::Signature.into();
        assert_eq!(err.kind, crate::Kind::Denied);
        assert_eq!(err.kind.exit_code(), 6);
        assert_eq!(err.message, "the session token's signature does not match");
    }

    #[test]
    fn every_message_is_one_sentence() {
        for err in [
            SessionError::Malformed("it has 2 dot-separated parts".into()),
            SessionError::Algorithm("none".into()),
            SessionError::Algorithm(String::new()),
            SessionError::Signature,
            SessionError::Expired { exp: EXP },
            SessionError::Expired { exp: i64::MAX },
            SessionError::NotYetValid,
        ] {
            let message = err.to_string();
            assert!(message.starts_with("the session token"), "{message}");
            assert!(
                !message.contains('\n') && !message.ends_with('.'),
                "{message}"
            );
        }
    }

    #[test]
    fn jti_and_keys_are_random() {
        let a = new_jti();
        assert_eq!(a.len(), 32);
        assert!(a
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(a, new_jti());
        let k = generate_key();
        assert_ne!(k, [0u8; 32]);
        assert_ne!(k, generate_key());
    }
}
