//! The human report: miette's graphical rendering of each diagnostic (code, severity, message,
//! source snippet with labels, help, doc link), then a summary line.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::escape::{control, is_unsafe};
use super::{Reporter, Run, Summary, TextOptions};
use crate::diagnostic::{Diagnostic, Resolved};
use crate::span::{LineIndex, Span};

/// The longest line, in bytes, that a snippet shows. A longer line (a minified Graph export is one
/// line of megabytes) is named by line and column instead: a snippet of it would be unreadable, and
/// the renderer cannot pad to columns past 65,535.
const MAX_SNIPPET_LINE: usize = 1024;

/// Lines of context the renderer shows around a span (miette's default).
const CONTEXT_LINES: usize = 1;

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
    source: Option<Snippet>,
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
        let text = self.diagnostic.help_text(control);
        (!text.is_empty()).then(|| Box::new(text) as Box<dyn std::fmt::Display + 'b>)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        miette::Diagnostic::url(self.diagnostic)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let labels = miette::Diagnostic::labels(self.diagnostic)?;
        Some(Box::new(labels.map(|mut l| {
            let text = l.label().map(|t| control(t).into_owned());
            l.set_label(text);
            l
        })))
    }
}

/// A file's text as miette reads it for a snippet: the lines around a span are found with the
/// file's line index, so rendering a finding near the end of a large file does not scan the file
/// from its start (miette's own `str` source does, once per finding).
#[derive(Debug)]
struct Snippet {
    name: String,
    text: Arc<str>,
    index: Arc<LineIndex>,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let len = self.text.len();
        let start = span.offset().min(len);
        let end = span.offset().saturating_add(span.len()).clamp(start, len);
        // A window of whole lines, with one line to spare after the context: miette cuts it to the
        // context lines it asked for, counting from the window's start.
        let first_line = self.index.line_of(start).saturating_sub(context_lines_before);
        let base = self.index.line_start(first_line).unwrap_or(0);
        let past = self
            .index
            .line_of(end)
            .saturating_add(context_lines_after)
            .saturating_add(2);
        let stop = self.index.line_start(past).unwrap_or(len);
        let window = self.text.as_bytes().get(base..stop).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((start - base).into(), end - start);
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + base).into(), inner.span().len()),
            inner.line() + first_line,
            inner.column(),
            inner.line_count() + first_line,
        )))
    }
}

/// Renders diagnostics one at a time, indexing the lines of each file once for all its findings.
///
/// ```
/// use profilelint::report::human::{HumanOptions, HumanRenderer};
///
/// let mut renderer = HumanRenderer::new(HumanOptions::default());
/// let diagnostics: Vec<profilelint::Diagnostic> = Vec::new();
/// let text: String = diagnostics.iter().map(|d| renderer.render(d)).collect();
/// assert!(text.is_empty());
/// ```
#[derive(Debug)]
pub struct HumanRenderer {
    options: HumanOptions,
    /// Line indexes by text address; the text is kept alongside so the address cannot be reused.
    indexes: HashMap<*const u8, (Arc<str>, Arc<LineIndex>)>,
}

impl HumanRenderer {
    /// A renderer with these options.
    pub fn new(options: HumanOptions) -> Self {
        HumanRenderer {
            options,
            indexes: HashMap::new(),
        }
    }

    fn index(&mut self, text: &Arc<str>) -> Arc<LineIndex> {
        let (_, index) = self
            .indexes
            .entry(text.as_ptr())
            .or_insert_with(|| (text.clone(), Arc::new(LineIndex::new(text))));
        index.clone()
    }

    /// Renders one diagnostic: header, message, snippet with labels, help.
    pub fn render(&mut self, d: &Diagnostic) -> String {
        let resolved = d.resolved.as_ref();
        let text = resolved.and_then(|r| r.text.as_ref());
        let index = text.map(|t| self.index(t));
        // Inside an embedded payload the span is the whole string holding it (often one long base64
        // line): a snippet would show nothing useful, the key path does.
        let embedded = d.key_path().is_some_and(|k| k.contains('>'));
        let snippet = match (resolved, text, &index) {
            (Some(r), Some(text), Some(index)) if !embedded && r.span.is_some() && labels_fit(r, index, text) => {
                Some(Snippet {
                    name: control(d.path()).into_owned(),
                    text: text.clone(),
                    index: index.clone(),
                })
            }
            _ => None,
        };
        // Text from the inputs (values, keys, file names) with its control characters escaped: the
        // renderer's own line breaks and colours are the only ones that reach the terminal.
        let mut message = control(&d.message).into_owned();
        if snippet.is_none() {
            // No snippet (binary plist, whole-file findings, embedded payloads, very long lines,
            // lines holding control characters): say where in words.
            let _ = write!(message, "\n    at {}", control(d.path()));
            if let (Some(text), Some(index), Some(span)) = (text, &index, d.span()) {
                let lc = index.line_col(text, span.start);
                let _ = write!(message, ":{}:{}", lc.line, lc.column);
            }
            if let Some(key_path) = d.key_path().filter(|k| !k.is_empty()) {
                let _ = write!(message, " › {}", control(key_path));
            }
        }
        for related in resolved.map(|r| r.related.as_slice()).unwrap_or_default() {
            if snippet.is_some() && resolved.is_some_and(|r| r.path == related.path && related.span.is_some()) {
                continue; // shown as a label in the snippet
            }
            let _ = write!(
                message,
                "\n    {}: {}",
                control(&related.message),
                control(&related.path)
            );
            if let Some(k) = related.key_path.as_deref().filter(|k| !k.is_empty()) {
                let _ = write!(message, " › {}", control(k));
            }
        }
        let named = Named {
            diagnostic: d,
            source: snippet,
            message,
        };
        let theme = if self.options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(self.options.width)
            .with_context_lines(CONTEXT_LINES)
            .with_links(false);
        let mut out = String::new();
        if handler.render_report(&mut out, &named).is_err() {
            out = format!(
                "{}: {} [{}] {}\n",
                control(d.path()),
                d.code(),
                d.severity,
                control(&d.message)
            );
        }
        out
    }
}

/// Whether every line the snippet shows (each label's lines with their context) is short enough
/// to show and holds no control character but tabs (a snippet shows the text as it is).
fn labels_fit(resolved: &Resolved, index: &LineIndex, text: &str) -> bool {
    let related = resolved
        .related
        .iter()
        .filter(|r| r.path == resolved.path)
        .filter_map(|r| r.span);
    resolved
        .span
        .into_iter()
        .chain(related)
        .all(|span| lines_fit(index, text, span))
}

/// Whether every line a snippet of `span` shows (with its context) is short enough to show and
/// free of control characters other than tabs and its line end.
fn lines_fit(index: &LineIndex, text: &str, span: Span) -> bool {
    let len = text.len();
    let first = index.line_of(span.start.min(len)).saturating_sub(CONTEXT_LINES);
    let last = index.line_of(span.end.min(len)).saturating_add(CONTEXT_LINES);
    (first..=last.min(index.line_count().saturating_sub(1))).all(|line| {
        let start = index.line_start(line).unwrap_or(len);
        let end = index.line_start(line + 1).unwrap_or(len);
        end.saturating_sub(start) <= MAX_SNIPPET_LINE
            && text.get(start..end).is_some_and(|l| {
                let content = l.strip_suffix('\n').unwrap_or(l);
                let content = content.strip_suffix('\r').unwrap_or(content);
                !content.chars().any(|c| c != '\t' && is_unsafe(c))
            })
    })
}

/// Renders one diagnostic (see [`HumanRenderer`] to render many).
pub fn render_diagnostic(d: &Diagnostic, options: HumanOptions) -> String {
    HumanRenderer::new(options).render(d)
}

pub use super::summary_line;

/// Renders every diagnostic and the summary line.
pub fn render(diagnostics: &[Diagnostic], summary: &Summary, options: HumanOptions) -> String {
    let mut renderer = HumanRenderer::new(options);
    let mut out = String::new();
    for d in diagnostics.iter().filter(|d| !d.is_note()) {
        out.push_str(&renderer.render(d));
        out.push('\n');
    }
    out.push_str(&summary_line(summary, diagnostics));
    out.push('\n');
    out
}

/// The human format: each finding drawn with its snippet (notes go to the summary line), then
/// the summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human {
    /// Colours and width.
    pub style: HumanOptions,
    /// `--quiet` and `--statistics`.
    pub options: TextOptions,
}

impl Reporter for Human {
    fn write(&mut self, run: &Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut renderer = HumanRenderer::new(self.style);
        for d in self.options.shown(run.diagnostics).iter().filter(|d| !d.is_note()) {
            out.write_all(renderer.render(d).as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.write_all(self.options.footer(run).as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, ResolvedRelated, Severity};
    use crate::document::DocId;

    fn diagnostic(text: &Arc<str>, span: Span, related: Vec<ResolvedRelated>) -> Diagnostic {
        let location = Location {
            doc: DocId(0),
            span: Some(span),
            key_path: Some("PayloadContent[0].Type".to_owned()),
        };
        let mut d = Diagnostic::policy("PL999", "test-rule", Severity::Warning, "something is off", location)
            .with_label("this one");
        d.resolved = Some(Resolved {
            path: Arc::from("profile.mobileconfig"),
            text: Some(text.clone()),
            span: Some(span),
            key_path: Some("PayloadContent[0].Type".to_owned()),
            related,
            fix_withheld: None,
        });
        d
    }

    /// What miette renders from the whole text, which it scans from the start.
    fn reference(d: &Diagnostic) -> String {
        struct Whole<'a>(&'a Diagnostic, miette::NamedSource<Arc<str>>);
        impl std::fmt::Debug for Whole<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
        impl std::fmt::Display for Whole<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0.message)
            }
        }
        impl std::error::Error for Whole<'_> {}
        impl miette::Diagnostic for Whole<'_> {
            fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
                miette::Diagnostic::code(self.0)
            }
            fn severity(&self) -> Option<miette::Severity> {
                miette::Diagnostic::severity(self.0)
            }
            fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
                miette::Diagnostic::url(self.0)
            }
            fn source_code(&self) -> Option<&dyn SourceCode> {
                Some(&self.1)
            }
            fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
                miette::Diagnostic::labels(self.0)
            }
        }
        let r = d.resolved.as_ref().unwrap();
        let whole = Whole(d, miette::NamedSource::new(&*r.path, r.text.clone().unwrap()));
        let mut out = String::new();
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_context_lines(CONTEXT_LINES)
            .with_links(false)
            .render_report(&mut out, &whole)
            .unwrap();
        out
    }

    #[test]
    fn snippets_match_miettes_own_reading_of_the_whole_text() {
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(&format!("<key>Key{i}</key>{}", if i % 3 == 0 { "\r\n" } else { "\n" }));
        }
        let text: Arc<str> = Arc::from(text);
        let mut renderer = HumanRenderer::new(HumanOptions::default());
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(start, start + needle.len())
        };
        let related = |span: Span| ResolvedRelated {
            path: Arc::from("profile.mobileconfig"),
            span: Some(span),
            key_path: None,
            message: "first here".to_owned(),
        };
        let cases = [
            diagnostic(&text, at("Key0<"), Vec::new()),
            diagnostic(&text, at("Key1<"), Vec::new()),
            diagnostic(&text, at("Key250<"), Vec::new()),
            diagnostic(&text, at("Key399<"), Vec::new()),
            diagnostic(&text, Span::new(text.len(), text.len()), Vec::new()),
            diagnostic(&text, at("Key301</key>\n<key>Key302"), Vec::new()),
            diagnostic(&text, at("Key120<"), vec![related(at("Key118<"))]),
        ];
        for d in &cases {
            let ours = renderer.render(d);
            assert_eq!(ours, reference(d));
            assert!(ours.contains("profile.mobileconfig:"), "{ours}");
        }
        assert_eq!(renderer.indexes.len(), 1, "one index for the one text");
    }

    #[test]
    fn a_very_long_line_is_named_by_line_and_column_instead_of_shown() {
        // A minified export: one line far longer than any column a renderer can pad to.
        let text: Arc<str> = Arc::from(format!("{{\"value\": [{}\"x\"]}}\n", "1, ".repeat(40_000)));
        let start = text.find("\"x\"").unwrap();
        let d = diagnostic(&text, Span::new(start, start + 3), Vec::new());
        let out = render_diagnostic(&d, HumanOptions::default());
        assert!(
            out.contains(&format!("at profile.mobileconfig:1:{}", start + 1)),
            "{out}"
        );
        assert!(out.contains("PayloadContent[0].Type"), "{out}");
        assert!(out.len() < 2_000, "no snippet of the long line: {out}");

        // The same when only a related label sits on a long line.
        let short: Arc<str> = Arc::from(format!("<key>A</key>\n{}\n", "x".repeat(MAX_SNIPPET_LINE + 1)));
        let related = ResolvedRelated {
            path: Arc::from("profile.mobileconfig"),
            span: Some(Span::new(20, 21)),
            key_path: Some("B".to_owned()),
            message: "first here".to_owned(),
        };
        let d = diagnostic(&short, Span::new(5, 6), vec![related]);
        let out = render_diagnostic(&d, HumanOptions::default());
        assert!(out.contains("at profile.mobileconfig:1:6"), "{out}");
        assert!(out.contains("first here: profile.mobileconfig › B"), "{out}");
    }

    #[test]
    fn a_line_at_the_limit_is_still_shown() {
        let text: Arc<str> = Arc::from(format!("<key>A</key>{}\n", " ".repeat(MAX_SNIPPET_LINE - 13)));
        let d = diagnostic(&text, Span::new(5, 6), Vec::new());
        let out = render_diagnostic(&d, HumanOptions::default());
        assert!(out.contains("[profile.mobileconfig:1:6]"), "{out}");
        assert!(!out.contains("    at "), "{out}");
    }
}
