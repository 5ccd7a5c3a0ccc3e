//! SSO401 authenticator-missing: the lint set holds Intune app records and an iOS Microsoft SSO
//! payload, but no Microsoft Authenticator app.
//!
//! The iOS extension lives inside Authenticator, so without it the profile installs and nothing
//! handles sign-ins. One diagnostic per lint set, on the first iOS Microsoft SSO payload. Only iOS
//! app records count: without any the rule is silent (SSO404 says Authenticator could not be
//! checked), whatever macOS apps the export holds.

use crate::rules::codes::SSO401;
use crate::rules::shared::extension_id_anchor;
use crate::rules::{Context, Rule, RuleMeta, Scope};

/// See the module docs.
pub struct AuthenticatorMissing;

impl Rule for AuthenticatorMissing {
    fn meta(&self) -> &'static RuleMeta {
        &SSO401
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let apps = super::ios_apps(cx).count();
        if apps == 0 || !super::authenticators(cx).is_empty() {
            return;
        }
        let Some(payload) = super::ios_sso_payloads(cx).next() else {
            return;
        };
        let message = if apps == 1 {
            "the only app record of the lint set is not Microsoft Authenticator".to_owned()
        } else {
            format!("none of the {apps} app records of the lint set is Microsoft Authenticator")
        };
        out.push(
            cx.report(&SSO401, message, extension_id_anchor(cx, payload))
            .with_label("iOS SSO profile without Authenticator")
            .with_help(
                "on iOS/iPadOS the SSO extension runs inside Microsoft Authenticator (`com.microsoft.azureauthenticator`): \
                 add it in Intune as an App Store or volume-purchased app, assign it as Required to the groups that get \
                 this profile, and lint its export together with the profile",
            ),
        );
    }
}
