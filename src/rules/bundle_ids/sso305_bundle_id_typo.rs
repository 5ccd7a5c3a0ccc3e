//! SSO305 bundle-id-typo: an entry one or two edits away from a catalog bundle id (Microsoft or
//! Apple apps) but equal to none.
//!
//! Compared case-insensitively (Levenshtein on lower-cased text). In prefix lists an entry that
//! is a prefix of a catalog id is a working prefix, not a typo. Among equally close ids, one of
//! the payload's platform wins, then the one closest in letter case to the entry (so the fix keeps
//! the author's style). The unsafe fix writes the catalog id.

use std::sync::OnceLock;

use crate::catalog;
use crate::diagnostic::Applicability;
use crate::model::common::strip_prefix_ignore_ascii_case;
use crate::model::Platform;
use crate::rules::codes::SSO305;
use crate::rules::{Context, Rule, RuleMeta};
use crate::suggest::distance_within;

use super::lists;

/// The largest edit distance still read as a typo.
const MAX_DISTANCE: usize = 2;

/// See the module docs.
pub struct BundleIdTypo;

/// A catalog bundle id: the id, its app's name and the platform it belongs to.
struct Known {
    id: &'static str,
    /// The id's [`char_mask`].
    mask: u64,
    name: &'static str,
    platform: Platform,
}

/// Every catalog bundle id, gathered once per process.
fn known_ids() -> &'static [Known] {
    static KNOWN: OnceLock<Vec<Known>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut out = Vec::new();
        for app in catalog::microsoft_apps() {
            for platform in [Platform::Ios, Platform::Macos] {
                for id in app.bundle_ids(platform) {
                    out.push(Known {
                        id,
                        mask: char_mask(id),
                        name: &app.name,
                        platform,
                    });
                }
            }
        }
        for app in catalog::apple_apps() {
            out.push(Known {
                id: &app.bundle_id,
                mask: char_mask(&app.bundle_id),
                name: &app.name,
                platform: app.platform,
            });
        }
        out
    })
}

/// Which characters a string holds (ASCII letters folded to lower case), a bit each modulo 64.
///
/// One edit (a substitution, insertion or deletion) changes at most two bits, so two strings
/// within edit distance `d` differ in at most `2 d` bits: a cheap test that rules most catalog
/// ids out before the distance is computed, and never rules out one within reach.
fn char_mask(s: &str) -> u64 {
    s.chars()
        .fold(0, |mask, c| mask | 1 << (u32::from(c.to_ascii_lowercase()) % 64))
}

/// The catalog id `entry` most likely misspells, if any (see the module docs).
fn nearest<'k>(entry: &str, prefix_list: bool, platform: Platform, known: &'k [Known]) -> Option<&'k Known> {
    if entry.is_empty()
        || known.iter().any(|k| {
            k.id.eq_ignore_ascii_case(entry) || (prefix_list && strip_prefix_ignore_ascii_case(k.id, entry).is_some())
        })
    {
        return None;
    }
    // Catalog ids are ASCII: for an ASCII entry, byte lengths further apart than the bound rule an
    // id out before any comparison (most of the catalog, for most entries).
    let ascii = entry.is_ascii();
    let mask = char_mask(entry);
    known
        .iter()
        .filter(|k| !ascii || k.id.len().abs_diff(entry.len()) <= MAX_DISTANCE)
        .filter(|k| (k.mask ^ mask).count_ones() as usize <= 2 * MAX_DISTANCE)
        .filter_map(|k| Some((distance_within(entry, k.id, MAX_DISTANCE)?, k)))
        .min_by_key(|(d, k)| {
            (
                *d,
                platform != Platform::Unknown && k.platform != platform,
                strsim::levenshtein(entry, k.id),
            )
        })
        .map(|(_, k)| k)
}

impl Rule for BundleIdTypo {
    fn meta(&self) -> &'static RuleMeta {
        &SSO305
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            for list in &payload.bundle_lists {
                for (index, item) in list.items.iter().enumerate() {
                    let Some(k) = nearest(item.id(), list.kind.is_prefix_list(), payload.platform, known_ids()) else {
                        continue;
                    };
                    let mut d = cx
                        .report(
                            &SSO305,
                            format!("`{}` is close to {}'s bundle id `{}` but not equal to it", item.id(), k.name, k.id),
                            lists::item_location(cx, payload, item),
                        )
                        .with_label(format!("did you mean `{}`?", k.id))
                        .with_help(format!(
                            "did you mean `{}` ({}, {})? A misspelt id matches no app. If the entry is a different, real app, \
                             suppress this finding with a reason",
                            k.id,
                            k.name,
                            k.platform.display_name()
                        ));
                    if let Some(edit) =
                        lists::text_doc(cx, payload).and_then(|doc| lists::replace_item(doc, list, index, k.id))
                    {
                        d = d.with_fix(Applicability::Unsafe, format!("Replace with `{}`", k.id), vec![edit]);
                    }
                    out.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        let hit = |e: &str, prefix: bool, p: Platform| nearest(e, prefix, p, known_ids()).map(|k| k.id);
        assert_eq!(
            hit("com.microsoft.Office.Outlok", false, Platform::Ios),
            Some("com.microsoft.Office.Outlook")
        );
        assert_eq!(
            hit("com.microsoft.office.outlok", false, Platform::Ios),
            Some("com.microsoft.office.outlook")
        );
        assert_eq!(hit("com.microsoft.office.outlook", false, Platform::Ios), None);
        assert_eq!(hit("COM.MICROSOFT.OFFICE.OUTLOOK", false, Platform::Ios), None);
        assert_eq!(
            hit("com.apple.mobilesafar", false, Platform::Ios),
            Some("com.apple.mobilesafari")
        );
        assert_eq!(hit("com.contoso.expenses", false, Platform::Ios), None);
        // A truncated id is a working prefix in a prefix list, a typo elsewhere.
        assert_eq!(hit("com.microsoft.skype.team", true, Platform::Ios), None);
        assert_eq!(
            hit("com.microsoft.skype.team", false, Platform::Ios),
            Some("com.microsoft.skype.teams")
        );
        assert_eq!(hit("", false, Platform::Ios), None);
    }

    #[test]
    fn char_masks_never_rule_out_an_id_within_reach() {
        // Every one- and two-edit variant of every catalog id (substitutions, insertions and
        // deletions with ASCII, upper-case and non-ASCII characters) stays within the bound.
        let within = |a: &str, b: &str, edits: usize| (char_mask(a) ^ char_mask(b)).count_ones() as usize <= 2 * edits;
        let one_edit = |id: &str, at: usize, c: char| -> Vec<String> {
            let chars: Vec<char> = id.chars().collect();
            let at = at % (chars.len() + 1);
            let mut deleted = chars.clone();
            let mut substituted = chars.clone();
            if at < chars.len() {
                deleted.remove(at);
                substituted[at] = c;
            }
            let mut inserted = chars;
            inserted.insert(at, c);
            [deleted, substituted, inserted]
                .map(|v| v.into_iter().collect())
                .to_vec()
        };
        let mut checked = 0;
        for known in known_ids() {
            for (at, c) in [(0, 'x'), (5, 'Q'), (11, 'é'), (17, '.'), (40, 'z')] {
                for once in one_edit(known.id, at, c) {
                    assert!(within(known.id, &once, 1), "{} / {once}", known.id);
                    for twice in one_edit(&once, at + 3, 'ß') {
                        assert!(within(known.id, &twice, 2), "{} / {twice}", known.id);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "only {checked} variants");
        // And it does rule out what is far: another app's id.
        assert!(!within("com.microsoft.Office.Outlook", "com.apple.mobilesafari", 2));
    }
}
