//! Microsoft and Apple apps with their bundle ids per platform
//! (`rules/catalog/microsoft-apps.toml`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{de_platform, load, Platform, MICROSOFT_APPS};

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
pub(super) struct AppsFile {
    #[serde(default)]
    pub(super) apps: Vec<MicrosoftApp>,
    #[serde(default)]
    pub(super) apple_apps: Vec<AppleApp>,
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
/// let app = profilelint::internals::catalog::microsoft_app("m365").unwrap();
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
/// use profilelint::internals::catalog::{find_app_by_bundle_id, Platform};
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
