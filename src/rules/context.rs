//! What a rule sees: the documents, the model, and the options.

use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{DocId, Document};
use crate::lint_set::LintSet;
use crate::model::{Model, PlistProfile, Spanned};
use crate::span::Span;
use crate::syntax::NodeId;

use super::profile::schema::SchemaDict;
use super::RuleMeta;

/// The read-only context of one run.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The documents.
    pub set: &'a LintSet,
    /// The model built from them.
    pub model: &'a Model,
    /// The configuration (rule options live in `config.sso`).
    pub config: &'a Config,
    /// What several rules derive from the same run, computed once.
    derived: &'a Derived<'a>,
    /// The documents the rules look at: one file's (its document and the payloads embedded in
    /// it) for the file rules, every document for the set rules.
    docs: (usize, usize),
    /// Where asking for a released document is recorded for this rule alone (a streaming
    /// check's set rules); `None`: in the lint set ([`LintSet::doc`]).
    faults: Option<&'a Mutex<Vec<DocId>>>,
}

/// What several rules derive from one run, computed on first use and shared by them (each rule of
/// the PL1xx family walks the same schema dicts).
#[derive(Debug, Default)]
pub(crate) struct Derived<'a> {
    schema_dicts: OnceLock<Vec<SchemaDict<'a>>>,
}

impl<'a> Context<'a> {
    /// The context of one run over `set` and its `model`; `derived` starts empty and fills as
    /// rules ask for shared values.
    pub(crate) fn new(set: &'a LintSet, model: &'a Model, config: &'a Config, derived: &'a Derived<'a>) -> Self {
        Context {
            set,
            model,
            config,
            derived,
            docs: (0, set.documents.len()),
            faults: None,
        }
    }

    /// This context with released documents asked for recorded in `faults`, for the rule that
    /// reads it alone.
    pub(crate) fn recording_faults_in(self, faults: &'a Mutex<Vec<DocId>>) -> Self {
        Context {
            faults: Some(faults),
            ..self
        }
    }

    /// This context limited to the documents `docs` (one file's), whose model is `model`.
    pub(crate) fn for_file(self, docs: Range<usize>) -> Self {
        Context {
            docs: (docs.start, docs.end),
            ..self
        }
    }

    /// The documents the rules look at, with their ids: one file's for a file rule
    /// ([`super::Scope::File`]), every document for a set rule.
    pub fn documents(&self) -> impl Iterator<Item = (DocId, &'a Document)> + 'a {
        let set = self.set;
        (self.docs.0..self.docs.1)
            .filter_map(move |index| Some((DocId(u32::try_from(index).ok()?), set.documents.get(index)?)))
    }

    /// The plist dicts Apple's schema describes, found on first use (see
    /// [`super::profile::schema`]).
    pub(in crate::rules) fn schema_dicts(&self) -> &'a [SchemaDict<'a>] {
        let derived: &'a Derived<'a> = self.derived;
        derived
            .schema_dicts
            // Shared by every rule, so a released document it asks for is recorded in the lint
            // set, for every rule, not in the first asker's record.
            .get_or_init(|| super::profile::schema::find_schema_dicts(&Context { faults: None, ..*self }))
    }

    /// The document with this id. Ids come from the model, so a miss is a bug: a placeholder-free
    /// `Option` keeps rules panic-free.
    pub fn doc(&self, id: DocId) -> Option<&'a Document> {
        let Some(faults) = self.faults else {
            return self.set.doc(id);
        };
        let doc = self.set.documents.get(id.index())?;
        if doc.is_released() {
            faults
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(id);
        }
        Some(doc)
    }

    /// The location of a node: its whole span and its key path.
    pub fn at_node(&self, doc: DocId, node: NodeId) -> Location {
        let d = self.doc(doc);
        Location {
            doc,
            span: d.and_then(|d| d.tree.span(node)),
            key_path: d.map(|d| d.key_path(node)),
        }
    }

    /// The location of a span, named by the key path of `node`.
    pub fn at_span(&self, doc: DocId, node: NodeId, span: Option<Span>) -> Location {
        let d = self.doc(doc);
        Location {
            doc,
            span: span.or_else(|| d.and_then(|d| d.tree.span(node))),
            key_path: d.map(|d| d.key_path(node)),
        }
    }

    /// The location of a spanned value (its whole token).
    pub fn at<T>(&self, value: &Spanned<T>) -> Location {
        self.at_span(value.doc, value.node, value.span())
    }

    /// Whether two documents hold the same content: the same profile kept twice (a signed and
    /// an unsigned copy, a backup next to its source). Cross-file duplicate rules stay quiet
    /// between such copies: they are one profile, not two that collide.
    pub fn same_content(&self, a: DocId, b: DocId) -> bool {
        match (self.doc(a), self.doc(b)) {
            (Some(x), Some(y)) => match (x.tree.root(), y.tree.root()) {
                (Some(rx), Some(ry)) => x.tree.same_value_as(rx, &y.tree, ry),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether two profiles hold the same content ([`Context::same_content`]), their trees
    /// compared only when their content hashes agree: a cross-file rule reads no tree of a
    /// profile it does not report.
    pub fn same_profile(&self, a: &PlistProfile, b: &PlistProfile) -> bool {
        a.content_hash == b.content_hash && self.same_content(a.doc, b.doc)
    }

    /// A diagnostic of `rule` at `location` with the rule's default severity.
    pub fn report(&self, rule: &'static RuleMeta, message: impl Into<String>, location: Location) -> Diagnostic {
        Diagnostic::new(rule, message, location)
    }
}
