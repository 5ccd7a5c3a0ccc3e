//! PL103 invalid-payload-version: `PayloadVersion` is not the integer 1.
//!
//! Apple's schema defines `PayloadVersion` (top level and every payload) as an `<integer>` whose
//! only allowed value is 1: a format version, not a revision counter. This rule owns the value of
//! `PayloadVersion` (PL108 leaves it alone); a wrong type is also a PL106 finding, as rules.md
//! lists both.
//!
//! Fix (safe): `<string>1</string>` → `<integer>1</integer>`, the one lossless case. Other values
//! (`2`, `<real>1.0</real>`, …) are left to the author.

use crate::diagnostic::Applicability;
use crate::edits;
use crate::rules::codes::PL103;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::Value;

use super::schema;

/// See the module docs.
pub struct InvalidPayloadVersion;

impl Rule for InvalidPayloadVersion {
    fn meta(&self) -> &'static RuleMeta {
        &PL103
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for profile in &cx.model.profiles {
            let Some(doc) = cx.doc(profile.doc) else {
                continue;
            };
            for (dict, top) in schema::identity_dicts(profile) {
                let Some(node) = doc.tree.get_key(dict, "PayloadVersion") else {
                    continue;
                };
                let Some(value) = doc.tree.value(node) else {
                    continue;
                };
                let found = match value {
                    Value::Integer(1) => continue,
                    Value::Integer(n) => format!("the integer {n}"),
                    Value::String(s) => format!("the string `{s}`"),
                    Value::Real(r) => format!("the real {r:?}"),
                    other => schema::with_article(other.kind().name()),
                };
                let owner = if top { "the profile's" } else { "the payload's" };
                let mut d = cx
                    .report(
                        &PL103,
                        format!("{owner} `PayloadVersion` is {found}, not the integer 1"),
                        cx.at_node(profile.doc, node),
                    )
                    .with_label("must be `<integer>1</integer>`")
                    .with_help(
                        "`PayloadVersion` is the profile format version and is always 1; track \
                         revisions of your profile in `PayloadDescription` or version control",
                    );
                if matches!(value, Value::String(s) if s == "1") {
                    if let Some(edit) = edits::replace_value(doc, node, "<integer>1</integer>") {
                        d = d.with_fix(Applicability::Safe, "Write `<integer>1</integer>`", vec![edit]);
                    }
                }
                out.push(d);
            }
        }
    }
}
