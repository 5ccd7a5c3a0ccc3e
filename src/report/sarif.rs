//! SARIF 2.1.0, built from the same diagnostics as every other format.

use serde_json::{json, Value};

use super::json::Positions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::policy::Policy;
use crate::rules::{self, RuleMeta};

/// The SARIF level of a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference (spaces and other reserved characters percent-encoded).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn region(span: &super::json::JsonSpan) -> Value {
    json!({ "startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column })
}

/// Renders the SARIF log. `ran` lists the rules that ran (enabled ones).
pub fn render(diagnostics: &[Diagnostic], ran: &[&'static RuleMeta]) -> String {
    render_with_policies(diagnostics, ran, &[])
}

/// [`render`] for a run with organization policies: `policies` (those that ran) are listed in
/// `tool.driver.rules` after the built-in rules, their message as the short description, their
/// help as the help text, and the config file that defined them as a property.
pub fn render_with_policies(diagnostics: &[Diagnostic], ran: &[&'static RuleMeta], policies: &[&Policy]) -> String {
    let mut positions = Positions::default();
    let rule_index = |code: &str| {
        ran.iter()
            .position(|m| m.code == code)
            .or_else(|| policies.iter().position(|p| p.code == code).map(|i| i + ran.len()))
    };
    let mut rules_json: Vec<Value> = ran
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "helpUri": rules::doc_url(m.code),
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": { "fix": m.fix.name() }
            })
        })
        .collect();
    rules_json.extend(policies.iter().map(|p| {
        let mut properties = serde_json::Map::new();
        properties.insert("fix".into(), json!("none"));
        properties.insert("policy".into(), json!(true));
        if let Some(def) = &p.defined_in {
            let at = format!("{}:{}", crate::lint_set::display_path(&def.path), def.line);
            properties.insert("definedIn".into(), json!(at));
        }
        let mut rule = serde_json::Map::new();
        rule.insert("id".into(), json!(p.code));
        rule.insert("name".into(), json!(p.name));
        rule.insert("shortDescription".into(), json!({ "text": p.message }));
        if let Some(help) = &p.help {
            rule.insert("help".into(), json!({ "text": help }));
        }
        rule.insert("defaultConfiguration".into(), json!({ "level": level(p.severity) }));
        rule.insert("properties".into(), Value::Object(properties));
        Value::Object(rule)
    }));
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let text = d.resolved.as_ref().and_then(|r| r.text.as_ref());
            let span = positions.span(text, d.span());
            let physical = match &span {
                Some(s) => json!({ "artifactLocation": { "uri": uri(d.path()) }, "region": region(s) }),
                None => json!({ "artifactLocation": { "uri": uri(d.path()) } }),
            };
            let location = match d.key_path().filter(|k| !k.is_empty()) {
                Some(k) => json!({ "physicalLocation": physical, "logicalLocations": [{ "fullyQualifiedName": k, "kind": "member" }] }),
                None => json!({ "physicalLocation": physical }),
            };
            let mut result = serde_json::Map::new();
            result.insert("ruleId".into(), json!(d.code()));
            if let Some(i) = rule_index(d.code()) {
                result.insert("ruleIndex".into(), json!(i));
            }
            result.insert("level".into(), json!(level(d.severity)));
            let message = match &d.help {
                Some(h) => format!("{}\n{h}", d.message),
                None => d.message.clone(),
            };
            result.insert("message".into(), json!({ "text": message }));
            result.insert("locations".into(), json!([location]));
            let related: Vec<Value> = d
                .resolved
                .as_ref()
                .map(|r| r.related.as_slice())
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(i, rel)| {
                    let own = Positions::related_text(d, &rel.path);
                    let physical = match positions.span(own, rel.span) {
                        Some(s) => json!({ "artifactLocation": { "uri": uri(&rel.path) }, "region": region(&s) }),
                        None => json!({ "artifactLocation": { "uri": uri(&rel.path) } }),
                    };
                    json!({ "id": i, "physicalLocation": physical, "message": { "text": rel.message } })
                })
                .collect();
            if !related.is_empty() {
                result.insert("relatedLocations".into(), json!(related));
            }
            if let (Some(fix), Some(text)) = (&d.fix, text) {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .filter_map(|e| {
                        let s = positions.span(Some(text), Some(e.span))?;
                        Some(json!({ "deletedRegion": region(&s), "insertedContent": { "text": e.content } }))
                    })
                    .collect();
                if !replacements.is_empty() && d.resolved.as_ref().is_some_and(|r| r.fix_withheld.is_none()) {
                    result.insert(
                        "fixes".into(),
                        json!([{
                            "description": { "text": fix.message },
                            "artifactChanges": [{ "artifactLocation": { "uri": uri(d.path()) }, "replacements": replacements }]
                        }]),
                    );
                }
            }
            Value::Object(result)
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "profilelint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules_json
            }},
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// The SARIF 2.1.0 format, listing the rules and policies that ran.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sarif;

impl super::Reporter for Sarif {
    fn write(&mut self, run: &super::Run<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(render_with_policies(run.diagnostics, run.rules, run.policies).as_bytes())?;
        out.write_all(b"\n")
    }
}
