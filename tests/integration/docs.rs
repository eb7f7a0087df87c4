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
