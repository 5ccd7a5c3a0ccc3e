//! SSO203 browser-sso-interaction: an iOS payload set up for Just-in-Time registration (it has
//! `device_registration`) lacks `browser_sso_interaction_enabled` = 1.
//!
//! Microsoft's JIT guide recommends the key (Integer 1) beside `device_registration`; the plug-in
//! documentation says it defaults to 1, so a missing key may already behave as 1. The rule asks
//! for it explicitly, as the JIT guide does. A value of another type is SSO204's, and a key that
//! matches only after trimming or case-folding is SSO205/SSO206's. The fix sets 0 to 1 (safe),
//! another integer to 1 (unsafe), or inserts the key (unsafe); Settings Catalog insertions are not
//! offered. Off for profiles another MDM delivers (`[sso] mdm = "other"`): Just-in-Time
//! registration is Intune's.

use crate::diagnostic::Applicability;
use crate::edits;
use crate::model::{ExtensionValue, Mdm, Platform};
use crate::rules::codes::SSO203;
use crate::rules::identity::support::is_json;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::{Value, ValueKind};

use super::support::{
    add_entry, container_anchor, container_name, find_loosely, NewEntry, BROWSER_SSO, DEVICE_REGISTRATION,
};

/// See the module docs.
pub struct BrowserSsoInteraction;

/// Why the rule asks for the key, and the conflicting guidance.
const HELP: &str = "Microsoft's Just-in-Time registration guide recommends `browser_sso_interaction_enabled` = 1 (Integer) with \
                    `device_registration`, so that apps without MSAL and Safari can bootstrap the shared credential; the plug-in \
                    documentation says the default is 1, but the JIT guide asks for it explicitly. If you keep 0 on purpose (e.g. \
                    double sign-in prompts), suppress this warning with a reason";

impl Rule for BrowserSsoInteraction {
    fn meta(&self) -> &'static RuleMeta {
        &SSO203
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx).filter(|p| p.platform == Platform::Ios && p.mdm == Mdm::Intune) {
            let data = &payload.extension_data;
            if find_loosely(data, DEVICE_REGISTRATION).is_none() {
                continue;
            }
            let Some(entry) = data.get(BROWSER_SSO) else {
                if find_loosely(data, BROWSER_SSO).is_some() {
                    continue;
                }
                let new = NewEntry {
                    key: BROWSER_SSO,
                    plist: "<integer>1</integer>",
                    pair_type: "keyIntegerValuePair",
                    json: "1",
                };
                let mut d = cx
                    .report(
                        &SSO203,
                        format!(
                            "Just-in-Time payload has no `{BROWSER_SSO}` in {}",
                            container_name(data.form)
                        ),
                        container_anchor(cx, payload),
                    )
                    .with_label(format!("`{BROWSER_SSO}` = 1 recommended"))
                    .with_help(HELP);
                if let Some(edit) = add_entry(cx, payload, &new) {
                    d = d.with_fix(
                        Applicability::Unsafe,
                        format!("Add `{BROWSER_SSO}` = 1 (Integer)"),
                        vec![edit],
                    );
                }
                out.push(d);
                continue;
            };
            if entry.declared != ValueKind::Integer {
                continue; // SSO204
            }
            let ExtensionValue::Integer(value) = entry.value.value else {
                continue;
            };
            if value == 1 {
                continue;
            }
            let mut d = cx
                .report(
                    &SSO203,
                    format!("`{BROWSER_SSO}` is {value} in a Just-in-Time payload"),
                    cx.at(&entry.value),
                )
                .with_label("1 recommended")
                .with_help(HELP);
            let applicability = if value == 0 {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let edit = cx
                .doc(entry.value.doc)
                .and_then(|doc| match doc.tree.value(entry.value.node) {
                    Some(Value::String(_)) => edits::replace_string(doc, entry.value.node, "1"),
                    _ if is_json(doc) => edits::replace_value(doc, entry.value.node, "1"),
                    _ => edits::replace_value(doc, entry.value.node, "<integer>1</integer>"),
                });
            if let Some(edit) = edit {
                d = d.with_fix(applicability, "Set it to 1", vec![edit]);
            }
            out.push(d);
        }
    }
}
