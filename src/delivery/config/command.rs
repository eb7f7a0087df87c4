//! The command transport's settings: the program (and its leading arguments) that sends a
//! message, as `email_command` or `sms_command` give it.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A program to run, with its leading arguments; the recipient is appended as the last
/// argument. In TOML either an array `["/usr/bin/prog", "--flag"]` or a plain string, which
/// is the program path alone (never split on spaces, so paths with spaces work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    pub program: String,
    pub args: Vec<String>,
}

impl fmt::Display for CommandSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.program)?;
        for arg in &self.args {
            write!(f, " {arg}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for CommandSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpecVisitor;

        impl<'de> Visitor<'de> for SpecVisitor {
            type Value = CommandSpec;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a program path, or an array of the program path and its arguments")
            }

            fn visit_str<E: de::Error>(self, program: &str) -> Result<CommandSpec, E> {
                CommandSpec::new(program.to_string(), Vec::new()).map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CommandSpec, A::Error> {
                let mut parts: Vec<String> = Vec::new();
                while let Some(part) = seq.next_element()? {
                    parts.push(part);
                }
                let mut parts = parts.into_iter();
                let program = parts.next().unwrap_or_default();
                CommandSpec::new(program, parts.collect()).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_any(SpecVisitor)
    }
}

impl CommandSpec {
    pub fn new(program: String, args: Vec<String>) -> Result<Self, String> {
        if program.trim().is_empty() {
            return Err("the command names no program; write \"/path/to/program\" or [\"/path/to/program\", \"--flag\"]".into());
        }
        Ok(CommandSpec { program, args })
    }
}
