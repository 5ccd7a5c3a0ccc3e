//! SSO502 enrollment-authentication: an ADE enrollment profile with user affinity
//! (`requiresUserAuthentication: true`) that does not use Setup Assistant with modern
//! authentication, the only ADE method Just-in-Time registration supports.
//!
//! The Graph flags are read the way Intune tooling writes them (domain.md §3.3), writing CP for
//! `enableAuthenticationViaCompanyPortal` and SA for
//! `requireCompanyPortalOnSetupAssistantEnrolledDevices` (a missing flag reads as false, Graph's
//! default): CP false + SA true = Setup Assistant with modern authentication (passes); CP true +
//! SA false = Company Portal (warning); both false = legacy Setup Assistant (warning); both true
//! = invalid (error).

use crate::diagnostic::Severity;
use crate::model::{EnrollmentProfile, Platform, Spanned};
use crate::rules::codes::SSO502;
use crate::rules::{Context, Rule, RuleMeta, Scope};
use crate::Diagnostic;

const CP: &str = "enableAuthenticationViaCompanyPortal";
const SA: &str = "requireCompanyPortalOnSetupAssistantEnrolledDevices";

/// See the module docs.
pub struct EnrollmentAuthentication;

fn value(flag: &Option<Spanned<bool>>) -> bool {
    flag.as_ref().is_some_and(|f| f.value)
}

impl Rule for EnrollmentAuthentication {
    fn meta(&self) -> &'static RuleMeta {
        &SSO502
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        // iOS/iPadOS only: on macOS, JIT registration is not the flow (SSO503 judges macOS ADE
        // profiles for Platform SSO registration during setup).
        let ios = |p: &&EnrollmentProfile| {
            cx.model
                .objects
                .get(p.object)
                .is_some_and(|o| o.platform == Platform::Ios)
        };
        for profile in cx.model.enrollment_profiles.iter().filter(ios) {
            let Some(user_auth) = profile.requires_user_authentication.as_ref().filter(|f| f.value) else {
                continue;
            };
            if let Some(d) = check_profile(cx, profile, user_auth) {
                out.push(d);
            }
        }
    }
}

fn check_profile(cx: &Context<'_>, profile: &EnrollmentProfile, user_auth: &Spanned<bool>) -> Option<Diagnostic> {
    let cp = &profile.enable_authentication_via_company_portal;
    let sa = &profile.require_company_portal_on_setup_assistant_enrolled_devices;
    let at = |flag: &Option<Spanned<bool>>| flag.as_ref().map_or_else(|| cx.at(user_auth), |f| cx.at(f));
    let name = cx
        .model
        .objects
        .get(profile.object)
        .and_then(|o| o.display_name.as_deref())
        .map(|n| format!("enrollment profile `{n}`"))
        .unwrap_or_else(|| "the enrollment profile".to_owned());
    let d = match (value(cp), value(sa)) {
        (false, true) => return None,
        (true, false) => cx
            .report(&SSO502, format!("{name} authenticates users in Company Portal, not Setup Assistant with modern authentication"), at(cp))
            .with_label("Company Portal authentication"),
        (false, false) if cp.is_none() && sa.is_none() => cx
            .report(
                &SSO502,
                format!("{name} sets neither authentication flag, which reads as legacy Setup Assistant, not Setup Assistant with modern authentication"),
                at(sa),
            )
            .with_label("user affinity, but no authentication flags (read as false)"),
        (false, false) => cx
            .report(&SSO502, format!("{name} uses legacy Setup Assistant authentication, not Setup Assistant with modern authentication"), at(sa))
            .with_label(if sa.is_some() { "legacy Setup Assistant" } else { "`requireCompanyPortalOnSetupAssistantEnrolledDevices` not set (false)" }),
        (true, true) => cx
            .report(&SSO502, format!("{name} sets both `{CP}` and `{SA}` to true, an invalid combination"), at(cp))
            .with_severity(Severity::Error)
            .with_label("both flags true")
            .with_related(at(sa), "also true"),
    };
    Some(d.with_help(format!(
        "Just-in-Time registration supports ADE only with \"Setup Assistant with modern authentication\": choose it \
         in the enrollment profile's management settings. The Graph flags are misleading (Graph describes `{CP}` as \
         authenticating with Setup Assistant); Intune tooling writes modern authentication as `{CP}: false` with \
         `{SA}: true`, Company Portal as true/false, legacy Setup Assistant as false/false, and rejects true/true"
    )))
}
