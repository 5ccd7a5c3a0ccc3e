//! The JSON report, version 1 (the contract in the CLI spec).

use serde::Serialize;

use super::Summary;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::lint_set::FileEntry;
use crate::span::{LineIndex, Span};

/// The version of the JSON contract.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    summary: &'a Summary,
    files: Vec<File<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    format: Option<&'static str>,
}

/// A span with positions, as in the JSON contract.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonSpan {
    /// Byte offset in the text as read.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end, in characters.
    pub end_column: usize,
}

impl JsonSpan {
    /// Positions of `span` in `text`.
    pub fn new(text: &str, index: &LineIndex, span: Span) -> Self {
        let start = index.line_col(text, span.start);
        let end = index.line_col(text, span.end);
        JsonSpan {
            offset: span.start,
            length: span.len(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    path: &'a str,
    key_path: Option<&'a str>,
    span: Option<JsonSpan>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    offset: usize,
    length: usize,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    key_path: Option<&'a str>,
    span: Option<JsonSpan>,
    message: &'a str,
}

/// Line indexes per file text, built once per report.
#[derive(Default)]
pub(crate) struct Positions {
    indexes: std::collections::HashMap<*const u8, LineIndex>,
}

impl Positions {
    pub(crate) fn span(&mut self, text: Option<&std::sync::Arc<str>>, span: Option<Span>) -> Option<JsonSpan> {
        let (text, span) = (text?, span?);
        let index = self
            .indexes
            .entry(text.as_ptr())
            .or_insert_with(|| LineIndex::new(text));
        Some(JsonSpan::new(text, index, span))
    }

    /// The text of a related place: the diagnostic's own file text when the paths agree.
    pub(crate) fn related_text<'t>(d: &'t Diagnostic, path: &str) -> Option<&'t std::sync::Arc<str>> {
        d.resolved
            .as_ref()
            .filter(|r| &*r.path == path)
            .and_then(|r| r.text.as_ref())
    }
}

/// Renders the JSON report. `texts` gives the text of each file path for related places in other
/// files (so their lines and columns can be computed).
pub fn render(
    files: &[FileEntry],
    diagnostics: &[Diagnostic],
    summary: &Summary,
    texts: &dyn Fn(&str) -> Option<std::sync::Arc<str>>,
) -> String {
    let mut positions = Positions::default();
    let diagnostics = diagnostics
        .iter()
        .map(|d| {
            let resolved = d.resolved.as_ref();
            let text = resolved.and_then(|r| r.text.as_ref());
            JsonDiagnostic {
                code: d.code(),
                name: d.name(),
                severity: d.severity.name(),
                message: &d.message,
                path: d.path(),
                key_path: d.key_path(),
                span: positions.span(text, d.span()),
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    applicability: f.applicability,
                    message: &f.message,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            offset: e.span.start,
                            length: e.span.len(),
                            content: &e.content,
                        })
                        .collect(),
                }),
                related: resolved
                    .map(|r| r.related.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .map(|rel| {
                        let own = Positions::related_text(d, &rel.path)
                            .cloned()
                            .or_else(|| texts(&rel.path));
                        JsonRelated {
                            path: &rel.path,
                            key_path: rel.key_path.as_deref(),
                            span: positions.span(own.as_ref(), rel.span),
                            message: &rel.message,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let report = Report {
        version: JSON_VERSION,
        tool: Tool {
            name: "profilelint",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary,
        files: files
            .iter()
            .map(|f| File {
                path: &f.path,
                format: f.format.map(|f| f.name()),
            })
            .collect(),
        diagnostics,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// The JSON format (the v1 contract): every finding, quiet or not.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl super::Reporter for Json {
    fn write(&mut self, run: &super::Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(render(run.files, run.diagnostics, run.summary, run.text).as_bytes())?;
        out.write_all(b"\n")
    }
}
