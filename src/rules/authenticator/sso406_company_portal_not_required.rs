//! SSO406 company-portal-not-required: Company Portal is in the lint set but not assigned as
//! `required` to everyone the macOS SSO payload reaches.
//!
//! Checked only when the lint set also holds a macOS Microsoft SSO payload that runs in Company
//! Portal. Two cases, one finding per defect:
//!
//! - no Company Portal record has a required inclusion: one finding per record (as SSO402 does
//!   for Authenticator, with the same handling of records whose export carries no assignment
//!   data: judged as unassigned only when other macOS app records carry some);
//! - otherwise, each target of a macOS SSO profile that the required assignments do not cover:
//!   one finding per group (or per all users / all devices), decided by the coverage logic SSO403
//!   uses for Authenticator ([`super::coverage`]).
//!
//! `[sso] company-portal = "deployed-elsewhere"` turns it off.

use crate::rules::codes::SSO406;
use crate::rules::{Context, Rule, RuleMeta, Scope};

use super::coverage::{self, Host};

/// See the module docs.
pub struct CompanyPortalNotRequired;

const HELP_NOT_REQUIRED: &str = "on macOS the SSO extension and Platform SSO run inside Company Portal; Microsoft's \
                                 Platform SSO guide says to deploy it as a Required app to the devices that get the \
                                 profile (for registration during Setup Assistant: a Required line-of-business app \
                                 assigned to the same groups as the policy); an available app is installed only when \
                                 the user asks for it";

const HELP_GAP: &str = "users in this target get an SSO configuration whose extension is not installed: no SSO and no \
                        Platform SSO registration for them. Assign Company Portal as Required to the same groups as \
                        the SSO profile (or to all users), and remove exclusions of these groups";

impl Rule for CompanyPortalNotRequired {
    fn meta(&self) -> &'static RuleMeta {
        &SSO406
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        if !super::company_portal_checked(cx) {
            return;
        }
        let portals = super::company_portals(cx);
        if portals.is_empty() || super::company_portal_payloads(cx).next().is_none() {
            return;
        }
        if !portals.iter().any(|p| super::is_required(p.object)) {
            let portal_objects: std::collections::HashSet<usize> = portals.iter().map(|p| p.app.object).collect();
            let peers_have_data = super::macos_apps(cx).any(|app| {
                crate::work::add(1);
                !portal_objects.contains(&app.object)
                    && cx
                        .model
                        .objects
                        .get(app.object)
                        .is_some_and(|o| o.assignments.is_some())
            });
            for portal in &portals {
                crate::work::add(1);
                let Some(assignments) = super::judged_assignments(portal.object, peers_have_data) else {
                    continue;
                };
                let (message, label) = if assignments.is_empty() {
                    ("Company Portal is not assigned", "no assignments")
                } else {
                    ("Company Portal is not assigned as required", "no required assignment")
                };
                let mut d = cx
                    .report(&SSO406, message, cx.at(portal.bundle_id))
                    .with_label(label)
                    .with_help(HELP_NOT_REQUIRED);
                for a in assignments {
                    let (location, what) = super::not_required_note(cx, a);
                    d = d.with_related(location, what);
                }
                out.push(d);
            }
            return;
        }
        let hosts = portals
            .iter()
            .map(|p| Host {
                object: p.object,
                at: cx.at(p.bundle_id),
            })
            .collect();
        let Some((host_at, gaps)) = coverage::gaps(cx, hosts, super::company_portal_payloads(cx)) else {
            return;
        };
        for gap in gaps {
            let (message, related, label) = gap.describe(cx, super::COMPANY_PORTAL, &host_at);
            out.push(
                cx.report(&SSO406, message, super::target_location(cx, gap.at()))
                    .with_label("SSO profile assigned here")
                    .with_related(related, label)
                    .with_help(HELP_GAP),
            );
        }
    }
}
