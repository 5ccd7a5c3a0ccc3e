//! SSO503 psso-enrollment-setup: Platform SSO registration during Setup Assistant
//! (`EnableRegistrationDuringSetup`) needs a macOS ADE enrollment profile and assignments that
//! agree with it.
//!
//! Microsoft's guide (memdocs `configure-platform-sso-during-enrollment.md`, revision of
//! 2026-05-11) makes three objects work together: the Platform SSO policy, Company Portal as a
//! required app, and the ADE profile with user affinity, *await final configuration*
//! (`waitForDeviceConfiguredConfirmation`) and *locked enrollment* (`profileRemovalDisabled`), all
//! assigned to the same assigned (static) **user** groups. This rule checks what an export can
//! show, and stays silent about what it cannot:
//!
//! - the macOS ADE profiles of the lint set (`depMacOSEnrollmentProfile`): when none enrolls with
//!   user affinity and all three switches, each profile that enrolls with user affinity is told
//!   which switch is explicitly off, and, when no profile has user affinity, each profile that
//!   explicitly turns it off is told so. A switch the export does not hold is not judged; a
//!   tenant with one complete profile beside others (shared Macs, kiosks) is quiet;
//! - a Platform SSO policy with registration during setup assigned to all devices (device
//!   targets do not work);
//! - a group the policy is assigned to that no user-affinity ADE profile is assigned to, when the
//!   export carries the profiles' assignments.
//!
//! Company Portal is SSO405–SSO407's (missing, not required for the policy's groups, too old):
//! they report it once, for every macOS Microsoft payload. How Graph spells the macOS
//! "Setup Assistant with modern authentication" choice is not documented, so the flags are shown
//! by `inspect` and not judged here.

use std::collections::HashSet;

use crate::model::{Assignment, EnrollmentProfile, IntuneObject, Mdm, Platform, Spanned, TargetKind};
use crate::rules::codes::SSO503;
use crate::rules::platform_sso::psso_payloads;
use crate::rules::{Context, Rule, RuleMeta, Scope};
use crate::Diagnostic;

/// See the module docs.
pub struct PssoEnrollmentSetup;

/// The help every finding carries: the three objects and where Microsoft says so.
const HELP: &str = "Platform SSO registration during Setup Assistant (macOS 26) works only when three objects agree: \
                    the Platform SSO policy with `EnableRegistrationDuringSetup`, Company Portal 5.2604.0 or later as \
                    a required app, and an ADE enrollment profile with user affinity, \"Setup Assistant with modern \
                    authentication\", await final configuration and locked enrollment, all three assigned to the \
                    same assigned (static) user groups. A misconfigured device has to be wiped and enrolled again";

impl Rule for PssoEnrollmentSetup {
    fn meta(&self) -> &'static RuleMeta {
        &SSO503
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        // The settings that turn registration during setup on, on payloads Intune delivers (the
        // ADE profiles judged here are Intune's).
        let settings: Vec<(&Spanned<bool>, Option<&IntuneObject>)> = psso_payloads(cx)
            .filter(|(payload, _)| payload.mdm == Mdm::Intune)
            .filter_map(|(payload, psso)| {
                let on = psso.enable_registration_during_setup.as_ref().filter(|b| b.value)?;
                Some((on, payload.object.and_then(|o| cx.model.objects.get(o))))
            })
            .collect();
        let Some(&(first, _)) = settings.first() else {
            return;
        };
        let profiles: Vec<(&EnrollmentProfile, &IntuneObject)> = cx
            .model
            .enrollment_profiles
            .iter()
            .filter_map(|e| Some((e, cx.model.objects.get(e.object)?)))
            .filter(|(_, o)| o.platform == Platform::Macos)
            .collect();
        enrollment_profiles(cx, &profiles, first, out);
        let groups = profile_groups(&profiles);
        let mut seen = HashSet::new();
        for (_, object) in settings {
            let Some(object) = object.filter(|o| seen.insert(o.node)) else {
                continue;
            };
            let Some(assignments) = &object.assignments else {
                continue;
            };
            all_devices(cx, object, assignments, out);
            if let Some(groups) = &groups {
                missing_groups(cx, groups, object, assignments, out);
            }
        }
    }
}

/// The flags of an ADE profile that registration during setup needs, with Microsoft's names.
fn switches(profile: &EnrollmentProfile) -> [(&Option<Spanned<bool>>, &'static str, &'static str); 2] {
    [
        (
            &profile.await_device_configured_confirmation,
            "waitForDeviceConfiguredConfirmation",
            "await final configuration",
        ),
        (
            &profile.profile_removal_disabled,
            "profileRemovalDisabled",
            "locked enrollment",
        ),
    ]
}

fn is_true(flag: &Option<Spanned<bool>>) -> bool {
    flag.as_ref().is_some_and(|f| f.value)
}

fn explicitly_false(flag: &Option<Spanned<bool>>) -> Option<&Spanned<bool>> {
    flag.as_ref().filter(|f| !f.value)
}

fn profile_name(object: &IntuneObject) -> String {
    object.display_name.as_deref().map_or_else(
        || "the macOS enrollment profile".to_owned(),
        |n| format!("macOS enrollment profile `{n}`"),
    )
}

/// The ADE profile findings: only when no macOS profile of the set is complete.
fn enrollment_profiles(
    cx: &Context<'_>,
    profiles: &[(&EnrollmentProfile, &IntuneObject)],
    setting: &Spanned<bool>,
    out: &mut crate::rules::Findings<'_>,
) {
    let complete = |p: &EnrollmentProfile| {
        is_true(&p.requires_user_authentication) && switches(p).iter().all(|(flag, _, _)| is_true(flag))
    };
    if profiles.iter().any(|(p, _)| complete(p)) {
        return;
    }
    let with_affinity = profiles.iter().any(|(p, _)| is_true(&p.requires_user_authentication));
    for (profile, object) in profiles {
        crate::work::add(1);
        let name = profile_name(object);
        if !with_affinity {
            if let Some(off) = explicitly_false(&profile.requires_user_authentication) {
                out.push(finding(
                    cx,
                    format!("{name} enrolls without user affinity, but Platform SSO registers during setup"),
                    cx.at(off),
                    "user affinity off",
                    setting,
                ));
            }
            continue;
        }
        if !is_true(&profile.requires_user_authentication) {
            continue;
        }
        for (flag, key, label) in switches(profile) {
            if let Some(off) = explicitly_false(flag) {
                out.push(finding(
                    cx,
                    format!("{name} turns off {label} (`{key}`), which Platform SSO registration during setup needs"),
                    cx.at(off),
                    &format!("{label} off"),
                    setting,
                ));
            }
        }
    }
}

fn finding(
    cx: &Context<'_>,
    message: String,
    at: crate::diagnostic::Location,
    label: &str,
    setting: &Spanned<bool>,
) -> Diagnostic {
    cx.report(&SSO503, message, at)
        .with_label(label.to_owned())
        .with_related(cx.at(setting), "registration during setup turned on here")
        .with_help(HELP)
}

fn group_key(a: &Assignment) -> Option<String> {
    a.group
        .as_deref()
        .map(|g| g.trim().to_ascii_lowercase())
        .filter(|g| !g.is_empty())
}

/// A policy with registration during setup assigned to all devices: device targets do not work.
fn all_devices(
    cx: &Context<'_>,
    object: &IntuneObject,
    assignments: &[Assignment],
    out: &mut crate::rules::Findings<'_>,
) {
    let name = object
        .display_name
        .as_deref()
        .map(|n| format!(" `{n}`"))
        .unwrap_or_default();
    if let Some(a) = assignments.iter().find(|a| a.target == TargetKind::AllDevices) {
        // The setting is in the same file, often hundreds of lines up: named, not drawn.
        out.push(
            cx.report(
                &SSO503,
                format!(
                    "the Platform SSO policy{name} turns on registration during setup \
                     (`EnableRegistrationDuringSetup`) but is assigned to all devices"
                ),
                crate::rules::authenticator::target_location(cx, a),
            )
            .with_label("all devices: device targets don't work here")
            .with_help(HELP),
        );
    }
}

/// The groups the user-affinity macOS ADE profiles are assigned to, when the export carries
/// their assignments (`None`: nothing to compare, or one of them reaches all users).
fn profile_groups(profiles: &[(&EnrollmentProfile, &IntuneObject)]) -> Option<HashSet<String>> {
    let mut groups = HashSet::new();
    let mut known = false;
    for (_, object) in profiles
        .iter()
        .filter(|(p, _)| is_true(&p.requires_user_authentication))
    {
        let Some(list) = &object.assignments else {
            continue;
        };
        known = true;
        for a in list {
            crate::work::add(1);
            match a.target {
                TargetKind::AllUsers => return None,
                TargetKind::Group => groups.extend(group_key(a)),
                _ => {}
            }
        }
    }
    known.then_some(groups)
}

/// A group of the policy that no user-affinity ADE profile is assigned to.
fn missing_groups(
    cx: &Context<'_>,
    profile_groups: &HashSet<String>,
    policy: &IntuneObject,
    policy_assignments: &[Assignment],
    out: &mut crate::rules::Findings<'_>,
) {
    let policy_name = policy
        .display_name
        .as_deref()
        .map(|n| format!(" `{n}`"))
        .unwrap_or_default();
    for a in policy_assignments.iter().filter(|a| a.target == TargetKind::Group) {
        crate::work::add(1);
        let Some(g) = group_key(a).filter(|g| !profile_groups.contains(g)) else {
            continue;
        };
        let shown = a.group.as_deref().unwrap_or(&g);
        out.push(
            cx.report(
                &SSO503,
                format!("group `{shown}` receives the Platform SSO policy{policy_name} but no macOS enrollment profile with user affinity"),
                crate::rules::authenticator::target_location(cx, a),
            )
            .with_label("not assigned an enrollment profile")
            .with_help(HELP),
        );
    }
}
