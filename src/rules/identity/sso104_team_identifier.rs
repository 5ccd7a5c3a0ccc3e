//! SSO104 team-identifier: on macOS a Microsoft SSO payload has no `TeamIdentifier`, or one other
//! than `UBF8T346G9` (the Company Portal extension's team).
//!
//! Apple requires the team id on macOS; Microsoft documents `UBF8T346G9`. `SGGM6D27TK` is a common
//! copy-paste from old iOS shared-device-mode docs (the catalog lists such confusable ids with an
//! explanation). iOS ignores the team id, so iOS payloads are never checked (PL109 notes it). The
//! fix (safe) sets or inserts `UBF8T346G9`; Settings Catalog groups get no insertion.

use crate::catalog;
use crate::diagnostic::Applicability;
use crate::model::Platform;
use crate::model::{Origin, SsoPayload};
use crate::rules::codes::SSO104;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Edit;

use super::support::{add_string_field, carries_identity, identity_wording, replace_identity};
use crate::rules::shared::{microsoft_payloads, payload_type_anchor};

/// See the module docs.
pub struct TeamIdentifier;

impl Rule for TeamIdentifier {
    fn meta(&self) -> &'static RuleMeta {
        &SSO104
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let ext = catalog::microsoft_extensions();
        let expected = ext.macos_team_id.as_str();
        if expected.is_empty() {
            return;
        }
        for payload in microsoft_payloads(cx).filter(|p| p.platform == Platform::Macos && carries_identity(p)) {
            let Some(team) = &payload.team_identifier else {
                let (message, anchor) = match &payload.extension_identifier {
                    Some(id) if payload.origin == Origin::Declaration => (
                        "`ExtensionComposedIdentifier` of a macOS Microsoft SSO declaration has no team id",
                        cx.at(id),
                    ),
                    _ => (
                        "macOS Microsoft SSO payload has no `TeamIdentifier`",
                        payload_type_anchor(cx, payload),
                    ),
                };
                let declaration = payload.origin == Origin::Declaration;
                let help = if declaration {
                    format!(
                        "on macOS Apple's declaration takes `ExtensionComposedIdentifier` as `bundle-id (TEAMID)`; the \
                         Company Portal SSO extension's team is `{expected}`"
                    )
                } else {
                    format!("Apple requires `TeamIdentifier` on macOS; the Company Portal SSO extension's team is `{expected}`")
                };
                let mut d = cx
                    .report(&SSO104, message, anchor)
                    .with_label("no team identifier")
                    .with_help(help);
                let edit = add_string_field(cx, payload, "TeamIdentifier", "teamIdentifier", expected)
                    .or_else(|| append_team(cx, payload, expected));
                if let Some(edit) = edit {
                    let title = if declaration {
                        format!("Append ` ({expected})`")
                    } else {
                        format!("Add `TeamIdentifier` `{expected}`")
                    };
                    d = d.with_fix(Applicability::Safe, title, vec![edit]);
                }
                out.push(d);
                continue;
            };
            if team.value == expected {
                continue;
            }
            let trimmed = team.value.trim();
            let message = if trimmed == expected {
                format!("`TeamIdentifier` has leading or trailing whitespace: `{}`", team.value)
            } else if trimmed.eq_ignore_ascii_case(expected) {
                format!(
                    "`TeamIdentifier` `{}` differs from `{expected}` in capitalisation",
                    team.value
                )
            } else if trimmed.is_empty() {
                "`TeamIdentifier` is empty".to_owned()
            } else {
                format!(
                    "`TeamIdentifier` `{}` is not the Company Portal extension's team `{expected}`",
                    team.value
                )
            };
            let message = identity_wording(payload, message);
            let mut help =
                format!("the macOS Microsoft SSO extension (inside Company Portal) is signed by team `{expected}`");
            if let Some(confusable) = ext.confusable_team_id(trimmed) {
                let mut note = confusable.note.trim_end_matches('.').to_owned();
                if let Some(first) = note.get(..1) {
                    note = format!("{}{}", first.to_lowercase(), note.get(1..).unwrap_or_default());
                }
                help = format!("`{}` is a common confusion: {note}", confusable.id);
            }
            let mut d = cx
                .report(&SSO104, message, cx.at(team))
                .with_label(format!("expected `{expected}`"))
                .with_help(help);
            if let Some(edit) = cx
                .doc(payload.doc)
                .and_then(|doc| replace_identity(doc, payload, team, expected))
            {
                d = d.with_fix(
                    Applicability::Safe,
                    format!("Set `TeamIdentifier` to `{expected}`"),
                    vec![edit],
                );
            }
            out.push(d);
        }
    }
}

/// For a declaration whose `ExtensionComposedIdentifier` has no team id: an edit that appends
/// ` (TEAMID)` after the extension id, when the string has no escapes.
fn append_team(cx: &Context<'_>, payload: &SsoPayload, team: &str) -> Option<Edit> {
    let id = payload
        .extension_identifier
        .as_ref()
        .filter(|_| payload.origin == Origin::Declaration)?;
    let doc = cx.doc(payload.doc)?;
    let inner = id.inner()?;
    if doc.slice(inner) != Some(id.value.as_str()) || doc.tree.str(id.node) != Some(id.value.as_str()) {
        return None;
    }
    Some(Edit::insert(inner.end, format!(" ({team})")))
}
