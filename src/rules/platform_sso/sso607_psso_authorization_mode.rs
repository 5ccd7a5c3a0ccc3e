//! SSO607 psso-authorization-mode: `UserAuthorizationMode` or `NewUserAuthorizationMode` of a
//! Microsoft Platform SSO payload holds a mode Microsoft does not support.
//!
//! Apple's schema allows `Standard`, `Admin`, `Groups` (and, since macOS 26, `Temporary` for new
//! users); Microsoft's Platform SSO scenarios page supports only `Standard` and `Admin` ("any
//! undocumented Platform SSO settings aren't supported"). A value outside Apple's list is PL108's
//! error, not reported here again: this rule reports only modes Apple accepts and Microsoft does
//! not.

use crate::model::Spanned;
use crate::rules::codes::SSO607;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Diagnostic;

use super::psso_payloads;

/// See the module docs.
pub struct AuthorizationMode;

/// The modes Microsoft supports.
const SUPPORTED: [&str; 2] = ["Standard", "Admin"];

/// Modes Apple's schema allows that Microsoft does not support.
const APPLE_ONLY: [&str; 2] = ["Groups", "Temporary"];

impl Rule for AuthorizationMode {
    fn meta(&self) -> &'static RuleMeta {
        &SSO607
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for (_, psso) in psso_payloads(cx) {
            for (key, mode) in [
                ("UserAuthorizationMode", &psso.user_authorization_mode),
                ("NewUserAuthorizationMode", &psso.new_user_authorization_mode),
            ] {
                if let Some(mode) = mode.as_ref().filter(|m| APPLE_ONLY.contains(&m.value.as_str())) {
                    out.push(diagnose(cx, key, mode));
                }
            }
        }
    }
}

fn diagnose(cx: &Context<'_>, key: &str, mode: &Spanned<String>) -> Diagnostic {
    cx.report(
        &SSO607,
        format!(
            "`{key}` `{}` is not supported by the Microsoft Platform SSO extension",
            mode.value
        ),
        cx.at(mode),
    )
    .with_label(format!(
        "Microsoft supports {}",
        SUPPORTED.map(|m| format!("`{m}`")).join(" or ")
    ))
    .with_help(
        "Apple's schema allows this mode, but Microsoft's Platform SSO documentation supports only `Standard` and \
         `Admin` and says undocumented Platform SSO settings are not supported; use `Standard` (or `Admin` for \
         accounts that must administer the Mac)",
    )
}
