//! The Microsoft SSO plug-in's `ExtensionData` keys (`rules/catalog/extension-data-keys.toml`).

use std::sync::OnceLock;

use serde::Deserialize;

use super::{de_platforms, load, Platform, ValueType, EXTENSION_DATA_KEYS};

/// An `ExtensionData` key of the Microsoft Enterprise SSO plug-in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ExtensionDataKey {
    /// Exact key name (case-sensitive).
    pub name: String,
    /// Allowed value types (`use_most_secure_storage` allows Boolean and Integer).
    pub types: Vec<ValueType>,
    /// Allowed integer values where documented (`[0, 1]` for flags); empty = unrestricted.
    #[serde(default)]
    pub allowed: Vec<i64>,
    /// Platforms the key applies to ([`Platform::Ios`] and/or [`Platform::Macos`]).
    #[serde(deserialize_with = "de_platforms")]
    pub platforms: Vec<Platform>,
    /// A comma-separated list of bundle ids or prefixes in one String.
    #[serde(default)]
    pub list: bool,
    /// Documented by Microsoft (false for keys only seen in old docs or community manifests).
    pub documented: bool,
    /// One-line description for help text.
    pub summary: String,
}

impl ExtensionDataKey {
    /// Whether a value of type `ty` is acceptable for this key.
    pub fn accepts_type(&self, ty: ValueType) -> bool {
        self.types.contains(&ty)
    }

    /// Whether an integer value is allowed (true when the key has no documented value set).
    pub fn allows_value(&self, value: i64) -> bool {
        self.allowed.is_empty() || self.allowed.contains(&value)
    }

    /// Whether the key applies on `platform`; always true for [`Platform::Unknown`].
    pub fn applies_to(&self, platform: Platform) -> bool {
        platform == Platform::Unknown || self.platforms.contains(&platform)
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ExtensionDataKeysFile {
    #[serde(default)]
    pub(super) keys: Vec<ExtensionDataKey>,
}

/// Every known `ExtensionData` key of the Microsoft plug-in, in file order.
pub fn extension_data_keys() -> &'static [ExtensionDataKey] {
    static CELL: OnceLock<ExtensionDataKeysFile> = OnceLock::new();
    &CELL.get_or_init(|| load(EXTENSION_DATA_KEYS.json)).keys
}

/// The `ExtensionData` key with exactly this name (case-sensitive, like the plug-in).
///
/// ```
/// use profilelint::internals::catalog::{extension_data_key, ValueType};
///
/// let key = extension_data_key("browser_sso_interaction_enabled").unwrap();
/// assert_eq!(key.types, [ValueType::Integer]);
/// assert!(extension_data_key("Browser_SSO_Interaction_Enabled").is_none());
/// ```
pub fn extension_data_key(name: &str) -> Option<&'static ExtensionDataKey> {
    extension_data_keys().iter().find(|key| key.name == name)
}
