//! Diagnostics: what a rule found, where, why, and how to fix it.
//!
//! Rules push plain [`Diagnostic`] values; they never render or do I/O. Reports render them,
//! [`crate::fix`] applies their [`Fix`]es. A diagnostic implements [`miette::Diagnostic`] so any
//! miette handler can show it with its source snippet.

use std::sync::Arc;

use serde::Serialize;

use crate::contract::RuleMeta;
use crate::document::DocId;
use crate::span::Span;

pub use crate::contract::Severity;

/// What `--fix` may do with a fix (as ruff's applicability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown only; never applied (e.g. the file cannot be rewritten).
    DisplayOnly,
    /// Applied only with `--unsafe-fixes`: it may change meaning.
    Unsafe,
    /// Applied by `--fix`: keeps the meaning the author evidently intended.
    Safe,
}

/// One byte edit: replace `span` of the document text with `content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace (empty for an insertion).
    pub span: Span,
    /// The replacement text.
    pub content: String,
}

impl Edit {
    /// Replace `span` with `content`.
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Edit {
            span,
            content: content.into(),
        }
    }

    /// Insert `content` at `offset`.
    pub fn insert(offset: usize, content: impl Into<String>) -> Self {
        Edit {
            span: Span::point(offset),
            content: content.into(),
        }
    }

    /// Delete `span`.
    pub fn delete(span: Span) -> Self {
        Edit {
            span,
            content: String::new(),
        }
    }
}

/// A repair for a diagnostic: edits on the text of the diagnostic's document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Whether `--fix` applies it.
    pub applicability: Applicability,
    /// What it does, imperative: "Replace with `{{DEVICEREGISTRATION}}`".
    pub message: String,
    /// Non-overlapping edits, all in the diagnostic's document.
    pub edits: Vec<Edit>,
}

/// Where a finding is: a document, a node's key path, and a span when the input has text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The document (before resolution to the file that holds it).
    pub doc: DocId,
    /// The span in that document, `None` without text positions.
    pub span: Option<Span>,
    /// The key path of the value concerned, if a value is concerned.
    pub key_path: Option<String>,
}

/// A secondary place that explains the primary one ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub location: Location,
    /// What it is.
    pub message: String,
}

/// Which rule a finding is of: a built-in rule's contract, or an organization policy's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RuleRef {
    /// A built-in rule, checked or emitted by the engine (input, suppressions).
    Builtin(&'static RuleMeta),
    /// An organization policy, defined at run time (`[[policy]]`, see [`crate::policy`]); the
    /// findings of one policy share its strings.
    Policy {
        /// The policy's code (`CONTOSO001`).
        code: Arc<str>,
        /// The policy's name.
        name: Arc<str>,
    },
}

impl RuleRef {
    /// The rule code.
    pub(crate) fn code(&self) -> &str {
        match self {
            RuleRef::Builtin(meta) => meta.code,
            RuleRef::Policy { code, .. } => code,
        }
    }

    /// The rule name.
    pub(crate) fn name(&self) -> &str {
        match self {
            RuleRef::Builtin(meta) => meta.name,
            RuleRef::Policy { name, .. } => name,
        }
    }
}

/// Hashes the code, which identifies the rule (equal references have equal codes).
impl std::hash::Hash for RuleRef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

/// A finding. Built by rules with [`Diagnostic::new`] and the `with_*` builders.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The rule it is a finding of: read with [`Diagnostic::code`], [`Diagnostic::name`] and
    /// [`Diagnostic::rule`].
    rule: RuleRef,
    /// Severity after configuration: the rule's default (or the one the rule chose for this
    /// finding) until the linter applies configuration.
    pub severity: Severity,
    /// One sentence: what is wrong.
    pub message: String,
    /// Where.
    pub location: Location,
    /// A short text on the primary label; the message is used when absent.
    pub label: Option<String>,
    /// How to fix it, in words.
    pub help: Option<String>,
    /// A mechanical repair, if one exists.
    pub fix: Option<Fix>,
    /// Secondary places (possibly in other files).
    pub related: Vec<Related>,
    /// Filled when the lint set resolves the diagnostic: the display path of the file and the
    /// text that spans refer to (for rendering).
    pub resolved: Option<Resolved>,
}

/// A diagnostic's location in terms of the file that holds it, filled in by the lint set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The file's display path.
    pub path: Arc<str>,
    /// The file's text (what spans refer to), `None` for binary plists.
    pub text: Option<Arc<str>>,
    /// The span in that file's text (for an embedded payload: the span of the string holding it).
    pub span: Option<Span>,
    /// The key path, with `>` between an embedding string and the path inside it.
    pub key_path: Option<String>,
    /// Related places, resolved the same way, in order.
    pub related: Vec<ResolvedRelated>,
    /// Why a fix was withheld (binary, signed or embedded input), if it was.
    pub fix_withheld: Option<&'static str>,
}

/// A resolved related place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRelated {
    /// The file's display path.
    pub path: Arc<str>,
    /// The span in that file.
    pub span: Option<Span>,
    /// The key path.
    pub key_path: Option<String>,
    /// What it is.
    pub message: String,
}

impl Diagnostic {
    /// Whether this is a note about what could not be checked (an info finding of a rule in
    /// [`crate::contract::codes::NOTES`]), which the human and concise reports show as one sentence
    /// of the summary line. A note raised to a higher severity is an ordinary finding again.
    pub fn is_note(&self) -> bool {
        self.severity == Severity::Info
            && self
                .rule()
                .is_some_and(|meta| crate::contract::codes::NOTES.iter().any(|m| m.code == meta.code))
    }

    /// A diagnostic of the built-in rule `rule` at `location`. The severity is the rule's default
    /// (a rule may choose another for a finding with [`Diagnostic::with_severity`]) until the
    /// linter applies configuration.
    pub fn new(rule: &'static RuleMeta, message: impl Into<String>, location: Location) -> Self {
        Diagnostic::of(RuleRef::Builtin(rule), rule.severity, message, location)
    }

    /// A diagnostic of an organization policy, whose code and name are known only at run time,
    /// with its default `severity`. As [`Diagnostic::new`] otherwise; the findings of one policy
    /// can share its code and name.
    pub fn policy(
        code: impl Into<Arc<str>>,
        name: impl Into<Arc<str>>,
        severity: Severity,
        message: impl Into<String>,
        location: Location,
    ) -> Self {
        let rule = RuleRef::Policy {
            code: code.into(),
            name: name.into(),
        };
        Diagnostic::of(rule, severity, message, location)
    }

    /// A diagnostic of `rule` with `severity` at `location`.
    pub(crate) fn of(rule: RuleRef, severity: Severity, message: impl Into<String>, location: Location) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            location,
            label: None,
            help: None,
            fix: None,
            related: Vec::new(),
            resolved: None,
        }
    }

    /// Sets the primary label's text.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, applicability: Applicability, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            applicability,
            message: message.into(),
            edits,
        });
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The display path of the file (after resolution), or an empty string.
    pub fn path(&self) -> &str {
        self.resolved.as_ref().map(|r| &*r.path).unwrap_or("")
    }

    /// The span in the file (after resolution).
    pub fn span(&self) -> Option<Span> {
        self.resolved.as_ref().and_then(|r| r.span)
    }

    /// The key path (after resolution; before it, the document-local one).
    pub fn key_path(&self) -> Option<&str> {
        match &self.resolved {
            Some(r) => r.key_path.as_deref(),
            None => self.location.key_path.as_deref(),
        }
    }

    /// The rule code, e.g. `SSO202` (an organization policy's own, e.g. `CONTOSO001`).
    pub fn code(&self) -> &str {
        self.rule.code()
    }

    /// The rule name, e.g. `device-registration-value`.
    pub fn name(&self) -> &str {
        self.rule.name()
    }

    /// The contract of the built-in rule this is a finding of; `None` for an organization policy.
    pub fn rule(&self) -> Option<&'static RuleMeta> {
        match self.rule {
            RuleRef::Builtin(meta) => Some(meta),
            RuleRef::Policy { .. } => None,
        }
    }

    /// Which rule this is a finding of.
    pub(crate) fn rule_ref(&self) -> &RuleRef {
        &self.rule
    }

    /// The link to the rule's documentation (for an organization policy, where it would be:
    /// policies are documented by `profilelint explain CODE` instead).
    pub fn url(&self) -> String {
        crate::contract::lookup::doc_url(self.code())
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl Diagnostic {
    /// The help shown under the message: the rule's help, then the fix with whether it is
    /// applied automatically, one per line; each text from the diagnostic passes through
    /// `escape` (the human report escapes control characters there, between its own lines).
    pub fn help_text<'a>(&'a self, escape: impl Fn(&'a str) -> std::borrow::Cow<'a, str>) -> String {
        let withheld = self.resolved.as_ref().and_then(|r| r.fix_withheld);
        let mut text = self.help.as_deref().map(|h| escape(h).into_owned()).unwrap_or_default();
        let mut line = |s: String| {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&s);
        };
        match (&self.fix, withheld) {
            (Some(fix), Some(why)) => line(format!("{} (not applied automatically: {why})", escape(&fix.message))),
            (Some(fix), None) => line(format!(
                "{} ({})",
                escape(&fix.message),
                match fix.applicability {
                    Applicability::Safe => "fixable with `--fix`",
                    Applicability::Unsafe => "fixable with `--fix --unsafe-fixes`",
                    Applicability::DisplayOnly => "suggested fix",
                }
            )),
            // A rule that fixes this elsewhere says why it cannot here (binary, signed, embedded).
            (None, Some(why))
                if self
                    .rule()
                    .is_some_and(|m| m.fix != crate::contract::FixAvailability::None) =>
            {
                line(format!("no automatic fix: {why}"))
            }
            _ => {}
        }
        text
    }
}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(format!("{}({})", self.code(), self.name())))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        let text = self.help_text(std::borrow::Cow::Borrowed);
        (!text.is_empty()).then(|| Box::new(text) as Box<dyn std::fmt::Display + 'a>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        // Organization policies have no published doc: `profilelint explain CODE` shows them.
        self.rule()?;
        Some(Box::new(self.url()))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        let resolved = self.resolved.as_ref()?;
        resolved.span?;
        resolved.text.as_ref().map(|t| t as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let resolved = self.resolved.as_ref()?;
        let span = resolved.span?;
        resolved.text.as_ref()?;
        let primary = miette::LabeledSpan::new_primary_with_span(
            Some(self.label.clone().unwrap_or_else(|| self.message.clone())),
            (span.start, span.len()),
        );
        let same_file = resolved
            .related
            .iter()
            .filter(|r| r.path == resolved.path)
            .filter_map(|r| {
                r.span
                    .map(|s| miette::LabeledSpan::new_with_span(Some(r.message.clone()), (s.start, s.len())))
            });
        Some(Box::new(std::iter::once(primary).chain(same_file)))
    }
}
