//! Settings Catalog policies (`deviceManagementConfigurationPolicy`): the SSO payloads in their
//! `com.apple.extensiblesso` settings.
//!
//! A policy's `settings[]` each hold a `settingInstance`; instances nest through group
//! collections (`groupSettingCollectionValue[].children[]`), groups (`groupSettingValue`) and
//! choices (`choiceSettingValue.children[]`). Every group value of the root definition
//! `com.apple.extensiblesso_com.apple.extensiblesso` is one SSO payload; its children are read by
//! `settingDefinitionId` (compared case-insensitively). Value objects are read by their property
//! names (`simpleSettingValue`, `choiceSettingValue`, …), never by their `@odata.type`, which some
//! exporters drop.
//!
//! The walk keeps an explicit stack: input depth never becomes call depth.

use crate::syntax::{NodeId, Tree, Value, ValueKind};

use super::common::{spanned_extension_value, spanned_int};
use super::intune::{extension_data_lists, get_ci, platform_source, Cx};
use super::types::{
    BundleItem, BundleList, BundleListForm, BundleListKind, ExtensionDataEntry, ExtensionDataForm, ExtensionValue,
    Model, Origin, Platform, PssoPlace, PssoSettings, Spanned, SsoPayload,
};

/// The definition id of the group collection whose values are SSO payloads.
const ROOT: &str = "com.apple.extensiblesso_com.apple.extensiblesso";
/// The namespace of the payload's own settings (`…_extensionidentifier`, `…_type`, …).
const PREFIX: &str = "com.apple.extensiblesso";
/// Suffix of the ExtensionData key-name setting.
const GENERIC_KEY: &str = "_extensiondata_generickey_keytobereplaced";
/// Suffix of the ExtensionData value-type picker (`com.apple.extensiblesso_ignored_$typepicker`).
const TYPE_PICKER: &str = "_ignored_$typepicker";
/// Suffix of a string ExtensionData value.
const GENERIC_STRING: &str = "_extensiondata_generickey_string";
/// Suffix of an integer ExtensionData value.
const GENERIC_INTEGER: &str = "_extensiondata_generickey_integer";
/// Suffix of a boolean ExtensionData value (a choice `…_generickey_true` / `…_generickey_false`).
const GENERIC_BOOLEAN: &str = "_extensiondata_generickey_boolean";

/// Reads the SSO payloads of the Settings Catalog policy `policy` (object index `object`,
/// platform from its `platforms`).
pub(super) fn extract_policy(cx: Cx<'_>, policy: NodeId, object: usize, platform: Platform, model: &mut Model) {
    let tree = cx.tree();
    let Some(settings) = get_ci(tree, policy, "settings") else {
        return;
    };
    // Popped last-in first-out, so children are pushed in reverse to keep source order.
    let mut stack: Vec<NodeId> = tree
        .elements(settings)
        .iter()
        .rev()
        .map(|&setting| get_ci(tree, setting, "settingInstance").unwrap_or(setting))
        .collect();
    while let Some(instance) = stack.pop() {
        if definition_id(tree, instance).is_some_and(|d| d.eq_ignore_ascii_case(ROOT)) {
            for group in group_values(tree, instance) {
                let payload = payload(cx, group, object, platform);
                model.sso_payloads.push(payload);
            }
            continue;
        }
        let children = child_instances(tree, instance);
        stack.extend(children.into_iter().rev());
    }
}

/// The `settingDefinitionId` of a setting instance.
fn definition_id(tree: &Tree, instance: NodeId) -> Option<&str> {
    get_ci(tree, instance, "settingDefinitionId").and_then(|d| tree.str(d))
}

/// The lower-cased definition id of `instance` without the `com.apple.extensiblesso` namespace
/// (`_extensionidentifier`, `_type`, …); `None` for other namespaces.
fn setting_suffix(tree: &Tree, instance: NodeId) -> Option<String> {
    let id = definition_id(tree, instance)?.to_ascii_lowercase();
    id.strip_prefix(PREFIX).map(str::to_owned)
}

/// The group values of a group instance: the dict elements of `groupSettingCollectionValue`,
/// or its single `groupSettingValue`.
fn group_values(tree: &Tree, instance: NodeId) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = get_ci(tree, instance, "groupSettingCollectionValue")
        .map(|c| tree.elements(c).to_vec())
        .unwrap_or_default();
    out.extend(get_ci(tree, instance, "groupSettingValue"));
    out.retain(|&g| matches!(tree.value(g), Some(Value::Dict(_))));
    out
}

/// The `children` instances of a value object (group value or choice value).
fn children(tree: &Tree, value: NodeId) -> &[NodeId] {
    get_ci(tree, value, "children").map_or(&[], |c| tree.elements(c))
}

/// Every instance nested one level below `instance`: children of its group values and of its
/// choice value(s).
fn child_instances(tree: &Tree, instance: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    for group in group_values(tree, instance) {
        out.extend_from_slice(children(tree, group));
    }
    if let Some(choice) = get_ci(tree, instance, "choiceSettingValue") {
        out.extend_from_slice(children(tree, choice));
    }
    if let Some(choices) = get_ci(tree, instance, "choiceSettingCollectionValue") {
        for &choice in tree.elements(choices) {
            out.extend_from_slice(children(tree, choice));
        }
    }
    out
}

/// The `value` node of a simple setting instance (`simpleSettingValue.value`).
fn simple_value(tree: &Tree, instance: NodeId) -> Option<NodeId> {
    let value = get_ci(tree, instance, "simpleSettingValue")?;
    get_ci(tree, value, "value")
}

/// The choice value object of a choice instance (`choiceSettingValue`).
fn choice(tree: &Tree, instance: NodeId) -> Option<NodeId> {
    get_ci(tree, instance, "choiceSettingValue")
}

/// The `value` node of a choice instance (`choiceSettingValue.value`, e.g. `…_type_1`).
fn choice_value(tree: &Tree, instance: NodeId) -> Option<NodeId> {
    get_ci(tree, choice(tree, instance)?, "value")
}

/// The `simpleSettingCollectionValue` array of a collection instance and the `value` nodes of
/// its elements.
fn collection_values(tree: &Tree, instance: NodeId) -> Option<(NodeId, Vec<NodeId>)> {
    let array = get_ci(tree, instance, "simpleSettingCollectionValue")
        .filter(|&a| matches!(tree.value(a), Some(Value::Array(_))))?;
    let values = tree
        .elements(array)
        .iter()
        .filter_map(|&e| get_ci(tree, e, "value"))
        .collect();
    Some((array, values))
}

/// The `Type` of a `…_type` choice: `_0` is Credential, `_1` Redirect (Intune's order); anything
/// else is kept as the raw suffix after the definition id (or the whole raw value when it does not
/// start with it), so messages can quote it.
fn sso_type_name(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    let suffix = lower
        .strip_prefix("com.apple.extensiblesso_type")
        .and_then(|_| raw.get("com.apple.extensiblesso_type".len()..));
    match suffix {
        Some("_0") => "Credential".to_owned(),
        Some("_1") => "Redirect".to_owned(),
        Some(other) => other.to_owned(),
        None => raw.to_owned(),
    }
}

/// Builds the SSO payload of one `com.apple.extensiblesso` group value.
fn payload(cx: Cx<'_>, group: NodeId, object: usize, platform: Platform) -> SsoPayload {
    let tree = cx.tree();
    let mut p = SsoPayload {
        platform,
        platform_source: platform_source(platform),
        object: Some(object),
        ..SsoPayload::new(
            cx.doc,
            group,
            Origin::SettingsCatalog,
            ExtensionDataForm::SettingsCatalog,
        )
    };
    let simple_str = |child: NodeId| simple_value(tree, child).and_then(|v| cx.str(v));
    for &child in children(tree, group) {
        let Some(suffix) = setting_suffix(tree, child) else {
            continue;
        };
        match suffix.as_str() {
            "_extensionidentifier" if p.extension_identifier.is_none() => {
                p.extension_identifier = simple_str(child);
            }
            "_teamidentifier" if p.team_identifier.is_none() => {
                p.team_identifier = simple_str(child);
            }
            "_realm" if p.realm.is_none() => p.realm = simple_str(child),
            "_type" if p.sso_type.is_none() => {
                p.sso_type = choice_value(tree, child).and_then(|v| {
                    let raw = tree.str(v)?;
                    Some(cx.spanned(v, sso_type_name(raw)))
                });
            }
            "_urls" if p.urls_node.is_none() => {
                if let Some((array, values)) = collection_values(tree, child) {
                    p.urls_node = Some(array);
                    p.urls = values
                        .into_iter()
                        .filter_map(|v| cx.str(v))
                        .map(Spanned::shared)
                        .collect();
                }
            }
            "_hosts" if p.hosts.is_empty() => {
                if let Some((_, values)) = collection_values(tree, child) {
                    p.hosts = values.into_iter().filter_map(|v| cx.str(v)).collect();
                }
            }
            "_deniedbundleidentifiers" => {
                if let Some((array, values)) = collection_values(tree, child) {
                    p.bundle_lists.push(denied_list(cx, array, &values));
                }
            }
            "_platformsso" if p.platform_sso.is_none() => {
                let group = group_values(tree, child).first().copied();
                p.platform_sso = Some(group.unwrap_or(child));
                let psso = p.psso.get_or_insert_with(Box::default);
                psso.node = group;
                if let Some(group) = group {
                    read_platform_sso(cx, group, psso);
                }
            }
            "_registrationtoken" => {
                let psso = p.psso.get_or_insert_with(Box::default);
                if psso.registration_token.is_none() {
                    psso.registration_token = simple_str(child).map(|t| (t, PssoPlace::Payload));
                }
            }
            "_authenticationmethod" => {
                let psso = p.psso.get_or_insert_with(Box::default);
                if psso.legacy_method.is_none() {
                    psso.legacy_method = named_choice(cx, child, &suffix, METHODS, &mut psso.unknown_choices);
                }
            }
            "_extensiondata" if p.extension_data.node.is_none() => {
                p.extension_data.node = Some(child);
                p.extension_data.entries = group_values(tree, child)
                    .into_iter()
                    .filter_map(|entry| extension_data_entry(cx, entry))
                    .collect();
            }
            _ => {}
        }
    }
    let lists = extension_data_lists(cx, &p.extension_data);
    p.bundle_lists.extend(lists);
    p
}

/// Authentication-method choices (`…_authenticationmethod_N`), as Microsoft's PSSOForge writes
/// them. `_2` (SmartCard) is only in third-party tables and stays an unknown choice.
const METHODS: &[(&str, &str)] = &[("0", "Password"), ("1", "UserSecureEnclaveKey")];

/// Authorization-mode choices, as PSSOForge writes them (`_2`, Groups, is unverified).
const AUTHORIZATION_MODES: &[(&str, &str)] = &[("0", "Standard"), ("1", "Admin")];

/// The children of a `…_platformsso` group value, into `psso`.
fn read_platform_sso(cx: Cx<'_>, group: NodeId, psso: &mut PssoSettings) {
    let tree = cx.tree();
    for &child in children(tree, group) {
        let Some(suffix) = setting_suffix(tree, child) else {
            continue;
        };
        let Some(name) = suffix.strip_prefix("_platformsso") else {
            continue;
        };
        let unknown = &mut psso.unknown_choices;
        match name {
            "_authenticationmethod" => psso.method = named_choice(cx, child, &suffix, METHODS, unknown),
            "_userauthorizationmode" => {
                psso.user_authorization_mode = named_choice(cx, child, &suffix, AUTHORIZATION_MODES, unknown);
            }
            "_newuserauthorizationmode" => {
                psso.new_user_authorization_mode = named_choice(cx, child, &suffix, AUTHORIZATION_MODES, unknown);
            }
            "_useshareddevicekeys" => psso.use_shared_device_keys = bool_choice(cx, child, &suffix, unknown),
            "_enablecreateuseratlogin" => psso.enable_create_user_at_login = bool_choice(cx, child, &suffix, unknown),
            "_enablecreatefirstuserduringsetup" => {
                psso.enable_create_first_user_during_setup = bool_choice(cx, child, &suffix, unknown);
            }
            "_enableregistrationduringsetup" => {
                psso.enable_registration_during_setup = bool_choice(cx, child, &suffix, unknown);
            }
            "_enableauthorization" => psso.enable_authorization = bool_choice(cx, child, &suffix, unknown),
            // A simple integer setting (seen in a 2026 Intune export of a Platform SSO policy).
            "_loginfrequency" => {
                psso.login_frequency = simple_value(tree, child).and_then(|v| spanned_int(cx.doc, cx.document, v));
            }
            "_accountdisplayname" => {
                psso.account_display_name = simple_value(tree, child).and_then(|v| cx.str(v));
            }
            "_tokentousermapping" => {
                for mapping in group_values(tree, child) {
                    for &field in children(tree, mapping) {
                        let value = simple_value(tree, field).and_then(|v| cx.str(v));
                        match setting_suffix(tree, field).as_deref() {
                            Some("_platformsso_tokentousermapping_accountname") => psso.account_name = value,
                            Some("_platformsso_tokentousermapping_fullname") => psso.full_name = value,
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The choice of instance `child` (definition suffix `suffix`), named by `names` after its
/// `_N` tail; an unverified tail goes to `unknown` and yields `None`.
fn named_choice(
    cx: Cx<'_>,
    child: NodeId,
    suffix: &str,
    names: &[(&str, &str)],
    unknown: &mut Vec<Spanned<String>>,
) -> Option<Spanned<String>> {
    let (node, tail) = choice_tail(cx, child, suffix)?;
    match names.iter().find(|(t, _)| Some(*t) == tail.as_deref()) {
        Some((_, name)) => Some(cx.spanned(node, (*name).to_owned())),
        None => {
            unknown.extend(cx.str(node));
            None
        }
    }
}

/// A `…_true` / `…_false` choice as a boolean; another tail goes to `unknown`.
fn bool_choice(cx: Cx<'_>, child: NodeId, suffix: &str, unknown: &mut Vec<Spanned<String>>) -> Option<Spanned<bool>> {
    let (node, tail) = choice_tail(cx, child, suffix)?;
    match tail.as_deref() {
        Some("true") => Some(cx.spanned(node, true)),
        Some("false") => Some(cx.spanned(node, false)),
        _ => {
            unknown.extend(cx.str(node));
            None
        }
    }
}

/// The choice value node of `child` and what follows `<namespace><suffix>_` in it (lower case;
/// `None` when the value is not of that form).
fn choice_tail(cx: Cx<'_>, child: NodeId, suffix: &str) -> Option<(NodeId, Option<String>)> {
    let tree = cx.tree();
    let node = choice_value(tree, child)?;
    let raw = tree.str(node)?.to_ascii_lowercase();
    let tail = raw
        .strip_prefix(PREFIX)
        .and_then(|r| r.strip_prefix(suffix))
        .and_then(|r| r.strip_prefix('_'))
        .map(str::to_owned);
    Some((node, tail))
}

/// `DeniedBundleIdentifiers` from a string collection: one item per string `value`.
fn denied_list(cx: Cx<'_>, array: NodeId, values: &[NodeId]) -> BundleList {
    let tree = cx.tree();
    let items = values
        .iter()
        .filter_map(|&v| {
            let n = tree.get(v)?;
            match &n.value {
                Value::String(s) => Some(BundleItem {
                    raw: s.clone(),
                    span: n.inner(),
                    node: v,
                }),
                _ => None,
            }
        })
        .collect();
    BundleList {
        kind: BundleListKind::DeniedBundleIdentifiers,
        form: BundleListForm::Array,
        node: array,
        items,
    }
}

/// Whether the lower-cased definition suffix (from [`setting_suffix`]) ends with `tail`.
fn is(suffix: &Option<String>, tail: &str) -> bool {
    suffix.as_deref().is_some_and(|s| s.ends_with(tail))
}

/// One ExtensionData entry from an `…_extensiondata` group value: the key from
/// `…_generickey_keytobereplaced`, the declared type from the `$typepicker` choice (`_0` string,
/// `_1` integer, `_2` boolean; otherwise the value's own kind), the value from the picker's
/// `…_generickey_string|integer|boolean` child (or, failing that, such a child of the group value
/// itself). Group values without a string key are skipped.
fn extension_data_entry(cx: Cx<'_>, entry: NodeId) -> Option<ExtensionDataEntry> {
    let tree = cx.tree();
    let instances = children(tree, entry);
    let suffixes: Vec<(NodeId, Option<String>)> = instances.iter().map(|&i| (i, setting_suffix(tree, i))).collect();
    let key_node = suffixes
        .iter()
        .filter(|(_, s)| is(s, GENERIC_KEY))
        .find_map(|&(i, _)| simple_value(tree, i).filter(|&v| tree.str(v).is_some()))?;
    let picker = suffixes.iter().find(|(_, s)| is(s, TYPE_PICKER)).map(|&(i, _)| i);
    let picker_value = picker.and_then(|p| choice_value(tree, p));
    let type_declaration = picker_value.and_then(|v| cx.str(v));
    let picked = type_declaration.as_ref().and_then(|t| {
        let lower = t.value.to_ascii_lowercase();
        if lower.ends_with("_0") {
            Some(ValueKind::String)
        } else if lower.ends_with("_1") {
            Some(ValueKind::Integer)
        } else if lower.ends_with("_2") {
            Some(ValueKind::Bool)
        } else {
            None
        }
    });
    // The value instance: among the picker's children first, then the group value's own.
    let picker_children = picker
        .and_then(|p| choice(tree, p))
        .map_or(&[][..], |c| children(tree, c));
    let value = picker_children
        .iter()
        .chain(instances)
        .find_map(|&i| generic_value(cx, i))
        .unwrap_or_else(|| {
            let at = picker_value.unwrap_or(entry);
            cx.spanned(at, ExtensionValue::Other(ValueKind::Null))
        });
    let declared = picked.unwrap_or_else(|| value.value.kind());
    let mut key = cx.str(key_node)?;
    key.node = value.node;
    Some(ExtensionDataEntry {
        key,
        value,
        declared,
        type_declaration: type_declaration.map(Box::new),
        entry_node: entry,
    })
}

/// The value of a `…_generickey_string|integer|boolean` instance, typed: strings as read,
/// integers from a JSON number or a numeric string, booleans from the `…_true`/`…_false` choice.
/// `None` for any other instance.
fn generic_value(cx: Cx<'_>, instance: NodeId) -> Option<Spanned<ExtensionValue>> {
    let tree = cx.tree();
    let suffix = setting_suffix(tree, instance);
    if is(&suffix, GENERIC_STRING) {
        let v = simple_value(tree, instance)?;
        Some(spanned_extension_value(cx.doc, cx.document, v))
    } else if is(&suffix, GENERIC_INTEGER) {
        let v = simple_value(tree, instance)?;
        let mut value = spanned_extension_value(cx.doc, cx.document, v);
        if let ExtensionValue::String(s) = &value.value {
            if let Ok(i) = s.trim().parse::<i128>() {
                value.value = ExtensionValue::Integer(i);
            }
        }
        Some(value)
    } else if is(&suffix, GENERIC_BOOLEAN) {
        let v = choice_value(tree, instance)?;
        let raw = tree.str(v)?;
        let lower = raw.to_ascii_lowercase();
        let value = if lower.ends_with("_true") {
            ExtensionValue::Bool(true)
        } else if lower.ends_with("_false") {
            ExtensionValue::Bool(false)
        } else {
            ExtensionValue::String(raw.to_owned())
        };
        Some(cx.spanned(v, value))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(sso_type_name("com.apple.extensiblesso_type_1"), "Redirect");
        assert_eq!(sso_type_name("com.apple.extensiblesso_type_0"), "Credential");
        assert_eq!(sso_type_name("COM.APPLE.EXTENSIBLESSO_TYPE_1"), "Redirect");
        assert_eq!(sso_type_name("com.apple.extensiblesso_type_2"), "_2");
        assert_eq!(sso_type_name("redirect"), "redirect");
    }
}
