//! SSO6xx: Platform SSO (macOS) with the Microsoft Enterprise SSO plug-in.
//!
//! These rules read [`PssoSettings`](crate::model::PssoSettings), the same view for a profile's
//! `PlatformSSO` dict and a Settings Catalog policy's `…_platformsso_*` settings.

pub(super) mod sso601_psso_registration_token;
pub(super) mod sso602_psso_authentication_method;
pub(super) mod sso603_psso_method_os_coverage;
pub(super) mod sso604_psso_shared_device_keys;
pub(super) mod sso605_psso_password_only_setting;
pub(super) mod sso606_psso_account_name_mapping;
pub(super) mod sso607_psso_authorization_mode;
pub(super) mod sso608_multiple_microsoft_sso_payloads;

use super::Context;
use crate::model::{Platform, PssoSettings, SsoPayload};
use crate::rules::shared::microsoft_payloads;

pub(in crate::rules) use sso601_psso_registration_token::reports_misplaced_token;

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
        .filter_map(|p| Some((p, p.psso.as_deref()?)))
}
