//! The rule catalog: every stable code with its name, default severity, fix, kind and
//! summary, declared once.
//!
//! Codes and names are a public contract (configs, suppressions, CI filters, SARIF `ruleId`):
//! never renumber or reuse one. Each line of the table below generates the rule's metadata
//! static (rule files refer to it), its place in [`ALL`], and its compiled-in documentation
//! (`rules/<CODE>.md`, which must exist, or the crate does not build), and registers its
//! implementation with the rule engine. A new rule is an entry here, its file (declared in its
//! family's `mod.rs`), its doc and its fixtures: `scripts/new-rule.sh` writes the stubs.

use super::{FixAvailability, RuleKind, RuleMeta, Severity};

/// The catalog, handed to `$then!`: one entry per rule, in catalog order,
/// `CODE, "name", Severity, FixAvailability, Kind, "summary";`, where a checked rule's kind
/// names its implementation, `Checked(family::module::Type)`, relative to `crate::rules`. The
/// contract reads the metadata from it ([`declare_rules`]); the rule engine reads the
/// implementations (`rules::registry`), so the table is the one place a rule is registered and
/// this module still depends on nothing.
macro_rules! rule_table {
    ($then:ident) => {
        $then! {
            PL001, "invalid-plist", Error, None, Engine,
                "XML or binary plist is malformed";
            PL002, "invalid-json", Error, None, Engine,
                "JSON is malformed";
            PL003, "unreadable-signed-profile", Error, None, Engine,
                "signed profile cannot be read (encrypted, detached, truncated, or not a plist inside)";
            PL004, "duplicate-key", Error, Safe,
                Checked(input::pl004_duplicate_key::DuplicateKey),
                "a key appears twice in one dict or object";
            PL005, "unrecognized-document", Info, None,
                Checked(input::pl005_unrecognized_document::UnrecognizedDocument),
                "a file named explicitly is not a profile, payload or Intune object";
            PL006, "input-limit", Error, None, Engine,
                "input exceeds the size, depth or count limit";
            PL101, "missing-payload-key", Error, None,
                Checked(profile::pl101_missing_payload_key::MissingPayloadKey),
                "a required profile or payload key is missing";
            PL102, "invalid-payload-uuid", Info, None,
                Checked(profile::pl102_invalid_payload_uuid::InvalidPayloadUuid),
                "`PayloadUUID` is not a UUID (error when empty or an unrendered template placeholder)";
            PL103, "invalid-payload-version", Error, Safe,
                Checked(profile::pl103_invalid_payload_version::InvalidPayloadVersion),
                "`PayloadVersion` is not the integer 1";
            PL104, "duplicate-payload-uuid", Error, None,
                Checked(profile::pl104_duplicate_payload_uuid::DuplicatePayloadUuid),
                "the same `PayloadUUID` is used twice";
            PL105, "duplicate-payload-identifier", Warning, None,
                Checked(profile::pl105_duplicate_payload_identifier::DuplicatePayloadIdentifier),
                "two profiles share a top-level `PayloadIdentifier`";
            PL106, "wrong-value-type", Error, Safe,
                Checked(profile::pl106_wrong_value_type::WrongValueType),
                "a schema key has the wrong plist type";
            PL107, "unknown-payload-key", Warning, Unsafe,
                Checked(profile::pl107_unknown_payload_key::UnknownPayloadKey),
                "a key is not defined for that dict in Apple's schema";
            PL108, "value-not-allowed", Error, None,
                Checked(profile::pl108_value_not_allowed::ValueNotAllowed),
                "a value is outside Apple's allowed values or range";
            PL109, "unsupported-on-platform", Warning, None,
                Checked(profile::pl109_unsupported_on_platform::UnsupportedOnPlatform),
                "a key is not supported on the payload's platform";
            PL110, "deprecated-key", Info, None,
                Checked(profile::pl110_deprecated_key::DeprecatedKey),
                "a key is deprecated on the platform";
            PL111, "key-requires-other-key", Error, None,
                Checked(profile::pl111_key_requires_other_key::KeyRequiresOtherKey),
                "a key requires another key that is missing";
            SSO101, "extension-identifier", Error, Unsafe,
                Checked(identity::sso101_extension_identifier::ExtensionIdentifier),
                "`ExtensionIdentifier` is not the Microsoft extension id for the platform";
            SSO102, "extension-type", Error, None,
                Checked(identity::sso102_extension_type::ExtensionType),
                "an Intune SSO extension is not the Microsoft Entra ID type";
            SSO103, "sso-type", Error, Safe,
                Checked(identity::sso103_sso_type::SsoType),
                "`Type` of a Microsoft SSO payload is not `Redirect`";
            SSO104, "team-identifier", Error, Safe,
                Checked(identity::sso104_team_identifier::TeamIdentifier),
                "macOS `TeamIdentifier` is missing or not `UBF8T346G9`";
            SSO105, "login-urls", Error, Unsafe,
                Checked(identity::sso105_login_urls::LoginUrls),
                "Microsoft login URLs are missing or malformed";
            SSO106, "duplicate-sso-urls", Error, None,
                Checked(identity::sso106_duplicate_sso_urls::DuplicateSsoUrls),
                "the same URL is in two SSO payloads installed together";
            SSO201, "missing-device-registration", Error, Unsafe,
                Checked(extension_data::sso201_missing_device_registration::MissingDeviceRegistration),
                "iOS Microsoft SSO payload without `device_registration`";
            SSO202, "device-registration-value", Error, Safe,
                Checked(extension_data::sso202_device_registration_value::DeviceRegistrationValue),
                "`device_registration` is not `{{DEVICEREGISTRATION}}`";
            SSO203, "browser-sso-interaction", Warning, Safe,
                Checked(extension_data::sso203_browser_sso_interaction::BrowserSsoInteraction),
                "`browser_sso_interaction_enabled` is missing or not 1";
            SSO204, "extension-data-type", Error, Safe,
                Checked(extension_data::sso204_extension_data_type::ExtensionDataType),
                "a Microsoft ExtensionData key has the wrong type";
            SSO205, "unknown-extension-data-key", Warning, Unsafe,
                Checked(extension_data::sso205_unknown_extension_data_key::UnknownExtensionDataKey),
                "an ExtensionData key is not a known Microsoft key";
            SSO206, "surrounding-whitespace", Error, Safe,
                Checked(extension_data::sso206_surrounding_whitespace::SurroundingWhitespace),
                "an ExtensionData key or value has surrounding whitespace";
            SSO207, "debug-mode-enabled", Warning, Safe,
                Checked(extension_data::sso207_debug_mode_enabled::DebugModeEnabled),
                "`admin_debug_mode_enabled` is on";
            SSO208, "extension-data-misplaced", Error, None,
                Checked(extension_data::sso208_extension_data_misplaced::ExtensionDataMisplaced),
                "Microsoft keys sit outside `ExtensionData`, or it is not a dict";
            SSO209, "intune-variable-outside-intune", Warning, None,
                Checked(extension_data::sso209_intune_variable_outside_intune::IntuneVariableOutsideIntune),
                "an Intune variable in a profile that another MDM delivers (`[sso] mdm = \"other\"`)";
            SSO301, "office-apps-not-covered", Warning, Unsafe,
                Checked(bundle_ids::sso301_office_apps_not_covered::OfficeAppsNotCovered),
                "an Office app of the required set is not covered by SSO";
            SSO302, "redundant-microsoft-app", Info, Safe,
                Checked(bundle_ids::sso302_redundant_microsoft_app::RedundantMicrosoftApp),
                "a Microsoft app is listed that needs no listing";
            SSO303, "invalid-bundle-id", Error, Safe,
                Checked(bundle_ids::sso303_invalid_bundle_id::InvalidBundleId),
                "a bundle list entry is not a bundle id";
            SSO304, "duplicate-bundle-id", Warning, Safe,
                Checked(bundle_ids::sso304_duplicate_bundle_id::DuplicateBundleId),
                "the same bundle id twice in one list";
            SSO305, "bundle-id-typo", Warning, Unsafe,
                Checked(bundle_ids::sso305_bundle_id_typo::BundleIdTypo),
                "a bundle id is a near miss of a Microsoft or Apple app";
            SSO306, "wrong-platform-bundle-id", Warning, None,
                Checked(bundle_ids::sso306_wrong_platform_bundle_id::WrongPlatformBundleId),
                "a bundle id of the other platform";
            SSO307, "broad-prefix", Warning, None,
                Checked(bundle_ids::sso307_broad_prefix::BroadPrefix),
                "an `AppPrefixAllowList` prefix is broader than an organisation";
            SSO308, "allow-block-conflict", Error, None,
                Checked(bundle_ids::sso308_allow_block_conflict::AllowBlockConflict),
                "an id or prefix is both allowed and blocked";
            SSO401, "authenticator-missing", Error, None,
                Checked(authenticator::sso401_authenticator_missing::AuthenticatorMissing),
                "app records exist but Microsoft Authenticator is not among them";
            SSO402, "authenticator-not-required", Error, None,
                Checked(authenticator::sso402_authenticator_not_required::AuthenticatorNotRequired),
                "Microsoft Authenticator is not assigned as required";
            SSO403, "authenticator-assignment-gap", Warning, None,
                Checked(authenticator::sso403_authenticator_assignment_gap::AuthenticatorAssignmentGap),
                "a group receiving the SSO profile is not covered by Authenticator's required assignment";
            SSO404, "authenticator-unverified", Info, None,
                Checked(authenticator::sso404_authenticator_unverified::AuthenticatorUnverified),
                "Authenticator (iOS) or Company Portal (macOS) deployment could not be checked (no app records)";
            SSO405, "company-portal-missing", Error, None,
                Checked(authenticator::sso405_company_portal_missing::CompanyPortalMissing),
                "macOS app records exist but Company Portal is not among them";
            SSO406, "company-portal-not-required", Error, None,
                Checked(authenticator::sso406_company_portal_not_required::CompanyPortalNotRequired),
                "Company Portal is not assigned as required to everyone the macOS SSO profile reaches";
            SSO407, "company-portal-version", Error, None,
                Checked(authenticator::sso407_company_portal_version::CompanyPortalVersion),
                "Company Portal is older than the macOS SSO payloads need";
            SSO501, "sso-profile-unassigned", Warning, None,
                Checked(deployment::sso501_sso_profile_unassigned::SsoProfileUnassigned),
                "an Intune SSO profile is not assigned";
            SSO502, "enrollment-authentication", Warning, None,
                Checked(deployment::sso502_enrollment_authentication::EnrollmentAuthentication),
                "ADE enrollment does not use Setup Assistant with modern authentication";
            SSO503, "psso-enrollment-setup", Error, None,
                Checked(deployment::sso503_psso_enrollment_setup::PssoEnrollmentSetup),
                "Platform SSO registration during setup lacks what its ADE profile and assignments need";
            SSO504, "declaration-not-activated", Warning, None,
                Checked(deployment::sso504_declaration_not_activated::DeclarationNotActivated),
                "DDM configuration declaration that no activation references";
            SSO601, "psso-registration-token", Error, Safe,
                Checked(platform_sso::sso601_psso_registration_token::RegistrationToken),
                "Platform SSO without `RegistrationToken` = `{{DEVICEREGISTRATION}}` at the payload level";
            SSO602, "psso-authentication-method", Error, Unsafe,
                Checked(platform_sso::sso602_psso_authentication_method::AuthenticationMethod),
                "Platform SSO without an authentication method, or with one Microsoft does not support";
            SSO603, "psso-method-os-coverage", Warning, None,
                Checked(platform_sso::sso603_psso_method_os_coverage::MethodOsCoverage),
                "the Platform SSO method keys do not fit the oldest macOS of the fleet (`[sso] macos-min-version`)";
            SSO604, "psso-shared-device-keys", Warning, Unsafe,
                Checked(platform_sso::sso604_psso_shared_device_keys::SharedDeviceKeys),
                "Platform SSO without `UseSharedDeviceKeys` = true (error in a user-scoped profile)";
            SSO605, "psso-password-only-setting", Warning, None,
                Checked(platform_sso::sso605_psso_password_only_setting::PasswordOnlySetting),
                "a Platform SSO setting that needs the Password method is on with another method";
            SSO606, "psso-account-name-mapping", Warning, Unsafe,
                Checked(platform_sso::sso606_psso_account_name_mapping::AccountNameMapping),
                "`TokenToUserMapping` names a claim Entra ID does not send, or maps new short names to the whole UPN (info)";
            SSO607, "psso-authorization-mode", Warning, None,
                Checked(platform_sso::sso607_psso_authorization_mode::AuthorizationMode),
                "a Platform SSO authorization mode Microsoft does not support (`Groups`, `Temporary`)";
            SSO608, "multiple-microsoft-sso-payloads", Error, None,
                Checked(platform_sso::sso608_multiple_microsoft_sso_payloads::MultipleMicrosoftSsoPayloads),
                "two SSO payloads for the Microsoft macOS extension are installed together (error 10002)";
            PL901, "unused-suppression", Warning, Safe, Suppression,
                "a suppression matched nothing";
            PL902, "suppression-without-reason", Warning, None, Suppression,
                "a suppression has no reason";
        }
    };
}
pub(crate) use rule_table;

/// Generates each rule's metadata static, [`ALL`] and `DOCS` from [`rule_table`].
macro_rules! declare_rules {
    ($(
        $code:ident, $name:literal, $severity:ident, $fix:ident,
        $kind:ident $(($($implementation:ident)::+))?, $summary:literal;
    )*) => {
        $(
            #[doc = concat!("`", stringify!($code), "` ", $name, ": ", $summary, ".")]
            pub static $code: RuleMeta = RuleMeta {
                code: stringify!($code),
                name: $name,
                severity: Severity::$severity,
                fix: FixAvailability::$fix,
                summary: $summary,
                kind: RuleKind::$kind,
            };
        )*

        /// Every rule's metadata, in catalog order.
        pub static ALL: &[&RuleMeta] = &[$(&$code),*];

        /// Every rule's documentation (`rules/<CODE>.md`), compiled in, in catalog order.
        pub(crate) static DOCS: &[(&str, &str)] = &[
            $((stringify!($code), include_str!(concat!("../../rules/", stringify!($code), ".md")))),*
        ];
    };
}

rule_table!(declare_rules);

/// Rules whose info findings say what could not be checked rather than what is wrong. The human
/// and concise reports fold them into the summary line (one sentence each) instead of showing a
/// block per finding; machine formats list them like any other finding.
pub static NOTES: &[&RuleMeta] = &[&SSO404];
