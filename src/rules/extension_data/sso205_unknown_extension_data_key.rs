//! SSO205 unknown-extension-data-key: a key of a Microsoft payload's extension data is not in the
//! Microsoft key table.
//!
//! The plug-in ignores keys it does not know, so a misspelt key is a setting that is silently off
//! (a published baseline shipped `Enable_SSO_On_All_ManagedApp`). `help:` names the closest known
//! key; Apple's own payload keys (and `PlatformSSO` or Kerberos-extension keys) put inside
//! extension data are named as such. Keys known but undocumented by Microsoft (catalog
//! `documented = false`) are in the table and stay quiet. A key that differs from a known one only
//! by surrounding whitespace is SSO206's. The fix (unsafe: the closest key is not always the
//! intended one) renames the key to the suggestion.

use std::collections::HashSet;

use crate::catalog;
use crate::diagnostic::Applicability;
use crate::edits;
use crate::rules::codes::SSO205;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta};
use crate::suggest::did_you_mean;

use super::support::container_name;

/// See the module docs.
pub struct UnknownExtensionDataKey;

impl Rule for UnknownExtensionDataKey {
    fn meta(&self) -> &'static RuleMeta {
        &SSO205
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let known = || catalog::extension_data_keys().iter().map(|k| k.name.as_str());
        for payload in microsoft_payloads(cx) {
            let data = &payload.extension_data;
            let present: HashSet<&str> = data.entries.iter().map(|e| e.key.value.as_str()).collect();
            for entry in &data.entries {
                let key = entry.key.value.trim();
                if catalog::extension_data_key(key).is_some() {
                    continue; // known (whitespace around it is SSO206's)
                }
                let container = container_name(data.form);
                if let Some(place) = apple_place(key) {
                    out.push(
                        cx.report(&SSO205, format!("`{key}` in {container} is {place}"), cx.at(&entry.key))
                            .with_label("not a Microsoft plug-in key")
                            .with_help(format!(
                                "extension data is passed to the plug-in as data and does not configure the payload: move `{key}` \
                                 out of {container}"
                            )),
                    );
                    continue;
                }
                let mut d = cx.report(
                    &SSO205,
                    format!("unknown key `{key}` in {container}"),
                    cx.at(&entry.key),
                );
                match did_you_mean(key, known()) {
                    Some(suggestion) => {
                        d = d.with_label(format!("did you mean `{suggestion}`?"));
                        if present.contains(suggestion) {
                            d = d.with_help(format!(
                                "the plug-in ignores keys it does not know; `{suggestion}` is already set in this payload, so this \
                                 entry can probably go"
                            ));
                        } else {
                            d = d.with_help(format!(
                                "the plug-in ignores keys it does not know, so this setting is off: did you mean `{suggestion}`?"
                            ));
                            let edit = cx.doc(entry.key.doc).and_then(|doc| {
                                edits::replace_key(doc, entry.key.span()?, entry.key.inner()?, suggestion)
                            });
                            if let Some(edit) = edit {
                                d = d.with_fix(Applicability::Unsafe, format!("Rename to `{suggestion}`"), vec![edit]);
                            }
                        }
                    }
                    None => {
                        d = d.with_label("not a Microsoft plug-in key").with_help(
                            "the plug-in ignores keys it does not know; remove it, or if Microsoft support asked for it, \
                             suppress this warning with a reason",
                        );
                    }
                }
                out.push(d);
            }
        }
    }
}

/// Where an Apple key found inside extension data belongs, in words; `None` for other keys.
fn apple_place(key: &str) -> Option<&'static str> {
    let schema = catalog::apple_schema();
    let mut scopes = schema.scopes_with_key(key).map(|s| s.name.as_str());
    let scope = scopes.next()?;
    let all: Vec<&str> = std::iter::once(scope).chain(scopes).collect();
    if all
        .iter()
        .any(|s| matches!(*s, "extensiblesso" | "payload-common" | "kerberos"))
    {
        Some("an Apple payload key; it belongs at the payload level")
    } else if all.contains(&"extensiblesso.PlatformSSO") {
        Some("a `PlatformSSO` key; it belongs inside the payload's `PlatformSSO` dict")
    } else if all.iter().any(|s| s.starts_with("kerberos-extension-data")) {
        Some("a key of Apple's Kerberos extension, not of the Microsoft plug-in")
    } else if all.iter().any(|s| s.starts_with("toplevel")) {
        Some("a profile-level key; it belongs in the profile's top-level dict")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::apple_place;

    #[test]
    fn apple_keys_are_placed() {
        assert!(apple_place("URLs").is_some_and(|p| p.contains("payload level")));
        assert!(apple_place("TeamIdentifier").is_some_and(|p| p.contains("payload level")));
        assert!(apple_place("UseSharedDeviceKeys").is_some_and(|p| p.contains("PlatformSSO")));
        assert!(apple_place("Enable_SSO_On_All_ManagedApps").is_none());
        assert!(apple_place("tenant_id").is_none());
    }
}
