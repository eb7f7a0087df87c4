//! What several definition commands share: reading a definition file and the row they print.

use crate::cli::console;
use crate::error::{Error, Result};
use crate::ops::definitions;
use crate::output::DefinitionRow;
use crate::store::StoredDefinition;
use std::path::Path;

/// Reads a definition from a file, or standard input for `-`; returns the text and how to name
/// it in messages.
pub fn read_source(path: &Path) -> Result<(String, String)> {
    let (bytes, name) = console::read_input(path, "definition file")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::invalid(format!(
            "{name} is not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((text, name))
}

/// A stored definition as `definition list`, `history`, `apply` and `activate` print it.
pub fn row(stored: &StoredDefinition, active: bool) -> DefinitionRow {
    DefinitionRow {
        active,
        description: definitions::description(stored),
        name: stored.name.clone(),
        version: stored.version,
        created_at: stored.created_at,
        created_by: stored.created_by.clone(),
    }
}
