//! SSO403 authenticator-assignment-gap: a target of an iOS Microsoft SSO profile that Microsoft
//! Authenticator's `required` assignments do not cover.
//!
//! Coverage is decided by [`super::coverage`] (shared with SSO406 for Company Portal on macOS):
//! each group the profile includes must be covered by one Authenticator record that is required
//! for that group, or for all users or all devices, and does not exclude it; groups the profile
//! itself excludes are skipped; nested groups count as different groups.
//!
//! The rule runs only when some Authenticator record has a required inclusion (otherwise SSO402
//! reports it) and for profiles whose assignments are known. One diagnostic per uncovered
//! target, on the first profile assignment that names it.

use crate::rules::codes::SSO403;
use crate::rules::{Context, Rule, RuleMeta, Scope};

use super::coverage::{self, Host};

/// See the module docs.
pub struct AuthenticatorAssignmentGap;

impl Rule for AuthenticatorAssignmentGap {
    fn meta(&self) -> &'static RuleMeta {
        &SSO403
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let hosts = super::authenticators(cx)
            .into_iter()
            .map(|auth| Host {
                object: auth.object,
                at: cx.at(auth.bundle_id),
            })
            .collect();
        // Without any required inclusion SSO402 reports Authenticator; nothing to compare here.
        let Some((host_at, gaps)) = coverage::gaps(cx, hosts, super::ios_sso_payloads(cx)) else {
            return;
        };
        for gap in gaps {
            let (message, related, label) = gap.describe(cx, super::AUTHENTICATOR, &host_at);
            out.push(
                cx.report(&SSO403, message, super::target_location(cx, gap.at()))
                    .with_label("SSO profile assigned here")
                    .with_related(related, label)
                    .with_help(
                        "users in this target get an SSO configuration whose extension is not installed: no SSO and \
                         no Just-in-Time registration for them. Assign Microsoft Authenticator as Required to the same \
                         groups as the SSO profile (or to all users), and remove exclusions of these groups",
                    ),
            );
        }
    }
}
