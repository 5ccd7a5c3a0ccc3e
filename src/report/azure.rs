//! Azure DevOps logging commands: `##vso[task.logissue type=error;…]message`.

use super::json::Positions;
use crate::diagnostic::{Diagnostic, Severity};

/// Escapes a logging command's property or message: control characters but line ends as visible text (see
/// [`control_but_line_ends`](super::escape::control_but_line_ends)), then Azure's rules.
pub fn escape(s: &str) -> String {
    super::escape::control_but_line_ends(s)
        .replace('%', "%AZP25")
        .replace(';', "%3B")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(']', "%5D")
}

/// Renders one logging command per diagnostic. Azure knows only `error` and `warning`; infos are
/// logged as warnings with `[info]` in the message.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut positions = Positions::default();
    let mut out = String::new();
    for d in diagnostics {
        let (kind, prefix) = match d.severity {
            Severity::Error => ("error", ""),
            Severity::Warning => ("warning", ""),
            Severity::Info => ("warning", "[info] "),
        };
        let mut props = format!("type={kind};sourcepath={}", escape(d.path()));
        let text = d.resolved.as_ref().and_then(|r| r.text.as_ref());
        if let Some(s) = positions.span(text, d.span()) {
            props.push_str(&format!(";linenumber={};columnnumber={}", s.line, s.column));
        }
        props.push_str(&format!(";code={};", d.code()));
        let mut message = format!("{prefix}{} {}: {}", d.code(), d.name(), d.message);
        if d.span().is_none() {
            if let Some(k) = d.key_path().filter(|k| !k.is_empty()) {
                message.push_str(&format!(" (at {k})"));
            }
        }
        out.push_str(&format!("##vso[task.logissue {props}]{}\n", escape(&message)));
    }
    out
}

/// Azure DevOps logging commands (`##vso[task.logissue …]`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Azure;

impl super::Reporter for Azure {
    fn write(&mut self, run: &super::Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(render(run.diagnostics).as_bytes())
    }
}
