//! PL004 duplicate-key: a key twice in one plist dict or JSON object.
//!
//! Devices and Graph keep one of the two silently (the `plist` crate keeps the last), so the
//! author's intent is lost without a word. The fix drops the later entry only when both values are
//! identical, since then nothing can be lost.

use crate::diagnostic::Applicability;
use crate::edits;
use crate::rules::codes::PL004;
use crate::rules::{Context, Rule, RuleMeta};
use crate::syntax::{Entry, Value};

/// See the module docs.
pub struct DuplicateKey;

impl Rule for DuplicateKey {
    fn meta(&self) -> &'static RuleMeta {
        &PL004
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for (doc_id, doc) in cx.documents() {
            for (dict, node) in doc.tree.iter() {
                let Value::Dict(entries) = &node.value else { continue };
                if entries.len() < 2 {
                    continue;
                }
                for (i, j) in repeats(entries) {
                    let (Some(entry), Some(original)) = (entries.get(i), entries.get(j)) else {
                        continue;
                    };
                    let mut d = cx
                        .report(
                            &PL004,
                            format!("duplicate key `{}`", entry.key),
                            cx.at_span(doc_id, entry.value, entry.key_span()),
                        )
                        .with_label("repeated here")
                        .with_related(
                            cx.at_span(doc_id, original.value, original.key_span()),
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

/// Dicts up to this size are searched pairwise; larger ones are sorted.
const PAIRWISE_MAX: usize = 16;

/// Each repeated entry with the first entry of the same key, `(repeat, first)`, in the order of
/// the repeats.
///
/// Most dicts are small and have no repeats: they cost a few integer comparisons (of key
/// signatures) and no allocation. A larger dict first sorts 64-bit hashes of its keys (integers
/// sort far faster than strings): no two equal means no repeat, the common case. Otherwise its
/// keys are sorted, O(n log n) whatever the keys, so a crafted input that makes hashes collide
/// only takes the slower path.
fn repeats(entries: &[Entry]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if entries.len() <= PAIRWISE_MAX {
        // Keys are compared whole only when their signatures agree: most dicts hold no repeat.
        let mut signatures = [0u64; PAIRWISE_MAX];
        for (slot, entry) in signatures.iter_mut().zip(entries) {
            *slot = signature(&entry.key);
        }
        for (i, entry) in entries.iter().enumerate() {
            let Some(sign) = signatures.get(i) else { break };
            let repeat = signatures
                .iter()
                .zip(entries)
                .take(i)
                .position(|(s, earlier)| s == sign && earlier.key == entry.key);
            if let Some(j) = repeat {
                found.push((i, j));
            }
        }
        return found;
    }
    let mut hashes: Vec<u64> = entries.iter().map(|e| fnv1a(e.key.as_bytes())).collect();
    hashes.sort_unstable();
    if hashes.windows(2).all(|pair| pair.first() != pair.last()) {
        return found;
    }
    let key = |i: usize| entries.get(i).map_or("", |e| e.key.as_str());
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_unstable_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
    for run in order.chunk_by(|&a, &b| key(a) == key(b)) {
        if let [first, rest @ ..] = run {
            found.extend(rest.iter().map(|&i| (i, *first)));
        }
    }
    found.sort_unstable();
    found
}

/// A cheap summary of a key that equal keys share: its length and three of its bytes.
fn signature(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let at = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0));
    let len = bytes.len();
    (len as u64) | at(0) << 32 | at(len / 2) << 40 | at(len.wrapping_sub(1)) << 48
}

/// FNV-1a, 64 bits: a fine spread for short keys at about one multiplication per byte.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn entries(keys: &[&str]) -> Vec<Entry> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| Entry::new(*k, Some(Span::new(i, i + 1)), None, crate::syntax::NodeId(i as u32)))
            .collect()
    }

    #[test]
    fn repeats_point_at_the_first_entry_in_small_and_large_dicts() {
        let small = entries(&["a", "b", "a", "c", "a", "b"]);
        assert_eq!(repeats(&small), vec![(2, 0), (4, 0), (5, 1)]);
        assert_eq!(repeats(&entries(&["a", "b", "c"])), Vec::new());

        // The same shape past the pairwise limit: the sorted path.
        let mut keys: Vec<String> = (0..PAIRWISE_MAX).map(|i| format!("k{i}")).collect();
        keys.extend(["a", "b", "a", "c", "a", "b"].map(str::to_owned));
        let large = entries(&keys.iter().map(String::as_str).collect::<Vec<_>>());
        let n = PAIRWISE_MAX;
        assert_eq!(repeats(&large), vec![(n + 2, n), (n + 4, n), (n + 5, n + 1)]);
    }

    #[test]
    fn repeats_match_the_definition_at_every_size() {
        let mut state = 7u64;
        for len in 0..40 {
            let keys: Vec<String> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    format!("k{}", (state >> 33) % 6)
                })
                .collect();
            let list = entries(&keys.iter().map(String::as_str).collect::<Vec<_>>());
            let mut expected = Vec::new();
            for i in 0..list.len() {
                if let Some(j) = (0..i).find(|&j| list[j].key == list[i].key) {
                    expected.push((i, j));
                }
            }
            assert_eq!(repeats(&list), expected, "{keys:?}");
        }
    }
}
