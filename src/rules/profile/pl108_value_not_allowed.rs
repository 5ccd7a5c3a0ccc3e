//! PL108 value-not-allowed: a value outside Apple's range list or range.
//!
//! Every key of the dicts Apple's schema describes that has a `rangelist` or `range` in the schema
//! data is checked: `Type` (`Credential`/`Redirect`), `ScreenLockedBehavior`, the top-level
//! `PayloadType` (`Configuration`; missing is PL101) and `PayloadScope`, `TargetDeviceType` (0–6),
//! the `PlatformSSO` modes and methods, each element of the `*Policy` arrays, and
//! `PlatformSSO.LoginFrequency` (at least 3600; also in Settings Catalog policies, as
//! `…_platformsso_loginfrequency`). Values compare exactly, as the device does.
//!
//! Not checked here: `PayloadVersion` (PL103 owns it), the authentication methods of a Microsoft
//! Platform SSO payload that is not for iOS (SSO602 reports them against Microsoft's narrower
//! list), values of the wrong type (PL106), and the
//! Kerberos variant's pinned `ExtensionIdentifier`/`TeamIdentifier`/`Type`, which Apple's own
//! Kerberos example contradicts (domain.md §1.5). The range lists include the newer macOS 26/27
//! values (`OpenID`, `Temporary`, the Touch ID policies), so modern profiles are not flagged.

use crate::catalog::{RangeValue, SchemaKey};
use crate::model::Origin;
use crate::rules::codes::PL108;
use crate::rules::platform_sso::judged_by_psso_rules;
use crate::rules::{Context, Rule, RuleMeta};
use crate::suggest::did_you_mean;
use crate::syntax::{NodeId, Value};
use crate::Diagnostic;

use super::schema::{self, DictKind, SchemaDict};

/// Range lists longer than this are named in the help only, not in the label.
const MAX_VALUES_IN_LABEL: usize = 4;

/// See the module docs.
pub struct ValueNotAllowed;

impl Rule for ValueNotAllowed {
    fn meta(&self) -> &'static RuleMeta {
        &PL108
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for dict in schema::schema_dicts(cx) {
            for entry in dict.doc.tree.entries(dict.node) {
                if entry.key == "PayloadVersion" {
                    continue;
                }
                let Some(key) = dict.lookup(&entry.key) else {
                    continue;
                };
                // On a Microsoft payload, SSO602 is the more specific finding for the methods.
                if entry.key == "AuthenticationMethod" && dict.sso.is_some_and(judged_by_psso_rules) {
                    continue;
                }
                if key.rangelist.is_empty() && key.min.is_none() && key.max.is_none() {
                    continue;
                }
                match dict.doc.tree.value(entry.value) {
                    Some(Value::Array(items)) => {
                        for &item in items {
                            check_value(cx, dict, key, item, true, out);
                        }
                    }
                    Some(_) => check_value(cx, dict, key, entry.value, false, out),
                    None => {}
                }
            }
        }
        settings_catalog_login_frequency(cx, out);
    }
}

/// A Settings Catalog policy holds `PlatformSSO.LoginFrequency` as the integer setting
/// `…_platformsso_loginfrequency`: Apple's minimum applies there as in a profile (the schema walk
/// above reads plists and declarations only).
fn settings_catalog_login_frequency(cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
    let Some(key) = crate::catalog::apple_schema().key("extensiblesso.PlatformSSO", "LoginFrequency") else {
        return;
    };
    let frequencies = cx
        .model
        .sso_payloads
        .iter()
        .filter(|p| p.origin == Origin::SettingsCatalog)
        .filter_map(|p| p.psso.as_ref()?.login_frequency.as_ref());
    for frequency in frequencies {
        if i64::try_from(frequency.value).is_ok_and(|n| key.allows_integer(n)) {
            continue;
        }
        let value = frequency.value.to_string();
        out.push(out_of_range(cx, key, "`LoginFrequency`", &value, cx.at(frequency)));
    }
}

/// Reports `node` (the value of `key`, or an element of its array) if it is not allowed.
fn check_value(
    cx: &Context<'_>,
    dict: &SchemaDict<'_>,
    key: &SchemaKey,
    node: NodeId,
    is_element: bool,
    out: &mut crate::rules::Findings<'_>,
) {
    // The message's parts are built only for a value that is not allowed (most are).
    let name = || {
        if is_element {
            format!("an element of `{}`", key.key)
        } else {
            format!("`{}`", key.key)
        }
    };
    let location = || cx.at_node(dict.doc_id, node);
    let diagnostic = match dict.doc.tree.value(node) {
        Some(Value::String(s)) if !key.allows_string(s) => {
            let allowed = allowed_list(key);
            let mut help = format!("use {allowed}, spelt exactly so");
            let strings = key.rangelist.iter().filter_map(|v| match v {
                RangeValue::String(s) => Some(s.as_str()),
                RangeValue::Integer(_) => None,
            });
            if let Some(suggestion) = did_you_mean(s, strings) {
                help = format!("did you mean `{suggestion}`? Use {allowed}, spelt exactly so");
            }
            if dict.kind == DictKind::TopLevel && key.key == "PayloadType" {
                help.push_str(
                    "; a profile's top-level `PayloadType` is always `Configuration`, and payload \
                     types belong in the payload dicts inside `PayloadContent`",
                );
            }
            cx.report(
                &PL108,
                format!("{} is `{s}`, which Apple's schema does not allow", name()),
                location(),
            )
            .with_label(expected_label(key))
            .with_help(help)
        }
        Some(Value::Integer(n)) => {
            if i64::try_from(*n).is_ok_and(|n| key.allows_integer(n)) {
                return;
            }
            out_of_range(cx, key, &name(), &n.to_string(), location())
        }
        _ => return,
    };
    out.push(diagnostic);
}

/// The diagnostic for an integer outside the range or list of `key`.
fn out_of_range(
    cx: &Context<'_>,
    key: &SchemaKey,
    name: &str,
    value: &str,
    location: crate::diagnostic::Location,
) -> Diagnostic {
    let (label, help) = match (key.min, key.max) {
        _ if !key.rangelist.is_empty() => (expected_label(key), format!("use {}", allowed_list(key))),
        (Some(min), Some(max)) => (
            format!("allowed: {min} to {max}"),
            format!("use a value from {min} to {max}"),
        ),
        (Some(min), None) => (format!("minimum {min}"), format!("use {min} or more")),
        (None, Some(max)) => (format!("maximum {max}"), format!("use {max} or less")),
        (None, None) => ("not allowed".to_owned(), "use an allowed value".to_owned()),
    };
    // The schema title says what the number means (`LoginFrequency`: seconds, minimum, default).
    let help = format!("{help}; Apple's schema: {}", sentence_case(&key.title));
    cx.report(
        &PL108,
        format!("{name} is {value}, which Apple's schema does not allow"),
        location,
    )
    .with_label(label)
    .with_help(help)
}

/// "one of `Credential`, `Redirect`" (or "`Configuration`" alone): the range list for messages.
fn allowed_list(key: &SchemaKey) -> String {
    let values = key.rangelist.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>();
    match values.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}", values.join(", ")),
    }
}

/// `title` with its first letter lower-cased unless it starts an acronym (`Seconds until …` →
/// `seconds until …`, `URL prefixes` stays).
fn sentence_case(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            format!(
                "{}{}",
                first.to_lowercase(),
                title.get(first.len_utf8()..).unwrap_or("")
            )
        }
        _ => title.to_owned(),
    }
}

/// The label: the allowed values when they are few enough to read on one line.
fn expected_label(key: &SchemaKey) -> String {
    if key.rangelist.len() <= MAX_VALUES_IN_LABEL {
        format!("expected {}", allowed_list(key))
    } else {
        "not an allowed value".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::sentence_case;

    #[test]
    fn titles_in_sentences() {
        assert_eq!(
            sentence_case("Seconds until a full login"),
            "seconds until a full login"
        );
        assert_eq!(sentence_case("URL prefixes"), "URL prefixes");
        assert_eq!(sentence_case("É"), "É");
        assert_eq!(sentence_case(""), "");
    }
}
