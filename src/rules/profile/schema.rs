//! What the PL1xx rules share: the plist dicts that Apple's schema describes, found once per run,
//! and small helpers for types, spans and wording.
//!
//! A profile's dicts are checked against scopes of [`catalog::apple_schema`]:
//!
//! - the top-level dict of a whole profile against `toplevel`;
//! - every payload dict against `payload-common`, and a `com.apple.extensiblesso` payload also
//!   against `extensiblesso` (payloads of other types have no schema here: their own keys are never
//!   reported, only the common `Payload*` keys are checked);
//! - dicts below a known key that names a sub-scope (`PlatformSSO`, its `TokenToUserMapping`,
//!   `ConsentText`, …), found with a work list bounded by [`MAX_DEPTH`], so nothing here recurses
//!   and nothing depends on how deep the input nests.
//!
//! Only the generic `com.apple.extensiblesso` scopes are used, never the Kerberos variant: Apple's
//! Kerberos YAML pins `ExtensionIdentifier`, `TeamIdentifier` and `Type` to values that Apple's own
//! Kerberos example contradicts (domain.md §1.5).

use std::collections::HashMap;

use crate::catalog::{self, SchemaKey, Scope, ValueType};
use crate::diagnostic::Location;
use crate::document::{DocId, Document};
use crate::model::{PlistProfile, SsoPayload};
use crate::rules::Context;
use crate::span::Span;
use crate::syntax::{NodeId, Value, ValueKind};

/// `PayloadType` of an Extensible SSO payload.
pub(super) const EXTENSIBLE_SSO: &str = "com.apple.extensiblesso";
/// Scope of the top-level profile dict.
pub(super) const TOPLEVEL: &str = "toplevel";
/// Scope of the keys every payload has.
pub(super) const PAYLOAD_COMMON: &str = "payload-common";
/// Scope of the Extensible SSO payload's own keys.
pub(super) const EXTENSIBLESSO: &str = "extensiblesso";
/// Scope of the `PlatformSSO` dict.
pub(super) const PLATFORM_SSO: &str = "extensiblesso.PlatformSSO";
/// Scope of `PlatformSSO.TokenToUserMapping`.
pub(super) const TOKEN_TO_USER_MAPPING: &str = "extensiblesso.PlatformSSO.TokenToUserMapping";
/// Scope of the Kerberos extension's ExtensionData keys (used only for "belongs in" hints).
pub(super) const KERBEROS_EXTENSION_DATA: &str = "kerberos-extension-data";

/// `PayloadType` of the profile payload that carries declarations.
const DECLARATIONS_PAYLOAD_TYPE: &str = "com.apple.declarations";
/// Scope of that payload's own keys.
const DECLARATIONS_PAYLOAD: &str = "declarations-payload";
/// Scope of a declaration's own keys.
pub(super) const DECLARATION: &str = "declaration";
/// The declaration types whose `Payload` the schema describes, with their scopes.
pub(super) const DECLARATION_SCOPES: [(&str, &str); 3] = [
    ("com.apple.configuration.extensible-sso", "declaration.extensible-sso"),
    ("com.apple.activation.simple", "declaration.activation.simple"),
    ("com.apple.configuration.legacy", "declaration.legacy"),
];
/// Prefix of the scopes nested in the Extensible SSO declaration's `Payload`.
const DECLARATION_SSO_PREFIX: &str = "declaration.extensible-sso.";

/// How far below a payload dict sub-scopes are followed (the schema nests three levels).
const MAX_DEPTH: usize = 8;

/// What kind of dict a [`SchemaDict`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::rules) enum DictKind {
    /// The top-level dict of a whole profile.
    TopLevel,
    /// A payload dict (an element of `PayloadContent`, or the root of a bare payload).
    Payload {
        /// Whether it is a `com.apple.extensiblesso` payload.
        sso: bool,
    },
    /// A dict below a known key (`PlatformSSO`, `TokenToUserMapping`, `ConsentText`, …).
    Nested,
    /// The object of a DDM declaration (`Type`, `Identifier`, `ServerToken`, `Payload`).
    Declaration,
    /// The `Payload` of a declaration whose type the schema describes.
    DeclarationPayload,
}

/// One plist dict with the schema scopes that describe it.
#[derive(Debug, Clone, Copy)]
pub(in crate::rules) struct SchemaDict<'a> {
    /// The document.
    pub doc_id: DocId,
    /// The document itself.
    pub doc: &'a Document,
    /// The dict node.
    pub node: NodeId,
    /// The scopes whose keys this dict may hold (empty only if the schema data is broken).
    pub scopes: Scopes,
    /// What kind of dict it is.
    pub kind: DictKind,
    /// The Extensible SSO payload the dict is or belongs to, if any.
    pub sso: Option<&'a SsoPayload>,
    /// How many sub-scope steps below its payload or top-level dict it is.
    pub depth: usize,
    /// For a nested dict: the schema key whose value it is (`PlatformSSO`, …).
    pub via: Option<&'static SchemaKey>,
}

/// The scopes of one dict: one, or two for a payload (the common keys and its type's). Kept
/// inline: every dict of every profile has them, and the dicts are copied as they are followed.
#[derive(Debug, Clone, Copy, Default)]
pub(in crate::rules) struct Scopes([Option<&'static Scope>; 2]);

impl Scopes {
    /// The scopes of these names that the schema has, in order (the first two).
    fn named(names: &[&str]) -> Self {
        let schema = catalog::apple_schema();
        let mut found = names.iter().filter_map(|name| schema.scope(name));
        Scopes([found.next(), found.next()])
    }

    /// One scope.
    fn one(scope: &'static Scope) -> Self {
        Scopes([Some(scope), None])
    }

    /// The scopes, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'static Scope> + '_ {
        self.0.iter().flatten().copied()
    }

    /// The first scope.
    pub fn first(&self) -> Option<&'static Scope> {
        self.iter().next()
    }
}

impl<'a> SchemaDict<'a> {
    /// The schema entry of `key` in this dict, if one of its scopes defines it.
    pub fn lookup(&self, key: &str) -> Option<&'static SchemaKey> {
        self.scopes.iter().find_map(|scope| scope.key(key))
    }

    /// Whether the dict takes keys its scopes do not list (`ExtensionData`, `ConsentText`, …);
    /// payloads of types without a schema here count as open too.
    pub fn is_open(&self) -> bool {
        matches!(self.kind, DictKind::Payload { sso: false })
            || self.scopes.iter().any(|scope| scope.allows_arbitrary_keys())
    }

    /// The scope that says what arbitrary keys hold, for open nested dicts.
    pub fn arbitrary(&self) -> Option<(ValueType, Option<ValueType>)> {
        self.scopes
            .iter()
            .find_map(|scope| scope.any.map(|any| (any, scope.any_element)))
    }

    /// The name of the dict's main scope (`extensiblesso` for an SSO payload, else the first).
    pub fn scope_name(&self) -> &'static str {
        match self.kind {
            DictKind::Payload { sso: true } => EXTENSIBLESSO,
            _ => self.scopes.first().map_or("", |scope| scope.name.as_str()),
        }
    }

    /// A phrase naming the dict in messages: "the profile's top level", "a
    /// `com.apple.extensiblesso` payload", "`PlatformSSO`".
    pub fn describe(&self) -> String {
        match self.kind {
            DictKind::TopLevel => "the profile's top level".to_owned(),
            DictKind::Payload { sso: true } => format!("a `{EXTENSIBLE_SSO}` payload"),
            DictKind::Payload { sso: false } => "a payload".to_owned(),
            DictKind::Nested => format!("`{}`", scope_display_path(self.scope_name())),
            DictKind::Declaration => "a declaration".to_owned(),
            DictKind::DeclarationPayload => {
                let scope = self.scope_name();
                match DECLARATION_SCOPES.iter().find(|(_, s)| *s == scope) {
                    Some((ty, _)) => format!("the `Payload` of a `{ty}` declaration"),
                    None => "a declaration's `Payload`".to_owned(),
                }
            }
        }
    }
}

/// The dotted path a nested scope stands for (`extensiblesso.PlatformSSO.TokenToUserMapping` →
/// `PlatformSSO.TokenToUserMapping`, `toplevel.ConsentText` → `ConsentText`).
pub(super) fn scope_display_path(scope: &str) -> &str {
    if let Some(rest) = scope.strip_prefix(DECLARATION_SSO_PREFIX) {
        return rest;
    }
    scope.split_once('.').map_or(scope, |(_, rest)| rest)
}

/// Every dict of every plist profile that Apple's schema describes, in document order: for each
/// profile its top-level dict (whole profiles only), then its payloads, then nested dicts. Found
/// once per run ([`Context::schema_dicts`]).
pub(super) fn schema_dicts<'a>(cx: &Context<'a>) -> &'a [SchemaDict<'a>] {
    cx.schema_dicts()
}

/// Finds what [`schema_dicts`] returns.
pub(in crate::rules) fn find_schema_dicts<'a>(cx: &Context<'a>) -> Vec<SchemaDict<'a>> {
    let schema = catalog::apple_schema();
    let scope = |name: &str| schema.scope(name);
    let sso_payloads: HashMap<(DocId, NodeId), &'a SsoPayload> =
        cx.model.sso_payloads.iter().map(|p| ((p.doc, p.node), p)).collect();

    let mut out: Vec<SchemaDict<'a>> = Vec::new();
    for profile in &cx.model.profiles {
        let Some(doc) = cx.doc(profile.doc) else {
            continue;
        };
        let start = out.len();
        if profile.is_profile {
            out.push(SchemaDict {
                doc_id: profile.doc,
                doc,
                node: profile.root,
                scopes: Scopes::named(&[TOPLEVEL]),
                kind: DictKind::TopLevel,
                sso: None,
                depth: 0,
                via: None,
            });
        }
        for &payload in &profile.payloads {
            let sso = is_sso_payload(doc, payload);
            let names: &[&str] = if sso {
                &[PAYLOAD_COMMON, EXTENSIBLESSO]
            } else if doc.tree.str_key(payload, "PayloadType") == Some(DECLARATIONS_PAYLOAD_TYPE) {
                // Its own keys are known too (`Declarations`: an array of data), but the payload
                // stays open like other non-SSO payloads.
                &[PAYLOAD_COMMON, DECLARATIONS_PAYLOAD]
            } else {
                &[PAYLOAD_COMMON]
            };
            out.push(SchemaDict {
                doc_id: profile.doc,
                doc,
                node: payload,
                scopes: Scopes::named(names),
                kind: DictKind::Payload { sso },
                sso: sso_payloads.get(&(profile.doc, payload)).copied(),
                depth: 0,
                via: None,
            });
        }
        follow_subscopes(&mut out, start);
    }
    for declaration in &cx.model.declarations {
        let Some(doc) = cx.doc(declaration.doc) else {
            continue;
        };
        let start = out.len();
        out.push(SchemaDict {
            doc_id: declaration.doc,
            doc,
            node: declaration.node,
            scopes: Scopes::named(&[DECLARATION]),
            kind: DictKind::Declaration,
            sso: None,
            depth: 0,
            via: None,
        });
        let payload_scope = DECLARATION_SCOPES
            .iter()
            .find(|(ty, _)| *ty == declaration.declaration_type.value)
            .and_then(|(_, name)| scope(name));
        if let (Some(payload), Some(payload_scope)) = (declaration.payload, payload_scope) {
            out.push(SchemaDict {
                doc_id: declaration.doc,
                doc,
                node: payload,
                scopes: Scopes::one(payload_scope),
                kind: DictKind::DeclarationPayload,
                sso: declaration.sso_payload.and_then(|i| cx.model.sso_payloads.get(i)),
                depth: 0,
                via: None,
            });
        }
        follow_subscopes(&mut out, start);
    }
    out
}

/// Adds the dicts below known keys of `out[start..]` (and below those), breadth first: each dict
/// is visited once, below keys that name a sub-scope only, down to [`MAX_DEPTH`].
fn follow_subscopes<'a>(out: &mut Vec<SchemaDict<'a>>, start: usize) {
    let schema = catalog::apple_schema();
    let mut next = start;
    while let Some(parent) = out.get(next).copied() {
        next += 1;
        // A declaration's `Payload` is checked against its type's scope, pushed by the caller.
        if parent.depth >= MAX_DEPTH || matches!(parent.kind, DictKind::Payload { sso: false } | DictKind::Declaration)
        {
            continue;
        }
        let doc = parent.doc;
        for entry in doc.tree.entries(parent.node) {
            let Some(via) = parent.lookup(&entry.key) else {
                continue;
            };
            let Some(sub) = via.subscope.as_deref() else {
                continue;
            };
            let Some(sub_scope) = schema.scope(sub) else {
                continue;
            };
            if !matches!(doc.tree.value(entry.value), Some(Value::Dict(_))) {
                continue;
            }
            out.push(SchemaDict {
                doc_id: parent.doc_id,
                doc,
                node: entry.value,
                scopes: Scopes::one(sub_scope),
                kind: DictKind::Nested,
                sso: parent.sso,
                depth: parent.depth + 1,
                via: Some(via),
            });
        }
    }
}

/// Whether the payload dict `node` has `PayloadType` `com.apple.extensiblesso`.
pub(super) fn is_sso_payload(doc: &Document, node: NodeId) -> bool {
    doc.tree.str_key(node, "PayloadType") == Some(EXTENSIBLE_SSO)
}

/// The dicts whose `Payload*` identity keys the profile rules read: the top-level dict of a whole
/// profile (`true`) and each payload dict (`false`), in order.
pub(super) fn identity_dicts(profile: &PlistProfile) -> impl Iterator<Item = (NodeId, bool)> + '_ {
    profile
        .is_profile
        .then_some((profile.root, true))
        .into_iter()
        .chain(profile.payloads.iter().map(|&p| (p, false)))
}

/// Whether a value of kind `found` has the schema type `expected`.
pub(super) fn kind_matches(expected: ValueType, found: ValueKind) -> bool {
    match expected {
        ValueType::Any => true,
        ValueType::String => found == ValueKind::String,
        ValueType::Integer => found == ValueKind::Integer,
        ValueType::Real => found == ValueKind::Real,
        ValueType::Boolean => found == ValueKind::Bool,
        ValueType::Date => found == ValueKind::Date,
        ValueType::Data => found == ValueKind::Data,
        ValueType::Array => found == ValueKind::Array,
        ValueType::Dictionary => found == ValueKind::Dict,
    }
}

/// "a string", "an integer", "an array", … for messages.
pub(super) fn with_article(name: &str) -> String {
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// What a label should underline for `node`: the opening tag of a container (`<dict>`,
/// `<array>`), so that a label on a long dict stays on one line; the whole token otherwise.
/// `None` without text positions.
pub(super) fn head_span(doc: &Document, node: NodeId) -> Option<Span> {
    let n = doc.tree.get(node)?;
    let span = n.span()?;
    if !matches!(n.value, Value::Dict(_) | Value::Array(_)) {
        return Some(span);
    }
    let text = doc.slice(span)?;
    let end = text.find('>').map_or(span.end, |i| span.start + i + 1);
    Some(Span::new(span.start, end))
}

/// The location of `node` with its label on [`head_span`].
pub(super) fn at_head(cx: &Context<'_>, doc_id: DocId, doc: &Document, node: NodeId) -> Location {
    cx.at_span(doc_id, node, head_span(doc, node))
}

/// The element a plist uses for a schema type, for help texts.
pub(super) fn tag(ty: ValueType) -> &'static str {
    match ty {
        ValueType::String => "`<string>`",
        ValueType::Integer => "`<integer>`",
        ValueType::Real => "`<real>`",
        ValueType::Boolean => "`<true/>` or `<false/>`",
        ValueType::Date => "`<date>`",
        ValueType::Data => "`<data>`",
        ValueType::Array => "`<array>`",
        ValueType::Dictionary => "`<dict>`",
        ValueType::Any => "any element",
    }
}

/// The first UUID (8-4-4-4-12 hexadecimal digits) inside `text`, if any.
pub(super) fn find_uuid(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|start| {
        let candidate = text.get(start..start.checked_add(36)?)?;
        is_uuid(candidate).then_some(candidate)
    })
}

/// Whether `s` is a UUID in the 8-4-4-4-12 hexadecimal form (either case, nothing around it).
pub(super) fn is_uuid(s: &str) -> bool {
    // Byte by byte: called for every string value of every payload.
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_form() {
        assert!(is_uuid("6B2C1F0E-3D4A-4C8B-9E7F-1A2B3C4D5E6F"));
        assert!(is_uuid("dbed949d-39a2-440d-a84b-e0c825cdcb2e"));
        assert!(!is_uuid("com.fleetdm.D4DB9649-BA4A-4FA1-AA4F-D1CF606308B1"));
        assert!(!is_uuid(" 6B2C1F0E-3D4A-4C8B-9E7F-1A2B3C4D5E6F"));
        assert!(!is_uuid("6B2C1F0E3D4A4C8B9E7F1A2B3C4D5E6F"));
        assert!(!is_uuid("6B2C1F0E-3D4A-4C8B-9E7F-1A2B3C4D5E6F-00"));
        assert!(!is_uuid("6B2C1F0G-3D4A-4C8B-9E7F-1A2B3C4D5E6F"));
        assert!(!is_uuid("{6B2C1F0E-3D4A-4C8B-9E7F-1A2B3C4D5E6F}"));
        assert!(!is_uuid(""));
        assert!(!is_uuid("----"));
    }

    #[test]
    fn uuid_inside_text() {
        assert_eq!(
            find_uuid("com.fleetdm.D4DB9649-BA4A-4FA1-AA4F-D1CF606308B1"),
            Some("D4DB9649-BA4A-4FA1-AA4F-D1CF606308B1")
        );
        assert_eq!(find_uuid("com.contoso.sso.D4DB"), None);
        assert_eq!(find_uuid("é-not-ascii-é"), None);
    }

    #[test]
    fn articles() {
        assert_eq!(with_article("integer"), "an integer");
        assert_eq!(with_article("string"), "a string");
        assert_eq!(with_article("array"), "an array");
    }

    #[test]
    fn scope_paths() {
        assert_eq!(scope_display_path(PLATFORM_SSO), "PlatformSSO");
        assert_eq!(
            scope_display_path(TOKEN_TO_USER_MAPPING),
            "PlatformSSO.TokenToUserMapping"
        );
        assert_eq!(scope_display_path("toplevel.ConsentText"), "ConsentText");
        assert_eq!(scope_display_path(TOPLEVEL), "toplevel");
    }
}
