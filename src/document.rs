//! A parsed input: its text (when it has one), its tree, and where it came from; and which of
//! a JSON tree's objects are declarative-management declarations.

use std::sync::{Arc, OnceLock};

use crate::source::{Encoding, Format};
use crate::span::{LineCol, LineIndex, Span};
use crate::syntax::{NodeId, Tree, Value};

/// Index of a document in a [`LintSet`](crate::LintSet): [`LintSet::doc`](crate::LintSet::doc)
/// finds it, and it is the position in [`LintSet::documents`](crate::LintSet::documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub(crate) u32);

impl DocId {
    /// The id of the document at `index` in [`LintSet::documents`](crate::LintSet::documents).
    /// A lint set holds fewer than `u32::MAX` documents; a larger index gives an id no document
    /// has.
    pub fn from_index(index: usize) -> DocId {
        DocId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// The index into the lint set's documents.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How a file came into a run: named by the user, or found by walking a folder.
///
/// It decides what becomes of a file that is no profile, payload or Intune object: a named file
/// is reported (`PL005 unrecognized-document`), a walked one is skipped silently, as a folder
/// holds other files too. Unreadable or broken profiles are reported either way.
///
/// ```
/// use profilelint::{FileOrigin, Limits, LintSet};
///
/// let mut set = LintSet::new(Limits::default());
/// set.add_bytes("named.txt", b"not a profile", FileOrigin::Named);
/// set.add_bytes("walked.txt", b"not a profile", FileOrigin::Walked);
/// let codes: Vec<_> = set.input_diagnostics().iter().map(|i| (&*i.path, i.diagnostic.code())).collect();
/// assert_eq!(codes, [("named.txt", "PL005")]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileOrigin {
    /// Named by the user: a path given on the command line, or standard input.
    Named,
    /// Found by walking a folder.
    Walked,
}

/// How a document sits inside another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmbeddingKind {
    /// The base64 `payload` of an Intune custom profile (`iosCustomConfiguration`, …).
    Base64Payload,
    /// A JSON object stored as a string value (backup tools that wrap Graph JSON in a string).
    JsonString,
    /// A declaration (JSON) in the base64 `Declarations` data of a `com.apple.declarations`
    /// profile payload.
    Declaration,
}

/// Where an embedded document was found: the string node of its parent that holds it. Made by
/// the lint set; read its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Embedding {
    /// The document that holds the embedded one.
    pub parent: DocId,
    /// The string or data node in the parent (the `payload` value, the JSON string, the
    /// `Declarations` item).
    pub node: NodeId,
    /// What kind of wrapping it was.
    pub kind: EmbeddingKind,
}

/// One parsed document: a file, or a payload embedded in one.
///
/// ```
/// use profilelint::{FileOrigin, Format, Limits, LintSet};
///
/// let mut set = LintSet::new(Limits::default());
/// set.add_bytes("a.json", b"{\r\n  \"displayName\": \"SSO\"\r\n}", FileOrigin::Named);
/// let doc = &set.documents()[0];
/// assert_eq!((doc.path(), doc.format(), doc.origin()), ("a.json", Format::Json, FileOrigin::Named));
/// assert_eq!(doc.newline(), "\r\n");
/// let offset = doc.text().unwrap().find("SSO").unwrap();
/// assert_eq!(doc.line_col(offset).map(|lc| (lc.line, lc.column)), Some((2, 19)));
/// ```
#[derive(Debug)]
pub struct Document {
    /// The file's path as given (relative stays relative), `/`-separated. Embedded documents carry
    /// the path of the file that holds them.
    pub(crate) path: Arc<str>,
    /// The detected format (for embedded documents: the format of the embedded content).
    pub(crate) format: Format,
    /// The text encoding, `None` for binary content.
    pub(crate) encoding: Option<Encoding>,
    /// The decoded text the spans refer to, `None` for binary plists.
    pub(crate) text: Option<Arc<str>>,
    /// The parsed tree.
    pub(crate) tree: Tree,
    /// Set when this document was found inside another one.
    pub(crate) embedding: Option<Embedding>,
    /// How the file was given: named, or found by walking a folder. An embedded document has the
    /// origin of the file that holds it.
    pub(crate) origin: FileOrigin,
    line_index: OnceLock<LineIndex>,
    newline: OnceLock<&'static str>,
    /// Whether the tree and text were let go ([`Document::release`]).
    released: bool,
}

impl Document {
    /// The file's path as given (relative stays relative), `/`-separated. An embedded document
    /// has the path of the file that holds it.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The detected format (for an embedded document: the format of the embedded content).
    pub fn format(&self) -> Format {
        self.format
    }

    /// The text encoding, `None` for binary content.
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// The decoded text the spans refer to, `None` for binary plists.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The decoded text as [`LintSet`](crate::LintSet) shares it (a copy is a reference count).
    pub fn shared_text(&self) -> Option<&Arc<str>> {
        self.text.as_ref()
    }

    /// The parsed tree. Its type belongs to the lower layers and is not part of the stable API.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Where this document was found inside another one; `None` for a file.
    pub fn embedding(&self) -> Option<Embedding> {
        self.embedding
    }

    /// How the file was given: named, or found by walking a folder. An embedded document has the
    /// origin of the file that holds it.
    pub fn origin(&self) -> FileOrigin {
        self.origin
    }

    /// A document from its parts.
    pub(crate) fn new(
        path: Arc<str>,
        format: Format,
        encoding: Option<Encoding>,
        text: Option<Arc<str>>,
        tree: Tree,
    ) -> Self {
        Document {
            path,
            format,
            encoding,
            text,
            tree,
            embedding: None,
            origin: FileOrigin::Walked,
            line_index: OnceLock::new(),
            newline: OnceLock::new(),
            released: false,
        }
    }

    /// Lets go of the tree and the text, keeping what names the document (path, format,
    /// encoding, embedding). A check that streams files does this once a file's own rules have
    /// run, and reads the file again if a cross-file rule needs it ([`crate::Stream`]).
    pub(crate) fn release(&mut self) {
        self.tree = Tree::default();
        self.text = None;
        self.line_index = OnceLock::new();
        self.newline = OnceLock::new();
        self.released = true;
    }

    /// Whether the tree and text were let go: the document reads as empty until its file is
    /// read again.
    pub fn is_released(&self) -> bool {
        self.released
    }

    /// The text of a span, if this document has text and the span is valid in it.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.text.as_deref().and_then(|t| t.get(span.start..span.end))
    }

    /// The 1-based line and column of a byte offset (`None` without text).
    pub fn line_col(&self, offset: usize) -> Option<LineCol> {
        let text = self.text.as_deref()?;
        let index = self.line_index.get_or_init(|| LineIndex::new(text));
        Some(index.line_col(text, offset))
    }

    /// The line ending the document uses, from its first line end: `\r\n`, `\r` (alone) or
    /// `\n` (also for a text without line ends). Found once and remembered, so that fixes that
    /// insert lines into a minified file (one long line) do not each scan the whole text.
    pub fn newline(&self) -> &'static str {
        self.newline.get_or_init(|| {
            let text = self.text.as_deref().unwrap_or("");
            let first = text.find(['\n', '\r']);
            crate::work::add_usize(first.unwrap_or(text.len()));
            match first.map(|i| (text.as_bytes().get(i), text.as_bytes().get(i + 1))) {
                Some((Some(b'\r'), Some(b'\n'))) => "\r\n",
                Some((Some(b'\r'), _)) => "\r",
                _ => "\n",
            }
        })
    }

    /// The key path of a node (see [`Tree::key_path`]).
    pub fn key_path(&self, node: NodeId) -> String {
        self.tree.key_path(node)
    }
}

/// What a declaration is, from the prefix of its `Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeclarationKind {
    /// `com.apple.configuration.*`.
    Configuration,
    /// `com.apple.activation.*`.
    Activation,
    /// `com.apple.asset.*`.
    Asset,
    /// `com.apple.management.*`.
    Management,
}

impl DeclarationKind {
    /// The kind a declaration `Type` names, `None` for any other text.
    pub fn of_type(declaration_type: &str) -> Option<Self> {
        [
            ("com.apple.configuration.", DeclarationKind::Configuration),
            ("com.apple.activation.", DeclarationKind::Activation),
            ("com.apple.asset.", DeclarationKind::Asset),
            ("com.apple.management.", DeclarationKind::Management),
        ]
        .into_iter()
        .find(|(prefix, _)| declaration_type.len() > prefix.len() && declaration_type.starts_with(prefix))
        .map(|(_, kind)| kind)
    }
}

/// The declaration objects of a JSON tree: the root, or the elements of a root array that are
/// declarations (a `Type` of one of the four [`DeclarationKind`]s and an `Identifier`). The
/// reader asks it of a `Declarations` item, the model of every JSON document.
pub(crate) fn declaration_nodes_in(tree: &Tree) -> Vec<NodeId> {
    let Some(root) = tree.root() else {
        return Vec::new();
    };
    match tree.value(root) {
        Some(Value::Dict(_)) if is_declaration(tree, root) => vec![root],
        Some(Value::Array(items)) => items.iter().copied().filter(|&n| is_declaration(tree, n)).collect(),
        _ => Vec::new(),
    }
}

/// Whether `node` is a declaration object: a `Type` of one of the four declaration kinds and an
/// `Identifier` key.
fn is_declaration(tree: &Tree, node: NodeId) -> bool {
    tree.str_key(node, "Type").and_then(DeclarationKind::of_type).is_some()
        && tree.get_key(node, "Identifier").is_some()
}
