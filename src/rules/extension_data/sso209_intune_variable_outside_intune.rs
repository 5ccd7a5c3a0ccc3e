//! SSO209 intune-variable-outside-intune: with `[sso] mdm = "other"`, a value of a Microsoft SSO
//! payload holds an Intune variable (`{{DEVICEREGISTRATION}}`, `{{username}}`, …).
//!
//! Intune substitutes its device variables when it delivers a profile; Jamf Pro, Kandji, Fleet and
//! other MDMs have their own syntax (`$VARIABLE`, `%Variable%`, …) and deliver `{{…}}` literally.
//! Microsoft's Platform SSO guide for third-party MDMs lists no registration token, and
//! `device_registration` is Intune's Just-in-Time registration. So on such a profile this rule
//! replaces SSO201/SSO202 (which ask for the variable). Every string of the payload is checked,
//! one finding per string. Intune exports are always Intune and never get it. Declarations inside a
//! `com.apple.declarations` profile payload are installed by hand (never by an MDM), so they are
//! checked whatever `[sso] mdm` says.

use crate::model::{Mdm, MdmSource, SsoPayload};
use crate::rules::codes::SSO209;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Diagnostic;

/// See the module docs.
pub struct IntuneVariableOutsideIntune;

impl Rule for IntuneVariableOutsideIntune {
    fn meta(&self) -> &'static RuleMeta {
        &SSO209
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx).filter(|p| p.mdm == Mdm::Other) {
            let Some(doc) = cx.doc(payload.doc) else {
                continue;
            };
            for (node, s) in doc.tree.strings_under(payload.node) {
                if let Some(variable) = intune_variable(s) {
                    out.push(diagnose(cx, payload, node, variable));
                }
            }
        }
    }
}

fn diagnose(cx: &Context<'_>, payload: &SsoPayload, node: crate::syntax::NodeId, variable: &str) -> Diagnostic {
    let registration = variable.eq_ignore_ascii_case("{{DEVICEREGISTRATION}}");
    if payload.mdm_source == MdmSource::ManualInstall {
        return cx
            .report(
                &SSO209,
                format!("`{variable}` is an Intune variable, but this declaration is installed by hand"),
                cx.at_node(payload.doc, node),
            )
            .with_label("delivered literally")
            .with_help(
                "a `com.apple.declarations` profile payload can only be installed by hand, not by an MDM (Apple's \
                 schema), so nothing substitutes `{{…}}`: the device receives the text as written. Deliver the \
                 declaration through your MDM instead, or remove the value",
            );
    }
    let why = if payload.mdm_source == MdmSource::OtherMdmMarks {
        "the profile bears another MDM's marks (Jamf Pro's `PayloadOrganization` `JAMF Software`, a `com.fleetdm.` \
         identifier or another MDM's `$VARIABLE`), so that MDM delivers it"
    } else {
        "`[sso] mdm = \"other\"` says another MDM delivers this profile"
    };
    let mut help = format!(
        "{why}: it sends `{{{{…}}}}` as written, because only Intune substitutes its device variables. Use your MDM's \
         own variable syntax, or remove the value"
    );
    if registration {
        help.push_str(
            ". Device registration with `{{DEVICEREGISTRATION}}` (iOS Just-in-Time registration, the macOS \
             `RegistrationToken`) works only when Intune delivers the profile; Microsoft's Platform SSO guide for other \
             MDMs lists no registration token: users register when the Mac prompts them",
        );
        if payload.mdm_source == MdmSource::OtherMdmMarks {
            help.push_str(". If Intune does deliver this profile, set `mdm = \"intune\"` under `[sso]`");
        }
    } else {
        help.push_str("; if Intune does deliver this profile, set `mdm = \"intune\"` under `[sso]`");
    }
    cx.report(
        &SSO209,
        format!("`{variable}` is an Intune variable, but this profile is delivered by another MDM"),
        cx.at_node(payload.doc, node),
    )
    .with_label("delivered literally")
    .with_help(help)
}

/// The first Intune-style variable in `s`: `{{name}}` with a name of letters, digits and `_`.
fn intune_variable(s: &str) -> Option<&str> {
    let mut rest = s;
    let mut offset = 0;
    while let Some(start) = rest.find("{{") {
        let after = rest.get(start + 2..)?;
        let end = after.find("}}")?;
        let name = after.get(..end)?;
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return s.get(offset + start..offset + start + end + 4);
        }
        offset += start + 2;
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::intune_variable;

    #[test]
    fn finds_intune_variables() {
        assert_eq!(
            intune_variable("{{DEVICEREGISTRATION}}"),
            Some("{{DEVICEREGISTRATION}}")
        );
        assert_eq!(
            intune_variable(" {{deviceregistration}} "),
            Some("{{deviceregistration}}")
        );
        assert_eq!(intune_variable("user-{{serialnumber}}@x"), Some("{{serialnumber}}"));
        assert_eq!(intune_variable("{{ }} then {{AADDeviceId}}"), Some("{{AADDeviceId}}"));
    }

    #[test]
    fn ignores_other_syntax() {
        assert_eq!(intune_variable("$SERIALNUMBER"), None);
        assert_eq!(intune_variable("%SerialNumber%"), None);
        assert_eq!(intune_variable("{DEVICEREGISTRATION}"), None);
        assert_eq!(intune_variable("{{"), None);
        assert_eq!(intune_variable("{{a b}}"), None);
        assert_eq!(intune_variable("é{{é}}"), None);
    }
}
