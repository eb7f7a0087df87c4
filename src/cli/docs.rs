//! The shell completions and man pages committed under `completions/` and `man/`, generated
//! from the clap tree so they cannot drift from it (a test compares them; regenerate with
//! `cargo run --example gen-docs`).

use clap_complete::Shell;
use std::path::PathBuf;

/// Every generated file: its path relative to the repository root, and its content.
pub fn generated_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut super::command(), "tokenadm", &mut buf);
        let name = match shell {
            Shell::Bash => "tokenadm.bash",
            Shell::Zsh => "_tokenadm",
            Shell::Fish => "tokenadm.fish",
            Shell::Elvish => "tokenadm.elv",
            _ => "_tokenadm.ps1",
        };
        files.push((PathBuf::from("completions").join(name), buf));
    }
    let mut cmd = super::command();
    cmd.build();
    man_pages(&cmd, "tokenadm", &mut files);
    files
}

fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    if cmd.is_hide_set() {
        return;
    }
    let mut buf = Vec::new();
    let page = cmd.clone().name(name.to_string());
    if clap_mangen::Man::new(page).render(&mut buf).is_ok() {
        files.push((PathBuf::from("man").join(format!("{name}.1")), buf));
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}
