//! `tokenadm completions SHELL`: the same scripts that `completions/` holds.

use super::ctx::Ctx;
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

/// `tree` is the whole command tree (completions cover this command too).
pub fn run(args: Args, mut tree: clap::Command, ctx: &mut Ctx) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut tree, "tokenadm", &mut buf);
    ctx.out.text(&String::from_utf8_lossy(&buf))
}
