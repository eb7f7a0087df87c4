//! The active definition's policies, read and parsed once per issuance.

use crate::domain::definition::Policy;
use crate::error::{Error, Result};
use crate::ops::definitions::{self, Active};
use crate::store::{Store, Tx};

fn unknown_classification(active: &Active, classification: Option<&str>) -> Error {
    Error::not_found(format!(
        "classification \"{}\" is not defined in definition \"{}\"; add a [classifications.{}] table",
        classification.unwrap_or_default(),
        active.definition.name,
        classification.unwrap_or_default()
    ))
}

/// The active definition, read and parsed once per invocation, with the policy of the
/// definition itself (index 0) and of each classification, so that a million rows cost one
/// parse and rows refer to their policy by index.
pub(crate) struct Policies {
    pub(super) active: Active,
    /// `None` for the definition's own policy, then each classification by name.
    names: Vec<Option<String>>,
    policies: Vec<Policy>,
}

impl Policies {
    pub(super) fn load(store: &mut Store) -> Result<Policies> {
        let active = store.read(definitions::active)?;
        let mut names = vec![None];
        let mut policies = vec![active.definition.base.clone()];
        for (name, policy) in &active.definition.classifications {
            names.push(Some(name.clone()));
            policies.push(policy.clone());
        }
        Ok(Policies {
            active,
            names,
            policies,
        })
    }

    pub(super) fn index(&self, classification: Option<&str>) -> Result<usize> {
        self.names
            .iter()
            .position(|n| n.as_deref() == classification)
            .ok_or_else(|| unknown_classification(&self.active, classification))
    }

    pub(super) fn policy(&self, class: usize) -> &Policy {
        &self.policies[class]
    }

    pub(super) fn classification(&self, class: usize) -> Option<&str> {
        self.names[class].as_deref()
    }

    /// The definition may have changed while we hashed; issue under what is active now.
    pub(super) fn still_active(&self, tx: &dyn Tx) -> Result<()> {
        let name = tx.active_definition_name()?;
        let latest = tx.latest_definition(&name)?;
        let same = latest.is_some_and(|l| {
            l.name == self.active.stored.name && l.version == self.active.stored.version
        });
        if same {
            Ok(())
        } else {
            Err(Error::conflict(
                "the active definition changed while issuing; run the command again",
            ))
        }
    }
}
