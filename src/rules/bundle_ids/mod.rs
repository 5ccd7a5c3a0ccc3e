//! SSO3xx: bundle-id lists and Office app coverage of Microsoft SSO payloads.

pub(in crate::rules) mod lists;
pub(super) mod sso301_office_apps_not_covered;
pub(super) mod sso302_redundant_microsoft_app;
pub(super) mod sso303_invalid_bundle_id;
pub(super) mod sso304_duplicate_bundle_id;
pub(super) mod sso305_bundle_id_typo;
pub(super) mod sso306_wrong_platform_bundle_id;
pub(super) mod sso307_broad_prefix;
pub(super) mod sso308_allow_block_conflict;
