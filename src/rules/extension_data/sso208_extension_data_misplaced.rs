//! SSO208 extension-data-misplaced: Microsoft plug-in settings in a plist payload sit outside the
//! `ExtensionData` dict.
//!
//! Apple passes only `ExtensionData` (a dictionary) to the extension. Keys of the Microsoft table
//! at the payload level, a `Configurations` array (Intune's Graph shape copied into a plist, seen in
//! a third-party guide) or an `ExtensionData` that is not a dict never reach the plug-in, so e.g.
//! `device_registration` there means JIT registration never starts. Applies to plist payloads
//! (mobileconfig files, custom profiles' payloads); in Intune JSON `configurations` is right. No
//! fix: moving entries between containers is left to the author.

use crate::rules::codes::SSO208;
use crate::rules::shared::{is_plist, microsoft_payloads};
use crate::rules::{Context, Rule, RuleMeta};

use super::support::{misplaced, Misplaced};

/// See the module docs.
pub struct ExtensionDataMisplaced;

impl Rule for ExtensionDataMisplaced {
    fn meta(&self) -> &'static RuleMeta {
        &SSO208
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx).filter(|p| is_plist(p)) {
            let Some(doc) = cx.doc(payload.doc) else {
                continue;
            };
            for found in misplaced(doc, payload.node) {
                let (node, message, label, help) = match found {
                    Misplaced::PayloadLevel(value) => {
                        let key = doc.tree.parent_entry(value).map(|e| e.key.as_str()).unwrap_or_default();
                        (
                            value,
                            format!("Microsoft plug-in key `{key}` sits at the payload level, outside `ExtensionData`"),
                            "the plug-in never sees this".to_owned(),
                            format!("move `{key}` into the payload's `ExtensionData` dict, keeping its type; only that dict reaches the extension"),
                        )
                    }
                    Misplaced::ConfigurationsArray(array) => {
                        let key = doc.tree.parent_entry(array).map(|e| e.key.as_str()).unwrap_or_default();
                        (
                            array,
                            format!("`{key}` array in a plist SSO payload: the plug-in reads only the `ExtensionData` dict"),
                            "Intune Graph shape, not a plist one".to_owned(),
                            "write each setting as a key of one `ExtensionData` `<dict>` (`<key>device_registration</key>` \
                             `<string>{{DEVICEREGISTRATION}}</string>`), keeping each value's type"
                                .to_owned(),
                        )
                    }
                    Misplaced::NotADict(value) => {
                        let kind = doc.tree.value(value).map(|v| v.kind().name()).unwrap_or("missing");
                        (
                            value,
                            format!("`ExtensionData` is {} {kind}, not a dict", if kind.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }),
                            format!("expected dict, found {kind}"),
                            "Apple defines `ExtensionData` as a dictionary passed to the extension: write the settings as keys of \
                             one `<dict>`"
                                .to_owned(),
                        )
                    }
                };
                let location = match doc.tree.parent_entry(node).and_then(|e| e.key_span()) {
                    Some(span) => cx.at_span(payload.doc, node, Some(span)),
                    None => cx.at_node(payload.doc, node),
                };
                out.push(cx.report(&SSO208, message, location).with_label(label).with_help(help));
            }
        }
    }
}
