//! SSO404 authenticator-unverified: the lint set holds a Microsoft SSO payload but no app
//! records of its platform, so whether the app hosting the extension is deployed cannot be
//! checked: Microsoft Authenticator on iOS/iPadOS, Company Portal on macOS.
//!
//! Informational, at most once per lint set and platform, on the first such payload. A lone
//! `.mobileconfig` gets it too, which is why the message explains rather than alarms. App
//! records of the other platform do not count. `[sso] authenticator = "deployed-elsewhere"`
//! silences the iOS note, `[sso] company-portal = "deployed-elsewhere"` the macOS one. On macOS
//! only payloads that run in Company Portal count (its extension id, or none with Intune's
//! "Microsoft Entra ID" type). Payloads another MDM delivers (`[sso] mdm = "other"`, or a profile
//! with another MDM's marks) never have Intune app records, and get no note.

use crate::config::AuthenticatorMode;
use crate::model::{Mdm, SsoPayload};
use crate::rules::codes::SSO404;
use crate::rules::shared::extension_id_anchor;
use crate::rules::{Context, Rule, RuleMeta, Scope};
use crate::Diagnostic;

/// See the module docs.
pub struct AuthenticatorUnverified;

impl Rule for AuthenticatorUnverified {
    fn meta(&self) -> &'static RuleMeta {
        &SSO404
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        if cx.config.sso.authenticator != AuthenticatorMode::DeployedElsewhere && super::ios_apps(cx).next().is_none() {
            if let Some(payload) = super::ios_sso_payloads(cx).find(|p| p.mdm == Mdm::Intune) {
                out.push(note(
                    cx,
                    payload,
                    ("Microsoft Authenticator", "iOS"),
                    "needs Microsoft Authenticator on the device",
                    "on iOS/iPadOS the SSO extension runs inside Microsoft Authenticator, which must be installed \
                     (in Intune: a Required app) for SSO and Just-in-Time registration to work. To have it \
                     checked, lint the Intune app export together with this profile; if Authenticator is \
                     deployed another way, set `authenticator = \"deployed-elsewhere\"` under `[sso]` in \
                     profilelint.toml",
                ));
            }
        }
        if super::company_portal_checked(cx) && super::macos_apps(cx).next().is_none() {
            if let Some(payload) = super::company_portal_payloads(cx).find(|p| p.mdm == Mdm::Intune) {
                out.push(note(
                    cx,
                    payload,
                    ("Company Portal", "macOS"),
                    "needs Company Portal on the Mac",
                    "on macOS the SSO extension and Platform SSO run inside Intune Company Portal \
                     (`com.microsoft.CompanyPortalMac`), which must be installed in a version the payload \
                     supports (5.2404.0 or newer for Platform SSO). To have it checked, lint the Intune app \
                     export together with this profile; if Company Portal is deployed another way, set \
                     `company-portal = \"deployed-elsewhere\"` under `[sso]` in profilelint.toml",
                ));
            }
        }
    }
}

/// The note that the host `app` of `payload` could not be checked: no app records at all, or
/// none of the app's `platform`.
fn note(
    cx: &Context<'_>,
    payload: &SsoPayload,
    (app, platform): (&str, &str),
    label: &'static str,
    help: &'static str,
) -> Diagnostic {
    let records = if cx.model.apps.is_empty() {
        "app records".to_owned()
    } else {
        format!("{platform} app records")
    };
    cx.report(
        &SSO404,
        format!("could not check that {app} is deployed: no {records} among the files linted"),
        extension_id_anchor(cx, payload),
    )
    .with_label(label)
    .with_help(help)
}
