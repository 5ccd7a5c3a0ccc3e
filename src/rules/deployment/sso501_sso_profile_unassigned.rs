//! SSO501 sso-profile-unassigned: an Intune profile holding a Microsoft SSO payload (Device
//! Features, Settings Catalog or custom profile) whose export includes assignment data, inline or
//! in an assignments file, with no assignment or only exclusions.
//!
//! An object without assignment data (`assignments` is `None`: exported without assignments, or a
//! plain `.mobileconfig`) is not judged: profilelint cannot tell an unassigned profile from one
//! whose assignments were not exported. Targets of an unknown kind count as assignments.

use std::collections::HashSet;

use crate::model::{IntuneObject, IntuneObjectKind, TargetKind};
use crate::rules::authenticator::target_location;
use crate::rules::codes::SSO501;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta, Scope};

/// See the module docs.
pub struct SsoProfileUnassigned;

impl Rule for SsoProfileUnassigned {
    fn meta(&self) -> &'static RuleMeta {
        &SSO501
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let mut seen: HashSet<usize> = HashSet::new();
        for payload in microsoft_payloads(cx) {
            crate::work::add(1);
            let Some(index) = payload.object.filter(|&o| seen.insert(o)) else {
                continue;
            };
            let Some(object) = cx.model.objects.get(index) else {
                continue;
            };
            if !matches!(
                object.kind,
                IntuneObjectKind::DeviceFeatures | IntuneObjectKind::SettingsCatalog | IntuneObjectKind::CustomProfile
            ) {
                continue;
            }
            let Some(assignments) = &object.assignments else {
                continue;
            };
            crate::work::add_usize(assignments.len());
            if assignments.iter().any(|a| a.target != TargetKind::ExclusionGroup) {
                continue;
            }
            let name = object
                .display_name
                .as_deref()
                .map(|n| format!("SSO profile `{n}`"))
                .unwrap_or("the SSO profile".into());
            let (message, label) = if assignments.is_empty() {
                (format!("{name} is not assigned"), "no assignments")
            } else {
                (format!("{name} is assigned only to excluded groups"), "only exclusions")
            };
            let mut d = cx.report(&SSO501, message, assignments_location(cx, object)).with_label(label).with_help(
                "an unassigned profile reaches no device, so no SSO and no Just-in-Time registration: assign it to the \
                 user groups (or all users) that should get SSO, and assign Microsoft Authenticator as Required to the \
                 same groups; an exclusion only removes groups, it never adds any. If this file is a template to be \
                 assigned after import, suppress the rule for it with a reason",
            );
            // Assignments read from a separate file: also show the profile itself.
            if assignments.first().is_some_and(|a| a.doc != object.doc) {
                d = d.with_related(object_anchor(cx, object), "the profile");
            }
            out.push(d);
        }
    }
}

/// The first exclusion's target; for no assignment at all the inline `assignments` value, else the
/// object's name.
fn assignments_location(cx: &Context<'_>, object: &IntuneObject) -> crate::diagnostic::Location {
    if let Some(first) = object.assignments.as_ref().and_then(|a| a.first()) {
        return target_location(cx, first);
    }
    let inline = cx.doc(object.doc).and_then(|d| {
        d.tree
            .entries(object.node)
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case("assignments"))
            .map(|e| e.value)
    });
    match inline {
        Some(node) => cx.at_node(object.doc, node),
        None => object_anchor(cx, object),
    }
}

/// The object's `displayName` / `name` value, else its `@odata.type`, else the object.
fn object_anchor(cx: &Context<'_>, object: &IntuneObject) -> crate::diagnostic::Location {
    let node = cx.doc(object.doc).and_then(|d| {
        ["displayName", "name", "@odata.type"].iter().find_map(|k| {
            d.tree
                .entries(object.node)
                .iter()
                .find(|e| e.key.eq_ignore_ascii_case(k))
                .map(|e| e.value)
        })
    });
    cx.at_node(object.doc, node.unwrap_or(object.node))
}
