//! SSO4xx: deployment of the app that hosts the Microsoft Enterprise SSO plug-in (cross-file,
//! Intune exports).
//!
//! On iOS/iPadOS the plug-in lives inside Microsoft Authenticator (SSO401–SSO404), on macOS inside
//! Intune Company Portal (SSO404's macOS note, SSO405–SSO407), so an SSO profile works only where
//! its host app is installed. These rules look at the whole lint set: the Microsoft SSO payloads
//! of each platform, the Intune app records of that platform and their assignments.

mod coverage;
pub(super) mod sso401_authenticator_missing;
pub(super) mod sso402_authenticator_not_required;
pub(super) mod sso403_authenticator_assignment_gap;
pub(super) mod sso404_authenticator_unverified;
pub(super) mod sso405_company_portal_missing;
pub(super) mod sso406_company_portal_not_required;
pub(super) mod sso407_company_portal_version;
mod version;

use crate::catalog;
use crate::config::CompanyPortalMode;
use crate::diagnostic::Location;
use crate::model::{AppRecord, Assignment, Intent, IntuneObject, Platform, Spanned, SsoPayload, TargetKind};

use super::Context;

/// The host app of the iOS extension, as messages name it.
const AUTHENTICATOR: &str = "Microsoft Authenticator";

/// The host app of the macOS extension, as messages name it.
const COMPANY_PORTAL: &str = "Company Portal";

/// The iOS/iPadOS Microsoft SSO payloads of the lint set, in model order.
fn ios_sso_payloads<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a SsoPayload> + 'a {
    crate::rules::shared::microsoft_payloads(cx).filter(|p| p.platform == Platform::Ios)
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

/// The iOS/iPadOS app records of the lint set (the Authenticator rules never look at macOS
/// ones: Company Portal is the SSO405–SSO407 rules' subject).
pub(in crate::rules) fn ios_apps<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a AppRecord> + 'a {
    cx.model.apps.iter().filter(|app| app.platform == Platform::Ios)
}

/// The Authenticator app records of the lint set (iOS records only).
fn authenticators<'a>(cx: &Context<'a>) -> Vec<Authenticator<'a>> {
    ios_apps(cx)
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

/// The assignments to judge of a host app record: its own; or none at all when the export
/// carries no assignment data for it but other app records of its platform do (`peers_have_data`:
/// export tools that write assignments files write none for an unassigned app); `None` when it
/// cannot be known.
fn judged_assignments(object: &IntuneObject, peers_have_data: bool) -> Option<&[Assignment]> {
    match &object.assignments {
        Some(list) => Some(list.as_slice()),
        None if peers_have_data => Some(&[]),
        None => None,
    }
}

/// What one assignment of a host app that is not required anywhere does instead, and where to
/// point at it (the intent, or the target of an exclusion).
fn not_required_note(cx: &Context<'_>, a: &Assignment) -> (Location, String) {
    let what = match (&a.intent.as_ref().map(|i| &i.value), a.target) {
        (_, TargetKind::ExclusionGroup) => "excludes a group (exclusions install nothing)".to_owned(),
        (Some(Intent::Required), _) => "required, for a target of unknown kind".to_owned(),
        (Some(Intent::Available), _) => "assigned as `available`".to_owned(),
        (Some(Intent::AvailableWithoutEnrollment), _) => "assigned as `availableWithoutEnrollment`".to_owned(),
        (Some(Intent::Uninstall), _) => "assigned as `uninstall`".to_owned(),
        (Some(Intent::Other(raw)), _) => format!("assigned as `{raw}`"),
        (None, _) => "assigned without an intent".to_owned(),
    };
    let location = match &a.intent {
        Some(intent) if a.target != TargetKind::ExclusionGroup => cx.at(intent),
        _ => target_location(cx, a),
    };
    (location, what)
}

// ---------------------------------------------------------------------------------------------
// Company Portal, the host app of the macOS extension (SSO404 on macOS, SSO405–SSO407)
// ---------------------------------------------------------------------------------------------

/// Whether the Company Portal rules run: `[sso] company-portal` is not `deployed-elsewhere`.
fn company_portal_checked(cx: &Context<'_>) -> bool {
    cx.config.sso.company_portal == CompanyPortalMode::Check
}

/// Whether a payload runs in Company Portal: a macOS Microsoft SSO payload whose extension id is
/// Company Portal's (compared ignoring case and surrounding whitespace), or that names none
/// (Intune's "Microsoft Entra ID" extension type supplies it). Payloads for another extension,
/// or with a mistyped id (SSO101's), are not.
pub(in crate::rules) fn is_company_portal_payload(payload: &SsoPayload) -> bool {
    payload.microsoft
        && payload.platform == Platform::Macos
        && payload.extension_identifier.as_ref().is_none_or(|id| {
            id.value
                .trim()
                .eq_ignore_ascii_case(&catalog::microsoft_extensions().macos_extension_id)
        })
}

/// The macOS SSO payloads that run in Company Portal, in model order.
pub(in crate::rules) fn company_portal_payloads<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a SsoPayload> + 'a {
    cx.model.sso_payloads.iter().filter(|p| is_company_portal_payload(p))
}

/// The macOS app records of the lint set.
pub(in crate::rules) fn macos_apps<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a AppRecord> + 'a {
    cx.model.apps.iter().filter(|app| app.platform == Platform::Macos)
}

/// An app record that installs Company Portal.
pub(in crate::rules) struct CompanyPortal<'a> {
    /// The Intune object (for its assignments).
    pub(in crate::rules) object: &'a IntuneObject,
    /// The record.
    pub(in crate::rules) app: &'a AppRecord,
    /// The first Company Portal bundle id it carries.
    pub(in crate::rules) bundle_id: &'a Spanned<String>,
}

/// The macOS app records carrying Company Portal's bundle id (in any of `bundleId`,
/// `primaryBundleId`, `includedApps`, `childApps`).
pub(in crate::rules) fn company_portals<'a>(cx: &Context<'a>) -> Vec<CompanyPortal<'a>> {
    let id = catalog::microsoft_extensions().macos_host_app.as_str();
    macos_apps(cx)
        .filter_map(|app| {
            let bundle = app.bundles_with_id(id).next()?;
            Some(CompanyPortal {
                object: cx.model.objects.get(app.object)?,
                app,
                bundle_id: &bundle.bundle_id,
            })
        })
        .collect()
}

/// Whether a record has an assignment that installs it as required ([`is_required_inclusion`]).
pub(in crate::rules) fn is_required(object: &IntuneObject) -> bool {
    object
        .assignments
        .as_ref()
        .is_some_and(|list| list.iter().any(is_required_inclusion))
}
