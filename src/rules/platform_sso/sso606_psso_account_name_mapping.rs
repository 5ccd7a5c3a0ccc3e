//! SSO606 psso-account-name-mapping: `PlatformSSO.TokenToUserMapping` of a Microsoft payload names
//! a claim Entra ID tokens do not carry, or maps the local account name to the full sign-in name
//! while Platform SSO creates local accounts.
//!
//! A claim Entra ID does not send (Okta's `macOSAccountUsername`, copied from another vendor's
//! template) leaves the mapping empty: warning, with did-you-mean against the Entra claims of the
//! catalog (`rules/catalog/entra-claims.toml`). `preferred_username`, `upn`, `email` or
//! `unique_name` as `AccountName` while the payload creates accounts (`EnableCreateUserAtLogin`,
//! `EnableCreateFirstUserDuringSetup`, `EnableRegistrationDuringSetup`) is **info**: Microsoft shows
//! it as an option, but new short names become the whole UPN; Apple's
//! `com.apple.PlatformSSO.AccountShortName` gives the part before `@` (unsafe fix, profiles only).

use crate::catalog;
use crate::diagnostic::{Applicability, Severity};
use crate::edits;
use crate::model::{PssoSettings, Spanned, SsoPayload};
use crate::rules::codes::SSO606;
use crate::rules::shared::is_plist;
use crate::rules::{Context, Rule, RuleMeta};
use crate::suggest::did_you_mean;
use crate::Diagnostic;

use super::psso_payloads;

/// See the module docs.
pub struct AccountNameMapping;

/// Apple's value for the short name.
const SHORT_NAME: &str = "com.apple.PlatformSSO.AccountShortName";

impl Rule for AccountNameMapping {
    fn meta(&self) -> &'static RuleMeta {
        &SSO606
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let claims = catalog::entra_claims();
        for (payload, psso) in psso_payloads(cx) {
            for (key, claim) in [("AccountName", &psso.account_name), ("FullName", &psso.full_name)] {
                let Some(claim) = claim else { continue };
                if !claims.is_known(&claim.value) {
                    // A declaration keeps the mapping in `UserCreation`.
                    let path = if payload.origin == crate::model::Origin::Declaration {
                        format!("UserCreation.TokenToUserMapping.{key}")
                    } else {
                        format!("TokenToUserMapping.{key}")
                    };
                    out.push(unknown_claim(cx, &path, claim));
                } else if key == "AccountName" && claims.sign_in_names.contains(&claim.value) && creates_accounts(psso)
                {
                    out.push(full_sign_in_name(cx, payload, claim));
                }
            }
        }
    }
}

/// Whether the payload has Platform SSO create local accounts.
fn creates_accounts(psso: &PssoSettings) -> bool {
    [
        &psso.enable_create_user_at_login,
        &psso.enable_create_first_user_during_setup,
        &psso.enable_registration_during_setup,
    ]
    .into_iter()
    .any(|b| b.as_ref().is_some_and(|b| b.value))
}

fn unknown_claim(cx: &Context<'_>, path: &str, claim: &Spanned<String>) -> Diagnostic {
    let mut help = format!(
        "Microsoft Entra ID tokens carry no `{}` claim, so the mapping is empty; a claim name from another identity \
         provider's template does not work with the Microsoft extension. Entra ID sends `preferred_username` and \
         `name`; for `AccountName`, Apple's `{SHORT_NAME}` gives the part of the sign-in name before `@`",
        claim.value
    );
    if let Some(s) = did_you_mean(&claim.value, catalog::entra_claims().names()) {
        help = format!("did you mean `{s}`? {help}");
    }
    cx.report(
        &SSO606,
        format!("`{path}` names `{}`, which Entra ID tokens do not carry", claim.value),
        cx.at(claim),
    )
    .with_label("not an Entra ID claim")
    .with_help(help)
}

fn full_sign_in_name(cx: &Context<'_>, payload: &SsoPayload, claim: &Spanned<String>) -> Diagnostic {
    let mut d = cx
        .report(
            &SSO606,
            format!(
                "new local accounts get the whole `{}` as their short name (`TokenToUserMapping.AccountName`)",
                claim.value
            ),
            cx.at(claim),
        )
        .with_severity(Severity::Info)
        .with_label("short name = whole sign-in name")
        .with_help(format!(
            "with `{}`, an account created at login or during setup is named like `john.smith@contoso.com`. Microsoft \
             documents this as an option; `{SHORT_NAME}` (shown by Microsoft since 2026-05 and written by its PSSOForge \
             generator) gives `john.smith` instead. Existing accounts are not renamed",
            claim.value
        ));
    let edit = is_plist(payload)
        .then(|| cx.doc(payload.doc))
        .flatten()
        .and_then(|doc| edits::replace_string(doc, claim.node, SHORT_NAME));
    if let Some(edit) = edit {
        d = d.with_fix(Applicability::Unsafe, format!("Use `{SHORT_NAME}`"), vec![edit]);
    }
    d
}
