//! SSO604 psso-shared-device-keys: a Microsoft Platform SSO payload does not turn on
//! `UseSharedDeviceKeys`, or turns it on in a user-scoped profile.
//!
//! Microsoft's Platform SSO guide lists `UseSharedDeviceKeys` = true among the required settings,
//! and turning it on later makes every Mac register again. Apple's schema allows the key only
//! through the device channel, so in a profile with `PayloadScope` = `User` it is an error.
//! Where `EnableAuthorization` or `EnableCreateUserAtLogin` is on without shared keys, PL111
//! (Apple's "requires") already reports the same defect as an error in plist payloads, and this
//! rule stays quiet there: one finding per defect. PL111 does not read Settings Catalog policies,
//! so there this rule reports it, as an error too. A value of the wrong type is PL106's, and unverified Settings Catalog
//! choices are not judged.

use crate::diagnostic::{Applicability, Edit, Severity};
use crate::edits;
use crate::model::{Origin, PssoSettings, SsoPayload};
use crate::rules::codes::SSO604;
use crate::rules::shared::extension_id_anchor;
use crate::rules::shared::is_plist;
use crate::rules::{Context, Rule, RuleMeta};

use super::psso_payloads;

/// See the module docs.
pub struct SharedDeviceKeys;

impl Rule for SharedDeviceKeys {
    fn meta(&self) -> &'static RuleMeta {
        &SSO604
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for (payload, psso) in psso_payloads(cx) {
            match &psso.use_shared_device_keys {
                Some(keys) if keys.value => {
                    if user_scoped(cx, payload) {
                        out.push(
                            cx.report(
                                &SSO604,
                                "`UseSharedDeviceKeys` is on in a user-scoped profile",
                                cx.at(keys),
                            )
                            .with_severity(Severity::Error)
                            .with_label("device channel only")
                            .with_help(
                                "Apple allows `UseSharedDeviceKeys` only in profiles installed through the device \
                                 channel; set `PayloadScope` to `System` (or remove it) so the Platform SSO payload \
                                 is installed for the device",
                            ),
                        );
                    }
                }
                _ if pl111_reports(payload, psso) => {}
                // Present with another type: PL106's finding, and no second key may be inserted.
                None if has_key(cx, payload, psso) => {}
                _ if psso
                    .unknown_choices
                    .iter()
                    .any(|c| c.value.contains("useshareddevicekeys")) => {}
                keys => {
                    let location = match (keys, psso.node) {
                        (Some(k), _) => cx.at(k),
                        (None, Some(node)) => cx.at_node(payload.doc, node),
                        (None, None) => extension_id_anchor(cx, payload),
                    };
                    let mut d = cx
                        .report(&SSO604, "Platform SSO without `UseSharedDeviceKeys` = true", location)
                        .with_label(if keys.is_some() { "turned off" } else { "not set" })
                        .with_help(
                            "Microsoft's Platform SSO guide lists `UseSharedDeviceKeys` = true as required: it lets the \
                             Mac keep one set of device keys for every account. Turn it on before the first \
                             deployment; turning it on later makes every Mac register again",
                        );
                    // What PL111 says of a plist payload, said here for the policies it does not read.
                    if let Some(key) = needs_shared_keys(psso) {
                        d = d
                            .with_severity(Severity::Error)
                            .with_label(format!("`{key}` is on, and Apple requires shared device keys for it"));
                    }
                    if let Some(edit) = turn_on(cx, payload, psso) {
                        d = d.with_fix(Applicability::Unsafe, "Set `UseSharedDeviceKeys` to true", vec![edit]);
                    }
                    out.push(d);
                }
            }
        }
    }
}

/// The edit that turns shared keys on in a profile's `PlatformSSO` dict: `<false/>` → `<true/>`,
/// or a new entry. Unsafe: on Macs that registered already it forces a new registration.
fn turn_on(cx: &Context<'_>, payload: &SsoPayload, psso: &PssoSettings) -> Option<Edit> {
    let value = match payload.origin {
        Origin::Declaration => "true",
        _ if is_plist(payload) => "<true/>",
        _ => return None,
    };
    let doc = cx.doc(payload.doc)?;
    match &psso.use_shared_device_keys {
        Some(keys) => edits::replace_value(doc, keys.node, value),
        None => edits::insert_entry(doc, psso.node?, "UseSharedDeviceKeys", value),
    }
}

/// Whether the `PlatformSSO` dict holds `UseSharedDeviceKeys` in any type.
fn has_key(cx: &Context<'_>, payload: &SsoPayload, psso: &PssoSettings) -> bool {
    let Some(node) = psso.node else {
        return false;
    };
    (is_plist(payload) || payload.origin == Origin::Declaration)
        && cx
            .doc(payload.doc)
            .is_some_and(|doc| doc.tree.get_key(node, "UseSharedDeviceKeys").is_some())
}

/// Whether PL111 reports missing shared keys here (`EnableAuthorization` or
/// `EnableCreateUserAtLogin` on).
fn pl111_reports(payload: &SsoPayload, psso: &PssoSettings) -> bool {
    // PL111 reads Apple's schema on plist payloads only; a Settings Catalog policy is this rule's.
    is_plist(payload) && needs_shared_keys(psso).is_some()
}

/// The first setting that is on and that Apple says requires `UseSharedDeviceKeys`.
fn needs_shared_keys(psso: &PssoSettings) -> Option<&'static str> {
    [
        ("EnableAuthorization", &psso.enable_authorization),
        ("EnableCreateUserAtLogin", &psso.enable_create_user_at_login),
    ]
    .into_iter()
    .find(|(_, b)| b.as_ref().is_some_and(|b| b.value))
    .map(|(key, _)| key)
}

/// Whether the profile holding `payload` is installed for the user (`PayloadScope` = `User`).
fn user_scoped(cx: &Context<'_>, payload: &SsoPayload) -> bool {
    let Some(profile) = payload.profile.and_then(|i| cx.model.profiles.get(i)) else {
        return false;
    };
    cx.doc(profile.doc)
        .and_then(|doc| doc.tree.str_key(profile.root, "PayloadScope"))
        .is_some_and(|scope| scope == "User")
}
