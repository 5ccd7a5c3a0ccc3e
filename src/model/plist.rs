//! Plist profiles and their `com.apple.extensiblesso` payloads.
//!
//! A plist document (XML, binary, signed, or the base64 payload of an Intune custom profile) is
//! read as:
//!
//! - a **profile** when its root is a dict with `PayloadContent` or `PayloadType = Configuration`;
//!   its payloads are the dict elements of the `PayloadContent` array;
//! - a **bare payload** when its root is a dict with any other `PayloadType` (even one of the wrong
//!   type, so the structure rules can report it): a profile with `is_profile = false` whose only
//!   payload is the root;
//! - nothing otherwise (a non-dict root, or a dict with neither key): the document stays
//!   unrecognized.
//!
//! Each payload with `PayloadType = com.apple.extensiblesso` becomes an [`SsoPayload`]. Only
//! fixed, shallow paths are read (root → `PayloadContent` → payload → known keys), so nothing
//! here depends on how deep the input nests.

use crate::document::{DocId, Document, EmbeddingKind};
use crate::lint_set::LintSet;
use crate::syntax::{NodeId, Value};

use super::common::{
    array_list, extension_data_list_kind, spanned_extension_value, spanned_key, spanned_str, split_comma_list,
};
use super::types::{
    BundleList, BundleListKind, ExtensionData, ExtensionDataEntry, ExtensionDataForm, Mdm, MdmSource, Model, Origin,
    PayloadUuid, Platform, PlatformSource, PlistProfile, Spanned, SsoPayload,
};

/// `PayloadType` of a whole profile.
const CONFIGURATION: &str = "Configuration";
/// `PayloadType` of an Extensible SSO payload.
const EXTENSIBLE_SSO: &str = "com.apple.extensiblesso";

/// Reads document `doc_id` of `set` as a plist profile or bare payload and appends what it finds to
/// `model`: one [`PlistProfile`] and one [`SsoPayload`] per Extensible SSO payload. A document
/// that is neither a profile nor a bare payload adds nothing. The payloads' `microsoft`, `platform`
/// and `object` are left for the caller to compute once every document is read ([`super::build`]).
pub(crate) fn extract(set: &LintSet, doc_id: DocId, model: &mut Model) {
    let Some(doc) = set.doc(doc_id) else {
        return;
    };
    let Some(profile) = read_profile(doc_id, doc) else {
        return;
    };
    let origin = match doc.embedding {
        Some(e) if e.kind == EmbeddingKind::Base64Payload => Origin::CustomProfile,
        _ => Origin::Mobileconfig,
    };
    let index = model.profiles.len();
    for &payload in &profile.payloads {
        if doc.tree.str_key(payload, "PayloadType") == Some(EXTENSIBLE_SSO) {
            model
                .sso_payloads
                .push(read_sso_payload(doc_id, doc, payload, origin, index));
        }
    }
    model.profiles.push(profile);
}

/// The profile shape of a document, or `None` when its root is neither a profile nor a payload.
fn read_profile(doc_id: DocId, doc: &Document) -> Option<PlistProfile> {
    let tree = &doc.tree;
    let root = tree.root()?;
    if !matches!(tree.value(root), Some(Value::Dict(_))) {
        return None;
    }
    let content = tree.get_key(root, "PayloadContent");
    let payload_type = tree.get_key(root, "PayloadType");
    let is_configuration = payload_type.and_then(|t| tree.str(t)) == Some(CONFIGURATION);
    let (is_profile, payloads) = if content.is_some() || is_configuration {
        let payloads = content
            .map(|c| {
                tree.elements(c)
                    .iter()
                    .copied()
                    .filter(|&e| matches!(tree.value(e), Some(Value::Dict(_))))
                    .collect()
            })
            .unwrap_or_default();
        (true, payloads)
    } else if payload_type.is_some() {
        (false, vec![root])
    } else {
        return None;
    };
    let identifier = tree
        .get_key(root, "PayloadIdentifier")
        .filter(|_| is_profile)
        .and_then(|n| spanned_str(doc_id, doc, n));
    let mut uuids: Vec<(Option<usize>, PayloadUuid)> = is_profile
        .then_some((root, true))
        .into_iter()
        .chain(payloads.iter().map(|&p| (p, false)))
        .filter_map(|(dict, top)| {
            let node = tree.get_key(dict, "PayloadUUID")?;
            let value = tree.str(node)?.to_owned();
            Some((tree.span(node).map(|s| s.start), PayloadUuid { value, node, dict, top }))
        })
        .collect();
    // In text order, so that "first" means first in the file (the top-level UUID of a profile
    // usually comes after its payloads).
    uuids.sort_by_key(|&(start, _)| start);
    // A fresh vector: collecting in place would keep the larger allocation of the pairs for the
    // life of the model.
    let mut in_order = Vec::with_capacity(uuids.len());
    in_order.extend(uuids.into_iter().map(|(_, uuid)| uuid));
    Some(PlistProfile {
        doc: doc_id,
        root,
        is_profile,
        payloads,
        identifier,
        uuids: in_order,
        content_hash: tree.content_hash(root),
    })
}

/// One Extensible SSO payload dict as an [`SsoPayload`] (platform and Microsoft-ness not yet set).
fn read_sso_payload(doc_id: DocId, doc: &Document, payload: NodeId, origin: Origin, profile: usize) -> SsoPayload {
    let tree = &doc.tree;
    let string_at = |key: &str| tree.get_key(payload, key).and_then(|n| spanned_str(doc_id, doc, n));
    let strings_in = |node: Option<NodeId>| {
        node.map_or(&[][..], |n| tree.elements(n))
            .iter()
            .filter_map(move |&e| spanned_str(doc_id, doc, e))
    };
    let urls_node = tree.get_key(payload, "URLs");
    // Sized exactly (not by doubling): a stream keeps every payload's URLs to the end.
    let mut urls: Vec<Spanned<std::sync::Arc<str>>> = strings_in(urls_node).map(Spanned::shared).collect();
    urls.shrink_to_fit();
    let hosts_node = tree.get_key(payload, "Hosts");
    let extension_data = read_extension_data(
        doc_id,
        doc,
        tree.get_key(payload, "ExtensionData"),
        ExtensionDataForm::PlistDict,
    );
    let mut bundle_lists = extension_data_lists(doc_id, doc, &extension_data);
    if let Some(denied) = tree.get_key(payload, "DeniedBundleIdentifiers") {
        if let Some(list) = bundle_list(doc_id, doc, denied, BundleListKind::DeniedBundleIdentifiers) {
            bundle_lists.push(list);
        }
    }
    SsoPayload {
        doc: doc_id,
        node: payload,
        origin,
        microsoft: false,
        platform: Platform::Unknown,
        platform_source: PlatformSource::Unknown,
        mdm: Mdm::Intune,
        mdm_source: MdmSource::Config,
        intune_type: None,
        intune_property: None,
        extension_identifier: string_at("ExtensionIdentifier"),
        team_identifier: string_at("TeamIdentifier"),
        sso_type: string_at("Type"),
        urls,
        urls_node,
        hosts: strings_in(hosts_node).collect(),
        realm: string_at("Realm"),
        extension_data,
        bundle_lists,
        platform_sso: tree.get_key(payload, "PlatformSSO"),
        psso: super::psso::from_plist(doc_id, doc, payload).map(Box::new),
        object: None,
        profile: Some(profile),
    }
}

/// The `ExtensionData` of a payload (a plist's, or a declaration's, as `form` says): the value
/// node whatever its kind, and its entries (all of them, duplicates included, in source order)
/// only when it is a dict.
pub(super) fn read_extension_data(
    doc_id: DocId,
    doc: &Document,
    node: Option<NodeId>,
    form: ExtensionDataForm,
) -> ExtensionData {
    let entries = node
        .map(|n| {
            doc.tree
                .entries(n)
                .iter()
                .map(|entry| {
                    let value = spanned_extension_value(doc_id, doc, entry.value);
                    ExtensionDataEntry {
                        key: spanned_key(doc_id, entry),
                        declared: value.value.kind(),
                        value,
                        type_declaration: None,
                        entry_node: entry.value,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    ExtensionData { form, node, entries }
}

/// The bundle lists held by ExtensionData list keys (every occurrence, duplicates included).
pub(super) fn extension_data_lists(doc_id: DocId, doc: &Document, data: &ExtensionData) -> Vec<BundleList> {
    data.entries
        .iter()
        .filter_map(|entry| {
            let kind = extension_data_list_kind(&entry.key.value)?;
            bundle_list(doc_id, doc, entry.value.node, kind)
        })
        .collect()
}

/// A bundle list from a string (comma-separated) or an array node; `None` for other kinds.
pub(super) fn bundle_list(doc_id: DocId, doc: &Document, node: NodeId, kind: BundleListKind) -> Option<BundleList> {
    match doc.tree.value(node)? {
        Value::String(_) => Some(split_comma_list(doc_id, doc, node, kind)),
        Value::Array(_) => Some(array_list(doc_id, doc, node, kind)),
        _ => None,
    }
}
