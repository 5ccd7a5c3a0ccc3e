//! SSO402 authenticator-not-required: Microsoft Authenticator is in the lint set but no record of
//! it is assigned as `required` to an included target.
//!
//! Checked only when the lint set also holds an iOS Microsoft SSO payload (the rule is about the
//! extension's host). An Authenticator record whose export carries no assignment data is judged
//! only when other iOS app records of the lint set do carry some: export tools that write
//! assignments files (IntuneBackupAndRestore) write none for an unassigned app, so there the
//! missing data means "no assignments". Otherwise it cannot be known and nothing is reported.

use crate::rules::codes::SSO402;
use crate::rules::{Context, Rule, RuleMeta, Scope};

/// See the module docs.
pub struct AuthenticatorNotRequired;

impl Rule for AuthenticatorNotRequired {
    fn meta(&self) -> &'static RuleMeta {
        &SSO402
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let authenticators = super::authenticators(cx);
        if authenticators.is_empty() || super::ios_sso_payloads(cx).next().is_none() {
            return;
        }
        let required = |a: &super::Authenticator<'_>| {
            a.object
                .assignments
                .as_ref()
                .is_some_and(|list| list.iter().any(super::is_required_inclusion))
        };
        if authenticators.iter().any(required) {
            return;
        }
        let apps_have_assignment_data = super::ios_apps(cx).any(|app| {
            crate::work::add(1);
            app.bundle_id
                .as_ref()
                .is_some_and(|b| !super::is_authenticator(&b.value))
                && cx
                    .model
                    .objects
                    .get(app.object)
                    .is_some_and(|o| o.assignments.is_some())
        });
        for auth in &authenticators {
            let Some(assignments) = super::judged_assignments(auth.object, apps_have_assignment_data) else {
                continue;
            };
            let message = if assignments.is_empty() {
                "Microsoft Authenticator is not assigned".to_owned()
            } else {
                "Microsoft Authenticator is not assigned as required".to_owned()
            };
            let mut d = cx
                .report(&SSO402, message, cx.at(auth.bundle_id))
                .with_label(if assignments.is_empty() { "no assignments" } else { "no required assignment" })
                .with_help(
                    "the iOS SSO extension lives inside Authenticator, and Microsoft's Just-in-Time registration guide \
                     says to assign it as a Required app (for account-driven User Enrollment: a user-licensed \
                     volume-purchased app) to the groups that get the SSO profile; an available app is installed only \
                     when the user asks for it",
                );
            for a in assignments {
                crate::work::add(1);
                let (location, what) = super::not_required_note(cx, a);
                d = d.with_related(location, what);
            }
            out.push(d);
        }
    }
}
