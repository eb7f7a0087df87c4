//! `--output FILE`, on every command that generates secrets (issue #12, item 2).

use super::ctx::Ctx;
use crate::error::Result;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct OutputFile {
    /// Write the output, with the secrets it generates, to FILE instead of standard output:
    /// created mode 0600, never over an existing file
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputFile {
    /// Sends the command's output to the file, created now, before anything changes.
    pub fn open(&self, ctx: &mut Ctx) -> Result<()> {
        ctx.out.to_file(self.output.as_deref())
    }
}
