//! Helpers every rule family uses: which payloads the SSO rules look at, and the two places a
//! finding about a whole payload can point at.

use crate::diagnostic::Location;
use crate::document::Document;
use crate::model::{Origin, SsoPayload};
use crate::rules::Context;
use crate::span::Span;
use crate::syntax::NodeId;

/// The Microsoft SSO payloads of the lint set (rules.md "Terms": SSO rules apply only to these).
pub(in crate::rules) fn microsoft_payloads<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a SsoPayload> + 'a {
    cx.model.sso_payloads.iter().filter(|p| {
        crate::work::add(1);
        p.microsoft
    })
}

/// Whether the payload is a plist payload dict (a mobileconfig, or a custom profile's base64 payload).
pub(in crate::rules) fn is_plist(payload: &SsoPayload) -> bool {
    matches!(payload.origin, Origin::Mobileconfig | Origin::CustomProfile)
}

/// Where a finding about the payload as a whole points: a plist payload's `PayloadType` value, an
/// Intune extension's `@odata.type`, else the first line of the payload node (`<dict>`, `{`).
pub(in crate::rules) fn payload_type_anchor(cx: &Context<'_>, payload: &SsoPayload) -> Location {
    let Some(doc) = cx.doc(payload.doc) else {
        return cx.at_node(payload.doc, payload.node);
    };
    if is_plist(payload) {
        if let Some(node) = doc.tree.get_key(payload.node, "PayloadType") {
            return cx.at_node(payload.doc, node);
        }
    }
    if let Some(t) = payload.intune_type.as_ref().filter(|t| t.span().is_some()) {
        return cx.at(t);
    }
    cx.at_span(payload.doc, payload.node, first_line(doc, payload.node))
}

/// The span of the first line of a node's text (the whole node when it fits on one line).
pub(in crate::rules) fn first_line(doc: &Document, node: NodeId) -> Option<Span> {
    let span = doc.tree.span(node)?;
    let text = doc.slice(span)?;
    let len = text.find(['\n', '\r']).unwrap_or(text.len());
    Some(Span::new(span.start, span.start + len))
}

/// Where to point at a payload as a whole: its extension identifier, else the Intune extension
/// type, else the property that holds it, else the payload node.
pub(in crate::rules) fn extension_id_anchor(cx: &Context<'_>, payload: &SsoPayload) -> Location {
    if let Some(id) = &payload.extension_identifier {
        return cx.at(id);
    }
    if let Some(ty) = &payload.intune_type {
        return cx.at(ty);
    }
    if let Some(property) = &payload.intune_property {
        return cx.at(property);
    }
    cx.at_node(payload.doc, payload.node)
}
