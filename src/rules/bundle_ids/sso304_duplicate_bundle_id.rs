//! SSO304 duplicate-bundle-id: the same id twice in one bundle list.
//!
//! Bundle ids compare case-insensitively (Intune lists them in lower case, the App Store in mixed
//! case, so `com.microsoft.Office.Outlook` and `com.microsoft.office.outlook` are one app).
//! Empty entries are SSO303's. The safe fix removes the later occurrence.

use std::collections::HashMap;

use crate::diagnostic::Applicability;
use crate::rules::codes::SSO304;
use crate::rules::{Context, Rule, RuleMeta};

use super::lists;

/// See the module docs.
pub struct DuplicateBundleId;

impl Rule for DuplicateBundleId {
    fn meta(&self) -> &'static RuleMeta {
        &SSO304
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            for list in &payload.bundle_lists {
                let mut first: HashMap<String, usize> = HashMap::with_capacity(list.items.len());
                for (index, item) in list.items.iter().enumerate() {
                    let id = item.id();
                    if id.is_empty() {
                        continue;
                    }
                    let Some(original) = first.get(&id.to_ascii_lowercase()).and_then(|&i| list.items.get(i)) else {
                        first.insert(id.to_ascii_lowercase(), index);
                        continue;
                    };
                    let key = list.kind.key();
                    let help = if original.id() == id {
                        "keep one entry per app".to_owned()
                    } else {
                        format!(
                            "`{}` and `{id}` are the same app: bundle ids compare case-insensitively; keep one",
                            original.id()
                        )
                    };
                    let mut d = cx
                        .report(
                            &SSO304,
                            format!("`{id}` is listed twice in `{key}`"),
                            lists::item_location(cx, payload, item),
                        )
                        .with_label("repeated here")
                        .with_related(lists::item_location(cx, payload, original), "first listed here")
                        .with_help(help);
                    if let Some(edit) =
                        lists::text_doc(cx, payload).and_then(|doc| lists::remove_item(doc, list, index))
                    {
                        d = d.with_fix(Applicability::Safe, "Remove the repeated entry", vec![edit]);
                    }
                    out.push(d);
                }
            }
        }
    }
}
