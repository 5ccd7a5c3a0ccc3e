//! SSO404 authenticator-unverified: the lint set holds an iOS Microsoft SSO payload but no iOS app
//! records (macOS ones do not count), so whether Microsoft Authenticator is deployed cannot be
//! checked.
//!
//! Informational, once per lint set, on the first such payload. A lone `.mobileconfig` gets it
//! too, which is why the message explains rather than alarms. `[sso] authenticator =
//! "deployed-elsewhere"` silences it.

use crate::config::AuthenticatorMode;
use crate::rules::bundle_ids::lists::payload_anchor;
use crate::rules::codes::SSO404;
use crate::rules::{Context, Rule, RuleMeta};

/// See the module docs.
pub struct AuthenticatorUnverified;

impl Rule for AuthenticatorUnverified {
    fn meta(&self) -> &'static RuleMeta {
        &SSO404
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        if cx.config.sso.authenticator == AuthenticatorMode::DeployedElsewhere || super::ios_apps(cx).next().is_some() {
            return;
        }
        let Some(payload) = super::ios_sso_payloads(cx).next() else {
            return;
        };
        let message = if cx.model.apps.is_empty() {
            "could not check that Microsoft Authenticator is deployed: no app records among the files linted"
        } else {
            "could not check that Microsoft Authenticator is deployed: no iOS app records among the files linted"
        };
        out.push(
            cx.report(&SSO404, message, payload_anchor(cx, payload))
            .with_label("needs Microsoft Authenticator on the device")
            .with_help(
                "on iOS/iPadOS the SSO extension runs inside Microsoft Authenticator, which must be installed (in Intune: \
                 a Required app) for SSO and Just-in-Time registration to work. To have it checked, lint the Intune app \
                 export together with this profile; if Authenticator is deployed another way, set `authenticator = \
                 \"deployed-elsewhere\"` under `[sso]` in profilelint.toml",
            ),
        );
    }
}
