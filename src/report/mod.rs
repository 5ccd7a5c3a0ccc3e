//! Reports: diagnostics rendered for people and for machines. Only reports, fixes and the CLI
//! write to the terminal or the file system.

pub mod azure;
pub mod concise;
pub mod escape;
pub mod github;
#[cfg(feature = "cli")]
pub mod human;
pub mod inspect;
pub mod json;
pub mod junit;
pub mod sarif;

use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use crate::contract::RuleMeta;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint_set::FileEntry;
use crate::policy::Policy;

/// What every output format is written from: one run's files, findings, counts, and what ran.
pub struct Run<'a> {
    /// The files given (not embedded payloads).
    pub files: &'a [FileEntry],
    /// Every finding, resolved and sorted.
    pub diagnostics: &'a [Diagnostic],
    /// The counts.
    pub summary: &'a Summary,
    /// The built-in rules that ran (SARIF lists them as the tool's rules).
    pub rules: &'a [&'static RuleMeta],
    /// The organization policies that ran.
    pub policies: &'a [&'a Policy],
    /// The text of a file by path, for the lines and columns of related places in other files.
    pub text: &'a dyn Fn(&str) -> Option<Arc<str>>,
}

/// An output format. Each format of `--format` is one implementation, so a caller picks one and
/// writes, whatever the format.
///
/// ```
/// use profilelint::report::{concise::Concise, Reporter, Run, Summary, TextOptions};
/// use profilelint::{config::Config, FileOrigin, Limits, LintSet, Linter};
///
/// let mut set = LintSet::new(Limits::default());
/// set.add_bytes("broken.json", b"{\"a\": 1,}", FileOrigin::Named);
/// let report = Linter::new(Config::default()).check(&set);
/// let summary = Summary::new(set.files(), report.diagnostics(), 0);
/// let run = Run { files: set.files(), diagnostics: report.diagnostics(), summary: &summary,
///                 rules: &[], policies: &[], text: &|_| None };
/// let mut out = Vec::new();
/// Concise { options: TextOptions::default() }.write(&run, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("broken.json:1:8: PL002 [error] trailing commas"), "{text}");
/// assert!(text.ends_with("Found 1 error, 0 warnings and 0 infos in 1 file.\n"), "{text}");
/// ```
pub trait Reporter {
    /// Writes the report of `run` to `out`.
    fn write(&mut self, run: &Run<'_>, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Options of the formats people read (human, concise): both end with the summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Show no finding, only the summary line (`--quiet`).
    pub quiet: bool,
    /// Count the findings per rule before the summary line (`--statistics`).
    pub statistics: bool,
}

impl TextOptions {
    /// The findings to show: none when quiet.
    pub(crate) fn shown<'a>(&self, diagnostics: &'a [Diagnostic]) -> &'a [Diagnostic] {
        if self.quiet {
            &[]
        } else {
            diagnostics
        }
    }

    /// What follows the findings: the statistics when asked for, then the summary line.
    pub(crate) fn footer(&self, run: &Run<'_>) -> String {
        let mut text = if self.statistics {
            statistics(run.diagnostics)
        } else {
            String::new()
        };
        text.push_str(&summary_line(run.summary, run.diagnostics));
        text.push('\n');
        text
    }
}

/// Counts for the summary line and the JSON `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files given (not embedded payloads).
    pub files: usize,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// Info diagnostics.
    pub infos: usize,
    /// Diagnostics fixed by `--fix` in this run.
    pub fixed: usize,
}

impl Summary {
    /// Counts `diagnostics` over `files`.
    pub fn new(files: &[FileEntry], diagnostics: &[Diagnostic], fixed: usize) -> Self {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            files: files.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            fixed,
        }
    }
}

/// `1 error`, `2 warnings`…
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The summary line: `Found 2 errors, 1 warning and 0 infos in 3 files.` plus fix hints, then
/// each note about what could not be checked ([`Diagnostic::is_note`]) as one sentence, so that
/// a correct profile linted alone prints this one line.
pub fn summary_line(summary: &Summary, diagnostics: &[Diagnostic]) -> String {
    let fixable = |a: Applicability| {
        diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a))
            .count()
    };
    let notes: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_note()).collect();
    let infos = summary.infos.saturating_sub(notes.len());
    let mut line = if summary.errors + summary.warnings + infos == 0 {
        format!("No problems found in {}.", plural(summary.files, "file"))
    } else {
        format!(
            "Found {}, {} and {} in {}.",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(infos, "info"),
            plural(summary.files, "file")
        )
    };
    if summary.fixed > 0 {
        let _ = write!(line, " Fixed {}.", plural(summary.fixed, "problem"));
    }
    let (safe, unsafe_) = (fixable(Applicability::Safe), fixable(Applicability::Unsafe));
    if safe > 0 {
        let _ = write!(line, " {safe} fixable with `--fix`.");
    }
    if unsafe_ > 0 {
        let _ = write!(line, " {unsafe_} more with `--unsafe-fixes`.");
    }
    for note in notes {
        let _ = write!(line, " Note ({}): {}.", note.code(), note.message.trim_end_matches('.'));
    }
    line
}

/// `--statistics`: how many findings each rule has, most first, with `[fixable]` where a fix exists.
pub fn statistics(diagnostics: &[Diagnostic]) -> String {
    let mut counts: Vec<(&str, &str, usize, bool)> = Vec::new();
    for d in diagnostics {
        match counts.iter_mut().find(|c| c.0 == d.code()) {
            Some(c) => {
                c.2 += 1;
                c.3 |= d.fix.is_some();
            }
            None => counts.push((d.code(), d.name(), 1, d.fix.is_some())),
        }
    }
    counts.sort();
    counts
        .iter()
        .map(|(code, name, n, fixable)| {
            format!("{n:>5}  {code:<7} {name}{}\n", if *fixable { " [fixable]" } else { "" })
        })
        .collect()
}
