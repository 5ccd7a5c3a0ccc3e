//! SSO101 extension-identifier: the `ExtensionIdentifier` of a Microsoft SSO payload is not
//! Microsoft's extension id for the payload's platform.
//!
//! The id names the app extension that handles sign-ins; a typo, a case change, stray spaces or the
//! other platform's id name no installed extension, so nothing handles the Microsoft login URLs and
//! iOS Just-in-Time registration never starts. A payload that should carry an id (plists, Settings
//! Catalog, Intune Redirect/Credential) and has none fires too. With an unknown platform the id is
//! compared with the nearer Microsoft id. The fix (unsafe: it trusts the detected platform)
//! writes the expected id.

use crate::catalog;
use crate::diagnostic::Applicability;
use crate::edits;
use crate::model::{Origin, Platform, SsoPayload};
use crate::rules::codes::SSO101;
use crate::rules::{Context, Rule, RuleMeta};

use super::support::{add_string_field, carries_identity, identity_wording, platform_reason, replace_identity};
use crate::rules::shared::{microsoft_payloads, payload_type_anchor};

/// See the module docs.
pub struct ExtensionIdentifier;

impl Rule for ExtensionIdentifier {
    fn meta(&self) -> &'static RuleMeta {
        &SSO101
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx).filter(|p| carries_identity(p)) {
            match &payload.extension_identifier {
                Some(id) => {
                    check_id(cx, payload, &id.value, out);
                    check_composed_team(cx, payload, out);
                }
                None => missing(cx, payload, out),
            }
        }
    }
}

/// The platform whose id to expect: the payload's, or for an unknown platform the Microsoft id
/// nearest to `id` (case-insensitive edit distance).
fn expected_platform(payload: &SsoPayload, id: &str) -> Platform {
    if payload.platform != Platform::Unknown {
        return payload.platform;
    }
    let ext = catalog::microsoft_extensions();
    let lowered = id.trim().to_lowercase();
    let distance = |p: Platform| strsim::levenshtein(&lowered, &ext.extension_id(p).unwrap_or_default().to_lowercase());
    if distance(Platform::Macos) < distance(Platform::Ios) {
        Platform::Macos
    } else {
        Platform::Ios
    }
}

/// Reports `id` when it is not the expected Microsoft id (typo, case, spaces, other platform).
fn check_id(cx: &Context<'_>, payload: &SsoPayload, id: &str, out: &mut crate::rules::Findings<'_>) {
    let ext = catalog::microsoft_extensions();
    if id.trim().is_empty() && payload.platform == Platform::Unknown {
        // Nothing to compare with: like a missing id, but pointing at the empty value.
        let Some(spanned) = &payload.extension_identifier else {
            return;
        };
        out.push(
            cx.report(&SSO101, identity_wording(payload, "`ExtensionIdentifier` is empty".to_owned()), cx.at(spanned)).with_label("empty").with_help(format!(
                "set the Microsoft extension id: `{}` on iOS/iPadOS, `{}` on macOS (the platform is unknown, so profilelint cannot pick one)",
                ext.ios_extension_id, ext.macos_extension_id
            )),
        );
        return;
    }
    let platform = expected_platform(payload, id);
    let Some(expected) = ext.extension_id(platform) else {
        return;
    };
    if id == expected {
        return;
    }
    let other = match platform {
        Platform::Macos => Platform::Ios,
        _ => Platform::Macos,
    };
    let trimmed = id.trim();
    let name = platform.display_name();
    let message = if trimmed.is_empty() {
        "`ExtensionIdentifier` is empty".to_owned()
    } else if trimmed == expected {
        format!("`ExtensionIdentifier` has leading or trailing whitespace: `{id}`")
    } else if trimmed.eq_ignore_ascii_case(expected) {
        format!("`ExtensionIdentifier` `{id}` differs from the {name} Microsoft extension id in capitalisation")
    } else if ext.extension_id(other).is_some_and(|o| trimmed.eq_ignore_ascii_case(o)) {
        format!(
            "`ExtensionIdentifier` `{id}` is the {} Microsoft extension id, but this payload targets {name}",
            other.display_name()
        )
    } else {
        format!("`ExtensionIdentifier` `{id}` is not the Microsoft SSO extension id for {name}")
    };
    let mut help = format!(
        "the Microsoft Enterprise SSO plug-in is `{expected}` on {name}; an id that names no installed extension means no SSO"
    );
    if payload.platform == Platform::Unknown {
        help.push_str(
            " (the platform is unknown, so the nearer Microsoft id was assumed: set `platform = \"ios\"` or `\"macos\"` if it is the other one)",
        );
    } else {
        help.push_str(&format!(" (platform {})", platform_reason(payload.platform_source)));
    }
    let Some(id_spanned) = &payload.extension_identifier else {
        return;
    };
    let message = identity_wording(payload, message);
    let mut d = cx
        .report(&SSO101, message, cx.at(id_spanned))
        .with_label(format!("expected `{expected}`"))
        .with_help(help);
    if let Some(edit) = cx
        .doc(payload.doc)
        .and_then(|doc| replace_identity(doc, payload, id_spanned, expected))
    {
        d = d.with_fix(Applicability::Unsafe, format!("Replace with `{expected}`"), vec![edit]);
    }
    out.push(d);
}

/// Reports a payload that should carry an extension id and has none.
fn missing(cx: &Context<'_>, payload: &SsoPayload, out: &mut crate::rules::Findings<'_>) {
    let ext = catalog::microsoft_extensions();
    let expected = ext.extension_id(payload.platform);
    let message = if payload.origin == crate::model::Origin::Declaration {
        "Microsoft SSO declaration has no `ExtensionComposedIdentifier`"
    } else {
        "Microsoft SSO payload has no `ExtensionIdentifier`"
    };
    let mut d = cx
        .report(&SSO101, message, payload_type_anchor(cx, payload))
        .with_label("no extension identifier");
    match expected {
        Some(expected) => {
            d = d.with_help(format!(
                "add `ExtensionIdentifier` = `{expected}`, the Microsoft extension id on {} (platform {}); without it no extension handles the sign-ins",
                payload.platform.display_name(),
                platform_reason(payload.platform_source)
            ));
            if let Some(edit) = add_string_field(cx, payload, "ExtensionIdentifier", "extensionIdentifier", expected) {
                d = d.with_fix(
                    Applicability::Unsafe,
                    format!("Add `ExtensionIdentifier` `{expected}`"),
                    vec![edit],
                );
            }
        }
        None => {
            d = d.with_help(format!(
                "add the Microsoft extension id: `{}` on iOS/iPadOS, `{}` on macOS (the platform is unknown, so profilelint cannot pick one)",
                ext.ios_extension_id, ext.macos_extension_id
            ));
        }
    }
    out.push(d);
}

/// A declaration for iOS whose `ExtensionComposedIdentifier` has a ` (TEAMID)` part: Apple's
/// declaration takes the bundle id alone on iOS and visionOS, so the value names no extension.
fn check_composed_team(cx: &Context<'_>, payload: &SsoPayload, out: &mut crate::rules::Findings<'_>) {
    if payload.origin != Origin::Declaration || payload.platform != Platform::Ios {
        return;
    }
    let (Some(id), Some(team)) = (&payload.extension_identifier, &payload.team_identifier) else {
        return;
    };
    let mut d = cx
        .report(
            &SSO101,
            format!(
                "`ExtensionComposedIdentifier` of an iOS declaration has a team id part `({})`",
                team.value
            ),
            cx.at(team),
        )
        .with_label("iOS takes the bundle id alone")
        .with_help(format!(
            "Apple's `com.apple.configuration.extensible-sso` takes `bundle-id (TEAMID)` only on macOS; on iOS and \
             visionOS the identifier is the bundle id alone, so `{} ({})` names no extension. Write `{}`",
            id.value, team.value, id.value
        ));
    // The whole string, rewritten to the bundle id part, when the parts could be placed.
    let edit = cx.doc(payload.doc).and_then(|doc| {
        (id.inner() != doc.tree.get(id.node).and_then(|n| n.inner()))
            .then(|| edits::replace_string(doc, id.node, &id.value))
            .flatten()
    });
    if let Some(edit) = edit {
        d = d.with_fix(Applicability::Unsafe, format!("Write `{}`", id.value), vec![edit]);
    }
    out.push(d);
}
