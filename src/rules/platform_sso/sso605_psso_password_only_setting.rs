//! SSO605 psso-password-only-setting: a Platform SSO setting that only works with the `Password`
//! method is on while the payload uses another method.
//!
//! `FileVaultPolicy`, `LoginPolicy` and `UnlockPolicy` (macOS 15) apply only when the method is
//! `Password`; with `UserSecureEnclaveKey` or `SmartCard` macOS ignores them. Microsoft says not to
//! add `EnableCreateFirstUserDuringSetup` unless the method is `Password` (an explicit `false` is
//! correct, and Apple's unattended-enrollment guide requires it). The method is
//! `PlatformSSO.AuthenticationMethod`, else the macOS 13 payload-level one; a payload with no
//! method is SSO602's.

use crate::model::{Origin, PssoSettings};
use crate::rules::codes::SSO605;
use crate::rules::{Context, Rule, RuleMeta};

use super::psso_payloads;

/// See the module docs.
pub struct PasswordOnlySetting;

impl Rule for PasswordOnlySetting {
    fn meta(&self) -> &'static RuleMeta {
        &SSO605
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for (payload, psso) in psso_payloads(cx) {
            // The declaration names the setting `UserCreation.EnableFirstUserDuringSetup`.
            let first_user = if payload.origin == Origin::Declaration {
                "UserCreation.EnableFirstUserDuringSetup"
            } else {
                "EnableCreateFirstUserDuringSetup"
            };
            let Some(method) = method(psso) else {
                continue;
            };
            if method == "Password" {
                continue;
            }
            for policy in &psso.policies {
                out.push(
                    cx.report(
                        &SSO605,
                        format!("`{}` has no effect with the `{method}` method", policy.value),
                        cx.at(policy),
                    )
                    .with_label("applies only to the Password method")
                    .with_help(format!(
                        "macOS applies `FileVaultPolicy`, `LoginPolicy` and `UnlockPolicy` (a declaration's \
                         `Policies.FileVault`, `Login`, `Unlock`) only when the Platform SSO method is `Password`; with `{method}` it ignores them. Remove the policy, or use the \
                         `Password` method if the policy is what you need"
                    )),
                );
            }
            if let Some(first) = psso.enable_create_first_user_during_setup.as_ref().filter(|b| b.value) {
                out.push(
                    cx.report(
                        &SSO605,
                        format!("`{first_user}` is on with the `{method}` method"),
                        cx.at(first),
                    )
                    .with_label("Microsoft: only with the Password method")
                    .with_help(format!(
                        "Microsoft's guide to Platform SSO during enrollment says not to turn on \
                         `{first_user}` unless the method is `Password`; set it to `false` \
                         (Apple's default is true, so an explicit `false` is right) or remove it"
                    )),
                );
            }
        }
    }
}

/// The method in force: `PlatformSSO.AuthenticationMethod`, else the payload-level one.
fn method(psso: &PssoSettings) -> Option<&str> {
    psso.method
        .as_ref()
        .or(psso.legacy_method.as_ref())
        .map(|m| m.value.as_str())
}
