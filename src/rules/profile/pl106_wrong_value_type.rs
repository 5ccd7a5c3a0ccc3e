//! PL106 wrong-value-type: a schema key has the wrong plist type.
//!
//! Every key of the dicts Apple's schema describes (top level, common payload keys, every key of
//! `com.apple.extensiblesso` including the `PlatformSSO` sub-keys) is checked against its schema
//! type, the elements of arrays against their element type (`URLs` holds strings,
//! `PayloadContent` dicts), and the values of open dicts with a typed value (`ConsentText`,
//! `PlatformSSO.AuthorizationGroups`) against it. `ExtensionData` holds anything in Apple's schema;
//! Microsoft's keys in it are typed by SSO204.
//!
//! Fix (safe) only where the conversion is lossless: a canonical decimal string for an integer key
//! (`<string>1</string>` → `<integer>1</integer>`), `<string>true</string>`/`false` for a boolean
//! key (→ `<true/>`/`<false/>`), and an integer small enough to be exact for a real key
//! (`<integer>60</integer>` → `<real>60</real>`). Everything else is edited by hand.

use crate::catalog::ValueType;
use crate::diagnostic::Applicability;
use crate::edits;
use crate::rules::codes::PL106;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::{NodeId, Value};
use crate::Diagnostic;

use super::schema::{self, SchemaDict};

/// See the module docs.
pub struct WrongValueType;

impl Rule for WrongValueType {
    fn meta(&self) -> &'static RuleMeta {
        &PL106
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for dict in schema::schema_dicts(cx) {
            for entry in dict.doc.tree.entries(dict.node) {
                // The key's name in messages is only written out for a mismatch: most values match.
                let (expected, element, open_scope) = match dict.lookup(&entry.key) {
                    Some(key) => (key.value_type, key.element, None),
                    None => match dict.arbitrary() {
                        Some((any, element)) => (any, element, Some(schema::scope_display_path(dict.scope_name()))),
                        None => continue,
                    },
                };
                let name = || match open_scope {
                    None => format!("`{}`", entry.key),
                    Some(scope) => format!("`{}` in `{scope}`", entry.key),
                };
                let Some(value) = dict.doc.tree.value(entry.value) else {
                    continue;
                };
                if !schema::kind_matches(expected, value.kind()) {
                    out.push(mismatch(cx, dict, entry.value, expected, &name(), false));
                    continue;
                }
                let Some(element) = element else { continue };
                for &item in dict.doc.tree.elements(entry.value) {
                    let Some(kind) = dict.doc.tree.value(item).map(Value::kind) else {
                        continue;
                    };
                    if !schema::kind_matches(element, kind) {
                        out.push(mismatch(cx, dict, item, element, &name(), true));
                    }
                }
            }
        }
    }
}

/// The diagnostic for `node` (a value, or an array element when `is_element`) that should have
/// type `expected`.
fn mismatch(
    cx: &Context<'_>,
    dict: &SchemaDict<'_>,
    node: NodeId,
    expected: ValueType,
    name: &str,
    is_element: bool,
) -> Diagnostic {
    let found = dict
        .doc
        .tree
        .value(node)
        .map_or(crate::syntax::ValueKind::Null, Value::kind);
    let want = schema::with_article(expected.as_str());
    let got = schema::with_article(found.name());
    let message = if is_element {
        format!("each element of {name} must be {want}, not {got}")
    } else {
        format!("{name} must be {want}, not {got}")
    };
    let json = dict.doc.format == crate::source::Format::Json;
    let help = match (expected, is_element) {
        // A declaration (JSON): JSON words, not plist tags.
        (ty, true) if json => format!("write each element as {}", json_kind(ty)),
        (ty, false) if json => format!("write the value as {}", json_kind(ty)),
        (ValueType::Array, _) => format!(
            "write an `<array>` holding the value{}",
            if found == crate::syntax::ValueKind::String {
                ": one `<string>` per entry"
            } else {
                "s"
            }
        ),
        (ValueType::Dictionary, _) => "write a `<dict>` of keys and values".to_owned(),
        (ty, true) => format!("write each element as {}", schema::tag(ty)),
        (ty, false) => format!("write the value as {}", schema::tag(ty)),
    };
    let mut d = cx
        .report(&PL106, message, schema::at_head(cx, dict.doc_id, dict.doc, node))
        .with_label(format!("expected {}, found {}", expected.as_str(), found.name()))
        .with_help(help);
    let replacement = dict.doc.tree.value(node).and_then(|v| {
        if json {
            lossless_json(expected, v)
        } else {
            lossless(expected, v)
        }
    });
    if let Some(replacement) = replacement {
        if let Some(edit) = edits::replace_value(dict.doc, node, replacement.clone()) {
            d = d.with_fix(Applicability::Safe, format!("Write `{replacement}`"), vec![edit]);
        }
    }
    d
}

/// What a JSON value of type `ty` looks like, for help texts.
fn json_kind(ty: ValueType) -> &'static str {
    match ty {
        ValueType::String | ValueType::Date => "a JSON string",
        ValueType::Data => "a base64 JSON string",
        ValueType::Integer => "a JSON number without a fraction (no quotes)",
        ValueType::Real => "a JSON number (no quotes)",
        ValueType::Boolean => "`true` or `false` (no quotes)",
        ValueType::Array => "a JSON array `[…]`",
        ValueType::Dictionary => "a JSON object `{…}`",
        ValueType::Any => "any JSON value",
    }
}

/// [`lossless`] for a JSON document (a declaration): the JSON token.
fn lossless_json(expected: ValueType, value: &Value) -> Option<String> {
    match (expected, value) {
        (ValueType::Integer, Value::String(s)) if is_canonical_integer(s) => Some(s.clone()),
        (ValueType::Boolean, Value::String(s)) if s == "true" || s == "false" => Some(s.clone()),
        (ValueType::Real, Value::Integer(n)) if n.unsigned_abs() <= 1u128 << 53 => Some(format!("{n}.0")),
        _ => None,
    }
}

/// The XML plist token for `value` converted to `expected`, when that loses nothing.
fn lossless(expected: ValueType, value: &Value) -> Option<String> {
    match (expected, value) {
        (ValueType::Integer, Value::String(s)) if is_canonical_integer(s) => Some(format!("<integer>{s}</integer>")),
        (ValueType::Boolean, Value::String(s)) if s == "true" => Some("<true/>".to_owned()),
        (ValueType::Boolean, Value::String(s)) if s == "false" => Some("<false/>".to_owned()),
        (ValueType::Real, Value::Integer(n)) if n.unsigned_abs() <= 1u128 << 53 => Some(format!("<real>{n}</real>")),
        _ => None,
    }
}

/// Whether `s` is an integer written the one way a plist `<integer>` would be read back the same:
/// an optional `-`, then digits without leading zeros, within 64 bits.
fn is_canonical_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && s != "-0";
    canonical && s.parse::<i64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_integers_only() {
        for ok in ["0", "1", "3600", "-5", "9223372036854775807"] {
            assert!(is_canonical_integer(ok), "{ok}");
        }
        for bad in [
            "",
            "-",
            "01",
            "-0",
            "+1",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "0x10",
            "9223372036854775808",
            "١",
        ] {
            assert!(!is_canonical_integer(bad), "{bad}");
        }
    }

    #[test]
    fn lossless_conversions() {
        assert_eq!(
            lossless(ValueType::Integer, &Value::String("1".into())).as_deref(),
            Some("<integer>1</integer>")
        );
        assert_eq!(
            lossless(ValueType::Boolean, &Value::String("true".into())).as_deref(),
            Some("<true/>")
        );
        assert_eq!(
            lossless(ValueType::Boolean, &Value::String("false".into())).as_deref(),
            Some("<false/>")
        );
        assert_eq!(lossless(ValueType::Boolean, &Value::String("TRUE".into())), None);
        assert_eq!(lossless(ValueType::Boolean, &Value::Integer(1)), None);
        assert_eq!(
            lossless(ValueType::Real, &Value::Integer(60)).as_deref(),
            Some("<real>60</real>")
        );
        assert_eq!(lossless(ValueType::Real, &Value::Integer(1 << 60)), None);
        assert_eq!(lossless(ValueType::Array, &Value::String("https://a".into())), None);
        assert_eq!(lossless(ValueType::String, &Value::Integer(1)), None);
    }
}
