//! The human report: miette's graphical rendering of each diagnostic (code, severity, message,
//! source snippet with labels, help, doc link), then a summary line.

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource};

use super::{plural, Summary};
use crate::diagnostic::{Applicability, Diagnostic};

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// ANSI colours.
    pub color: bool,
    /// Wrap width.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

/// A diagnostic with its file name attached, so the snippet header names the file.
struct Named<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<NamedSource<std::sync::Arc<str>>>,
    message: String,
}

impl std::fmt::Debug for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Named<'_> {}

impl miette::Diagnostic for Named<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        miette::Diagnostic::code(self.diagnostic)
    }
    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(self.diagnostic)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        miette::Diagnostic::help(self.diagnostic)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        miette::Diagnostic::url(self.diagnostic)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.source.as_ref()?;
        miette::Diagnostic::labels(self.diagnostic)
    }
}

/// Renders one diagnostic.
pub fn render_diagnostic(d: &Diagnostic, options: HumanOptions) -> String {
    let resolved = d.resolved.as_ref();
    // Inside an embedded payload the span is the whole string holding it (often one long base64
    // line): a snippet would show nothing useful, the key path does.
    let embedded = d.key_path().is_some_and(|k| k.contains('>'));
    let has_snippet = !embedded && resolved.is_some_and(|r| r.span.is_some() && r.text.is_some());
    let mut message = d.message.clone();
    if !has_snippet {
        // No text positions (binary plist, whole-file findings, embedded payloads): say where in words.
        let _ = write!(message, "\n    at {}", d.path());
        if let (Some(text), Some(span)) = (resolved.and_then(|r| r.text.as_deref()), d.span()) {
            let lc = crate::span::LineIndex::new(text).line_col(text, span.start);
            let _ = write!(message, ":{}:{}", lc.line, lc.column);
        }
        if let Some(key_path) = d.key_path().filter(|k| !k.is_empty()) {
            let _ = write!(message, " › {key_path}");
        }
    }
    for related in resolved.map(|r| r.related.as_slice()).unwrap_or_default() {
        if resolved.is_some_and(|r| r.path == related.path && r.span.is_some() && related.span.is_some()) {
            continue; // shown as a label in the snippet
        }
        let _ = write!(message, "\n    {}: {}", related.message, related.path);
        if let Some(k) = related.key_path.as_deref().filter(|k| !k.is_empty()) {
            let _ = write!(message, " › {k}");
        }
        if let (Some(span), Some(text)) = (related.span, resolved.and_then(|r| r.text.as_deref()).filter(|_| false)) {
            let _ = (span, text);
        }
    }
    let source = resolved
        .filter(|_| has_snippet)
        .and_then(|r| r.text.clone().map(|t| NamedSource::new(&*r.path, t)));
    let named = Named {
        diagnostic: d,
        source,
        message,
    };
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, &named).is_err() {
        out = format!("{}: {} [{}] {}\n", d.path(), d.code, d.severity, d.message);
    }
    out
}

/// The summary line: `Found 2 errors, 1 warning and 0 infos in 3 files.` plus fix hints.
pub fn summary_line(summary: &Summary, diagnostics: &[Diagnostic]) -> String {
    let fixable = |a: Applicability| {
        diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a))
            .count()
    };
    let mut line = if summary.errors + summary.warnings + summary.infos == 0 {
        format!("No problems found in {}.", plural(summary.files, "file"))
    } else {
        format!(
            "Found {}, {} and {} in {}.",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
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
    line
}

/// Renders every diagnostic and the summary line.
pub fn render(diagnostics: &[Diagnostic], summary: &Summary, options: HumanOptions) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_diagnostic(d, options));
        out.push('\n');
    }
    out.push_str(&summary_line(summary, diagnostics));
    out.push('\n');
    out
}
