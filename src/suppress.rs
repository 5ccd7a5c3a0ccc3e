//! Suppressions: `[[ignore]]` entries of the config and inline XML comments
//! `<!-- profilelint: allow(SSO307) reason="…" -->` on the line before a `<key>`.
//!
//! Unused suppressions are themselves reported (PL901), as ruff reports unused `noqa`, and so are
//! suppressions without a reason (PL902).

use std::collections::HashMap;

use crate::contract::RuleMeta;
use crate::document::{DocId, Document};
use crate::span::Span;

/// An inline suppression found in an XML comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineSuppression {
    /// The document holding the comment.
    pub doc: DocId,
    /// The comment's span.
    pub comment: Span,
    /// The region it covers: the next dict entry, from its `<key>` to the end of its value.
    /// `None` when no `<key>` follows the comment.
    pub region: Option<Span>,
    /// The rule selectors named in `allow(…)`.
    pub rules: Vec<String>,
    /// The reason, if given.
    pub reason: Option<String>,
}

impl InlineSuppression {
    /// Whether this suppression names `meta` (by code, name or code prefix).
    pub fn names(&self, meta: &RuleMeta) -> bool {
        self.names_rule(meta.code, meta.name)
    }

    /// Whether this suppression names the rule or policy `code`/`name`.
    pub fn names_rule(&self, code: &str, name: &str) -> bool {
        self.rules.iter().any(|s| selector_matches_rule(s, code, name))
    }
}

/// Whether a selector (code, name, code prefix, `ALL`) names the rule.
pub fn selector_matches(selector: &str, meta: &RuleMeta) -> bool {
    selector_matches_rule(selector, meta.code, meta.name)
}

/// Whether a selector (code, name, code prefix, `ALL`) names the rule or organization policy
/// with this `code` and `name`.
pub fn selector_matches_rule(selector: &str, code: &str, name: &str) -> bool {
    crate::contract::selector::matches(selector, code, name)
}

/// Parses the inline suppressions of an XML document.
pub fn inline_suppressions(id: DocId, doc: &Document) -> Vec<InlineSuppression> {
    let mut out = Vec::new();
    if doc.tree.comments.is_empty() {
        return out;
    }
    // Key starts of every dict entry, sorted, to find the entry right after each comment.
    let mut keys: Vec<(usize, usize)> = doc
        .tree
        .iter()
        .flat_map(|(_, node)| match &node.value {
            crate::syntax::Value::Dict(entries) => entries
                .iter()
                .filter_map(|e| Some((e.key_span()?.start, doc.tree.span(e.value)?.end)))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    keys.sort_unstable();
    for comment in &doc.tree.comments {
        let Some((rules, reason)) = parse_directive(&comment.text) else {
            continue;
        };
        let first_after = keys.partition_point(|(start, _)| *start < comment.span.end);
        crate::work::add(1);
        let region = keys
            .get(first_after)
            .filter(|(start, _)| {
                doc.slice(Span::new(comment.span.end, *start))
                    .is_some_and(|gap| gap.trim().is_empty())
            })
            .map(|&(start, end)| Span::new(start, end));
        out.push(InlineSuppression {
            doc: id,
            comment: comment.span,
            region,
            rules,
            reason,
        });
    }
    out
}

/// Reads `profilelint: allow(A, B) reason="…"` from a comment's text.
///
/// ```
/// use profilelint::internals::suppress::parse_directive;
/// let (rules, reason) = parse_directive(r#" profilelint: allow(SSO307, broad-prefix) reason="vendor app" "#).unwrap();
/// assert_eq!(rules, ["SSO307", "broad-prefix"]);
/// assert_eq!(reason.as_deref(), Some("vendor app"));
/// assert!(parse_directive(" just a comment ").is_none());
/// ```
pub fn parse_directive(text: &str) -> Option<(Vec<String>, Option<String>)> {
    let rest = text.trim().strip_prefix("profilelint:")?.trim_start();
    let rest = rest.strip_prefix("allow")?.trim_start().strip_prefix('(')?;
    let (list, after) = rest.split_once(')')?;
    let rules: Vec<String> = list
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let after = after.trim();
    let reason = after
        .strip_prefix("reason")
        .map(str::trim_start)
        .and_then(|r| r.strip_prefix('='))
        .map(str::trim_start)
        .and_then(|r| {
            let quote = r.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let body = r.get(1..)?;
            body.find(quote).and_then(|end| body.get(..end)).map(str::to_owned)
        })
        .filter(|r| !r.trim().is_empty());
    Some((rules, reason))
}

/// Whether a key path matches a pattern with `[*]` wildcards, the pattern naming the path itself
/// or an ancestor of it.
///
/// ```
/// use profilelint::internals::suppress::key_path_matches;
/// assert!(key_path_matches("PayloadContent[*].ExtensionData", "PayloadContent[2].ExtensionData.AppPrefixAllowList"));
/// assert!(!key_path_matches("PayloadContent[*].ExtensionData", "PayloadContent[2].ExtensionDataX"));
/// ```
pub fn key_path_matches(pattern: &str, path: &str) -> bool {
    let mut p = pattern;
    let mut s = path;
    loop {
        match p.find("[*]") {
            None => {
                return s.starts_with(p)
                    && (s.len() == p.len() || matches!(s.as_bytes().get(p.len()), Some(b'.' | b'[' | b'>')));
            }
            Some(i) => {
                let (head, tail) = (p.get(..i).unwrap_or(""), p.get(i + 3..).unwrap_or(""));
                let Some(after_head) = s.strip_prefix(head) else {
                    return false;
                };
                let Some(after_open) = after_head.strip_prefix('[') else {
                    return false;
                };
                let Some(close) = after_open.find(']') else {
                    return false;
                };
                if !after_open
                    .get(..close)
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                {
                    return false;
                }
                s = after_open.get(close + 1..).unwrap_or("");
                p = tail;
            }
        }
    }
}

/// A suppression's region: start, end, index into the suppressions, and the enclosing region's
/// position in its document's list.
type Region = (usize, usize, usize, Option<usize>);

/// The regions of inline suppressions, per document, ordered so that the ones holding an offset
/// are found in logarithmic time plus their number. Regions are dict entries (a `<key>` and its
/// value), so two of them are either nested or apart: the ones holding an offset form a chain of
/// enclosing regions.
pub(crate) struct Regions {
    /// Per document: (start, end, index into the suppressions, enclosing region in this list),
    /// ordered by start, larger regions first among equal starts.
    by_doc: HashMap<DocId, Vec<Region>>,
}

impl Regions {
    pub(crate) fn new(inline: &[(InlineSuppression, bool)]) -> Self {
        let mut by_doc: HashMap<DocId, Vec<Region>> = HashMap::new();
        for (i, (s, _)) in inline.iter().enumerate() {
            if let Some(r) = s.region {
                by_doc.entry(s.doc).or_default().push((r.start, r.end, i, None));
            }
        }
        for list in by_doc.values_mut() {
            list.sort_by_key(|&(start, end, i, _)| (start, std::cmp::Reverse(end), i));
            // The enclosing region of each: the nearest earlier one that still holds it.
            let mut open: Vec<usize> = Vec::new();
            for at in 0..list.len() {
                let Some(&(start, end, _, _)) = list.get(at) else { break };
                while let Some(&top) = open.last() {
                    crate::work::add(1);
                    if list.get(top).is_some_and(|&(s, e, _, _)| s <= start && end <= e) {
                        break;
                    }
                    open.pop();
                }
                if let Some(slot) = list.get_mut(at) {
                    slot.3 = open.last().copied();
                }
                open.push(at);
            }
        }
        Regions { by_doc }
    }

    /// The suppressions whose region holds `offset` in `doc`.
    pub(crate) fn holding(&self, doc: DocId, offset: usize) -> impl Iterator<Item = usize> + '_ {
        let list = self.by_doc.get(&doc).map(Vec::as_slice).unwrap_or_default();
        // The last region starting at or before `offset`; if it ends before it, an enclosing one
        // may still hold it.
        let mut at = list.partition_point(|&(start, _, _, _)| start <= offset).checked_sub(1);
        while let Some(&(_, end, _, parent)) = at.and_then(|a| list.get(a)) {
            crate::work::add(1);
            if end >= offset {
                break;
            }
            at = parent;
        }
        std::iter::successors(at, |&a| list.get(a).and_then(|r| r.3)).filter_map(|a| {
            crate::work::add(1);
            list.get(a).map(|r| r.2)
        })
    }
}
