//! Compiled-in reference data: Microsoft apps, the Microsoft SSO plug-in's `ExtensionData` keys,
//! Microsoft login URLs, the Microsoft extension identity, and the subset of Apple's profile schema
//! that the PL1xx rules need.
//!
//! The data is written in TOML files under `rules/catalog/`, the source to edit and review. The
//! binary embeds the same data as minified JSON (`rules/catalog/compiled/`, generated from the
//! TOML and checked against it by the test suite), because reading JSON costs a tenth of reading
//! TOML and a one-file run would otherwise spend most of its time parsing the catalog. Each table
//! is parsed lazily on first use and cached for the life of the process, so a run pays only for
//! the tables it touches.
//!
//! One file per table (`apps`, `extension_data`, `entra_claims`, `login_urls`, `extensions`,
//! `apple_schema`), re-exported here; this file holds the embedding and the shared types.
//!
//! Embedded data that fails to parse is a bug, caught by the test suite (see [`self_check`]). Library
//! code never panics on it: an unparsable table behaves as an empty one.
//!
//! ```
//! use profilelint::internals::catalog;
//! use profilelint::model::Platform;
//!
//! let (app, platform) = catalog::find_app_by_bundle_id("COM.MICROSOFT.OFFICE.OUTLOOK").unwrap();
//! assert_eq!(app.key, "outlook");
//! assert_eq!(platform, Platform::Ios);
//! assert!(catalog::extension_data_key("device_registration").is_some());
//! ```

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

pub use crate::contract::Platform;

mod apple_schema;
mod apps;
mod entra_claims;
mod extension_data;
mod extensions;
mod login_urls;

use apps::AppsFile;
use extension_data::ExtensionDataKeysFile;

pub use apple_schema::*;
pub use apps::*;
pub use entra_claims::*;
pub use extension_data::*;
pub use extensions::*;
pub use login_urls::*;

// ---------------------------------------------------------------------------------------------
// Embedded sources
// ---------------------------------------------------------------------------------------------

/// One catalog table: its TOML source's file name under `rules/catalog/`, and the embedded JSON
/// compiled from it.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The source's file name, e.g. `microsoft-apps.toml`.
    pub file: &'static str,
    /// The embedded data: the source as minified JSON, keys sorted.
    pub json: &'static str,
}

/// The table compiled from `rules/catalog/<name>.toml`.
macro_rules! table {
    ($name:literal) => {
        Table {
            file: concat!($name, ".toml"),
            json: include_str!(concat!("../../rules/catalog/compiled/", $name, ".json")),
        }
    };
}

const MICROSOFT_APPS: Table = table!("microsoft-apps");
const EXTENSION_DATA_KEYS: Table = table!("extension-data-keys");
const LOGIN_URLS: Table = table!("login-urls");
const MICROSOFT_EXTENSIONS: Table = table!("microsoft-extensions");
const APPLE_SCHEMA: Table = table!("apple-schema");
const ENTRA_CLAIMS: Table = table!("entra-claims");

/// Every catalog table, for the test that keeps the compiled JSON in step with its TOML source.
pub const TABLES: [Table; 6] = [
    MICROSOFT_APPS,
    EXTENSION_DATA_KEYS,
    LOGIN_URLS,
    MICROSOFT_EXTENSIONS,
    APPLE_SCHEMA,
    ENTRA_CLAIMS,
];

/// Parses one embedded table, falling back to the type's empty value if the data is broken.
fn load<T: DeserializeOwned + Default>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_default()
}

/// Parses every embedded table afresh and returns one message per table that fails to parse or
/// is empty. An empty result means the compiled-in data is sound.
///
/// The lazy accessors silently fall back to empty tables on broken data; this function is how the
/// test suite (and a `--self-check` style command, if one is added) notices.
///
/// ```
/// assert!(profilelint::internals::catalog::self_check().is_empty());
/// ```
pub fn self_check() -> Vec<String> {
    fn check<T: DeserializeOwned>(table: Table, is_empty: impl Fn(&T) -> bool, out: &mut Vec<String>) {
        match serde_json::from_str::<T>(table.json) {
            Ok(value) if is_empty(&value) => out.push(format!("rules/catalog/{}: table is empty", table.file)),
            Ok(_) => {}
            Err(err) => out.push(format!("rules/catalog/{} (compiled): {err}", table.file)),
        }
    }
    let mut out = Vec::new();
    check::<AppsFile>(
        MICROSOFT_APPS,
        |f| f.apps.is_empty() || f.apple_apps.is_empty(),
        &mut out,
    );
    check::<ExtensionDataKeysFile>(EXTENSION_DATA_KEYS, |f| f.keys.is_empty(), &mut out);
    check::<EntraClaims>(
        ENTRA_CLAIMS,
        |c| c.id_token.is_empty() || c.sign_in_names.is_empty() || c.apple.is_empty(),
        &mut out,
    );
    check::<LoginUrls>(
        LOGIN_URLS,
        |u| u.public.is_empty() || u.usgov.is_empty() || u.china.is_empty() || u.legacy.is_empty(),
        &mut out,
    );
    check::<MicrosoftExtensions>(
        MICROSOFT_EXTENSIONS,
        |e| {
            e.ios_extension_id.is_empty()
                || e.macos_extension_id.is_empty()
                || e.macos_team_id.is_empty()
                || e.confusable_team_ids.is_empty()
                || e.company_portal_floors.is_empty()
        },
        &mut out,
    );
    check::<AppleSchema>(APPLE_SCHEMA, |s| s.scopes.is_empty(), &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Shared types
// ---------------------------------------------------------------------------------------------

/// A platform name as written in the catalog files (`"ios"` / `"macos"`); converted to
/// [`Platform`] on load, so the data can never say `Unknown`.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum PlatformName {
    Ios,
    Macos,
}

impl From<PlatformName> for Platform {
    fn from(name: PlatformName) -> Self {
        match name {
            PlatformName::Ios => Platform::Ios,
            PlatformName::Macos => Platform::Macos,
        }
    }
}

fn de_platform<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Platform, D::Error> {
    PlatformName::deserialize(deserializer).map(Platform::from)
}

fn de_platforms<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Platform>, D::Error> {
    Vec::<PlatformName>::deserialize(deserializer).map(|names| names.into_iter().map(Platform::from).collect())
}

/// A plist / Intune value type, as named in the catalog files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// `<string>` (Intune `keyStringValuePair`).
    String,
    /// `<integer>` (Intune `keyIntegerValuePair`).
    Integer,
    /// `<real>` (Intune `keyRealValuePair`).
    Real,
    /// `<true/>` / `<false/>` (Intune `keyBooleanValuePair`).
    Boolean,
    /// `<date>`.
    Date,
    /// `<data>` (base64).
    Data,
    /// `<array>`.
    Array,
    /// `<dict>`.
    Dictionary,
    /// Any type (Apple's `<any>`): never checked.
    Any,
}

impl ValueType {
    /// The name used in the catalog files and in messages (`"string"`, `"integer"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Integer => "integer",
            Self::Real => "real",
            Self::Boolean => "boolean",
            Self::Date => "date",
            Self::Data => "data",
            Self::Array => "array",
            Self::Dictionary => "dictionary",
            Self::Any => "any",
        }
    }
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_data_falls_back_to_empty_tables() {
        let apps: AppsFile = load(r#"{"apps": [{"key": 1}]}"#);
        assert!(apps.apps.is_empty() && apps.apple_apps.is_empty());
        let schema: AppleSchema = load("not json at all [");
        assert!(schema.scopes.is_empty());
        let urls: LoginUrls = load("");
        assert!(urls.public.is_empty());
    }

    #[test]
    fn platform_names_in_data_are_ios_or_macos_only() {
        let bad: Result<AppsFile, _> =
            toml::from_str("[[apple_apps]]\nbundle_id = \"a.b\"\nname = \"x\"\nplatform = \"unknown\"");
        assert!(bad.is_err());
    }
}
