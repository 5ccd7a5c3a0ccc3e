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
                        name: &app.name,
                        platform,
                    });
                }
            }
        }
        for app in catalog::apple_apps() {
            out.push(Known {
                id: &app.bundle_id,
                name: &app.name,
                platform: app.platform,
            });
        }
        out
    })
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
    known
        .iter()
        .filter(|k| !ascii || k.id.len().abs_diff(entry.len()) <= MAX_DISTANCE)
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
}
