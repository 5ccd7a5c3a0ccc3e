//! SSO301 office-apps-not-covered: an Office app of the required set gets no SSO from a Microsoft
//! SSO payload.
//!
//! Covered = one of the app's bundle ids is in an allow list (`AppAllowList`,
//! `bundleIdAccessControlList`), or starts with an `AppPrefixAllowList` prefix (the plug-in's
//! default prefixes when the key is absent: iOS `com.apple.`, macOS `com.apple.` and
//! `com.microsoft.`), or `Enable_SSO_On_All_ManagedApps` is 1 — and none of its ids is blocked
//! (`AppBlockList`, `DeniedBundleIdentifiers`).
//!
//! The required set is `[sso] office-apps`. iOS payloads and payloads of unknown platform are
//! checked against the apps' iOS ids (an unknown-platform payload also counts macOS ids as
//! coverage); macOS payloads against the apps' macOS ids, and an app without a known macOS id is
//! not required there. Microsoft's guidance conflicts (domain.md §2.4), so the rule is silent
//! with `office-coverage = "automatic"`.

use crate::catalog::{self, MicrosoftApp};
use crate::config::OfficeCoverage;
use crate::diagnostic::Applicability;
use crate::model::common::strip_prefix_ignore_ascii_case;
use crate::model::{BundleListForm, BundleListKind, ExtensionValue, Platform, SsoPayload};
use crate::rules::codes::SSO301;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Diagnostic;

use super::lists;

/// The plug-in's `AppPrefixAllowList` when the key is absent (domain.md §2.3).
const DEFAULT_PREFIXES_IOS: &[&str] = &["com.apple."];
/// The macOS default: Microsoft apps are covered by it.
const DEFAULT_PREFIXES_MACOS: &[&str] = &["com.apple.", "com.microsoft."];

/// Both versions of Microsoft's guidance (domain.md §2.4), for the help text.
const GUIDANCE: &str = "Microsoft's guidance conflicts: an early ADE preview doc said to add every Office app \
because they are not covered automatically; current docs say apps that use MSAL (Office included) get SSO \
without being listed.";

/// See the module docs.
pub struct OfficeAppsNotCovered;

/// What a payload allows and blocks: ids as written, compared without ASCII case.
struct Coverage<'a> {
    allowed: Vec<&'a str>,
    prefixes: Vec<&'a str>,
    blocked: Vec<&'a str>,
    all_managed: bool,
}

impl<'a> Coverage<'a> {
    fn of(payload: &'a SsoPayload) -> Self {
        let mut c = Coverage {
            allowed: Vec::new(),
            prefixes: Vec::new(),
            blocked: Vec::new(),
            all_managed: false,
        };
        let mut has_prefix_list = false;
        for list in &payload.bundle_lists {
            let ids = list.items.iter().map(|i| i.id()).filter(|id| !id.is_empty());
            match list.kind {
                BundleListKind::AppAllowList | BundleListKind::BundleIdAccessControlList => c.allowed.extend(ids),
                BundleListKind::AppPrefixAllowList => {
                    has_prefix_list = true;
                    c.prefixes.extend(ids);
                }
                BundleListKind::AppBlockList | BundleListKind::DeniedBundleIdentifiers => c.blocked.extend(ids),
                BundleListKind::AppCookieSSOAllowList => {}
            }
        }
        if !has_prefix_list {
            let defaults = if payload.platform == Platform::Macos {
                DEFAULT_PREFIXES_MACOS
            } else {
                DEFAULT_PREFIXES_IOS
            };
            c.prefixes.extend(defaults);
        }
        c.all_managed = payload
            .extension_data
            .get("Enable_SSO_On_All_ManagedApps")
            .is_some_and(|e| match &e.value.value {
                ExtensionValue::Integer(1) | ExtensionValue::Bool(true) => true,
                ExtensionValue::String(s) => s.trim() == "1",
                _ => false,
            });
        c
    }

    fn allows(&self, id: &str) -> bool {
        self.all_managed
            || self.allowed.iter().any(|a| a.eq_ignore_ascii_case(id))
            || self
                .prefixes
                .iter()
                .any(|p| strip_prefix_ignore_ascii_case(id, p).is_some())
    }

    fn blocks(&self, id: &str) -> bool {
        self.blocked.iter().any(|b| b.eq_ignore_ascii_case(id))
    }
}

/// The ids that stand for an app on a payload of `platform`, and those that count as coverage.
fn ids_of(app: &MicrosoftApp, platform: Platform) -> (&[String], Vec<&str>) {
    match platform {
        Platform::Macos => (&app.macos, app.macos.iter().map(String::as_str).collect()),
        Platform::Ios => (&app.ios, app.ios.iter().map(String::as_str).collect()),
        Platform::Unknown => (&app.ios, app.all_bundle_ids().collect()),
    }
}

impl Rule for OfficeAppsNotCovered {
    fn meta(&self) -> &'static RuleMeta {
        &SSO301
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        if cx.config.sso.office_coverage == OfficeCoverage::Automatic {
            return;
        }
        let mut required: Vec<&MicrosoftApp> = Vec::new();
        for app in cx
            .config
            .sso
            .office_apps
            .iter()
            .filter_map(|key| catalog::microsoft_app(key))
        {
            if !required.iter().any(|r| r.key == app.key) {
                required.push(app);
            }
        }
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            if let Some(d) = check_payload(cx, payload, &required) {
                out.push(d);
            }
        }
    }
}

fn check_payload(cx: &Context<'_>, payload: &SsoPayload, required: &[&MicrosoftApp]) -> Option<Diagnostic> {
    let coverage = Coverage::of(payload);
    let mut checked = 0usize;
    // (app, blocked, id to add)
    let mut uncovered: Vec<(&MicrosoftApp, bool, &str)> = Vec::new();
    for &app in required {
        let (own, counted) = ids_of(app, payload.platform);
        let Some(primary) = own.first() else { continue };
        checked += 1;
        let blocked = counted.iter().any(|id| coverage.blocks(id));
        if blocked || !counted.iter().any(|id| coverage.allows(id)) {
            uncovered.push((app, blocked, primary));
        }
    }
    if uncovered.is_empty() {
        return None;
    }
    let names: Vec<String> = uncovered
        .iter()
        .map(|(app, blocked, _)| {
            if *blocked {
                format!("{} (blocked)", app.name)
            } else {
                app.name.clone()
            }
        })
        .collect();
    let all = uncovered.len() == checked;
    let message = if all {
        // The first-sign-in requirement is the iOS Just-in-Time guide's (domain.md §2.4, step 9).
        let first_sign_in = if payload.platform == Platform::Macos {
            ""
        } else {
            ": the user's first sign-in must happen in an app the extension covers"
        };
        format!(
            "no Office app is covered by the SSO extension ({}){first_sign_in}",
            names.join(", ")
        )
    } else {
        format!("the SSO extension does not cover {}", names.join(", "))
    };
    // The list a fix would extend: AppAllowList, else Intune's App bundle IDs.
    let target = payload
        .bundle_lists
        .iter()
        .find(|l| l.kind == BundleListKind::AppAllowList && l.form == BundleListForm::CommaString)
        .or_else(|| {
            payload
                .bundle_lists
                .iter()
                .find(|l| l.kind == BundleListKind::BundleIdAccessControlList && l.form == BundleListForm::Array)
        });
    let blocked: Vec<&str> = uncovered
        .iter()
        .filter(|(_, b, _)| *b)
        .map(|(app, _, _)| app.name.as_str())
        .collect();
    let ids: Vec<&str> = uncovered.iter().map(|(_, _, id)| *id).collect();
    let mut id_list = String::new();
    for id in &ids {
        if !id_list.is_empty() {
            id_list.push_str(", ");
        }
        id_list.push('`');
        id_list.push_str(id);
        id_list.push('`');
    }
    let mut help = format!(
        "{GUIDANCE} Either add the missing bundle ids ({id_list}), or follow the current guidance with \
         `office-coverage = \"automatic\"` under `[sso]` in profilelint.toml."
    );
    // A blocked app is best shown at the entry that blocks it.
    let blocking = uncovered.iter().filter(|(_, b, _)| *b).find_map(|(app, _, _)| {
        let (_, counted) = ids_of(app, payload.platform);
        payload
            .bundle_lists
            .iter()
            .filter(|l| l.kind.is_block_list())
            .flat_map(|l| &l.items)
            .find(|item| counted.iter().any(|id| id.eq_ignore_ascii_case(item.id())))
    });
    let (location, label) = match (blocking, target) {
        (Some(item), _) => (lists::item_location(cx, payload, item), "blocks an Office app"),
        (None, Some(list)) => (
            cx.at_node(payload.doc, list.node),
            if all {
                "no Office app covered"
            } else {
                "Office apps missing here"
            },
        ),
        (None, None) => (
            crate::rules::shared::extension_id_anchor(cx, payload),
            "no Office app covered by this payload",
        ),
    };
    let mut d = cx.report(&SSO301, message, location).with_label(label);
    match target {
        _ if !blocked.is_empty() => {
            let verb = if blocked.len() == 1 { "is" } else { "are" };
            help.push_str(&format!(
                " {} {verb} blocked (`AppBlockList` or `DeniedBundleIdentifiers`): remove the block first; the plug-in \
                 documentation says `AppBlockList` cannot switch SSO off for MSAL apps, so the entry misleads at best. \
                 No automatic fix.",
                blocked.join(", ")
            ));
        }
        Some(list) => {
            let edit = lists::text_doc(cx, payload).and_then(|doc| lists::append_items(doc, list, &ids));
            if let Some(edit) = edit {
                d = d.with_fix(
                    Applicability::Unsafe,
                    format!("Add the missing bundle ids to `{}`", list.kind.key()),
                    vec![edit],
                );
            }
        }
        None => help.push_str(
            " This payload has no `AppAllowList` or App bundle IDs list to extend, so there is no automatic fix.",
        ),
    }
    Some(d.with_help(help))
}
