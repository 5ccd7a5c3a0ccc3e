//! SSO405 company-portal-missing: the lint set holds macOS app records and a macOS Microsoft SSO
//! payload that runs in Company Portal, but no Company Portal app.
//!
//! On macOS the extension (and Platform SSO) lives inside Intune Company Portal, so without it
//! the profile installs and nothing handles sign-ins. One diagnostic per lint set, on the first
//! such payload. Without macOS app records the rule is silent (SSO404 notes that Company Portal
//! could not be checked); iOS app records do not count. `[sso] company-portal =
//! "deployed-elsewhere"` turns it off.

use crate::rules::codes::SSO405;
use crate::rules::shared::extension_id_anchor;
use crate::rules::{Context, Rule, RuleMeta, Scope};

/// See the module docs.
pub struct CompanyPortalMissing;

impl Rule for CompanyPortalMissing {
    fn meta(&self) -> &'static RuleMeta {
        &SSO405
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        if !super::company_portal_checked(cx) {
            return;
        }
        let apps = super::macos_apps(cx).count();
        if apps == 0 || !super::company_portals(cx).is_empty() {
            return;
        }
        let Some(payload) = super::company_portal_payloads(cx).next() else {
            return;
        };
        let message = if apps == 1 {
            "the only macOS app record of the lint set is not Company Portal".to_owned()
        } else {
            format!("none of the {apps} macOS app records of the lint set is Company Portal")
        };
        out.push(
            cx.report(&SSO405, message, extension_id_anchor(cx, payload))
                .with_label("macOS SSO profile without Company Portal")
                .with_help(
                    "on macOS the SSO extension and Platform SSO run inside Intune Company Portal \
                     (`com.microsoft.CompanyPortalMac`): add it in Intune as a macOS app (Microsoft's Platform SSO guide \
                     uses the PKG as a line-of-business app), assign it as Required to the groups that get this profile, \
                     and lint its export together with the profile; if Company Portal is deployed another way, set \
                     `company-portal = \"deployed-elsewhere\"` under `[sso]` in profilelint.toml",
                ),
        );
    }
}
