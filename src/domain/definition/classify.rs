//! Classifications (CRM.COM R10): each one's policy is its tables laid over the definition's
//! own tables as written, key by key, then read like any policy.

use super::locate;
use super::policy::Policy;
use super::DefinitionError;
use std::collections::BTreeMap;

/// The top-level keys that are not policy tables.
const TOP_LEVEL_KEYS: [&str; 4] = ["name", "alternative_code", "description", "classifications"];

/// Each classification's policy: its tables laid over the definition's own tables as written,
/// then read like any policy, so the keys neither sets take their defaults.
pub(super) fn classification_policies(
    text: &str,
    source: &locate::Source,
) -> Result<BTreeMap<String, Policy>, DefinitionError> {
    let mut base: toml::Table = toml::from_str(text).map_err(|e| source.serde_error(&e))?;
    let overlays = match base.remove("classifications") {
        Some(toml::Value::Table(overlays)) => overlays,
        _ => toml::Table::new(),
    };
    for key in TOP_LEVEL_KEYS {
        base.remove(key);
    }
    let mut policies = BTreeMap::new();
    for (class, overlay) in overlays {
        let toml::Value::Table(overlay) = overlay else {
            continue;
        };
        // Each part was read on its own already, so this fails only if merging broke
        // something; say so at the classification rather than panic.
        let policy = toml::Value::Table(merge(base.clone(), overlay))
            .try_into::<Policy>()
            .map_err(|e| {
                let message = format!(
                    "classification {class:?} does not combine with the definition's own \
                     tables: {}",
                    e.message()
                );
                source.error_at_key(&["classifications", &class], message)
            })?;
        policies.insert(class, policy);
    }
    Ok(policies)
}

/// `overlay` laid over `base` key by key, tables merged recursively and any other value
/// replaced. A classification that chooses another identifier format without a pattern drops
/// the inherited pattern: a pattern belongs to the `regex` format it was written for, and TOML
/// has no way to unset a key.
fn merge(mut base: toml::Table, overlay: toml::Table) -> toml::Table {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over)) => {
                if key == "identifier"
                    && over.contains_key("format")
                    && !over.contains_key("pattern")
                {
                    inner.remove("pattern");
                }
                let merged = merge(std::mem::take(inner), over);
                *inner = merged;
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use crate::domain::definition::policy::{IdentifierFormat, MessageTemplate};
    use crate::domain::definition::testing::rejects_at;
    use crate::domain::definition::Definition;

    // Classifications.

    const GOLD: &str = r#"name = "loyalty"

[pass_code]
max_length = 64

[pass_code.hash]
memory_kib = 65536

[classifications.gold.pass_code]
min_length = 14

[classifications.staff.identifier]
format = "phone"
"#;

    #[test]
    fn classification_overrides_key_by_key() {
        let def = Definition::parse(GOLD).unwrap();
        let gold = def.policy(Some("gold")).unwrap();
        assert_eq!(gold.pass_code.min_length, 14);
        assert_eq!(gold.pass_code.max_length, 64);
        assert_eq!(gold.pass_code.hash.memory_kib, 65536);
        assert_eq!(gold.pass_code.hash.iterations, 2);
        assert_eq!(gold.identifier, def.base.identifier);
        assert_eq!(def.base.pass_code.min_length, 10);

        let staff = def.policy(Some("staff")).unwrap();
        assert_eq!(staff.identifier.format, IdentifierFormat::Phone);
        assert_eq!(staff.pass_code, def.base.pass_code);
        assert_eq!(staff.communication, def.base.communication);
    }

    #[test]
    fn policy_of_an_unknown_classification_is_none() {
        let def = Definition::parse(GOLD).unwrap();
        assert!(def.policy(Some("nope")).is_none());
        assert_eq!(def.policy(None), Some(&def.base));
        assert_eq!(
            def.classifications.keys().collect::<Vec<_>>(),
            ["gold", "staff"]
        );
    }

    #[test]
    fn classification_messages_keep_their_event_defaults() {
        let def = Definition::parse(
            "name = \"x\"\n[communication.on_create]\nsubject = \"Hi\"\n\
             [classifications.gold.communication.on_create]\nenabled = true\n",
        )
        .unwrap();
        let message = &def.policy(Some("gold")).unwrap().communication.on_create;
        assert!(message.enabled);
        assert_eq!(message.subject, "Hi");
        assert_eq!(message.template, MessageTemplate::on_create().template);
    }

    #[test]
    fn a_classification_leaving_regex_drops_the_inherited_pattern() {
        let def = Definition::parse(
            "name = \"x\"\n[identifier]\nformat = \"regex\"\npattern = \"^[0-9]{8}$\"\n\
             [classifications.guest.identifier]\nformat = \"email\"\n",
        )
        .unwrap();
        let guest = def.policy(Some("guest")).unwrap();
        assert_eq!(guest.identifier.format, IdentifierFormat::Email);
        assert_eq!(guest.identifier.pattern, None);
        assert_eq!(def.base.identifier.pattern.as_deref(), Some("^[0-9]{8}$"));
    }

    #[test]
    fn classification_errors_name_the_classification_key() {
        // min_length from the classification against max_length from the base.
        let text = "name = \"x\"\n[pass_code]\nmax_length = 12\ngenerate_length = 12\n\n[classifications.gold.pass_code]\nmin_length = 14\n";
        rejects_at(
            text,
            7,
            1,
            "classifications.gold.pass_code.min_length (14) is greater than classifications.gold.pass_code.max_length (12)",
        );
        rejects_at(
            "name = \"x\"\n[classifications.gold.identifier]\nformat = \"regex\"\npattern = \"[\"\n",
            4,
            1,
            "classifications.gold.identifier.pattern",
        );
        rejects_at(
            "name = \"x\"\n[classifications.gold.communication.on_reset]\nsubject = \"#access_token.pin\"\n",
            3,
            12,
            "classifications.gold.communication.on_reset.subject uses the unknown tag",
        );
        // Inline tables and dotted keys are found as well as [table] headers.
        rejects_at(
            "name = \"x\"\n[classifications]\ngold.lockout = { window = \"0s\" }\n",
            3,
            18,
            "classifications.gold.lockout.window",
        );
    }

    #[test]
    fn a_classification_may_be_empty() {
        let def = Definition::parse("name = \"x\"\n[classifications.silver]\n").unwrap();
        assert_eq!(def.policy(Some("silver")), Some(&def.base));
    }
}
