//! Declarative device management (DDM) declarations.
//!
//! A JSON document is a declaration when its root object has a `Type` string that starts with
//! `com.apple.configuration.`, `com.apple.activation.`, `com.apple.asset.` or
//! `com.apple.management.`, and an `Identifier` key. A document whose root is an array is read as a
//! list of declarations when at least one element is one (the others are ignored: a declaration
//! file holds declarations, not Graph objects). Such documents are not read as Intune exports.
//! Declarations also come from the base64 data of a `com.apple.declarations` profile payload:
//! each item is a JSON document of its own, embedded in the profile
//! ([`EmbeddingKind::Declaration`](crate::document::EmbeddingKind)).
//!
//! `com.apple.configuration.extensible-sso` becomes an [`SsoPayload`] ([`Origin::Declaration`]):
//! `ExtensionComposedIdentifier` is split into the extension id and, on macOS (`"bundle-id
//! (TEAMID)"`), the team id, each placed on its own part of the string; `PlatformSSO` and its
//! groups (`Account`, `UserCreation`, `Authorization`, `Policies`) are mapped onto
//! [`PssoSettings`] where Apple's declaration schema names the same setting as the profile's.
//! `com.apple.activation.simple` keeps its `StandardConfigurations`; `com.apple.configuration.legacy`
//! its `ProfileURL` (never fetched). Only fixed, shallow paths are read.

use crate::document::{DocId, Document};
use crate::lint_set::LintSet;
use crate::source::Format;
use crate::span::Span;
use crate::syntax::{NodeId, Value};

use super::common::{spanned_key, spanned_str, DictValues};
use super::plist::{bundle_list, extension_data_lists, read_extension_data};
use super::types::{
    BundleListKind, Declaration, DeclarationKind, ExtensionDataForm, Model, Origin, PssoPlace, PssoSettings, Spanned,
    SsoPayload,
};

/// `Type` of the Extensible SSO declaration.
pub(crate) const EXTENSIBLE_SSO: &str = "com.apple.configuration.extensible-sso";
/// `Type` of the simple activation.
pub(crate) const ACTIVATION_SIMPLE: &str = "com.apple.activation.simple";
/// `Type` of the legacy-profile configuration.
pub(crate) const LEGACY: &str = "com.apple.configuration.legacy";

/// The declaration objects of a JSON document: the root, or the elements of a root array that
/// are declarations. Empty when the document holds none.
pub(crate) fn declaration_nodes(doc: &Document) -> Vec<NodeId> {
    if doc.format != Format::Json {
        return Vec::new();
    }
    crate::document::declaration_nodes_in(&doc.tree)
}

/// Reads the declarations of document `doc_id` into `model`. Returns whether it held any (the
/// caller then does not read it as an Intune export).
pub(crate) fn extract(set: &LintSet, doc_id: DocId, model: &mut Model) -> bool {
    let Some(doc) = set.doc(doc_id) else {
        return false;
    };
    let nodes = declaration_nodes(doc);
    for &node in &nodes {
        read_declaration(doc_id, doc, node, model);
    }
    !nodes.is_empty()
}

fn read_declaration(doc_id: DocId, doc: &Document, node: NodeId, model: &mut Model) {
    let tree = &doc.tree;
    let Some(declaration_type) = tree.get_key(node, "Type").and_then(|n| spanned_str(doc_id, doc, n)) else {
        return;
    };
    let Some(kind) = DeclarationKind::of_type(&declaration_type.value) else {
        return;
    };
    let values = DictValues { doc_id, doc };
    let payload = tree
        .get_key(node, "Payload")
        .filter(|&p| matches!(tree.value(p), Some(Value::Dict(_))));
    let mut declaration = Declaration {
        doc: doc_id,
        node,
        kind,
        identifier: values.str_in(Some(node), "Identifier"),
        server_token: values.str_in(Some(node), "ServerToken"),
        payload,
        standard_configurations: Vec::new(),
        profile_url: None,
        sso_payload: None,
        declaration_type,
    };
    match declaration.declaration_type.value.as_str() {
        ACTIVATION_SIMPLE => {
            declaration.standard_configurations = payload
                .and_then(|p| tree.get_key(p, "StandardConfigurations"))
                .map(|list| {
                    tree.elements(list)
                        .iter()
                        .filter_map(|&e| spanned_str(doc_id, doc, e))
                        .collect()
                })
                .unwrap_or_default();
        }
        LEGACY => declaration.profile_url = values.str_in(payload, "ProfileURL"),
        EXTENSIBLE_SSO => {
            if let Some(p) = payload {
                declaration.sso_payload = Some(model.sso_payloads.len());
                model.sso_payloads.push(read_sso_payload(doc_id, doc, p));
            }
        }
        _ => {}
    }
    model.declarations.push(declaration);
}

/// The `Payload` of an Extensible SSO declaration as an [`SsoPayload`].
fn read_sso_payload(doc_id: DocId, doc: &Document, payload: NodeId) -> SsoPayload {
    let tree = &doc.tree;
    let mut out = SsoPayload::new(doc_id, payload, Origin::Declaration, ExtensionDataForm::DeclarationDict);
    let string_at = |key: &str| tree.get_key(payload, key).and_then(|n| spanned_str(doc_id, doc, n));
    let strings_in = |node: Option<NodeId>| -> Vec<Spanned<String>> {
        node.map(|n| {
            tree.elements(n)
                .iter()
                .filter_map(|&e| spanned_str(doc_id, doc, e))
                .collect()
        })
        .unwrap_or_default()
    };
    if let Some(composed) = string_at("ExtensionComposedIdentifier") {
        let (extension, team) = split_composed(doc, &composed);
        out.extension_identifier = Some(extension);
        out.team_identifier = team;
    }
    out.sso_type = string_at("Type");
    out.urls_node = tree.get_key(payload, "URLs");
    out.urls = strings_in(out.urls_node).into_iter().map(Spanned::shared).collect();
    out.hosts = strings_in(tree.get_key(payload, "Hosts"));
    out.realm = string_at("Realm");
    out.extension_data = read_extension_data(
        doc_id,
        doc,
        tree.get_key(payload, "ExtensionData"),
        ExtensionDataForm::DeclarationDict,
    );
    out.bundle_lists = extension_data_lists(doc_id, doc, &out.extension_data);
    if let Some(denied) = tree.get_key(payload, "DeniedBundleIdentifiers") {
        if let Some(list) = bundle_list(doc_id, doc, denied, BundleListKind::DeniedBundleIdentifiers) {
            out.bundle_lists.push(list);
        }
    }
    out.platform_sso = tree.get_key(payload, "PlatformSSO");
    out.psso = read_psso(doc_id, doc, payload).map(Box::new);
    out
}

/// Splits `ExtensionComposedIdentifier` into the extension id and the team id: `"bundle-id
/// (TEAMID)"` on macOS, the bundle id alone on iOS and visionOS. Each part is placed on its own
/// text when the string's content in the document is exactly its value (no escapes); otherwise
/// both keep the whole string's place.
pub(crate) fn split_composed(doc: &Document, composed: &Spanned<String>) -> (Spanned<String>, Option<Spanned<String>>) {
    let value = composed.value.as_str();
    let parts = value
        .strip_suffix(')')
        .and_then(|rest| rest.rfind(" (").map(|open| (open, rest)))
        .and_then(|(open, rest)| Some((value.get(..open)?, open, rest.get(open + 2..)?)));
    let Some((extension, open, team)) = parts else {
        return (composed.clone(), None);
    };
    let base = composed
        .inner()
        .filter(|inner| doc.slice(*inner) == Some(value))
        .map(|inner| inner.start);
    let part = |text: &str, offset: usize| {
        let span = base.map(|b| Span::new(b + offset, b + offset + text.len()));
        Spanned::new(
            text.to_owned(),
            composed.doc,
            composed.node,
            span.or(composed.span()),
            span.or(composed.inner()),
        )
    };
    (part(extension, 0), Some(part(team, open + 2)))
}

/// The Platform SSO settings of an Extensible SSO declaration's `Payload`, or `None` when it has
/// neither `PlatformSSO` nor a (misplaced) payload-level `RegistrationToken`.
///
/// The declaration keeps `RegistrationToken` inside `PlatformSSO` and groups the rest: the profile's
/// `AccountDisplayName` is `Account.DisplayName`; `EnableCreateUserAtLogin`,
/// `EnableCreateFirstUserDuringSetup`, `EnableRegistrationDuringSetup`, `NewUserAuthorizationMode`
/// and `TokenToUserMapping` are in `UserCreation` (the first two as `EnableAtLogin`,
/// `EnableFirstUserDuringSetup`); `EnableAuthorization` is `Authorization.EnableIdentityProviderAccounts`
/// (Apple describes both with the same words), `UserAuthorizationMode` is in `Authorization`; the
/// password-only policies are `Policies.FileVault`, `Policies.Login` and `Policies.Unlock`. There
/// is no payload-level `AuthenticationMethod`.
fn read_psso(doc_id: DocId, doc: &Document, payload: NodeId) -> Option<PssoSettings> {
    let tree = &doc.tree;
    let psso = tree.get_key(payload, "PlatformSSO");
    let top_token = tree.get_key(payload, "RegistrationToken");
    if psso.is_none() && top_token.is_none() {
        return None;
    }
    let group = |key: &str| psso.and_then(|d| tree.get_key(d, key));
    let values = DictValues { doc_id, doc };
    let (account, creation, authorization, policies) = (
        group("Account"),
        group("UserCreation"),
        group("Authorization"),
        group("Policies"),
    );
    let mapping = creation.and_then(|d| tree.get_key(d, "TokenToUserMapping"));
    let registration_token = match values.str_in(psso, "RegistrationToken") {
        Some(t) => Some((t, PssoPlace::PlatformSso)),
        None => values
            .str_in(Some(payload), "RegistrationToken")
            .map(|t| (t, PssoPlace::Payload)),
    };
    let policies = policies
        .map(|d| {
            tree.entries(d)
                .iter()
                .filter(|e| ["FileVault", "Login", "Unlock"].contains(&e.key.as_str()))
                .map(|e| spanned_key(doc_id, e))
                .collect()
        })
        .unwrap_or_default();
    Some(PssoSettings {
        node: psso,
        registration_token,
        legacy_method: None,
        method: values.str_in(psso, "AuthenticationMethod"),
        use_shared_device_keys: values.bool_in(psso, "UseSharedDeviceKeys"),
        account_display_name: values.str_in(account, "DisplayName"),
        account_name: values.str_in(mapping, "AccountName"),
        full_name: values.str_in(mapping, "FullName"),
        enable_create_user_at_login: values.bool_in(creation, "EnableAtLogin"),
        enable_create_first_user_during_setup: values.bool_in(creation, "EnableFirstUserDuringSetup"),
        enable_registration_during_setup: values.bool_in(creation, "EnableRegistrationDuringSetup"),
        enable_authorization: values.bool_in(authorization, "EnableIdentityProviderAccounts"),
        user_authorization_mode: values.str_in(authorization, "UserAuthorizationMode"),
        new_user_authorization_mode: values.str_in(creation, "NewUserAuthorizationMode"),
        login_frequency: values.int_in(psso, "LoginFrequency"),
        policies,
        unknown_choices: Vec::new(),
    })
}
