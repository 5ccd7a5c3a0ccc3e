//! The linter: configuration applied to the rules, run over a lint set, with suppressions,
//! locations resolved to files, and a stable order.
//!
//! ```
//! use profilelint::{config::Config, FileOrigin, Limits, LintSet, Linter};
//!
//! let mut set = LintSet::new(Limits::default());
//! set.add_bytes("broken.json", b"{\"a\": 1,}", FileOrigin::Named);
//! let report = Linter::new(Config::default()).check(&set);
//! assert_eq!(report.diagnostics()[0].code, "PL002");
//! assert_eq!(report.diagnostics()[0].path(), "broken.json");
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::{Config, Level};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Location, Resolved, ResolvedRelated, Severity};
use crate::document::DocId;
use crate::lint_set::LintSet;
use crate::model::{self, Model, ModelOptions};
use crate::policy::Policy;
use crate::rules::findings::Shared;
pub use crate::rules::findings::MAX_FINDINGS_PER_RULE_AND_FILE;
use crate::rules::{self, codes, Context, Derived, Rule, RuleKind, RuleMeta};
use crate::source::Format;
use crate::suppress::{self, InlineSuppression, Regions};

/// Whether `code` reports unreadable input ([`RuleKind::Engine`]): never silenced by `--select`
/// alone, so a file that cannot be read never passes quietly (it can still be turned off by
/// name).
fn always_on(code: &str) -> bool {
    crate::contract::lookup::by_code(code).is_some_and(|m| m.kind == RuleKind::Engine)
}

/// The result of a run: the findings, resolved to the files that hold them and sorted, and the
/// model the rules saw.
#[derive(Debug)]
pub struct Report {
    /// Findings, sorted by path, offset, then code.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The model the rules saw (for `inspect` and library users).
    pub(crate) model: Model,
}

impl Report {
    /// The findings, sorted by path, offset, then code.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The model the rules saw.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The findings, taken out of the report.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// The findings and the model, taken out of the report.
    pub fn into_parts(self) -> (Vec<Diagnostic>, Model) {
        (self.diagnostics, self.model)
    }
}

/// A configured linter: which rules run, at which severity, with which suppressions and
/// organization policies, decided once from a [`Config`]; [`Linter::check`] then lints any number
/// of [`LintSet`]s.
///
/// ```
/// use profilelint::{Config, FileOrigin, Limits, LintSet, Linter, Severity};
///
/// let config = Config::from_toml_str("[rules]\nPL002 = \"warning\"\n", None).unwrap();
/// let linter = Linter::new(config);
///
/// let mut set = LintSet::new(Limits::default());
/// set.add_bytes("broken.json", b"{\"a\": 1,}", FileOrigin::Named);
/// let report = linter.check(&set);
/// let d = &report.diagnostics()[0];
/// assert_eq!((&*d.code, &*d.name), ("PL002", "invalid-json"));
/// assert_eq!(d.severity, Severity::Warning);
/// assert_eq!(d.span().map(|s| s.start), Some(7));
/// ```
#[derive(Debug, Clone)]
pub struct Linter {
    config: Config,
    /// Every rule of the catalog: `None` = off; `Some(Some(s))` = forced to `s` by configuration;
    /// `Some(None)` = on with the severities the rule reports (its default, or a per-finding
    /// variation the catalog documents, such as SSO105's info for sovereign clouds).
    levels: HashMap<&'static str, Option<Option<Severity>>>,
    /// `[[ignore]] path` globs, compiled once.
    ignore_paths: IgnorePaths,
    /// For each rule in registry order, whether it runs (decided once, not per check).
    enabled: Vec<bool>,
    /// For each organization policy of the config, in order, its level as `levels` holds it.
    policy_levels: Vec<Option<Option<Severity>>>,
    /// The most findings kept per rule and file (see [`MAX_FINDINGS_PER_RULE_AND_FILE`]).
    finding_cap: usize,
}

impl Linter {
    /// A linter with this configuration.
    pub fn new(config: Config) -> Self {
        let mut levels = HashMap::new();
        for meta in rules::all() {
            levels.insert(meta.code, effective_level(&config, meta.code, meta.name));
        }
        let policy_levels = config
            .policies
            .iter()
            .map(|p| effective_level(&config, &p.code, &p.name))
            .collect();
        let ignore_paths = IgnorePaths::new(&config);
        let enabled = rules::implementations()
            .map(|rule| matches!(levels.get(rule.meta().code), Some(Some(_))))
            .collect();
        Linter {
            config,
            levels,
            ignore_paths,
            enabled,
            policy_levels,
            finding_cap: MAX_FINDINGS_PER_RULE_AND_FILE,
        }
    }

    /// This linter with another cap on findings per rule and file (`usize::MAX`: none; at least
    /// 1). Fixing uses no cap, so that every fix is applied in one pass.
    #[must_use]
    pub fn with_finding_cap(mut self, cap: usize) -> Self {
        self.finding_cap = cap.max(1);
        self
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The configured severity of a rule: `None` when it is off, else the forced severity or the
    /// rule's default.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        let level = self.level(code)?;
        level
            .or_else(|| rules::by_code(code).map(|m| m.severity))
            .or_else(|| self.config.policies.iter().find(|p| p.code == code).map(|p| p.severity))
    }

    /// Whether a rule or organization policy runs.
    pub fn is_enabled(&self, code: &str) -> bool {
        self.level(code).is_some()
    }

    /// The organization policies that run, in config order.
    pub fn enabled_policies(&self) -> impl Iterator<Item = &Policy> + '_ {
        self.config
            .policies
            .iter()
            .zip(&self.policy_levels)
            .filter_map(|(p, level)| level.is_some().then_some(p))
    }

    /// A rule's or policy's level: `None` when it is off (or unknown), else the forced severity,
    /// if any.
    fn level(&self, code: &str) -> Option<Option<Severity>> {
        match self.levels.get(code) {
            Some(level) => *level,
            None => self
                .config
                .policies
                .iter()
                .position(|p| p.code == code)
                .and_then(|i| self.policy_levels.get(i).copied().flatten()),
        }
    }

    /// The code and name a finding's code stands for: a built-in rule's, or a policy's.
    fn identity<'a>(&'a self, code: &str) -> Option<(&'a str, &'a str)> {
        match rules::by_code(code) {
            Some(meta) => Some((meta.code, meta.name)),
            None => self
                .config
                .policies
                .iter()
                .find(|p| p.code == code)
                .map(|p| (p.code.as_str(), p.name.as_str())),
        }
    }

    /// Builds the model of `set` (as [`Linter::check`] does).
    pub fn model(&self, set: &LintSet) -> Model {
        model::build(set, &self.model_options())
    }

    fn model_options(&self) -> ModelOptions {
        ModelOptions {
            platform: self.config.platform,
            mdm: self.config.sso.mdm,
        }
    }

    /// Runs every enabled rule over `set`: builds the model (the cross-file facts), runs the
    /// rules and policies over it, then applies suppressions and configuration and sorts.
    pub fn check(&self, set: &LintSet) -> Report {
        self.check_with(set, self.model(set), |cx, rules, shared| {
            let mut found = shared.findings();
            for rule in rules {
                found.start(rule.meta());
                rule.check(cx, &mut found);
            }
            vec![found.finish()]
        })
    }

    /// [`Linter::check`] with the model built per document and the rules run side by side on the
    /// current rayon thread pool (inside `ThreadPool::install`, that pool's threads). The report is
    /// the same: the model's parts are joined in document order ([`model::build_parallel`]) and
    /// findings are gathered in rule order before anything else happens to them.
    #[cfg(feature = "parallel")]
    pub fn check_parallel(&self, set: &LintSet) -> Report {
        use rayon::prelude::*;
        let model = model::build_parallel(set, &self.model_options());
        self.check_with(set, model, |cx, rules, shared| {
            rules
                .par_iter()
                .map(|rule| {
                    let mut found = shared.findings();
                    found.start(rule.meta());
                    rule.check(cx, &mut found);
                    found.finish()
                })
                .collect()
        })
    }

    /// Runs the enabled rules over `set` and its `model` with `run`, then applies suppressions
    /// and configuration and sorts.
    fn check_with(
        &self,
        set: &LintSet,
        model: Model,
        run: impl FnOnce(&Context<'_>, &[&'static dyn Rule], &Shared<'_>) -> Vec<(Vec<Diagnostic>, Vec<bool>)>,
    ) -> Report {
        let derived = Derived::default();
        let cx = Context::new(set, &model, &self.config, &derived);
        let enabled: Vec<&'static dyn Rule> = rules::implementations()
            .zip(&self.enabled)
            .filter_map(|(rule, on)| on.then_some(rule))
            .collect();

        // Inline suppressions act on document-local locations, before resolution, as findings
        // arrive (so that suppressed findings do not count towards the cap).
        let mut inline: Vec<(InlineSuppression, bool)> = set
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d.format, Format::XmlPlist | Format::SignedXmlPlist))
            .flat_map(|(i, d)| suppress::inline_suppressions(DocId(i as u32), d))
            .map(|s| (s, false))
            .collect();
        let regions = Regions::new(&inline);
        let roots = file_roots(set);
        let mut found = Vec::new();
        let mut used = vec![false; inline.len()];
        {
            let shared = Shared {
                cap: self.finding_cap,
                roots: &roots,
                regions: &regions,
                inline: &inline,
            };
            for (list, rule_used) in run(&cx, &enabled, &shared) {
                found.extend(list);
                for (u, r) in used.iter_mut().zip(rule_used) {
                    *u |= r;
                }
            }
        }
        for ((_, was_used), u) in inline.iter_mut().zip(used) {
            *was_used = u;
        }
        // Organization policies: one pass after the rules; their codes are the config's own, so
        // inline suppressions are matched by the policy's code and name.
        let policies: Vec<&Policy> = self.enabled_policies().collect();
        if !policies.is_empty() {
            let mut from_policies = Vec::new();
            crate::rules::policies::check(&cx, &policies, &mut from_policies);
            if !inline.is_empty() {
                from_policies.retain(|d| !inline_suppressed(d, self.identity(&d.code), &regions, &mut inline));
            }
            found.extend(from_policies);
        }

        let mut diagnostics: Vec<Diagnostic> = found.into_iter().map(|d| resolve(set, d)).collect();
        diagnostics.extend(set.input_diagnostics.iter().map(|input| {
            let mut d = input.diagnostic.clone();
            if set.doc(d.location.doc).is_some() {
                // Found inside a document (an embedded payload that failed to read).
                return resolve(set, d);
            }
            if d.resolved.is_none() {
                d.resolved = Some(Resolved {
                    path: input.path.clone(),
                    text: input.text.clone(),
                    span: d.location.span,
                    key_path: d.location.key_path.clone(),
                    related: Vec::new(),
                    fix_withheld: None,
                });
            }
            d
        }));

        // Config `[[ignore]]` acts on resolved paths and key paths.
        let mut used = vec![false; self.config.ignore.len()];
        diagnostics.retain(|d| !self.config_suppressed(d, &mut used));

        diagnostics.extend(self.suppression_findings(set, &inline, &used));

        // Configuration: severities, and rules that are off (input diagnostics included).
        diagnostics.retain_mut(|d| match self.level(&d.code) {
            Some(forced) => {
                if let Some(severity) = forced {
                    d.severity = severity;
                }
                true
            }
            None => false,
        });
        diagnostics.sort_by(|a, b| {
            (a.path(), a.span().map(|s| s.start), &*a.code, &a.message).cmp(&(
                b.path(),
                b.span().map(|s| s.start),
                &*b.code,
                &b.message,
            ))
        });
        diagnostics.dedup_by(|a, b| {
            a.code == b.code
                && a.path() == b.path()
                && a.span() == b.span()
                && a.message == b.message
                && a.key_path() == b.key_path()
        });
        Report { diagnostics, model }
    }

    fn config_suppressed(&self, d: &Diagnostic, used: &mut [bool]) -> bool {
        if self.config.ignore.is_empty() {
            return false;
        }
        let Some((code, name)) = self.identity(&d.code) else {
            return false;
        };
        // Suppressions are not suppressed by `[[ignore]]` entries.
        if crate::contract::lookup::by_code(code).is_some_and(|m| m.kind == RuleKind::Suppression) {
            return false;
        }
        let mut hit = false;
        for (i, entry) in self.config.ignore.iter().enumerate() {
            let rule_ok = entry.rules.is_empty()
                || entry
                    .rules
                    .iter()
                    .any(|s| suppress::selector_matches_rule(s, code, name));
            let path_ok = self.ignore_paths.matches(i, d.path());
            let key_ok = entry
                .key_path
                .as_deref()
                .is_none_or(|p| d.key_path().is_some_and(|k| suppress::key_path_matches(p, k)));
            if rule_ok && path_ok && key_ok {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                hit = true;
            }
        }
        hit
    }

    /// Whether every rule the selectors name ran (with `empty_is_all`, an empty list names every
    /// rule, as in an `[[ignore]]` entry without `rules`): only then can
    /// a suppression that matched nothing be called unused. One naming a rule that is off
    /// (`--ignore`, `--severity …=off`, `[rules]`, not selected) may be needed when it is on
    /// again, so it is neither reported nor removed by `--fix`.
    fn all_ran(&self, selectors: &[String], empty_is_all: bool) -> bool {
        rules::all()
            .iter()
            .filter(|meta| {
                (empty_is_all && selectors.is_empty()) || selectors.iter().any(|s| suppress::selector_matches(s, meta))
            })
            .all(|meta| self.is_enabled(meta.code))
    }

    /// PL901 for suppressions that matched nothing (and name only rules that ran), PL902 for
    /// those without a reason.
    fn suppression_findings(
        &self,
        set: &LintSet,
        inline: &[(InlineSuppression, bool)],
        used: &[bool],
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (s, was_used) in inline {
            let location = Location {
                doc: s.doc,
                span: Some(s.comment),
                key_path: None,
            };
            let what = s.rules.join(", ");
            if !was_used && self.is_enabled("PL901") && self.all_ran(&s.rules, false) {
                let mut d = Diagnostic::new(
                    codes::PL901.code,
                    codes::PL901.name,
                    codes::PL901.severity,
                    format!("unused suppression: `allow({what})` matched nothing"),
                    location.clone(),
                );
                if let Some(edit) = set.doc(s.doc).and_then(|doc| remove_comment_line(doc, s.comment)) {
                    d = d.with_fix(Applicability::Safe, "Remove the unused suppression", vec![edit]);
                }
                if s.region.is_none() {
                    d = d.with_help("an inline suppression must stand on the line before a `<key>`");
                }
                out.push(resolve(set, d));
            }
            if s.reason.is_none() && self.is_enabled("PL902") {
                let d = Diagnostic::new(
                    codes::PL902.code,
                    codes::PL902.name,
                    codes::PL902.severity,
                    format!("suppression `allow({what})` has no reason"),
                    location,
                )
                .with_help("add reason=\"…\" saying why the finding is accepted");
                out.push(resolve(set, d));
            }
        }
        if let Some((path, text)) = &self.config.source {
            let path: Arc<str> = crate::lint_set::display_path(path).into();
            for (i, entry) in self.config.ignore.iter().enumerate() {
                let unused = !used.get(i).copied().unwrap_or(true);
                let mut push = |meta: &'static RuleMeta, message: String, help: &str| {
                    let mut d = Diagnostic::new(
                        meta.code,
                        meta.name,
                        meta.severity,
                        message,
                        Location {
                            doc: DocId(u32::MAX),
                            span: entry.span,
                            key_path: None,
                        },
                    )
                    .with_help(help);
                    d.resolved = Some(Resolved {
                        path: path.clone(),
                        text: Some(text.clone()),
                        span: entry.span,
                        key_path: None,
                        related: Vec::new(),
                        fix_withheld: None,
                    });
                    out.push(d);
                };
                if unused && self.all_ran(&entry.rules, true) {
                    push(
                        &codes::PL901,
                        format!("unused suppression: [[ignore]] entry {} matched nothing", i + 1),
                        "remove the entry, or correct its path, key-path or rules",
                    );
                }
                if entry.reason.is_none() {
                    push(
                        &codes::PL902,
                        format!("[[ignore]] entry {} has no reason", i + 1),
                        "add reason = \"…\" saying why the finding is accepted",
                    );
                }
            }
        }
        out
    }
}

/// A rule's level after `[rules]`, `--severity`, `--select` and `--ignore` (see [`Linter`]'s
/// `levels`).
fn effective_level(config: &Config, code: &str, name: &str) -> Option<Option<Severity>> {
    let mut severity: Option<Option<Severity>> = Some(None);
    let mut explicitly_set = false;
    for (selector, level) in &config.rules {
        if suppress::selector_matches_rule(selector, code, name) {
            explicitly_set = true;
            severity = if *level == Level::Off {
                None
            } else {
                Some(level.severity())
            };
        }
    }
    if let Some(select) = &config.select {
        let selected = select.iter().any(|s| suppress::selector_matches_rule(s, code, name));
        if !selected && (!always_on(code) || explicitly_set) {
            severity = None;
        }
    }
    if config
        .ignore_rules
        .iter()
        .any(|s| suppress::selector_matches_rule(s, code, name))
    {
        severity = None;
    }
    severity
}

/// Whether an inline suppression covers `d` (an organization policy's finding, which is matched
/// by the policy's code and name), marking the suppressions used. The regions holding the finding
/// are looked up in `regions`, as for the rules' findings.
fn inline_suppressed(
    d: &Diagnostic,
    identity: Option<(&str, &str)>,
    regions: &Regions,
    inline: &mut [(InlineSuppression, bool)],
) -> bool {
    let (Some((code, name)), Some(span)) = (identity, d.location.span) else {
        return false;
    };
    let mut hit = false;
    for i in regions.holding(d.location.doc, span.start) {
        if let Some((s, used)) = inline.get_mut(i) {
            if s.names_rule(code, name) {
                *used = true;
                hit = true;
            }
        }
    }
    hit
}

/// For each document of `set`, the top-level document of the file holding it.
fn file_roots(set: &LintSet) -> Vec<DocId> {
    let mut roots: Vec<DocId> = Vec::with_capacity(set.documents.len());
    for (i, doc) in set.documents.iter().enumerate() {
        // An embedded document comes after its parent, whose root is known by then.
        let root = match doc.embedding {
            Some(e) if e.parent.index() < i => roots.get(e.parent.index()).copied().unwrap_or(e.parent),
            _ => DocId(u32::try_from(i).unwrap_or(u32::MAX)),
        };
        roots.push(root);
    }
    roots
}

/// `[[ignore]] path` globs, compiled once, with the folder they are relative to.
#[derive(Debug, Clone)]
struct IgnorePaths {
    /// One matcher per `[[ignore]]` entry (`None`: the entry has no path and matches every file).
    globs: Vec<Option<globset::GlobMatcher>>,
    /// The current folder, to turn relative display paths into absolute ones.
    cwd: Option<std::path::PathBuf>,
    /// The config file's folder, absolute and normalised.
    base: Option<std::path::PathBuf>,
}

impl IgnorePaths {
    fn new(config: &Config) -> Self {
        let globs = config
            .ignore
            .iter()
            .map(|e| {
                let glob = e.path.as_deref()?;
                // Validated when the config was read; an invalid one matches nothing.
                globset::GlobBuilder::new(glob)
                    .literal_separator(false)
                    .build()
                    .ok()
                    .map(|g| g.compile_matcher())
            })
            .collect();
        let cwd = std::env::current_dir().ok();
        let base = config.base_dir().map(|b| {
            crate::lint_set::normalize_path(&cwd.as_deref().map(|c| c.join(b)).unwrap_or_else(|| b.to_path_buf()))
        });
        IgnorePaths { globs, cwd, base }
    }

    /// Whether entry `index` applies to the file shown as `path`: its glob matches the path as
    /// given, or the path relative to the config file's folder.
    fn matches(&self, index: usize, path: &str) -> bool {
        let Some(glob) = self.globs.get(index) else {
            return false;
        };
        let Some(matcher) = glob else { return true };
        let path = path.strip_prefix("./").unwrap_or(path);
        if matcher.is_match(path) {
            return true;
        }
        let (Some(base), Some(cwd)) = (&self.base, &self.cwd) else {
            return false;
        };
        crate::lint_set::normalize_path(&cwd.join(path))
            .strip_prefix(base)
            .map(|rel| matcher.is_match(crate::lint_set::display_path(rel)))
            .unwrap_or(false)
    }
}

fn remove_comment_line(doc: &crate::Document, comment: crate::Span) -> Option<Edit> {
    let text = doc.text.as_deref()?;
    let (indent, alone) = crate::edits::indentation_at(text, comment.start);
    let rest = text.get(comment.end..)?;
    let nl = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with(['\n', '\r']) {
        1
    } else {
        0
    };
    if alone && nl > 0 {
        Some(Edit::delete(crate::Span::new(
            comment.start - indent.len(),
            comment.end + nl,
        )))
    } else {
        Some(Edit::delete(comment))
    }
}

/// Maps a diagnostic's document-local location to its file: embedded payloads are shown on the
/// string that holds them, with `>` joining the key paths; fixes in content that is never
/// rewritten are withheld with the reason.
pub fn resolve(set: &LintSet, mut d: Diagnostic) -> Diagnostic {
    let (file, span, key_path, withheld) = resolve_location(set, &d.location);
    let (path, text) = file.map_or(("".into(), None), |f| (f.path.clone(), f.text.clone()));
    let related = d
        .related
        .iter()
        .map(|r| {
            let (file, span, key_path, _) = resolve_location(set, &r.location);
            ResolvedRelated {
                path: file.map_or_else(|| "".into(), |f| f.path.clone()),
                span,
                key_path,
                message: r.message.clone(),
            }
        })
        .collect();
    if withheld.is_some() {
        if let Some(fix) = &mut d.fix {
            fix.applicability = Applicability::DisplayOnly;
        }
    }
    d.resolved = Some(Resolved {
        path,
        text,
        span,
        key_path,
        related,
        fix_withheld: withheld,
    });
    d
}

/// Where a location lies in its file: the file's top-level document, the span and key path there,
/// and why a fix there is withheld.
type ResolvedParts<'a> = (
    Option<&'a crate::Document>,
    Option<crate::Span>,
    Option<String>,
    Option<&'static str>,
);

/// The file, line and column, and key path of a place in `set` (an embedded payload's places are
/// those of the string that holds it, with an `outer>inner` key path), as diagnostics are
/// resolved. Lines and columns come from the file's own line index, built once per file.
pub(crate) fn locate(set: &LintSet, location: &Location) -> (Arc<str>, Option<crate::LineCol>, Option<String>) {
    let (file, span, key_path, _) = resolve_location(set, location);
    let line_col = file.zip(span).and_then(|(f, s)| f.line_col(s.start));
    (file.map_or_else(|| "".into(), |f| f.path.clone()), line_col, key_path)
}

fn resolve_location<'a>(set: &'a LintSet, location: &Location) -> ResolvedParts<'a> {
    let Some(mut doc) = set.doc(location.doc) else {
        return (None, location.span, location.key_path.clone(), None);
    };
    let withheld = match (doc.embedding.is_some(), doc.format) {
        (true, _) => Some("it is inside an embedded payload, which profilelint never rewrites"),
        (false, Format::BinaryPlist) => Some("binary plists are never rewritten"),
        (false, Format::SignedXmlPlist | Format::SignedBinaryPlist) => {
            Some("signed profiles are never rewritten: the signature would no longer match")
        }
        _ => None,
    };
    let mut span = location.span;
    let mut key_path = location.key_path.clone();
    // Bounded: each step goes to an earlier document.
    for _ in 0..set.documents.len() {
        let Some(embedding) = doc.embedding else { break };
        let Some(parent) = set.doc(embedding.parent) else { break };
        let outer = parent.key_path(embedding.node);
        key_path = Some(match key_path {
            Some(inner) if !inner.is_empty() => format!("{outer}>{inner}"),
            _ => format!("{outer}>"),
        });
        span = parent.tree.span(embedding.node);
        doc = parent;
    }
    if !doc.format.has_text() {
        span = None;
    }
    (Some(doc), span, key_path, withheld)
}
