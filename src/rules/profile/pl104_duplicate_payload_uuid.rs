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
use std::hash::{Hash, Hasher};

use crate::document::DocId;
use crate::model::PlistProfile;
use crate::rules::codes::PL104;
use crate::rules::{Context, Rule, RuleMeta, Scope};
use crate::syntax::NodeId;

/// See the module docs.
pub struct DuplicatePayloadUuid;

/// A UUID as the map's key: compared ASCII case-insensitively, borrowed from the model (a
/// lower-cased copy of every UUID of a large tree was most of this rule's memory).
#[derive(Clone, Copy)]
struct NoCase<'a>(&'a str);

impl PartialEq for NoCase<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for NoCase<'_> {}

impl Hash for NoCase<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Lower-cased a chunk at a time: one write per UUID, not one per byte.
        let mut buf = [0u8; 64];
        for chunk in self.0.as_bytes().chunks(buf.len()) {
            let Some(lower) = buf.get_mut(..chunk.len()) else {
                continue;
            };
            lower.copy_from_slice(chunk);
            lower.make_ascii_lowercase();
            state.write(lower);
        }
        // As `str` does: keeps a key from hashing like the start of a longer one.
        state.write_u8(0xff);
    }
}

/// Where a UUID was seen.
#[derive(Clone, Copy)]
struct Seen<'a> {
    /// The profile (index into `Model::profiles`).
    profile: usize,
    doc: DocId,
    node: NodeId,
    top: bool,
    dict: NodeId,
    /// The top-level `PayloadIdentifier` of its profile (none for a bare payload).
    profile_id: Option<&'a str>,
}

/// Where a UUID was seen, as the map holds it: the profile and the UUID's position in it (a few
/// bytes per UUID of the tree; [`Seen`] is read from the model when needed).
#[derive(Clone, Copy)]
struct At {
    /// Index into `Model::profiles`.
    profile: u32,
    /// Index into the profile's `uuids`.
    uuid: u32,
}

impl At {
    /// Where `at` points, read from the model's `profiles`.
    fn seen<'a>(self, profiles: &'a [PlistProfile]) -> Option<Seen<'a>> {
        let index = usize::try_from(self.profile).ok()?;
        let profile = profiles.get(index)?;
        let uuid = profile.uuids.get(usize::try_from(self.uuid).ok()?)?;
        Some(Seen {
            profile: index,
            doc: profile.doc,
            node: uuid.node,
            top: uuid.top,
            dict: uuid.dict,
            profile_id: profile_id(profile),
        })
    }
}

/// The top-level `PayloadIdentifier` of a profile, when it has one that is not blank.
fn profile_id(profile: &PlistProfile) -> Option<&str> {
    profile
        .identifier
        .as_ref()
        .map(|id| id.value.as_str())
        .filter(|id| !id.trim().is_empty())
}

/// The occurrences of a UUID a later one is compared with: the first, and the first whose
/// profile identifier differs from the first's. A later occurrence collides with one of these
/// if it collides with any earlier one, so two are enough however often a UUID repeats.
struct Earlier {
    first: At,
    other_profile: Option<At>,
}

impl Rule for DuplicatePayloadUuid {
    fn meta(&self) -> &'static RuleMeta {
        &PL104
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let profiles = &cx.model.profiles;
        let uuids = profiles.iter().map(|p| p.uuids.len()).sum();
        let mut seen: HashMap<NoCase<'_>, Earlier, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(uuids, Default::default());
        // Whether two profiles are copies, compared once per pair (not once per UUID they
        // share: that would cost the payloads of a profile times its size).
        let mut copies: HashMap<(usize, usize), bool> = HashMap::new();
        // Only the model's facts are read until a collision is found: no tree of a profile that
        // is not reported.
        for (index, profile) in profiles.iter().enumerate() {
            let profile_id = profile_id(profile);
            for (position, uuid) in profile.uuids.iter().enumerate() {
                crate::work::add(1);
                let value = uuid.value.as_str();
                if value.trim().is_empty() || super::template_placeholder(value).is_some() {
                    continue;
                }
                let node = uuid.node;
                let (Ok(at_profile), Ok(at_uuid)) = (u32::try_from(index), u32::try_from(position)) else {
                    continue;
                };
                let here = At {
                    profile: at_profile,
                    uuid: at_uuid,
                };
                let key = NoCase(value);
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
                let Some(first_seen) = earlier.first.seen(profiles) else {
                    continue;
                };
                if earlier.other_profile.is_none() && profile_id != first_seen.profile_id {
                    earlier.other_profile = Some(here);
                }
                let mut collides = |seen: &Seen<'_>| {
                    if seen.doc == profile.doc {
                        // Twice in one profile, unless this is the occurrence just recorded.
                        return seen.node != node;
                    }
                    let same_profile = seen.profile_id.is_some() && seen.profile_id == profile_id;
                    !same_profile
                        && !*copies.entry((seen.profile, index)).or_insert_with(|| {
                            cx.model
                                .profiles
                                .get(seen.profile)
                                .is_some_and(|first| cx.same_profile(first, profile))
                        })
                };
                let Some(first) = [Some(first_seen), earlier.other_profile.and_then(|at| at.seen(profiles))]
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
