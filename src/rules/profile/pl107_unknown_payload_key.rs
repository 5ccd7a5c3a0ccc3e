//! PL107 unknown-payload-key: a key Apple's schema does not define for that dict.
//!
//! Checked dicts: the top level of a whole profile, `com.apple.extensiblesso` payloads (their own
//! keys plus the common `Payload*` keys), `PlatformSSO` and its `TokenToUserMapping`. Not checked:
//! `ExtensionData` and other dicts Apple leaves open (free-form; SSO205 checks Microsoft's keys),
//! and payloads of other types, which this tool has no schema for.
//!
//! Keys that real tools write and devices accept (`PayloadEnabled`) are known as de facto keys of
//! the catalog. A warning where the key is most likely a mistake: a known key at the wrong level
//! (the help says where it belongs: `RegistrationToken` inside `PlatformSSO` belongs at the
//! payload level; a Microsoft key such as `device_registration` belongs inside `ExtensionData`,
//! which SSO208 reports too) or a near miss of a known key of the dict (the help offers it,
//! [`crate::suggest::did_you_mean`]). Any other unknown key is info: devices ignore it, and it is
//! most often a vendor's key or one from a newer Apple release.
//!
//! Fix (unsafe): rename the key to the suggestion, unless the dict already has that key. Moving a
//! key to another level is never automatic.

use crate::catalog;
use crate::diagnostic::{Applicability, Severity};
use crate::edits;
use crate::rules::codes::PL107;
use crate::rules::platform_sso::reports_misplaced_token;
use crate::rules::{Context, Rule, RuleMeta};
use crate::suggest::did_you_mean;
use crate::syntax::Entry;
use crate::Diagnostic;

use super::schema::{
    self, DictKind, SchemaDict, EXTENSIBLESSO, KERBEROS_EXTENSION_DATA, PAYLOAD_COMMON, PLATFORM_SSO,
    TOKEN_TO_USER_MAPPING, TOPLEVEL,
};

/// See the module docs.
pub struct UnknownPayloadKey;

impl Rule for UnknownPayloadKey {
    fn meta(&self) -> &'static RuleMeta {
        &PL107
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for dict in schema::schema_dicts(cx) {
            if dict.is_open() {
                continue;
            }
            // A token inside a Microsoft payload's `PlatformSSO` is SSO601's (more specific).
            // In a declaration the token belongs inside `PlatformSSO`, and one at the payload level is SSO601's.
            let token_scope = matches!(dict.scope_name(), PLATFORM_SSO | DECLARATION_SSO);
            let token_is_sso601 = token_scope && dict.sso.is_some_and(reports_misplaced_token);
            for entry in dict.doc.tree.entries(dict.node) {
                if dict.lookup(&entry.key).is_some() {
                    continue;
                }
                if token_is_sso601 && entry.key == "RegistrationToken" {
                    continue;
                }
                out.push(diagnose(cx, dict, entry));
            }
        }
    }
}

/// The diagnostic for the unknown key `entry` of `dict`.
fn diagnose(cx: &Context<'_>, dict: &SchemaDict<'_>, entry: &Entry) -> Diagnostic {
    let key = entry.key.as_str();
    let location = cx.at_span(dict.doc_id, entry.value, entry.key_span());
    let message = format!("`{key}` is not a key of {}", dict.describe());
    if let Some(place) = belongs(dict, key) {
        return cx
            .report(&PL107, message, location)
            .with_label("not read here")
            .with_help(format!("`{key}` belongs {place}: move it there"));
    }
    let candidates = dict.scopes.iter().flat_map(|scope| scope.key_names());
    let Some(suggestion) = did_you_mean(key, candidates) else {
        // Far from every known key: most likely a vendor's own key or one from a newer Apple
        // release, which devices ignore. A note, not a warning (see the rule doc).
        return cx
            .report(&PL107, message, location)
            .with_severity(Severity::Info)
            .with_label("not in Apple's schema")
            .with_help(
                "devices ignore keys they do not know, so this key has no effect unless it comes from a newer Apple \
                 release than profilelint knows; check it against Apple's schema, and remove it if nothing reads it",
            );
    };
    let taken = dict.doc.tree.get_key(dict.node, suggestion).is_some();
    let help = if taken {
        format!(
            "did you mean `{suggestion}`? This dict already has `{suggestion}`, so merge the two \
             entries by hand"
        )
    } else {
        format!("did you mean `{suggestion}`?")
    };
    let mut d = cx
        .report(&PL107, message, location)
        .with_label("unknown key")
        .with_help(help);
    if let (false, Some(span), Some(inner)) = (taken, entry.key_span(), entry.key_inner()) {
        if let Some(edit) = edits::replace_key(dict.doc, span, inner, suggestion) {
            d = d.with_fix(Applicability::Unsafe, format!("Rename to `{suggestion}`"), vec![edit]);
        }
    }
    d
}

/// Where a key that `dict` does not define belongs, if it is known elsewhere: "inside
/// `ExtensionData`", "at the payload level, beside `PlatformSSO`", …
fn belongs(dict: &SchemaDict<'_>, key: &str) -> Option<String> {
    if catalog::extension_data_key(key).is_some() {
        return Some("inside `ExtensionData` (it is a setting of the Microsoft Enterprise SSO plug-in)".to_owned());
    }
    let schema = catalog::apple_schema();
    let here = dict.scope_name();
    if here.starts_with("declaration") {
        return belongs_in_declaration(dict, key);
    }
    let defined_in = |name: &str| !dict.scopes.iter().any(|s| s.name == name) && schema.key(name, key).is_some();
    let payload_level = match here {
        PLATFORM_SSO | TOKEN_TO_USER_MAPPING => "at the payload level, beside `PlatformSSO`",
        _ => "in a `com.apple.extensiblesso` payload (inside `PayloadContent`)",
    };
    let places: [(&str, &str); 6] = [
        (PLATFORM_SSO, "inside `PlatformSSO`"),
        (EXTENSIBLESSO, payload_level),
        (
            PAYLOAD_COMMON,
            if dict.kind == DictKind::TopLevel {
                "in each payload"
            } else {
                "in the payload dict"
            },
        ),
        (TOPLEVEL, "at the top level of the profile"),
        (TOKEN_TO_USER_MAPPING, "inside `PlatformSSO.TokenToUserMapping`"),
        (
            KERBEROS_EXTENSION_DATA,
            "inside `ExtensionData` (it is a setting of Apple's Kerberos extension)",
        ),
    ];
    places
        .iter()
        .find(|(scope, _)| defined_in(scope))
        .map(|(_, place)| (*place).to_owned())
}

/// Scope of the Extensible SSO declaration's `Payload`.
const DECLARATION_SSO: &str = "declaration.extensible-sso";

/// Profile keys whose setting the Extensible SSO declaration has under another path (Apple's
/// `extensible-sso.yaml` describes each with the same words as the profile key).
const PROFILE_NAMES: [(&str, &str); 13] = [
    ("ExtensionIdentifier", "ExtensionComposedIdentifier"),
    ("TeamIdentifier", "ExtensionComposedIdentifier"),
    ("AccountDisplayName", "PlatformSSO.Account.DisplayName"),
    ("EnableCreateUserAtLogin", "PlatformSSO.UserCreation.EnableAtLogin"),
    (
        "EnableCreateFirstUserDuringSetup",
        "PlatformSSO.UserCreation.EnableFirstUserDuringSetup",
    ),
    (
        "EnableRegistrationDuringSetup",
        "PlatformSSO.UserCreation.EnableRegistrationDuringSetup",
    ),
    (
        "NewUserAuthorizationMode",
        "PlatformSSO.UserCreation.NewUserAuthorizationMode",
    ),
    ("TokenToUserMapping", "PlatformSSO.UserCreation.TokenToUserMapping"),
    (
        "EnableAuthorization",
        "PlatformSSO.Authorization.EnableIdentityProviderAccounts",
    ),
    (
        "UserAuthorizationMode",
        "PlatformSSO.Authorization.UserAuthorizationMode",
    ),
    ("FileVaultPolicy", "PlatformSSO.Policies.FileVault"),
    ("LoginPolicy", "PlatformSSO.Policies.Login"),
    ("UnlockPolicy", "PlatformSSO.Policies.Unlock"),
];

/// [`belongs`] for the dicts of an Extensible SSO declaration: another dict of the same
/// declaration that defines `key` (`PlatformSSO.UserCreation`, the `Payload`, …). Profile keys are
/// not suggested: the declaration names its settings differently.
fn belongs_in_declaration(dict: &SchemaDict<'_>, key: &str) -> Option<String> {
    const SSO: &str = DECLARATION_SSO;
    let here = dict.scope_name();
    if !here.starts_with(SSO) {
        return None;
    }
    if let Some((_, path)) = PROFILE_NAMES.iter().find(|(profile, _)| *profile == key) {
        return Some(format!(
            "as `{path}` (`{key}` is the profile's name for it; the declaration groups its settings)"
        ));
    }
    let schema = catalog::apple_schema();
    schema
        .scopes_with_key(key)
        .filter(|scope| scope.name != here && scope.any.is_none())
        .find_map(|scope| {
            if scope.name == SSO {
                Some("in the declaration's `Payload`".to_owned())
            } else {
                let path = scope.name.strip_prefix(SSO)?.strip_prefix('.')?;
                Some(format!("inside `{path}`"))
            }
        })
}
