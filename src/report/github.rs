//! GitHub Actions workflow commands: `::error file=…,line=…::message`.

use super::json::Positions;
use crate::diagnostic::{Diagnostic, Severity};

/// Escapes a command's message: control characters but line ends as visible text (see
/// [`control_but_line_ends`](super::escape::control_but_line_ends)), then GitHub's rules (`%`, CR, LF).
pub fn escape_data(s: &str) -> String {
    super::escape::control_but_line_ends(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders one workflow command per diagnostic.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut positions = Positions::default();
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!("file={}", escape_property(d.path()))];
        let text = d.resolved.as_ref().and_then(|r| r.text.as_ref());
        if let Some(s) = positions.span(text, d.span()) {
            props.push(format!("line={}", s.line));
            props.push(format!("col={}", s.column));
            props.push(format!("endLine={}", s.end_line));
            props.push(format!("endColumn={}", s.end_column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", d.code(), d.name()))
        ));
        let mut message = d.message.clone();
        if d.span().is_none() {
            if let Some(k) = d.key_path().filter(|k| !k.is_empty()) {
                message.push_str(&format!(" (at {k})"));
            }
        }
        out.push_str(&format!("::{level} {}::{}\n", props.join(","), escape_data(&message)));
    }
    out
}

/// GitHub Actions workflow commands (`::error file=…::`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Github;

impl super::Reporter for Github {
    fn write(&mut self, run: &super::Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(render(run.diagnostics).as_bytes())
    }
}
