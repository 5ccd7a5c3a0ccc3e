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

/// `PlatformSSO` keys that Apple says require `UseSharedDeviceKeys` to be true, as group (none:
/// `PlatformSSO` itself) and key.
const NEED_SHARED_DEVICE_KEYS: [(Option<&str>, &str); 2] =
    [(None, "EnableAuthorization"), (None, "EnableCreateUserAtLogin")];
/// Scope of an Extensible SSO declaration's `PlatformSSO`.
const DECLARATION_PLATFORM_SSO: &str = "declaration.extensible-sso.PlatformSSO";
/// The declaration's keys that require `UseSharedDeviceKeys` = true (Apple's extensible-sso.yaml:
/// "Requires that `UseSharedDeviceKeys` is `true`"), as group and key.
const DECLARATION_NEED_SHARED_DEVICE_KEYS: [(Option<&str>, &str); 2] = [
    (Some("UserCreation"), "EnableAtLogin"),
    (Some("Authorization"), "EnableIdentityProviderAccounts"),
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
                DictKind::Nested if dict.scope_name() == PLATFORM_SSO => {
                    check_shared_keys(cx, dict, &NEED_SHARED_DEVICE_KEYS, false, out);
                }
                DictKind::Nested if dict.scope_name() == DECLARATION_PLATFORM_SSO => {
                    check_shared_keys(cx, dict, &DECLARATION_NEED_SHARED_DEVICE_KEYS, true, out);
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

/// The keys of `needs` that are true in the `PlatformSSO` dict `dict` while `UseSharedDeviceKeys`
/// is not: `EnableAuthorization` / `EnableCreateUserAtLogin` in a profile, and in a declaration
/// (`declaration`) `UserCreation.EnableAtLogin` / `Authorization.EnableIdentityProviderAccounts`.
fn check_shared_keys(
    cx: &Context<'_>,
    dict: &SchemaDict<'_>,
    needs: &[(Option<&str>, &str)],
    declaration: bool,
    out: &mut crate::rules::Findings<'_>,
) {
    let tree = &dict.doc.tree;
    let shared = tree.get_key(dict.node, "UseSharedDeviceKeys");
    if shared.is_some_and(|n| matches!(tree.value(n), Some(Value::Bool(true)))) {
        return;
    }
    for &(group, key) in needs {
        let holder = match group {
            Some(group) => tree.get_key(dict.node, group),
            None => Some(dict.node),
        };
        let Some(node) = holder.and_then(|h| tree.get_key(h, key)) else {
            continue;
        };
        if !matches!(tree.value(node), Some(Value::Bool(true))) {
            continue;
        }
        let named = group.map_or_else(|| key.to_owned(), |group| format!("{group}.{key}"));
        let help = if declaration {
            format!(
                "Apple's declaration schema says `{key}` requires `UseSharedDeviceKeys` = true: set \
                 `\"UseSharedDeviceKeys\": true` in `PlatformSSO` (system scope only), or remove `{key}`"
            )
        } else {
            format!(
                "Apple's schema says `{key}` requires `UseSharedDeviceKeys` = true: set \
                 `<key>UseSharedDeviceKeys</key><true/>` in `PlatformSSO` (device channel only), \
                 or remove `{key}`"
            )
        };
        let mut d = cx
            .report(
                &PL111,
                format!("`{named}` requires `UseSharedDeviceKeys` to be true"),
                cx.at_node(dict.doc_id, node),
            )
            .with_label("needs `UseSharedDeviceKeys` true")
            .with_help(help);
        if let Some(shared) = shared {
            d = d.with_related(
                cx.at_node(dict.doc_id, shared),
                "`UseSharedDeviceKeys` is not true here",
            );
        }
        out.push(d);
    }
}
