//! The options every command takes.

use crate::output::Format;
use clap::Args;
use std::path::PathBuf;

/// Options every command takes, before or after its name; help lists them under their own
/// heading, apart from the command's own (issue #12).
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The database file [default: $XDG_DATA_HOME/tokenadm/tokenadm.db]
    #[arg(
        long,
        global = true,
        env = "TOKENADM_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,
    /// Output format
    #[arg(long, global = true, env = "TOKENADM_FORMAT", hide_env_values = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Who is recorded in the audit log [default: $SUDO_USER, else $USER]
    #[arg(
        long,
        global = true,
        env = "TOKENADM_ACTOR",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub actor: Option<String>,
    /// Answer yes to confirmations
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Print only what a script needs: the record, or nothing
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Deployment settings such as message delivery [default: $XDG_CONFIG_HOME/tokenadm/config.toml]
    #[arg(
        long,
        global = true,
        env = "TOKENADM_CONFIG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
}
