//! SSO106 duplicate-sso-urls: the same URL in two SSO payloads that will be installed together.
//!
//! Apple requires the URLs of all installed Extensible SSO payloads to be unique (Intune repeats
//! it); which extension handles a duplicated URL is undefined. "Installed together" means: two
//! payloads of one profile (or of one Settings Catalog policy / Intune object); two Intune objects
//! whose assignments overlap (a shared included group, or all users / all devices); and, only with
//! `[sso] cross-file-urls = true`, any two payloads of which one has no assignment data (plain
//! profile files are often alternatives). URLs compare with scheme and host case-insensitive and
//! the path as written, ignoring a trailing `/` and surrounding spaces. A pair is reported when
//! either payload is a Microsoft one and they do not target different known platforms (an iOS and
//! a macOS payload never share a device), on the later URL, with a secondary label on the earlier.
//!
//! URLs are grouped by normalised form in a hash map, so only payloads sharing a URL are compared;
//! within a group, earlier occurrences are indexed by what could make them installed together
//! with a later one (their unit; for Intune objects, each included group and "all users or all
//! devices"; with `cross-file-urls`, everything) and by Microsoft flag and platform, so that a
//! payload is compared only with earlier ones that can conflict with it, not with every earlier
//! one: the work stays linear in the number of payloads sharing a URL (it grows beyond that only
//! when excluded groups cancel most shared ones). The earlier payload reported is the first that
//! conflicts, as a plain scan would find it. An occurrence is indexed only by keys a later
//! payload can look up, so a tree of one-payload profiles without assignment data indexes nothing
//! (memory that does not grow with the tree beyond one marker per distinct URL).

use std::collections::HashMap;

/// The maps of this rule take a key for every URL of every payload: a fast hasher (seeded per
/// run) instead of SipHash, which was half the rule's cost.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use crate::model::Platform;
use crate::rules::codes::SSO106;
use crate::rules::{Context, Rule, RuleMeta, Scope};

use super::support::normalize_url;
use super::together::{unit, Reach, Unit};

/// See the module docs.
pub struct DuplicateSsoUrls;

/// What an earlier occurrence of a URL is indexed by (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// Its unit: found by later payloads of the same unit.
    Unit(Unit),
    /// An Intune object assigned to all users or all devices.
    Everyone,
    /// An Intune object assigned to this included group (lower-cased).
    Group(String),
    /// An Intune object whose assignments reach anyone: found by objects assigned to everyone.
    Reached,
    /// A payload without assignment data (found with `cross-file-urls` only).
    NoReach,
    /// Every payload (found by payloads without assignment data with `cross-file-urls` only).
    All,
}

/// The earlier occurrences of one normalised URL.
#[derive(Default)]
struct Occurrences {
    /// The last payload that had this URL.
    last: Option<usize>,
    /// In order, those indexed by some key: (payload index, URL index).
    seq: Vec<(usize, usize)>,
    /// Positions in `seq`, by key, the payload's Microsoft flag and its platform.
    index: FastMap<(Key, bool, Platform), Vec<usize>>,
}

/// Why two payloads are installed together.
enum Together {
    /// Payloads of one profile, policy or Intune object.
    SameUnit,
    /// Intune objects whose assignments overlap (who both reach, in words).
    Assignments(String),
    /// Any two files, because `[sso] cross-file-urls` is on.
    CrossFile,
}

impl Rule for DuplicateSsoUrls {
    fn meta(&self) -> &'static RuleMeta {
        &SSO106
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let payloads = &cx.model.sso_payloads;
        if payloads.len() < 2 {
            return;
        }
        let units: Vec<Unit> = payloads.iter().enumerate().map(|(i, p)| unit(p, i)).collect();
        let mut reaches: FastMap<usize, Reach> = FastMap::default();
        for unit in &units {
            if let Unit::Object(o) = *unit {
                if let Some(list) = cx.model.objects.get(o).and_then(|obj| obj.assignments.as_deref()) {
                    reaches.entry(o).or_insert_with(|| Reach::of(list));
                }
            }
        }
        let reach_of = |u: Unit| match u {
            Unit::Object(o) => reaches.get(&o),
            _ => None,
        };
        let together = |a: usize, b: usize| -> Option<Together> {
            let (ua, ub) = (*units.get(a)?, *units.get(b)?);
            if ua == ub {
                return Some(Together::SameUnit);
            }
            match (reach_of(ua), reach_of(ub)) {
                (Some(ra), Some(rb)) => ra.overlap(rb).map(Together::Assignments),
                _ => cx.config.sso.cross_file_urls.then_some(Together::CrossFile),
            }
        };

        // A unit with one SSO payload finds nothing under its own unit key (repeats inside one
        // payload are skipped): only units with more are indexed by unit, which keeps the index
        // empty for a tree of one-payload profiles.
        let mut per_unit: FastMap<Unit, u32> = FastMap::default();
        for &u in &units {
            *per_unit.entry(u).or_default() += 1;
        }
        let shared_unit = |u: Unit| per_unit.get(&u).is_some_and(|&n| n > 1);

        // The keys an occurrence is indexed by, and the keys a later payload looks up. An
        // occurrence is indexed only by keys some lookup can ask for: `NoReach` and `All` are
        // looked up with `cross-file-urls` alone.
        let cross_file = cx.config.sso.cross_file_urls;
        let keys_of = |u: Unit, indexing: bool| -> Vec<Key> {
            let mut keys = Vec::new();
            if shared_unit(u) {
                keys.push(Key::Unit(u));
            }
            match reach_of(u) {
                Some(r) if indexing => {
                    if r.everyone {
                        keys.push(Key::Everyone);
                    }
                    keys.extend(r.groups.iter().cloned().map(Key::Group));
                    if r.everyone || !r.groups.is_empty() {
                        keys.push(Key::Reached);
                    }
                }
                Some(r) => {
                    if r.everyone {
                        keys.push(Key::Reached);
                    } else if !r.groups.is_empty() {
                        keys.push(Key::Everyone);
                        keys.extend(r.groups.iter().cloned().map(Key::Group));
                    }
                    if cross_file {
                        keys.push(Key::NoReach);
                    }
                }
                None if indexing && cross_file => keys.push(Key::NoReach),
                None if indexing => {}
                None if cross_file => keys.push(Key::All),
                None => {}
            }
            if indexing && cross_file {
                keys.push(Key::All);
            }
            keys
        };
        const PLATFORMS: [Platform; 3] = [Platform::Ios, Platform::Macos, Platform::Unknown];

        // Normalised URL → earlier occurrences.
        let mut seen: FastMap<String, Occurrences> = FastMap::default();
        for (pi, payload) in payloads.iter().enumerate() {
            let Some(&unit_p) = units.get(pi) else { continue };
            let (lookups, indexed) = (keys_of(unit_p, false), keys_of(unit_p, true));
            for (ui, url) in payload.urls.iter().enumerate() {
                let key = normalize_url(&url.value).unwrap_or_else(|| url.value.trim().to_owned());
                let earlier = seen.entry(key).or_default();
                if earlier.last.replace(pi) == Some(pi) {
                    // Repeated inside one payload (occurrences are added in payload order, so an
                    // earlier one of this payload is the last): not this rule's business.
                    continue;
                }
                // The first earlier occurrence that conflicts: in each list that can hold one,
                // the first that does; then the earliest of those.
                let mut best: Option<(usize, Together)> = None;
                for lookup in &lookups {
                    for microsoft in [true, false] {
                        if !(payload.microsoft || microsoft) {
                            continue;
                        }
                        for platform in PLATFORMS {
                            let other_platform = payload.platform != Platform::Unknown
                                && platform != Platform::Unknown
                                && platform != payload.platform;
                            if other_platform {
                                continue;
                            }
                            let Some(list) = earlier.index.get(&(lookup.clone(), microsoft, platform)) else {
                                continue;
                            };
                            for &position in list {
                                crate::work::add(1);
                                if best.as_ref().is_some_and(|(b, _)| *b <= position) {
                                    break;
                                }
                                let Some(&(qi, _)) = earlier.seq.get(position) else {
                                    break;
                                };
                                if let Some(why) = together(qi, pi) {
                                    best = Some((position, why));
                                    break;
                                }
                            }
                        }
                    }
                }
                let found = best.and_then(|(position, why)| {
                    let &(qi, qu) = earlier.seq.get(position)?;
                    Some((qi, qu, why))
                });
                if let Some((qi, qu, why)) = found {
                    if let Some(first) = payloads.get(qi).and_then(|p| p.urls.get(qu)) {
                        let help = match why {
                            Together::SameUnit => {
                                "both payloads are in the same profile; Apple requires the URLs of all installed SSO payloads to \
                                 be unique: keep each URL in one payload (merge the payloads)"
                                    .to_owned()
                            }
                            Together::Assignments(who) => format!(
                                "{who}; Apple requires the URLs of all installed SSO payloads to be unique: keep each URL in \
                                 one profile, or assign the profiles to groups that do not overlap"
                            ),
                            Together::CrossFile => {
                                "`[sso] cross-file-urls` is on, so the profiles of this run count as installed together; Apple \
                                 requires the URLs of all installed SSO payloads to be unique"
                                    .to_owned()
                            }
                        };
                        out.push(
                            cx.report(
                                &SSO106,
                                format!(
                                    "URL `{}` is also in another SSO payload installed with this one",
                                    url.value.trim()
                                ),
                                cx.at(url),
                            )
                            .with_label("duplicate URL")
                            .with_related(cx.at(first), "also listed here")
                            .with_help(help),
                        );
                    }
                }
                if indexed.is_empty() {
                    continue;
                }
                let position = earlier.seq.len();
                earlier.seq.push((pi, ui));
                for k in &indexed {
                    earlier
                        .index
                        .entry((k.clone(), payload.microsoft, payload.platform))
                        .or_default()
                        .push(position);
                }
            }
        }
    }
}
