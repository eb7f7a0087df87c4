//! What `definition check` reports (issue #15): a token, and one way it breaks the current
//! version of its definition or classification. The reasons' names are what scripts match on.

/// Why a token breaks its definition's current version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Identifier,
    IdentifierMissing,
    HashParameters,
    Expiry,
    ClassificationDropped,
    AccountCap,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Identifier => "identifier",
            Reason::IdentifierMissing => "identifier_missing",
            Reason::HashParameters => "hash_parameters",
            Reason::Expiry => "expiry",
            Reason::ClassificationDropped => "classification_dropped",
            Reason::AccountCap => "account_cap",
        }
    }
}

/// One token and one way it breaks the current version.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub number: String,
    pub definition: String,
    /// The version the token was issued under.
    pub definition_version: i64,
    pub classification: Option<String>,
    pub reason: Reason,
    /// One sentence: what the token has, and what the definition now asks.
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_have_stable_names() {
        let all = [
            Reason::Identifier,
            Reason::IdentifierMissing,
            Reason::HashParameters,
            Reason::Expiry,
            Reason::ClassificationDropped,
            Reason::AccountCap,
        ];
        let names: Vec<&str> = all.iter().map(|r| r.as_str()).collect();
        assert_eq!(
            names,
            [
                "identifier",
                "identifier_missing",
                "hash_parameters",
                "expiry",
                "classification_dropped",
                "account_cap"
            ]
        );
    }
}
