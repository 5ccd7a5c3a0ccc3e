//! SSO302 redundant-microsoft-app: a Microsoft app listed where it needs no listing.
//!
//! In every mode, Microsoft Authenticator in any bundle list is a warning: it hosts the iOS SSO
//! extension and Microsoft's JIT guide says not to add it. With `office-coverage = "automatic"`
//! (Microsoft's current guidance: apps that use MSAL get SSO without listing), each MSAL app in
//! an allow list (`AppAllowList`, `AppPrefixAllowList`, `bundleIdAccessControlList`) is info.
//! The safe fix removes the entry.

use crate::catalog;
use crate::config::OfficeCoverage;
use crate::diagnostic::{Applicability, Severity};
use crate::model::BundleListKind;
use crate::rules::codes::SSO302;
use crate::rules::{Context, Rule, RuleMeta};

use super::lists;

/// See the module docs.
pub struct RedundantMicrosoftApp;

impl Rule for RedundantMicrosoftApp {
    fn meta(&self) -> &'static RuleMeta {
        &SSO302
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let automatic = cx.config.sso.office_coverage == OfficeCoverage::Automatic;
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            for list in &payload.bundle_lists {
                let msal_redundant =
                    automatic && lists::is_allow_list(list.kind) && list.kind != BundleListKind::AppCookieSSOAllowList;
                for (index, item) in list.items.iter().enumerate() {
                    let Some((app, _)) = catalog::find_app_by_bundle_id(item.id()) else {
                        continue;
                    };
                    let key = list.kind.key();
                    let d = if app.authenticator {
                        cx.report(&SSO302, format!("{} is listed in `{key}`", app.name), lists::item_location(cx, payload, item))
                            .with_severity(Severity::Warning)
                            .with_label("do not list Authenticator")
                            .with_help(
                                "Authenticator hosts the SSO extension on iOS; Microsoft's Just-in-Time registration guide says \
                                 not to add it to the app bundle IDs. Remove it.",
                            )
                    } else if msal_redundant && app.msal {
                        cx.report(
                            &SSO302,
                            format!("`{}` ({}) needs no listing: it uses MSAL", item.id(), app.name),
                            lists::item_location(cx, payload, item),
                        )
                        .with_label("covered without listing")
                        .with_help(
                            "with `office-coverage = \"automatic\"` profilelint follows Microsoft's current guidance: apps \
                             that use MSAL take part in SSO by default, so list only non-Microsoft apps that need SSO. \
                             (Apps built with old MSAL versions may still need listing.)",
                        )
                    } else {
                        continue;
                    };
                    let edit = lists::text_doc(cx, payload).and_then(|doc| lists::remove_item(doc, list, index));
                    out.push(match edit {
                        Some(edit) => d.with_fix(
                            Applicability::Safe,
                            format!("Remove `{}` from `{key}`", item.id()),
                            vec![edit],
                        ),
                        None => d,
                    });
                }
            }
        }
    }
}
