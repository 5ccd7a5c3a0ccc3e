//! The linter: configuration applied to the rules, run over a lint set, with suppressions,
//! locations resolved to files, and a stable order.
//!
//! ```
//! use profilelint::{config::Config, FileOrigin, Limits, LintSet, Linter};
//!
//! let mut set = LintSet::new(Limits::default());
//! set.add_bytes("broken.json", b"{\"a\": 1,}", FileOrigin::Named);
//! let report = Linter::new(Config::default()).check(&set);
//! assert_eq!(report.diagnostics()[0].code(), "PL002");
//! assert_eq!(report.diagnostics()[0].path(), "broken.json");
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::config::{Config, Level};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Location, Resolved, ResolvedRelated, Severity};
use crate::document::DocId;
use crate::lint_set::LintSet;
use crate::model::{self, Model, ModelOptions};
use crate::policy::Policy;
use crate::rules::findings::Shared;
pub use crate::rules::findings::MAX_FINDINGS_PER_RULE_AND_FILE;
use crate::rules::policies::Places;
use crate::rules::{self, codes, Context, Derived, Rule, RuleKind, RuleMeta, Scope};
use crate::source::Format;
use crate::suppress::{self, InlineSuppression, Regions};

mod stream;
pub use stream::{Reread, Stream, Streamed};

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
/// assert_eq!((d.code(), d.name()), ("PL002", "invalid-json"));
/// assert_eq!(d.severity, Severity::Warning);
/// assert_eq!(d.span().map(|s| s.start), Some(7));
/// ```
#[derive(Clone)]
pub struct Linter {
    config: Config,
    /// Every rule of the catalog: `None` = off; `Some(Some(s))` = forced to `s` by configuration;
    /// `Some(None)` = on with the severities the rule reports (its default, or a per-finding
    /// variation the catalog documents, such as SSO105's info for sovereign clouds).
    levels: HashMap<&'static str, Option<Option<Severity>>>,
    /// `[[ignore]] path` globs, compiled once.
    ignore_paths: IgnorePaths,
    /// The folders organization policies' `where.path` globs are relative to (those of
    /// `ignore_paths`), found once.
    policy_places: Places,
    /// The rules that run, in registry order, by scope (decided once, not per check or file).
    file_rules: Vec<&'static dyn Rule>,
    set_rules: Vec<&'static dyn Rule>,
    /// For each organization policy of the config, in order, its level as `levels` holds it.
    policy_levels: Vec<Option<Option<Severity>>>,
    /// The most findings kept per rule and file (see [`MAX_FINDINGS_PER_RULE_AND_FILE`]).
    finding_cap: usize,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let codes = |rules: &[&'static dyn Rule]| rules.iter().map(|r| r.meta().code).collect::<Vec<_>>();
        f.debug_struct("Linter")
            .field("config", &self.config)
            .field("file_rules", &codes(&self.file_rules))
            .field("set_rules", &codes(&self.set_rules))
            .field("finding_cap", &self.finding_cap)
            .finish_non_exhaustive()
    }
}

impl Linter {
    /// A linter with this configuration.
    pub fn new(config: Config) -> Self {
        let mut levels = HashMap::new();
        for meta in rules::all() {
            levels.insert(
                meta.code,
                effective_level(&config, meta.code, meta.name, always_on(meta)),
            );
        }
        let policy_levels = config
            .policies
            .iter()
            .map(|p| effective_level(&config, &p.code, &p.name, false))
            .collect();
        let ignore_paths = IgnorePaths::new(&config);
        let policy_places = Places::new(ignore_paths.cwd.as_deref(), ignore_paths.base.as_deref());
        let enabled: Vec<&'static dyn Rule> = rules::implementations()
            .filter(|rule| matches!(levels.get(rule.meta().code), Some(Some(_))))
            .collect();
        let (file_rules, set_rules) = enabled.into_iter().partition(|rule| rule.scope() == Scope::File);
        Linter {
            config,
            levels,
            ignore_paths,
            policy_places,
            file_rules,
            set_rules,
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

    /// Runs every enabled rule over `set`: the file rules file by file (each with the model of
    /// its file), then the model of the whole set (the cross-file facts) and the set rules over
    /// it, then suppressions and configuration, and sorts.
    pub fn check(&self, set: &LintSet) -> Report {
        self.check_in_two_phases(set, false)
    }

    /// Every enabled rule and policy over the whole set and the model of the whole set, as if every
    /// rule were a set rule. Not for use: it exists so that the tests can hold [`Linter::check`]
    /// to it, which fails when a rule that says it reads one file looks beyond it.
    #[doc(hidden)]
    pub fn check_as_one_set(&self, set: &LintSet) -> Report {
        let model = self.model(set);
        let roots = file_roots(set);
        let derived = Derived::default();
        let cx = Context::new(set, &model, &self.config, &derived);
        let mut inline = inline_suppressions(&cx);
        let regions = Regions::new(&inline);
        let shared = Shared {
            cap: self.finding_cap,
            roots: &roots,
            regions: &regions,
            inline: &inline,
        };
        let every: Vec<&'static dyn Rule> = self.file_rules.iter().chain(&self.set_rules).copied().collect();
        let (mut found, used) = Self::run_rules(&cx, &every, &shared, false);
        mark_used(&mut inline, &used);
        for scope in [Scope::File, Scope::Set] {
            found.extend(self.check_policies(&cx, scope, &regions, &mut inline));
        }
        let diagnostics = self.conclude(set, Vec::new(), found, &mut inline, &[]);
        Report { diagnostics, model }
    }

    /// [`Linter::check`] with the files linted side by side on the current rayon thread pool
    /// (inside `ThreadPool::install`, that pool's threads), and the rules of a lone file and the
    /// set rules side by side. The report is the same: files are gathered in file order, and
    /// findings in rule order, before anything else happens to them.
    #[cfg(feature = "parallel")]
    pub fn check_parallel(&self, set: &LintSet) -> Report {
        self.check_in_two_phases(set, true)
    }

    /// [`Linter::check`], side by side with `parallel` (a lone file's rules side by side, else
    /// the files).
    fn check_in_two_phases(&self, set: &LintSet, parallel: bool) -> Report {
        let roots = file_roots(set);
        let ranges: Vec<Range<usize>> = file_ranges(set).collect();
        let check = |docs: &Range<usize>| self.check_file(set, docs.clone(), &roots, false);
        let files: Vec<FileFindings> = match ranges.as_slice() {
            [one] if parallel => vec![self.check_file(set, one.clone(), &roots, true)],
            _ if parallel => parallel_map(&ranges, check),
            _ => ranges.iter().map(check).collect(),
        };
        let (model, found, mut inline) = gather(set, files);
        let (set_found, used) = self.check_set(set, &model, &roots, &inline, parallel);
        let diagnostics = self.conclude(set, found, set_found, &mut inline, &used);
        Report { diagnostics, model }
    }

    /// The enabled rules of `scope`, in registry order.
    fn rules_of(&self, scope: Scope) -> &[&'static dyn Rule] {
        match scope {
            Scope::File => &self.file_rules,
            Scope::Set => &self.set_rules,
        }
    }

    /// Runs `rules` over `cx` (side by side with `parallel`), gathering their findings in rule
    /// order and which inline suppressions they used.
    fn run_rules(
        cx: &Context<'_>,
        rules: &[&'static dyn Rule],
        shared: &Shared<'_>,
        parallel: bool,
    ) -> (Vec<Diagnostic>, Vec<bool>) {
        let one = |rule: &&'static dyn Rule| run_rule(cx, *rule, shared);
        let lists: Vec<(Vec<Diagnostic>, Vec<bool>)> = if parallel {
            parallel_map(rules, one)
        } else {
            rules.iter().map(one).collect()
        };
        let mut found = Vec::new();
        let mut used = vec![false; shared.inline.len()];
        for (list, rule_used) in lists {
            found.extend(list);
            merge_used(&mut used, &rule_used);
        }
        (found, used)
    }

    /// The file rules (and the organization policies that look at one file) over the documents
    /// `docs` of one file, with the model of that file: findings resolved to the file, the
    /// file's model for the set, and its inline suppressions with whether they were used.
    pub(crate) fn check_file(
        &self,
        set: &LintSet,
        docs: Range<usize>,
        roots: &[DocId],
        parallel: bool,
    ) -> FileFindings {
        let model = model::build_file(set, docs.clone(), &self.model_options());
        let derived = Derived::default();
        let cx = Context::new(set, &model, &self.config, &derived).for_file(docs.clone());
        let mut inline = inline_suppressions(&cx);
        let regions = Regions::new(&inline);
        let shared = Shared {
            cap: self.finding_cap,
            roots,
            regions: &regions,
            inline: &inline,
        };
        let (mut found, used) = Self::run_rules(&cx, self.rules_of(Scope::File), &shared, parallel);
        mark_used(&mut inline, &used);
        found.extend(self.check_policies(&cx, Scope::File, &regions, &mut inline));
        let diagnostics = found.into_iter().map(|d| resolve(set, d)).collect();
        FileFindings {
            model,
            diagnostics,
            inline,
        }
    }

    /// The set rules (and the organization policies that follow assignments) over the whole set
    /// and its `model`: findings not yet resolved, and which of `inline` they used.
    pub(crate) fn check_set(
        &self,
        set: &LintSet,
        model: &Model,
        roots: &[DocId],
        inline: &[(InlineSuppression, bool)],
        parallel: bool,
    ) -> (Vec<Diagnostic>, Vec<bool>) {
        let all = vec![true; self.set_units()];
        let runs = self.run_set_units(set, model, roots, inline, parallel, &all);
        combine_set_runs(runs.iter().flatten(), inline.len())
    }

    /// How many units [`Linter::run_set_units`] runs: each set rule, then the set policies.
    pub(crate) fn set_units(&self) -> usize {
        self.set_rules.len() + 1
    }

    /// Runs the units `todo` says (each set rule, then the organization policies that follow
    /// assignments, as one unit) over the whole set and its `model`, side by side with
    /// `parallel`. Each run records the released documents it asked for, so that a streaming
    /// check runs again only the units that asked for one.
    pub(crate) fn run_set_units(
        &self,
        set: &LintSet,
        model: &Model,
        roots: &[DocId],
        inline: &[(InlineSuppression, bool)],
        parallel: bool,
        todo: &[bool],
    ) -> Vec<Option<SetRun>> {
        // One record per unit, made before the context that borrows them.
        let sinks: Vec<std::sync::Mutex<Vec<DocId>>> = (0..self.set_units()).map(|_| Default::default()).collect();
        let derived = Derived::default();
        let cx = Context::new(set, model, &self.config, &derived);
        let regions = Regions::new(inline);
        let shared = Shared {
            cap: self.finding_cap,
            roots,
            regions: &regions,
            inline,
        };
        let units: Vec<usize> = (0..self.set_units()).filter(|&i| todo.get(i) == Some(&true)).collect();
        let one = |&unit: &usize| {
            let Some(sink) = sinks.get(unit) else {
                return (unit, None);
            };
            let cx = cx.recording_faults_in(sink);
            let (found, used) = match self.set_rules.get(unit) {
                Some(rule) => run_rule(&cx, *rule, &shared),
                None => {
                    let mut marked: Vec<(InlineSuppression, bool)> =
                        inline.iter().map(|(s, _)| (s.clone(), false)).collect();
                    let found = self.check_policies(&cx, Scope::Set, &regions, &mut marked);
                    (found, marked.into_iter().map(|(_, u)| u).collect())
                }
            };
            let faults = std::mem::take(&mut *sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
            (unit, Some(SetRun { found, used, faults }))
        };
        let runs: Vec<(usize, Option<SetRun>)> = if parallel {
            parallel_map(&units, one)
        } else {
            units.iter().map(one).collect()
        };
        let mut out: Vec<Option<SetRun>> = (0..self.set_units()).map(|_| None).collect();
        for (unit, run) in runs {
            if let Some(slot) = out.get_mut(unit) {
                *slot = run;
            }
        }
        out
    }

    /// The enabled organization policies of `scope` over `cx`: those following assignments look
    /// across files ([`Scope::Set`]), the others at one file. Their codes are the config's own,
    /// so inline suppressions are matched by the policy's code and name.
    fn check_policies(
        &self,
        cx: &Context<'_>,
        scope: Scope,
        regions: &Regions,
        inline: &mut [(InlineSuppression, bool)],
    ) -> Vec<Diagnostic> {
        let policies: Vec<&Policy> = self.enabled_policies().filter(|p| policy_scope(p) == scope).collect();
        let mut found = Vec::new();
        if policies.is_empty() {
            return found;
        }
        crate::rules::policies::check(cx, &policies, &self.policy_places, &mut found);
        if !inline.is_empty() {
            found.retain(|d| !inline_suppressed(d, regions, inline));
        }
        found
    }

    /// The end of a check: the set rules' findings resolved, input diagnostics added, then
    /// `[[ignore]]`, unused and reasonless suppressions, severities, the sort and duplicates.
    /// `used` says which of `inline` the set rules used.
    pub(crate) fn conclude(
        &self,
        set: &LintSet,
        mut diagnostics: Vec<Diagnostic>,
        set_found: Vec<Diagnostic>,
        inline: &mut [(InlineSuppression, bool)],
        used: &[bool],
    ) -> Vec<Diagnostic> {
        mark_used(inline, used);
        diagnostics.extend(set_found.into_iter().map(|d| resolve(set, d)));
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

        diagnostics.extend(self.suppression_findings(set, inline, &used));

        // Configuration: severities, and rules that are off (input diagnostics included).
        diagnostics.retain_mut(|d| match self.level(d.code()) {
            Some(forced) => {
                if let Some(severity) = forced {
                    d.severity = severity;
                }
                true
            }
            None => false,
        });
        diagnostics.sort_by(|a, b| {
            (a.path(), a.span().map(|s| s.start), a.code(), &a.message).cmp(&(
                b.path(),
                b.span().map(|s| s.start),
                b.code(),
                &b.message,
            ))
        });
        diagnostics.dedup_by(|a, b| {
            a.code() == b.code()
                && a.path() == b.path()
                && a.span() == b.span()
                && a.message == b.message
                && a.key_path() == b.key_path()
        });
        diagnostics
    }

    fn config_suppressed(&self, d: &Diagnostic, used: &mut [bool]) -> bool {
        if self.config.ignore.is_empty() {
            return false;
        }
        // Suppressions are not suppressed by `[[ignore]]` entries.
        if d.rule().is_some_and(|m| m.kind == RuleKind::Suppression) {
            return false;
        }
        let (code, name) = (d.code(), d.name());
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
                    &codes::PL901,
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
                    &codes::PL902,
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
                        meta,
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

/// Whether `rule` reports unreadable input ([`RuleKind::Engine`]): never silenced by `--select`
/// alone, so a file that cannot be read never passes quietly (it can still be turned off by
/// name).
fn always_on(rule: &RuleMeta) -> bool {
    rule.kind == RuleKind::Engine
}

/// A rule's level after `[rules]`, `--severity`, `--select` and `--ignore` (see [`Linter`]'s
/// `levels`); an `always_on` rule (see [`always_on`]) is not silenced by `--select` alone.
fn effective_level(config: &Config, code: &str, name: &str, always_on: bool) -> Option<Option<Severity>> {
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
        if !selected && (!always_on || explicitly_set) {
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
fn inline_suppressed(d: &Diagnostic, regions: &Regions, inline: &mut [(InlineSuppression, bool)]) -> bool {
    let Some(span) = d.location.span else {
        return false;
    };
    let (code, name) = (d.code(), d.name());
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
    extend_roots(&mut roots, &set.documents);
    roots
}

/// Extends `roots` (the roots of the first documents of `documents`) to every document: for
/// each, the top-level document of the file holding it.
pub(crate) fn extend_roots(roots: &mut Vec<DocId>, documents: &[crate::Document]) {
    for (i, doc) in documents.iter().enumerate().skip(roots.len()) {
        // An embedded document comes after its parent, whose root is known by then.
        let root = match doc.embedding {
            Some(e) if e.parent.index() < i => roots.get(e.parent.index()).copied().unwrap_or(e.parent),
            _ => DocId(u32::try_from(i).unwrap_or(u32::MAX)),
        };
        roots.push(root);
    }
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

/// What the file rules found in one file ([`Linter::check_file`]).
pub(crate) struct FileFindings {
    /// The file's model, a part of the set's.
    pub(crate) model: Model,
    /// The findings, resolved to the file.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The file's inline suppressions, and whether a finding used them.
    pub(crate) inline: Vec<(InlineSuppression, bool)>,
}

/// The files' findings gathered in file order: the model of the set, the findings, and every
/// inline suppression.
pub(crate) fn gather(
    set: &LintSet,
    files: impl IntoIterator<Item = FileFindings>,
) -> (Model, Vec<Diagnostic>, Vec<(InlineSuppression, bool)>) {
    let mut parts = Vec::new();
    let mut found = Vec::new();
    let mut inline = Vec::new();
    for file in files {
        parts.push(file.model);
        found.extend(file.diagnostics);
        inline.extend(file.inline);
    }
    (model::join(set, parts), found, inline)
}

/// One run of a set rule (or of the set policies): its findings, the inline suppressions they
/// used, and the released documents it asked for (then its findings are not to be kept).
#[derive(Debug, Clone)]
pub(crate) struct SetRun {
    pub(crate) found: Vec<Diagnostic>,
    pub(crate) used: Vec<bool>,
    pub(crate) faults: Vec<DocId>,
}

/// The findings of set runs in unit order, and which of `inline_len` suppressions they used.
pub(crate) fn combine_set_runs<'r>(
    runs: impl Iterator<Item = &'r SetRun>,
    inline_len: usize,
) -> (Vec<Diagnostic>, Vec<bool>) {
    let mut found = Vec::new();
    let mut used = vec![false; inline_len];
    for run in runs {
        found.extend(run.found.iter().cloned());
        merge_used(&mut used, &run.used);
    }
    (found, used)
}

/// Marks the suppressions `used` says were used.
fn mark_used(inline: &mut [(InlineSuppression, bool)], used: &[bool]) {
    for ((_, was_used), u) in inline.iter_mut().zip(used) {
        *was_used |= u;
    }
}

/// Adds the suppressions one run used to those others used.
fn merge_used(used: &mut [bool], more: &[bool]) {
    for (u, m) in used.iter_mut().zip(more) {
        *u |= m;
    }
}

/// One rule over `cx`: its findings, and which inline suppressions they used.
fn run_rule(cx: &Context<'_>, rule: &'static dyn Rule, shared: &Shared<'_>) -> (Vec<Diagnostic>, Vec<bool>) {
    let mut found = shared.findings();
    found.start(rule.meta());
    rule.check(cx, &mut found);
    found.finish()
}

/// The inline suppressions of the documents `cx` looks at (XML comments: plists written as
/// text), none used yet.
fn inline_suppressions(cx: &Context<'_>) -> Vec<(InlineSuppression, bool)> {
    cx.documents()
        .filter(|(_, d)| matches!(d.format, Format::XmlPlist | Format::SignedXmlPlist))
        .flat_map(|(id, d)| suppress::inline_suppressions(id, d))
        .map(|s| (s, false))
        .collect()
}

/// Whether a policy looks at one file, or follows assignments across files.
fn policy_scope(policy: &Policy) -> Scope {
    match policy.key.target() {
        crate::policy::Target::Assignments => Scope::Set,
        _ => Scope::File,
    }
}

/// The documents of each file of `set`: a top-level document and the payloads embedded in it,
/// which follow it.
pub(crate) fn file_ranges(set: &LintSet) -> impl Iterator<Item = Range<usize>> + '_ {
    let starts: Vec<usize> = set
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.embedding.is_none())
        .map(|(i, _)| i)
        .collect();
    let len = set.documents.len();
    (0..starts.len()).filter_map(move |k| {
        let start = *starts.get(k)?;
        let end = starts.get(k + 1).copied().unwrap_or(len);
        Some(start..end)
    })
}

/// `f` of each item on the current rayon pool, in item order.
#[cfg(feature = "parallel")]
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

/// Without the `parallel` feature, `f` of each item in turn.
#[cfg(not(feature = "parallel"))]
fn parallel_map<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}
