//! Intune/Graph JSON documents: the objects they hold and the SSO payloads inside them.
//!
//! One JSON document is read at a time ([`extract`]). Its root may be a single Graph object, a
//! Graph collection (`{"@odata.context": …, "value": [...]}`) or a bare array of objects; an
//! array or collection of assignment objects is an *assignments file* instead (linked to its
//! object later by [`assignments::link`]).
//!
//! Each object is recognised by its `@odata.type` (`#microsoft.graph.x` or `microsoft.graph.x`,
//! the part after `microsoft.graph.` compared case-insensitively), or, where an exporter dropped
//! it (OpenIntuneBaseline "NativeImport" files, backup tools), a Settings Catalog policy by its
//! shape: a `settings` array beside `platforms` or `technologies`. Every recognised object becomes
//! an [`IntuneObject`]; Device Features objects also yield an [`SsoPayload`] when they carry an SSO
//! extension, Settings Catalog policies one per `com.apple.extensiblesso` group (see
//! [`settings_catalog`]), apps an [`AppRecord`], ADE enrollment profiles
//! an [`EnrollmentProfile`].
//!
//! JSON objects stored in strings (backup wrappers) are documents of their own
//! ([`EmbeddingKind::JsonString`](crate::document::EmbeddingKind)) and are read by this same
//! function; custom profiles' base64 payloads are plist documents read by the plist extractor.
//!
//! Nothing here recurses on input: objects are only looked for at the root (or one level down in
//! a collection or array), and the Settings Catalog walk uses an explicit stack.

use crate::document::{DocId, Document};
use crate::lint_set::LintSet;
use crate::source::Format;
use crate::syntax::{Entry, NodeId, Tree, Value, ValueKind};

use super::assignments;
use super::common::{
    array_list, extension_data_list_kind, spanned_bool, spanned_extension_value, spanned_key, spanned_str,
    split_comma_list,
};
use super::settings_catalog;
use super::types::{
    AppBundle, AppBundleSource, AppRecord, BundleList, BundleListKind, EnrollmentProfile, ExtensionData,
    ExtensionDataEntry, ExtensionDataForm, ExtensionValue, IntuneExtensionType, IntuneObject, IntuneObjectKind, Mdm,
    MdmSource, Model, Origin, Platform, PlatformSource, Spanned, SsoPayload,
};

/// The document being read: its id, the document itself and its tree.
#[derive(Clone, Copy)]
pub(super) struct Cx<'a> {
    /// The document's id in the lint set.
    pub(super) doc: DocId,
    /// The document.
    pub(super) document: &'a Document,
}

impl<'a> Cx<'a> {
    /// The document's tree.
    pub(super) fn tree(&self) -> &'a Tree {
        &self.document.tree
    }

    /// A value placed at `node` (the node's whole token as `span`, its content as `inner`).
    pub(super) fn spanned<T>(&self, node: NodeId, value: T) -> Spanned<T> {
        let n = self.tree().get(node);
        Spanned::new(
            value,
            self.doc,
            node,
            n.and_then(|n| n.span()),
            n.and_then(|n| n.inner()),
        )
    }

    /// The string at `node`, placed.
    pub(super) fn str(&self, node: NodeId) -> Option<Spanned<String>> {
        spanned_str(self.doc, self.document, node)
    }
}

/// Reads the JSON document `doc` of `set`: its Intune objects, their SSO payloads, apps and
/// enrollment profiles; or reads it into [`Model::assignment_files`] when it is an assignments
/// file. Documents of other formats, and JSON that is none of these, add nothing.
pub(crate) fn extract(set: &LintSet, doc: DocId, model: &mut Model) {
    let Some(document) = set.doc(doc) else {
        return;
    };
    if document.format != Format::Json {
        return;
    }
    let cx = Cx { doc, document };
    let tree = cx.tree();
    let Some(root) = tree.root() else {
        return;
    };
    let candidates = root_candidates(tree, root);
    if assignments::is_assignments_file(tree, &candidates) {
        model
            .assignment_files
            .push(assignments::read_file(doc, tree, root, &candidates));
        return;
    }
    for node in candidates {
        extract_object(cx, node, model);
    }
}

/// The nodes of a JSON document that may be Graph objects (or assignments): the elements of a
/// bare array, the `value` elements of a Graph collection, or else the root itself.
pub(super) fn root_candidates(tree: &Tree, root: NodeId) -> Vec<NodeId> {
    match tree.value(root) {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Dict(_)) if is_collection(tree, root) => tree
            .get_key(root, "value")
            .map(|v| tree.elements(v).to_vec())
            .unwrap_or_default(),
        _ => vec![root],
    }
}

/// Whether the root dict is a Graph collection wrapper: no `@odata.type` of its own, not a
/// Settings Catalog policy, and a `value` array.
fn is_collection(tree: &Tree, root: NodeId) -> bool {
    tree.get_key(root, "@odata.type").is_none()
        && !is_settings_catalog_shape(tree, root)
        && matches!(
            tree.get_key(root, "value").and_then(|v| tree.value(v)),
            Some(Value::Array(_))
        )
}

/// Whether a dict looks like a Settings Catalog policy without `@odata.type`: a `settings` array
/// beside `platforms` or `technologies`.
fn is_settings_catalog_shape(tree: &Tree, node: NodeId) -> bool {
    matches!(
        get_ci(tree, node, "settings").and_then(|s| tree.value(s)),
        Some(Value::Array(_))
    ) && (get_ci(tree, node, "platforms").is_some() || get_ci(tree, node, "technologies").is_some())
}

/// The Graph type name of an `@odata.type` value, for comparisons: without a leading `#`, without
/// the `microsoft.graph.` namespace (matched case-insensitively), lower-cased.
pub(super) fn odata_name(raw: &str) -> String {
    let name = raw.trim().trim_start_matches('#');
    super::common::strip_prefix_ignore_ascii_case(name, "microsoft.graph.")
        .unwrap_or(name)
        .to_ascii_lowercase()
}

/// The `@odata.type` string node of a dict, if it has a string one.
pub(super) fn odata_type_node(tree: &Tree, node: NodeId) -> Option<NodeId> {
    tree.get_key(node, "@odata.type").filter(|&t| tree.str(t).is_some())
}

/// The entry of a dict under `key`: the exact key first, else the first whose key matches
/// ignoring ASCII case (PowerShell and hand edits are not always careful with case).
pub(super) fn entry_ci<'t>(tree: &'t Tree, dict: NodeId, key: &str) -> Option<&'t Entry> {
    // One pass: the model asks a Graph object (dozens of keys) for each key it reads, and most
    // keys it asks for are absent.
    let mut folded = None;
    for entry in tree.entries(dict) {
        if entry.key.len() != key.len() {
            continue;
        }
        if entry.key == key {
            return Some(entry);
        }
        if folded.is_none() && entry.key.eq_ignore_ascii_case(key) {
            folded = Some(entry);
        }
    }
    folded
}

/// The value node of [`entry_ci`].
pub(super) fn get_ci(tree: &Tree, dict: NodeId, key: &str) -> Option<NodeId> {
    entry_ci(tree, dict, key).map(|e| e.value)
}

/// The platform a Graph type name (from [`odata_name`]) targets: `ios…`, `depIOS…` and
/// `managedIOS…` types are iOS/iPadOS, `macOS…` types macOS.
fn platform_of_type(name: &str) -> Platform {
    if name.starts_with("ios") || name.starts_with("depios") || name.starts_with("managedios") {
        Platform::Ios
    } else if name.starts_with("macos") || name.starts_with("depmacos") {
        Platform::Macos
    } else {
        Platform::Unknown
    }
}

/// The platform of a Settings Catalog `platforms` value (`iOS`, `macOS`, or a comma list): the
/// one Apple platform it names, `Unknown` when it names none or both.
fn platform_of_platforms(value: &str) -> Platform {
    let mut found = Platform::Unknown;
    for part in value.split(',') {
        let platform = match part.trim().to_ascii_lowercase().as_str() {
            "ios" => Platform::Ios,
            "macos" => Platform::Macos,
            _ => continue,
        };
        if found != Platform::Unknown && found != platform {
            return Platform::Unknown;
        }
        found = platform;
    }
    found
}

/// The object kind of a Graph type name (from [`odata_name`]).
fn kind_of_type(name: &str) -> IntuneObjectKind {
    match name {
        "iosdevicefeaturesconfiguration" | "macosdevicefeaturesconfiguration" => IntuneObjectKind::DeviceFeatures,
        "devicemanagementconfigurationpolicy" => IntuneObjectKind::SettingsCatalog,
        "ioscustomconfiguration" | "macoscustomconfiguration" => IntuneObjectKind::CustomProfile,
        "iosstoreapp" | "iosvppapp" | "managediosstoreapp" => IntuneObjectKind::App,
        // macOS apps (Graph `mobileApp` types); the built-in Microsoft ones carry no bundle id
        // but still make the export one with macOS app records.
        "macoslobapp"
        | "macospkgapp"
        | "macosdmgapp"
        | "macosvppapp"
        | "macosmicrosoftdefenderapp"
        | "macosmicrosoftedgeapp"
        | "macosofficesuiteapp"
        | "macosmdatpapp" => IntuneObjectKind::App,
        "depiosenrollmentprofile" | "depmacosenrollmentprofile" => IntuneObjectKind::EnrollmentProfile,
        _ => IntuneObjectKind::Other,
    }
}

/// Reads one candidate object (a root dict, or an element of a collection or bare array).
/// Dicts without `@odata.type` are objects only when shaped like a Settings Catalog policy.
fn extract_object(cx: Cx<'_>, node: NodeId, model: &mut Model) {
    let tree = cx.tree();
    if !matches!(tree.value(node), Some(Value::Dict(_))) {
        return;
    }
    let raw_type = odata_type_node(tree, node).and_then(|t| tree.str(t));
    let (kind, mut platform) = match raw_type.map(odata_name) {
        Some(name) => (kind_of_type(&name), platform_of_type(&name)),
        None if is_settings_catalog_shape(tree, node) => (IntuneObjectKind::SettingsCatalog, Platform::Unknown),
        None => return,
    };
    if kind == IntuneObjectKind::SettingsCatalog {
        if let Some(platforms) = get_ci(tree, node, "platforms").and_then(|p| tree.str(p)) {
            platform = platform_of_platforms(platforms);
        }
    }
    let string_of = |key: &str| get_ci(tree, node, key).and_then(|v| tree.str(v)).map(str::to_owned);
    let assignments = get_ci(tree, node, "assignments")
        .filter(|&a| matches!(tree.value(a), Some(Value::Array(_))))
        .map(|a| assignments::read_list(cx.doc, tree, a));
    let object = model.objects.len();
    model.objects.push(IntuneObject {
        doc: cx.doc,
        node,
        kind,
        odata_type: raw_type.map(|t| t.trim().trim_start_matches('#').to_owned()),
        id: string_of("id"),
        display_name: string_of("displayName").or_else(|| string_of("name")),
        platform,
        assignments,
    });
    match kind {
        IntuneObjectKind::DeviceFeatures => device_features(cx, node, object, platform, model),
        IntuneObjectKind::SettingsCatalog => {
            settings_catalog::extract_policy(cx, node, object, platform, model);
        }
        IntuneObjectKind::App => model.apps.push(app_record(cx, node, object, platform)),
        IntuneObjectKind::EnrollmentProfile => {
            let flag = |key: &str| get_ci(tree, node, key).and_then(|v| spanned_bool(cx.doc, cx.document, v));
            model.enrollment_profiles.push(EnrollmentProfile {
                object,
                requires_user_authentication: flag("requiresUserAuthentication"),
                enable_authentication_via_company_portal: flag("enableAuthenticationViaCompanyPortal"),
                require_company_portal_on_setup_assistant_enrolled_devices: flag(
                    "requireCompanyPortalOnSetupAssistantEnrolledDevices",
                ),
                // The iOS profile spells it `await…`, the macOS one `wait…` (Graph beta).
                await_device_configured_confirmation: flag("waitForDeviceConfiguredConfirmation")
                    .or_else(|| flag("awaitDeviceConfiguredConfirmation")),
                profile_removal_disabled: flag("profileRemovalDisabled"),
                use_platform_sso_during_setup_assistant: flag("usePlatformSSODuringSetupAssistant"),
            });
        }
        // Custom profiles: the embedded plist is a document of its own, read by the plist
        // extractor, which finds this object through the embedding. Other objects: nothing more.
        IntuneObjectKind::CustomProfile | IntuneObjectKind::Other => {}
    }
}

/// Reads an app record: its own `bundleId`, and on macOS `primaryBundleId`, `includedApps[]`
/// and `childApps[]`, each bundle id with every version the record states for it.
///
/// iOS records are read as before macOS ones existed: `bundleId` only, no version.
fn app_record(cx: Cx<'_>, node: NodeId, object: usize, platform: Platform) -> AppRecord {
    let tree = cx.tree();
    let str_at = |dict: NodeId, key: &str| get_ci(tree, dict, key).and_then(|v| cx.str(v));
    let mut bundles = Vec::new();
    // One entry per version the record states for a bundle id (Graph documents both
    // `versionNumber` and `buildNumber` on `macOSLobApp` and its child apps, and they may differ),
    // or one without a version.
    let mut push = |id: Spanned<String>, dict: NodeId, keys: &[&'static str], source: AppBundleSource| {
        let versions: Vec<(Spanned<String>, &'static str)> =
            keys.iter().filter_map(|&k| Some((str_at(dict, k)?, k))).collect();
        if versions.is_empty() {
            bundles.push(AppBundle {
                bundle_id: id,
                version: None,
                version_key: None,
                source,
            });
            return;
        }
        for (version, key) in versions {
            bundles.push(AppBundle {
                bundle_id: id.clone(),
                version: Some(version),
                version_key: Some(key),
                source,
            });
        }
    };
    const LOB_VERSIONS: &[&str] = &["versionNumber", "buildNumber"];
    let own = str_at(node, "bundleId");
    if let Some(id) = &own {
        let keys = if platform == Platform::Macos { LOB_VERSIONS } else { &[] };
        push(id.clone(), node, keys, AppBundleSource::BundleId);
    }
    if platform == Platform::Macos {
        if let Some(id) = str_at(node, "primaryBundleId") {
            push(id, node, &["primaryBundleVersion"], AppBundleSource::PrimaryBundleId);
        }
        for (key, source, versions) in [
            ("includedApps", AppBundleSource::IncludedApp, &["bundleVersion"][..]),
            ("childApps", AppBundleSource::ChildApp, LOB_VERSIONS),
        ] {
            let Some(list) = get_ci(tree, node, key) else { continue };
            for &element in tree.elements(list) {
                let Some(id) = str_at(element, "bundleId") else {
                    continue;
                };
                push(id, element, versions, source);
            }
        }
    }
    let bundle_id = own.or_else(|| {
        bundles
            .iter()
            .find(|b| b.source == AppBundleSource::PrimaryBundleId)
            .map(|b| b.bundle_id.clone())
    });
    AppRecord {
        object,
        platform,
        bundle_id,
        bundles,
    }
}

/// Reads the SSO extension of a Device Features object, if it has one: the platform's own
/// property (`iosSingleSignOnExtension` / `macOSSingleSignOnExtension`) first, else the
/// deprecated `singleSignOnExtension`. A missing or `null` property means no extension; the
/// object is in the model either way, so rules can see that it has none.
fn device_features(cx: Cx<'_>, node: NodeId, object: usize, platform: Platform, model: &mut Model) {
    let tree = cx.tree();
    let current = match platform {
        Platform::Macos => "macOSSingleSignOnExtension",
        _ => "iosSingleSignOnExtension",
    };
    let Some(property) = [current, "singleSignOnExtension"]
        .into_iter()
        .filter_map(|key| entry_ci(tree, node, key))
        .find(|e| matches!(tree.value(e.value), Some(Value::Dict(_))))
    else {
        return;
    };
    let ext = property.value;
    let type_node = odata_type_node(tree, ext);
    let (intune_type, sso_type) = match type_node.and_then(|t| tree.str(t).map(|s| (t, s))) {
        Some((t, raw)) => {
            let name = odata_name(raw);
            let ty = if name.ends_with("azureadsinglesignonextension") {
                IntuneExtensionType::AzureAd
            } else if name.ends_with("redirectsinglesignonextension") {
                IntuneExtensionType::Redirect
            } else if name.ends_with("credentialsinglesignonextension") {
                IntuneExtensionType::Credential
            } else if name.ends_with("kerberossinglesignonextension") {
                IntuneExtensionType::Kerberos
            } else {
                IntuneExtensionType::Other(raw.to_owned())
            };
            let sso_type = match ty {
                IntuneExtensionType::Redirect => Some(cx.spanned(t, "Redirect".to_owned())),
                IntuneExtensionType::Credential => Some(cx.spanned(t, "Credential".to_owned())),
                _ => None,
            };
            (cx.spanned(t, ty), sso_type)
        }
        None => (cx.spanned(ext, IntuneExtensionType::Other(String::new())), None),
    };
    let string = |key: &str| get_ci(tree, ext, key).and_then(|v| cx.str(v));
    let (urls, urls_node) = string_array(cx, get_ci(tree, ext, "urlPrefixes"));
    let (hosts, _) = string_array(cx, get_ci(tree, ext, "domains"));
    let extension_data = configurations(cx, get_ci(tree, ext, "configurations"));
    let mut bundle_lists = Vec::new();
    if let Some(acl) = get_ci(tree, ext, "bundleIdAccessControlList") {
        let kind = BundleListKind::BundleIdAccessControlList;
        match tree.value(acl) {
            // A string is the wrong shape; reading it as a comma list keeps its ids checkable.
            Some(Value::String(_)) => {
                bundle_lists.push(split_comma_list(cx.doc, cx.document, acl, kind));
            }
            Some(Value::Array(_)) => bundle_lists.push(array_list(cx.doc, cx.document, acl, kind)),
            _ => {}
        }
    }
    bundle_lists.extend(extension_data_lists(cx, &extension_data));
    model.sso_payloads.push(SsoPayload {
        doc: cx.doc,
        node: ext,
        origin: Origin::DeviceFeatures,
        microsoft: false,
        platform,
        platform_source: platform_source(platform),
        mdm: Mdm::Intune,
        mdm_source: MdmSource::Config,
        intune_type: Some(intune_type),
        intune_property: Some(spanned_key(cx.doc, property)),
        extension_identifier: string("extensionIdentifier"),
        team_identifier: string("teamIdentifier"),
        sso_type,
        urls: urls.into_iter().map(Spanned::shared).collect(),
        urls_node,
        hosts,
        realm: string("realm"),
        extension_data,
        bundle_lists,
        platform_sso: None,
        psso: None,
        object: Some(object),
        profile: None,
    });
}

/// `Intune` when Intune stated the platform, `Unknown` when it did not (left for later steps).
pub(super) fn platform_source(platform: Platform) -> PlatformSource {
    match platform {
        Platform::Unknown => PlatformSource::Unknown,
        _ => PlatformSource::Intune,
    }
}

/// The string elements of an array node (others skipped), and the array node itself.
fn string_array(cx: Cx<'_>, node: Option<NodeId>) -> (Vec<Spanned<String>>, Option<NodeId>) {
    let Some(array) = node.filter(|&n| matches!(cx.tree().value(n), Some(Value::Array(_)))) else {
        return (Vec::new(), None);
    };
    let items = cx.tree().elements(array).iter().filter_map(|&e| cx.str(e)).collect();
    (items, Some(array))
}

/// Reads Intune `configurations` (an array of `keyTypedValuePair` objects) as ExtensionData.
///
/// The declared type is the pair's `@odata.type` (`keyStringValuePair` → string,
/// `keyIntegerValuePair` → integer, `keyBooleanValuePair` → boolean, `keyRealValuePair` → real);
/// without one it is the JSON value's own kind. Elements without a string `key` are skipped.
fn configurations(cx: Cx<'_>, node: Option<NodeId>) -> ExtensionData {
    let tree = cx.tree();
    let array = node.filter(|&n| matches!(tree.value(n), Some(Value::Array(_))));
    let entries = array
        .map(|a| tree.elements(a))
        .unwrap_or_default()
        .iter()
        .filter_map(|&pair| {
            let key_node = get_ci(tree, pair, "key")?;
            let key_text = tree.str(key_node)?.to_owned();
            let value_node = get_ci(tree, pair, "value");
            let value = match value_node {
                Some(v) => spanned_extension_value(cx.doc, cx.document, v),
                None => cx.spanned(pair, ExtensionValue::Other(ValueKind::Null)),
            };
            let type_declaration = odata_type_node(tree, pair).and_then(|t| cx.str(t));
            let declared = type_declaration
                .as_ref()
                .and_then(|t| match odata_name(&t.value).as_str() {
                    "keystringvaluepair" => Some(ValueKind::String),
                    "keyintegervaluepair" => Some(ValueKind::Integer),
                    "keybooleanvaluepair" => Some(ValueKind::Bool),
                    "keyrealvaluepair" => Some(ValueKind::Real),
                    _ => None,
                })
                .unwrap_or_else(|| value.value.kind());
            let mut key = cx.spanned(key_node, key_text);
            key.node = value.node;
            Some(ExtensionDataEntry {
                key,
                value,
                declared,
                type_declaration: type_declaration.map(Box::new),
                entry_node: pair,
            })
        })
        .collect();
    ExtensionData {
        form: ExtensionDataForm::IntuneConfigurations,
        node: array,
        entries,
    }
}

/// The bundle lists held by ExtensionData list keys (`AppAllowList`, `AppPrefixAllowList`,
/// `AppBlockList`, `AppCookieSSOAllowList`): a string value is read as a comma list, an array (the
/// wrong shape) element by element; other kinds hold no list.
pub(super) fn extension_data_lists(cx: Cx<'_>, data: &ExtensionData) -> Vec<BundleList> {
    data.entries
        .iter()
        .filter_map(|entry| {
            let kind = extension_data_list_kind(&entry.key.value)?;
            match cx.tree().value(entry.value.node) {
                Some(Value::String(_) | Value::Array(_)) => {
                    Some(split_comma_list(cx.doc, cx.document, entry.value.node, kind))
                }
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odata_names_normalise() {
        assert_eq!(
            odata_name("#microsoft.graph.iosDeviceFeaturesConfiguration"),
            "iosdevicefeaturesconfiguration"
        );
        assert_eq!(odata_name("Microsoft.Graph.keyStringValuePair"), "keystringvaluepair");
        assert_eq!(odata_name("#Collection(String)"), "collection(string)");
    }

    #[test]
    fn platforms_lists() {
        assert_eq!(platform_of_platforms("iOS"), Platform::Ios);
        assert_eq!(platform_of_platforms("macOS"), Platform::Macos);
        assert_eq!(platform_of_platforms("windows10, macOS"), Platform::Macos);
        assert_eq!(platform_of_platforms("iOS,macOS"), Platform::Unknown);
        assert_eq!(platform_of_platforms("windows10"), Platform::Unknown);
        assert_eq!(platform_of_type("depiosenrollmentprofile"), Platform::Ios);
        assert_eq!(platform_of_type("managediosstoreapp"), Platform::Ios);
        assert_eq!(platform_of_type("macosdevicefeaturesconfiguration"), Platform::Macos);
        assert_eq!(
            platform_of_type("devicemanagementconfigurationpolicy"),
            Platform::Unknown
        );
    }
}
