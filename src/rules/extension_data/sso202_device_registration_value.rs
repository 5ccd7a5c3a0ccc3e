//! SSO202 device-registration-value: `device_registration` is not exactly
//! `{{DEVICEREGISTRATION}}` or `{{deviceregistration}}`.
//!
//! `{{DEVICEREGISTRATION}}` is an Intune device variable; Intune variables must be all upper or
//! all lower case, and one Intune does not recognise reaches the device as literal text, so JIT
//! registration never starts. Single braces, mixed case, misspellings and surrounding spaces are
//! all caught (surrounding spaces here rather than SSO206, with the specific fix). Only String
//! values are checked (wrong types are SSO204). The fix (safe: the key's only meaning is the
//! variable) writes `{{DEVICEREGISTRATION}}`. Off for profiles another MDM delivers
//! (`[sso] mdm = "other"`), where SSO209 reports the variable instead.

use crate::diagnostic::Applicability;
use crate::edits;
use crate::model::{ExtensionValue, Mdm};
use crate::rules::codes::SSO202;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta};

use super::support::{registration_value_problem, DEVICE_REGISTRATION, DEVICE_REGISTRATION_VALUE};

/// See the module docs.
pub struct DeviceRegistrationValue;

impl Rule for DeviceRegistrationValue {
    fn meta(&self) -> &'static RuleMeta {
        &SSO202
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx).filter(|p| p.mdm == Mdm::Intune) {
            for entry in &payload.extension_data.entries {
                if entry.key.value.trim() != DEVICE_REGISTRATION {
                    continue;
                }
                let ExtensionValue::String(value) = &entry.value.value else {
                    continue;
                };
                let Some(problem) = registration_value_problem(value) else {
                    continue;
                };
                let message = if value.is_empty() {
                    format!("`{DEVICE_REGISTRATION}` is empty")
                } else {
                    format!("`{DEVICE_REGISTRATION}` is `{value}`: {problem}")
                };
                let mut d = cx
                    .report(&SSO202, message, cx.at(&entry.value))
                    .with_label(format!("expected `{DEVICE_REGISTRATION_VALUE}`"))
                    .with_help(
                        "Intune replaces the device variable `{{DEVICEREGISTRATION}}` (all upper or all lower case, double braces, \
                         nothing around it) before the profile reaches the device; any other text is delivered literally and \
                         Just-in-Time registration never starts",
                    );
                if let Some(edit) = cx
                    .doc(entry.value.doc)
                    .and_then(|doc| edits::replace_string(doc, entry.value.node, DEVICE_REGISTRATION_VALUE))
                {
                    d = d.with_fix(
                        Applicability::Safe,
                        format!("Replace with `{DEVICE_REGISTRATION_VALUE}`"),
                        vec![edit],
                    );
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::support::registration_value_problem as problem;

    #[test]
    fn values() {
        assert_eq!(problem("{{DEVICEREGISTRATION}}"), None);
        assert_eq!(problem("{{deviceregistration}}"), None);
        assert_eq!(
            problem(" {{DEVICEREGISTRATION}}"),
            Some("it has leading or trailing whitespace")
        );
        assert_eq!(
            problem("{{DeviceRegistration}}"),
            Some("Intune variables must be all upper case or all lower case")
        );
        assert!(problem("{DEVICEREGISTRATION}").is_some_and(|p| p.contains("two braces")));
        assert!(problem("{{{DEVICEREGISTRATION}}}").is_some_and(|p| p.contains("two braces")));
        assert!(problem("{{ DEVICEREGISTRATION }}").is_some_and(|p| p.contains("two braces")));
        assert!(problem("{{DEVICEREGISTERATION}}").is_some_and(|p| p.contains("not the Intune variable")));
        assert_eq!(problem(""), Some("the value is empty"));
    }
}
