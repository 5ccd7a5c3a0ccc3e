//! When two SSO payloads are installed on one device together: in the same profile, policy or
//! Intune object, or in Intune objects whose assignments overlap (SSO106 for URLs, SSO608 for a
//! second payload of the Microsoft macOS extension).

use std::collections::HashSet;

use crate::model::{Assignment, Origin, SsoPayload, TargetKind};

/// What a payload is installed with: its profile or its Intune object, or itself alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(in crate::rules) enum Unit {
    /// A plist profile (index into `Model::profiles`).
    Profile(usize),
    /// An Intune object (index into `Model::objects`).
    Object(usize),
    /// A payload with neither (index into `Model::sso_payloads`).
    Alone(usize),
}

/// Who an object's assignments reach, for overlap tests.
#[derive(Debug, Default)]
pub(in crate::rules) struct Reach {
    /// Assigned to all users or all devices.
    pub(in crate::rules) everyone: bool,
    /// Included groups (lower-cased ids or names).
    pub(in crate::rules) groups: HashSet<String>,
    /// Excluded groups (lower-cased).
    pub(in crate::rules) excluded: HashSet<String>,
}

impl Reach {
    /// Who a list of assignments reaches.
    pub(in crate::rules) fn of(assignments: &[Assignment]) -> Reach {
        let mut reach = Reach::default();
        for a in assignments {
            match a.target {
                TargetKind::AllUsers | TargetKind::AllDevices => reach.everyone = true,
                TargetKind::Group => reach.groups.extend(a.group.as_deref().map(str::to_lowercase)),
                TargetKind::ExclusionGroup => reach.excluded.extend(a.group.as_deref().map(str::to_lowercase)),
                TargetKind::Other => {}
            }
        }
        reach
    }

    /// Who both reach, in words ("both profiles are assigned to …"), if anyone.
    pub(in crate::rules) fn overlap(&self, other: &Reach) -> Option<String> {
        if self.everyone && other.everyone {
            return Some("both profiles are assigned to all users or all devices".to_owned());
        }
        let excluded = |g: &String| self.excluded.contains(g) || other.excluded.contains(g);
        let mut shared: Vec<&String> = self
            .groups
            .intersection(&other.groups)
            .filter(|g| !excluded(g))
            .collect();
        shared.sort();
        if let Some(group) = shared.first() {
            return Some(format!("both profiles are assigned to group `{group}`"));
        }
        // One reaches everyone: the other's (not excluded) groups are shared.
        let some = if self.everyone {
            other
        } else if other.everyone {
            self
        } else {
            return None;
        };
        let mut reached: Vec<&String> = some.groups.iter().filter(|g| !excluded(g)).collect();
        reached.sort();
        reached
            .first()
            .map(|g| format!("one profile is assigned to all users or all devices and the other to group `{g}`"))
    }
}

/// The unit a payload is installed with.
pub(in crate::rules) fn unit(payload: &SsoPayload, index: usize) -> Unit {
    match (payload.origin, payload.object, payload.profile) {
        (Origin::Mobileconfig, _, Some(p)) => Unit::Profile(p),
        (_, Some(o), _) => Unit::Object(o),
        (_, None, Some(p)) => Unit::Profile(p),
        (_, None, None) => Unit::Alone(index),
    }
}

#[cfg(test)]
mod tests {
    use super::Reach;

    fn reach(everyone: bool, groups: &[&str], excluded: &[&str]) -> Reach {
        Reach {
            everyone,
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            excluded: excluded.iter().map(|g| (*g).to_owned()).collect(),
        }
    }

    #[test]
    fn overlaps() {
        assert!(reach(false, &["a"], &[])
            .overlap(&reach(false, &["a", "b"], &[]))
            .is_some_and(|w| w.contains("`a`")));
        assert!(reach(false, &["a"], &[]).overlap(&reach(false, &["b"], &[])).is_none());
        assert!(reach(true, &[], &[]).overlap(&reach(true, &[], &[])).is_some());
        assert!(reach(true, &[], &[])
            .overlap(&reach(false, &["b"], &[]))
            .is_some_and(|w| w.contains("all users")));
        // Everyone except group b, and a profile for group b only: no device gets both.
        assert!(reach(true, &[], &["b"]).overlap(&reach(false, &["b"], &[])).is_none());
        // Unassigned profiles reach nobody.
        assert!(reach(false, &[], &[]).overlap(&reach(true, &[], &[])).is_none());
    }
}
