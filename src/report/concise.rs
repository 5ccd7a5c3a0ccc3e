//! The concise report: one `path:line:col: CODE [severity] message` line per diagnostic (control
//! characters from inputs escaped, so none can forge a line).

use super::escape::control;
use super::json::Positions;
use super::{Reporter, Run, TextOptions};
use crate::diagnostic::Diagnostic;

/// Renders the concise report (without the summary line, which the caller adds and which carries
/// the notes about what could not be checked, [`Diagnostic::is_note`]).
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut positions = Positions::default();
    let mut out = String::new();
    for d in diagnostics.iter().filter(|d| !d.is_note()) {
        let text = d.resolved.as_ref().and_then(|r| r.text.as_ref());
        let location = match positions.span(text, d.span()) {
            Some(s) => format!("{}:{}:{}", control(d.path()), s.line, s.column),
            None => match d.key_path().filter(|k| !k.is_empty()) {
                Some(k) => format!("{} ({})", control(d.path()), control(k)),
                None => control(d.path()).into_owned(),
            },
        };
        out.push_str(&format!(
            "{location}: {} [{}] {}\n",
            d.code(),
            d.severity,
            control(&d.message)
        ));
    }
    out
}

/// The concise format: one line per finding, then the summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Concise {
    /// `--quiet` and `--statistics`.
    pub options: TextOptions,
}

impl Reporter for Concise {
    fn write(&mut self, run: &Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(render(self.options.shown(run.diagnostics)).as_bytes())?;
        out.write_all(self.options.footer(run).as_bytes())
    }
}
