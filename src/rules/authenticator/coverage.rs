//! Whether a host app's `required` assignments cover every target of the SSO profiles it serves:
//! Microsoft Authenticator for iOS profiles (SSO403), Company Portal for macOS ones (SSO406).
//!
//! Each group a profile includes (by `groupId`, or IntuneCD's `groupName`, compared
//! case-insensitively) must be covered by one host record that is required for that group, or for
//! all users or all devices, and does not exclude it (an exclusion with intent `required`, or
//! without an intent). A profile assigned to all users or all devices needs a required all-users
//! or all-devices assignment; groups that assignment excludes are gaps too. Groups the profile
//! itself excludes are skipped. Exports carry no group membership, so nested groups count as
//! different groups. Each uncovered target is reported once per lint set, on the first profile
//! assignment that names it; profiles whose assignments are unknown are skipped.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Location;
use crate::model::{Assignment, Intent, IntuneObject, SsoPayload, TargetKind};
use crate::rules::Context;

/// A record of the host app: its Intune object (for the assignments) and where to point at it.
pub(super) struct Host<'a> {
    /// The app's Intune object.
    pub(super) object: &'a IntuneObject,
    /// Where to point at the record (its bundle id).
    pub(super) at: Location,
}

/// The required assignments of every host record, indexed by group so that each question costs
/// what its answer depends on, not the number of records (a lint set may hold many).
struct Index<'a> {
    /// Host records required for all users or all devices.
    everyone: HashSet<usize>,
    /// Group (lower-cased) → the records required for it.
    required: HashMap<String, Vec<usize>>,
    /// Group (lower-cased) → the records that exclude it from the required install, with the
    /// exclusion, in record and assignment order.
    excluded: HashMap<String, Vec<(usize, &'a Assignment)>>,
    /// The exclusions of the records required for everyone, in record and assignment order.
    everyone_exclusions: Vec<(String, &'a Assignment)>,
    /// Answers of [`Index::covered`] so far.
    memo: HashMap<String, bool>,
}

impl<'a> Index<'a> {
    /// The first exclusion of `group` by any record.
    fn exclusion(&self, group: &str) -> Option<&'a Assignment> {
        self.excluded.get(group).and_then(|list| list.first()).map(|(_, a)| *a)
    }

    /// Whether one record is required for `group` (or for everyone) and does not exclude it.
    fn covered(&mut self, group: &str) -> bool {
        if let Some(&known) = self.memo.get(group) {
            return known;
        }
        let excluding: HashSet<usize> = self
            .excluded
            .get(group)
            .map(|list| list.iter().map(|(c, _)| *c).collect())
            .unwrap_or_default();
        crate::work::add_usize(excluding.len() + 1);
        let everyone_excluding = excluding.iter().filter(|c| self.everyone.contains(c)).count();
        let by_everyone = self.everyone.len() > everyone_excluding;
        let by_group = self.required.get(group).is_some_and(|list| {
            crate::work::add_usize(list.len());
            list.iter().any(|c| !excluding.contains(c))
        });
        let covered = by_everyone || by_group;
        self.memo.insert(group.to_owned(), covered);
        covered
    }
}

fn group_key(a: &Assignment) -> Option<String> {
    a.group
        .as_deref()
        .map(|g| g.trim().to_ascii_lowercase())
        .filter(|g| !g.is_empty())
}

/// A target of an SSO profile that the host app's required assignments do not cover.
pub(super) enum Gap<'a> {
    /// A group the profile includes: no host record is required for it, or `exclusion` excludes it.
    Group {
        /// The profile's assignment of the group.
        at: &'a Assignment,
        /// The group as written.
        shown: &'a str,
        /// The host assignment that excludes the group, if one does.
        exclusion: Option<&'a Assignment>,
    },
    /// The profile goes to all users or all devices; no host record is required for everyone.
    Everyone {
        /// The profile's all-users or all-devices assignment.
        at: &'a Assignment,
        /// `all users` or `all devices`.
        who: &'static str,
    },
    /// A group reached through the profile's all-users or all-devices assignment, excluded from the
    /// host app's required-for-everyone assignment.
    ExcludedFromEveryone {
        /// The profile's all-users or all-devices assignment.
        at: &'a Assignment,
        /// The group as written in the exclusion.
        shown: &'a str,
        /// `all users` or `all devices`.
        who: &'static str,
        /// The host assignment that excludes it.
        exclusion: &'a Assignment,
    },
}

/// One gap, with the profile it was found on (` `name`` or empty, for messages).
pub(super) struct ProfileGap<'a> {
    /// The profile's display name as ` `name`` (leading space), or empty.
    pub(super) profile: String,
    /// The gap.
    pub(super) gap: Gap<'a>,
}

/// The gaps of the profiles holding `payloads` against the `hosts`' required assignments, with
/// the place of the first host record that has a required inclusion. `None` when no host record
/// has one (then the app is not required at all: SSO402/SSO406 report that instead).
pub(super) fn gaps<'a>(
    cx: &Context<'a>,
    hosts: Vec<Host<'a>>,
    payloads: impl Iterator<Item = &'a SsoPayload>,
) -> Option<(Location, Vec<ProfileGap<'a>>)> {
    let mut index = Index {
        everyone: HashSet::new(),
        required: HashMap::new(),
        excluded: HashMap::new(),
        everyone_exclusions: Vec::new(),
        memo: HashMap::new(),
    };
    let mut host_at = None;
    for (c, host) in hosts.into_iter().enumerate() {
        let Some(list) = host.object.assignments.as_ref() else {
            continue;
        };
        let mut includes = false;
        let mut exclusions = Vec::new();
        for a in list {
            crate::work::add(1);
            let required = matches!(a.intent.as_ref().map(|i| &i.value), Some(Intent::Required));
            match a.target {
                TargetKind::AllUsers | TargetKind::AllDevices if required => {
                    index.everyone.insert(c);
                    includes = true;
                }
                TargetKind::Group if required => {
                    if let Some(g) = group_key(a) {
                        index.required.entry(g).or_default().push(c);
                        includes = true;
                    }
                }
                TargetKind::ExclusionGroup if required || a.intent.is_none() => {
                    if let Some(g) = group_key(a) {
                        index.excluded.entry(g.clone()).or_default().push((c, a));
                        exclusions.push((g, a));
                    }
                }
                _ => {}
            }
        }
        if index.everyone.contains(&c) {
            index.everyone_exclusions.extend(exclusions);
        }
        if includes && host_at.is_none() {
            host_at = Some(host.at);
        }
    }
    let host_at = host_at?;
    let required_for_everyone = !index.everyone.is_empty();
    // Exclusions from the required-for-everyone install still to be reported; each is dropped
    // once reported or covered, so the profiles reaching everyone do not each walk all of them.
    let mut pending = std::mem::take(&mut index.everyone_exclusions);
    let mut out = Vec::new();
    let mut reported: HashSet<String> = HashSet::new();
    let mut seen_objects: HashSet<usize> = HashSet::new();
    for payload in payloads {
        crate::work::add(1);
        let Some(object_index) = payload.object.filter(|&o| seen_objects.insert(o)) else {
            continue;
        };
        let Some(object) = cx.model.objects.get(object_index) else {
            continue;
        };
        let Some(assignments) = &object.assignments else {
            continue;
        };
        let profile = object
            .display_name
            .as_deref()
            .map(|n| format!(" `{n}`"))
            .unwrap_or_default();
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
                    if profile_excludes.contains(&g) || index.covered(&g) || !reported.insert(g.clone()) {
                        continue;
                    }
                    out.push(ProfileGap {
                        profile: profile.clone(),
                        gap: Gap::Group {
                            at: a,
                            shown: a.group.as_deref().unwrap_or_default(),
                            exclusion: index.exclusion(&g),
                        },
                    });
                }
                TargetKind::AllUsers | TargetKind::AllDevices => {
                    let who = if a.target == TargetKind::AllUsers {
                        "all users"
                    } else {
                        "all devices"
                    };
                    if !required_for_everyone {
                        if reported.insert(who.to_owned()) {
                            out.push(ProfileGap {
                                profile: profile.clone(),
                                gap: Gap::Everyone { at: a, who },
                            });
                        }
                        continue;
                    }
                    // Required for everyone: the groups it excludes are the gaps. Those this
                    // profile excludes stay pending for other profiles.
                    pending.retain(|(g, ex)| {
                        crate::work::add(1);
                        if index.covered(g) || reported.contains(g) {
                            return false;
                        }
                        if profile_excludes.contains(g) {
                            return true;
                        }
                        reported.insert(g.clone());
                        out.push(ProfileGap {
                            profile: profile.clone(),
                            gap: Gap::ExcludedFromEveryone {
                                at: a,
                                shown: ex.group.as_deref().unwrap_or_default(),
                                who,
                                exclusion: ex,
                            },
                        });
                        false
                    });
                }
                _ => {}
            }
        }
    }
    Some((host_at, out))
}

impl<'a> ProfileGap<'a> {
    /// The profile assignment the gap is reported on.
    pub(super) fn at(&self) -> &'a Assignment {
        match self.gap {
            Gap::Group { at, .. } | Gap::Everyone { at, .. } | Gap::ExcludedFromEveryone { at, .. } => at,
        }
    }

    /// The message and the related place (with its label) of the gap, for the host app `app`
    /// ("Microsoft Authenticator", "Company Portal"), whose required record is at `host_at` (the
    /// label of that place is the app's name).
    pub(super) fn describe(
        &self,
        cx: &Context<'_>,
        app: &'static str,
        host_at: &Location,
    ) -> (String, Location, &'static str) {
        let name = &self.profile;
        match self.gap {
            Gap::Group {
                shown,
                exclusion: Some(ex),
                ..
            } => (
                format!("group `{shown}` receives the SSO profile{name} but is excluded from {app}"),
                super::target_location(cx, ex),
                "excluded here",
            ),
            Gap::Group {
                shown, exclusion: None, ..
            } => (
                format!("group `{shown}` receives the SSO profile{name} but {app} is not required for it"),
                host_at.clone(),
                app,
            ),
            Gap::Everyone { who, .. } => (
                format!("the SSO profile{name} is assigned to {who}, but {app} is not required for all users or all devices"),
                host_at.clone(),
                app,
            ),
            Gap::ExcludedFromEveryone {
                shown, who, exclusion, ..
            } => (
                format!("group `{shown}` receives the SSO profile{name} through {who} but is excluded from {app}"),
                super::target_location(cx, exclusion),
                "excluded here",
            ),
        }
    }
}
