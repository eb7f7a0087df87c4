//! Reading from people and pipes: secrets from standard input or a hidden prompt, and
//! confirmations. Secrets are never flag values (they would show in `ps` and shell history).

use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use std::io::{BufRead, IsTerminal, Read};
use std::path::Path;

/// The longest secret line we accept; anything longer is a mistake (a file piped by accident).
const MAX_LINE: usize = 4096;

/// Reads `count` secret lines from standard input, in order, trailing newline stripped. When
/// standard input is a terminal (someone typing, not a pipe), each is read without echo, after
/// a prompt naming it (issue #12: `--pass-code-stdin` at a terminal used to show the pass code).
pub fn stdin_secrets(names: &[&str]) -> Result<Vec<Secret>> {
    if std::io::stdin().is_terminal() {
        return names
            .iter()
            .map(|name| {
                let typed =
                    rpassword::prompt_password(format!("{}: ", capitalize(name))).map_err(|e| {
                        Error::usage(format!("cannot read the {name} from the terminal: {e}"))
                    })?;
                let mut line = typed.into_bytes();
                line.push(b'\n');
                line_to_secret(line, name)
            })
            .collect();
    }
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let mut buf = Vec::new();
        (&mut lock)
            .take(MAX_LINE as u64 + 2)
            .read_until(b'\n', &mut buf)
            .map_err(|e| {
                Error::internal(format!("cannot read the {name} from standard input: {e}"))
            })?;
        out.push(line_to_secret(buf, name)?);
    }
    Ok(out)
}

pub fn stdin_secret(name: &str) -> Result<Secret> {
    let mut v = stdin_secrets(&[name])?;
    v.pop().ok_or_else(|| Error::internal("no secret was read"))
}

fn line_to_secret(mut buf: Vec<u8>, name: &str) -> Result<Secret> {
    use zeroize::Zeroize;
    if buf.len() > MAX_LINE + 1 {
        buf.zeroize();
        return Err(Error::invalid(format!(
            "the {name} on standard input is longer than {MAX_LINE} bytes"
        )));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    if buf.is_empty() {
        return Err(Error::invalid(format!(
            "the {name} on standard input is empty; write it as one line"
        )));
    }
    match String::from_utf8(buf) {
        Ok(s) => Ok(Secret::new(s)),
        Err(e) => {
            let mut bytes = e.into_bytes();
            bytes.zeroize();
            Err(Error::invalid(format!(
                "the {name} on standard input is not valid UTF-8"
            )))
        }
    }
}

/// A hidden prompt on the terminal; with `confirm`, asked twice like `passwd`.
pub fn prompt_secret(label: &str, confirm: bool) -> Result<Secret> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::usage(format!(
            "--prompt needs a terminal; pipe the {label} to --pass-code-stdin instead"
        )));
    }
    let read = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(Secret::new)
            .map_err(|e| Error::usage(format!("cannot read the {label} from the terminal: {e}")))
    };
    let first = read(&format!("{}: ", capitalize(label)))?;
    if first.expose().is_empty() {
        return Err(Error::invalid(format!("the {label} is empty")));
    }
    if confirm {
        let again = read(&format!("{} again: ", capitalize(label)))?;
        if !crate::domain::secret::ct_eq(first.expose().as_bytes(), again.expose().as_bytes()) {
            return Err(Error::invalid(format!(
                "the two {label}s do not match; nothing was changed"
            )));
        }
    }
    Ok(first)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Asks a yes/no question, or takes `--yes`; without a terminal it refuses rather than hang.
pub fn confirm(question: &str, yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::usage(format!(
            "{question} needs a confirmation and there is no terminal to ask; pass --yes"
        )));
    }
    dialoguer::Confirm::new()
        .with_prompt(crate::output::escape(question))
        .default(false)
        .interact()
        .map_err(|e| Error::usage(format!("cannot ask for confirmation: {e}")))
}

/// Reads an input file whole, or standard input for `-`; returns its bytes and how to name it
/// in messages (`what` says what the file is: "definition file", "import file").
pub fn read_input(path: &Path, what: &str) -> Result<(Vec<u8>, String)> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::internal(format!("cannot read standard input: {e}")))?;
        return Ok((buf, "standard input".to_string()));
    }
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::not_found(format!("{what} {name} does not exist")),
        _ => Error::internal(format!("cannot read {name}: {e}")),
    })?;
    Ok((bytes, name))
}
