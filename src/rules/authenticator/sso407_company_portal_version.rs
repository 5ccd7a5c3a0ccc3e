//! SSO407 company-portal-version: the Company Portal version in the lint set is older than what
//! the macOS Microsoft SSO payloads need.
//!
//! The floors are catalog data (`company_portal_floors` in `rules/catalog/microsoft-extensions.toml`,
//! each with its source): 5.2404.0 for any Platform SSO setting and 5.2604.0 with
//! `EnableRegistrationDuringSetup` on (errors: Platform SSO fails); 5.2504.0 for
//! `enable_se_key_biometric_policy` and 5.2508.0 for `custom_tgt_setting` set to a value other
//! than their default (warnings: an older Company Portal ignores them).
//!
//! The version of a Company Portal record is the highest that parses among its Company Portal
//! bundle ids (`primaryBundleVersion`, `includedApps[].bundleVersion`, `versionNumber` and
//! `buildNumber`); with several records the newest counts. Versions compare numerically by
//! component (`5.2404.0` < `5.2410.1` < `5.2604.0`; missing components are 0). A record without a
//! version, or whose versions do not parse (a store app updates itself; `latest` is no version),
//! cannot be judged, and then nothing is reported. One finding per lint set, on the version, for
//! the highest floor missed; error if any error floor is missed, else warning. `[sso]
//! company-portal = "deployed-elsewhere"` turns it off.

use crate::catalog::{self, CompanyPortalFloor, CompanyPortalNeed, FloorSeverity};
use crate::diagnostic::{Location, Severity};
use crate::model::{ExtensionValue, Spanned, SsoPayload};
use crate::rules::codes::SSO407;
use crate::rules::shared::extension_id_anchor;
use crate::rules::{Context, Rule, RuleMeta, Scope};

use super::version::Version;

/// See the module docs.
pub struct CompanyPortalVersion;

/// Whether an ExtensionData value turns a feature on (is not its default `false`/`0`). Values of
/// the wrong kind (SSO204's) count as not set.
fn is_set(value: &ExtensionValue) -> bool {
    match value {
        ExtensionValue::Bool(b) => *b,
        ExtensionValue::Integer(i) => *i != 0,
        ExtensionValue::Real(r) => *r != 0.0,
        ExtensionValue::String(s) => !matches!(s.trim().to_ascii_lowercase().as_str(), "" | "0" | "false" | "no"),
        ExtensionValue::Other(_) => false,
    }
}

/// What in `payload` needs `floor`, and where: `None` when nothing does.
fn need(cx: &Context<'_>, payload: &SsoPayload, floor: &CompanyPortalFloor) -> Option<(String, Location)> {
    match floor.needs {
        CompanyPortalNeed::PlatformSso => {
            let psso = payload.psso.as_ref()?;
            let at = match psso.node {
                Some(node) => cx.at_node(payload.doc, node),
                None => extension_id_anchor(cx, payload),
            };
            Some(("Platform SSO".to_owned(), at))
        }
        CompanyPortalNeed::RegistrationDuringSetup => {
            let on = payload.psso.as_ref()?.enable_registration_during_setup.as_ref()?;
            on.value
                .then(|| ("`EnableRegistrationDuringSetup`".to_owned(), cx.at(on)))
        }
        CompanyPortalNeed::ExtensionData => {
            let key = floor.key.as_deref()?;
            let entry = payload.extension_data.get(key)?;
            is_set(&entry.value.value).then(|| (format!("`{key}`"), cx.at(&entry.key)))
        }
    }
}

impl Rule for CompanyPortalVersion {
    fn meta(&self) -> &'static RuleMeta {
        &SSO407
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        if !super::company_portal_checked(cx) {
            return;
        }
        let portals = super::company_portals(cx);
        if portals.is_empty() {
            return;
        }
        // The newest Company Portal version of the lint set; any record that cannot be judged
        // may be newer, so it stops the rule.
        let host_app = catalog::microsoft_extensions().macos_host_app.as_str();
        let mut newest: Option<(Version, &Spanned<String>)> = None;
        for portal in &portals {
            let best = portal
                .app
                .bundles_with_id(host_app)
                .filter_map(|b| {
                    let v = b.version.as_ref()?;
                    Some((Version::parse(&v.value)?, v))
                })
                // The first of equal versions (`primaryBundleVersion` before `includedApps`).
                .fold(None, |best: Option<(Version, &Spanned<String>)>, item| match best {
                    Some(b) if b.0 >= item.0 => Some(b),
                    _ => Some(item),
                });
            let Some(best) = best else {
                return;
            };
            if newest.as_ref().is_none_or(|n| best.0 > n.0) {
                newest = Some(best);
            }
        }
        let Some((installed, version_at)) = newest else {
            return;
        };
        // Every floor the payloads need that the newest version misses, with what needs it.
        let floors = &catalog::microsoft_extensions().company_portal_floors;
        let mut missed: Vec<(&CompanyPortalFloor, Version, String, Location)> = Vec::new();
        for payload in super::company_portal_payloads(cx) {
            for floor in floors {
                let Some(min) = Version::parse(&floor.version) else {
                    continue;
                };
                if installed >= min {
                    continue;
                }
                if let Some((what, at)) = need(cx, payload, floor) {
                    missed.push((floor, min, what, at));
                }
            }
        }
        let Some(highest) = missed.iter().max_by(|a, b| a.1.cmp(&b.1)) else {
            return;
        };
        let error = missed.iter().any(|m| m.0.severity == FloorSeverity::Error);
        // Each floor once in the message, highest first.
        let mut named: Vec<(&Version, &str, &str)> = Vec::new();
        let mut by_floor: Vec<&(&CompanyPortalFloor, Version, String, Location)> = missed.iter().collect();
        by_floor.sort_by(|a, b| b.1.cmp(&a.1));
        for m in &by_floor {
            if !named.iter().any(|(_, v, w)| *v == m.0.version && *w == m.2) {
                named.push((&m.1, &m.0.version, &m.2));
            }
        }
        let needs = named
            .iter()
            .map(|(_, v, what)| format!("{v} for {what}"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = format!(
            "Company Portal {} is older than the macOS SSO payloads need ({needs})",
            version_at.value.trim()
        );
        let mut d = cx
            .report(&SSO407, message, cx.at(version_at))
            .with_label(format!("older than {}", highest.0.version))
            .with_help(if error {
                "Platform SSO runs inside Company Portal, and Microsoft says it fails with an older Company Portal: \
                 upload the current Company Portal PKG (https://go.microsoft.com/fwlink/?linkid=853070) as the app's \
                 new version, or remove the setting that needs the newer one"
            } else {
                "an older Company Portal ignores these ExtensionData keys: upload the current Company Portal PKG \
                 (https://go.microsoft.com/fwlink/?linkid=853070) as the app's new version, or remove the keys"
            });
        if !error {
            d = d.with_severity(Severity::Warning);
        }
        for (floor, _, what, at) in missed {
            d = d.with_related(at, format!("{what} needs Company Portal {}", floor.version));
        }
        out.push(d);
    }
}
