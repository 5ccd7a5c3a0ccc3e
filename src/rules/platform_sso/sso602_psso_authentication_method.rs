//! SSO602 psso-authentication-method: a Microsoft Platform SSO payload has no authentication
//! method, or one Microsoft does not support.
//!
//! Microsoft supports `Password`, `UserSecureEnclaveKey` (recommended) and `SmartCard` in
//! `PlatformSSO.AuthenticationMethod`, and `Password` or `UserSecureEnclaveKey` in the macOS 13
//! payload-level key. Apple's `OpenID` (macOS 27) is not a Microsoft method, and
//! `UserSecureEnclave` (a Microsoft docs typo until 2025) is a near miss: the help names the
//! closest method and an unsafe fix writes it. Apple's `RegistrationToken` needs a method, so a
//! `PlatformSSO` dict or a token with neither key is an error too.
//!
//! For these keys on a Microsoft payload this rule is the more specific finding: PL108 (Apple's
//! value list) does not report them again.

use crate::diagnostic::Applicability;
use crate::edits;
use crate::model::{PssoSettings, Spanned, SsoPayload};
use crate::rules::codes::SSO602;
use crate::rules::shared::extension_id_anchor;
use crate::rules::{Context, Rule, RuleMeta};
use crate::suggest::did_you_mean;
use crate::Diagnostic;

use super::psso_payloads;

/// See the module docs.
pub struct AuthenticationMethod;

/// The methods Microsoft supports in `PlatformSSO.AuthenticationMethod`.
pub(crate) const METHODS: [&str; 3] = ["Password", "UserSecureEnclaveKey", "SmartCard"];

/// The methods of the macOS 13 payload-level key.
const LEGACY_METHODS: [&str; 2] = ["Password", "UserSecureEnclaveKey"];

impl Rule for AuthenticationMethod {
    fn meta(&self) -> &'static RuleMeta {
        &SSO602
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for (payload, psso) in psso_payloads(cx) {
            if psso.method.is_none() && psso.legacy_method.is_none() {
                // An unverified Settings Catalog choice may be a method: not judged blind.
                if !psso
                    .unknown_choices
                    .iter()
                    .any(|c| c.value.contains("authenticationmethod"))
                {
                    out.push(missing(cx, payload, psso));
                }
                continue;
            }
            for (key, method, allowed) in [
                ("PlatformSSO.AuthenticationMethod", &psso.method, &METHODS[..]),
                ("AuthenticationMethod", &psso.legacy_method, &LEGACY_METHODS[..]),
            ] {
                if let Some(method) = method.as_ref().filter(|m| !allowed.contains(&m.value.as_str())) {
                    out.push(unsupported(cx, payload, key, method, allowed));
                }
            }
        }
    }
}

fn missing(cx: &Context<'_>, payload: &SsoPayload, psso: &PssoSettings) -> Diagnostic {
    let location = match (&psso.registration_token, psso.node) {
        (Some((token, _)), _) => cx.at(token),
        (None, Some(node)) => cx.at_node(payload.doc, node),
        (None, None) => extension_id_anchor(cx, payload),
    };
    cx.report(
        &SSO602,
        "Platform SSO is configured without an authentication method",
        location,
    )
    .with_label("no `AuthenticationMethod`")
    .with_help(
        "set `PlatformSSO.AuthenticationMethod` to `UserSecureEnclaveKey` (Microsoft's recommendation), `Password` or \
         `SmartCard`; Apple's `RegistrationToken` requires a method, and without one the Mac never registers. Fleets \
         that still include macOS 13 also need the payload-level `AuthenticationMethod` with the same value",
    )
}

fn unsupported(
    cx: &Context<'_>,
    payload: &SsoPayload,
    key: &str,
    method: &Spanned<String>,
    allowed: &[&'static str],
) -> Diagnostic {
    let value = method.value.as_str();
    let suggestion = did_you_mean(value, allowed.iter().copied());
    let list = allowed.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
    let mut help = format!("the Microsoft Platform SSO extension supports {list} here");
    if value == "OpenID" {
        help.push_str("; `OpenID` is Apple's macOS 27 method for other identity providers, not a Microsoft one");
    }
    if let Some(s) = suggestion {
        help = format!("did you mean `{s}`? {help}");
    }
    let mut d = cx
        .report(
            &SSO602,
            format!("`{key}` `{value}` is not a method the Microsoft extension supports"),
            cx.at(method),
        )
        .with_label(match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "unsupported method".to_owned(),
        })
        .with_help(help);
    if let Some(s) = suggestion {
        // Only a string can be replaced; a Settings Catalog choice is chosen in Intune.
        let edit = cx
            .doc(payload.doc)
            .filter(|doc| matches!(doc.tree.value(method.node), Some(crate::syntax::Value::String(v)) if v == value))
            .and_then(|doc| edits::replace_string(doc, method.node, s));
        if let Some(edit) = edit {
            d = d.with_fix(Applicability::Unsafe, format!("Replace with `{s}`"), vec![edit]);
        }
    }
    d
}
