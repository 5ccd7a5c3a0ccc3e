//! SSO3xx: bundle-id lists and Office app coverage of Microsoft SSO payloads.

pub(in crate::rules) mod lists;
mod sso301_office_apps_not_covered;
mod sso302_redundant_microsoft_app;
mod sso303_invalid_bundle_id;
mod sso304_duplicate_bundle_id;
mod sso305_bundle_id_typo;
mod sso306_wrong_platform_bundle_id;
mod sso307_broad_prefix;
mod sso308_allow_block_conflict;

use super::Rule;

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &sso301_office_apps_not_covered::OfficeAppsNotCovered,
    &sso302_redundant_microsoft_app::RedundantMicrosoftApp,
    &sso303_invalid_bundle_id::InvalidBundleId,
    &sso304_duplicate_bundle_id::DuplicateBundleId,
    &sso305_bundle_id_typo::BundleIdTypo,
    &sso306_wrong_platform_bundle_id::WrongPlatformBundleId,
    &sso307_broad_prefix::BroadPrefix,
    &sso308_allow_block_conflict::AllowBlockConflict,
];
