//! Linting files as they are read, so that memory follows what cross-file rules need rather than
//! every file's tree.
//!
//! A [`Stream`] takes files a batch at a time. Each file's own rules
//! ([`Scope::File`](crate::rules::Scope::File)) run as soon as it is added, with the model of that
//! file; their findings are resolved there, and the file's model (the cross-file facts:
//! identifiers, UUIDs, URLs, payloads, objects, apps, assignments) is kept. A file that can be
//! read again from disk (a profile, an Intune export, a declaration) then lets go of its tree and
//! text. When every file is in, [`Stream::finish`] links the models (assignments files to their
//! objects, from the facts read with each file) and runs the set rules
//! ([`Scope::Set`](crate::rules::Scope::Set)).
//!
//! The set rules read the model's facts, and trees only of the documents they report (or compare,
//! when two profiles' content hashes agree). A released document a rule asks for is recorded for
//! that rule (`Context::doc`); the stream reads the file again and runs that rule once more,
//! until every rule has a run that needed nothing released. Documents asked for while findings
//! are resolved are read the same way. The findings are those of [`Linter::check`] over the same
//! files, whatever was released: a run whose findings are kept read only live documents, and a
//! file read again is the same file (its bytes are compared by hash). One that changed in the
//! meantime is named in [`Streamed::changed`], for the caller to fail the run.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use super::{combine_set_runs, FileFindings, Linter, Report, SetRun};
use crate::diagnostic::Diagnostic;
use crate::document::{DocId, Document, FileOrigin};
use crate::lint_set::{FileLoad, LintSet};
use crate::model::Model;
use crate::suppress::InlineSuppression;
use crate::Limits;

/// Runs of the set rules that may ask for released documents before every released file is read
/// again at once: one run finds the documents to report, the next reports them; more are rare.
const ROUNDS_BEFORE_READING_ALL: usize = 3;

/// Where a file can be read again, and a hash of the bytes it held when it was read.
#[derive(Debug, Clone)]
pub struct Reread {
    path: PathBuf,
    origin: FileOrigin,
    hash: u64,
}

impl Reread {
    /// The file at `path` (named, or found by walking a folder), read as `bytes`.
    pub fn new(path: impl Into<PathBuf>, origin: FileOrigin, bytes: &[u8]) -> Self {
        Reread {
            path: path.into(),
            origin,
            hash: hash_bytes(bytes),
        }
    }
}

/// A fast hash of a file's bytes, to tell whether it changed between two reads in one run (not
/// a defence against a crafted collision: nothing is gained by one).
fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher as _;
    foldhash::fast::FixedState::default().hash_one(bytes)
}

/// One file of a stream.
#[derive(Debug)]
struct StreamFile {
    /// Its documents in the lint set.
    docs: Range<usize>,
    /// Where to read it again; `None` keeps it whole.
    reread: Option<Reread>,
    /// Whether reading it again found other content.
    changed: bool,
}

impl StreamFile {
    /// Whether this file's documents (released and read again together) are released now and
    /// it did not change: a file a set rule's request can have read again.
    fn readable_again(&self, documents: &[Document]) -> bool {
        !self.changed
            && documents
                .get(self.docs.clone())
                .and_then(<[Document]>::first)
                .is_some_and(Document::is_released)
    }
}

/// A check that lints files as they are added, so that memory follows what cross-file rules
/// need rather than every file's tree.
///
/// Each file's own rules run when it is [added](Stream::add), with the model of that file, and a
/// file that can be read again from disk then lets go of its tree and text.
/// [`Stream::finish`] runs the cross-file rules over the models of all files; when one asks for a
/// released document, the file is read again and the rules run once more. The findings are
/// those of [`Linter::check`] over the same files.
///
/// ```
/// use profilelint::{Config, FileLoad, FileOrigin, Limits, Linter};
///
/// let linter = Linter::new(Config::default());
/// let limits = Limits::default();
/// let mut stream = linter.stream(limits);
/// let load = FileLoad::parse("broken.json".into(), b"{\"a\": 1,}", FileOrigin::Named, &limits);
/// stream.add(vec![(load, None)]);
/// let streamed = stream.finish();
/// assert_eq!(streamed.report.diagnostics()[0].code(), "PL002");
/// ```
#[derive(Debug)]
pub struct Stream<'l> {
    linter: &'l Linter,
    set: LintSet,
    files: Vec<StreamFile>,
    /// For each document, the top-level document of its file.
    roots: Vec<DocId>,
    /// The files' models, appended in file order as files are added (a file's own vectors are
    /// freed at once).
    model: Model,
    /// The file rules' findings, resolved.
    found: Vec<Diagnostic>,
    /// Every inline suppression, and whether a file rule used it.
    inline: Vec<(InlineSuppression, bool)>,
    /// One copy of each SSO URL the files' payloads list (every Microsoft SSO payload lists the
    /// same few login URLs).
    urls: HashSet<Arc<str>, foldhash::fast::RandomState>,
    parallel: bool,
}

/// What a finished [`Stream`] hands back.
#[derive(Debug)]
pub struct Streamed {
    /// The files (released documents stay released: their findings are resolved).
    pub set: LintSet,
    /// The findings, and the model of the whole set.
    pub report: Report,
    /// Files whose content changed between the first read and a later one: their findings may
    /// lack places or be wrong, and the run should fail.
    pub changed: Vec<Arc<str>>,
}

impl Linter {
    /// A check that lints files as they are added ([`Stream::add`]), reading with `limits`.
    pub fn stream(&self, limits: Limits) -> Stream<'_> {
        Stream {
            linter: self,
            set: LintSet::new(limits),
            files: Vec::new(),
            roots: Vec::new(),
            model: Model::default(),
            found: Vec::new(),
            inline: Vec::new(),
            urls: HashSet::default(),
            parallel: false,
        }
    }
}

impl Stream<'_> {
    /// This stream with the files of each batch linted side by side, and the set rules run side
    /// by side, on the current rayon thread pool (call [`Stream::add`] and [`Stream::finish`]
    /// inside `ThreadPool::install` to use that pool).
    #[cfg(feature = "parallel")]
    #[must_use]
    pub fn parallel(mut self) -> Self {
        self.parallel = true;
        self
    }

    /// Adds a batch of files, in order, and runs their file rules. A file with a [`Reread`]
    /// then lets go of its tree and text (its model stays); a file without one is kept whole.
    pub fn add(&mut self, batch: Vec<(FileLoad, Option<Reread>)>) {
        let first = self.files.len();
        for (load, reread) in batch {
            let start = self.set.documents.len();
            self.set.push(load);
            let end = self.set.documents.len();
            super::extend_roots(&mut self.roots, &self.set.documents);
            self.files.push(StreamFile {
                docs: start..end,
                reread,
                changed: false,
            });
        }
        let (linter, set, roots) = (self.linter, &self.set, &self.roots);
        let ranges: Vec<Range<usize>> = self.files.iter().skip(first).map(|f| f.docs.clone()).collect();
        let check = |docs: &Range<usize>| linter.check_file(set, docs.clone(), roots, false);
        let results: Vec<FileFindings> = if self.parallel {
            super::parallel_map(&ranges, check)
        } else {
            ranges.iter().map(check).collect()
        };
        for mut result in results {
            for url in result.model.sso_payloads.iter_mut().flat_map(|p| &mut p.urls) {
                match self.urls.get(&url.value) {
                    Some(shared) => url.value = shared.clone(),
                    None => {
                        self.urls.insert(url.value.clone());
                    }
                }
            }
            crate::model::append(&mut self.model, result.model);
            self.found.extend(result.diagnostics);
            self.inline.extend(result.inline);
        }
        for file in self.files.iter_mut().skip(first) {
            if file.reread.is_some() && !file.docs.is_empty() {
                for doc in self.set.documents.get_mut(file.docs.clone()).into_iter().flatten() {
                    doc.release();
                }
            }
        }
    }

    /// Runs the set rules over every file added, reading released files again as they are
    /// asked for, and concludes the check (suppressions, configuration, sort).
    pub fn finish(self) -> Streamed {
        let Stream {
            linter,
            mut set,
            mut files,
            roots,
            mut model,
            found,
            inline,
            parallel,
            ..
        } = self;
        crate::model::link(&set, &mut model);
        set.take_faults();
        // Each set rule's last run that asked for no released document (a file that changed is
        // not asked for again: its rule's run is kept).
        let mut runs: Vec<Option<SetRun>> = (0..linter.set_units()).map(|_| None).collect();
        let mut round = 0;
        loop {
            let todo: Vec<bool> = runs.iter().map(Option::is_none).collect();
            let mut wanted: BTreeSet<usize> = BTreeSet::new();
            if todo.contains(&true) {
                let fresh = linter.run_set_units(&set, &model, &roots, &inline, parallel, &todo);
                for (slot, run) in runs.iter_mut().zip(fresh) {
                    let Some(run) = run else { continue };
                    let asked = files_to_read(&files, &set.documents, &run.faults);
                    if asked.is_empty() {
                        *slot = Some(run);
                    } else {
                        wanted.extend(asked);
                    }
                }
                // Asked for outside any one rule's record (a value rules share): run them all.
                let shared = files_to_read(&files, &set.documents, &set.take_faults());
                if !shared.is_empty() {
                    wanted.extend(shared);
                    runs.iter_mut().for_each(|run| *run = None);
                }
            }
            if wanted.is_empty() {
                let (set_found, used) = combine_set_runs(runs.iter().flatten(), inline.len());
                let mut inline = inline.clone();
                let diagnostics = linter.conclude(&set, found.clone(), set_found, &mut inline, &used);
                // Resolving the findings reads the documents they point at.
                wanted.extend(files_to_read(&files, &set.documents, &set.take_faults()));
                if wanted.is_empty() {
                    let changed = files
                        .iter()
                        .filter(|f| f.changed)
                        .filter_map(|f| set.documents.get(f.docs.start).map(|d| d.path.clone()))
                        .collect();
                    return Streamed {
                        set,
                        report: Report { diagnostics, model },
                        changed,
                    };
                }
            }
            // Each round reads at least one released file again (or finds it changed), so the
            // rounds end; after a few, every released file is read at once.
            round += 1;
            if round >= ROUNDS_BEFORE_READING_ALL {
                wanted.extend(
                    (0..files.len()).filter(|&f| files.get(f).is_some_and(|file| file.readable_again(&set.documents))),
                );
            }
            for f in wanted {
                if let Some(file) = files.get_mut(f) {
                    read_again(&mut set, file);
                }
            }
        }
    }
}

/// The files to read again for these released documents asked for: released and unchanged.
fn files_to_read(files: &[StreamFile], documents: &[Document], faults: &[DocId]) -> BTreeSet<usize> {
    faults
        .iter()
        .filter_map(|id| file_of(files, id.index()))
        .filter(|&f| files.get(f).is_some_and(|file| file.readable_again(documents)))
        .collect()
}

/// The file holding document `index` (files are in document order).
fn file_of(files: &[StreamFile], index: usize) -> Option<usize> {
    let after = files.partition_point(|f| f.docs.start <= index);
    let f = after.checked_sub(1)?;
    files.get(f).filter(|file| file.docs.contains(&index)).map(|_| f)
}

/// Reads a released file again and puts its documents back, if it is unchanged: the same bytes
/// parse to the same documents. A file that changed, or can no longer be read, stays released
/// and is marked `changed`.
fn read_again(set: &mut LintSet, file: &mut StreamFile) {
    let Some(reread) = &file.reread else {
        file.changed = true;
        return;
    };
    let limits = set.limits;
    let bytes = match crate::lint_set::read_capped(&reread.path, &limits) {
        Ok(bytes) if hash_bytes(&bytes) == reread.hash => bytes,
        _ => {
            file.changed = true;
            return;
        }
    };
    let Some(name) = set.documents.get(file.docs.start).map(|d| d.path.clone()) else {
        file.changed = true;
        return;
    };
    let load = FileLoad::parse_owned(name, bytes, reread.origin, &limits);
    let same_shape = load.documents.len() == file.docs.len()
        && set
            .documents
            .get(file.docs.clone())
            .is_some_and(|docs| docs.iter().zip(&load.documents).all(|(a, b)| a.format == b.format));
    if !same_shape {
        file.changed = true;
        return;
    }
    set.restore(file.docs.start, load.documents);
}
