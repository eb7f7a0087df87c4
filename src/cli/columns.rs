//! `--columns a,b,c` on the commands that print lists (issue #12, item 3).

use super::ctx::Ctx;
use crate::error::Result;

#[derive(Debug, Clone, clap::Args)]
pub struct Columns {
    /// The columns of the table or CSV, by field name, comma-separated (e.g. number,state);
    /// default: a set that fits the terminal
    #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,
}

impl Columns {
    /// Applies the choice to what the command prints.
    pub fn apply(&self, ctx: &mut Ctx) -> Result<()> {
        ctx.out.set_columns(self.columns.clone())
    }
}
