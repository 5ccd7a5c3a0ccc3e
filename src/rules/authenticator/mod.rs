//! SSO4xx: Microsoft Authenticator deployment (cross-file, Intune exports).
//!
//! On iOS/iPadOS the Microsoft Enterprise SSO plug-in lives inside Microsoft Authenticator, so an
//! SSO profile works only where Authenticator is installed. These rules look at the whole lint
//! set: the iOS Microsoft SSO payloads, the Intune app records and their assignments.

mod sso401_authenticator_missing;
mod sso402_authenticator_not_required;
mod sso403_authenticator_assignment_gap;
mod sso404_authenticator_unverified;

use crate::catalog;
use crate::diagnostic::Location;
use crate::model::{AppRecord, Assignment, Intent, IntuneObject, Platform, Spanned, SsoPayload};

use super::{Context, Rule};

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &sso401_authenticator_missing::AuthenticatorMissing,
    &sso402_authenticator_not_required::AuthenticatorNotRequired,
    &sso403_authenticator_assignment_gap::AuthenticatorAssignmentGap,
    &sso404_authenticator_unverified::AuthenticatorUnverified,
];

/// The iOS/iPadOS Microsoft SSO payloads of the lint set, in model order.
fn ios_sso_payloads<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a SsoPayload> + 'a {
    super::bundle_ids::lists::microsoft_payloads(cx).filter(|p| p.platform == Platform::Ios)
}

/// An app record of Microsoft Authenticator.
struct Authenticator<'a> {
    /// The Intune object (for its assignments).
    object: &'a IntuneObject,
    /// Its `bundleId`.
    bundle_id: &'a Spanned<String>,
}

/// Whether a bundle id is Microsoft Authenticator's (the catalog's `authenticator` app; compared
/// case-insensitively, surrounding whitespace ignored).
fn is_authenticator(bundle_id: &str) -> bool {
    catalog::find_app_by_bundle_id(bundle_id.trim()).is_some_and(|(app, _)| app.authenticator)
}

/// The Authenticator app records of the lint set.
fn authenticators<'a>(cx: &Context<'a>) -> Vec<Authenticator<'a>> {
    cx.model
        .apps
        .iter()
        .filter_map(|app: &'a AppRecord| {
            crate::work::add(1);
            let bundle_id = app.bundle_id.as_ref().filter(|b| is_authenticator(&b.value))?;
            Some(Authenticator {
                object: cx.model.objects.get(app.object)?,
                bundle_id,
            })
        })
        .collect()
}

/// Whether an assignment installs the app as required (intent `required`, a target that is not
/// an exclusion).
fn is_required_inclusion(assignment: &Assignment) -> bool {
    assignment.is_inclusion() && matches!(assignment.intent.as_ref().map(|i| &i.value), Some(Intent::Required))
}

/// Where to point at an assignment's target: the `groupId` / `groupName` value, else the target's
/// `@odata.type`, else the target (a string PowerShell flattened), else the assignment.
pub(in crate::rules) fn target_location(cx: &Context<'_>, assignment: &Assignment) -> Location {
    let node = cx.doc(assignment.doc).and_then(|doc| {
        let tree = &doc.tree;
        let find = |dict, key: &str| {
            tree.entries(dict)
                .iter()
                .find(|e| e.key.eq_ignore_ascii_case(key))
                .map(|e| e.value)
        };
        let target = find(assignment.node, "target")?;
        ["groupId", "groupName", "@odata.type"]
            .iter()
            .find_map(|k| find(target, k))
            .or(Some(target))
    });
    cx.at_node(assignment.doc, node.unwrap_or(assignment.node))
}
