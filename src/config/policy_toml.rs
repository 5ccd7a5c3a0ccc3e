//! Reading `[[policy]]` tables from `profilelint.toml`, with errors that point at the line.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, ConfigErrorAt, Level};
use crate::model::Platform;
use crate::span::{LineIndex, Span};

use crate::policy::{Definition, Filter, KeyPath, PathGlob, Pattern, Policy, PolicyError, SourceKind};

#[derive(Deserialize)]
struct PolicyFile {
    #[serde(default)]
    policy: Vec<Spanned<RawPolicy>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawPolicy {
    code: Spanned<String>,
    name: Spanned<String>,
    severity: Option<Spanned<String>>,
    message: String,
    help: Option<String>,
    key: Spanned<String>,
    matches: Option<Spanned<String>>,
    not_matches: Option<Spanned<String>>,
    required: Option<Spanned<bool>>,
    forbidden: Option<Spanned<bool>>,
    #[serde(rename = "where")]
    filter: Option<Spanned<RawWhere>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawWhere {
    payload_type: Option<Spanned<OneOrMany>>,
    platform: Option<Spanned<OneOrMany>>,
    source: Option<Spanned<OneOrMany>>,
    path: Option<Spanned<OneOrMany>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Reads every `[[policy]]` table of a config file's text. The rest of the file has been read
/// already; this reads it again for the spans the policy tables need.
pub(crate) fn read_toml(text: &Arc<str>, path: Option<&Path>) -> Result<Vec<Policy>, ConfigError> {
    let lines = LineIndex::new(text);
    let fail = |span: Span, message: String, label: String| {
        let lc = lines.line_col(text, span.start);
        ConfigError {
            path: path.map(Path::to_path_buf),
            message: format!("{message} (line {}, column {})", lc.line, lc.column),
            at: Some(Box::new(ConfigErrorAt {
                span,
                label,
                source: miette::NamedSource::new(
                    path.map(crate::lint_set::display_path)
                        .unwrap_or_else(|| "profilelint.toml".into()),
                    text.clone(),
                ),
            })),
        }
    };
    let file: PolicyFile = toml::from_str(text).map_err(|e| {
        let span = e.span().map_or(Span::point(0), |r| Span::new(r.start, r.end));
        let message = super::explain_toml_error(&e, text);
        // The message already names the line; the label repeats what is wrong, shortly.
        let label = message
            .split_once(" (line ")
            .map_or(message.as_str(), |(head, _)| head)
            .to_owned();
        let mut err = fail(span, String::new(), label);
        err.message = format!("[[policy]]: {message}");
        err
    })?;
    let mut policies: Vec<Policy> = Vec::new();
    for table in file.policy {
        let table_span = Span::new(table.span().start, table.span().end);
        let raw = table.into_inner();
        let code = raw.code.get_ref().clone();
        let at = |s: &Spanned<String>| Span::new(s.span().start, s.span().end);
        let who = format!("[[policy]] {code}");
        let key = KeyPath::parse(raw.key.get_ref()).map_err(|e| {
            fail(
                at(&raw.key),
                format!("{who}: key `{}`: {e}", raw.key.get_ref()),
                e.message.clone(),
            )
        })?;
        let pattern = |field: &str, p: &Option<Spanned<String>>| -> Result<Option<Pattern>, ConfigError> {
            let Some(p) = p else { return Ok(None) };
            Pattern::new(p.get_ref()).map(Some).map_err(|e| {
                let short = regex_error_summary(&e);
                fail(
                    at(p),
                    format!("{who}: `{field}` is not a usable pattern: {short}"),
                    short.clone(),
                )
            })
        };
        let matches = pattern("matches", &raw.matches)?;
        let not_matches = pattern("not-matches", &raw.not_matches)?;
        let severity = match &raw.severity {
            None => crate::diagnostic::Severity::Warning,
            Some(s) => Level::parse(s.get_ref()).and_then(Level::severity).ok_or_else(|| {
                fail(
                    at(s),
                    format!(
                        "{who}: severity must be \"error\", \"warning\" or \"info\", not \"{}\"",
                        s.get_ref()
                    ),
                    "expected \"error\", \"warning\" or \"info\"".into(),
                )
            })?,
        };
        let filter = match raw.filter {
            None => Filter::default(),
            Some(w) => read_where(w.into_inner(), &who, &fail)?,
        };
        let line = lines.line_col(text, table_span.start).line;
        let flag = |f: &Option<Spanned<bool>>| f.as_ref().is_some_and(|b| *b.get_ref());
        let (required, forbidden) = (flag(&raw.required), flag(&raw.forbidden));
        let policy = Policy {
            code: code.clone(),
            name: raw.name.get_ref().clone(),
            severity,
            message: raw.message,
            help: raw.help,
            key,
            matches,
            not_matches,
            required,
            forbidden,
            filter,
            defined_in: path.map(|p| Definition {
                path: p.to_path_buf(),
                line,
                span: table_span,
            }),
        };
        policy.validate(&policies).map_err(|e| {
            let (span, label) = match &e {
                PolicyError::Code(_) => (at(&raw.code), "this code"),
                PolicyError::Name(_) => (at(&raw.name), "this name"),
                PolicyError::Key(_) => (at(&raw.key), "this key"),
                PolicyError::Condition(_) if required && forbidden => (
                    raw.forbidden.as_ref().map_or(header_span(text, table_span), |f| {
                        Span::new(f.span().start, f.span().end)
                    }),
                    "contradicts `required`",
                ),
                PolicyError::Condition(_) => (header_span(text, table_span), "no condition in this policy"),
            };
            fail(span, format!("{who}: {e}"), label.into())
        })?;
        policies.push(policy);
    }
    Ok(policies)
}

fn read_where(
    raw: RawWhere,
    who: &str,
    fail: &impl Fn(Span, String, String) -> ConfigError,
) -> Result<Filter, ConfigError> {
    let span_of = |s: &Spanned<OneOrMany>| Span::new(s.span().start, s.span().end);
    let mut filter = Filter::default();
    if let Some(types) = raw.payload_type {
        filter.payload_types = types.into_inner().into_vec();
    }
    if let Some(platforms) = raw.platform {
        let span = span_of(&platforms);
        for p in platforms.into_inner().into_vec() {
            filter.platforms.push(match p.to_ascii_lowercase().as_str() {
                "ios" | "ipados" => Platform::Ios,
                "macos" => Platform::Macos,
                _ => {
                    return Err(fail(
                        span,
                        format!("{who}: where.platform must be \"ios\" or \"macos\", not \"{p}\""),
                        "expected \"ios\" or \"macos\"".into(),
                    ))
                }
            });
        }
    }
    if let Some(sources) = raw.source {
        let span = span_of(&sources);
        for s in sources.into_inner().into_vec() {
            let names = SourceKind::ALL.map(|(_, n)| n);
            let kind = SourceKind::parse(&s).ok_or_else(|| {
                let hint = crate::suggest::did_you_mean(&s, names.iter().copied())
                    .map(|h| format!("; did you mean `{h}`?"))
                    .unwrap_or_else(|| format!("; expected one of {}", names.join(", ")));
                fail(
                    span,
                    format!("{who}: unknown where.source `{s}`{hint}"),
                    "unknown source kind".into(),
                )
            })?;
            filter.sources.push(kind);
        }
    }
    if let Some(paths) = raw.path {
        let span = span_of(&paths);
        for glob in paths.into_inner().into_vec() {
            let compiled = PathGlob::new(&glob).map_err(|e| {
                fail(
                    span,
                    format!("{who}: where.path `{glob}`: {e}"),
                    "not a valid glob".into(),
                )
            })?;
            filter.paths.push(compiled);
        }
    }
    Ok(filter)
}

/// The `[[policy]]` header line of a table span (the whole table would be a long label).
fn header_span(text: &str, table: Span) -> Span {
    let body = text.get(table.start..table.end).unwrap_or_default();
    let end = body.find('\n').map_or(table.end, |i| table.start + i);
    Span::new(table.start, end.max(table.start))
}

/// The regex crate's error without its echo of the pattern: `unclosed group`, `Compiled regex
/// exceeds size limit of 1048576 bytes.`
fn regex_error_summary(message: &str) -> String {
    message
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .unwrap_or(message)
        .trim_end_matches('.')
        .to_owned()
}
