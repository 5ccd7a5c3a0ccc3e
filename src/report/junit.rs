//! JUnit XML: one test suite per file, one failing test case per diagnostic, one passing test
//! case for a clean file (Azure DevOps and GitLab read it). Well-formed XML 1.0 whatever the
//! inputs hold: characters XML cannot carry are written as visible `\u{…}` text.

use super::escape::{xml_attr as attr, xml_text};
use super::json::Positions;
use crate::diagnostic::Diagnostic;
use crate::lint_set::FileEntry;

/// Renders the JUnit report.
pub fn render(files: &[FileEntry], diagnostics: &[Diagnostic]) -> String {
    let mut positions = Positions::default();
    // Group once: a report over thousands of files must not scan every diagnostic per file.
    let mut paths: Vec<&str> = files.iter().map(|f| &*f.path).collect();
    let known: std::collections::HashSet<&str> = paths.iter().copied().collect();
    let mut by_path: std::collections::HashMap<&str, Vec<&Diagnostic>> = std::collections::HashMap::new();
    for d in diagnostics {
        let list = by_path.entry(d.path()).or_default();
        if list.is_empty() && !known.contains(d.path()) {
            paths.push(d.path());
        }
        list.push(d);
    }
    paths.dedup();
    let tests: usize = paths.iter().map(|p| by_path.get(p).map_or(1, |l| l.len().max(1))).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"profilelint\" tests=\"{}\" failures=\"{}\">\n",
        tests.max(1),
        diagnostics.len()
    ));
    for path in paths {
        let own: &[&Diagnostic] = by_path.get(path).map_or(&[], |l| l.as_slice());
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
            attr(path),
            own.len().max(1),
            own.len()
        ));
        if own.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"profilelint\" classname=\"{}\"/>\n",
                attr(path)
            ));
        }
        for d in own {
            let text = d.resolved.as_ref().and_then(|r| r.text.as_ref());
            let at = match positions.span(text, d.span()) {
                Some(s) => format!("{path}:{}:{}", s.line, s.column),
                None => match d.key_path().filter(|k| !k.is_empty()) {
                    Some(k) => format!("{path} ({k})"),
                    None => path.to_owned(),
                },
            };
            out.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                attr(&format!("{} {} at {at}", d.code(), d.name())),
                attr(path),
                attr(path),
                d.severity,
                attr(&d.message),
                xml_text(&format!("{at}: {} [{}] {}", d.code(), d.severity, d.message))
                    + &d.help.as_deref().map(|h| format!("\nhelp: {}", xml_text(h))).unwrap_or_default()
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// JUnit XML, one test case per file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Junit;

impl super::Reporter for Junit {
    fn write(&mut self, run: &super::Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(render(run.files, run.diagnostics).as_bytes())
    }
}
