//! SSO306 wrong-platform-bundle-id: a catalog bundle id of the other platform (macOS
//! `com.apple.Safari` in an iOS payload, iOS `com.microsoft.office.word` in a macOS one).
//!
//! Only for payloads whose platform is known. Ids compare case-insensitively and whole
//! (`com.apple.Safari` is not `com.apple.SafariViewService`). In prefix lists an entry that
//! starts some catalog id of the payload's own platform still works as a prefix and is left alone.

use crate::catalog;
use crate::model::{BundleListKind, Platform};
use crate::rules::codes::SSO306;
use crate::rules::{Context, Rule, RuleMeta};

use super::lists;

/// See the module docs.
pub struct WrongPlatformBundleId;

/// An id of the other platform: the app's name, the platform the id belongs to, the app's id on
/// the payload's platform (if it has one), and whether it is an Apple app.
struct Mismatch {
    name: String,
    belongs_to: Platform,
    counterpart: Option<String>,
    apple: bool,
}

fn other(platform: Platform) -> Platform {
    match platform {
        Platform::Ios => Platform::Macos,
        Platform::Macos => Platform::Ios,
        Platform::Unknown => Platform::Unknown,
    }
}

/// Whether `id` is a bundle id of another platform than `platform` and of none on `platform`.
fn mismatch(id: &str, platform: Platform) -> Option<Mismatch> {
    if let Some((app, _)) = catalog::find_app_by_bundle_id(id) {
        let has = |p: Platform| app.bundle_ids(p).iter().any(|known| known.eq_ignore_ascii_case(id));
        if has(platform) || !has(other(platform)) {
            return None;
        }
        return Some(Mismatch {
            name: app.name.clone(),
            belongs_to: other(platform),
            counterpart: app.primary_bundle_id(platform).map(str::to_owned),
            apple: false,
        });
    }
    let app = catalog::find_apple_app_by_bundle_id(id)?;
    if app.platform == platform {
        return None;
    }
    let counterpart = catalog::apple_apps()
        .iter()
        .find(|a| a.name == app.name && a.platform == platform);
    Some(Mismatch {
        name: app.name.clone(),
        belongs_to: app.platform,
        counterpart: counterpart.map(|a| a.bundle_id.clone()),
        apple: true,
    })
}

/// Whether a prefix matches some catalog id of `platform`.
fn prefix_works_on(prefix: &str, platform: Platform) -> bool {
    let prefix = prefix.to_ascii_lowercase();
    let starts = |id: &str| id.to_ascii_lowercase().starts_with(&prefix);
    catalog::microsoft_apps()
        .iter()
        .flat_map(|a| a.bundle_ids(platform))
        .any(|id| starts(id))
        || catalog::apple_apps()
            .iter()
            .filter(|a| a.platform == platform)
            .any(|a| starts(&a.bundle_id))
}

impl Rule for WrongPlatformBundleId {
    fn meta(&self) -> &'static RuleMeta {
        &SSO306
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            let platform = payload.platform;
            if platform == Platform::Unknown {
                continue;
            }
            for list in &payload.bundle_lists {
                for item in &list.items {
                    let id = item.id();
                    let Some(m) = mismatch(id, platform) else {
                        continue;
                    };
                    if list.kind.is_prefix_list() && prefix_works_on(id, platform) {
                        continue;
                    }
                    let mut help = match &m.counterpart {
                        Some(c) => format!(
                            "on {} {} is `{c}`: use that id, or remove the entry",
                            platform.display_name(),
                            m.name
                        ),
                        None => format!(
                            "{} has no known {} bundle id: remove the entry",
                            m.name,
                            platform.display_name()
                        ),
                    };
                    if m.apple && list.kind.is_block_list() && platform == Platform::Ios {
                        help.push_str("; to stop Safari using SSO on iOS, block `com.apple.mobilesafari` and `com.apple.SafariViewService`");
                    } else if m.apple
                        && matches!(
                            list.kind,
                            BundleListKind::AppAllowList | BundleListKind::BundleIdAccessControlList
                        )
                    {
                        help.push_str("; Safari and Safari View Service may use SSO by default and need no listing");
                    }
                    out.push(
                        cx.report(
                            &SSO306,
                            format!(
                                "`{id}` is the {} bundle id of {}, but this payload is for {}",
                                m.belongs_to.display_name(),
                                m.name,
                                platform.display_name()
                            ),
                            lists::item_location(cx, payload, item),
                        )
                        .with_label(format!("{} id; matches no app here", m.belongs_to.display_name()))
                        .with_help(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms() {
        let m = mismatch("com.apple.Safari", Platform::Ios).map(|m| m.counterpart);
        assert_eq!(m, Some(Some("com.apple.mobilesafari".to_owned())));
        assert!(mismatch("com.apple.safari", Platform::Macos).is_none());
        assert!(mismatch("com.apple.SafariViewService", Platform::Ios).is_none());
        assert!(mismatch("com.apple.SafariViewService", Platform::Macos).is_some_and(|m| m.counterpart.is_none()));
        let word = mismatch("com.microsoft.Word", Platform::Ios).and_then(|m| m.counterpart);
        assert_eq!(word.as_deref(), Some("com.microsoft.office.word"));
        assert!(mismatch("com.microsoft.office.word", Platform::Ios).is_none());
        assert!(mismatch("com.microsoft.Office.Word", Platform::Macos).is_some());
        assert!(mismatch("com.contoso.app", Platform::Ios).is_none());
        assert!(prefix_works_on("com.apple.safari", Platform::Ios));
        assert!(!prefix_works_on("com.microsoft.word", Platform::Ios));
    }
}
