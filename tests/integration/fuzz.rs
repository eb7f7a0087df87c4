//! Issue #11, item 12: fuzzing that keeps finding what the adversarial review found. Every
//! parser a user feeds gets mutated inputs from the seed corpus in `tests/fuzz/` (property
//! tests, a few hundred cases each, bounded so `cargo test` stays fast), and one test feeds a
//! few hundred mutated inputs to the built binary and checks what the contract promises: no
//! panic (no exit 101, no panic text), one line on stderr, the contract's exit code for that
//! command, and a database left exactly as it was by a command that failed.

use crate::support::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as ProptestConfig, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tokenadm::domain::definition::{
    AuthCodePolicy, Definition, IdentifierFormat, IdentifierPolicy,
};
use tokenadm::domain::{codes, duration::Duration, identifier, session, template};

/// Cases per property: enough to find the shallow bugs on every run, few enough to keep the
/// suite fast. A deeper run: PROPTEST_CASES=20000 cargo test fuzz::.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        // PROPTEST_CASES, when set, is in the default.
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            CASES
        },
        failure_persistence: None,
        ..default
    }
}

/// The seed files of one folder of `tests/fuzz/`, in name order.
fn corpus(kind: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fuzz")
        .join(kind);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let seeds: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

/// Tokens worth splicing into any input: the structure of each format, numbers at the edge of
/// their types, control, bidi and invisible characters, invalid UTF-8.
const DICTIONARY: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b"\"",
    b"\"\"\"",
    b"'",
    b",",
    b"=",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b".",
    b"#",
    b"\\",
    b"\\u0000",
    b"\\u001b[2J",
    b"\0",
    b"\x1b[31m",
    b"\xe2\x80\xae",
    b"\xe2\x80\x8b",
    b"\xff\xfe",
    b"\xc3",
    b"null",
    b"true",
    b"-1",
    b"0",
    b"1e999",
    b"nan",
    b"inf",
    b"9223372036854775807",
    b"-9223372036854775808",
    b"18446744073709551616",
    b"999999999999d",
    b"#access_token.pass_code",
    b"#access_token.verification_code",
    b"#access_token.nope",
    b"[classifications.x]",
    b"[communication.on_reset]",
    b"template = \"",
    b"identifier",
    b"pass_code",
    b"expires_at",
    b"2099-01-01T00:00:00Z",
    b"9999-12-31T23:59:59Z",
    b"atk_",
    b"@",
    b"@example.com",
    b"+",
    b"\xd0\xb0",
    b"\xef\xbd\x81",
    b"eyJ",
    b"%",
    b"\t",
    b" ",
];

#[derive(Debug, Clone)]
enum Edit {
    Flip { at: u16, bit: u8 },
    Insert { at: u16, token: u8 },
    Delete { at: u16, len: u8 },
    Repeat { at: u16, len: u8, times: u8 },
    Truncate { at: u16 },
    Byte { at: u16, byte: u8 },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<u16>(), 0u8..8).prop_map(|(at, bit)| Edit::Flip { at, bit }),
        (any::<u16>(), any::<u8>()).prop_map(|(at, token)| Edit::Insert { at, token }),
        (any::<u16>(), 1u8..32).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<u16>(), 1u8..16, 2u8..6).prop_map(|(at, len, times)| Edit::Repeat {
            at,
            len,
            times
        }),
        any::<u16>().prop_map(|at| Edit::Truncate { at }),
        (any::<u16>(), any::<u8>()).prop_map(|(at, byte)| Edit::Byte { at, byte }),
    ]
}

/// `seed` with `edits` applied, each at a position scaled to the input's length.
fn mutate(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = seed.to_vec();
    let pos = |at: u16, len: usize| (at as usize * (len + 1)) / (u16::MAX as usize + 1);
    for e in edits {
        let n = out.len();
        match *e {
            Edit::Flip { at, bit } if n > 0 => {
                let i = pos(at, n - 1);
                out[i] ^= 1 << bit;
            }
            Edit::Insert { at, token } => {
                let t = DICTIONARY[token as usize % DICTIONARY.len()];
                let i = pos(at, n);
                out.splice(i..i, t.iter().copied());
            }
            Edit::Delete { at, len } if n > 0 => {
                let i = pos(at, n - 1);
                let end = (i + len as usize).min(n);
                out.drain(i..end);
            }
            Edit::Repeat { at, len, times } if n > 0 => {
                let i = pos(at, n - 1);
                let end = (i + len as usize).min(n);
                let piece: Vec<u8> = out[i..end].to_vec();
                for _ in 1..times {
                    out.splice(end..end, piece.iter().copied());
                }
            }
            Edit::Truncate { at } => out.truncate(pos(at, n)),
            Edit::Byte { at, byte } => {
                let i = pos(at, n);
                out.insert(i, byte);
            }
            _ => {}
        }
    }
    out
}

/// A seed of `kind` with up to `max_edits` mutations.
fn mutated(kind: &str, max_edits: usize) -> impl Strategy<Value = Vec<u8>> {
    let seeds = corpus(kind);
    (0..seeds.len(), prop::collection::vec(edit(), 0..=max_edits))
        .prop_map(move |(i, edits)| mutate(&seeds[i], &edits))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---- the parsers, one property each ----

proptest! {
    #![proptest_config(config())]

    /// Definition TOML: never a panic; an error points inside the text (line and column from 1).
    #[test]
    fn definition_toml(bytes in mutated("definition", 6)) {
        let text = text(&bytes);
        if let Err(e) = Definition::parse(&text) {
            prop_assert!(e.line >= 1 && e.column >= 1, "{e:?}");
            prop_assert!(e.line <= text.split('\n').count().max(1), "{e:?} past the end");
            prop_assert!(!e.message.is_empty());
        }
    }

    /// CSV and JSON Lines rows: never a panic, lines counted from 1 and never backwards.
    #[test]
    fn import_rows(bytes in mutated("csv", 6), jsonl in mutated("jsonl", 6)) {
        use tokenadm::ops::import::{rows, InputFormat};
        for (input, format) in [(bytes, InputFormat::Csv), (jsonl, InputFormat::Jsonl)] {
            let mut last = 0;
            for (line, row) in rows(Box::new(std::io::Cursor::new(input)), format).take(64) {
                prop_assert!(line >= 1 && line >= last, "line {line} after {last}");
                last = line;
                if let Err(e) = row {
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
    }

    /// Templates: tags are where they are said to be; a secret tag never renders, and never
    /// leaves a line that showed it empty, unless its value is given.
    #[test]
    fn templates(bytes in mutated("template", 8)) {
        let text = text(&bytes);
        for (at, tag) in template::tags(&text) {
            prop_assert_eq!(&text[at + 1..at + 1 + tag.len()], tag);
        }
        let values = BTreeMap::from([
            ("access_token.number", "AT0000000001".to_string()),
            ("access_token.identifier", "a@example.com".to_string()),
        ]);
        let rendered = template::render(&text, &values);
        prop_assert!(
            template::tags(&rendered).iter().all(|(_, t)| !template::is_secret(t)),
            "a secret tag survived: {rendered:?}"
        );
        let mut seen = 0;
        let masked = template::render_with(&text, &values, |out, _, _| { seen += 1; out.push('*') });
        prop_assert_eq!(seen, 0);
        prop_assert_eq!(masked, rendered);
    }

    /// Durations: never a panic; what parses prints back as the same duration.
    #[test]
    fn durations(bytes in mutated("duration", 4)) {
        let text = text(&bytes);
        if let Ok(d) = text.trim().parse::<Duration>() {
            prop_assert!(d.as_secs() >= 0);
            prop_assert_eq!(d.to_string().parse::<Duration>().ok(), Some(d));
        }
    }

    /// Session tokens: never a panic; a token verifies only exactly as it was signed.
    #[test]
    fn session_tokens(bytes in mutated("session", 4), edits in prop::collection::vec(edit(), 1..4)) {
        let key = [7u8; 32];
        let _ = session::verify(&text(&bytes), &key, 1_800_000_000);
        let claims = session::Claims {
            iss: "tokenadm".into(),
            sub: "AT0000000001".into(),
            iat: 1_800_000_000,
            exp: 1_800_007_200,
            jti: "00112233445566778899aabbccddeeff".into(),
            classification: None,
            account: None,
            participant: None,
            unit: None,
        };
        let token = session::sign(&claims, &key);
        prop_assert!(session::verify(&token, &key, 1_800_000_001).is_ok());
        let changed = text(&mutate(token.as_bytes(), &edits));
        if changed != token {
            prop_assert!(
                session::verify(&changed, &key, 1_800_000_001).is_err(),
                "{changed} verified"
            );
        }
    }

    /// Authentication codes: never a panic; one character changed in a generated code is
    /// caught by its checksum without a database.
    #[test]
    fn authentication_codes(bytes in mutated("code", 4), at in any::<u16>(), to in any::<u8>()) {
        let policy = AuthCodePolicy::default();
        let code = text(&bytes);
        let code = code.trim_end_matches('\n');
        let _ = codes::check_any(code);
        let _ = codes::validate_presented_code(code, &policy);
        let _ = codes::validate_custom_code(code, &policy);
        let seeds = corpus("code");
        let generated = text(&seeds[1]);
        let generated = generated.trim_end();
        prop_assert!(codes::validate_presented_code(generated, &policy).is_ok());
        let mut chars: Vec<char> = generated.chars().collect();
        let i = policy.prefix.len() + at as usize % (chars.len() - policy.prefix.len());
        let alphabet = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let replacement = alphabet[to as usize % alphabet.len()] as char;
        prop_assume!(chars[i] != replacement);
        chars[i] = replacement;
        let typo: String = chars.into_iter().collect();
        prop_assert!(codes::validate_presented_code(&typo, &policy).is_err(), "{typo} passed");
    }

    /// Identifiers: never a panic; normalizing twice changes nothing; what validates holds no
    /// control, bidi-control or invisible character, and keys as its normalized form does.
    #[test]
    fn identifiers(bytes in mutated("identifier", 4)) {
        let raw = text(&bytes);
        let raw = raw.trim_end_matches('\n');
        let id = identifier::normalize(raw);
        prop_assert_eq!(identifier::normalize(&id), id.clone());
        for format in [
            IdentifierFormat::Email,
            IdentifierFormat::Phone,
            IdentifierFormat::Number,
            IdentifierFormat::FreeText,
        ] {
            let policy = IdentifierPolicy { format, ..IdentifierPolicy::default() };
            if identifier::validate(&id, &policy).is_ok() {
                prop_assert!(
                    !id.chars().any(|c| c.is_control()
                        || ('\u{202a}'..='\u{202e}').contains(&c)
                        || ('\u{2066}'..='\u{2069}').contains(&c)
                        || ('\u{200b}'..='\u{200f}').contains(&c)),
                    "{id:?} passed as {format:?}"
                );
            }
        }
        let _ = identifier::key(&id);
    }

    /// The config file: never a panic.
    #[test]
    fn config_file(bytes in mutated("config", 6)) {
        let _ = tokenadm::delivery::config::parse(&text(&bytes), Path::new("/etc/t.toml"), |_| None);
    }
}

// ---- through the binary ----

/// One command a user feeds input to: how it takes the input, and the exit codes the contract
/// allows it.
struct Target {
    kind: &'static str,
    /// The arguments; `{}` stands for the input file (for durations and identifiers, the input
    /// itself, as `--flag={}` so that an input starting with `-` is still the flag's value).
    args: &'static [&'static str],
    /// The input goes to standard input instead of a file.
    stdin: bool,
    codes: &'static [i32],
    /// Whether even success must leave the database as it was.
    read_only: bool,
}

const TARGETS: &[Target] = &[
    Target {
        kind: "definition",
        args: &["definition", "validate", "{}"],
        stdin: false,
        codes: &[0, 4],
        read_only: true,
    },
    Target {
        kind: "definition",
        args: &["definition", "apply", "{}"],
        stdin: false,
        codes: &[0, 4],
        read_only: false,
    },
    Target {
        kind: "csv",
        args: &["token", "import", "{}", "--input", "csv"],
        stdin: false,
        codes: &[0, 3, 4, 5],
        read_only: false,
    },
    Target {
        kind: "jsonl",
        args: &["token", "import", "{}", "--input", "jsonl"],
        stdin: false,
        codes: &[0, 3, 4, 5],
        read_only: false,
    },
    Target {
        kind: "session",
        args: &["session", "verify"],
        stdin: true,
        codes: &[4, 6],
        read_only: true,
    },
    Target {
        kind: "code",
        args: &["check"],
        stdin: true,
        codes: &[0, 4],
        read_only: true,
    },
    Target {
        kind: "code",
        args: &["token", "show", "--auth-code-stdin"],
        stdin: true,
        codes: &[0, 3, 4],
        read_only: true,
    },
    Target {
        kind: "duration",
        args: &["token", "list", "--expiring-within={}"],
        stdin: false,
        codes: &[0, 2],
        read_only: true,
    },
    Target {
        kind: "identifier",
        args: &["token", "show", "--identifier={}"],
        stdin: false,
        codes: &[0, 3, 4],
        read_only: true,
    },
    Target {
        kind: "identifier",
        args: &["token", "new", "--identifier={}", "--pass-code-stdin"],
        stdin: false,
        codes: &[0, 4, 5],
        read_only: false,
    },
    Target {
        kind: "config",
        args: &["outbox", "list", "--config", "{}"],
        stdin: false,
        codes: &[0, 4],
        read_only: true,
    },
];

/// Inputs per target: about three hundred in all. A deeper run: TOKENADM_FUZZ_RUNS=500 (per
/// target) and TOKENADM_FUZZ_SEED=N for other inputs than the default run's.
const PER_TARGET: usize = 28;

#[test]
fn mutated_inputs_through_the_binary_keep_the_contract() {
    let env = TestEnv::new();
    // Something to clash with and to find.
    env.new_token(
        &["--identifier", "alice@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let setting = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let per_target = setting("TOKENADM_FUZZ_RUNS", PER_TARGET);
    let seed = setting("TOKENADM_FUZZ_SEED", 11) as u8;
    let mut runner = TestRunner::new_with_rng(
        ProptestConfig::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    );
    let mut failures = Vec::new();
    let mut runs = 0;
    for target in TARGETS {
        let strategy = mutated(target.kind, 6);
        for n in 0..per_target {
            let input = strategy.new_tree(&mut runner).unwrap().current();
            // The first input of each target is a seed as it is.
            let input = if n == 0 {
                corpus(target.kind)[0].clone()
            } else {
                input
            };
            if let Some(problem) = run_one(&env, target, &input) {
                failures.push(format!(
                    "{:?} with {:?}: {problem}",
                    target.args,
                    String::from_utf8_lossy(&input)
                ));
            }
            runs += 1;
        }
    }
    assert!(runs >= 300.min(per_target * TARGETS.len()), "{runs} runs");
    assert!(
        failures.is_empty(),
        "{} of {runs} runs broke the contract:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Runs one input; says what went wrong, if anything.
fn run_one(env: &TestEnv, target: &Target, input: &[u8]) -> Option<String> {
    let file = env.path("fuzz-input");
    std::fs::write(&file, input).unwrap();
    // An argument cannot hold NUL; as an argument, the input is its text up to a NUL.
    let as_arg: String = {
        let t = String::from_utf8_lossy(input).into_owned();
        let t = t.trim_end_matches('\n');
        t.split('\0').next().unwrap_or("").to_string()
    };
    let mut cmd = env.cmd();
    for a in target.args {
        if *a == "{}" {
            cmd.arg(&file);
        } else if let Some(flag) = a.strip_suffix("{}") {
            cmd.arg(format!("{flag}{as_arg}"));
        } else {
            cmd.arg(a);
        }
    }
    let stdin = if target.stdin {
        input.to_vec()
    } else if target.args.contains(&"--pass-code-stdin") {
        b"a fine pass code\n".to_vec()
    } else {
        Vec::new()
    };
    let before = env.dump();
    let out = cmd
        .write_stdin(stdin)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    if code == Some(101) || stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Some(format!("panicked: {stderr}"));
    }
    let Some(code) = code else {
        return Some(format!("killed by a signal: {stderr}"));
    };
    if !target.codes.contains(&code) {
        return Some(format!(
            "exit {code}, the contract allows {:?}: {stderr}",
            target.codes
        ));
    }
    if code != 0 {
        if !stderr.starts_with("error: ") || stderr.trim_end().lines().count() != 1 {
            return Some(format!("stderr is not one error line: {stderr:?}"));
        }
        if stderr.contains('\u{1b}') {
            return Some(format!("a raw escape on stderr: {stderr:?}"));
        }
    }
    if (code != 0 || target.read_only) && before != env.dump() {
        return Some(format!("exit {code} changed the database"));
    }
    None
}
