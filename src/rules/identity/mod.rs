//! SSO1xx: extension type and identity of Microsoft SSO payloads.

mod sso101_extension_identifier;
mod sso102_extension_type;
mod sso103_sso_type;
mod sso104_team_identifier;
mod sso105_login_urls;
mod sso106_duplicate_sso_urls;
pub(in crate::rules) mod support;
pub(in crate::rules) mod together;

use super::Rule;

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &sso101_extension_identifier::ExtensionIdentifier,
    &sso102_extension_type::ExtensionType,
    &sso103_sso_type::SsoType,
    &sso104_team_identifier::TeamIdentifier,
    &sso105_login_urls::LoginUrls,
    &sso106_duplicate_sso_urls::DuplicateSsoUrls,
];
