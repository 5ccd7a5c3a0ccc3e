//! SSO603 psso-method-os-coverage: the authentication-method keys of a Microsoft Platform SSO
//! payload do not fit the oldest macOS of the fleet (`[sso] macos-min-version`, default 14).
//!
//! macOS 13 reads the payload-level `AuthenticationMethod`; macOS 14 and later read
//! `PlatformSSO.AuthenticationMethod`. Microsoft: fleets with both need both keys, with the same
//! value, in one profile, or Macs fail with error 10001. So with macOS 13 in the fleet, one key
//! alone or two different values are reported; with macOS 14 or later only, the deprecated key
//! alone is (macOS 14+ reads the other one). A payload with no method at all is SSO602's. On
//! Microsoft payloads this replaces PL110's note on the deprecated key.

use crate::model::{Origin, PssoSettings, Spanned};
use crate::rules::codes::SSO603;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Diagnostic;

use super::psso_payloads;

/// See the module docs.
pub struct MethodOsCoverage;

impl Rule for MethodOsCoverage {
    fn meta(&self) -> &'static RuleMeta {
        &SSO603
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let min = cx.config.sso.macos_min_major().unwrap_or(14);
        // A declaration (macOS 27 and later) has only `PlatformSSO.AuthenticationMethod`.
        for (_, psso) in psso_payloads(cx).filter(|(p, _)| p.origin != Origin::Declaration) {
            if let Some(d) = finding(cx, psso, min) {
                out.push(d);
            }
        }
    }
}

fn finding(cx: &Context<'_>, psso: &PssoSettings, min: u32) -> Option<Diagnostic> {
    let versions = format!("`macos-min-version` is {}", cx.config.sso.macos_min_version.trim());
    match (&psso.legacy_method, &psso.method) {
        (Some(legacy), None) if min >= 14 => Some(
            report(cx, legacy, "only the macOS 13 `AuthenticationMethod` is set; macOS 14 and later read `PlatformSSO.AuthenticationMethod`")
                .with_label("deprecated since macOS 14")
                .with_help(format!(
                    "set `PlatformSSO.AuthenticationMethod` to `{}` ({versions}); keep this key with the same value only \
                     while some Macs run macOS 13",
                    legacy.value
                )),
        ),
        (Some(legacy), None) => Some(
            report(cx, legacy, "only the macOS 13 `AuthenticationMethod` is set; Macs on macOS 14 and later need `PlatformSSO.AuthenticationMethod`")
                .with_label("macOS 13 only")
                .with_help(format!(
                    "Microsoft: a fleet with macOS 13 and later Macs needs both keys with the same value in one profile \
                     ({versions}); add `PlatformSSO.AuthenticationMethod` = `{}`",
                    legacy.value
                )),
        ),
        (None, Some(method)) if min <= 13 => Some(
            report(cx, method, "macOS 13 Macs read no authentication method: only `PlatformSSO.AuthenticationMethod` is set")
                .with_label("macOS 14 and later only")
                .with_help(format!(
                    "Microsoft: a fleet with macOS 13 and later Macs needs both keys with the same value in one profile, \
                     or macOS 13 Macs fail with error 10001 ({versions}); add the payload-level `AuthenticationMethod` = `{}`, \
                     or raise `macos-min-version` once no Mac runs macOS 13",
                    method.value
                )),
        ),
        (Some(legacy), Some(method)) if min <= 13 && legacy.value != method.value => Some(
            report(
                cx,
                legacy,
                &format!(
                    "the macOS 13 `AuthenticationMethod` `{}` differs from `PlatformSSO.AuthenticationMethod` `{}`",
                    legacy.value, method.value
                ),
            )
            .with_label("differs from the macOS 14 key")
            .with_help(format!(
                "Microsoft: the two keys must have the same value in a fleet with macOS 13 and later Macs, or Macs fail \
                 with error 10001 ({versions})"
            )),
        ),
        _ => None,
    }
}

fn report(cx: &Context<'_>, at: &Spanned<String>, message: &str) -> Diagnostic {
    cx.report(&SSO603, message, cx.at(at))
}
