//! SSO1xx: extension type and identity of Microsoft SSO payloads.

pub(super) mod sso101_extension_identifier;
pub(super) mod sso102_extension_type;
pub(super) mod sso103_sso_type;
pub(super) mod sso104_team_identifier;
pub(super) mod sso105_login_urls;
pub(super) mod sso106_duplicate_sso_urls;
pub(in crate::rules) mod support;
pub(in crate::rules) mod together;
