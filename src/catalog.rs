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
//! Embedded data that fails to parse is a bug, caught by the test suite (see [`self_check`]). Library
//! code never panics on it: an unparsable table behaves as an empty one.
//!
//! ```
//! use profilelint::catalog;
//! use profilelint::model::Platform;
//!
//! let (app, platform) = catalog::find_app_by_bundle_id("COM.MICROSOFT.OFFICE.OUTLOOK").unwrap();
//! assert_eq!(app.key, "outlook");
//! assert_eq!(platform, Platform::Ios);
//! assert!(catalog::extension_data_key("device_registration").is_some());
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

pub use crate::contract::Platform;

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
            json: include_str!(concat!("../rules/catalog/compiled/", $name, ".json")),
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
/// assert!(profilelint::catalog::self_check().is_empty());
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

// ---------------------------------------------------------------------------------------------
// Microsoft and Apple apps (rules/catalog/microsoft-apps.toml)
// ---------------------------------------------------------------------------------------------

/// A Microsoft app with its bundle ids.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MicrosoftApp {
    /// Short stable id used in the config setting `office-apps` (`outlook`, `word`, `m365`, …).
    pub key: String,
    /// Display name (`Microsoft Outlook`).
    pub name: String,
    /// iOS/iPadOS bundle ids: Intune's lower-case form first, then App Store mixed-case forms.
    pub ios: Vec<String>,
    /// macOS bundle ids (may be empty).
    #[serde(default)]
    pub macos: Vec<String>,
    /// In the default required Office set of SSO301.
    pub office: bool,
    /// Uses MSAL, so Microsoft's current guidance says SSO covers it without listing it.
    pub msal: bool,
    /// Microsoft Authenticator (host of the iOS SSO extension).
    pub authenticator: bool,
}

impl MicrosoftApp {
    /// The app's bundle ids on `platform` (empty for [`Platform::Unknown`]).
    pub fn bundle_ids(&self, platform: Platform) -> &[String] {
        match platform {
            Platform::Ios => &self.ios,
            Platform::Macos => &self.macos,
            Platform::Unknown => &[],
        }
    }

    /// Every bundle id of the app, iOS first, then macOS.
    pub fn all_bundle_ids(&self) -> impl Iterator<Item = &str> {
        self.ios.iter().chain(&self.macos).map(String::as_str)
    }

    /// The preferred bundle id on `platform` (the first listed), if the app exists there.
    pub fn primary_bundle_id(&self, platform: Platform) -> Option<&str> {
        self.bundle_ids(platform).first().map(String::as_str)
    }
}

/// An Apple app relevant to SSO bundle lists (Safari, Safari View Service).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AppleApp {
    /// The bundle id, in Apple's spelling (`com.apple.mobilesafari`).
    pub bundle_id: String,
    /// Display name.
    pub name: String,
    /// The platform the bundle id belongs to (never [`Platform::Unknown`]).
    #[serde(deserialize_with = "de_platform")]
    pub platform: Platform,
}

#[derive(Debug, Default, Deserialize)]
struct AppsFile {
    #[serde(default)]
    apps: Vec<MicrosoftApp>,
    #[serde(default)]
    apple_apps: Vec<AppleApp>,
}

fn apps_file() -> &'static AppsFile {
    static CELL: OnceLock<AppsFile> = OnceLock::new();
    CELL.get_or_init(|| load(MICROSOFT_APPS.json))
}

/// Every Microsoft app of the catalog, in file order (the Office set first).
pub fn microsoft_apps() -> &'static [MicrosoftApp] {
    &apps_file().apps
}

/// The Microsoft app with this catalog key (`outlook`, `m365`, `company-portal`, …); exact match.
///
/// ```
/// let app = profilelint::catalog::microsoft_app("m365").unwrap();
/// assert_eq!(app.ios[0], "com.microsoft.officemobile");
/// ```
pub fn microsoft_app(key: &str) -> Option<&'static MicrosoftApp> {
    microsoft_apps().iter().find(|app| app.key == key)
}

/// The apps of the default required Office set (SSO301).
pub fn office_apps() -> impl Iterator<Item = &'static MicrosoftApp> {
    microsoft_apps().iter().filter(|app| app.office)
}

/// Apple apps relevant to SSO bundle lists, with the platform each id belongs to.
pub fn apple_apps() -> &'static [AppleApp] {
    &apps_file().apple_apps
}

/// Lower-cased bundle id → (index into `microsoft_apps()`, platform).
fn app_index() -> &'static HashMap<String, (usize, Platform)> {
    static CELL: OnceLock<HashMap<String, (usize, Platform)>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map = HashMap::new();
        for (index, app) in microsoft_apps().iter().enumerate() {
            for platform in [Platform::Ios, Platform::Macos] {
                for id in app.bundle_ids(platform) {
                    map.entry(id.to_ascii_lowercase()).or_insert((index, platform));
                }
            }
        }
        map
    })
}

/// Finds the Microsoft app that owns a bundle id, and the platform the id belongs to
/// ([`Platform::Ios`] or [`Platform::Macos`]). Bundle ids compare case-insensitively.
///
/// ```
/// use profilelint::catalog::{find_app_by_bundle_id, Platform};
///
/// let (app, platform) = find_app_by_bundle_id("com.microsoft.Word").unwrap();
/// assert_eq!((app.key.as_str(), platform), ("word", Platform::Macos));
/// assert!(find_app_by_bundle_id("com.example.app").is_none());
/// ```
pub fn find_app_by_bundle_id(id: &str) -> Option<(&'static MicrosoftApp, Platform)> {
    let (index, platform) = *app_index().get(&id.to_ascii_lowercase())?;
    microsoft_apps().get(index).map(|app| (app, platform))
}

/// Finds an Apple app of [`apple_apps`] by bundle id (case-insensitive).
pub fn find_apple_app_by_bundle_id(id: &str) -> Option<&'static AppleApp> {
    apple_apps().iter().find(|app| app.bundle_id.eq_ignore_ascii_case(id))
}

// ---------------------------------------------------------------------------------------------
// ExtensionData keys (rules/catalog/extension-data-keys.toml)
// ---------------------------------------------------------------------------------------------

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
struct ExtensionDataKeysFile {
    #[serde(default)]
    keys: Vec<ExtensionDataKey>,
}

/// Every known `ExtensionData` key of the Microsoft plug-in, in file order.
pub fn extension_data_keys() -> &'static [ExtensionDataKey] {
    static CELL: OnceLock<ExtensionDataKeysFile> = OnceLock::new();
    &CELL.get_or_init(|| load(EXTENSION_DATA_KEYS.json)).keys
}

/// The `ExtensionData` key with exactly this name (case-sensitive, like the plug-in).
///
/// ```
/// use profilelint::catalog::{extension_data_key, ValueType};
///
/// let key = extension_data_key("browser_sso_interaction_enabled").unwrap();
/// assert_eq!(key.types, [ValueType::Integer]);
/// assert!(extension_data_key("Browser_SSO_Interaction_Enabled").is_none());
/// ```
pub fn extension_data_key(name: &str) -> Option<&'static ExtensionDataKey> {
    extension_data_keys().iter().find(|key| key.name == name)
}

// ---------------------------------------------------------------------------------------------
// Entra ID token claims (rules/catalog/entra-claims.toml)
// ---------------------------------------------------------------------------------------------

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
/// let claims = profilelint::catalog::entra_claims();
/// assert!(claims.is_known("preferred_username"));
/// assert!(!claims.is_known("macOSAccountUsername"));
/// ```
pub fn entra_claims() -> &'static EntraClaims {
    static CELL: OnceLock<EntraClaims> = OnceLock::new();
    CELL.get_or_init(|| load(ENTRA_CLAIMS.json))
}

// ---------------------------------------------------------------------------------------------
// Login URLs (rules/catalog/login-urls.toml)
// ---------------------------------------------------------------------------------------------

/// Microsoft login URLs for a Redirect payload's `URLs`, per cloud.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct LoginUrls {
    /// Global (public) cloud: required in every Microsoft Redirect payload.
    #[serde(default)]
    pub public: Vec<String>,
    /// US Government cloud.
    #[serde(default)]
    pub usgov: Vec<String>,
    /// China (21Vianet) cloud.
    #[serde(default)]
    pub china: Vec<String>,
    /// URLs only in old docs (`https://login.windows.net`).
    #[serde(default)]
    pub legacy: Vec<String>,
}

impl LoginUrls {
    /// The URLs of one cloud by its config name (`public`, `usgov`, `china`); `None` for others.
    pub fn cloud(&self, name: &str) -> Option<&[String]> {
        match name {
            "public" => Some(&self.public),
            "usgov" => Some(&self.usgov),
            "china" => Some(&self.china),
            _ => None,
        }
    }

    /// Every currently documented URL (public, then US Government, then China).
    pub fn current(&self) -> impl Iterator<Item = &str> {
        self.public
            .iter()
            .chain(&self.usgov)
            .chain(&self.china)
            .map(String::as_str)
    }

    /// Every URL including the legacy ones.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.current().chain(self.legacy.iter().map(String::as_str))
    }
}

/// The Microsoft login URLs.
pub fn login_urls() -> &'static LoginUrls {
    static CELL: OnceLock<LoginUrls> = OnceLock::new();
    CELL.get_or_init(|| load(LOGIN_URLS.json))
}

// ---------------------------------------------------------------------------------------------
// Microsoft SSO extension identity (rules/catalog/microsoft-extensions.toml)
// ---------------------------------------------------------------------------------------------

/// A team id that people confuse with the right one, with an explanation for help text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConfusableTeamId {
    /// The team id (`SGGM6D27TK`).
    pub id: String,
    /// Where it comes from and why it is wrong in an SSO payload.
    pub note: String,
}

/// Identity of the Microsoft Enterprise SSO plug-in per platform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct MicrosoftExtensions {
    /// iOS/iPadOS `ExtensionIdentifier` (inside Microsoft Authenticator).
    pub ios_extension_id: String,
    /// Bundle id of the iOS host app (Microsoft Authenticator).
    #[serde(default)]
    pub ios_host_app: String,
    /// macOS `ExtensionIdentifier` (inside Intune Company Portal).
    pub macos_extension_id: String,
    /// Bundle id of the macOS host app (Company Portal).
    #[serde(default)]
    pub macos_host_app: String,
    /// The `TeamIdentifier` required on macOS (`UBF8T346G9`). iOS needs none.
    pub macos_team_id: String,
    /// Team ids that are wrong in an SSO payload but often copied into one.
    #[serde(default)]
    pub confusable_team_ids: Vec<ConfusableTeamId>,
    /// The Company Portal versions macOS payloads need (SSO407).
    #[serde(default)]
    pub company_portal_floors: Vec<CompanyPortalFloor>,
}

/// What in a macOS Microsoft payload needs a Company Portal version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CompanyPortalNeed {
    /// Any Platform SSO setting.
    PlatformSso,
    /// `PlatformSSO.EnableRegistrationDuringSetup` on.
    RegistrationDuringSetup,
    /// An ExtensionData key (the floor's `key`) set to a value other than its default.
    ExtensionData,
}

/// How serious an older Company Portal is for a floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FloorSeverity {
    /// The feature fails.
    Error,
    /// The older Company Portal ignores the setting.
    Warning,
}

/// A minimum Company Portal version, what needs it, and where Microsoft says so.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CompanyPortalFloor {
    /// What needs it.
    pub needs: CompanyPortalNeed,
    /// The ExtensionData key, for [`CompanyPortalNeed::ExtensionData`].
    #[serde(default)]
    pub key: Option<String>,
    /// The minimum version (`5.2404.0`).
    pub version: String,
    /// How serious an older version is.
    pub severity: FloorSeverity,
    /// Where the fact comes from.
    pub source: String,
}

impl MicrosoftExtensions {
    /// The expected `ExtensionIdentifier` on `platform`; `None` for [`Platform::Unknown`].
    pub fn extension_id(&self, platform: Platform) -> Option<&str> {
        match platform {
            Platform::Ios => Some(&self.ios_extension_id),
            Platform::Macos => Some(&self.macos_extension_id),
            Platform::Unknown => None,
        }
    }

    /// The platform whose extension id equals `id` exactly (case-sensitive), if any.
    pub fn platform_of(&self, id: &str) -> Option<Platform> {
        if id == self.ios_extension_id {
            Some(Platform::Ios)
        } else if id == self.macos_extension_id {
            Some(Platform::Macos)
        } else {
            None
        }
    }

    /// The confusable team id entry for `id` (exact match), if `id` is one.
    pub fn confusable_team_id(&self, id: &str) -> Option<&ConfusableTeamId> {
        self.confusable_team_ids.iter().find(|entry| entry.id == id)
    }
}

/// The Microsoft SSO extension ids and team ids.
///
/// ```
/// use profilelint::catalog::{microsoft_extensions, Platform};
///
/// let ext = microsoft_extensions();
/// assert_eq!(
///     ext.extension_id(Platform::Ios),
///     Some("com.microsoft.azureauthenticator.ssoextension")
/// );
/// assert_eq!(ext.macos_team_id, "UBF8T346G9");
/// ```
pub fn microsoft_extensions() -> &'static MicrosoftExtensions {
    static CELL: OnceLock<MicrosoftExtensions> = OnceLock::new();
    CELL.get_or_init(|| load(MICROSOFT_EXTENSIONS.json))
}

// ---------------------------------------------------------------------------------------------
// Apple schema subset (rules/catalog/apple-schema.toml)
// ---------------------------------------------------------------------------------------------

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
    /// use profilelint::catalog::{apple_schema, Platform};
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
    /// let schema = profilelint::catalog::apple_schema();
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
