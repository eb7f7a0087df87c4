//! `tokenadm definition edit [NAME]`: like `crontab -e`. Opens $VISUAL/$EDITOR on the stored
//! TOML, validates on save, and on an error shows it and offers to edit again.

use crate::cli::console;
use crate::cli::ctx::Ctx;
use crate::error::{Error, Result};
use crate::ops::definitions;
use crate::output::stderr_line;
use std::io::IsTerminal;

/// Edit a definition in $VISUAL or $EDITOR; a valid change is applied as a new version
#[derive(Debug, clap::Args)]
#[command(after_help = r#"Examples:
  tokenadm definition edit
  EDITOR=nano tokenadm definition edit portal"#)]
pub struct Args {
    /// The definition's name [default: the active one]
    name: Option<String>,
}

pub fn run(args: Args, ctx: &mut Ctx) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::usage(
            "definition edit needs a terminal; use tokenadm definition show NAME > FILE, edit FILE, then tokenadm definition apply FILE",
        ));
    }
    let env = ctx.env.clone();
    let stored = ctx
        .store()?
        .read(|tx| definitions::show(tx, args.name.as_deref(), None))?;
    let mut text = stored.toml.clone();
    loop {
        let edited = dialoguer::Editor::new()
            .extension(".toml")
            .require_save(true)
            .edit(&text)
            .map_err(|e| {
                Error::usage(format!("cannot run the editor ($VISUAL or $EDITOR): {e}"))
            })?;
        let Some(edited) = edited else {
            ctx.out.note("not saved; nothing changed");
            return Ok(());
        };
        text = edited;
        match definitions::parse(&text, "the edited definition") {
            Ok(d) if d.name != stored.name => {
                stderr_line(&format!("error: the edited definition is named \"{}\", not \"{}\"; rename it back or apply it as a new definition", d.name, stored.name));
            }
            Ok(_) => break,
            Err(e) => stderr_line(&format!("error: {e}")),
        }
        if !console::confirm("Edit again?", false).unwrap_or(false) {
            return Err(Error::invalid(
                "the edited definition is not valid; nothing was changed",
            ));
        }
    }
    let store = ctx.store()?;
    let applied = definitions::apply(store, &env, &text, "the edited definition")?;
    let active = store.read(|tx| tx.active_definition_name())?;
    if !applied.changed {
        ctx.out.note("no change; nothing was applied");
    }
    let s = applied.stored;
    ctx.out.record(&super::rows::row(&s, s.name == active))
}
