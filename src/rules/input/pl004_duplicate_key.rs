//! PL004 duplicate-key: a key twice in one plist dict or JSON object.
//!
//! Devices and Graph keep one of the two silently (the `plist` crate keeps the last), so the
//! author's intent is lost without a word. The fix drops the later entry only when both values are
//! identical, since then nothing can be lost.

use std::collections::HashMap;

use crate::diagnostic::Applicability;
use crate::edits;
use crate::rules::codes::PL004;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::Value;
use crate::Diagnostic;

/// See the module docs.
pub struct DuplicateKey;

impl Rule for DuplicateKey {
    fn meta(&self) -> &'static RuleMeta {
        &PL004
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (index, doc) in cx.set.documents.iter().enumerate() {
            let doc_id = crate::DocId(index as u32);
            for (dict, node) in doc.tree.iter() {
                let Value::Dict(entries) = &node.value else { continue };
                if entries.len() < 2 {
                    continue;
                }
                let mut first: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
                for (i, entry) in entries.iter().enumerate() {
                    let Some(&j) = first.get(entry.key.as_str()) else {
                        first.insert(&entry.key, i);
                        continue;
                    };
                    let Some(original) = entries.get(j) else { continue };
                    let mut d = cx
                        .report(
                            &PL004,
                            format!("duplicate key `{}`", entry.key),
                            cx.at_span(doc_id, entry.value, entry.key_span),
                        )
                        .with_label("repeated here")
                        .with_related(
                            cx.at_span(doc_id, original.value, original.key_span),
                            "first defined here",
                        );
                    if doc.tree.same_value(original.value, entry.value) {
                        if let Some(edit) = edits::remove_entry(doc, dict, i) {
                            d = d.with_fix(
                                Applicability::Safe,
                                "Remove the repeated entry (same value)",
                                vec![edit],
                            );
                        }
                        d = d.with_help("both entries have the same value; the repeat can go");
                    } else {
                        d = d.with_help("the values differ and a device keeps only one of them: keep the intended one");
                    }
                    out.push(d);
                }
            }
        }
    }
}
