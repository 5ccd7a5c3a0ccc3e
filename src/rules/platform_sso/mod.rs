//! SSO6xx: Platform SSO (macOS) with the Microsoft Enterprise SSO plug-in.
//!
//! These rules read [`PssoSettings`](crate::model::PssoSettings), the same view for a profile's
//! `PlatformSSO` dict and a Settings Catalog policy's `…_platformsso_*` settings.

mod sso601_psso_registration_token;
mod sso602_psso_authentication_method;
mod sso603_psso_method_os_coverage;
mod sso604_psso_shared_device_keys;
mod sso605_psso_password_only_setting;
mod sso606_psso_account_name_mapping;
mod sso607_psso_authorization_mode;
mod sso608_multiple_microsoft_sso_payloads;

use super::identity::support::microsoft_payloads;
use super::{Context, Rule};
use crate::model::{Platform, PssoSettings, SsoPayload};

pub(in crate::rules) use sso601_psso_registration_token::reports_misplaced_token;

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &sso601_psso_registration_token::RegistrationToken,
    &sso602_psso_authentication_method::AuthenticationMethod,
    &sso603_psso_method_os_coverage::MethodOsCoverage,
    &sso604_psso_shared_device_keys::SharedDeviceKeys,
    &sso605_psso_password_only_setting::PasswordOnlySetting,
    &sso606_psso_account_name_mapping::AccountNameMapping,
    &sso607_psso_authorization_mode::AuthorizationMode,
    &sso608_multiple_microsoft_sso_payloads::MultipleMicrosoftSsoPayloads,
];

/// Whether the SSO6xx rules judge `payload`: a Microsoft payload with Platform SSO settings, not
/// for iOS (Platform SSO keys there are PL109's, unsupported on the platform). The PL rules that
/// hand a place over to an SSO6xx rule (PL107, PL108, PL110) ask this same question.
pub(in crate::rules) fn judged_by_psso_rules(payload: &SsoPayload) -> bool {
    payload.microsoft && payload.platform != Platform::Ios && payload.psso.is_some()
}

/// The payloads the SSO6xx rules judge ([`judged_by_psso_rules`]), with their settings.
pub(in crate::rules) fn psso_payloads<'a>(
    cx: &Context<'a>,
) -> impl Iterator<Item = (&'a SsoPayload, &'a PssoSettings)> {
    microsoft_payloads(cx)
        .filter(|p| judged_by_psso_rules(p))
        .filter_map(|p| Some((p, p.psso.as_ref()?)))
}
