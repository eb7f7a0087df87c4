//! From TOML text to a validated [`Definition`]: serde reads the file as written (type and
//! unknown-key errors placed by their span), classifications are merged (`classify`), and the
//! result is validated (`validate`).

use super::classify::classification_policies;
use super::locate;
use super::policy::{
    AuthCodePolicy, Automation, Communication, ExpiryPolicy, IdentifierPolicy, LockoutPolicy,
    NumberPolicy, PassCodePolicy, Policy, SessionPolicy, UsagePolicy, VerificationPolicy,
};
use super::validate;
use super::{Definition, DefinitionError};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The top level of a definition file as written, for the type and unknown-key errors (with
/// their spans) that serde finds in one pass over the text. Each classification is read here
/// on its own only to check it; its effective policy comes from merging tables (see `classify`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: String,
    #[serde(default)]
    alternative_code: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    classifications: BTreeMap<String, Policy>,
    #[serde(default)]
    number: NumberPolicy,
    #[serde(default)]
    authentication_code: AuthCodePolicy,
    #[serde(default)]
    identifier: IdentifierPolicy,
    #[serde(default)]
    pass_code: PassCodePolicy,
    #[serde(default)]
    automation: Automation,
    #[serde(default)]
    verification: VerificationPolicy,
    #[serde(default)]
    expiry: ExpiryPolicy,
    #[serde(default)]
    session: SessionPolicy,
    #[serde(default)]
    lockout: LockoutPolicy,
    #[serde(default)]
    usage: UsagePolicy,
    #[serde(default)]
    communication: Communication,
}

impl Definition {
    /// Parses and validates a definition. Every key but `name` is optional; a classification
    /// inherits every key it does not set from the definition's own tables.
    pub fn parse(text: &str) -> Result<Definition, DefinitionError> {
        let source = locate::Source::parse(text)?;
        if !source.has_key(&["name"]) {
            return Err(source.error_at(
                0,
                "the definition has no name; add a line such as `name = \"gold\"` at the top \
                 (name is the one required key)"
                    .to_string(),
            ));
        }
        let raw: RawFile = toml::from_str(text).map_err(|e| source.serde_error(&e))?;

        let classifications = if raw.classifications.is_empty() {
            BTreeMap::new()
        } else {
            classification_policies(text, &source)?
        };
        let alternative_code = raw.alternative_code.unwrap_or_else(|| initials(&raw.name));
        let definition = Definition {
            name: raw.name,
            alternative_code,
            description: raw.description,
            base: Policy {
                number: raw.number,
                authentication_code: raw.authentication_code,
                identifier: raw.identifier,
                pass_code: raw.pass_code,
                automation: raw.automation,
                verification: raw.verification,
                expiry: raw.expiry,
                session: raw.session,
                lockout: raw.lockout,
                usage: raw.usage,
                communication: raw.communication,
            },
            classifications,
        };
        validate::definition(&definition, &source)?;
        Ok(definition)
    }
}

/// The initials of the name's words, upper-cased: `gold-members` gives `GM`.
fn initials(name: &str) -> String {
    let code: String = name
        .split(['-', '_', '.', ' '])
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if code.is_empty() {
        name.to_uppercase()
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::definition::policy::{Media, MessageTemplate};
    use crate::domain::definition::testing::{reject, rejects_at};

    #[test]
    fn the_name_alone_is_a_whole_definition() {
        let def = Definition::parse("name = \"x\"\n[pass_code]\n").unwrap();
        assert_eq!(def.base, Policy::default());
        assert_eq!(def.alternative_code, "X");
        assert_eq!(def.description, "");
        assert!(def.classifications.is_empty());
    }

    #[test]
    fn an_empty_file_lacks_only_its_name() {
        let error = rejects_at("", 1, 1, "name");
        assert!(error.message.contains("required"), "{error}");
        rejects_at("[pass_code]\nmin_length = 12\n", 1, 1, "name");
    }

    #[test]
    fn alternative_code_defaults_to_initials() {
        let def = Definition::parse("name = \"gold-members_club\"").unwrap();
        assert_eq!(def.alternative_code, "GMC");
        let def = Definition::parse("name = \"gold\"\nalternative_code = \"GLD\"").unwrap();
        assert_eq!(def.alternative_code, "GLD");
    }

    #[test]
    fn an_event_keeps_its_own_defaults_for_keys_it_leaves_out() {
        let def = Definition::parse(
            "name = \"x\"\n[communication.on_verification]\nenabled = true\nmedia = \"sms\"\n",
        )
        .unwrap();
        let message = &def.base.communication.on_verification;
        assert!(message.enabled);
        assert_eq!(message.media, Media::Sms);
        assert_eq!(
            message.template,
            MessageTemplate::on_verification().template
        );
        assert_eq!(
            def.base.communication.on_create,
            MessageTemplate::on_create()
        );
    }

    #[test]
    fn error_display_leads_with_the_place() {
        let error = reject("name = \"x\"\n[number]\ndigits = 2\n");
        assert_eq!(
            error.to_string(),
            "line 3, column 1: number.digits (2) must be from 4 to 18"
        );
        let error: crate::Error = error.into();
        assert_eq!(error.kind, crate::Kind::Invalid);
    }

    // Syntax, type and unknown-key errors: from the parser and serde, placed by their span.

    #[test]
    fn syntax_error_has_its_place() {
        rejects_at(
            "name = \"x\"\n[number\ndigits = 4\n",
            2,
            8,
            "not well-formed",
        );
        rejects_at("name = \"x\"\n\n  digits = = 4\n", 3, 12, "not well-formed");
    }

    #[test]
    fn unknown_key_in_a_table_has_its_place() {
        let error = rejects_at(
            "name = \"x\"\n[number]\ndigits = 10\n  prefx = \"AT\"\n",
            4,
            3,
            "`number.prefx` is not a known key",
        );
        assert!(error.message.contains("`prefix`"), "{error}");
        rejects_at(
            "name = \"x\"\ncolour = 1\n",
            2,
            1,
            "`colour` is not a known key",
        );
        rejects_at(
            "name = \"x\"\n[numbers]\n",
            2,
            2,
            "`numbers` is not a known key",
        );
        rejects_at(
            "name = \"x\"\n[pass_code.hash]\nmemory = 1\n",
            3,
            1,
            "`pass_code.hash.memory` is not a known key",
        );
        rejects_at(
            "name = \"x\"\n[communication.on_create]\nbody = \"\"\n",
            3,
            1,
            "`communication.on_create.body` is not a known key",
        );
    }

    #[test]
    fn unknown_key_in_a_classification_has_its_place() {
        rejects_at(
            "name = \"x\"\n\n[classifications.gold.pass_code]\nmin_length = 12\nmin_lenght = 14\n",
            5,
            1,
            "`classifications.gold.pass_code.min_lenght` is not a known key",
        );
        // A classification overrides policy tables, not the definition's name.
        rejects_at(
            "name = \"x\"\n[classifications.gold]\nname = \"y\"\n",
            3,
            1,
            "`classifications.gold.name` is not a known key",
        );
    }

    #[test]
    fn wrong_types_name_the_key_and_its_place() {
        rejects_at(
            "name = \"x\"\n[pass_code]\nmin_length = \"12\"\n",
            3,
            14,
            "`pass_code.min_length`: invalid type",
        );
        rejects_at(
            "name = \"x\"\n[authentication_code]\nalphabet = \"base64\"\n",
            3,
            12,
            "`authentication_code.alphabet`: unknown value `base64`",
        );
        rejects_at(
            "name = \"x\"\n[verification]\nrequired_for = [\"direct\", \"phone\"]\n",
            3,
            27,
            "`verification.required_for`: unknown value `phone`",
        );
        rejects_at(
            "name = \"x\"\n[lockout]\nwindow = \"15 minutes\"\n",
            3,
            10,
            "`lockout.window`: \"15 minutes\" is not a duration",
        );
        rejects_at("name = 7\n", 1, 8, "`name`: invalid type");
        rejects_at("name = \"x\"\nnumber = 3\n", 2, 10, "expected a table");
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let _ = Definition::parse(&text);
        }

        #[test]
        fn any_value_in_any_key_is_accepted_or_placed_in_the_text(
            table in "(number|pass_code|pass_code.hash|verification|session|communication.on_create)",
            key in "(prefix|digits|min_length|memory_kib|valid_for|ttl|subject|x)",
            value in "(-?[0-9]{1,12}|\"[ -~]{0,12}\"|true|\\[\\]|\\{\\})",
        ) {
            let text = format!("name = \"x\"\n[{table}]\n{key} = {value}\n");
            if let Err(error) = Definition::parse(&text) {
                proptest::prop_assert!(error.line >= 1 && error.line <= 4, "{}", error);
                proptest::prop_assert!(error.column >= 1, "{}", error);
            }
        }
    }
}
