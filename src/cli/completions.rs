//! `tokenadm completions SHELL`: the same scripts that `completions/` holds.

use super::Ctx;
use crate::error::Result;
use clap_complete::Shell;

/// Print the shell completion script for SHELL
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm completions bash > ~/.local/share/bash-completion/completions/tokenadm
  tokenadm completions zsh > ~/.zfunc/_tokenadm
  tokenadm completions fish > ~/.config/fish/completions/tokenadm.fish"#)]
pub struct Args {
    shell: Shell,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut super::command(), "tokenadm", &mut buf);
    ctx.out.text(&String::from_utf8_lossy(&buf))
}
