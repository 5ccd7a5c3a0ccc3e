//! SSO206 surrounding-whitespace: an extension-data key or String value starts or ends with
//! whitespace.
//!
//! Microsoft's Just-in-Time guide: remove spaces before and after key and value, "otherwise
//! just-in-time registration won't work". `device_registration ` is a different key to the
//! plug-in. Whitespace is Unicode white space (spaces, tabs, line breaks, no-break spaces). The
//! value of `device_registration` is left to SSO202, which reports it with the exact value to use;
//! whitespace between the entries of a comma-separated list is SSO303's. The fix (safe) trims.

use crate::diagnostic::Applicability;
use crate::edits;
use crate::model::ExtensionValue;
use crate::rules::codes::SSO206;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta};

use super::support::DEVICE_REGISTRATION;

/// See the module docs.
pub struct SurroundingWhitespace;

/// Why it matters, for keys.
const KEY_HELP: &str = "a key with surrounding whitespace is a different key to the plug-in, which ignores it; Microsoft's \
                        Just-in-Time registration guide: remove spaces before and after the key and the value, otherwise \
                        just-in-time registration won't work";
/// Why it matters, for values.
const VALUE_HELP: &str = "the plug-in receives the value with its whitespace; Microsoft's Just-in-Time registration guide: \
                          remove spaces before and after the key and the value, otherwise just-in-time registration won't work";

impl Rule for SurroundingWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &SSO206
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx) {
            for entry in &payload.extension_data.entries {
                let Some(doc) = cx.doc(entry.key.doc) else {
                    continue;
                };
                let key = &entry.key.value;
                let trimmed_key = key.trim();
                if trimmed_key != key && !trimmed_key.is_empty() {
                    let mut d = cx
                        .report(&SSO206, format!("key `{key}` has {}", describe(key)), cx.at(&entry.key))
                        .with_label(format!("expected `{trimmed_key}`"))
                        .with_help(KEY_HELP);
                    if let Some(edit) = entry
                        .key
                        .span()
                        .zip(entry.key.inner())
                        .and_then(|(s, i)| edits::replace_key(doc, s, i, trimmed_key))
                    {
                        d = d.with_fix(Applicability::Safe, "Trim the key", vec![edit]);
                    }
                    out.push(d);
                }
                if trimmed_key == DEVICE_REGISTRATION {
                    continue; // its value is SSO202's
                }
                let ExtensionValue::String(value) = &entry.value.value else {
                    continue;
                };
                let trimmed = value.trim();
                if trimmed == value || trimmed.is_empty() {
                    continue;
                }
                let mut d = cx
                    .report(
                        &SSO206,
                        format!("value of `{trimmed_key}` has {}", describe(value)),
                        cx.at(&entry.value),
                    )
                    .with_label(format!("expected `{trimmed}`"))
                    .with_help(VALUE_HELP);
                if let Some(edit) = edits::replace_string(doc, entry.value.node, trimmed) {
                    d = d.with_fix(Applicability::Safe, "Trim the value", vec![edit]);
                }
                out.push(d);
            }
        }
    }
}

/// "leading whitespace", "trailing whitespace" or "leading and trailing whitespace".
fn describe(s: &str) -> &'static str {
    let leading = s.trim_start() != s;
    let trailing = s.trim_end() != s;
    match (leading, trailing) {
        (true, true) => "leading and trailing whitespace",
        (true, false) => "leading whitespace",
        _ => "trailing whitespace",
    }
}
