//! SSO201 missing-device-registration: an iOS Microsoft SSO payload has no `device_registration`
//! in its extension data.
//!
//! Microsoft's Just-in-Time registration guide lists `device_registration` (String,
//! `{{DEVICEREGISTRATION}}`) as the one required setting: without it JIT registration cannot
//! start. Off for macOS (Platform SSO registers with `RegistrationToken`) and for an unknown
//! platform. A key that matches only after trimming or case-folding is explained by SSO205/SSO206,
//! and one placed outside `ExtensionData` by SSO208, so neither is reported here again. The fix
//! (unsafe: it switches JIT on) inserts the key; Settings Catalog policies get none. Off for
//! profiles another MDM delivers (`[sso] mdm = "other"`): only Intune substitutes the variable.

use crate::diagnostic::Applicability;
use crate::model::{ExtensionDataForm, Mdm, Platform};
use crate::rules::codes::SSO201;
use crate::rules::shared::{is_plist, microsoft_payloads};
use crate::rules::{Context, Rule, RuleMeta};

use super::support::{
    add_entry, container_anchor, container_name, find_loosely, has_misplaced_device_registration, NewEntry,
    DEVICE_REGISTRATION, DEVICE_REGISTRATION_VALUE,
};

/// See the module docs.
pub struct MissingDeviceRegistration;

impl Rule for MissingDeviceRegistration {
    fn meta(&self) -> &'static RuleMeta {
        &SSO201
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx).filter(|p| p.platform == Platform::Ios && p.mdm == Mdm::Intune) {
            let data = &payload.extension_data;
            if find_loosely(data, DEVICE_REGISTRATION).is_some() {
                continue;
            }
            let Some(doc) = cx.doc(payload.doc) else {
                continue;
            };
            if is_plist(payload) && has_misplaced_device_registration(doc, payload.node) {
                continue;
            }
            let mut help = format!(
                "Microsoft's Just-in-Time registration guide requires key `{DEVICE_REGISTRATION}`, type String, value \
                 `{DEVICE_REGISTRATION_VALUE}`; without it the device is not registered in Microsoft Entra ID by the SSO \
                 extension. If this profile deliberately does not use JIT registration, turn SSO201 off"
            );
            if data.form == ExtensionDataForm::SettingsCatalog {
                help.push_str(
                    ". In the Settings Catalog add an Extension Data entry (key `device_registration`, type String); \
                     profilelint offers no automatic fix for Settings Catalog policies",
                );
            }
            let (plist, json) = (
                format!("<string>{DEVICE_REGISTRATION_VALUE}</string>"),
                format!("\"{DEVICE_REGISTRATION_VALUE}\""),
            );
            let new = NewEntry {
                key: DEVICE_REGISTRATION,
                plist: &plist,
                pair_type: "keyStringValuePair",
                json: &json,
            };
            let mut d = cx
                .report(
                    &SSO201,
                    format!(
                        "iOS Microsoft SSO payload has no `{DEVICE_REGISTRATION}` in {}",
                        container_name(data.form)
                    ),
                    container_anchor(cx, payload),
                )
                .with_label("Just-in-Time registration cannot start")
                .with_help(help);
            if let Some(edit) = add_entry(cx, payload, &new) {
                d = d.with_fix(
                    Applicability::Unsafe,
                    format!("Add `{DEVICE_REGISTRATION}` = `{DEVICE_REGISTRATION_VALUE}`"),
                    vec![edit],
                );
            }
            out.push(d);
        }
    }
}
