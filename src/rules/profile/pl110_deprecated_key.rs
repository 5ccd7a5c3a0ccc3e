//! PL110 deprecated-key: a key Apple's schema marks as deprecated on the payload's platform.
//!
//! Checked in `com.apple.extensiblesso` payloads whose platform is known. Today that is the
//! payload-level `AuthenticationMethod` on macOS (macOS 13 only; deprecated in macOS 14 in favour
//! of `PlatformSSO.AuthenticationMethod`). Info only. Quiet when `PlatformSSO` sets the same key
//! to the same value: that pair is what Microsoft documents for fleets that still include macOS 13
//! Macs, so nothing is to be done yet. Paired with another value, the help says the two differ.
//! Microsoft Platform SSO payloads are SSO603's, which knows the fleet's oldest macOS.

use crate::catalog;
use crate::model::Platform;
use crate::rules::codes::PL110;
use crate::rules::platform_sso::judged_by_psso_rules;
use crate::rules::{Context, Rule, RuleMeta};

use super::schema::{self, DictKind, SchemaDict, PLATFORM_SSO};

/// See the module docs.
pub struct DeprecatedKey;

impl Rule for DeprecatedKey {
    fn meta(&self) -> &'static RuleMeta {
        &PL110
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for dict in schema::schema_dicts(cx) {
            let Some(payload) = dict.sso else { continue };
            // On a Microsoft payload, SSO603 judges the method keys against the fleet's macOS.
            if judged_by_psso_rules(payload) {
                continue;
            }
            let platform = payload.platform;
            if platform == Platform::Unknown {
                continue;
            }
            for entry in dict.doc.tree.entries(dict.node) {
                let Some(key) = dict.lookup(&entry.key) else {
                    continue;
                };
                let Some(version) = key.deprecated_on(platform) else {
                    continue;
                };
                if paired_with_same_value(dict, &entry.key, entry.value) {
                    continue;
                }
                let name = platform.display_name();
                out.push(
                    cx.report(
                        &PL110,
                        format!("`{}` is deprecated since {name} {version}", key.key),
                        cx.at_span(dict.doc_id, entry.value, entry.key_span()),
                    )
                    .with_label(format!("deprecated since {name} {version}"))
                    .with_help(help(dict, &entry.key, entry.value)),
                );
            }
        }
    }
}

/// Whether `key` (at `value`) is a payload-level key that `PlatformSSO` also sets, to the same
/// string.
fn paired_with_same_value(dict: &SchemaDict<'_>, key: &str, value: crate::syntax::NodeId) -> bool {
    if !matches!(dict.kind, DictKind::Payload { sso: true }) {
        return false;
    }
    let tree = &dict.doc.tree;
    let paired = tree
        .get_key(dict.node, "PlatformSSO")
        .and_then(|psso| tree.get_key(psso, key))
        .and_then(|node| tree.str(node));
    paired.is_some_and(|new| tree.str(value) == Some(new))
}

/// What to use instead: for a payload-level key that `PlatformSSO` also defines, that key, and
/// whether the payload already sets it (then the pair is right for mixed fleets).
fn help(dict: &SchemaDict<'_>, key: &str, value: crate::syntax::NodeId) -> String {
    let replaced_by_psso = matches!(dict.kind, DictKind::Payload { sso: true })
        && catalog::apple_schema().key(PLATFORM_SSO, key).is_some();
    if !replaced_by_psso {
        return format!("stop using `{key}` once no device runs a release before its deprecation");
    }
    let tree = &dict.doc.tree;
    let paired = tree
        .get_key(dict.node, "PlatformSSO")
        .and_then(|psso| tree.get_key(psso, key));
    let Some(paired) = paired else {
        return format!(
            "set `PlatformSSO.{key}` instead (macOS 14 and later read it there); keep this key, \
             with the same value, only while some Macs still run macOS 13"
        );
    };
    let mut text = format!(
        "`PlatformSSO.{key}` is set too: keeping both is right while some Macs still run macOS 13; \
         remove this one when none do"
    );
    if let (Some(old), Some(new)) = (tree.str(value), tree.str(paired)) {
        if old != new {
            text.push_str(&format!(
                "; note the values differ (`{old}` here, `{new}` in `PlatformSSO`), so macOS 13 \
                 and later releases would sign in differently"
            ));
        }
    }
    text
}
