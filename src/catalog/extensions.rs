//! The Microsoft SSO extension identity and Company Portal floors
//! (`rules/catalog/microsoft-extensions.toml`).

use std::sync::OnceLock;

use serde::Deserialize;

use super::{load, Platform, MICROSOFT_EXTENSIONS};

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
/// use profilelint::internals::catalog::{microsoft_extensions, Platform};
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
