//! The hot functions of issuing and finding tokens, one at a time (divan): what a bulk import
//! spends per row, and what one `auth` spends on argon2. Run with `cargo bench --bench hot`.
//! Figures only; nothing here passes or fails on speed.

// A measuring or testing harness, not the product: a panic with a message is its error report,
// and its figures go to stdout.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]
// It drives the binary from outside, so it reads the real clock as a user would.
#![allow(clippy::disallowed_methods)]

use divan::{black_box, Bencher};
use tokenadm::domain::definition::{builtin_default, Policy};
use tokenadm::domain::token::{audit_hash, AuditEntry, State, Token};
use tokenadm::domain::{codes, identifier, passcode};
use tokenadm::output::{Render, ShownSecrets, TokenView};

fn main() {
    divan::main();
}

fn policy() -> Policy {
    builtin_default().base
}

/// One argon2id hash at the default definition's parameters (m=19456 KiB, t=2, p=1), on one
/// thread: the unit of work of an import with pass codes and of every `auth`.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn argon2_hash_default_params(bencher: Bencher) {
    let params = policy().pass_code.hash;
    bencher.bench(|| passcode::hash(black_box("correct horse battery"), params));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn argon2_verify_default_params(bencher: Bencher) {
    let phc = passcode::hash("correct horse battery", policy().pass_code.hash).unwrap();
    bencher.bench(|| passcode::verify(black_box("correct horse battery"), &phc));
}

/// A new authentication code: 26 random base62 characters and the 6-character checksum.
#[divan::bench]
fn generate_auth_code(bencher: Bencher) {
    let p = policy().authentication_code;
    bencher.bench(|| codes::generate_auth_code(&p, &mut rand::rng()));
}

/// The offline checksum test every lookup by code starts with.
#[divan::bench]
fn checksum_check(bencher: Bencher) {
    let code = codes::generate_auth_code(&policy().authentication_code, &mut rand::rng());
    let code = code.expose().to_string();
    let alphabet = policy().authentication_code.alphabet;
    bencher.bench(|| codes::checksum_ok(black_box(&code), alphabet));
}

/// The digest the store keeps instead of the code.
#[divan::bench]
fn code_digest(bencher: Bencher) {
    let code = "atk_3kTq9ZpLx0aBcDeFgHiJkLmNoPqRsT";
    bencher.bench(|| codes::code_digest(black_box(code)));
}

#[divan::bench]
fn generate_pass_code(bencher: Bencher) {
    let p = policy().pass_code;
    bencher.bench(|| passcode::generate_for(&p, Some("alice@example.com")));
}

#[divan::bench]
fn validate_email_identifier(bencher: Bencher) {
    let p = policy().identifier;
    bencher.bench(|| identifier::validate(black_box("alice.smith+crm@example.co.uk"), &p));
}

#[divan::bench]
fn check_pass_code_policy(bencher: Bencher) {
    let p = policy().pass_code;
    bencher.bench(|| {
        passcode::check_policy(
            black_box("a fine pass code 42"),
            Some("alice@example.com"),
            &p,
        )
    });
}

/// One audit entry's chain hash.
#[divan::bench]
fn audit_entry_hash(bencher: Bencher) {
    let e = AuditEntry {
        id: 1_000_000,
        at: 1_700_000_000,
        actor: "alice".into(),
        action: "token.create".into(),
        token: Some("AT0001000000".into()),
        subject: None,
        detail: r#"{"state":"effective","identifier":null,"pass_code":"none"}"#.into(),
        prev_hash: "0".repeat(64),
        hash: String::new(),
        token_ids: None,
    };
    bencher.bench(|| audit_hash(black_box(&e)));
}

fn token() -> Token {
    Token {
        id: 42,
        number: "AT0000000042".into(),
        name: Some("kiosk 7".into()),
        identifier: Some("alice@example.com".into()),
        classification: None,
        state: State::Effective,
        has_pass_code: true,
        auth_hint: "…9fQa".into(),
        account: Some("AR-1".into()),
        participant: None,
        ever_linked: true,
        unlinked_at: None,
        expires_at: Some(1_900_000_000),
        verified_at: None,
        last_used_at: None,
        locked_until: None,
        definition: "default".into(),
        definition_version: 1,
        created_at: 1_700_000_000,
        created_by: "alice".into(),
        updated_at: 1_700_000_000,
        updated_by: "alice".into(),
        uses_day: None,
        uses_count: 0,
    }
}

fn secrets() -> ShownSecrets {
    ShownSecrets {
        authentication_code: Some("atk_3kTq9ZpLx0aBcDeFgHiJkLmNoPqRsT".into()),
        pass_code: Some("Xy7pQ2mNv8RtKw3s".into()),
    }
}

/// One record as the JSON of `--format json` (the map, then its text).
#[divan::bench]
fn render_record_json(bencher: Bencher) {
    let (t, s) = (token(), secrets());
    bencher.bench(|| {
        let view = TokenView {
            secrets: Some(&s),
            ..TokenView::new(&t, 1_700_000_000)
        };
        serde_json::to_string_pretty(&view.to_json())
    });
}

/// One record's CSV cells, as a streamed import prints them.
#[divan::bench]
fn render_record_csv(bencher: Bencher) {
    let (t, s) = (token(), secrets());
    let mut columns: Vec<String> = TokenView::FIELDS.iter().map(|c| c.to_string()).collect();
    columns.push("secrets.authentication_code".into());
    columns.push("secrets.pass_code".into());
    bencher.bench(|| {
        let view = TokenView {
            secrets: Some(&s),
            ..TokenView::new(&t, 1_700_000_000)
        };
        view.csv_cells(black_box(&columns))
    });
}
