//! JUnit XML: one test suite per file, one failing test case per diagnostic, one passing test
//! case for a clean file (Azure DevOps and GitLab read it).

use super::json::Positions;
use crate::diagnostic::Diagnostic;
use crate::edits::xml_escape;
use crate::lint_set::FileEntry;

fn attr(s: &str) -> String {
    xml_escape(s).replace('"', "&quot;")
}

/// Renders the JUnit report.
pub fn render(files: &[FileEntry], diagnostics: &[Diagnostic]) -> String {
    let mut positions = Positions::default();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"profilelint\" tests=\"{}\" failures=\"{}\">\n",
        files.len().max(1),
        diagnostics.len()
    ));
    let mut paths: Vec<&str> = files.iter().map(|f| &*f.path).collect();
    for d in diagnostics {
        if !paths.contains(&d.path()) {
            paths.push(d.path());
        }
    }
    for path in paths {
        let own: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.path() == path).collect();
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
                attr(&format!("{} {} at {at}", d.code, d.name)),
                attr(path),
                attr(path),
                d.severity,
                attr(&d.message),
                xml_escape(&format!("{at}: {} [{}] {}{}", d.code, d.severity, d.message, d.help.as_deref().map(|h| format!("\nhelp: {h}")).unwrap_or_default()))
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
