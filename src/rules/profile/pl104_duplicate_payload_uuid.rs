//! PL104 duplicate-payload-uuid: the same `PayloadUUID` twice in the lint set.
//!
//! Apple's schema says a `PayloadUUID` must be globally unique; devices use `PayloadIdentifier`
//! plus `PayloadUUID` to decide which payloads a new profile updates, so a copied UUID lets one
//! profile update another's payloads. Compared case-insensitively across the top-level dicts and
//! payloads of every plist profile (embedded custom-profile payloads included), with one
//! diagnostic per repeat and a secondary label on the first occurrence. One pass with a hash map,
//! so the check stays linear however many files are linted. Empty strings are left to PL102.
//! Two copies of the same content (a signed and an unsigned copy of one profile) are one profile,
//! not a collision, and are not reported.

use std::collections::HashMap;

use crate::document::DocId;
use crate::rules::codes::PL104;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::NodeId;

use super::schema;

/// See the module docs.
pub struct DuplicatePayloadUuid;

/// Where a UUID was first seen.
struct First {
    doc: DocId,
    node: NodeId,
    top: bool,
    dict: NodeId,
}

impl Rule for DuplicatePayloadUuid {
    fn meta(&self) -> &'static RuleMeta {
        &PL104
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let mut seen: HashMap<String, First> = HashMap::new();
        // Whether two documents are copies, compared once per pair (not once per UUID they
        // share: that would cost the payloads of a profile times its size).
        let mut copies: HashMap<(DocId, DocId), bool> = HashMap::new();
        for profile in &cx.model.profiles {
            let Some(doc) = cx.doc(profile.doc) else {
                continue;
            };
            // In text order, so that "first" means first in the file (the top-level UUID of a
            // profile usually comes after its payloads).
            let mut uuids: Vec<_> = schema::identity_dicts(profile)
                .filter_map(|(dict, top)| {
                    let node = doc.tree.get_key(dict, "PayloadUUID")?;
                    Some((doc.tree.span(node).map(|s| s.start), node, dict, top))
                })
                .collect();
            uuids.sort_by_key(|&(start, ..)| start);
            for (_, node, dict, top) in uuids {
                let Some(value) = doc.tree.str(node) else {
                    continue;
                };
                if value.trim().is_empty() {
                    continue;
                }
                let key = value.to_ascii_lowercase();
                let first = seen.get(&key);
                if first.is_some_and(|f| {
                    f.doc != profile.doc
                        && *copies
                            .entry((f.doc, profile.doc))
                            .or_insert_with(|| cx.same_content(f.doc, profile.doc))
                }) {
                    continue;
                }
                let Some(first) = first else {
                    seen.insert(
                        key,
                        First {
                            doc: profile.doc,
                            node,
                            top,
                            dict,
                        },
                    );
                    continue;
                };
                let owner = describe(cx, first, profile.doc);
                out.push(
                    cx.report(
                        &PL104,
                        format!("`PayloadUUID` `{value}` is already used by {owner}"),
                        cx.at_node(profile.doc, node),
                    )
                    .with_label("repeated here")
                    .with_related(cx.at_node(first.doc, first.node), "first used here")
                    .with_help(
                        "give one of them a newly generated UUID (e.g. from `uuidgen`); devices use \
                         `PayloadIdentifier` and `PayloadUUID` to decide which payloads a profile \
                         updates, so a shared UUID lets one profile change the other's payloads",
                    ),
                );
            }
        }
    }
}

/// "the profile", "payload `PayloadContent[0]`", with "in `other.mobileconfig`" when the first
/// occurrence is in another file and "of another profile in this file" for another document of
/// the same file (two custom profiles of one Intune export).
fn describe(cx: &Context<'_>, first: &First, current: DocId) -> String {
    let Some(doc) = cx.doc(first.doc) else {
        return "another payload".to_owned();
    };
    let path = doc.key_path(first.dict);
    let what = match (first.top, path.is_empty()) {
        (true, _) => "the profile".to_owned(),
        (false, true) => "the payload".to_owned(),
        (false, false) => format!("payload `{path}`"),
    };
    if first.doc == current {
        return what;
    }
    let same_file = cx.doc(current).is_some_and(|d| d.path == doc.path);
    if same_file {
        format!("{what} of another profile in this file")
    } else {
        format!("{what} in `{}`", doc.path)
    }
}
