//! PL005 unrecognized-document: a file named explicitly that is neither a profile, a payload,
//! nor an Intune object. Files found by walking a folder are skipped silently instead, so that a
//! repository's other JSON files do not flood the report.

use crate::diagnostic::Location;
use crate::document::FileOrigin;
use crate::rules::codes::PL005;
use crate::rules::{Context, Rule, RuleMeta};

/// See the module docs.
pub struct UnrecognizedDocument;

impl Rule for UnrecognizedDocument {
    fn meta(&self) -> &'static RuleMeta {
        &PL005
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for &id in &cx.model.unrecognized {
            let Some(doc) = cx.doc(id) else { continue };
            if doc.origin != FileOrigin::Named || doc.embedding.is_some() {
                continue;
            }
            let what = if doc.format.name().contains("plist") {
                "a property list that is neither a configuration profile nor a payload"
            } else {
                "JSON that is not an Intune object profilelint knows"
            };
            out.push(
                cx.report(
                    &PL005,
                    format!("not linted: {what}"),
                    Location {
                        doc: id,
                        span: None,
                        key_path: None,
                    },
                )
                .with_help(
                    "profilelint reads .mobileconfig profiles and payloads, and Intune Graph exports; pass only those",
                ),
            );
        }
    }
}
