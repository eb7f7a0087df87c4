//! One way to pick a token (issue #12, item 7): `NUMBER` or `--identifier ID` on every command
//! that acts on one token, and instants given as RFC 3339 or as a duration back from now.

use super::ctx::Ctx;
use crate::domain::duration::Duration;
use crate::error::{Error, Result};
use crate::ops::find;

/// `NUMBER | --identifier ID`, flattened into a command's arguments.
#[derive(Debug, Clone, clap::Args)]
#[group(id = "pick", required = true, multiple = false)]
pub struct TokenPick {
    /// The token number, e.g. AT0000000042 (case does not matter)
    pub number: Option<String>,
    /// Pick the token by its identifier instead (case-insensitive)
    #[arg(long, value_name = "ID")]
    pub identifier: Option<String>,
}

impl TokenPick {
    /// The number of the token picked: as given (every lookup by number ignores case), or that
    /// of the token holding the identifier (the live one, else the newest not_effective one).
    pub fn number(&self, ctx: &mut Ctx) -> Result<String> {
        number_of(ctx, self.number.as_deref(), self.identifier.as_deref())
    }
}

/// [`TokenPick::number`] for commands that lay out their positionals themselves.
pub fn number_of(ctx: &mut Ctx, number: Option<&str>, identifier: Option<&str>) -> Result<String> {
    match (number, identifier) {
        (Some(n), _) => Ok(n.to_string()),
        (None, Some(id)) => {
            if id.trim().is_empty() {
                return Err(Error::usage(
                    "--identifier is empty; give the token's identifier",
                ));
            }
            let token = ctx.store()?.read(|tx| find::by_identifier(tx, id))?;
            Ok(token.number)
        }
        (None, None) => Err(Error::usage("give a token NUMBER or --identifier ID")),
    }
}

/// A token number given as a filter (`audit --token`, `outbox list --token`): the stored
/// spelling when a token has it in another case, else as given (a deleted token's entries
/// stay under its number).
pub fn number_filter(ctx: &mut Ctx, number: Option<String>) -> Result<Option<String>> {
    let Some(n) = number else {
        return Ok(None);
    };
    // Not found filters by the number as given; any other failure is the command's.
    let found = ctx.store()?.read(|tx| match find::by_number(tx, &n) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind == crate::Kind::NotFound => Ok(None),
        Err(e) => Err(e),
    })?;
    Ok(Some(found.map_or(n, |t| t.number)))
}

/// `--since`/`--until` and their kin: RFC 3339 (`2026-11-01T00:00:00Z`) or a duration back
/// from now (`24h`, `7d`).
pub fn instant(flag: &str, text: &str, now: i64) -> Result<i64> {
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Ok(t.as_second());
    }
    if let Ok(d) = text.parse::<Duration>() {
        return Ok(now - d.as_secs());
    }
    Err(Error::usage(format!(
        "{flag} \"{text}\" is neither an RFC 3339 instant nor a duration; write e.g. 2026-11-01T00:00:00Z, or 24h or 7d for that long ago"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_rfc3339_or_a_duration_back() {
        let now = 1_767_225_600;
        assert_eq!(instant("--since", "24h", now).unwrap(), now - 86_400);
        assert_eq!(instant("--since", "7d", now).unwrap(), now - 7 * 86_400);
        assert_eq!(
            instant("--since", "2026-01-01T00:00:00Z", now).unwrap(),
            1_767_225_600
        );
        let e = instant("--until", "yesterday", now).unwrap_err();
        assert_eq!(e.kind, crate::Kind::Usage);
        assert!(e.to_string().contains("--until \"yesterday\""));
    }
}

/// A token state as an argument: the states are offered to help and to shell completion
/// (`set-state N <Tab>`), while the value itself is checked by the command, so that an unknown
/// state is invalid input (exit 4) with the list of states, as the contract's categories say.
#[derive(Debug, Clone, Copy)]
pub struct StateHint;

impl clap::builder::TypedValueParser for StateHint {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::domain::token::State::ALL
                .into_iter()
                .map(|s| clap::builder::PossibleValue::new(s.as_str())),
        ))
    }
}
