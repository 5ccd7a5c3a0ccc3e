//! A lint set: every document given in one run, read and parsed, ready for the model and rules.
//!
//! Reading never stops at a bad file: a file that cannot be read or parsed becomes an input
//! diagnostic (PL001–PL003, PL006) and the other files are still linted.

use std::borrow::Cow;
use std::sync::Arc;

use base64::Engine as _;

use crate::contract::{codes, RuleMeta};
use crate::diagnostic::{Diagnostic, Location};
use crate::document::{DocId, Document, Embedding, EmbeddingKind, FileOrigin};
use crate::limits::Limits;
use crate::source::{self, Encoding, Format, Sniffed};
use crate::syntax::{self, NodeId, SyntaxError, SyntaxErrorKind, Tree, Value};

/// A file given to the linter, with what became of it. Made by the lint set; read its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileEntry {
    /// The display path.
    pub path: Arc<str>,
    /// The detected format, `None` when it could not be recognised or read.
    pub format: Option<Format>,
    /// The top-level document, `None` when parsing failed.
    pub doc: Option<DocId>,
}

/// Everything given in one run, read and parsed. Cross-file rules see the whole set.
///
/// Reading never stops at a bad file: what cannot be read or parsed becomes an
/// [`InputDiagnostic`], and the other files are still linted.
///
/// ```
/// use profilelint::{FileLoad, FileOrigin, Format, Limits, LintSet};
///
/// let limits = Limits::default();
/// let mut set = LintSet::new(limits);
/// set.add_bytes("wifi.mobileconfig", br#"<?xml version="1.0" encoding="UTF-8"?>
/// <plist version="1.0"><dict>
///   <key>PayloadType</key><string>Configuration</string>
/// </dict></plist>"#, FileOrigin::Named);
///
/// // Or parse on any thread, and push the loads in a fixed order.
/// let load = FileLoad::parse("broken.json".into(), b"{\"a\": 1,}", FileOrigin::Named, &limits);
/// set.push(load);
///
/// assert_eq!(set.files().len(), 2);
/// assert_eq!(set.documents()[0].format(), Format::XmlPlist);
/// assert_eq!(set.input_diagnostics()[0].diagnostic.code(), "PL002");
/// ```
#[derive(Debug, Default)]
pub struct LintSet {
    /// Every document: files first-come, embedded payloads right after the file holding them.
    pub(crate) documents: Vec<Document>,
    /// Every file, in the order added.
    pub(crate) files: Vec<FileEntry>,
    /// Diagnostics from reading (PL001, PL002, PL003, PL006, and PL005 for unrecognised
    /// content found before parsing). Located on the file's pseudo-document when no document exists.
    pub(crate) input_diagnostics: Vec<InputDiagnostic>,
    /// The limits applied while reading.
    pub(crate) limits: Limits,
    /// Released documents asked for since the last [`LintSet::take_faults`] (see
    /// [`crate::Stream`]).
    faults: std::sync::Mutex<Vec<DocId>>,
}

/// An input problem: which file, and the diagnostic (its location's doc is meaningless when the
/// file produced no document; use `path`). Made by the lint set; read its fields.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InputDiagnostic {
    /// The file's display path.
    pub path: Arc<str>,
    /// The file's text if it was decoded (for snippets).
    pub text: Option<Arc<str>>,
    /// The diagnostic.
    pub diagnostic: Diagnostic,
}

/// The input rule for a syntax error.
fn input_rule(kind: SyntaxErrorKind) -> &'static RuleMeta {
    match kind {
        SyntaxErrorKind::InvalidPlist => &codes::PL001,
        SyntaxErrorKind::InvalidJson => &codes::PL002,
        SyntaxErrorKind::UnreadableSigned => &codes::PL003,
        SyntaxErrorKind::Limit => &codes::PL006,
    }
}

/// Resolves `.` and `..` lexically (no file system access, so paths that do not exist work).
pub(crate) fn normalize_path(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Normalises a path for display: `/`-separated, as given otherwise.
pub fn display_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// The bytes of the file at `path`, never more than the size limit and one byte (so that an
/// oversized file is seen as such); a folder is an error.
pub(crate) fn read_capped(path: &std::path::Path, limits: &Limits) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    // `take` hides the size from `read_to_end`: reserve it (plus the byte that tells an
    // oversized file) so the buffer is not grown by doubling.
    let limit = limits.max_file_size.saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len().saturating_add(1).min(limit)).unwrap_or(0));
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A document id local to one file's load, as an id of the lint set whose documents of that file
/// start at `offset`; the "no document" id (`u32::MAX`) stays as it is.
fn shift_doc_id(id: DocId, offset: u32) -> DocId {
    if id.0 == u32::MAX {
        id
    } else {
        DocId(id.0.saturating_add(offset))
    }
}

/// A successfully parsed top-level or embedded content.
struct Parsed {
    format: Format,
    encoding: Option<Encoding>,
    text: Option<Arc<str>>,
    tree: Tree,
}

impl LintSet {
    /// An empty set reading with `limits`.
    pub fn new(limits: Limits) -> Self {
        LintSet {
            limits,
            ..LintSet::default()
        }
    }

    /// Reads a file from disk (bounded by the size limit) and adds it; `origin` says whether the
    /// user named it (see [`FileOrigin`]). I/O errors are returned to the caller, which decides
    /// how to report them (the CLI exits 2 for unreadable paths).
    pub fn add_path(&mut self, path: &std::path::Path, origin: FileOrigin) -> std::io::Result<()> {
        let loaded = FileLoad::read(path, origin, &self.limits)?;
        self.push(loaded);
        Ok(())
    }

    /// Adds one file's bytes under the display path `path`; `origin` says whether the user named
    /// it (see [`FileOrigin`]).
    pub fn add_bytes(&mut self, path: impl Into<Arc<str>>, bytes: &[u8], origin: FileOrigin) {
        let loaded = FileLoad::parse(path.into(), bytes, origin, &self.limits);
        self.push(loaded);
    }

    /// Adds a file read and parsed on its own (possibly on another thread) with [`FileLoad`].
    /// Files keep the order in which they are pushed.
    pub fn push(&mut self, loaded: FileLoad) {
        let offset = u32::try_from(self.documents.len()).unwrap_or(u32::MAX);
        let shift = |id: DocId| shift_doc_id(id, offset);
        for mut doc in loaded.documents {
            if let Some(embedding) = &mut doc.embedding {
                embedding.parent = shift(embedding.parent);
            }
            self.documents.push(doc);
        }
        let mut entry = loaded.entry;
        entry.doc = entry.doc.map(shift);
        self.files.push(entry);
        for mut input in loaded.input_diagnostics {
            input.diagnostic.location.doc = shift(input.diagnostic.location.doc);
            self.input_diagnostics.push(input);
        }
    }

    /// The document with this id. Asking for a released document ([`Document::is_released`])
    /// is recorded, so that a streaming check reads its file again and asks once more.
    pub fn doc(&self, id: DocId) -> Option<&Document> {
        let doc = self.documents.get(id.index())?;
        if doc.is_released() {
            // A poisoned lock only means another rule panicked; the record is still good.
            let mut faults = self.faults.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            faults.push(id);
        }
        Some(doc)
    }

    /// The released documents asked for since the last call, each once, in id order.
    pub(crate) fn take_faults(&self) -> Vec<DocId> {
        let mut faults = std::mem::take(&mut *self.faults.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        faults.sort_unstable();
        faults.dedup();
        faults
    }

    /// Puts the documents of a file read again in place of its released ones, which start at
    /// `start`: the same documents, as the file is unchanged.
    pub(crate) fn restore(&mut self, start: usize, documents: Vec<Document>) {
        let offset = u32::try_from(start).unwrap_or(u32::MAX);
        for (slot, mut doc) in self.documents.iter_mut().skip(start).zip(documents) {
            if let Some(embedding) = &mut doc.embedding {
                embedding.parent = shift_doc_id(embedding.parent, offset);
            }
            *slot = doc;
        }
    }

    /// Every document: files first-come, embedded payloads right after the file holding them.
    /// The document at index `i` has the id [`DocId::from_index`]`(i)`.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Every file, in the order added.
    pub fn files(&self) -> &[FileEntry] {
        &self.files
    }

    /// The problems found while reading: files that could not be read or parsed (PL001, PL002,
    /// PL003, PL006) and named files of no format the linter reads (PL005). The linter reports
    /// them with the rules' findings.
    pub fn input_diagnostics(&self) -> &[InputDiagnostic] {
        &self.input_diagnostics
    }

    /// The limits applied while reading.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}

/// One file read and parsed, with the payloads embedded in it, not yet part of a [`LintSet`].
/// Building these is independent per file, so callers may do it in parallel and then
/// [`LintSet::push`] them in a fixed order.
#[derive(Debug)]
pub struct FileLoad {
    /// The file entry (its `doc` is local to `documents`).
    entry: FileEntry,
    /// The file's documents: the top-level one first, then embedded ones (embedding parents are
    /// local indices).
    pub(crate) documents: Vec<Document>,
    /// Problems found while reading.
    input_diagnostics: Vec<InputDiagnostic>,
}

impl FileLoad {
    /// The file entry. Its `doc` indexes [`FileLoad::documents`] until the load is pushed into a
    /// lint set.
    pub fn entry(&self) -> &FileEntry {
        &self.entry
    }

    /// The file's documents: the top-level one first, then embedded ones (whose embedding parents
    /// index this list until the load is pushed into a lint set).
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The problems found while reading the file.
    pub fn input_diagnostics(&self) -> &[InputDiagnostic] {
        &self.input_diagnostics
    }

    /// Reads `path` (never more than the size limit plus one byte) and parses it.
    pub fn read(path: &std::path::Path, origin: FileOrigin, limits: &Limits) -> std::io::Result<FileLoad> {
        let display: Arc<str> = display_path(path).into();
        let bytes = read_capped(path, limits)?;
        Ok(FileLoad::parse_owned(display, bytes, origin, limits))
    }

    /// Parses one file's bytes.
    pub fn parse(path: Arc<str>, bytes: &[u8], origin: FileOrigin, limits: &Limits) -> FileLoad {
        FileLoad::parse_bytes(path, Cow::Borrowed(bytes), origin, limits)
    }

    /// Parses one file's bytes, taking them: a text file's bytes are freed as soon as its text is
    /// decoded, before its tree is built, so a large file is not held twice while it is parsed.
    pub fn parse_owned(path: Arc<str>, bytes: Vec<u8>, origin: FileOrigin, limits: &Limits) -> FileLoad {
        FileLoad::parse_bytes(path, Cow::Owned(bytes), origin, limits)
    }

    fn parse_bytes(path: Arc<str>, bytes: Cow<'_, [u8]>, origin: FileOrigin, limits: &Limits) -> FileLoad {
        let mut load = FileLoad {
            entry: FileEntry {
                path: path.clone(),
                format: None,
                doc: None,
            },
            documents: Vec::new(),
            input_diagnostics: Vec::new(),
        };
        if bytes.len() as u64 > limits.max_file_size {
            let err = SyntaxError::limit(
                format!("file is larger than the size limit of {} bytes", limits.max_file_size),
                None,
            );
            load.push_input_error(path, None, err);
            return load;
        }
        if has_profile_extension(&path) && source::sniff(&bytes) == Sniffed::Unknown {
            // A file named as a profile that is no property list at all (a text file, an empty
            // file) is a broken profile, walked or named.
            let (text, err) = not_a_profile(&bytes);
            load.push_input_error(path, text, err);
            return load;
        }
        if !has_profile_extension(&path) {
            // Files of other kinds that the walk takes by their extension: an XML document of
            // another kind (a build manifest, an app's own settings), or Intune's macOS
            // "Preference file" fragment (bare `<key>`/value pairs, without `<plist>` or `<dict>`,
            // kept as `.plist`). Not profiles: skipped when walked, PL005 when named.
            let other_kind = if is_foreign_xml(&bytes) {
                Some("an XML document whose root element is not `<plist>`, not a profile")
            } else if is_preference_fragment(&bytes) {
                Some("an Intune preference file (bare `<key>` entries, without `<plist>` or `<dict>`), not a profile")
            } else {
                None
            };
            if let Some(message) = other_kind {
                if origin == FileOrigin::Named {
                    load.push_unrecognized(path, message);
                }
                return load;
            }
        }
        match parse_content(bytes, limits) {
            Ok(None) => {
                // Not a format we read: PL005 for named files; walked files are skipped silently.
                if origin == FileOrigin::Named {
                    load.push_unrecognized(path, "not a plist, signed profile or JSON document");
                }
            }
            Ok(Some(parsed)) => {
                load.entry.format = Some(parsed.format);
                let id = load.push_document(path, parsed, None, origin);
                load.entry.doc = Some(id);
                load.add_embedded(id, 1, limits);
            }
            Err((format, text, err)) => {
                load.entry.format = format;
                load.push_input_error(path, text, err);
            }
        }
        load
    }

    fn push_document(
        &mut self,
        path: Arc<str>,
        parsed: Parsed,
        embedding: Option<Embedding>,
        origin: FileOrigin,
    ) -> DocId {
        let id = DocId(u32::try_from(self.documents.len()).unwrap_or(u32::MAX));
        let mut doc = Document::new(path, parsed.format, parsed.encoding, parsed.text, parsed.tree);
        doc.embedding = embedding;
        doc.origin = origin;
        self.documents.push(doc);
        id
    }

    /// PL005 for a named file that is no profile, payload or Intune object.
    fn push_unrecognized(&mut self, path: Arc<str>, message: &str) {
        self.input_diagnostics.push(InputDiagnostic {
            path,
            text: None,
            diagnostic: unrecognized(DocId(u32::MAX), message),
        });
    }

    fn push_input_error(&mut self, path: Arc<str>, text: Option<Arc<str>>, err: SyntaxError) {
        let rule = input_rule(err.kind);
        let location = Location {
            doc: DocId(u32::MAX),
            span: err.span,
            key_path: None,
        };
        let diagnostic = Diagnostic::new(rule, err.message, location);
        self.input_diagnostics.push(InputDiagnostic { path, text, diagnostic });
    }

    /// Finds payloads embedded in `parent` (custom profile base64 payloads, JSON held in strings)
    /// and adds them as documents, up to the embedding depth limit. A payload that cannot be
    /// read is a finding on the string holding it, never skipped silently: invalid base64 is
    /// PL001 (the custom profile's plist cannot be read), a payload over the payload size limit
    /// or below the embedding depth limit is PL006.
    fn add_embedded(&mut self, parent: DocId, depth: usize, limits: &Limits) {
        let Some(doc) = self.documents.get(parent.index()) else {
            return;
        };
        let candidates = if doc.format == Format::Json {
            embedded_candidates(&doc.tree, limits)
        } else {
            declaration_candidates(&doc.tree, limits)
        };
        let path = doc.path.clone();
        let origin = doc.origin;
        for candidate in candidates {
            let (node, kind, bytes) = match candidate {
                Candidate::Payload(node, kind, bytes) => (node, kind, bytes),
                Candidate::Unreadable(node, err) => {
                    self.push_embedded_syntax_error(parent, node, &err);
                    continue;
                }
            };
            if depth > limits.max_embedding_depth {
                // Only strings that would have been read count: a base64 payload always, a string
                // that merely looks like JSON only when it is JSON.
                let readable = kind != EmbeddingKind::JsonString
                    || std::str::from_utf8(&bytes).is_ok_and(|t| syntax::json::parse(t, limits).is_ok());
                if readable {
                    let err = SyntaxError::limit(
                        format!(
                            "nested deeper than the embedding depth limit of {} (a payload inside a payload …)",
                            limits.max_embedding_depth
                        ),
                        None,
                    );
                    self.push_embedded_syntax_error(parent, node, &err);
                }
                continue;
            }
            let embedding = Some(Embedding { parent, node, kind });
            match parse_content(Cow::Owned(bytes), limits) {
                Ok(Some(parsed))
                    if kind == EmbeddingKind::Declaration
                        && (parsed.format != Format::Json
                            || crate::document::declaration_nodes_in(&parsed.tree).is_empty()) =>
                {
                    // Not skipped silently: the item is there to be a declaration.
                    let d = unrecognized(parent, "a `Declarations` item is not a JSON declaration");
                    self.push_embedded_error(parent, node, d);
                }
                Ok(Some(parsed)) => {
                    let id = self.push_document(path.clone(), parsed, embedding, origin);
                    self.add_embedded(id, depth + 1, limits);
                }
                Ok(None) if kind == EmbeddingKind::Base64Payload => {
                    let d = unrecognized(parent, "the custom profile's `payload` is not a plist");
                    self.push_embedded_error(parent, node, d);
                }
                Ok(None) if kind == EmbeddingKind::Declaration => {
                    let d = unrecognized(parent, "a `Declarations` item is not a JSON declaration");
                    self.push_embedded_error(parent, node, d);
                }
                Ok(None) => {}
                Err((_, _, err)) if kind != EmbeddingKind::JsonString => {
                    self.push_embedded_syntax_error(parent, node, &err);
                }
                // A string that merely looks like JSON but is not: not ours to judge.
                Err(_) => {}
            }
        }
    }

    /// An input diagnostic for an embedded payload that cannot be read, on the string holding it.
    fn push_embedded_syntax_error(&mut self, parent: DocId, node: NodeId, err: &SyntaxError) {
        let rule = input_rule(err.kind);
        let d = Diagnostic::new(
            rule,
            format!("embedded payload: {}", err.message),
            Location {
                doc: parent,
                span: None,
                key_path: None,
            },
        );
        self.push_embedded_error(parent, node, d);
    }

    fn push_embedded_error(&mut self, parent: DocId, node: NodeId, mut d: Diagnostic) {
        let Some(doc) = self.documents.get(parent.index()) else {
            return;
        };
        d.location = Location {
            doc: parent,
            span: doc.tree.span(node),
            key_path: Some(doc.key_path(node)),
        };
        let (path, text) = (doc.path.clone(), doc.text.clone());
        self.input_diagnostics.push(InputDiagnostic {
            path,
            text,
            diagnostic: d,
        });
    }
}

/// Whether `path` names a configuration profile by its extension (`.mobileconfig`, any case).
/// Other extensions the walk takes (`.plist`, `.json`, `.xml`) are shared with files that are
/// not profiles, so their unrecognised content is skipped instead.
fn has_profile_extension(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mobileconfig"))
}

/// Whether UTF-8 `bytes` hold an Intune preference-file fragment: after an optional byte order
/// mark, XML declaration and comments, the first element is `<key>` (a plist always starts with
/// `<plist>`, `<dict>` or another value element).
fn is_preference_fragment(bytes: &[u8]) -> bool {
    first_element(bytes).is_some_and(|name| name == b"key")
}

/// Whether UTF-8 `bytes` hold an XML document that is no property list: its first element is
/// neither `<plist>` nor a plist value nor `<key>`, and no `<!DOCTYPE plist …>` says otherwise.
/// A misspelt root in a file that declares the plist DTD stays a broken plist (PL001).
fn is_foreign_xml(bytes: &[u8]) -> bool {
    const PLIST_ROOTS: [&[u8]; 12] = [
        b"plist", b"dict", b"array", b"key", b"string", b"integer", b"real", b"true", b"false", b"date", b"data",
        b"uid",
    ];
    let other_root =
        first_element(bytes).is_some_and(|name| !PLIST_ROOTS.iter().any(|root| name.eq_ignore_ascii_case(root)));
    // The document type declaration is looked for only then: every plist and JSON file of a walk
    // comes through here.
    other_root
        && !bytes
            .windows(b"<!DOCTYPE plist".len())
            .take(4096)
            .any(|w| w.eq_ignore_ascii_case(b"<!DOCTYPE plist"))
}

/// The name of the first element of UTF-8 XML `bytes`, after an optional byte order mark, the
/// XML declaration, processing instructions, comments and a document type declaration; `None`
/// when the bytes are no XML (or end before an element).
fn first_element(bytes: &[u8]) -> Option<&[u8]> {
    let mut rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        let skip_to = |end: &[u8]| rest.windows(end.len()).position(|w| w == end).map(|i| i + end.len());
        let next = if rest.starts_with(b"<?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<!") {
            // `<!DOCTYPE …>`; an internal subset (`[…]`) ends at `]>`.
            let bracket = rest.iter().position(|&b| b == b'[');
            let close = rest.iter().position(|&b| b == b'>');
            match (bracket, close) {
                (Some(b), Some(c)) if b < c => skip_to(b"]>"),
                (_, Some(c)) => Some(c + 1),
                _ => None,
            }
        } else {
            let name = rest.strip_prefix(b"<")?;
            let end = name
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
                .unwrap_or(name.len());
            return name.get(..end).filter(|n| !n.is_empty());
        };
        rest = rest.get(next?..)?;
    }
}

/// The PL001 error for a `.mobileconfig` file whose content is not a property list, with its
/// text (when it is UTF-8) and a span on its first line.
fn not_a_profile(bytes: &[u8]) -> (Option<Arc<str>>, SyntaxError) {
    let text = std::str::from_utf8(bytes).ok().map(Arc::<str>::from);
    let message = if bytes.iter().all(u8::is_ascii_whitespace) {
        "the file has a configuration profile's extension but is empty"
    } else {
        "the file has a configuration profile's extension but is not a property list (XML, binary or signed)"
    };
    let span = text
        .as_deref()
        .map(|t| crate::span::Span::new(0, t.find(['\r', '\n']).unwrap_or(t.len())));
    (text, SyntaxError::plist(message, span))
}

fn unrecognized(doc: DocId, message: &str) -> Diagnostic {
    Diagnostic::new(
        &codes::PL005,
        message,
        Location {
            doc,
            span: None,
            key_path: None,
        },
    )
}

type ParseFailure = (Option<Format>, Option<Arc<str>>, SyntaxError);

/// Sniffs, decodes and parses one content. `Ok(None)`: not a format we read.
fn parse_content(bytes: Cow<'_, [u8]>, limits: &Limits) -> Result<Option<Parsed>, ParseFailure> {
    match source::sniff(&bytes) {
        Sniffed::BinaryPlist => syntax::binary::parse(&bytes, limits)
            .map(|tree| {
                Some(Parsed {
                    format: Format::BinaryPlist,
                    encoding: None,
                    text: None,
                    tree,
                })
            })
            .map_err(|e| (Some(Format::BinaryPlist), None, e)),
        Sniffed::Cms => {
            let content = source::signed::unwrap(&bytes).map_err(|e| (None, None, e))?;
            match source::sniff(&content) {
                Sniffed::BinaryPlist => syntax::binary::parse(&content, limits)
                    .map(|tree| {
                        Some(Parsed {
                            format: Format::SignedBinaryPlist,
                            encoding: None,
                            text: None,
                            tree,
                        })
                    })
                    .map_err(|e| (Some(Format::SignedBinaryPlist), None, e)),
                Sniffed::Xml => parse_text(Cow::Owned(content), SyntaxErrorKind::InvalidPlist, limits)
                    .map(|mut p| {
                        p.format = Format::SignedXmlPlist;
                        Some(p)
                    })
                    .map_err(|(_, t, e)| (Some(Format::SignedXmlPlist), t, e)),
                _ => Err((
                    None,
                    None,
                    SyntaxError::signed("the signed content is not a property list"),
                )),
            }
        }
        Sniffed::Xml => parse_text(bytes, SyntaxErrorKind::InvalidPlist, limits).map(Some),
        Sniffed::Json => parse_text(bytes, SyntaxErrorKind::InvalidJson, limits).map(Some),
        Sniffed::Unknown => Ok(None),
    }
}

fn parse_text(bytes: Cow<'_, [u8]>, kind: SyntaxErrorKind, limits: &Limits) -> Result<Parsed, ParseFailure> {
    let format = if kind == SyntaxErrorKind::InvalidJson {
        Format::Json
    } else {
        Format::XmlPlist
    };
    // Plain UTF-8 (the common case) is copied once, straight into the shared text; anything else
    // (a byte order mark, UTF-16, invalid bytes) goes through `decode`.
    let (text, encoding): (Arc<str>, Encoding) = match std::str::from_utf8(&bytes) {
        Ok(plain) if !plain.starts_with('\u{feff}') => (Arc::from(plain), Encoding::Utf8),
        _ => source::decode(&bytes, kind)
            .map(|(text, encoding)| (text.into(), encoding))
            .map_err(|e| (Some(format), None, e))?,
    };
    // Spans, fixes and reports all use the text from here on.
    drop(bytes);
    let tree = match format {
        Format::Json => syntax::json::parse(&text, limits),
        _ => syntax::xml::parse(&text, limits),
    }
    .map_err(|e| (Some(format), Some(text.clone()), e))?;
    Ok(Parsed {
        format,
        encoding: Some(encoding),
        text: Some(text),
        tree,
    })
}

/// A string of a JSON tree that holds another document.
enum Candidate {
    /// Its node, what kind of embedding it is, and the content (base64 decoded).
    Payload(NodeId, EmbeddingKind, Vec<u8>),
    /// A string that should hold a document but cannot be read: invalid base64, or over the
    /// payload size limit.
    Unreadable(NodeId, SyntaxError),
}

/// Strings of a JSON tree that hold another document: the base64 `payload` of Intune custom
/// profiles, and JSON objects stored as strings by backup tools.
fn embedded_candidates(tree: &Tree, limits: &Limits) -> Vec<Candidate> {
    let too_large = |id: NodeId| {
        Candidate::Unreadable(
            id,
            SyntaxError::limit(
                format!(
                    "larger than the payload size limit of {} bytes of text",
                    limits.max_payload_size
                ),
                None,
            ),
        )
    };
    let mut out = Vec::new();
    for (id, node) in tree.iter() {
        let Value::String(s) = &node.value else { continue };
        let key = tree.parent_entry(id).map(|e| e.key.as_str());
        if key == Some("payload") && is_custom_profile(tree, id) {
            if s.len() > limits.max_payload_size {
                out.push(too_large(id));
                continue;
            }
            let decoded = if s.bytes().any(|b| b.is_ascii_whitespace()) {
                let compact: String = s.split_ascii_whitespace().collect();
                base64::engine::general_purpose::STANDARD.decode(compact.as_bytes())
            } else {
                base64::engine::general_purpose::STANDARD.decode(s.as_bytes())
            };
            match decoded {
                Ok(bytes) => out.push(Candidate::Payload(id, EmbeddingKind::Base64Payload, bytes)),
                Err(e) => out.push(Candidate::Unreadable(
                    id,
                    SyntaxError::plist(
                        format!("the custom profile's `payload` is not valid base64 ({e})"),
                        None,
                    ),
                )),
            }
        } else {
            let trimmed = s.trim();
            if trimmed.len() > 2 && trimmed.starts_with('{') && trimmed.ends_with('}') {
                if s.len() > limits.max_payload_size {
                    out.push(too_large(id));
                } else {
                    out.push(Candidate::Payload(id, EmbeddingKind::JsonString, s.as_bytes().to_vec()));
                }
            }
        }
    }
    out
}

/// `PayloadType` of the profile payload that carries declarations.
const DECLARATIONS_PAYLOAD: &str = "com.apple.declarations";

/// The data items of a plist tree's `com.apple.declarations` payloads: each item of a
/// `Declarations` array is a declaration as base64-encoded JSON (Apple's
/// `mdm/profiles/com.apple.declarations.yaml`). Only the root dict (a bare payload) and the dicts
/// of its `PayloadContent` are looked at, so this does not depend on how deep the input nests.
fn declaration_candidates(tree: &Tree, limits: &Limits) -> Vec<Candidate> {
    let Some(root) = tree.root() else {
        return Vec::new();
    };
    let payloads = std::iter::once(root).chain(
        tree.get_key(root, "PayloadContent")
            .map(|c| tree.elements(c))
            .unwrap_or_default()
            .iter()
            .copied(),
    );
    let mut out = Vec::new();
    for payload in payloads {
        if tree.str_key(payload, "PayloadType") != Some(DECLARATIONS_PAYLOAD) {
            continue;
        }
        let Some(list) = tree.get_key(payload, "Declarations") else {
            continue;
        };
        for &item in tree.elements(list) {
            let Some(Value::Data(bytes)) = tree.value(item) else {
                continue;
            };
            if bytes.len() > limits.max_payload_size {
                out.push(Candidate::Unreadable(
                    item,
                    SyntaxError::limit(
                        format!(
                            "larger than the payload size limit of {} bytes",
                            limits.max_payload_size
                        ),
                        None,
                    ),
                ));
            } else {
                out.push(Candidate::Payload(item, EmbeddingKind::Declaration, bytes.clone()));
            }
        }
    }
    out
}

/// Whether the string node `payload` sits in an Intune custom configuration object.
fn is_custom_profile(tree: &Tree, payload: NodeId) -> bool {
    let Some(object) = tree.get(payload).and_then(|n| n.parent).map(|l| l.parent) else {
        return false;
    };
    tree.str_key(object, "@odata.type")
        .map(|t| t.ends_with("CustomConfiguration"))
        // IntuneCD strips nothing from custom profiles' type, but some exports drop `@odata.type`:
        // a `payloadFileName` beside the payload is as good a sign.
        .unwrap_or_else(|| tree.get_key(object, "payloadFileName").is_some())
}

#[cfg(test)]
mod tests {
    use super::{first_element, has_profile_extension, is_foreign_xml, is_preference_fragment};

    #[test]
    fn preference_fragments_are_bare_keys() {
        assert!(is_preference_fragment(b"<key>AutomaticCheckEnabled</key>\n<true/>\n"));
        assert!(is_preference_fragment(
            b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- Intune preference file -->\n  <key>a</key><string>b</string>"
        ));
        assert!(!is_preference_fragment(
            b"<?xml version=\"1.0\"?><plist><dict><key>a</key></dict></plist>"
        ));
        assert!(!is_preference_fragment(b"<dict><key>a</key><true/></dict>"));
        assert!(!is_preference_fragment(b"<!-- never closed <key>a</key>"));
        assert!(!is_preference_fragment(b""));
    }

    #[test]
    fn foreign_xml_has_another_root_and_no_plist_doctype() {
        assert!(is_foreign_xml(
            b"<?xml version=\"1.0\"?>\n<manifest><file>a.json</file></manifest>"
        ));
        assert!(is_foreign_xml(b"<!-- build -->\n<MacIntuneManifest/>"));
        assert!(is_foreign_xml(b"<!DOCTYPE html><html></html>"));
        // Property lists, bare values, fragments and a misspelt root under the plist DTD are not.
        assert!(!is_foreign_xml(
            b"<?xml version=\"1.0\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"x\">\n<plist/>"
        ));
        assert!(!is_foreign_xml(
            b"<!DOCTYPE plist PUBLIC \"x\" \"y\"><plsit><dict/></plsit>"
        ));
        assert!(!is_foreign_xml(b"<dict><key>a</key><true/></dict>"));
        assert!(!is_foreign_xml(b"<key>a</key><true/>"));
        assert!(!is_foreign_xml(b"{\"a\": 1}"));
        assert!(!is_foreign_xml(b""));
    }

    #[test]
    fn first_element_skips_the_prolog() {
        assert_eq!(
            first_element(
                b"\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- c --><!DOCTYPE a [<!ENTITY x \"y\">]>\n<root attr=\"1\">"
            ),
            Some(&b"root"[..])
        );
        assert_eq!(first_element(b"<a/>"), Some(&b"a"[..]));
        assert_eq!(first_element(b"<?xml never closed"), None);
        assert_eq!(first_element(b"< >"), None);
    }

    #[test]
    fn profile_extension_is_mobileconfig_in_any_case() {
        assert!(has_profile_extension("a/b.mobileconfig"));
        assert!(has_profile_extension("B.MobileConfig"));
        assert!(!has_profile_extension("b.plist"));
        assert!(!has_profile_extension("mobileconfig"));
    }
}
