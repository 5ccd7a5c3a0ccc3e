//! The model's types. Extraction lives in the sibling modules.

use std::sync::Arc;

use serde::Serialize;

use crate::document::DocId;
use crate::span::{PackedSpan, Span};
use crate::syntax::NodeId;

pub use crate::contract::Platform;
pub use crate::document::DeclarationKind;
pub use crate::syntax::ValueKind;

/// A value with the place it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// The document it came from.
    pub doc: DocId,
    /// The node whose key path names it (for a dict key: the key's value node).
    pub node: NodeId,
    /// See [`Spanned::span`]. Packed (8 bytes, not the 24 of an `Option<Span>`): the model keeps
    /// thousands of these per export, and a streaming check keeps every file's.
    span: PackedSpan,
    /// See [`Spanned::inner`].
    inner: PackedSpan,
}

impl<T> Spanned<T> {
    /// A value read from node `node` of document `doc`, at `span` (the whole token) with the
    /// content at `inner`.
    pub fn new(value: T, doc: DocId, node: NodeId, span: Option<Span>, inner: Option<Span>) -> Self {
        Spanned {
            value,
            doc,
            node,
            span: PackedSpan::pack(span),
            inner: PackedSpan::pack(inner),
        }
    }

    /// What a label should underline: the whole token (`<string>x</string>`, `"x"`,
    /// `<key>k</key>`).
    pub fn span(&self) -> Option<Span> {
        self.span.get()
    }

    /// The content only (between the tags or the quotes), for edits that replace text.
    pub fn inner(&self) -> Option<Span> {
        self.inner.get()
    }

    /// The same place with its string value shared (see [`SsoPayload::urls`]).
    pub fn shared(self) -> Spanned<Arc<str>>
    where
        T: Into<Arc<str>>,
    {
        self.map(Into::into)
    }

    /// The same place with its value changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned {
            value: f(self.value),
            doc: self.doc,
            node: self.node,
            span: self.span,
            inner: self.inner,
        }
    }

    /// The same place with another value.
    pub fn with_value<U>(&self, value: U) -> Spanned<U> {
        Spanned {
            value,
            doc: self.doc,
            node: self.node,
            span: self.span,
            inner: self.inner,
        }
    }
}

/// Why a payload has the platform it has (shown by `inspect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlatformSource {
    /// `platform = …` in the config file or `--platform`.
    Config,
    /// The Intune `@odata.type` or Settings Catalog `platforms`.
    Intune,
    /// The extension identifier (a Microsoft id or one within edit distance 3 of it).
    ExtensionIdentifier,
    /// A macOS-only key (`PlatformSSO`, `PayloadScope`, …).
    MacosOnlyKey,
    /// Nothing answered.
    Unknown,
}

/// The MDM that delivers a payload, which decides whether Intune device variables such as
/// `{{DEVICEREGISTRATION}}` are substituted (`[sso] mdm` in the config).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Mdm {
    /// Microsoft Intune (the default): Intune variables are substituted on delivery.
    #[default]
    Intune,
    /// Any other MDM (Jamf Pro, Kandji, Fleet, …): Intune variables arrive literally.
    Other,
}

/// Why a payload's MDM was assumed (shown by `inspect`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MdmSource {
    /// The payload was read from an Intune export (Device Features, Settings Catalog, a custom
    /// profile's payload): only Intune delivers it.
    IntuneExport,
    /// A plain profile: `[sso] mdm` in the config, `intune` unless set.
    #[default]
    Config,
    /// A plain profile, `[sso] mdm` unset, that bears the marks of another MDM: Jamf Pro's
    /// `PayloadOrganization` `JAMF Software` in a payload, a `com.fleetdm.` identifier, or
    /// another MDM's variable (`$FLEET_VAR_…`, Jamf's `$EMAIL`, `$SERIALNUMBER`, …). Such a
    /// profile is delivered by that MDM ([`Mdm::Other`]).
    OtherMdmMarks,
    /// A declaration inside a `com.apple.declarations` profile payload: Apple's schema says such a
    /// profile is installed by hand and cannot be installed by an MDM, so no MDM substitutes
    /// variables in it ([`Mdm::Other`]).
    ManualInstall,
}

/// Where `RegistrationToken` was written: Apple's profile schema wants it beside `PlatformSSO`
/// (at the payload level); a declaration wants it inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PssoPlace {
    /// At the payload level (profiles, Settings Catalog `…_registrationtoken`).
    Payload,
    /// Inside the `PlatformSSO` dict.
    PlatformSso,
}

/// The Platform SSO settings of an SSO payload (macOS), read alike from a profile's
/// `PlatformSSO` dict and the payload-level keys beside it, and from a Settings Catalog policy's
/// `…_platformsso_*`, `…_registrationtoken` and `…_authenticationmethod` settings.
///
/// Settings Catalog choices are named as in the profile (`…_platformsso_authenticationmethod_1`
/// → `UserSecureEnclaveKey`) where the suffix is verified against Microsoft's own generator; any
/// other choice is kept in [`PssoSettings::unknown_choices`] rather than guessed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PssoSettings {
    /// The `PlatformSSO` dict or Settings Catalog group value, when there is one.
    pub node: Option<NodeId>,
    /// `RegistrationToken`, and where it was written.
    pub registration_token: Option<(Spanned<String>, PssoPlace)>,
    /// The payload-level `AuthenticationMethod` (macOS 13; deprecated in 14).
    pub legacy_method: Option<Spanned<String>>,
    /// `PlatformSSO.AuthenticationMethod` (macOS 14+).
    pub method: Option<Spanned<String>>,
    /// `PlatformSSO.UseSharedDeviceKeys`.
    pub use_shared_device_keys: Option<Spanned<bool>>,
    /// `PlatformSSO.AccountDisplayName`.
    pub account_display_name: Option<Spanned<String>>,
    /// `PlatformSSO.TokenToUserMapping.AccountName`.
    pub account_name: Option<Spanned<String>>,
    /// `PlatformSSO.TokenToUserMapping.FullName`.
    pub full_name: Option<Spanned<String>>,
    /// `PlatformSSO.EnableCreateUserAtLogin`.
    pub enable_create_user_at_login: Option<Spanned<bool>>,
    /// `PlatformSSO.EnableCreateFirstUserDuringSetup` (macOS 26).
    pub enable_create_first_user_during_setup: Option<Spanned<bool>>,
    /// `PlatformSSO.EnableRegistrationDuringSetup` (macOS 26).
    pub enable_registration_during_setup: Option<Spanned<bool>>,
    /// `PlatformSSO.EnableAuthorization`.
    pub enable_authorization: Option<Spanned<bool>>,
    /// `PlatformSSO.UserAuthorizationMode`.
    pub user_authorization_mode: Option<Spanned<String>>,
    /// `PlatformSSO.NewUserAuthorizationMode`.
    pub new_user_authorization_mode: Option<Spanned<String>>,
    /// `PlatformSSO.LoginFrequency` (seconds), an integer.
    pub login_frequency: Option<Spanned<i128>>,
    /// The password-only policies that are set: `FileVaultPolicy`, `LoginPolicy`, `UnlockPolicy`
    /// (the key names, placed on their values).
    pub policies: Vec<Spanned<String>>,
    /// Settings Catalog choices whose suffix is not verified (the raw choice value).
    pub unknown_choices: Vec<Spanned<String>>,
}

/// Where an SSO payload was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// A `com.apple.extensiblesso` payload dict of a plist profile.
    Mobileconfig,
    /// An Intune Device Features object's `iosSingleSignOnExtension` / `macOSSingleSignOnExtension` /
    /// `singleSignOnExtension`.
    DeviceFeatures,
    /// A Settings Catalog `com.apple.extensiblesso_com.apple.extensiblesso` group.
    SettingsCatalog,
    /// A payload inside the base64 `payload` of an Intune custom profile.
    CustomProfile,
    /// The `Payload` of a declarative-management declaration
    /// (`com.apple.configuration.extensible-sso`), in a JSON file or inside a
    /// `com.apple.declarations` profile payload.
    Declaration,
}

/// The Intune SSO extension type of a Device Features object (from its `@odata.type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IntuneExtensionType {
    /// "Microsoft Entra ID" (`…AzureAdSingleSignOnExtension`).
    AzureAd,
    /// `…RedirectSingleSignOnExtension`.
    Redirect,
    /// `…CredentialSingleSignOnExtension`.
    Credential,
    /// `…KerberosSingleSignOnExtension`.
    Kerberos,
    /// Any other or missing `@odata.type` (the raw text).
    Other(String),
}

/// The value of an ExtensionData entry, typed as the source declares it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ExtensionValue {
    /// A string.
    String(String),
    /// An integer.
    Integer(i128),
    /// A boolean.
    Bool(bool),
    /// A real number.
    Real(f64),
    /// An array or a dict or anything else; only its kind matters to the rules.
    Other(#[serde(serialize_with = "kind_name")] ValueKind),
}

fn kind_name<S: serde::Serializer>(kind: &ValueKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

impl ExtensionValue {
    /// The kind of the value, as declared by its source (plist element, Graph `@odata.type`,
    /// Settings Catalog type picker).
    pub fn kind(&self) -> ValueKind {
        match self {
            ExtensionValue::String(_) => ValueKind::String,
            ExtensionValue::Integer(_) => ValueKind::Integer,
            ExtensionValue::Bool(_) => ValueKind::Bool,
            ExtensionValue::Real(_) => ValueKind::Real,
            ExtensionValue::Other(k) => *k,
        }
    }
}

/// How an ExtensionData container is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExtensionDataForm {
    /// A plist `ExtensionData` dict.
    PlistDict,
    /// Intune `configurations`: an array of `keyTypedValuePair` objects.
    IntuneConfigurations,
    /// Settings Catalog `com.apple.extensiblesso_extensiondata` group values.
    SettingsCatalog,
    /// A declaration's `ExtensionData` JSON object.
    DeclarationDict,
}

/// One ExtensionData key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtensionDataEntry {
    /// The key. `span` covers the key token (`<key>…</key>`, the JSON `"key"` value string);
    /// `inner` its content. `node` is the value node (so the key path names the entry).
    pub key: Spanned<String>,
    /// The value as read from the source (for Intune and Settings Catalog, the JSON value).
    pub value: Spanned<ExtensionValue>,
    /// The type the device will receive: the plist element's kind, the Intune pair's
    /// `@odata.type` (`keyIntegerValuePair` → integer), the Settings Catalog type picker.
    pub declared: ValueKind,
    /// Where the type is declared when it is not the value's own token: the `@odata.type` string
    /// of an Intune pair, the `$typepicker` choice value of a Settings Catalog entry. Boxed:
    /// plist entries, the most numerous, never have one, and a stream keeps every file's.
    pub type_declaration: Option<Box<Spanned<String>>>,
    /// The node that holds the whole entry: the plist value node, the Intune pair object, the
    /// Settings Catalog group value. Removing the entry removes this (plus the key in plists).
    pub entry_node: NodeId,
}

/// The ExtensionData of an SSO payload.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtensionData {
    /// How it is written.
    pub form: ExtensionDataForm,
    /// The container node (`ExtensionData` dict, `configurations` array, the catalog group), if present.
    pub node: Option<NodeId>,
    /// The entries in source order (duplicates kept).
    pub entries: Vec<ExtensionDataEntry>,
}

impl ExtensionData {
    /// The first entry with exactly this key.
    pub fn get(&self, key: &str) -> Option<&ExtensionDataEntry> {
        self.entries.iter().find(|e| e.key.value == key)
    }
}

/// The bundle-id lists of an SSO payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum BundleListKind {
    /// `AppAllowList` (ExtensionData, comma-separated).
    AppAllowList,
    /// `AppPrefixAllowList` (ExtensionData, comma-separated prefixes).
    AppPrefixAllowList,
    /// `AppBlockList` (ExtensionData, comma-separated).
    AppBlockList,
    /// `AppCookieSSOAllowList` (ExtensionData, comma-separated prefixes).
    AppCookieSSOAllowList,
    /// Intune `bundleIdAccessControlList` ("App bundle IDs"; an array; allows).
    BundleIdAccessControlList,
    /// Apple `DeniedBundleIdentifiers` (an array; blocks).
    DeniedBundleIdentifiers,
}

impl BundleListKind {
    /// The key as written in the source.
    pub fn key(self) -> &'static str {
        match self {
            BundleListKind::AppAllowList => "AppAllowList",
            BundleListKind::AppPrefixAllowList => "AppPrefixAllowList",
            BundleListKind::AppBlockList => "AppBlockList",
            BundleListKind::AppCookieSSOAllowList => "AppCookieSSOAllowList",
            BundleListKind::BundleIdAccessControlList => "bundleIdAccessControlList",
            BundleListKind::DeniedBundleIdentifiers => "DeniedBundleIdentifiers",
        }
    }

    /// Whether the entries are prefixes rather than whole bundle ids.
    pub fn is_prefix_list(self) -> bool {
        matches!(
            self,
            BundleListKind::AppPrefixAllowList | BundleListKind::AppCookieSSOAllowList
        )
    }

    /// Whether listing an app here blocks it.
    pub fn is_block_list(self) -> bool {
        matches!(
            self,
            BundleListKind::AppBlockList | BundleListKind::DeniedBundleIdentifiers
        )
    }
}

/// How a bundle list is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BundleListForm {
    /// One comma-separated string (the documented form for the ExtensionData list keys).
    CommaString,
    /// An array of strings.
    Array,
}

/// One entry of a bundle list.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleItem {
    /// The entry exactly as written (not trimmed), so whitespace problems stay visible.
    pub raw: String,
    /// The entry's text in the document: for a comma string, the part between the commas (only
    /// when the string has no escapes, so text and value agree); for an array, the element's content.
    pub span: Option<Span>,
    /// The node holding it: the array element, or the comma string itself.
    pub node: NodeId,
}

impl BundleItem {
    /// The entry without surrounding whitespace.
    pub fn id(&self) -> &str {
        self.raw.trim()
    }
}

/// A bundle list of an SSO payload.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleList {
    /// Which list.
    pub kind: BundleListKind,
    /// How it is written.
    pub form: BundleListForm,
    /// The list's value node (the string or the array).
    pub node: NodeId,
    /// The entries in order, including empty ones (`a,,b` has three).
    pub items: Vec<BundleItem>,
}

/// An Extensible SSO configuration, from any source.
#[derive(Debug, Clone, PartialEq)]
pub struct SsoPayload {
    /// The document it was read from.
    pub doc: DocId,
    /// The payload node: the plist payload dict, the Intune extension object, the catalog group value.
    pub node: NodeId,
    /// Where it came from.
    pub origin: Origin,
    /// Whether this is a *Microsoft SSO payload* (rules.md terms): Intune "Microsoft Entra ID"
    /// type, an extension id starting with `com.microsoft.` or within edit distance 3 of a
    /// Microsoft extension id, ExtensionData holding a key of the Microsoft key table, or URLs
    /// holding a Microsoft login URL. SSO rules apply only to these.
    pub microsoft: bool,
    /// Inferred platform.
    pub platform: Platform,
    /// Why that platform.
    pub platform_source: PlatformSource,
    /// The MDM assumed to deliver the payload (Intune exports are always Intune; plain profiles
    /// follow `[sso] mdm`).
    pub mdm: Mdm,
    /// Why that MDM.
    pub mdm_source: MdmSource,
    /// The Intune Device Features extension type (`@odata.type` of the extension object); `None`
    /// for plists and Settings Catalog.
    pub intune_type: Option<Spanned<IntuneExtensionType>>,
    /// For Device Features: the property that held the extension (`iosSingleSignOnExtension`, the
    /// deprecated `singleSignOnExtension`, …).
    pub intune_property: Option<Spanned<String>>,
    /// `ExtensionIdentifier` / `extensionIdentifier` / `…_extensionidentifier`.
    pub extension_identifier: Option<Spanned<String>>,
    /// `TeamIdentifier` / `teamIdentifier` / `…_teamidentifier`.
    pub team_identifier: Option<Spanned<String>>,
    /// `Type` (`Redirect`/`Credential`; Settings Catalog `_1`/`_0` mapped to those names, with
    /// the span on the choice value).
    pub sso_type: Option<Spanned<String>>,
    /// `URLs` / `urlPrefixes` / `…_urls`: each URL. Shared strings: every Microsoft SSO payload
    /// lists the same few login URLs, and a streaming check keeps one copy of each.
    pub urls: Vec<Spanned<Arc<str>>>,
    /// The URLs container node, if present.
    pub urls_node: Option<NodeId>,
    /// `Hosts` / `domains` / `…_hosts`: each host.
    pub hosts: Vec<Spanned<String>>,
    /// `Realm` / `realm`.
    pub realm: Option<Spanned<String>>,
    /// ExtensionData / configurations / catalog extension data.
    pub extension_data: ExtensionData,
    /// Every bundle list found (ExtensionData list keys, bundleIdAccessControlList, DeniedBundleIdentifiers).
    pub bundle_lists: Vec<BundleList>,
    /// The `PlatformSSO` dict node (plists) or group (catalog), if present.
    pub platform_sso: Option<NodeId>,
    /// The Platform SSO settings, when the payload carries any (a `PlatformSSO` dict,
    /// `RegistrationToken` or a payload-level `AuthenticationMethod`). Boxed: few payloads carry
    /// them, and inline they would make every payload (thousands in a repository) 1 KiB larger.
    pub psso: Option<Box<PssoSettings>>,
    /// The Intune object holding this payload (index into [`Model::objects`]), if any.
    pub object: Option<usize>,
    /// The plist profile holding this payload (index into [`Model::profiles`]), if any.
    pub profile: Option<usize>,
}

impl SsoPayload {
    /// A payload with nothing read yet: platform unknown, no fields, an empty ExtensionData of
    /// the given form. Readers fill in what their source has.
    pub fn new(doc: DocId, node: NodeId, origin: Origin, form: ExtensionDataForm) -> Self {
        SsoPayload {
            doc,
            node,
            origin,
            microsoft: false,
            platform: Platform::Unknown,
            platform_source: PlatformSource::Unknown,
            mdm: Mdm::Intune,
            mdm_source: MdmSource::Config,
            intune_type: None,
            intune_property: None,
            extension_identifier: None,
            team_identifier: None,
            sso_type: None,
            urls: Vec::new(),
            urls_node: None,
            hosts: Vec::new(),
            realm: None,
            extension_data: ExtensionData {
                form,
                node: None,
                entries: Vec::new(),
            },
            bundle_lists: Vec::new(),
            platform_sso: None,
            psso: None,
            object: None,
            profile: None,
        }
    }

    /// Whether Intune supplies identity fields for this payload (the "Microsoft Entra ID" type
    /// carries no extension id, team id, `Type` or URLs).
    pub fn is_intune_azure_ad(&self) -> bool {
        matches!(
            self.intune_type.as_ref().map(|t| &t.value),
            Some(IntuneExtensionType::AzureAd)
        )
    }
}

/// A declarative-management (DDM) declaration: a JSON object with `Type`, `Identifier`,
/// `ServerToken` and `Payload`, read from a JSON file or from the base64 data of a
/// `com.apple.declarations` profile payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// The document.
    pub doc: DocId,
    /// The declaration object.
    pub node: NodeId,
    /// What it is.
    pub kind: DeclarationKind,
    /// `Type` (`com.apple.configuration.extensible-sso`, …).
    pub declaration_type: Spanned<String>,
    /// `Identifier`, when it is a string.
    pub identifier: Option<Spanned<String>>,
    /// `ServerToken`, when it is a string.
    pub server_token: Option<Spanned<String>>,
    /// The `Payload` object, when there is one.
    pub payload: Option<NodeId>,
    /// For a `com.apple.activation.simple`: the string elements of `StandardConfigurations`.
    pub standard_configurations: Vec<Spanned<String>>,
    /// For a `com.apple.configuration.legacy`: `ProfileURL` (recognised, never fetched).
    pub profile_url: Option<Spanned<String>>,
    /// For a `com.apple.configuration.extensible-sso`: its SSO payload (index into
    /// [`Model::sso_payloads`]).
    pub sso_payload: Option<usize>,
}

/// A plist configuration profile (top-level dict with `PayloadContent`) or a bare payload.
#[derive(Debug, Clone, PartialEq)]
pub struct PlistProfile {
    /// The document.
    pub doc: DocId,
    /// The root dict.
    pub root: NodeId,
    /// Whether the root is a whole profile (has `PayloadContent` or `PayloadType = Configuration`)
    /// rather than a single payload dict.
    pub is_profile: bool,
    /// The payload dicts: the elements of `PayloadContent` that are dicts, or the root itself for
    /// a bare payload.
    pub payloads: Vec<NodeId>,
    /// A whole profile's top-level `PayloadIdentifier`, when it is a string.
    pub identifier: Option<Spanned<String>>,
    /// The string `PayloadUUID`s of the top level (whole profiles only) and of the payloads, in
    /// text order.
    pub uuids: Vec<PayloadUuid>,
    /// The root's [`Tree::content_hash`](crate::syntax::Tree::content_hash): copies of one
    /// profile have the same one. The cross-file rules compare profiles by these facts, so they
    /// need no tree but those of the profiles they report.
    pub content_hash: u64,
}

/// One `PayloadUUID` of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadUuid {
    /// The value as written.
    pub value: String,
    /// Its string node.
    pub node: NodeId,
    /// The dict holding it: the profile's root or a payload.
    pub dict: NodeId,
    /// Whether that dict is the top level of a whole profile.
    pub top: bool,
}

/// What kind of Intune object a JSON object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IntuneObjectKind {
    /// `iosDeviceFeaturesConfiguration` / `macOSDeviceFeaturesConfiguration`.
    DeviceFeatures,
    /// `deviceManagementConfigurationPolicy` (Settings Catalog).
    SettingsCatalog,
    /// `iosCustomConfiguration` / `macOSCustomConfiguration`.
    CustomProfile,
    /// An app: `iosStoreApp`, `iosVppApp`, `managedIOSStoreApp`, `macOSLobApp`, `macOSPkgApp`,
    /// `macOSDmgApp`, `macOsVppApp`, and the built-in macOS Microsoft apps (see [`AppRecord`]).
    App,
    /// `depIOSEnrollmentProfile`, `depMacOSEnrollmentProfile`.
    EnrollmentProfile,
    /// Any other Graph object with an `@odata.type` (kept for assignment linking and PL005).
    Other,
}

/// An Intune/Graph object found in a JSON document.
#[derive(Debug, Clone, PartialEq)]
pub struct IntuneObject {
    /// The document.
    pub doc: DocId,
    /// The object node.
    pub node: NodeId,
    /// What it is.
    pub kind: IntuneObjectKind,
    /// `@odata.type` without the leading `#` (`microsoft.graph.iosDeviceFeaturesConfiguration`).
    pub odata_type: Option<String>,
    /// The Graph `id`.
    pub id: Option<String>,
    /// `displayName`, or `name` for Settings Catalog.
    pub display_name: Option<String>,
    /// The platform from the `@odata.type` or `platforms`.
    pub platform: Platform,
    /// Its assignments: `None` when the export carries no assignment data for it (unknown),
    /// `Some(empty)` when it says there are none.
    pub assignments: Option<Vec<Assignment>>,
}

/// The intent of an app assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Intent {
    /// `required`.
    Required,
    /// `available`.
    Available,
    /// `uninstall`.
    Uninstall,
    /// `availableWithoutEnrollment`.
    AvailableWithoutEnrollment,
    /// Anything else (raw text).
    Other(String),
}

impl Intent {
    /// The Graph spelling: `required`, `available`, `uninstall`, `availableWithoutEnrollment`, or
    /// the raw text.
    pub fn as_str(&self) -> &str {
        match self {
            Intent::Required => "required",
            Intent::Available => "available",
            Intent::Uninstall => "uninstall",
            Intent::AvailableWithoutEnrollment => "availableWithoutEnrollment",
            Intent::Other(s) => s,
        }
    }
}

/// Who an assignment targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TargetKind {
    /// `groupAssignmentTarget`.
    Group,
    /// `exclusionGroupAssignmentTarget`.
    ExclusionGroup,
    /// `allLicensedUsersAssignmentTarget`.
    AllUsers,
    /// `allDevicesAssignmentTarget`.
    AllDevices,
    /// Anything else.
    Other,
}

/// An Intune assignments file as read with its file: what attaching it to its objects needs, so
/// that the link needs no tree (a streaming check lets go of the file's tree before it links).
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentsFile {
    /// The document.
    pub doc: DocId,
    /// The object id its root's `@odata.context` names (`…/deviceConfigurations('<id>')/…`),
    /// lower-cased.
    pub context_id: Option<String>,
    /// Its assignment objects, in order.
    pub assignments: Vec<Assignment>,
}

/// An assignment of an app or configuration object.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The document holding the assignment (the object's own, or an assignments file).
    pub doc: DocId,
    /// The assignment object node.
    pub node: NodeId,
    /// `intent` (apps only).
    pub intent: Option<Spanned<Intent>>,
    /// The target kind.
    pub target: TargetKind,
    /// `target.groupId`, or IntuneCD's `target.groupName`.
    pub group: Option<String>,
}

impl Assignment {
    /// Whether this assignment includes (rather than excludes) its target.
    pub fn is_inclusion(&self) -> bool {
        !matches!(self.target, TargetKind::ExclusionGroup | TargetKind::Other)
    }
}

/// The property of an app record a bundle id was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AppBundleSource {
    /// `bundleId` (iOS apps, `macOsVppApp`, `macOSLobApp`; versions from `versionNumber` and
    /// `buildNumber`).
    #[serde(rename = "bundleId")]
    BundleId,
    /// `primaryBundleId` with `primaryBundleVersion` (`macOSPkgApp`, `macOSDmgApp`).
    #[serde(rename = "primaryBundleId")]
    PrimaryBundleId,
    /// An element of `includedApps` (`bundleId` with `bundleVersion`).
    #[serde(rename = "includedApps")]
    IncludedApp,
    /// An element of `childApps` of a `macOSLobApp` (`bundleId` with `versionNumber` and
    /// `buildNumber`).
    #[serde(rename = "childApps")]
    ChildApp,
}

impl AppBundleSource {
    /// The Graph property, for messages.
    pub fn key(self) -> &'static str {
        match self {
            AppBundleSource::BundleId => "bundleId",
            AppBundleSource::PrimaryBundleId => "primaryBundleId",
            AppBundleSource::IncludedApp => "includedApps",
            AppBundleSource::ChildApp => "childApps",
        }
    }
}

/// One bundle id an app record carries, with the version the record states for it.
#[derive(Debug, Clone, PartialEq)]
pub struct AppBundle {
    /// The bundle id as written.
    pub bundle_id: Spanned<String>,
    /// A version the record states for it, as written, if any. A `macOSLobApp` may state two
    /// (`versionNumber` and `buildNumber`): the record then carries the bundle id twice, once
    /// with each.
    pub version: Option<Spanned<String>>,
    /// The property the version was read from (`primaryBundleVersion`, `bundleVersion`,
    /// `versionNumber`, `buildNumber`).
    pub version_key: Option<&'static str>,
    /// Where it was read from.
    pub source: AppBundleSource,
}

/// An app deployment record: iOS (`iosStoreApp`, `iosVppApp`, `managedIOSStoreApp`) or macOS
/// (`macOSLobApp`, `macOSPkgApp`, `macOSDmgApp`, `macOsVppApp`, and Microsoft's built-in
/// `macOSMicrosoftDefenderApp`, `macOSMicrosoftEdgeApp`, `macOSOfficeSuiteApp`, `macOSMdatpApp`,
/// which carry no bundle id).
#[derive(Debug, Clone, PartialEq)]
pub struct AppRecord {
    /// Index into [`Model::objects`].
    pub object: usize,
    /// The platform of the app type (`ios…`/`managedIOS…` iOS, `macOS…` macOS).
    pub platform: Platform,
    /// `bundleId`, else (macOS packages) `primaryBundleId`: the app's own id.
    pub bundle_id: Option<Spanned<String>>,
    /// Every bundle id the record carries, in source order (`bundleId`, `primaryBundleId`,
    /// `includedApps[]`, `childApps[]`), each with its version.
    pub bundles: Vec<AppBundle>,
}

impl AppRecord {
    /// The bundles whose id is `id` (compared ignoring ASCII case and surrounding whitespace:
    /// Apple calls bundle ids case-insensitive, and Intune lists lower-cased forms).
    pub fn bundles_with_id<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a AppBundle> + 'a {
        self.bundles
            .iter()
            .filter(move |b| b.bundle_id.value.trim().eq_ignore_ascii_case(id))
    }
}

/// An ADE enrollment profile (`depIOSEnrollmentProfile` or `depMacOSEnrollmentProfile`; the
/// object's platform tells which).
#[derive(Debug, Clone, PartialEq)]
pub struct EnrollmentProfile {
    /// Index into [`Model::objects`].
    pub object: usize,
    /// `requiresUserAuthentication`.
    pub requires_user_authentication: Option<Spanned<bool>>,
    /// `enableAuthenticationViaCompanyPortal`.
    pub enable_authentication_via_company_portal: Option<Spanned<bool>>,
    /// `requireCompanyPortalOnSetupAssistantEnrolledDevices`.
    pub require_company_portal_on_setup_assistant_enrolled_devices: Option<Spanned<bool>>,
    /// "Await final configuration": `waitForDeviceConfiguredConfirmation` (macOS), or
    /// `awaitDeviceConfiguredConfirmation` (the iOS spelling).
    pub await_device_configured_confirmation: Option<Spanned<bool>>,
    /// "Locked enrollment": `profileRemovalDisabled`.
    pub profile_removal_disabled: Option<Spanned<bool>>,
    /// `usePlatformSSODuringSetupAssistant` (macOS; read and shown, not judged: how it relates to
    /// Microsoft's registration-during-setup flow is not documented).
    pub use_platform_sso_during_setup_assistant: Option<Spanned<bool>>,
}

/// Everything the rules see of a lint set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Plist profiles and bare payloads (top-level documents and embedded ones).
    pub profiles: Vec<PlistProfile>,
    /// Every SSO payload, from every source.
    pub sso_payloads: Vec<SsoPayload>,
    /// Every Intune object recognised.
    pub objects: Vec<IntuneObject>,
    /// App records (subset of `objects`).
    pub apps: Vec<AppRecord>,
    /// ADE enrollment profiles (subset of `objects`).
    pub enrollment_profiles: Vec<EnrollmentProfile>,
    /// Declarative-management declarations (JSON files and `com.apple.declarations` payloads).
    pub declarations: Vec<Declaration>,
    /// Documents that are neither a profile, a payload, nor an Intune object (PL005 when named
    /// explicitly). Assignment files that were linked are not in here.
    pub unrecognized: Vec<DocId>,
    /// Documents read as Intune assignments files, linked to an object or not (read by the
    /// Intune extractor, attached to their objects by `assignments::link`), so that
    /// [`build`](crate::model::build) does not count them as unrecognized even when they hold no
    /// profile, payload or object.
    pub assignment_files: Vec<AssignmentsFile>,
}
