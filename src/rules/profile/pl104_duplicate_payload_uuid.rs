//! PL104 duplicate-payload-uuid: the same `PayloadUUID` twice in the lint set.
//!
//! Apple's schema says a `PayloadUUID` must be globally unique; devices use `PayloadIdentifier`
//! plus `PayloadUUID` to decide which payloads a new profile updates, so a copied UUID lets one
//! profile update another's payloads. Compared case-insensitively across the top-level dicts and
//! payloads of every plist profile (embedded custom-profile payloads included), with one
//! diagnostic per repeat and a secondary label on the first occurrence. One pass with a hash map,
//! so the check stays linear however many files are linted. Empty strings and unrendered template
//! placeholders (`${uuid_0}`) are left to PL102: each rendering gets its own UUID. Two copies of
//! the same content (a signed and an unsigned copy of one profile) are one profile, not a
//! collision, and are not reported; nor are two profiles with the same top-level
//! `PayloadIdentifier` (versions of one profile, which replace each other on a device, and whose
//! payloads keep their UUIDs precisely so that an update replaces them; PL105 reports the shared
//! identifier).

use std::collections::HashMap;

use crate::document::DocId;
use crate::rules::codes::PL104;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::NodeId;

use super::schema;

/// See the module docs.
pub struct DuplicatePayloadUuid;

/// Where a UUID was seen.
#[derive(Clone, Copy)]
struct Seen<'a> {
    doc: DocId,
    node: NodeId,
    top: bool,
    dict: NodeId,
    /// The top-level `PayloadIdentifier` of its profile (none for a bare payload).
    profile_id: Option<&'a str>,
}

/// The occurrences of a UUID a later one is compared with: the first, and the first whose
/// profile identifier differs from the first's. A later occurrence collides with one of these
/// if it collides with any earlier one, so two are enough however often a UUID repeats.
struct Earlier<'a> {
    first: Seen<'a>,
    other_profile: Option<Seen<'a>>,
}

impl Rule for DuplicatePayloadUuid {
    fn meta(&self) -> &'static RuleMeta {
        &PL104
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let mut seen: HashMap<String, Earlier<'_>> = HashMap::new();
        // Whether two documents are copies, compared once per pair (not once per UUID they
        // share: that would cost the payloads of a profile times its size).
        let mut copies: HashMap<(DocId, DocId), bool> = HashMap::new();
        for profile in &cx.model.profiles {
            let Some(doc) = cx.doc(profile.doc) else {
                continue;
            };
            let profile_id = profile
                .is_profile
                .then(|| doc.tree.str_key(profile.root, "PayloadIdentifier"))
                .flatten()
                .filter(|id| !id.trim().is_empty());
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
                crate::work::add(1);
                let Some(value) = doc.tree.str(node) else {
                    continue;
                };
                if value.trim().is_empty() || super::template_placeholder(value).is_some() {
                    continue;
                }
                let here = Seen {
                    doc: profile.doc,
                    node,
                    top,
                    dict,
                    profile_id,
                };
                let key = value.to_ascii_lowercase();
                let Some(earlier) = seen.get_mut(&key) else {
                    seen.insert(
                        key,
                        Earlier {
                            first: here,
                            other_profile: None,
                        },
                    );
                    continue;
                };
                if earlier.other_profile.is_none() && profile_id != earlier.first.profile_id {
                    earlier.other_profile = Some(here);
                }
                let mut collides = |seen: &Seen<'_>| {
                    if seen.doc == profile.doc {
                        // Twice in one profile, unless this is the occurrence just recorded.
                        return seen.node != node;
                    }
                    let same_profile = seen.profile_id.is_some() && seen.profile_id == profile_id;
                    !same_profile
                        && !*copies
                            .entry((seen.doc, profile.doc))
                            .or_insert_with(|| cx.same_content(seen.doc, profile.doc))
                };
                let Some(first) = [Some(earlier.first), earlier.other_profile]
                    .into_iter()
                    .flatten()
                    .find(|seen| collides(seen))
                else {
                    continue;
                };
                let owner = describe(cx, &first, profile.doc);
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
fn describe(cx: &Context<'_>, first: &Seen<'_>, current: DocId) -> String {
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
