//! `tokenadm app-key new --name TEXT | list | show NAME | revoke NAME` (issue #13): the
//! consumer application keys that apps and portals present to `tokenadm serve`.

use crate::cli::ctx::Ctx;
use crate::cli::output_file::OutputFile;
use crate::error::Result;
use crate::ops::app_keys;
use crate::output::AppKeyView;

/// Manage consumer application keys, which apps present to tokenadm serve
#[derive(Debug, clap::Subcommand)]
#[command(after_help = r#"Examples:
  tokenadm app-key new --name "Mobile app" --output mobile-key.json
  tokenadm app-key list
  tokenadm app-key revoke "Mobile app""#)]
pub enum Command {
    /// Make a key; it is printed once, under secrets.key, and only its digest is kept
    #[command(after_help = r#"Examples:
  tokenadm app-key new --name "Customer portal"
  tokenadm app-key new --name "Mobile app" --output mobile-key.json"#)]
    New {
        /// What the key is for (1 to 200 characters); the audit log names its logins' actor so
        #[arg(long, value_name = "TEXT")]
        name: String,
        #[command(flatten)]
        output: OutputFile,
    },
    /// List the keys, live and revoked
    #[command(after_help = r#"Examples:
  tokenadm app-key list
  tokenadm app-key list --format json"#)]
    List,
    /// Show one key (never the key itself)
    #[command(after_help = r#"Examples:
  tokenadm app-key show "Mobile app""#)]
    Show {
        /// The key's name
        name: String,
    },
    /// Revoke a key: the server refuses it from its next request on
    #[command(after_help = r#"Examples:
  tokenadm app-key revoke "Mobile app""#)]
    Revoke {
        /// The key's name
        name: String,
    },
}

impl Command {
    /// Only `new` may create a missing database (see `cli::Command::may_create_database`).
    pub fn may_create_database(&self) -> bool {
        matches!(self, Command::New { .. })
    }
}

pub fn run(cmd: Command, ctx: &mut Ctx) -> Result<()> {
    let env = ctx.env.clone();
    match cmd {
        Command::New { name, output } => {
            output.open(ctx)?;
            let (key, secret) = app_keys::create(ctx.store()?, &env, &name)?;
            ctx.out.record(&AppKeyView {
                key: &key,
                secret: Some(&secret),
            })?;
            ctx.out.secrets_shown("the key");
            Ok(())
        }
        Command::List => {
            let keys = ctx.store()?.read(|tx| tx.list_app_keys())?;
            let views: Vec<AppKeyView> = keys
                .iter()
                .map(|key| AppKeyView { key, secret: None })
                .collect();
            ctx.out.list(&views)
        }
        Command::Show { name } => {
            let key = ctx.store()?.read(|tx| app_keys::show(tx, &name))?;
            ctx.out.record(&AppKeyView {
                key: &key,
                secret: None,
            })
        }
        Command::Revoke { name } => {
            let key = app_keys::revoke(ctx.store()?, &env, &name)?;
            ctx.out.record(&AppKeyView {
                key: &key,
                secret: None,
            })
        }
    }
}
