//! Applying fixes: byte edits on the original text, verified by parsing and linting again.
//!
//! Every byte outside an edit stays as it was. After a pass, each changed file is read again and
//! the rules re-run; if it no longer parses, or a diagnostic a fix claimed to repair is still
//! there, that file keeps its previous content and the failure is reported. Passes repeat (up to
//! [`MAX_PASSES`]) so that a fix that enables another one is followed through. Nothing here
//! touches the file system: callers write the results (atomically).

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::FileOrigin;
use crate::lint_set::{FileLoad, LintSet};
use crate::linter::Linter;
use crate::source::Format;

/// Fix passes at most (ruff uses 100; profiles converge in one or two).
pub const MAX_PASSES: usize = 10;

/// One input file for fixing.
#[derive(Debug, Clone)]
pub struct FixInput {
    /// Display path.
    pub path: Arc<str>,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Whether the user named the file or a folder walk found it.
    pub origin: FileOrigin,
}

/// What fixing produced.
#[derive(Debug, Default)]
pub struct FixResult {
    /// Files whose content changed: index into the inputs, and the new bytes.
    pub changed: Vec<(usize, Vec<u8>)>,
    /// Files a fix was planned for but verification failed, or whose fixes did not converge:
    /// index and reason. These files keep their original content (nothing of them is in
    /// `changed`).
    pub failures: Vec<(usize, String)>,
    /// How many diagnostics were fixed in each changed file: index and count.
    pub fixed: Vec<(usize, usize)>,
}

impl FixResult {
    /// How many diagnostics were fixed in all changed files.
    pub fn total_fixed(&self) -> usize {
        self.fixed.iter().map(|(_, n)| n).sum()
    }

    /// How many diagnostics were fixed in input `index`.
    pub fn fixed_in(&self, index: usize) -> usize {
        self.fixed.iter().find(|(i, _)| *i == index).map_or(0, |(_, n)| *n)
    }
}

/// Applies every fix at or above `threshold` (`Safe` for `--fix`, `Unsafe` with
/// `--unsafe-fixes`) to the inputs, verifying each file after each pass.
///
/// A file is all or nothing: if any pass fails verification for it, or its fixes still change
/// it after [`MAX_PASSES`], it keeps its original bytes and is listed in `failures`. Nothing is
/// written: the caller decides what to do with the new bytes.
///
/// ```
/// use profilelint::fix::{fix, FixInput};
/// use profilelint::{Applicability, Config, FileOrigin, Linter};
///
/// let profile = r#"<?xml version="1.0" encoding="UTF-8"?>
/// <plist version="1.0"><dict>
///   <key>PayloadIdentifier</key><string>com.example.wifi</string>
///   <key>PayloadType</key><string>Configuration</string>
///   <key>PayloadVersion</key><string>1</string>
///   <key>PayloadContent</key><array/>
/// </dict></plist>"#;
/// let inputs = [FixInput {
///     path: "wifi.mobileconfig".into(),
///     bytes: profile.as_bytes().to_vec(),
///     origin: FileOrigin::Named,
/// }];
/// let result = fix(&inputs, &Linter::new(Config::default()), Applicability::Safe);
/// assert!(result.failures.is_empty());
/// let (index, fixed) = &result.changed[0];
/// assert_eq!(*index, 0);
/// let fixed = std::str::from_utf8(fixed).unwrap();
/// assert!(fixed.contains("<key>PayloadVersion</key><integer>1</integer>"));
/// assert_eq!(result.fixed_in(0), 1); // PL103's edit; PL106 on the same value goes with it
/// ```
pub fn fix(inputs: &[FixInput], linter: &Linter, threshold: Applicability) -> FixResult {
    // Every finding, not only those a report shows: fixes are all applied in one pass.
    let linter = &linter.clone().with_finding_cap(usize::MAX);
    let mut current: Vec<Vec<u8>> = inputs.iter().map(|i| i.bytes.clone()).collect();
    let mut fixed = vec![0usize; inputs.len()];
    let mut failed: HashMap<usize, String> = HashMap::new();
    let mut last_changed: Vec<usize> = Vec::new();
    let mut converged = false;
    for _ in 0..MAX_PASSES {
        let set = build(inputs, &current, linter);
        let report = linter.check(&set);
        let planned = plan(&set, &report.diagnostics, threshold, &failed);
        if planned.is_empty() {
            converged = true;
            break;
        }
        // Verify all planned files at once, then keep only those that pass.
        let mut candidate = current.clone();
        for (index, bytes, _) in &planned {
            if let Some(slot) = candidate.get_mut(*index) {
                *slot = bytes.clone();
            }
        }
        let after_set = build(inputs, &candidate, linter);
        let after = linter.check(&after_set);
        let (before_counts, after_counts) = (counts(&report.diagnostics), counts(&after.diagnostics));
        last_changed.clear();
        for (index, bytes, applied) in planned {
            match verify(
                &set,
                &before_counts,
                &after_set,
                &after.diagnostics,
                &after_counts,
                index,
                &applied,
            ) {
                Ok(()) => {
                    if let Some(slot) = current.get_mut(index) {
                        *slot = bytes;
                    }
                    if let Some(n) = fixed.get_mut(index) {
                        *n += applied.len();
                    }
                    last_changed.push(index);
                }
                Err(reason) => {
                    // All or nothing: earlier passes of this file are undone too.
                    failed.insert(index, reason);
                    if let (Some(slot), Some(input)) = (current.get_mut(index), inputs.get(index)) {
                        slot.clone_from(&input.bytes);
                    }
                    if let Some(n) = fixed.get_mut(index) {
                        *n = 0;
                    }
                }
            }
        }
    }
    if !converged {
        for index in last_changed {
            failed.insert(index, format!("fixes did not converge after {MAX_PASSES} passes"));
            if let (Some(slot), Some(input)) = (current.get_mut(index), inputs.get(index)) {
                slot.clone_from(&input.bytes);
            }
        }
    }
    let changed: Vec<(usize, Vec<u8>)> = current
        .into_iter()
        .enumerate()
        .filter(|(i, bytes)| inputs.get(*i).is_some_and(|input| &input.bytes != bytes))
        .collect();
    let fixed = changed
        .iter()
        .map(|(i, _)| (*i, fixed.get(*i).copied().unwrap_or(0)))
        .collect();
    let mut failures: Vec<(usize, String)> = failed.into_iter().collect();
    failures.sort();
    FixResult {
        changed,
        failures,
        fixed,
    }
}

/// The new bytes of every file that has fixes at or above `threshold` in this pass.
fn plan(
    set: &LintSet,
    diagnostics: &[Diagnostic],
    threshold: Applicability,
    failed: &HashMap<usize, String>,
) -> Vec<(usize, Vec<u8>, Vec<Applied>)> {
    // Fixable diagnostics by document, in their order, so each file takes only its own.
    let mut by_doc: HashMap<crate::DocId, Vec<&Diagnostic>> = HashMap::new();
    for d in diagnostics {
        let fixable = d
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability >= threshold && f.applicability != Applicability::DisplayOnly);
        if fixable {
            by_doc.entry(d.location.doc).or_default().push(d);
        }
    }
    let mut planned = Vec::new();
    for (index, entry) in set.files.iter().enumerate() {
        if failed.contains_key(&index) {
            continue;
        }
        let Some(doc_id) = entry.doc else { continue };
        let Some(doc) = set.doc(doc_id) else { continue };
        if !matches!(doc.format, Format::XmlPlist | Format::Json) {
            continue;
        }
        let (Some(text), Some(encoding)) = (doc.text.as_deref(), doc.encoding) else {
            continue;
        };
        let Some(fixes) = by_doc.get(&doc_id) else {
            continue;
        };
        let (new_text, applied) = apply(text, fixes);
        if applied.is_empty() || new_text == text {
            continue;
        }
        planned.push((index, encoding.encode(&new_text), applied));
    }
    planned
}

/// A fix that was applied: its rule code and the key path it was reported at.
type Applied = (std::borrow::Cow<'static, str>, Option<String>);

fn build(inputs: &[FixInput], current: &[Vec<u8>], linter: &Linter) -> LintSet {
    let mut set = LintSet::new(linter.config().limits);
    for (input, bytes) in inputs.iter().zip(current) {
        set.push(FileLoad::parse(input.path.clone(), bytes, input.origin, &set.limits));
    }
    set
}

/// Applies the fixes' edits to `text`, skipping any fix whose edits overlap an earlier accepted
/// one (it is tried again in the next pass). Returns the new text and the (code, key path) of
/// each applied fix.
pub fn apply(text: &str, fixes: &[&Diagnostic]) -> (String, Vec<Applied>) {
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut taken = Taken::default();
    let mut applied = Vec::new();
    for d in fixes {
        let Some(fix) = &d.fix else { continue };
        let valid = fix.edits.iter().all(|e| text.get(e.span.start..e.span.end).is_some());
        let overlaps = fix.edits.iter().any(|e| taken.overlaps(e.span.start, e.span.end));
        let self_overlap = fix.edits.iter().enumerate().any(|(i, e)| {
            fix.edits
                .iter()
                .skip(i + 1)
                .any(|o| e.span.start < o.span.end && o.span.start < e.span.end)
        });
        if !valid || overlaps || self_overlap {
            continue;
        }
        for e in &fix.edits {
            taken.insert(e.span.start, e.span.end);
        }
        accepted.extend(fix.edits.iter());
        let code = match d.rule() {
            Some(meta) => std::borrow::Cow::Borrowed(meta.code),
            None => std::borrow::Cow::Owned(d.code().to_owned()),
        };
        applied.push((code, d.location.key_path.clone()));
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in accepted {
        out.push_str(text.get(at..edit.span.start).unwrap_or(""));
        out.push_str(&edit.content);
        at = edit.span.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    (out, applied)
}

/// The spans of the edits accepted so far in one file, for overlap tests in logarithmic time.
/// Accepted non-empty spans never overlap one another, so they are ordered by start and end
/// alike; insertions (empty spans) are kept apart.
#[derive(Default)]
struct Taken {
    /// Non-empty spans: start → end.
    spans: std::collections::BTreeMap<usize, usize>,
    /// Insertion points.
    points: std::collections::BTreeSet<usize>,
}

impl Taken {
    /// Whether the edit `start..end` overlaps an accepted one: two non-empty spans that share a
    /// byte, two insertions at one point, or an insertion strictly inside a non-empty span.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        crate::work::add(1);
        // The last non-empty span starting before `start` overlaps when it reaches past it.
        let before = self.spans.range(..start).next_back().is_some_and(|(_, e)| *e > start);
        if start == end {
            return before || self.points.contains(&start);
        }
        before
            || self.spans.range(start..end).next().is_some()
            || self.points.range(start.saturating_add(1)..end).next().is_some()
    }

    fn insert(&mut self, start: usize, end: usize) {
        crate::work::add(1);
        if start == end {
            self.points.insert(start);
        } else {
            self.spans.insert(start, end);
        }
    }
}

/// How many diagnostics each (document, code, key path) has, counted once per pass so that
/// verifying many fixes does not scan every diagnostic for each of them.
type Counts<'a> = HashMap<(crate::DocId, &'a str, Option<&'a str>), usize>;

fn counts(diagnostics: &[Diagnostic]) -> Counts<'_> {
    let mut out: Counts<'_> = HashMap::new();
    for d in diagnostics {
        crate::work::add(1);
        *out.entry((d.location.doc, d.code(), d.location.key_path.as_deref()))
            .or_default() += 1;
    }
    out
}

/// Checks a fixed file: it still parses, and each fixed (code, key path) has fewer findings.
fn verify(
    before_set: &LintSet,
    before: &Counts<'_>,
    after_set: &LintSet,
    after_diagnostics: &[Diagnostic],
    after: &Counts<'_>,
    index: usize,
    applied: &[Applied],
) -> Result<(), String> {
    let Some(after_entry) = after_set.files.get(index) else {
        return Err("file vanished".into());
    };
    let Some(after_doc) = after_entry.doc else {
        let why = after_diagnostics
            .iter()
            .find(|d| d.path() == &*after_entry.path && is_input_error(d))
            .map(|d| d.message.clone())
            .unwrap_or_else(|| "the fixed file could not be read".into());
        return Err(format!("the fixed file would not parse ({why})"));
    };
    let before_doc = before_set.files.get(index).and_then(|f| f.doc);
    let count = |list: &Counts<'_>, doc: Option<crate::DocId>, code: &str, key: &Option<String>| {
        doc.and_then(|doc| list.get(&(doc, code, key.as_deref())))
            .copied()
            .unwrap_or(0)
    };
    let mut wanted: HashMap<(&str, &Option<String>), usize> = HashMap::new();
    for (code, key) in applied {
        *wanted.entry((code, key)).or_default() += 1;
    }
    for ((code, key), n) in wanted {
        let was = count(before, before_doc, code, key);
        let now = count(after, Some(after_doc), code, key);
        if now + n > was {
            return Err(format!(
                "a fix for {code} did not remove the finding{}",
                key.as_deref().map(|k| format!(" at `{k}`")).unwrap_or_default()
            ));
        }
    }
    Ok(())
}

/// Whether `d` says a file could not be read (an engine input rule: PL001–PL003, PL006).
fn is_input_error(d: &Diagnostic) -> bool {
    d.rule().is_some_and(|m| m.kind == crate::contract::RuleKind::Engine)
}
