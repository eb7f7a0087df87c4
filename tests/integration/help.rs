//! Help that teaches (issue #12, item 5): examples in every command's help, global options
//! under their own heading, "did you mean" kept in the one-line usage error, man pages with
//! the sections readers look for and no page that does not exist, and completions that offer
//! the values of enum arguments instead of file names.

use crate::support::*;
use std::path::Path;

/// Every command path: `["token", "new"]`, …, from the clap tree.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut out = vec![Vec::new()];
    walk(&tokenadm::cli::command(), &[], &mut out);
    out
}

#[test]
fn every_command_has_examples_and_global_options_apart() {
    let env = TestEnv::empty();
    let paths = command_paths();
    assert!(paths.len() > 40, "{paths:?}");
    for path in paths {
        let out = env
            .cmd()
            .args(&path)
            .arg("--help")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(out.status.success(), "{path:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        let examples = help
            .split("\nExamples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{path:?} --help has no examples:\n{help}"));
        // Each example is a tokenadm command line of this command (or a pipe into one).
        let shown = path.join(" ");
        assert!(
            examples
                .lines()
                .any(|l| l.contains(&format!("tokenadm {shown}").trim_end().to_string())),
            "{path:?}: {examples}"
        );
        // The global options have their own heading; the command's own do not repeat them.
        let (own, global) = help
            .split_once("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("{path:?}: no global options heading:\n{help}"));
        assert!(!own.contains("--db <PATH>"), "{path:?}:\n{help}");
        assert!(
            global.contains("--db <PATH>") && global.contains("--quiet"),
            "{path:?}"
        );
    }
}

#[test]
fn a_mistyped_command_or_flag_says_what_was_meant_in_one_line() {
    let env = TestEnv::new();
    for (args, meant) in [
        (&["token", "lst"][..], "did you mean 'list'?"),
        (&["tokn", "list"][..], "did you mean 'token'?"),
        (
            &["token", "list", "--stat", "effective"][..],
            "did you mean '--state'?",
        ),
        (&["outbox", "delivr"][..], "did you mean 'deliver'?"),
    ] {
        let err = env.fails_unchanged(args, "", 2);
        assert!(err.contains(meant), "{args:?}: {err}");
        assert!(err.trim_end().ends_with("(see --help)"), "{err}");
    }
}

#[test]
fn man_pages_have_the_sections_readers_look_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(pages.len() > 40);
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let name = page.file_stem().unwrap().to_str().unwrap();
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH EXAMPLES",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(text.contains(section), "{name} lacks {section}");
        }
        assert!(!text.contains("help(1)"), "{name} refers to a help page");
        // Every page it refers to exists.
        for part in text.split("\\fB").skip(1) {
            if let Some((target, rest)) = part.split_once("\\fR") {
                if rest.starts_with("(1)") {
                    let file = format!("{}.1", target.replace("\\-", "-"));
                    assert!(root.join(&file).exists(), "{name} refers to {file}");
                }
            }
        }
    }
}

#[test]
fn completions_offer_enum_values_not_file_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("completions/tokenadm.bash");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file-here"), "").unwrap();
    let complete = |words: &str| -> String {
        let out = std::process::Command::new("bash")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "source '{}'; COMP_WORDS=({words} ''); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
                 COMP_LINE='{words} '; COMP_POINT=${{#COMP_LINE}}; \
                 _tokenadm tokenadm '' \"${{COMP_WORDS[-2]}}\"; echo \"${{COMPREPLY[*]}}\"",
                script.display()
            ))
            .output()
            .expect("bash");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for (words, want) in [
        (
            "tokenadm token list --state",
            "effective not_effective pending_verification",
        ),
        ("tokenadm token set-state AT0000000001", "not_effective"),
        ("tokenadm --format", "table json csv"),
        ("tokenadm token import --input", "csv jsonl"),
        (
            "tokenadm outbox list --status",
            "pending sending sent failed",
        ),
        (
            "tokenadm token list --sort",
            "number created expires last-used",
        ),
        ("tokenadm completions", "bash"),
    ] {
        let got = complete(words);
        assert!(got.contains(want), "{words}: {got}");
        assert!(
            !got.contains("a-file-here"),
            "{words} offered file names: {got}"
        );
    }
}
