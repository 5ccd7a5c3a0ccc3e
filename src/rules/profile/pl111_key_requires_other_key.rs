//! PL111 key-requires-other-key: a conditional requirement from the text of Apple's schema.
//!
//! - `Type` `Redirect` needs a non-empty `URLs` array ("Required for 'Redirect' payloads"): without
//!   it the extension receives no sign-in request, so the Microsoft plug-in and Just-in-Time
//!   registration never start;
//! - `Type` `Credential` needs a non-empty `Hosts` array;
//! - `PlatformSSO.EnableAuthorization` or `EnableCreateUserAtLogin` set to true needs
//!   `PlatformSSO.UseSharedDeviceKeys` true.
//!
//! A `URLs`/`Hosts` of the wrong type is left to PL106. Only `com.apple.extensiblesso` payloads
//! of plist profiles are checked (Graph JSON is not: Intune builds those payloads itself).

use crate::catalog;
use crate::rules::codes::PL111;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::Value;

use super::schema::{self, DictKind, SchemaDict, PLATFORM_SSO};

/// `PlatformSSO` keys that Apple says require `UseSharedDeviceKeys` to be true.
const NEED_SHARED_DEVICE_KEYS: [&str; 2] = ["EnableAuthorization", "EnableCreateUserAtLogin"];
/// Scope of an Extensible SSO declaration's `PlatformSSO`.
const DECLARATION_PLATFORM_SSO: &str = "declaration.extensible-sso.PlatformSSO";
/// The declaration's keys that require `UseSharedDeviceKeys` = true (Apple's extensible-sso.yaml:
/// "Requires that `UseSharedDeviceKeys` is `true`"), as group and key.
const DECLARATION_NEED_SHARED_DEVICE_KEYS: [(&str, &str); 2] = [
    ("UserCreation", "EnableAtLogin"),
    ("Authorization", "EnableIdentityProviderAccounts"),
];

/// See the module docs.
pub struct KeyRequiresOtherKey;

impl Rule for KeyRequiresOtherKey {
    fn meta(&self) -> &'static RuleMeta {
        &PL111
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for dict in schema::schema_dicts(cx) {
            match dict.kind {
                // The Extensible SSO declaration has the same `Type` rule (Apple's
                // extensible-sso.yaml: `URLs` "required for `Redirect` payloads").
                DictKind::Payload { sso: true } => check_type(cx, dict, out),
                DictKind::DeclarationPayload if dict.sso.is_some() => check_type(cx, dict, out),
                DictKind::Nested if dict.scope_name() == PLATFORM_SSO => check_shared_keys(cx, dict, out),
                DictKind::Nested if dict.scope_name() == DECLARATION_PLATFORM_SSO => {
                    check_declaration_shared_keys(cx, dict, out);
                }
                _ => {}
            }
        }
    }
}

/// `Redirect` without `URLs`, `Credential` without `Hosts`.
fn check_type(cx: &Context<'_>, dict: &SchemaDict<'_>, out: &mut crate::rules::Findings<'_>) {
    let tree = &dict.doc.tree;
    let Some(type_node) = tree.get_key(dict.node, "Type") else {
        return;
    };
    let (sso_type, list, help) = match tree.str(type_node) {
        Some("Redirect") => {
            let urls = catalog::login_urls()
                .public
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>();
            (
                "Redirect",
                "URLs",
                format!(
                    "give `URLs` the identity provider's URL prefixes (an array of strings); for the Microsoft \
                     Enterprise SSO plug-in at least {} (SSO105 checks them)",
                    urls.join(", ")
                ),
            )
        }
        Some("Credential") => (
            "Credential",
            "Hosts",
            "give `Hosts` the host or domain names the extension handles (an array of strings; a leading \
             `.` matches every subdomain)"
                .to_owned(),
        ),
        _ => return,
    };
    match tree.get_key(dict.node, list) {
        None => out.push(
            cx.report(
                &PL111,
                format!("a `{sso_type}` payload has no `{list}`"),
                cx.at_node(dict.doc_id, type_node),
            )
            .with_label(format!("`{sso_type}` requires `{list}`"))
            .with_help(help),
        ),
        Some(node) if matches!(tree.value(node), Some(Value::Array(items)) if items.is_empty()) => out.push(
            cx.report(
                &PL111,
                format!("`{list}` of a `{sso_type}` payload is empty"),
                schema::at_head(cx, dict.doc_id, dict.doc, node),
            )
            .with_label(format!("`{sso_type}` requires at least one entry"))
            .with_related(
                cx.at_node(dict.doc_id, type_node),
                format!("`Type` is `{sso_type}` here"),
            )
            .with_help(help),
        ),
        Some(_) => {}
    }
}

/// `EnableAuthorization` / `EnableCreateUserAtLogin` true without `UseSharedDeviceKeys` true.
fn check_shared_keys(cx: &Context<'_>, dict: &SchemaDict<'_>, out: &mut crate::rules::Findings<'_>) {
    let tree = &dict.doc.tree;
    let shared = tree.get_key(dict.node, "UseSharedDeviceKeys");
    if shared.is_some_and(|n| matches!(tree.value(n), Some(Value::Bool(true)))) {
        return;
    }
    for key in NEED_SHARED_DEVICE_KEYS {
        let Some(node) = tree.get_key(dict.node, key) else {
            continue;
        };
        if !matches!(tree.value(node), Some(Value::Bool(true))) {
            continue;
        }
        let mut d = cx
            .report(
                &PL111,
                format!("`{key}` requires `UseSharedDeviceKeys` to be true"),
                cx.at_node(dict.doc_id, node),
            )
            .with_label("needs `UseSharedDeviceKeys` true")
            .with_help(format!(
                "Apple's schema says `{key}` requires `UseSharedDeviceKeys` = true: set \
                 `<key>UseSharedDeviceKeys</key><true/>` in `PlatformSSO` (device channel only), \
                 or remove `{key}`"
            ));
        if let Some(shared) = shared {
            d = d.with_related(
                cx.at_node(dict.doc_id, shared),
                "`UseSharedDeviceKeys` is not true here",
            );
        }
        out.push(d);
    }
}

/// `UserCreation.EnableAtLogin` / `Authorization.EnableIdentityProviderAccounts` true without
/// `UseSharedDeviceKeys` true, in a declaration's `PlatformSSO`.
fn check_declaration_shared_keys(cx: &Context<'_>, dict: &SchemaDict<'_>, out: &mut crate::rules::Findings<'_>) {
    let tree = &dict.doc.tree;
    let shared = tree.get_key(dict.node, "UseSharedDeviceKeys");
    if shared.is_some_and(|n| matches!(tree.value(n), Some(Value::Bool(true)))) {
        return;
    }
    for (group, key) in DECLARATION_NEED_SHARED_DEVICE_KEYS {
        let Some(node) = tree.get_key(dict.node, group).and_then(|g| tree.get_key(g, key)) else {
            continue;
        };
        if !matches!(tree.value(node), Some(Value::Bool(true))) {
            continue;
        }
        let mut d = cx
            .report(
                &PL111,
                format!("`{group}.{key}` requires `UseSharedDeviceKeys` to be true"),
                cx.at_node(dict.doc_id, node),
            )
            .with_label("needs `UseSharedDeviceKeys` true")
            .with_help(format!(
                "Apple's declaration schema says `{key}` requires `UseSharedDeviceKeys` = true: set \
                 `\"UseSharedDeviceKeys\": true` in `PlatformSSO` (system scope only), or remove `{key}`"
            ));
        if let Some(shared) = shared {
            d = d.with_related(
                cx.at_node(dict.doc_id, shared),
                "`UseSharedDeviceKeys` is not true here",
            );
        }
        out.push(d);
    }
}
