//! SSO102 extension-type: an Intune Device Features SSO extension that carries Microsoft settings
//! is not of the **Microsoft Entra ID** type, or a Device Features profile meant for
//! Just-in-Time registration has no SSO extension at all.
//!
//! Microsoft's JIT guide requires the Microsoft Entra ID type, with which Intune supplies the
//! extension id and URLs itself; a hand-built Redirect/Credential/Kerberos extension with Microsoft
//! values is not the documented setup and has been reported to behave differently. A profile that
//! holds `device_registration` (its only purpose is JIT) but no extension never reaches the plug-in.
//! Plists and Settings Catalog policies have no such type and are not checked.

use std::collections::{HashMap, HashSet};

use crate::document::DocId;

use crate::model::{IntuneExtensionType, IntuneObjectKind, Origin, Platform};
use crate::rules::codes::SSO102;
use crate::rules::{Context, Rule, RuleMeta, Scope};
use crate::syntax::{NodeId, Tree, Value};

use crate::rules::shared::microsoft_payloads;

/// See the module docs.
pub struct ExtensionType;

/// The key whose presence marks a profile as meant for Just-in-Time registration.
const JIT_KEY: &str = "device_registration";

impl Rule for ExtensionType {
    fn meta(&self) -> &'static RuleMeta {
        &SSO102
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx).filter(|p| p.origin == Origin::DeviceFeatures) {
            let Some(ty) = &payload.intune_type else {
                continue;
            };
            let kind = match ty.value {
                IntuneExtensionType::Redirect => "Redirect",
                IntuneExtensionType::Credential => "Credential",
                IntuneExtensionType::Kerberos => "Kerberos",
                _ => continue,
            };
            let expected = match payload.platform {
                Platform::Macos => "#microsoft.graph.macOSAzureAdSingleSignOnExtension",
                _ => "#microsoft.graph.iosAzureAdSingleSignOnExtension",
            };
            out.push(
                cx.report(
                    &SSO102,
                    format!("Intune SSO app extension of type {kind} carries Microsoft settings: use the Microsoft Entra ID type"),
                    cx.at(ty),
                )
                .with_label(format!("expected `{expected}`"))
                .with_help(
                    "in the Intune admin center set the profile's SSO app extension type to Microsoft Entra ID (Device features > \
                     Single sign-on app extension); Intune then supplies the extension id and URLs itself, as Microsoft's \
                     Just-in-Time registration guide requires",
                ),
            );
        }

        // Device Features objects meant for JIT that yielded no SSO payload.
        let with_payload: HashSet<usize> = cx.model.sso_payloads.iter().filter_map(|p| p.object).collect();
        let mut candidates: HashMap<DocId, HashSet<NodeId>> = HashMap::new();
        for (index, object) in cx.model.objects.iter().enumerate() {
            if object.kind == IntuneObjectKind::DeviceFeatures && !with_payload.contains(&index) {
                candidates.entry(object.doc).or_default().insert(object.node);
            }
        }
        let mut docs: Vec<_> = candidates.into_iter().collect();
        docs.sort_by_key(|(doc, _)| *doc);
        for (doc_id, objects) in docs {
            let Some(doc) = cx.doc(doc_id) else { continue };
            for node in jit_markers(&doc.tree, &objects) {
                out.push(
                    cx.report(
                        &SSO102,
                        "Device Features profile holds `device_registration` but has no SSO app extension",
                        cx.at_node(doc_id, node),
                    )
                    .with_label("Just-in-Time setting outside any SSO extension")
                    .with_help(
                        "`device_registration` only works inside the SSO app extension: set SSO app extension type to Microsoft Entra ID \
                         and add it under Additional configuration (`iosSingleSignOnExtension.configurations`)",
                    ),
                );
            }
        }
    }
}

/// For each object node of `objects` that holds one, the first node that is a
/// `device_registration` key's value or a string equal to `device_registration` (as in a
/// `configurations` pair), compared trimmed and case-insensitively. One pass over the document;
/// only matches walk up to their object.
fn jit_markers(tree: &Tree, objects: &HashSet<NodeId>) -> Vec<NodeId> {
    let is_jit = |s: &str| s.trim().eq_ignore_ascii_case(JIT_KEY);
    let mut found: HashSet<NodeId> = HashSet::new();
    let mut out = Vec::new();
    for (id, node) in tree.iter() {
        let hit = match &node.value {
            Value::String(s) if is_jit(s) => Some(id),
            Value::Dict(entries) => entries.iter().find(|e| is_jit(&e.key)).map(|e| e.value),
            _ => None,
        };
        let Some(hit) = hit else { continue };
        if let Some(object) = owner(tree, hit, objects) {
            if found.insert(object) {
                out.push(hit);
            }
        }
    }
    out
}

/// The nearest ancestor of `node` (itself included) that is one of `objects` (bounded by the tree size).
fn owner(tree: &Tree, node: NodeId, objects: &HashSet<NodeId>) -> Option<NodeId> {
    let mut current = node;
    for _ in 0..=tree.len() {
        if objects.contains(&current) {
            return Some(current);
        }
        current = tree.get(current)?.parent?.parent;
    }
    None
}
