//! The rules of `validate`, each shown through [`Definition::parse`]: the error's message and
//! its place in the text, on the definition's own tables and on classifications.

use super::{closest_tag, edit_distance};
use crate::domain::definition::policy::VerifyFor;
use crate::domain::definition::testing::rejects_at;
use crate::domain::definition::Definition;
use crate::domain::duration::Duration;

#[test]
fn name_rules() {
    rejects_at("name = \"\"\n", 1, 1, "name is empty");
    rejects_at("\nname = \"gold tier\"\n", 2, 1, "name (\"gold tier\")");
    rejects_at(&format!("name = \"{}\"\n", "a".repeat(65)), 1, 1, "64");
    rejects_at(
        "name = \"x\"\nalternative_code = \"A B\"",
        2,
        1,
        "alternative_code",
    );
    rejects_at(
        "name = \"x\"\n[classifications.\"gold tier\"]\n",
        2,
        18,
        "classification name \"gold tier\"",
    );
}

#[test]
fn number_rules() {
    rejects_at(
        "name = \"x\"\n[number]\nprefix = \"A T\"\n",
        3,
        1,
        "number.prefix",
    );
    rejects_at(
        "name = \"x\"\n[number]\nprefix = \"ABCDEFGHI\"\n",
        3,
        1,
        "number.prefix",
    );
    rejects_at(
        "name = \"x\"\n[number]\ndigits = 19\n",
        3,
        1,
        "number.digits (19)",
    );
    Definition::parse("name = \"x\"\n[number]\nprefix = \"\"\ndigits = 18\n").unwrap();
}

#[test]
fn authentication_code_rules() {
    rejects_at(
        "name = \"x\"\n[authentication_code]\nprefix = \"a b\"\n",
        3,
        1,
        "authentication_code.prefix",
    );
    // 19 base62 characters minus the checksum leave 13 * 5.95 = 77 bits.
    let error = rejects_at(
        "name = \"x\"\n[authentication_code]\nlength = 19\n",
        3,
        1,
        "authentication_code.length (19)",
    );
    assert!(error.message.contains("at least 20"), "{error}");
    Definition::parse("name = \"x\"\n[authentication_code]\nlength = 20\n").unwrap();
    Definition::parse("name = \"x\"\n[authentication_code]\nlength = 14\nchecksum = false\n")
        .unwrap();
    // 22 random digits carry 73 bits; the conflict is shown at the first key written.
    let error = rejects_at(
        "name = \"x\"\n[authentication_code]\nalphabet = \"digits\"\nlength = 28\n",
        4,
        1,
        "authentication_code.length (28) leaves 22 random characters of the digits alphabet",
    );
    assert!(error.message.contains("at least 31"), "{error}");
    Definition::parse("name = \"x\"\n[authentication_code]\nalphabet = \"hex\"\n").unwrap();
    rejects_at(
        "name = \"x\"\n[authentication_code]\nlength = 129\n",
        3,
        1,
        "128",
    );
    rejects_at(
        "name = \"x\"\n[authentication_code]\nmin_custom_length = 7\n",
        3,
        1,
        "authentication_code.min_custom_length (7)",
    );
}

#[test]
fn identifier_rules() {
    rejects_at(
        "name = \"x\"\n[identifier]\nformat = \"regex\"\n",
        3,
        1,
        "identifier.pattern is missing",
    );
    let error = rejects_at(
        "name = \"x\"\n[identifier]\nformat = \"regex\"\npattern = \"^(AB[0-9]+$\"\n",
        4,
        1,
        "identifier.pattern (\"^(AB[0-9]+$\") is not a valid regular expression",
    );
    assert!(error.message.contains("unclosed group"), "{error}");
    assert!(!error.message.contains('\n'), "{error}");
    rejects_at(
        "name = \"x\"\n[identifier]\npattern = \"^a$\"\n",
        3,
        1,
        "remove the pattern",
    );
    rejects_at(
        "name = \"x\"\n[identifier]\ngenerate = \"number\"\n",
        3,
        1,
        "identifier.generate (\"number\")",
    );
    rejects_at(
        "name = \"x\"\n[identifier]\ngenerate = \"id\"\nformat = \"number\"\n",
        3,
        1,
        "identifier.generate (\"id\")",
    );
    Definition::parse("name = \"x\"\n[identifier]\ngenerate = \"number\"\nformat = \"number\"\n")
        .unwrap();
    Definition::parse(
        "name = \"x\"\n[identifier]\nformat = \"regex\"\npattern = \"^[A-Z]{2}[0-9]{6}$\"\n",
    )
    .unwrap();
    rejects_at(
        "name = \"x\"\n[identifier]\nmin_lowercase = 200\nmin_special = 100\n",
        3,
        1,
        "identifier.min_lowercase + min_digits + min_special (300)",
    );
}

#[test]
fn pass_code_rules() {
    let error = rejects_at(
        "name = \"x\"\n[pass_code]\nmin_length = 20\nmax_length = 16\n",
        3,
        1,
        "pass_code.min_length (20) is greater than pass_code.max_length (16)",
    );
    assert!(error
        .message
        .ends_with("make min_length at most max_length"));
    // Only max_length is written, so that is where the conflict is shown.
    rejects_at(
        "name = \"x\"\n[pass_code]\nmax_length = 8\n",
        3,
        1,
        "pass_code.min_length (10) is greater than pass_code.max_length (8)",
    );
    rejects_at(
        "name = \"x\"\n[pass_code]\nmin_length = 0\n",
        3,
        1,
        "at least 1",
    );
    rejects_at(
        "name = \"x\"\n[pass_code]\nmax_length = 1025\n",
        3,
        1,
        "1024",
    );
    rejects_at(
        "name = \"x\"\n[pass_code]\ngenerate_length = 9\n",
        3,
        1,
        "pass_code.generate_length (9)",
    );
    rejects_at(
        "name = \"x\"\n[pass_code]\nmin_uppercase = 10\nmin_digits = 10\n",
        3,
        1,
        "(20) is greater than pass_code.generate_length (16); generated pass codes",
    );
}

#[test]
fn hash_rules() {
    for (key, value, words) in [
        ("memory_kib", 7, "memory_kib (7)"),
        ("memory_kib", 4_194_305, "memory_kib (4194305)"),
        ("iterations", 0, "iterations (0)"),
        ("iterations", 101, "iterations (101)"),
        ("parallelism", 0, "parallelism (0)"),
        ("parallelism", 65, "parallelism (65)"),
    ] {
        rejects_at(
            &format!("name = \"x\"\n[pass_code.hash]\n{key} = {value}\n"),
            3,
            1,
            words,
        );
    }
    rejects_at(
        "name = \"x\"\n[pass_code.hash]\nmemory_kib = 64\nparallelism = 16\n",
        3,
        1,
        "8 KiB per lane",
    );
}

#[test]
fn automation_verification_session_lockout_rules() {
    for (table, key, value, words) in [
        (
            "automation",
            "max_tokens_per_account",
            "0",
            "automation.max_tokens_per_account (0)",
        ),
        (
            "verification",
            "code_length",
            "3",
            "verification.code_length (3)",
        ),
        (
            "verification",
            "code_length",
            "33",
            "verification.code_length (33)",
        ),
        (
            "verification",
            "max_attempts",
            "0",
            "verification.max_attempts (0)",
        ),
        (
            "verification",
            "valid_for",
            "\"0s\"",
            "verification.valid_for",
        ),
        ("expiry", "default_ttl", "\"0d\"", "expiry.default_ttl"),
        ("session", "ttl", "\"0s\"", "session.ttl"),
        ("session", "ttl", "\"31d\"", "session.ttl (\"31d\")"),
        ("session", "issuer", "\" \"", "session.issuer is empty"),
        ("lockout", "max_failures", "0", "lockout.max_failures (0)"),
        ("lockout", "window", "\"0m\"", "lockout.window"),
    ] {
        rejects_at(
            &format!("name = \"x\"\n[{table}]\n{key} = {value}\n"),
            3,
            1,
            words,
        );
    }
    let def = Definition::parse(
        "name = \"x\"\n[automation]\nmax_tokens_per_account = 3\n\
         [verification]\nrequired_for = [\"account\", \"participant\"]\n\
         [expiry]\ndefault_ttl = \"365d\"\n[session]\nttl = \"30d\"\n",
    )
    .unwrap();
    assert_eq!(def.base.automation.max_tokens_per_account, Some(3));
    assert_eq!(
        def.base.verification.required_for,
        vec![VerifyFor::Account, VerifyFor::Participant]
    );
    assert_eq!(
        def.base.expiry.default_ttl,
        Some(Duration::from_secs(365 * 86_400))
    );
}

#[test]
fn unknown_template_tag_is_placed_inside_the_string() {
    rejects_at(
        "name = \"x\"\n[communication.on_create]\nsubject = \"Token #access_token.nmber\"\n",
        3,
        18,
        "communication.on_create.subject uses the unknown tag #access_token.nmber; did you mean \
         #access_token.number?",
    );
    // In a multi-line string, on the line the tag is written on; the sentence-end dot of
    // the known tag before it is not part of that tag.
    rejects_at(
        "name = \"x\"\n[communication.on_reset]\ntemplate = \"\"\"\nHi #access_token.number.\n  Code: #access_token.passcode\n\"\"\"\n",
        5,
        9,
        "#access_token.passcode",
    );
    // The second occurrence is the one in error when the first is a longer, known tag.
    rejects_at(
        "name = \"x\"\n[communication.on_create]\nsubject = \"#access_token.name_x #access_token.name #access_token.name_x\"\n",
        3,
        12,
        "#access_token.name_x",
    );
    rejects_at(
        "name = \"x\"\n[communication.on_create]\nenabled = true\ntemplate = \" \"\n",
        4,
        1,
        "communication.on_create.template is empty",
    );
}

#[test]
fn a_secret_tag_in_a_subject_is_refused_where_it_is_written() {
    rejects_at(
        "name = \"x\"\n[communication.on_verification]\nsubject = \"Code #access_token.verification_code\"\n",
        3,
        17,
        "communication.on_verification.subject uses the secret tag #access_token.verification_code",
    );
    rejects_at(
        "name = \"x\"\n[classifications.vip.communication.on_create]\nsubject = \"#access_token.number #access_token.pass_code\"\n",
        3,
        33,
        "#access_token.pass_code",
    );
    // In the body they belong.
    Definition::parse(
        "name = \"x\"\n[communication.on_create]\nsubject = \"Token #access_token.number\"\ntemplate = \"Code #access_token.authentication_code\"\n",
    )
    .unwrap();
}

#[test]
fn suggests_the_nearest_known_tag() {
    assert_eq!(
        closest_tag("access_token.nmber"),
        Some("access_token.number")
    );
    assert_eq!(
        closest_tag("access_token.passcode"),
        Some("access_token.pass_code")
    );
    assert_eq!(closest_tag("weather.today"), None);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
}

// Issue #15: expiry warnings and daily usage limits.

#[test]
fn warn_before_is_shorter_than_a_tokens_life_and_longer_than_zero() {
    rejects_at(
        "name = \"x\"\n[expiry]\nwarn_before = \"0s\"\n",
        3,
        1,
        "expiry.warn_before (\"0s\") would warn only once the token has expired",
    );
    // Negative: the duration itself is refused, at its value.
    rejects_at(
        "name = \"x\"\n[expiry]\nwarn_before = \"-7d\"\n",
        3,
        15,
        "`expiry.warn_before`: \"-7d\" is negative",
    );
    let error = rejects_at(
        "name = \"x\"\n[expiry]\ndefault_ttl = \"30d\"\nwarn_before = \"30d\"\n",
        4,
        1,
        "expiry.warn_before (\"30d\") is not shorter than expiry.default_ttl (\"30d\")",
    );
    assert!(error.message.contains("whole life"), "{error}");
    rejects_at(
        "name = \"x\"\n[expiry]\ndefault_ttl = \"7d\"\nwarn_before = \"2w\"\n",
        4,
        1,
        "expiry.warn_before (\"2w\")",
    );
    // A classification's shorter life against the definition's window: shown at the key the
    // classification writes.
    rejects_at(
        "name = \"x\"\n[expiry]\ndefault_ttl = \"90d\"\nwarn_before = \"7d\"\n\
         [classifications.day.expiry]\ndefault_ttl = \"1d\"\n",
        6,
        1,
        "classifications.day.expiry.warn_before (\"1w\") is not shorter than \
         classifications.day.expiry.default_ttl (\"1d\")",
    );
    let def = Definition::parse(
        "name = \"x\"\n[expiry]\ndefault_ttl = \"90d\"\nwarn_before = \"7d\"\n\
         [communication.on_expiry_warning]\nenabled = true\n",
    )
    .unwrap();
    assert_eq!(
        def.base.expiry.warn_before,
        Some(Duration::from_secs(7 * 86_400))
    );
    assert!(def.base.communication.on_expiry_warning.enabled);
    // Without a default_ttl, any window is a token's to meet.
    Definition::parse("name = \"x\"\n[expiry]\nwarn_before = \"400d\"\n").unwrap();
}

#[test]
fn the_expiry_warning_needs_its_window_and_carries_no_secret() {
    rejects_at(
        "name = \"x\"\n[communication.on_expiry_warning]\nenabled = true\n",
        3,
        1,
        "communication.on_expiry_warning is enabled but expiry.warn_before is not set",
    );
    rejects_at(
        "name = \"x\"\n[expiry]\nwarn_before = \"7d\"\n[communication.on_expiry_warning]\n\
         template = \"Your code #access_token.authentication_code expires\"\n",
        5,
        23,
        "communication.on_expiry_warning.template uses the secret tag \
         #access_token.authentication_code, which no command that sends the on_expiry_warning \
         message has (it can carry no secret at all)",
    );
    let def = Definition::parse(
        "name = \"x\"\n[expiry]\nwarn_before = \"7d\"\n[communication.on_expiry_warning]\n\
         template = \"#access_token.number: #access_token.expires_at_human\"\n",
    )
    .unwrap();
    assert!(def
        .base
        .communication
        .on_expiry_warning
        .template
        .contains("expires_at_human"));
}

#[test]
fn daily_limit_is_a_whole_number_of_at_least_one() {
    for (value, column, words) in [
        ("0", 15, "`usage.daily_limit`: 0 would refuse every auth"),
        ("-5", 15, "`usage.daily_limit`: -5 is negative"),
        ("2.5", 15, "`usage.daily_limit`: 2.5 is not a whole number"),
        (
            "\"10\"",
            15,
            "`usage.daily_limit`: \"10\" is text, not a number",
        ),
        ("true", 15, "`usage.daily_limit`: invalid type: boolean"),
        ("5000000000", 15, "more than 4294967295"),
    ] {
        let error = rejects_at(
            &format!("name = \"x\"\n[usage]\ndaily_limit = {value}\n"),
            3,
            column,
            words,
        );
        assert!(!error.message.contains("u32"), "{error}");
    }
    rejects_at(
        "name = \"x\"\n[classifications.kiosk.usage]\ndaily_limit = 0\n",
        3,
        15,
        "`classifications.kiosk.usage.daily_limit`: 0",
    );
    let def = Definition::parse(
        "name = \"x\"\n[usage]\ndaily_limit = 1000\n[classifications.kiosk.usage]\ndaily_limit = 10\n\
         [classifications.free]\n",
    )
    .unwrap();
    let limit = |class: Option<&str>| {
        def.policy(class)
            .and_then(|p| p.usage.daily_limit)
            .map(|l| l.get())
    };
    assert_eq!(limit(None), Some(1000));
    assert_eq!(limit(Some("kiosk")), Some(10));
    assert_eq!(limit(Some("free")), Some(1000));
    assert_eq!(
        Definition::parse("name = \"x\"\n")
            .unwrap()
            .base
            .usage
            .daily_limit,
        None
    );
}
