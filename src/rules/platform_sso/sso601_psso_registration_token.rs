//! SSO601 psso-registration-token: a Microsoft Platform SSO payload that Intune delivers has no
//! `RegistrationToken`, a value other than the Intune variable, or the token in the wrong place.
//!
//! Microsoft's Platform SSO guide lists `RegistrationToken` = `{{DEVICEREGISTRATION}}` among the
//! required settings: Intune replaces the variable with a token that lets the Mac register with
//! Microsoft Entra ID. The value follows SSO202's rule (all upper or all lower case, nothing
//! around it; shared code). In a profile or Settings Catalog policy the token is a payload-level
//! key; Apple's schema has it nowhere inside `PlatformSSO` (a declaration has it there). For a
//! misplaced token on a Microsoft payload this rule is the more specific finding: PL107 does not
//! report it again. In a DDM declaration (`com.apple.configuration.extensible-sso`) the places are
//! the other way round: the token belongs inside `PlatformSSO`, and one at the payload level is
//! reported (fix: move it in, unsafe). With `[sso] mdm = "other"` the rule is off (Microsoft's guide for other MDMs
//! has no token; SSO209 reports an Intune variable instead). Fixes: a wrong value is replaced
//! (safe: the key means nothing else); a misplaced token is moved (unsafe, profiles only).

use crate::diagnostic::{Applicability, Edit};
use crate::edits;
use crate::model::{Mdm, Origin, PssoPlace, PssoSettings, Spanned, SsoPayload};
use crate::rules::codes::SSO601;
use crate::rules::extension_data::support::{registration_value_problem, DEVICE_REGISTRATION_VALUE};
use crate::rules::shared::extension_id_anchor;
use crate::rules::shared::is_plist;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Diagnostic;

use super::psso_payloads;

/// See the module docs.
pub struct RegistrationToken;

impl Rule for RegistrationToken {
    fn meta(&self) -> &'static RuleMeta {
        &SSO601
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for (payload, psso) in psso_payloads(cx).filter(|(p, _)| p.mdm == Mdm::Intune) {
            let Some((token, place)) = &psso.registration_token else {
                let unknown = psso
                    .unknown_choices
                    .iter()
                    .any(|c| c.value.contains("registrationtoken"));
                if !unknown && !has_token_of_another_type(cx, payload, psso) {
                    out.push(missing(cx, payload, psso));
                }
                continue;
            };
            if let Some(problem) = registration_value_problem(&token.value) {
                out.push(wrong_value(cx, token, problem));
            }
            if is_misplaced(payload, *place) {
                out.push(misplaced(cx, payload, psso, token));
            }
        }
    }
}

/// Whether SSO601 reports a `RegistrationToken` inside `PlatformSSO` of `payload` (PL107 then
/// leaves it alone).
pub(in crate::rules) fn reports_misplaced_token(payload: &SsoPayload) -> bool {
    super::judged_by_psso_rules(payload)
        && payload.mdm == Mdm::Intune
        && payload
            .psso
            .as_ref()
            .and_then(|p| p.registration_token.as_ref())
            .is_some_and(|(_, place)| is_misplaced(payload, *place))
}

/// Whether a token written at `place` is in the wrong place for `payload`: inside `PlatformSSO`
/// in a profile or Settings Catalog policy, at the payload level in a declaration.
fn is_misplaced(payload: &SsoPayload, place: PssoPlace) -> bool {
    if payload.origin == Origin::Declaration {
        place == PssoPlace::Payload
    } else {
        place == PssoPlace::PlatformSso
    }
}

/// Whether the payload's keys are dict entries this rule can look up (plists and declarations).
fn has_dict_keys(payload: &SsoPayload) -> bool {
    is_plist(payload) || payload.origin == Origin::Declaration
}

/// A `RegistrationToken` that is there but not a string is PL106's type finding, not a missing one.
fn has_token_of_another_type(cx: &Context<'_>, payload: &SsoPayload, psso: &PssoSettings) -> bool {
    let Some(doc) = cx.doc(payload.doc).filter(|_| has_dict_keys(payload)) else {
        return false;
    };
    let in_payload = doc.tree.get_key(payload.node, "RegistrationToken").is_some();
    let in_psso = psso
        .node
        .is_some_and(|n| doc.tree.get_key(n, "RegistrationToken").is_some());
    in_payload || in_psso
}

fn missing(cx: &Context<'_>, payload: &SsoPayload, psso: &PssoSettings) -> Diagnostic {
    let location = match psso.node {
        Some(node) if has_dict_keys(payload) => cx.at_node(payload.doc, node),
        _ => extension_id_anchor(cx, payload),
    };
    let d = cx
        .report(&SSO601, "Platform SSO without `RegistrationToken`", location)
        .with_label("no registration token");
    if payload.origin == Origin::Declaration {
        return d.with_help(format!(
            "Microsoft's Platform SSO guide requires `RegistrationToken` = `{DEVICE_REGISTRATION_VALUE}`; in a declaration \
             it is a key of `PlatformSSO`. Intune replaces the variable with the token the Mac registers with; if another \
             MDM delivers this declaration, set `mdm = \"other\"` under `[sso]`"
        ));
    }
    d.with_help(format!(
        "Microsoft's Platform SSO guide requires `RegistrationToken` = `{DEVICE_REGISTRATION_VALUE}` at the payload \
             level (Settings Catalog: Registration Token): Intune replaces the variable with the token the Mac \
             registers with. If another MDM delivers this profile, set `mdm = \"other\"` under `[sso]`"
    ))
}

fn wrong_value(cx: &Context<'_>, token: &Spanned<String>, problem: &str) -> Diagnostic {
    let mut d = cx
        .report(
            &SSO601,
            format!("`RegistrationToken` is `{}`: {problem}", token.value),
            cx.at(token),
        )
        .with_label(format!("expected `{DEVICE_REGISTRATION_VALUE}`"))
        .with_help(
            "Intune replaces the device variable `{{DEVICEREGISTRATION}}` (all upper or all lower case, double braces, \
             nothing around it); any other text is delivered literally and the Mac never registers",
        );
    if let Some(edit) = cx
        .doc(token.doc)
        .filter(|doc| matches!(doc.tree.value(token.node), Some(crate::syntax::Value::String(_))))
        .and_then(|doc| edits::replace_string(doc, token.node, DEVICE_REGISTRATION_VALUE))
    {
        d = d.with_fix(
            Applicability::Safe,
            format!("Replace with `{DEVICE_REGISTRATION_VALUE}`"),
            vec![edit],
        );
    }
    d
}

fn misplaced(cx: &Context<'_>, payload: &SsoPayload, psso: &PssoSettings, token: &Spanned<String>) -> Diagnostic {
    if payload.origin == Origin::Declaration {
        let mut d = cx
            .report(
                &SSO601,
                "`RegistrationToken` is at the payload level; in a declaration it is a key of `PlatformSSO`",
                cx.at(token),
            )
            .with_label("not read here")
            .with_help(
                "Apple's `com.apple.configuration.extensible-sso` declaration defines `RegistrationToken` inside \
                 `PlatformSSO` (the profile form has it at the payload level), so the Mac finds no token and does not \
                 register: move it into `PlatformSSO`",
            );
        if let Some(edits) = move_into_platform_sso(cx, payload, psso, token) {
            d = d.with_fix(
                Applicability::Unsafe,
                "Move `RegistrationToken` into `PlatformSSO`",
                edits,
            );
        }
        return d;
    }
    let mut d = cx
        .report(
            &SSO601,
            "`RegistrationToken` is inside `PlatformSSO`; in a profile it is a payload-level key",
            cx.at(token),
        )
        .with_label("not read here")
        .with_help(
            "Apple's profile schema defines `RegistrationToken` beside `PlatformSSO`, not inside it (only the declaration \
             form nests it), so the Mac finds no token and does not register: move it to the payload level",
        );
    if let Some(edits) = move_to_payload(cx, payload, psso, token) {
        d = d.with_fix(
            Applicability::Unsafe,
            "Move `RegistrationToken` to the payload level",
            edits,
        );
    }
    d
}

/// The edits that move the token out of `PlatformSSO` into the payload dict (profiles only, and
/// only when the payload has no token of its own).
fn move_to_payload(
    cx: &Context<'_>,
    payload: &SsoPayload,
    psso: &PssoSettings,
    token: &Spanned<String>,
) -> Option<Vec<Edit>> {
    if !is_plist(payload) {
        return None;
    }
    let doc = cx.doc(payload.doc)?;
    if doc.tree.get_key(payload.node, "RegistrationToken").is_some() {
        return None;
    }
    let dict = psso.node?;
    let index = doc
        .tree
        .entries(dict)
        .iter()
        .position(|e| e.key == "RegistrationToken")?;
    let value = format!("<string>{}</string>", edits::xml_escape(&token.value));
    Some(vec![
        edits::remove_entry(doc, dict, index)?,
        edits::insert_entry(doc, payload.node, "RegistrationToken", &value)?,
    ])
}

/// The edits that move a declaration's payload-level token into its `PlatformSSO` object (only
/// when `PlatformSSO` is an object without a token of its own).
fn move_into_platform_sso(
    cx: &Context<'_>,
    payload: &SsoPayload,
    psso: &PssoSettings,
    token: &Spanned<String>,
) -> Option<Vec<Edit>> {
    let doc = cx.doc(payload.doc)?;
    let dict = psso.node?;
    if !matches!(doc.tree.value(dict), Some(crate::syntax::Value::Dict(_)))
        || doc.tree.get_key(dict, "RegistrationToken").is_some()
    {
        return None;
    }
    let index = doc
        .tree
        .entries(payload.node)
        .iter()
        .position(|e| e.key == "RegistrationToken")?;
    Some(vec![
        edits::remove_entry(doc, payload.node, index)?,
        edits::insert_entry(doc, dict, "RegistrationToken", &edits::json_string(&token.value))?,
    ])
}
