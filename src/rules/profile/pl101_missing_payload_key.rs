//! PL101 missing-payload-key: a key Apple's schema marks as required is missing.
//!
//! Checked: the required keys of the `toplevel` scope in a whole profile's top-level dict, of the
//! `payload-common` scope in every payload dict, and of the `extensiblesso` scope in Extensible SSO
//! payloads (`ExtensionIdentifier`, `Type`). Which keys are required comes from the schema data,
//! not from this file.
//!
//! `PayloadContent` is not required of an encrypted profile (`EncryptedPayloadContent` present),
//! as Apple's TopLevel schema says. A top-level `PayloadType` other than `Configuration` is a wrong
//! value, reported by PL108; this rule only reports it missing. The Kerberos variant's extra
//! requirements (`Realm`, `TeamIdentifier`) are not applied (domain.md §1.5).
//!
//! The label points at the dict's opening `<dict>` tag; the key path names the dict.

use crate::catalog;
use crate::rules::codes::PL101;
use crate::rules::{Context, Rule, RuleMeta};

use super::schema::{self, DictKind, SchemaDict};

/// See the module docs.
pub struct MissingPayloadKey;

impl Rule for MissingPayloadKey {
    fn meta(&self) -> &'static RuleMeta {
        &PL101
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for dict in schema::schema_dicts(cx) {
            let owner = match dict.kind {
                DictKind::TopLevel => "the profile",
                DictKind::Payload { sso: true } => "the `com.apple.extensiblesso` payload",
                DictKind::Payload { sso: false } => "the payload",
                DictKind::Declaration => "the declaration",
                DictKind::DeclarationPayload => "the declaration's `Payload`",
                DictKind::Nested => continue,
            };
            let tree = &dict.doc.tree;
            for scope in dict.scopes.iter() {
                for key in scope.required_keys() {
                    if tree.get_key(dict.node, &key.key).is_some() || exempt(dict, &key.key) {
                        continue;
                    }
                    let location = cx.at_span(dict.doc_id, dict.node, schema::head_span(dict.doc, dict.node));
                    out.push(
                        cx.report(
                            &PL101,
                            format!("{owner} is missing the required key `{}`", key.key),
                            location,
                        )
                        .with_label(format!("no `{}` in this dict", key.key))
                        .with_help(help(dict, &key.key)),
                    );
                }
            }
        }
    }
}

/// Whether a missing required key is excused: `PayloadContent` of an encrypted profile.
fn exempt(dict: &SchemaDict<'_>, key: &str) -> bool {
    dict.kind == DictKind::TopLevel
        && key == "PayloadContent"
        && dict.doc.tree.get_key(dict.node, "EncryptedPayloadContent").is_some()
}

/// How to add the key.
fn help(dict: &SchemaDict<'_>, key: &str) -> String {
    match key {
        "PayloadUUID" => "add `PayloadUUID` with a newly generated UUID (e.g. from `uuidgen`); \
                          never copy one from another profile"
            .to_owned(),
        "PayloadIdentifier" => "add `PayloadIdentifier` with a reverse-DNS string unique to this \
                                profile or payload (e.g. `com.contoso.sso`)"
            .to_owned(),
        "PayloadVersion" => "add `PayloadVersion` with `<integer>1</integer>`".to_owned(),
        "PayloadType" if dict.kind == DictKind::TopLevel => "add `PayloadType` with `Configuration`".to_owned(),
        "PayloadType" => "add `PayloadType` naming the payload (e.g. `com.apple.extensiblesso`)".to_owned(),
        "PayloadContent" => "add `PayloadContent`: an array holding the payload dicts".to_owned(),
        "ExtensionIdentifier" => {
            let ms = catalog::microsoft_extensions();
            format!(
                "add the bundle id of the SSO app extension; for the Microsoft Enterprise SSO \
                 plug-in `{}` (iOS/iPadOS) or `{}` (macOS)",
                ms.ios_extension_id, ms.macos_extension_id
            )
        }
        "Type" => "add `Type`: `Redirect` or `Credential` (the Microsoft Enterprise SSO plug-in is \
                   a `Redirect` extension)"
            .to_owned(),
        other => format!("add `{other}`"),
    }
}
