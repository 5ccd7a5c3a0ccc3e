//! Where rules put their findings: inline suppressions applied as findings arrive, and a cap
//! per rule and file.

use std::collections::HashMap;

use crate::contract::RuleMeta;
use crate::diagnostic::{Diagnostic, RuleRef};
use crate::document::DocId;
use crate::suppress::{InlineSuppression, Regions};

/// Counts per (file, rule). Made for every rule and file of a run, most of them never used: a
/// fixed-seed hasher costs nothing to make (the keys are the run's own documents and rules).
type CountMap<V> = HashMap<(DocId, RuleRef), V, foldhash::fast::FixedState>;

/// The most findings one rule reports in one file (embedded payloads count for the file holding
/// them); one more finding says how many were not shown. Like golangci-lint's
/// `max-issues-per-linter`, this keeps a generated or broken file (a million array items of the
/// wrong type) from producing a report, and a memory footprint, far larger than the file.
/// Findings hidden by inline suppressions do not count; fixing sees every finding.
pub const MAX_FINDINGS_PER_RULE_AND_FILE: usize = 1_000;

/// Where rules put their findings. Inline suppressions are applied as findings arrive, and at most
/// [`MAX_FINDINGS_PER_RULE_AND_FILE`] findings (or the linter's own cap) are kept per rule and
/// file, so memory stays proportional to what is reported, not to how often a rule fires.
pub struct Findings<'a> {
    /// The rule whose findings arrive now: a finding under another code is a bug of that rule.
    rule: Option<&'static RuleMeta>,
    list: Vec<Diagnostic>,
    cap: usize,
    /// For each document, the top-level document of its file.
    roots: &'a [DocId],
    regions: &'a Regions,
    inline: &'a [(InlineSuppression, bool)],
    /// Which inline suppressions matched a finding pushed here.
    used: Vec<bool>,
    /// Findings kept per (file, rule).
    kept: CountMap<usize>,
    /// Findings not kept per (file, rule): how many, and the first of them.
    over: CountMap<(usize, Diagnostic)>,
}

/// What every rule's [`Findings`] of one check share.
pub(crate) struct Shared<'a> {
    pub(crate) cap: usize,
    pub(crate) roots: &'a [DocId],
    pub(crate) regions: &'a Regions,
    pub(crate) inline: &'a [(InlineSuppression, bool)],
}

impl<'a> Shared<'a> {
    pub(crate) fn findings(&self) -> Findings<'a> {
        Findings {
            rule: None,
            list: Vec::new(),
            cap: self.cap,
            roots: self.roots,
            regions: self.regions,
            inline: self.inline,
            used: vec![false; self.inline.len()],
            kept: CountMap::default(),
            over: CountMap::default(),
        }
    }
}

impl std::fmt::Debug for Findings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Findings")
            .field("kept", &self.list.len())
            .field("cap", &self.cap)
            .finish_non_exhaustive()
    }
}

impl Findings<'_> {
    /// Adds a finding, unless an inline suppression covers it or its rule has reached the cap in
    /// its file.
    pub fn push(&mut self, d: Diagnostic) {
        // A rule reports under its own code only (`Rule::meta`); shared helpers take the meta
        // they report with, so a wrong one is a programming error the tests catch here.
        if let Some(rule) = self.rule {
            debug_assert_eq!(
                d.code(),
                rule.code,
                "rule {} pushed a finding of another rule",
                rule.code
            );
        }
        if !self.inline.is_empty() {
            if let (Some(meta), Some(span)) = (d.rule(), d.location.span) {
                let mut hit = false;
                for i in self.regions.holding(d.location.doc, span.start) {
                    if self.inline.get(i).is_some_and(|(s, _)| s.names(meta)) {
                        if let Some(u) = self.used.get_mut(i) {
                            *u = true;
                        }
                        hit = true;
                    }
                }
                if hit {
                    return;
                }
            }
        }
        let root = self
            .roots
            .get(d.location.doc.index())
            .copied()
            .unwrap_or(d.location.doc);
        let kept = self.kept.entry((root, d.rule_ref().clone())).or_default();
        if *kept < self.cap {
            *kept += 1;
            self.list.push(d);
        } else {
            self.over.entry((root, d.rule_ref().clone())).or_insert((0, d)).0 += 1;
        }
    }

    /// Says which rule's findings arrive from now on.
    pub(crate) fn start(&mut self, rule: &'static RuleMeta) {
        self.rule = Some(rule);
    }

    /// How many findings were kept so far.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether nothing was kept so far.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The kept findings, then one per (file, rule) over the cap saying how many were not kept,
    /// at the first of those; and which inline suppressions were used.
    pub(crate) fn finish(self) -> (Vec<Diagnostic>, Vec<bool>) {
        if self.over.is_empty() {
            return (self.list, self.used);
        }
        let mut list = self.list;
        let mut over: Vec<(usize, Diagnostic)> = self.over.into_values().collect();
        // Sorted by the first finding not kept, so the notes do not depend on hash order.
        over.sort_by(|a, b| {
            (a.1.location.doc, a.1.location.span.map(|s| s.start), a.1.code()).cmp(&(
                b.1.location.doc,
                b.1.location.span.map(|s| s.start),
                b.1.code(),
            ))
        });
        for (n, first) in over {
            let d = Diagnostic::of(
                first.rule_ref().clone(),
                first.severity,
                format!(
                    "{} more {} findings in this file are not shown (at most {} per rule and file)",
                    thousands(n),
                    first.code(),
                    thousands(self.cap)
                ),
                first.location.clone(),
            )
            .with_label("the first finding not shown")
            .with_help("fix the findings shown and lint again to see the rest; `--fix` fixes all of them");
            list.push(d);
        }
        (list, self.used)
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
