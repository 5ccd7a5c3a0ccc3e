//! SSO308 allow-block-conflict: the same id or prefix both allowed and blocked in one payload.
//!
//! Allowed = `AppAllowList`, `AppPrefixAllowList`, `AppCookieSSOAllowList`,
//! `bundleIdAccessControlList`; blocked = `AppBlockList`, `DeniedBundleIdentifiers`. Entries
//! compare whole and case-insensitively. A blocked id that an allowed prefix merely covers
//! (`com.contoso.` allowed, `com.contoso.games` blocked) is the normal way to carve out an
//! exception and is not reported. The diagnostic sits on the blocked entry.

use std::collections::HashMap;

use crate::catalog;
use crate::model::{BundleItem, BundleList};
use crate::rules::codes::SSO308;
use crate::rules::{Context, Rule, RuleMeta};

use super::lists;

/// See the module docs.
pub struct AllowBlockConflict;

impl Rule for AllowBlockConflict {
    fn meta(&self) -> &'static RuleMeta {
        &SSO308
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            let mut allowed: HashMap<String, (&BundleList, &BundleItem)> = HashMap::new();
            for list in payload.bundle_lists.iter().filter(|l| lists::is_allow_list(l.kind)) {
                for item in list.items.iter().filter(|i| !i.id().is_empty()) {
                    allowed.entry(item.id().to_ascii_lowercase()).or_insert((list, item));
                }
            }
            if allowed.is_empty() {
                continue;
            }
            for list in payload.bundle_lists.iter().filter(|l| l.kind.is_block_list()) {
                for item in &list.items {
                    let id = item.id();
                    let Some((allow_list, allow_item)) = allowed.get(&id.to_ascii_lowercase()) else {
                        continue;
                    };
                    let mut help =
                        "Microsoft does not document which list wins, so the result cannot be relied on: keep the entry in \
                         the list that states your intent and remove it from the other"
                            .to_owned();
                    if catalog::find_app_by_bundle_id(id).is_some_and(|(app, _)| app.msal) {
                        help.push_str(
                            "; note that `AppBlockList` cannot turn SSO off for apps that use MSAL, such as this one",
                        );
                    }
                    out.push(
                        cx.report(
                            &SSO308,
                            format!(
                                "`{id}` is both allowed (`{}`) and blocked (`{}`)",
                                allow_list.kind.key(),
                                list.kind.key()
                            ),
                            lists::item_location(cx, payload, item),
                        )
                        .with_label("blocked here")
                        .with_related(lists::item_location(cx, payload, allow_item), "allowed here")
                        .with_help(help),
                    );
                }
            }
        }
    }
}
