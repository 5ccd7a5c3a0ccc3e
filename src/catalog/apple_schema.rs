//! The subset of Apple's profile and declaration schema the PL1xx rules read
//! (`rules/catalog/apple-schema.toml`).

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{load, Platform, ValueType, APPLE_SCHEMA};

/// Whether a schema key must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    /// The key must be present.
    Required,
    /// The key may be omitted.
    Optional,
}

/// One allowed value of a schema key's range list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(untagged)]
pub enum RangeValue {
    /// An integer value (`PayloadVersion` = 1).
    Integer(i64),
    /// A string value (`Type` = `Redirect`).
    String(String),
}

impl fmt::Display for RangeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Integer(value) => write!(f, "{value}"),
            Self::String(value) => f.write_str(value),
        }
    }
}

/// The version string the schema uses for "not supported on this OS".
pub const NOT_SUPPORTED: &str = "n/a";

/// One key of a dictionary scope in Apple's schema.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SchemaKey {
    /// The plist key (case-sensitive).
    pub key: String,
    /// The value type.
    #[serde(rename = "type")]
    pub value_type: ValueType,
    /// Element type, for arrays.
    #[serde(default)]
    pub element: Option<ValueType>,
    /// Required or optional.
    pub presence: Presence,
    /// Allowed values; for an array they constrain each element. Empty = unrestricted.
    #[serde(default)]
    pub rangelist: Vec<RangeValue>,
    /// Minimum allowed integer value.
    #[serde(default)]
    pub min: Option<i64>,
    /// Maximum allowed integer value.
    #[serde(default)]
    pub max: Option<i64>,
    /// iOS version that introduced the key, or `"n/a"` (not supported on iOS).
    pub ios: String,
    /// macOS version that introduced the key, or `"n/a"` (not supported on macOS).
    pub macos: String,
    /// macOS version where the key is deprecated.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// iOS version where the key is deprecated.
    #[serde(default)]
    pub ios_deprecated: Option<String>,
    /// For a dictionary: the name of the scope that lists its members.
    #[serde(default)]
    pub subscope: Option<String>,
    /// Short title.
    pub title: String,
    /// For a de facto key (one Apple's schema does not define, but that real tools write and
    /// devices accept): where it is seen. `None` for Apple's own keys.
    #[serde(default)]
    pub source: Option<String>,
}

impl SchemaKey {
    /// Whether the key must be present.
    pub fn is_required(&self) -> bool {
        self.presence == Presence::Required
    }

    /// The version that introduced the key on `platform`, or `None` when it is not supported
    /// there (and for [`Platform::Unknown`]).
    ///
    /// ```
    /// use profilelint::internals::catalog::{apple_schema, Platform};
    ///
    /// let key = apple_schema().key("extensiblesso", "ScreenLockedBehavior").unwrap();
    /// assert_eq!(key.introduced(Platform::Ios), Some("15.0"));
    /// ```
    pub fn introduced(&self, platform: Platform) -> Option<&str> {
        let version = match platform {
            Platform::Ios => &self.ios,
            Platform::Macos => &self.macos,
            Platform::Unknown => return None,
        };
        (version != NOT_SUPPORTED).then_some(version.as_str())
    }

    /// Whether the key is supported on `platform` (any version). For [`Platform::Unknown`]:
    /// whether it is supported on iOS or macOS.
    pub fn supported_on(&self, platform: Platform) -> bool {
        match platform {
            Platform::Unknown => self.introduced(Platform::Ios).is_some() || self.introduced(Platform::Macos).is_some(),
            known => self.introduced(known).is_some(),
        }
    }

    /// The version where the key is deprecated on `platform`, if it is (`None` for
    /// [`Platform::Unknown`]).
    pub fn deprecated_on(&self, platform: Platform) -> Option<&str> {
        match platform {
            Platform::Ios => self.ios_deprecated.as_deref(),
            Platform::Macos => self.deprecated.as_deref(),
            Platform::Unknown => None,
        }
    }

    /// Whether `value` is in the range list (always true when there is none).
    pub fn allows_string(&self, value: &str) -> bool {
        self.rangelist.is_empty()
            || self
                .rangelist
                .iter()
                .any(|allowed| matches!(allowed, RangeValue::String(s) if s == value))
    }

    /// Whether `value` is in the range list and within `min`/`max` (true when unconstrained).
    pub fn allows_integer(&self, value: i64) -> bool {
        let in_list = self.rangelist.is_empty()
            || self
                .rangelist
                .iter()
                .any(|allowed| matches!(allowed, RangeValue::Integer(i) if *i == value));
        in_list && self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }
}

/// The keys allowed in one kind of plist dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Scope {
    /// Scope name (`toplevel`, `payload-common`, `extensiblesso`, `extensiblesso.PlatformSSO`,
    /// `extensiblesso.PlatformSSO.TokenToUserMapping`, `toplevel.ConsentText`,
    /// `kerberos-extension-data`, …).
    pub name: String,
    /// The Apple YAML the scope is derived from.
    pub source: String,
    /// If set, the dictionary also takes arbitrary keys whose values have this type.
    #[serde(default)]
    pub any: Option<ValueType>,
    /// Element type of arbitrary keys' values when [`Scope::any`] is an array.
    #[serde(default)]
    pub any_element: Option<ValueType>,
    /// The known keys, in schema order.
    #[serde(default)]
    pub keys: Vec<SchemaKey>,
}

impl Scope {
    /// The key with exactly this name.
    pub fn key(&self, name: &str) -> Option<&SchemaKey> {
        self.keys.iter().find(|key| key.key == name)
    }

    /// Whether the dictionary accepts keys not listed in [`Scope::keys`].
    pub fn allows_arbitrary_keys(&self) -> bool {
        self.any.is_some()
    }

    /// The names of the known keys (for "did you mean" suggestions).
    pub fn key_names(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|key| key.key.as_str())
    }

    /// The required keys.
    pub fn required_keys(&self) -> impl Iterator<Item = &SchemaKey> {
        self.keys.iter().filter(|key| key.is_required())
    }
}

/// The subset of Apple's profile schema that profilelint checks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AppleSchema {
    /// Every scope, in file order.
    #[serde(default)]
    pub scopes: Vec<Scope>,
}

impl AppleSchema {
    /// The scope with this name.
    pub fn scope(&self, name: &str) -> Option<&Scope> {
        self.scopes.iter().find(|scope| scope.name == name)
    }

    /// The key `key` of scope `scope`.
    ///
    /// ```
    /// let schema = profilelint::internals::catalog::apple_schema();
    /// let key = schema.key("extensiblesso.PlatformSSO", "LoginFrequency").unwrap();
    /// assert_eq!(key.min, Some(3600));
    /// ```
    pub fn key(&self, scope: &str, key: &str) -> Option<&SchemaKey> {
        self.scope(scope)?.key(key)
    }

    /// Every scope that defines `key` (for "this key belongs in …" hints).
    pub fn scopes_with_key<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Scope> + 'a {
        self.scopes.iter().filter(move |scope| scope.key(key).is_some())
    }
}

/// Apple's schema subset (TopLevel, CommonPayloadKeys, com.apple.extensiblesso and its Kerberos
/// variant, com.apple.declarations, and the DDM declarations `declaration`,
/// `declaration.extensible-sso`, `declaration.activation.simple`, `declaration.legacy`).
pub fn apple_schema() -> &'static AppleSchema {
    static CELL: OnceLock<AppleSchema> = OnceLock::new();
    CELL.get_or_init(|| load(APPLE_SCHEMA.json))
}
