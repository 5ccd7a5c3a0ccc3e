//! SSO403 authenticator-assignment-gap: a target of an iOS Microsoft SSO profile that Microsoft
//! Authenticator's `required` assignments do not cover.
//!
//! Each group the profile includes (by `groupId`, or IntuneCD's `groupName`, compared
//! case-insensitively) must be covered by one Authenticator record that is required for that
//! group, or for all users or all devices, and does not exclude it (an exclusion with intent
//! `required`, or without an intent). A profile assigned to all users or all devices needs a
//! required all-users or all-devices assignment; groups that assignment excludes are gaps too.
//! Groups the profile itself excludes are skipped. Exports carry no group membership, so nested
//! groups count as different groups.
//!
//! The rule runs only when some Authenticator record has a required inclusion (otherwise SSO402
//! reports it) and for profiles whose assignments are known. One diagnostic per uncovered
//! target, on the first profile assignment that names it.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Location;
use crate::model::{Assignment, Intent, TargetKind};
use crate::rules::codes::SSO403;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Diagnostic;

/// See the module docs.
pub struct AuthenticatorAssignmentGap;

/// What one Authenticator record's assignments cover.
struct Cover<'a> {
    /// Required for all users or all devices.
    everyone: bool,
    /// Groups it is required for (lower-cased).
    groups: HashSet<String>,
    /// Groups it excludes from the required install (lower-cased), with the exclusion.
    excluded: Vec<(String, &'a Assignment)>,
    /// Where to point at the record.
    at: Location,
}

/// Which groups the Authenticator records cover, indexed once so that each question about a
/// group is one lookup, not a pass over every record.
struct Coverage<'c, 'a> {
    /// How many records are required for all users or all devices.
    everyone: usize,
    /// Per group, how many of those records exclude it.
    excluded_by_everyone: HashMap<&'c str, usize>,
    /// The groups some record is required for and does not exclude.
    required: HashSet<&'c str>,
    /// Per group, the first exclusion of it (records in order, then their assignments).
    first_exclusion: HashMap<&'c str, &'a Assignment>,
}

impl<'c, 'a> Coverage<'c, 'a> {
    fn of(covers: &'c [Cover<'a>]) -> Self {
        let mut coverage = Coverage {
            everyone: 0,
            excluded_by_everyone: HashMap::new(),
            required: HashSet::new(),
            first_exclusion: HashMap::new(),
        };
        for cover in covers {
            crate::work::add(1);
            let excluded: HashSet<&str> = cover.excluded.iter().map(|(g, _)| g.as_str()).collect();
            for (group, assignment) in &cover.excluded {
                crate::work::add(1);
                coverage.first_exclusion.entry(group.as_str()).or_insert(*assignment);
            }
            if cover.everyone {
                coverage.everyone += 1;
                for group in excluded.iter().copied() {
                    *coverage.excluded_by_everyone.entry(group).or_default() += 1;
                }
            }
            for group in &cover.groups {
                crate::work::add(1);
                if !excluded.contains(group.as_str()) {
                    coverage.required.insert(group.as_str());
                }
            }
        }
        coverage
    }

    /// Whether one record is required for `group` (itself, or everyone) and does not exclude it.
    fn covered(&self, group: &str) -> bool {
        crate::work::add(1);
        self.required.contains(group)
            || (self.everyone > 0 && self.excluded_by_everyone.get(group).copied().unwrap_or(0) < self.everyone)
    }
}

fn group_key(a: &Assignment) -> Option<String> {
    a.group
        .as_deref()
        .map(|g| g.trim().to_ascii_lowercase())
        .filter(|g| !g.is_empty())
}

impl Rule for AuthenticatorAssignmentGap {
    fn meta(&self) -> &'static RuleMeta {
        &SSO403
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let covers: Vec<Cover<'_>> = super::authenticators(cx)
            .into_iter()
            .filter_map(|auth| {
                let list = auth.object.assignments.as_ref()?;
                let mut cover = Cover {
                    everyone: false,
                    groups: HashSet::new(),
                    excluded: Vec::new(),
                    at: cx.at(auth.bundle_id),
                };
                for a in list {
                    let required = matches!(a.intent.as_ref().map(|i| &i.value), Some(Intent::Required));
                    match a.target {
                        TargetKind::AllUsers | TargetKind::AllDevices if required => cover.everyone = true,
                        TargetKind::Group if required => cover.groups.extend(group_key(a)),
                        TargetKind::ExclusionGroup if required || a.intent.is_none() => {
                            if let Some(g) = group_key(a) {
                                cover.excluded.push((g, a));
                            }
                        }
                        _ => {}
                    }
                }
                Some(cover)
            })
            .collect();
        // Without any required inclusion SSO402 reports Authenticator; nothing to compare here.
        let Some(auth_at) = covers
            .iter()
            .find(|c| c.everyone || !c.groups.is_empty())
            .map(|c| c.at.clone())
        else {
            return;
        };
        let coverage = Coverage::of(&covers);
        // The groups records required for everyone exclude and no record covers, each once with
        // its first exclusion, in record order: the gaps of a profile assigned to everyone. Each
        // leaves the list once reported, so profiles assigned to everyone do not each walk it.
        let mut seen_gaps: HashSet<&str> = HashSet::new();
        let mut everyone_gaps: Vec<(&str, &Assignment)> = covers
            .iter()
            .filter(|c| c.everyone)
            .flat_map(|c| c.excluded.iter())
            .filter(|(g, _)| seen_gaps.insert(g.as_str()) && !coverage.covered(g))
            .map(|(g, ex)| (g.as_str(), *ex))
            .collect();
        let mut reported: HashSet<String> = HashSet::new();
        let mut seen_objects: HashSet<usize> = HashSet::new();
        for payload in super::ios_sso_payloads(cx) {
            let Some(index) = payload.object.filter(|&o| seen_objects.insert(o)) else {
                continue;
            };
            let Some(object) = cx.model.objects.get(index) else {
                continue;
            };
            let Some(assignments) = &object.assignments else {
                continue;
            };
            let name = object
                .display_name
                .as_deref()
                .map(|n| format!(" `{n}`"))
                .unwrap_or_default();
            // Whether this profile's assignments to everyone were already matched with the gaps.
            let mut swept = false;
            let profile_excludes: HashSet<String> = assignments
                .iter()
                .filter(|a| a.target == TargetKind::ExclusionGroup)
                .filter_map(group_key)
                .collect();
            for a in assignments {
                crate::work::add(1);
                match a.target {
                    TargetKind::Group => {
                        let Some(g) = group_key(a) else { continue };
                        if profile_excludes.contains(&g) || coverage.covered(&g) || !reported.insert(g.clone()) {
                            continue;
                        }
                        let shown = a.group.as_deref().unwrap_or_default();
                        let exclusion = coverage.first_exclusion.get(g.as_str()).copied();
                        let (message, related) = match exclusion {
                            Some(ex) => (
                                format!("group `{shown}` receives the SSO profile{name} but is excluded from Microsoft Authenticator"),
                                (super::target_location(cx, ex), "excluded here"),
                            ),
                            None => (
                                format!("group `{shown}` receives the SSO profile{name} but Microsoft Authenticator is not required for it"),
                                (auth_at.clone(), "Microsoft Authenticator"),
                            ),
                        };
                        out.push(report(cx, message, a, related));
                    }
                    TargetKind::AllUsers | TargetKind::AllDevices => {
                        let who = if a.target == TargetKind::AllUsers {
                            "all users"
                        } else {
                            "all devices"
                        };
                        if coverage.everyone == 0 {
                            if reported.insert(who.to_owned()) {
                                let message = format!(
                                    "the SSO profile{name} is assigned to {who}, but Microsoft Authenticator is not required for all users or all devices"
                                );
                                out.push(report(cx, message, a, (auth_at.clone(), "Microsoft Authenticator")));
                            }
                            continue;
                        }
                        // Required for everyone: the groups it excludes are the gaps. Once matched,
                        // what is left of the list is excluded by this profile or reported.
                        if std::mem::replace(&mut swept, true) {
                            continue;
                        }
                        everyone_gaps.retain(|&(g, ex)| {
                            crate::work::add(1);
                            if reported.contains(g) {
                                return false;
                            }
                            if profile_excludes.contains(g) {
                                return true;
                            }
                            reported.insert(g.to_owned());
                            let shown = ex.group.as_deref().unwrap_or_default();
                            let message = format!(
                                "group `{shown}` receives the SSO profile{name} through {who} but is excluded from Microsoft Authenticator"
                            );
                            out.push(report(
                                cx,
                                message,
                                a,
                                (super::target_location(cx, ex), "excluded here"),
                            ));
                            false
                        });
                    }
                    _ => {}
                }
            }
        }
    }
}

fn report(cx: &Context<'_>, message: String, at: &Assignment, related: (Location, &str)) -> Diagnostic {
    cx.report(&SSO403, message, super::target_location(cx, at))
        .with_label("SSO profile assigned here")
        .with_related(related.0, related.1)
        .with_help(
            "users in this target get an SSO configuration whose extension is not installed: no SSO and no \
             Just-in-Time registration for them. Assign Microsoft Authenticator as Required to the same groups as the \
             SSO profile (or to all users), and remove exclusions of these groups",
        )
}
