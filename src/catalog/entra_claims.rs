//! The claims Entra ID tokens carry, for `TokenToUserMapping` (`rules/catalog/entra-claims.toml`).

use std::sync::OnceLock;

use serde::Deserialize;

use super::{load, ENTRA_CLAIMS};

/// The claims of Microsoft Entra ID tokens that Platform SSO's `TokenToUserMapping` may name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct EntraClaims {
    /// Payload claims of ID tokens.
    #[serde(default)]
    pub id_token: Vec<String>,
    /// Optional claims.
    #[serde(default)]
    pub optional: Vec<String>,
    /// Claims holding the user's sign-in name (`preferred_username`, `upn`, …).
    #[serde(default)]
    pub sign_in_names: Vec<String>,
    /// Values Platform SSO supplies itself (`com.apple.PlatformSSO.AccountShortName`).
    #[serde(default)]
    pub apple: Vec<String>,
}

impl EntraClaims {
    /// Whether `name` is a claim an Entra ID token can carry, or a value Platform SSO supplies
    /// (exact, case-sensitive).
    pub fn is_known(&self, name: &str) -> bool {
        [&self.id_token, &self.optional, &self.apple]
            .into_iter()
            .any(|list| list.iter().any(|c| c == name))
    }

    /// Every known name, for did-you-mean.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.id_token
            .iter()
            .chain(&self.optional)
            .chain(&self.apple)
            .map(String::as_str)
    }
}

/// The Entra ID token claims.
///
/// ```
/// let claims = profilelint::internals::catalog::entra_claims();
/// assert!(claims.is_known("preferred_username"));
/// assert!(!claims.is_known("macOSAccountUsername"));
/// ```
pub fn entra_claims() -> &'static EntraClaims {
    static CELL: OnceLock<EntraClaims> = OnceLock::new();
    CELL.get_or_init(|| load(ENTRA_CLAIMS.json))
}
