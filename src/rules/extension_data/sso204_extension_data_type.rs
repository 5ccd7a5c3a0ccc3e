//! SSO204 extension-data-type: a documented Microsoft extension-data key has a type other than the
//! one Microsoft documents (per the catalog's key table).
//!
//! `device_registration` must be a String, the 0/1 flags Integers, the bundle lists one
//! comma-separated String (not an array); `use_most_secure_storage` takes Boolean or Integer. The
//! type is what the device receives: the plist element, the Intune pair's `@odata.type`, the
//! Settings Catalog type picker. What the plug-in does with a wrong type is undocumented; the
//! setting may silently be off. The fix (safe) converts only where nothing is lost: `"1"` → 1,
//! true/false → 1/0 for flags, a string array → one comma-joined string; for an Intune pair it
//! changes the `@odata.type` and the value together. Settings Catalog entries get no fix.

use crate::catalog::{self, ExtensionDataKey, ValueType};
use crate::diagnostic::{Applicability, Edit};
use crate::document::Document;
use crate::edits;
use crate::model::{ExtensionDataEntry, ExtensionDataForm, ExtensionValue};
use crate::rules::codes::SSO204;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::{Value, ValueKind};

use super::support::as_flag;

/// See the module docs.
pub struct ExtensionDataType;

impl Rule for ExtensionDataType {
    fn meta(&self) -> &'static RuleMeta {
        &SSO204
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx) {
            let form = payload.extension_data.form;
            for entry in &payload.extension_data.entries {
                let Some(key) = catalog::extension_data_key(&entry.key.value).filter(|k| k.documented) else {
                    continue;
                };
                let Some(found) = value_type(entry.declared) else {
                    continue;
                };
                if key.accepts_type(found) {
                    continue;
                }
                let expected = expected_words(key);
                let location = match (entry.type_declaration.as_deref(), entry.declared) {
                    (Some(t), _) => cx.at(t),
                    (None, ValueKind::Array | ValueKind::Dict) => cx.at(&entry.key),
                    (None, _) => cx.at(&entry.value),
                };
                let mut help = format!(
                    "Microsoft documents `{}` as {expected}. {} What the plug-in does with another type is undocumented; \
                     the setting may simply be off",
                    key.name,
                    key.summary
                );
                if form == ExtensionDataForm::SettingsCatalog {
                    help.push_str(". In the Settings Catalog pick the right type for this Extension Data entry; profilelint offers no automatic fix there");
                }
                let mut d = cx
                    .report(
                        &SSO204,
                        format!("`{}` must be {expected}, found {}", key.name, found.as_str()),
                        location,
                    )
                    .with_label(format!(
                        "expected {}, found {}",
                        key.types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" or "),
                        found.as_str()
                    ))
                    .with_help(help);
                if let Some((message, edits)) = cx.doc(entry.value.doc).and_then(|doc| fix(doc, form, key, entry)) {
                    d = d.with_fix(Applicability::Safe, message, edits);
                }
                out.push(d);
            }
        }
    }
}

/// The catalog type of a declared value kind; `None` for `null` (no value to judge).
fn value_type(kind: ValueKind) -> Option<ValueType> {
    Some(match kind {
        ValueKind::String => ValueType::String,
        ValueKind::Integer => ValueType::Integer,
        ValueKind::Bool => ValueType::Boolean,
        ValueKind::Real => ValueType::Real,
        ValueKind::Array => ValueType::Array,
        ValueKind::Dict => ValueType::Dictionary,
        ValueKind::Date => ValueType::Date,
        ValueKind::Data => ValueType::Data,
        ValueKind::Null => return None,
    })
}

/// "an Integer", "one comma-separated String", "a Boolean or an Integer".
fn expected_words(key: &ExtensionDataKey) -> String {
    if key.list {
        return "one comma-separated String".to_owned();
    }
    let words: Vec<&str> = key
        .types
        .iter()
        .map(|t| match t {
            ValueType::String => "a String",
            ValueType::Integer => "an Integer",
            ValueType::Boolean => "a Boolean",
            ValueType::Real => "a Real",
            _ => "another type",
        })
        .collect();
    words.join(" or ")
}

/// The lossless conversion of an entry to its key's type, if there is one: the fix message and
/// its edits.
fn fix(
    doc: &Document,
    form: ExtensionDataForm,
    key: &ExtensionDataKey,
    entry: &ExtensionDataEntry,
) -> Option<(String, Vec<Edit>)> {
    let flag = key.allowed == [0, 1];
    let integer = if key.accepts_type(ValueType::Integer) {
        as_flag(&entry.value.value)
            .filter(|_| flag || !matches!(entry.value.value, ExtensionValue::Bool(_)))
            .filter(|&n| i64::try_from(n).is_ok_and(|n| key.allows_value(n)))
    } else {
        None
    };
    // "true"/"false" written as a string, for keys that take a Boolean (and no Integer).
    let boolean = match &entry.value.value {
        ExtensionValue::String(text) if key.accepts_type(ValueType::Boolean) && integer.is_none() => {
            match text.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            }
        }
        _ => None,
    };
    match form {
        ExtensionDataForm::PlistDict => {
            let node = entry.value.node;
            if let Some(n) = integer {
                let edit = edits::replace_value(doc, node, format!("<integer>{n}</integer>"))?;
                return Some((format!("Write it as `<integer>{n}</integer>`"), vec![edit]));
            }
            if let Some(b) = boolean {
                let edit = edits::replace_value(doc, node, if b { "<true/>" } else { "<false/>" })?;
                return Some((format!("Write it as `<{b}/>`"), vec![edit]));
            }
            if key.list {
                let items = doc.tree.elements(node);
                let strings: Option<Vec<&str>> = items
                    .iter()
                    .map(|&e| doc.tree.str(e).filter(|s| !s.contains(',')))
                    .collect();
                let strings =
                    strings.filter(|s| !s.is_empty() && matches!(doc.tree.value(node), Some(Value::Array(_))))?;
                let joined = strings.join(",");
                let edit = edits::replace_value(doc, node, format!("<string>{}</string>", edits::xml_escape(&joined)))?;
                return Some((
                    "Join the array into one comma-separated `<string>`".to_owned(),
                    vec![edit],
                ));
            }
            None
        }
        ExtensionDataForm::IntuneConfigurations => {
            let (pair_type, value_text) = if let Some(n) = integer {
                ("keyIntegerValuePair", Some(n.to_string()))
            } else if let Some(b) = boolean {
                ("keyBooleanValuePair", Some(b.to_string()))
            } else if key.accepts_type(ValueType::String)
                && !key.list
                && matches!(entry.value.value, ExtensionValue::String(_))
            {
                ("keyStringValuePair", None)
            } else {
                return None;
            };
            let mut out = Vec::new();
            if let Some(t) = entry.type_declaration.as_deref() {
                let raw = t.value.as_str();
                let prefix = raw
                    .rfind('.')
                    .and_then(|i| raw.get(..=i))
                    .unwrap_or("#microsoft.graph.");
                out.push(edits::replace_string(doc, t.node, &format!("{prefix}{pair_type}"))?);
            }
            if let Some(text) = value_text {
                out.push(edits::replace_value(doc, entry.value.node, text)?);
            }
            (!out.is_empty()).then(|| (format!("Make it a `{pair_type}`"), out))
        }
        ExtensionDataForm::DeclarationDict => {
            let node = entry.value.node;
            if let Some(n) = integer {
                let edit = edits::replace_value(doc, node, n.to_string())?;
                return Some((format!("Write it as the number `{n}`"), vec![edit]));
            }
            if let Some(b) = boolean {
                let edit = edits::replace_value(doc, node, b.to_string())?;
                return Some((format!("Write it as `{b}`"), vec![edit]));
            }
            None
        }
        ExtensionDataForm::SettingsCatalog => None,
    }
}
