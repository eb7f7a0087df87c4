//! `completions/` and `man/` must match the clap tree.

use std::path::Path;

#[test]
fn generated_docs_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    let files = tokenadm::cli::docs::generated_files();
    for (path, content) in &files {
        match std::fs::read(root.join(path)) {
            Ok(on_disk) if &on_disk == content => {}
            _ => stale.push(path.display().to_string()),
        }
    }
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("generated folder exists") {
            let p = Path::new(dir).join(entry.expect("entry").file_name());
            if !files.iter().any(|(f, _)| f == &p) {
                stale.push(format!("{} (no longer generated)", p.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}; regenerate them with `cargo run --example gen-docs` and commit"
    );
}

#[test]
fn completions_command_prints_the_committed_script() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = assert_cmd::Command::cargo_bin("tokenadm")
        .expect("binary")
        .args(["completions", "bash"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let committed = std::fs::read(root.join("completions/tokenadm.bash")).expect("committed");
    assert_eq!(out.stdout, committed);
}

#[test]
fn bash_completion_loads_in_a_real_shell() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("completions/tokenadm.bash");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}' && complete -p tokenadm",
            script.display()
        ))
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("tokenadm"));
}

/// The reference a user needs ships with the repository (issue #12): README and docs/ link only
/// to files that exist in a clone, never to `../shared/`, and carry the install steps.
#[test]
fn readme_and_docs_link_only_inside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/ exists") {
        pages.push(entry.expect("entry").path());
    }
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("readable");
        assert!(!text.contains("../shared"), "{}", page.display());
        // Markdown links: ](target)
        for part in text.split("](").skip(1) {
            let target = part.split(')').next().unwrap_or_default();
            if target.starts_with("http") || target.starts_with('#') {
                continue;
            }
            let resolved = page.parent().unwrap().join(target);
            assert!(
                resolved.exists(),
                "{} links to {target}, which does not exist",
                page.display()
            );
        }
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for needed in [
        "cargo install --path .",
        "man/",
        "completions/",
        "docs/exit-codes.md",
        "docs/definitions.md",
        "docs/config.md",
    ] {
        assert!(readme.contains(needed), "README lacks {needed}");
    }
}
