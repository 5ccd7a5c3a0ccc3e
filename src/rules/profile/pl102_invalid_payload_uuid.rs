//! PL102 invalid-payload-uuid: a `PayloadUUID` that is not a UUID.
//!
//! Apple's schema only asks for a globally unique string ("its content is unimportant"), and
//! devices accept any string, so a hand-written value (a reverse-DNS name with a UUID suffix, as
//! Jamf's STIG profiles and a published Company Portal profile write) is a note (info): such
//! values are easily reused when a profile is copied, and duplicates are PL104's error. Two values
//! are real defects and stay errors: an empty value, and an unrendered template placeholder
//! (`${uuid_0}`, `$UUID`, `{{uuid}}`, `%UUID%`), which every profile built from the same template
//! shares. Checked at the top level of a whole profile and in every payload. A `PayloadUUID` that
//! is not a string at all is a type error (PL106), not reported here.

use crate::diagnostic::Severity;
use crate::rules::codes::PL102;
use crate::rules::{Context, Rule, RuleMeta};
use crate::Diagnostic;

use super::schema;

/// See the module docs.
pub struct InvalidPayloadUuid;

impl Rule for InvalidPayloadUuid {
    fn meta(&self) -> &'static RuleMeta {
        &PL102
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for profile in &cx.model.profiles {
            let Some(doc) = cx.doc(profile.doc) else {
                continue;
            };
            for (dict, top) in schema::identity_dicts(profile) {
                let Some(node) = doc.tree.get_key(dict, "PayloadUUID") else {
                    continue;
                };
                let Some(value) = doc.tree.str(node) else {
                    continue;
                };
                if schema::is_uuid(value) {
                    continue;
                }
                let owner = if top { "the profile's" } else { "the payload's" };
                out.push(diagnose(cx, profile.doc, node, owner, value));
            }
        }
    }
}

/// The finding for the non-UUID `value` of the `PayloadUUID` at `node`.
fn diagnose(
    cx: &Context<'_>,
    doc: crate::document::DocId,
    node: crate::syntax::NodeId,
    owner: &str,
    value: &str,
) -> Diagnostic {
    let location = cx.at_node(doc, node);
    if value.trim().is_empty() {
        return cx
            .report(&PL102, format!("{owner} `PayloadUUID` is empty"), location)
            .with_severity(Severity::Error)
            .with_label("empty identifier")
            .with_help(
                "Apple requires a globally unique `PayloadUUID`; an empty one is shared by every profile that \
                 leaves it empty. Generate a UUID (e.g. with `uuidgen`), one per profile and one per payload",
            );
    }
    if let Some(placeholder) = template_placeholder(value) {
        return cx
            .report(
                &PL102,
                format!("{owner} `PayloadUUID` `{value}` is an unrendered template placeholder"),
                location,
            )
            .with_severity(Severity::Error)
            .with_label(format!("`{placeholder}` was never replaced"))
            .with_help(
                "the template engine that should have put a UUID here did not run, so every profile made from \
                 this template has the same `PayloadUUID` and one replaces the payloads of another. Render the \
                 template, or write a generated UUID (e.g. from `uuidgen`)",
            );
    }
    let mut help = "Apple only asks that `PayloadUUID` be globally unique, and devices accept any string; a \
                    generated UUID (e.g. from `uuidgen`) is the simplest way to stay unique when profiles are \
                    copied. Duplicates are reported by PL104"
        .to_owned();
    if let Some(inner) = schema::find_uuid(value) {
        help.push_str(&format!("; the value already contains the UUID `{inner}`"));
    }
    cx.report(
        &PL102,
        format!("{owner} `PayloadUUID` `{value}` is not a UUID"),
        location,
    )
    .with_label("not in the 8-4-4-4-12 hexadecimal form")
    .with_help(help)
}

/// The template placeholder `value` holds, if any: `${name}`, `{{name}}`, `%name%`, or a whole
/// value `$name`. These are what template engines and MDM variables look like before rendering
/// (shell and Terraform `${…}`, Jinja/Mustache/Intune `{{…}}`, Windows and Jamf-style `%…%`).
pub(super) fn template_placeholder(value: &str) -> Option<&str> {
    // Every form starts with one of these: most values (real UUIDs) have none.
    memchr::memchr3(b'$', b'{', b'%', value.as_bytes())?;
    let is_name = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
    };
    for (open, close) in [("${", "}"), ("{{", "}}"), ("%", "%")] {
        let Some(start) = value.find(open) else {
            continue;
        };
        let rest = value.get(start + open.len()..)?;
        if let Some(end) = rest.find(close) {
            let name = rest.get(..end)?.trim();
            if is_name(name) {
                return value.get(start..start + open.len() + end + close.len());
            }
        }
    }
    let trimmed = value.trim();
    trimmed.strip_prefix('$').filter(|name| is_name(name)).map(|_| trimmed)
}

#[cfg(test)]
mod tests {
    use super::template_placeholder;

    #[test]
    fn placeholders_are_recognised() {
        assert_eq!(template_placeholder("${uuid_0}"), Some("${uuid_0}"));
        assert_eq!(template_placeholder("$UUID"), Some("$UUID"));
        assert_eq!(template_placeholder("{{uuid}}"), Some("{{uuid}}"));
        assert_eq!(template_placeholder("{{ uuid }}"), Some("{{ uuid }}"));
        assert_eq!(template_placeholder("%UUID%"), Some("%UUID%"));
        assert_eq!(
            template_placeholder("com.contoso.${PROFILE_UUID}"),
            Some("${PROFILE_UUID}")
        );
    }

    #[test]
    fn ordinary_values_are_not_placeholders() {
        assert_eq!(
            template_placeholder("com.apple.ManagedClient.preferences.5F1E7A4C-2B7D-4E1A-9C3B-8D2F6A1E0B47"),
            None
        );
        assert_eq!(
            template_placeholder("com.fleetdm.D4DB9649-BA4A-4FA1-AA4F-D1CF606308B1"),
            None
        );
        assert_eq!(template_placeholder("50% off"), None);
        assert_eq!(template_placeholder("$"), None);
        assert_eq!(template_placeholder("a{{b"), None);
        assert_eq!(template_placeholder("é%é"), None);
    }
}
