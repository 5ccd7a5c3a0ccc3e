//! Platform SSO settings of a profile's SSO payload: the `PlatformSSO` dict and the payload-level
//! keys beside it (`RegistrationToken`, the macOS 13 `AuthenticationMethod`). The Settings
//! Catalog form is read in `settings_catalog.rs` into the same [`PssoSettings`].

use crate::document::{DocId, Document};
use crate::syntax::NodeId;

use super::common::{spanned_key, DictValues};
use super::types::{PssoPlace, PssoSettings};

/// The password-only policies of `PlatformSSO` (macOS 15+; ignored with other methods).
pub(crate) const PASSWORD_POLICIES: [&str; 3] = ["FileVaultPolicy", "LoginPolicy", "UnlockPolicy"];

/// The Platform SSO settings of the payload dict `payload`, or `None` when it carries none.
pub(super) fn from_plist(doc_id: DocId, doc: &Document, payload: NodeId) -> Option<PssoSettings> {
    let tree = &doc.tree;
    let psso = tree.get_key(payload, "PlatformSSO");
    let top_token = tree.get_key(payload, "RegistrationToken");
    let legacy = tree.get_key(payload, "AuthenticationMethod");
    if psso.is_none() && top_token.is_none() && legacy.is_none() {
        return None;
    }
    let values = DictValues { doc_id, doc };
    let registration_token = match values.str_in(Some(payload), "RegistrationToken") {
        Some(t) => Some((t, PssoPlace::Payload)),
        None => values
            .str_in(psso, "RegistrationToken")
            .map(|t| (t, PssoPlace::PlatformSso)),
    };
    let mapping = psso.and_then(|d| tree.get_key(d, "TokenToUserMapping"));
    let policies = psso
        .map(|d| {
            tree.entries(d)
                .iter()
                .filter(|e| PASSWORD_POLICIES.contains(&e.key.as_str()))
                .map(|e| spanned_key(doc_id, e))
                .collect()
        })
        .unwrap_or_default();
    Some(PssoSettings {
        node: psso,
        registration_token,
        legacy_method: values.str_in(Some(payload), "AuthenticationMethod"),
        method: values.str_in(psso, "AuthenticationMethod"),
        use_shared_device_keys: values.bool_in(psso, "UseSharedDeviceKeys"),
        account_display_name: values.str_in(psso, "AccountDisplayName"),
        account_name: values.str_in(mapping, "AccountName"),
        full_name: values.str_in(mapping, "FullName"),
        enable_create_user_at_login: values.bool_in(psso, "EnableCreateUserAtLogin"),
        enable_create_first_user_during_setup: values.bool_in(psso, "EnableCreateFirstUserDuringSetup"),
        enable_registration_during_setup: values.bool_in(psso, "EnableRegistrationDuringSetup"),
        enable_authorization: values.bool_in(psso, "EnableAuthorization"),
        user_authorization_mode: values.str_in(psso, "UserAuthorizationMode"),
        new_user_authorization_mode: values.str_in(psso, "NewUserAuthorizationMode"),
        login_frequency: values.int_in(psso, "LoginFrequency"),
        policies,
        unknown_choices: Vec::new(),
    })
}
