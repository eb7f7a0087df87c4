//! What every command needs, built once: the store (opened on first use, so `check` and
//! `completions` never touch a database), the clock read once, the actor, and the output.

use super::GlobalArgs;
use crate::error::{Error, Result};
use crate::ops::Env;
use crate::output::Output;
use crate::store::Store;
use std::path::PathBuf;

pub struct Ctx {
    pub out: Output,
    pub env: Env,
    pub yes: bool,
    pub config: Option<PathBuf>,
    db_path: Option<PathBuf>,
    store: Option<Store>,
}

impl Ctx {
    pub fn new(g: &GlobalArgs) -> Result<Ctx> {
        let now = jiff::Timestamp::now().as_second();
        Ok(Ctx {
            out: Output::new(g.format, g.quiet),
            env: Env {
                now,
                actor: actor(g.actor.as_deref())?,
            },
            yes: g.yes,
            config: g.config.clone(),
            db_path: g.db.clone(),
            store: None,
        })
    }

    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.db_path {
            Some(p) if p.as_os_str().is_empty() => {
                Err(Error::usage("--db is empty; give a file path"))
            }
            Some(p) => Ok(p.clone()),
            None => default_db_path(),
        }
    }

    pub fn store(&mut self) -> Result<&mut Store> {
        if self.store.is_none() {
            let path = self.db_path()?;
            self.store = Some(Store::open(&path, self.env.now)?);
        }
        self.store
            .as_mut()
            .ok_or_else(|| Error::internal("the database is not open"))
    }
}

fn actor(flag: Option<&str>) -> Result<String> {
    let name = match flag {
        Some(a) => a.to_string(),
        None => std::env::var("SUDO_USER")
            .ok()
            .filter(|s| !s.is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "unknown".to_string()),
    };
    if name.trim().is_empty() || name.len() > 128 || name.chars().any(char::is_control) {
        return Err(Error::usage(format!(
            "actor \"{name}\" must be 1 to 128 characters without control characters"
        )));
    }
    Ok(name)
}

fn default_db_path() -> Result<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(h) => PathBuf::from(h).join(".local").join("share"),
            None => {
                return Err(Error::usage(
                    "neither XDG_DATA_HOME nor HOME is set; pass --db PATH or set TOKENADM_DB",
                ))
            }
        },
    };
    Ok(base.join("tokenadm").join("tokenadm.db"))
}
