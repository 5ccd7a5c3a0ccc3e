//! PL102 invalid-payload-uuid: a `PayloadUUID` that is not a UUID.
//!
//! Apple's schema only asks for a globally unique string; this rule asks for the canonical
//! 8-4-4-4-12 hexadecimal form (either case), because hand-written values (a reverse-DNS name with
//! a suffix, as in a published Company Portal profile) are easily reused when a profile is copied,
//! and then one profile silently updates another's payloads. Checked at the top level of a whole
//! profile and in every payload. A `PayloadUUID` that is not a string at all is a type error
//! (PL106), not reported here.

use crate::rules::codes::PL102;
use crate::rules::{Context, Rule, RuleMeta};

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
                let shown = if value.is_empty() {
                    "an empty string".to_owned()
                } else {
                    format!("`{value}`")
                };
                let mut help = "replace it with a newly generated UUID (e.g. from `uuidgen`), one per \
                                profile and one per payload; keep `PayloadIdentifier` unchanged so \
                                installed copies are still replaced"
                    .to_owned();
                if let Some(inner) = schema::find_uuid(value) {
                    help.push_str(&format!(
                        "; the value contains the UUID `{inner}`, which is enough on its own if \
                         nothing else uses it"
                    ));
                }
                out.push(
                    cx.report(
                        &PL102,
                        format!("{owner} `PayloadUUID` {shown} is not a UUID"),
                        cx.at_node(profile.doc, node),
                    )
                    .with_label("expected 8-4-4-4-12 hexadecimal digits")
                    .with_help(help),
                );
            }
        }
    }
}
