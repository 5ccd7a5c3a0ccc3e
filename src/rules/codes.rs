//! The rule catalog: every stable code with its name, default severity, fix and summary.
//!
//! Codes and names are a public contract (configs, suppressions, CI filters, SARIF `ruleId`):
//! never renumber or reuse one. Rule files refer to these constants.

use super::{Family, FixAvailability, RuleMeta};
use crate::diagnostic::Severity;

/// `PL001` invalid-plist.
pub static PL001: RuleMeta = RuleMeta {
    code: "PL001",
    name: "invalid-plist",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "XML or binary plist is malformed",
    family: Family::Input,
};

/// `PL002` invalid-json.
pub static PL002: RuleMeta = RuleMeta {
    code: "PL002",
    name: "invalid-json",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "JSON is malformed",
    family: Family::Input,
};

/// `PL003` unreadable-signed-profile.
pub static PL003: RuleMeta = RuleMeta {
    code: "PL003",
    name: "unreadable-signed-profile",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "signed profile cannot be read (encrypted, detached, truncated, or not a plist inside)",
    family: Family::Input,
};

/// `PL004` duplicate-key.
pub static PL004: RuleMeta = RuleMeta {
    code: "PL004",
    name: "duplicate-key",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "a key appears twice in one dict or object",
    family: Family::Input,
};

/// `PL005` unrecognized-document.
pub static PL005: RuleMeta = RuleMeta {
    code: "PL005",
    name: "unrecognized-document",
    severity: Severity::Info,
    fix: FixAvailability::None,
    summary: "a file named explicitly is not a profile, payload or Intune object",
    family: Family::Input,
};

/// `PL006` input-limit.
pub static PL006: RuleMeta = RuleMeta {
    code: "PL006",
    name: "input-limit",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "input exceeds the size, depth or count limit",
    family: Family::Input,
};

/// `PL101` missing-payload-key.
pub static PL101: RuleMeta = RuleMeta {
    code: "PL101",
    name: "missing-payload-key",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "a required profile or payload key is missing",
    family: Family::Profile,
};

/// `PL102` invalid-payload-uuid.
pub static PL102: RuleMeta = RuleMeta {
    code: "PL102",
    name: "invalid-payload-uuid",
    severity: Severity::Info,
    fix: FixAvailability::None,
    summary: "`PayloadUUID` is not a UUID (error when empty or an unrendered template placeholder)",
    family: Family::Profile,
};

/// `PL103` invalid-payload-version.
pub static PL103: RuleMeta = RuleMeta {
    code: "PL103",
    name: "invalid-payload-version",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "`PayloadVersion` is not the integer 1",
    family: Family::Profile,
};

/// `PL104` duplicate-payload-uuid.
pub static PL104: RuleMeta = RuleMeta {
    code: "PL104",
    name: "duplicate-payload-uuid",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "the same `PayloadUUID` is used twice",
    family: Family::Profile,
};

/// `PL105` duplicate-payload-identifier.
pub static PL105: RuleMeta = RuleMeta {
    code: "PL105",
    name: "duplicate-payload-identifier",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "two profiles share a top-level `PayloadIdentifier`",
    family: Family::Profile,
};

/// `PL106` wrong-value-type.
pub static PL106: RuleMeta = RuleMeta {
    code: "PL106",
    name: "wrong-value-type",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "a schema key has the wrong plist type",
    family: Family::Profile,
};

/// `PL107` unknown-payload-key.
pub static PL107: RuleMeta = RuleMeta {
    code: "PL107",
    name: "unknown-payload-key",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    summary: "a key is not defined for that dict in Apple's schema",
    family: Family::Profile,
};

/// `PL108` value-not-allowed.
pub static PL108: RuleMeta = RuleMeta {
    code: "PL108",
    name: "value-not-allowed",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "a value is outside Apple's allowed values or range",
    family: Family::Profile,
};

/// `PL109` unsupported-on-platform.
pub static PL109: RuleMeta = RuleMeta {
    code: "PL109",
    name: "unsupported-on-platform",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "a key is not supported on the payload's platform",
    family: Family::Profile,
};

/// `PL110` deprecated-key.
pub static PL110: RuleMeta = RuleMeta {
    code: "PL110",
    name: "deprecated-key",
    severity: Severity::Info,
    fix: FixAvailability::None,
    summary: "a key is deprecated on the platform",
    family: Family::Profile,
};

/// `PL111` key-requires-other-key.
pub static PL111: RuleMeta = RuleMeta {
    code: "PL111",
    name: "key-requires-other-key",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "a key requires another key that is missing",
    family: Family::Profile,
};

/// `SSO101` extension-identifier.
pub static SSO101: RuleMeta = RuleMeta {
    code: "SSO101",
    name: "extension-identifier",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    summary: "`ExtensionIdentifier` is not the Microsoft extension id for the platform",
    family: Family::Identity,
};

/// `SSO102` extension-type.
pub static SSO102: RuleMeta = RuleMeta {
    code: "SSO102",
    name: "extension-type",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "an Intune SSO extension is not the Microsoft Entra ID type",
    family: Family::Identity,
};

/// `SSO103` sso-type.
pub static SSO103: RuleMeta = RuleMeta {
    code: "SSO103",
    name: "sso-type",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "`Type` of a Microsoft SSO payload is not `Redirect`",
    family: Family::Identity,
};

/// `SSO104` team-identifier.
pub static SSO104: RuleMeta = RuleMeta {
    code: "SSO104",
    name: "team-identifier",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "macOS `TeamIdentifier` is missing or not `UBF8T346G9`",
    family: Family::Identity,
};

/// `SSO105` login-urls.
pub static SSO105: RuleMeta = RuleMeta {
    code: "SSO105",
    name: "login-urls",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    summary: "Microsoft login URLs are missing or malformed",
    family: Family::Identity,
};

/// `SSO106` duplicate-sso-urls.
pub static SSO106: RuleMeta = RuleMeta {
    code: "SSO106",
    name: "duplicate-sso-urls",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "the same URL is in two SSO payloads installed together",
    family: Family::Identity,
};

/// `SSO201` missing-device-registration.
pub static SSO201: RuleMeta = RuleMeta {
    code: "SSO201",
    name: "missing-device-registration",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    summary: "iOS Microsoft SSO payload without `device_registration`",
    family: Family::ExtensionData,
};

/// `SSO202` device-registration-value.
pub static SSO202: RuleMeta = RuleMeta {
    code: "SSO202",
    name: "device-registration-value",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "`device_registration` is not `{{DEVICEREGISTRATION}}`",
    family: Family::ExtensionData,
};

/// `SSO203` browser-sso-interaction.
pub static SSO203: RuleMeta = RuleMeta {
    code: "SSO203",
    name: "browser-sso-interaction",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "`browser_sso_interaction_enabled` is missing or not 1",
    family: Family::ExtensionData,
};

/// `SSO204` extension-data-type.
pub static SSO204: RuleMeta = RuleMeta {
    code: "SSO204",
    name: "extension-data-type",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "a Microsoft ExtensionData key has the wrong type",
    family: Family::ExtensionData,
};

/// `SSO205` unknown-extension-data-key.
pub static SSO205: RuleMeta = RuleMeta {
    code: "SSO205",
    name: "unknown-extension-data-key",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    summary: "an ExtensionData key is not a known Microsoft key",
    family: Family::ExtensionData,
};

/// `SSO206` surrounding-whitespace.
pub static SSO206: RuleMeta = RuleMeta {
    code: "SSO206",
    name: "surrounding-whitespace",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "an ExtensionData key or value has surrounding whitespace",
    family: Family::ExtensionData,
};

/// `SSO207` debug-mode-enabled.
pub static SSO207: RuleMeta = RuleMeta {
    code: "SSO207",
    name: "debug-mode-enabled",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "`admin_debug_mode_enabled` is on",
    family: Family::ExtensionData,
};

/// `SSO208` extension-data-misplaced.
pub static SSO208: RuleMeta = RuleMeta {
    code: "SSO208",
    name: "extension-data-misplaced",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "Microsoft keys sit outside `ExtensionData`, or it is not a dict",
    family: Family::ExtensionData,
};

/// `SSO209` intune-variable-outside-intune.
pub static SSO209: RuleMeta = RuleMeta {
    code: "SSO209",
    name: "intune-variable-outside-intune",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "an Intune variable in a profile that another MDM delivers (`[sso] mdm = \"other\"`)",
    family: Family::ExtensionData,
};

/// `SSO301` office-apps-not-covered.
pub static SSO301: RuleMeta = RuleMeta {
    code: "SSO301",
    name: "office-apps-not-covered",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    summary: "an Office app of the required set is not covered by SSO",
    family: Family::BundleIds,
};

/// `SSO302` redundant-microsoft-app.
pub static SSO302: RuleMeta = RuleMeta {
    code: "SSO302",
    name: "redundant-microsoft-app",
    severity: Severity::Info,
    fix: FixAvailability::Safe,
    summary: "a Microsoft app is listed that needs no listing",
    family: Family::BundleIds,
};

/// `SSO303` invalid-bundle-id.
pub static SSO303: RuleMeta = RuleMeta {
    code: "SSO303",
    name: "invalid-bundle-id",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "a bundle list entry is not a bundle id",
    family: Family::BundleIds,
};

/// `SSO304` duplicate-bundle-id.
pub static SSO304: RuleMeta = RuleMeta {
    code: "SSO304",
    name: "duplicate-bundle-id",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "the same bundle id twice in one list",
    family: Family::BundleIds,
};

/// `SSO305` bundle-id-typo.
pub static SSO305: RuleMeta = RuleMeta {
    code: "SSO305",
    name: "bundle-id-typo",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    summary: "a bundle id is a near miss of a Microsoft or Apple app",
    family: Family::BundleIds,
};

/// `SSO306` wrong-platform-bundle-id.
pub static SSO306: RuleMeta = RuleMeta {
    code: "SSO306",
    name: "wrong-platform-bundle-id",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "a bundle id of the other platform",
    family: Family::BundleIds,
};

/// `SSO307` broad-prefix.
pub static SSO307: RuleMeta = RuleMeta {
    code: "SSO307",
    name: "broad-prefix",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "an `AppPrefixAllowList` prefix is broader than an organisation",
    family: Family::BundleIds,
};

/// `SSO308` allow-block-conflict.
pub static SSO308: RuleMeta = RuleMeta {
    code: "SSO308",
    name: "allow-block-conflict",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "an id or prefix is both allowed and blocked",
    family: Family::BundleIds,
};

/// `SSO401` authenticator-missing.
pub static SSO401: RuleMeta = RuleMeta {
    code: "SSO401",
    name: "authenticator-missing",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "app records exist but Microsoft Authenticator is not among them",
    family: Family::Authenticator,
};

/// `SSO402` authenticator-not-required.
pub static SSO402: RuleMeta = RuleMeta {
    code: "SSO402",
    name: "authenticator-not-required",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "Microsoft Authenticator is not assigned as required",
    family: Family::Authenticator,
};

/// `SSO403` authenticator-assignment-gap.
pub static SSO403: RuleMeta = RuleMeta {
    code: "SSO403",
    name: "authenticator-assignment-gap",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "a group receiving the SSO profile is not covered by Authenticator's required assignment",
    family: Family::Authenticator,
};

/// `SSO404` authenticator-unverified.
pub static SSO404: RuleMeta = RuleMeta {
    code: "SSO404",
    name: "authenticator-unverified",
    severity: Severity::Info,
    fix: FixAvailability::None,
    summary: "Authenticator deployment could not be checked (no app records)",
    family: Family::Authenticator,
};

/// `SSO501` sso-profile-unassigned.
pub static SSO501: RuleMeta = RuleMeta {
    code: "SSO501",
    name: "sso-profile-unassigned",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "an Intune SSO profile is not assigned",
    family: Family::Deployment,
};

/// `SSO502` enrollment-authentication.
pub static SSO502: RuleMeta = RuleMeta {
    code: "SSO502",
    name: "enrollment-authentication",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "ADE enrollment does not use Setup Assistant with modern authentication",
    family: Family::Deployment,
};

/// `SSO504` declaration-not-activated.
pub static SSO504: RuleMeta = RuleMeta {
    code: "SSO504",
    name: "declaration-not-activated",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "DDM configuration declaration that no activation references",
    family: Family::Deployment,
};

/// `SSO601` psso-registration-token.
pub static SSO601: RuleMeta = RuleMeta {
    code: "SSO601",
    name: "psso-registration-token",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "Platform SSO without `RegistrationToken` = `{{DEVICEREGISTRATION}}` at the payload level",
    family: Family::PlatformSso,
};

/// `SSO602` psso-authentication-method.
pub static SSO602: RuleMeta = RuleMeta {
    code: "SSO602",
    name: "psso-authentication-method",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    summary: "Platform SSO without an authentication method, or with one Microsoft does not support",
    family: Family::PlatformSso,
};

/// `SSO603` psso-method-os-coverage.
pub static SSO603: RuleMeta = RuleMeta {
    code: "SSO603",
    name: "psso-method-os-coverage",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "the Platform SSO method keys do not fit the oldest macOS of the fleet (`[sso] macos-min-version`)",
    family: Family::PlatformSso,
};

/// `SSO604` psso-shared-device-keys.
pub static SSO604: RuleMeta = RuleMeta {
    code: "SSO604",
    name: "psso-shared-device-keys",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    summary: "Platform SSO without `UseSharedDeviceKeys` = true (error in a user-scoped profile)",
    family: Family::PlatformSso,
};

/// `SSO605` psso-password-only-setting.
pub static SSO605: RuleMeta = RuleMeta {
    code: "SSO605",
    name: "psso-password-only-setting",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "a Platform SSO setting that needs the Password method is on with another method",
    family: Family::PlatformSso,
};

/// `SSO606` psso-account-name-mapping.
pub static SSO606: RuleMeta = RuleMeta {
    code: "SSO606",
    name: "psso-account-name-mapping",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    summary:
        "`TokenToUserMapping` names a claim Entra ID does not send, or maps new short names to the whole UPN (info)",
    family: Family::PlatformSso,
};

/// `SSO607` psso-authorization-mode.
pub static SSO607: RuleMeta = RuleMeta {
    code: "SSO607",
    name: "psso-authorization-mode",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "a Platform SSO authorization mode Microsoft does not support (`Groups`, `Temporary`)",
    family: Family::PlatformSso,
};

/// `SSO608` multiple-microsoft-sso-payloads.
pub static SSO608: RuleMeta = RuleMeta {
    code: "SSO608",
    name: "multiple-microsoft-sso-payloads",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "two SSO payloads for the Microsoft macOS extension are installed together (error 10002)",
    family: Family::PlatformSso,
};

/// `PL901` unused-suppression.
pub static PL901: RuleMeta = RuleMeta {
    code: "PL901",
    name: "unused-suppression",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "a suppression matched nothing",
    family: Family::Suppression,
};

/// `PL902` suppression-without-reason.
pub static PL902: RuleMeta = RuleMeta {
    code: "PL902",
    name: "suppression-without-reason",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "a suppression has no reason",
    family: Family::Suppression,
};

/// Rules whose info findings say what could not be checked rather than what is wrong. The human
/// and concise reports fold them into the summary line (one sentence each) instead of showing a
/// block per finding; machine formats list them like any other finding.
pub static NOTES: &[&RuleMeta] = &[&SSO404];

/// Every rule's metadata, in catalog order.
pub static ALL: &[&RuleMeta] = &[
    &PL001, &PL002, &PL003, &PL004, &PL005, &PL006, &PL101, &PL102, &PL103, &PL104, &PL105, &PL106, &PL107, &PL108,
    &PL109, &PL110, &PL111, &SSO101, &SSO102, &SSO103, &SSO104, &SSO105, &SSO106, &SSO201, &SSO202, &SSO203, &SSO204,
    &SSO205, &SSO206, &SSO207, &SSO208, &SSO209, &SSO301, &SSO302, &SSO303, &SSO304, &SSO305, &SSO306, &SSO307,
    &SSO308, &SSO401, &SSO402, &SSO403, &SSO404, &SSO501, &SSO502, &SSO504, &SSO601, &SSO602, &SSO603, &SSO604,
    &SSO605, &SSO606, &SSO607, &SSO608, &PL901, &PL902,
];
