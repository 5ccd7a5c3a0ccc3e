//! Helpers shared by the SSO2xx rules: key matching, where a finding about the extension data as a
//! whole points, inserting and removing entries in each form of extension data, and the Microsoft
//! keys a plist payload holds outside `ExtensionData`.

use crate::diagnostic::{Edit, Location};
use crate::document::Document;
use crate::edits;
use crate::model::{ExtensionData, ExtensionDataEntry, ExtensionDataForm, ExtensionValue, Origin, SsoPayload};
use crate::rules::identity::support::key_anchor;
use crate::rules::shared::{is_plist, payload_type_anchor};
use crate::rules::Context;
use crate::syntax::{NodeId, Value};

/// The key marking a Just-in-Time payload.
pub(super) const DEVICE_REGISTRATION: &str = "device_registration";
/// The documented value of `device_registration`.
pub(in crate::rules) const DEVICE_REGISTRATION_VALUE: &str = "{{DEVICEREGISTRATION}}";
/// The key recommended with `device_registration`.
pub(super) const BROWSER_SSO: &str = "browser_sso_interaction_enabled";

/// Whether two keys are equal after trimming and case-folding (`Device_Registration ` and
/// `device_registration`).
pub(super) fn same_key(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The first entry whose key equals `key` exactly, or else after trimming and case-folding.
pub(super) fn find_loosely<'a>(data: &'a ExtensionData, key: &str) -> Option<&'a ExtensionDataEntry> {
    data.get(key)
        .or_else(|| data.entries.iter().find(|e| same_key(&e.key.value, key)))
}

/// Words for the form of the extension data, for messages: `ExtensionData`, `configurations`, or
/// the Settings Catalog extension data.
pub(super) fn container_name(form: ExtensionDataForm) -> &'static str {
    match form {
        ExtensionDataForm::PlistDict | ExtensionDataForm::DeclarationDict => "`ExtensionData`",
        ExtensionDataForm::IntuneConfigurations => "`configurations`",
        ExtensionDataForm::SettingsCatalog => "the extension data (`com.apple.extensiblesso_extensiondata`)",
    }
}

/// Where a finding about the extension data as a whole points: its key (`ExtensionData`,
/// `configurations`), the Settings Catalog group's `settingDefinitionId`, else the payload.
pub(super) fn container_anchor(cx: &Context<'_>, payload: &SsoPayload) -> Location {
    let Some(node) = payload.extension_data.node else {
        // Intune may write `"configurations": null`: point at that key.
        if payload.origin == Origin::DeviceFeatures {
            let key = cx.doc(payload.doc).and_then(|d| {
                d.tree
                    .entries(payload.node)
                    .iter()
                    .find(|e| e.key.eq_ignore_ascii_case("configurations"))
                    .map(|e| e.value)
            });
            if let Some(value) = key {
                return key_anchor(cx, payload, value);
            }
        }
        return payload_type_anchor(cx, payload);
    };
    if payload.extension_data.form == ExtensionDataForm::SettingsCatalog {
        if let Some(id) = cx
            .doc(payload.doc)
            .and_then(|d| d.tree.get_key(node, "settingDefinitionId"))
        {
            return cx.at_node(payload.doc, id);
        }
    }
    key_anchor(cx, payload, node)
}

/// A new entry for [`add_entry`], in each syntax.
pub(super) struct NewEntry<'a> {
    /// The key.
    pub key: &'a str,
    /// The plist value element (`<string>…</string>`, `<integer>1</integer>`).
    pub plist: &'a str,
    /// The Intune `keyTypedValuePair` subtype (`keyStringValuePair`).
    pub pair_type: &'a str,
    /// The JSON value (`"{{DEVICEREGISTRATION}}"`, `1`).
    pub json: &'a str,
}

/// An edit adding an entry to the payload's extension data, in the document's style: a new last
/// entry of the `ExtensionData` dict (or a new `ExtensionData` dict in the payload), a new
/// `keyTypedValuePair` in `configurations` (or a new `configurations` array). `None` for Settings
/// Catalog policies (a group of setting instances is too structural to write by hand), when
/// `ExtensionData` is not a dict, and without text.
pub(super) fn add_entry(cx: &Context<'_>, payload: &SsoPayload, entry: &NewEntry<'_>) -> Option<Edit> {
    let doc = cx.doc(payload.doc)?;
    let data = &payload.extension_data;
    match data.form {
        ExtensionDataForm::PlistDict => match data.node {
            Some(dict) if matches!(doc.tree.value(dict), Some(Value::Dict(_))) => {
                edits::insert_entry(doc, dict, entry.key, entry.plist)
            }
            Some(_) => None,
            None if is_plist(payload) => {
                let dict = new_plist_dict(doc, payload.node, entry)?;
                edits::insert_entry(doc, payload.node, "ExtensionData", &dict)
            }
            None => None,
        },
        ExtensionDataForm::IntuneConfigurations => {
            let pair = format!(
                "{{\"@odata.type\": \"#microsoft.graph.{}\", \"key\": {}, \"value\": {}}}",
                entry.pair_type,
                edits::json_string(entry.key),
                entry.json
            );
            if let Some(array) = data.node {
                return edits::insert_element(doc, array, &pair);
            }
            if payload.origin != Origin::DeviceFeatures {
                return None;
            }
            let existing = doc
                .tree
                .entries(payload.node)
                .iter()
                .find(|e| e.key.eq_ignore_ascii_case("configurations"));
            match existing {
                Some(e) if matches!(doc.tree.value(e.value), Some(Value::Null)) => {
                    edits::replace_value(doc, e.value, format!("[{pair}]"))
                }
                Some(_) => None,
                None => edits::insert_entry(doc, payload.node, "configurations", &format!("[{pair}]")),
            }
        }
        ExtensionDataForm::DeclarationDict => match data.node {
            Some(dict) if matches!(doc.tree.value(dict), Some(Value::Dict(_))) => {
                edits::insert_entry(doc, dict, entry.key, entry.json)
            }
            Some(_) => None,
            None => edits::insert_entry(
                doc,
                payload.node,
                "ExtensionData",
                &format!("{{{}: {}}}", edits::json_string(entry.key), entry.json),
            ),
        },
        ExtensionDataForm::SettingsCatalog => None,
    }
}

/// A multi-line `<dict>` holding one entry, indented for a new last entry of `payload`.
fn new_plist_dict(doc: &Document, payload: NodeId, entry: &NewEntry<'_>) -> Option<String> {
    let text = doc.text.as_deref()?;
    let nl = edits::newline(doc);
    let last = doc.tree.entries(payload).last()?;
    let (indent, _) = edits::indentation_at(text, last.key_span()?.start);
    let (outer, _) = edits::indentation_at(text, doc.tree.span(payload)?.start);
    let unit = match indent.strip_prefix(outer) {
        Some(unit) if !unit.is_empty() => unit,
        _ if indent.contains('\t') => "\t",
        _ => "    ",
    };
    let key = format!("<key>{}</key>", edits::xml_escape(entry.key));
    Some(format!(
        "<dict>{nl}{indent}{unit}{key}{nl}{indent}{unit}{}{nl}{indent}</dict>",
        entry.plist
    ))
}

/// An edit removing an entry from its container: the key and value of a plist dict, the pair of
/// `configurations`, the group value of a Settings Catalog policy.
pub(super) fn remove_entry(doc: &Document, entry: &ExtensionDataEntry) -> Option<Edit> {
    let link = doc.tree.get(entry.entry_node)?.parent?;
    let slot = usize::try_from(link.slot).ok()?;
    match doc.tree.value(link.parent)? {
        Value::Dict(_) => edits::remove_entry(doc, link.parent, slot),
        Value::Array(_) => edits::remove_element(doc, link.parent, slot),
        _ => None,
    }
}

/// The value of an entry as an integer flag: integers as they are, strings holding exactly an
/// integer, booleans as 1/0, whole reals. `None` for anything else.
pub(super) fn as_flag(value: &ExtensionValue) -> Option<i128> {
    match value {
        ExtensionValue::Integer(i) => Some(*i),
        ExtensionValue::String(s) => s.parse().ok(),
        ExtensionValue::Bool(b) => Some(i128::from(*b)),
        ExtensionValue::Real(r) if r.fract() == 0.0 && r.abs() < 1e15 => Some(*r as i128),
        _ => None,
    }
}

/// A Microsoft key (or misspelling of one) found outside `ExtensionData` in a plist payload.
pub(super) enum Misplaced {
    /// A key of the Microsoft table directly in the payload dict: the value node.
    PayloadLevel(NodeId),
    /// A `Configurations`-style array in the payload dict: the array node.
    ConfigurationsArray(NodeId),
    /// `ExtensionData` that is not a dict: its value node.
    NotADict(NodeId),
}

/// Microsoft settings of a plist payload that are not where Apple passes them to the extension.
/// Keys compare trimmed and case-insensitively with the Microsoft key table.
pub(super) fn misplaced(doc: &Document, payload: NodeId) -> Vec<Misplaced> {
    let mut out = Vec::new();
    for entry in doc.tree.entries(payload) {
        if entry.key == "ExtensionData" {
            if !matches!(doc.tree.value(entry.value), Some(Value::Dict(_))) {
                out.push(Misplaced::NotADict(entry.value));
            }
        } else if entry.key.trim().eq_ignore_ascii_case("configurations") {
            if !doc.tree.elements(entry.value).is_empty() {
                out.push(Misplaced::ConfigurationsArray(entry.value));
            }
        } else if crate::model::common::is_microsoft_extension_data_key(&entry.key) {
            out.push(Misplaced::PayloadLevel(entry.value));
        }
    }
    out
}

/// Whether a plist payload holds `device_registration` outside `ExtensionData` (at the payload
/// level, or in a dict of a misplaced `Configurations` or non-dict `ExtensionData` array).
pub(super) fn has_misplaced_device_registration(doc: &Document, payload: NodeId) -> bool {
    let dict_has = |node: NodeId| {
        doc.tree
            .entries(node)
            .iter()
            .any(|e| same_key(&e.key, DEVICE_REGISTRATION))
    };
    misplaced(doc, payload).into_iter().any(|m| match m {
        Misplaced::PayloadLevel(value) => doc
            .tree
            .parent_entry(value)
            .is_some_and(|e| same_key(&e.key, DEVICE_REGISTRATION)),
        Misplaced::ConfigurationsArray(array) | Misplaced::NotADict(array) => {
            doc.tree.elements(array).iter().any(|&element| {
                dict_has(element)
                    || doc
                        .tree
                        .str_key(element, "key")
                        .or_else(|| doc.tree.str_key(element, "Key"))
                        .is_some_and(|k| same_key(k, DEVICE_REGISTRATION))
            })
        }
    })
}

/// What is wrong with a value that must be the Intune variable `{{DEVICEREGISTRATION}}`
/// (`device_registration`, SSO202; Platform SSO's `RegistrationToken`, SSO601), if anything.
pub(in crate::rules) fn registration_value_problem(value: &str) -> Option<&'static str> {
    const LOWER: &str = "{{deviceregistration}}";
    if value == DEVICE_REGISTRATION_VALUE || value == LOWER {
        return None;
    }
    let trimmed = value.trim();
    Some(if trimmed.is_empty() {
        "the value is empty"
    } else if trimmed == DEVICE_REGISTRATION_VALUE || trimmed == LOWER {
        "it has leading or trailing whitespace"
    } else if trimmed.eq_ignore_ascii_case(LOWER) {
        "Intune variables must be all upper case or all lower case"
    } else if trimmed
        .trim_matches(['{', '}'])
        .trim()
        .eq_ignore_ascii_case("deviceregistration")
    {
        "the variable needs exactly two braces on each side and nothing inside them but its name"
    } else {
        "not the Intune variable `{{DEVICEREGISTRATION}}`"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_loosely() {
        assert!(same_key(" Device_Registration", "device_registration"));
        assert!(!same_key("device-registration", "device_registration"));
    }

    #[test]
    fn flags() {
        assert_eq!(as_flag(&ExtensionValue::String("1".into())), Some(1));
        assert_eq!(as_flag(&ExtensionValue::String(" 1".into())), None);
        assert_eq!(as_flag(&ExtensionValue::Bool(false)), Some(0));
        assert_eq!(as_flag(&ExtensionValue::Real(1.0)), Some(1));
        assert_eq!(as_flag(&ExtensionValue::Real(1.5)), None);
        assert_eq!(as_flag(&ExtensionValue::String("yes".into())), None);
    }
}
