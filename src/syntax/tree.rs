//! One faithful tree for every input format: plist (XML or binary) and JSON.
//!
//! The tree keeps what a linter needs and a generic deserialiser throws away: the byte span of
//! every node and key, duplicate keys in their original order, and XML comments (for inline
//! suppressions). Nodes live in one arena and refer to each other by [`NodeId`], so a model view
//! can point back at the exact node a value came from.

pub use compact_str::CompactString;

use crate::span::{PackedSpan, Span};

/// Index of a node in its [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The arena index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The kind of a value, as a user would name it in a message ("expected integer, found string").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// `<dict>` or a JSON object.
    Dict,
    /// `<array>` or a JSON array.
    Array,
    /// `<string>` or a JSON string.
    String,
    /// `<integer>` or a JSON number without fraction or exponent.
    Integer,
    /// `<real>` or any other JSON number.
    Real,
    /// `<true/>`/`<false/>` or JSON `true`/`false`.
    Bool,
    /// `<date>`.
    Date,
    /// `<data>`.
    Data,
    /// JSON `null`.
    Null,
}

impl ValueKind {
    /// The plist-flavoured name used in messages: `string`, `integer`, `dictionary`, …
    pub fn name(self) -> &'static str {
        match self {
            ValueKind::Dict => "dictionary",
            ValueKind::Array => "array",
            ValueKind::String => "string",
            ValueKind::Integer => "integer",
            ValueKind::Real => "real",
            ValueKind::Bool => "boolean",
            ValueKind::Date => "date",
            ValueKind::Data => "data",
            ValueKind::Null => "null",
        }
    }
}

impl std::fmt::Display for ValueKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One key of a dictionary, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key text, unescaped.
    pub key: CompactString,
    key_span: PackedSpan,
    key_inner: PackedSpan,
    /// The value node.
    pub value: NodeId,
}

impl Entry {
    /// An entry: its key, the key's token and content spans (see [`Entry::key_span`] and
    /// [`Entry::key_inner`]), and its value node.
    pub fn new(key: impl Into<CompactString>, key_span: Option<Span>, key_inner: Option<Span>, value: NodeId) -> Self {
        Entry {
            key: key.into(),
            key_span: PackedSpan::pack(key_span),
            key_inner: PackedSpan::pack(key_inner),
            value,
        }
    }

    /// The whole key token: `<key>…</key>` in XML, `"…"` in JSON. `None` without text positions.
    pub fn key_span(&self) -> Option<Span> {
        self.key_span.get()
    }

    /// The key's content only: between `<key>` and `</key>`, or between the JSON quotes.
    pub fn key_inner(&self) -> Option<Span> {
        self.key_inner.get()
    }
}

/// A node's value. Containers refer to their children by id.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Entries in source order; duplicate keys are all kept.
    Dict(Vec<Entry>),
    /// Elements in source order.
    Array(Vec<NodeId>),
    /// A string, unescaped.
    String(String),
    /// An integer; `i128` holds every plist (signed or unsigned 64-bit) and JSON integer.
    Integer(i128),
    /// A floating-point number.
    Real(f64),
    /// A boolean.
    Bool(bool),
    /// A plist date, as written (ISO 8601 in XML).
    Date(String),
    /// Plist data, decoded from base64.
    Data(Vec<u8>),
    /// JSON `null`.
    Null,
}

impl Value {
    /// The kind of this value.
    pub fn kind(&self) -> ValueKind {
        match self {
            Value::Dict(_) => ValueKind::Dict,
            Value::Array(_) => ValueKind::Array,
            Value::String(_) => ValueKind::String,
            Value::Integer(_) => ValueKind::Integer,
            Value::Real(_) => ValueKind::Real,
            Value::Bool(_) => ValueKind::Bool,
            Value::Date(_) => ValueKind::Date,
            Value::Data(_) => ValueKind::Data,
            Value::Null => ValueKind::Null,
        }
    }
}

/// Where a node sits in its parent, for key paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParentLink {
    /// The containing dict or array.
    pub parent: NodeId,
    /// Index of the entry (dict) or element (array) in the parent.
    pub slot: u32,
}

/// A node: its value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    span: PackedSpan,
    inner: PackedSpan,
    /// The parent, `None` for the root.
    pub parent: Option<ParentLink>,
}

impl Node {
    /// The whole value token (`<string>x</string>`, `"x"`, `{…}`). `None` without text positions.
    pub fn span(&self) -> Option<Span> {
        self.span.get()
    }

    /// For scalars, the content only (between the tags, or between JSON quotes); `None` for
    /// containers, self-closing tags' absent content, and inputs without text positions.
    pub fn inner(&self) -> Option<Span> {
        self.inner.get()
    }

    /// Sets the whole token's span (readers that learn a container's end after adding it).
    pub fn set_span(&mut self, span: Option<Span>) {
        self.span = PackedSpan::pack(span);
    }
}

/// An XML comment, kept for inline suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The whole comment `<!-- … -->`.
    pub span: Span,
    /// The text between `<!--` and `-->`.
    pub text: String,
}

/// The parsed document: an arena of nodes with one root.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    nodes: Vec<Node>,
    root: Option<NodeId>,
    /// XML comments in source order (empty for JSON and binary plists).
    pub comments: Vec<Comment>,
}

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A dict key.
    Key(String),
    /// An array index.
    Index(usize),
}

impl Tree {
    /// An empty tree; fill it with [`Tree::push`] and [`Tree::set_root`].
    pub fn new() -> Self {
        Tree::default()
    }

    /// An empty tree with room for `nodes` nodes (parsers that know the count up front).
    pub(crate) fn with_capacity(nodes: usize) -> Self {
        Tree {
            nodes: Vec::with_capacity(nodes),
            root: None,
            comments: Vec::new(),
        }
    }

    /// Releases spare capacity once a parser has added every node.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.nodes.shrink_to_fit();
        self.comments.shrink_to_fit();
    }

    /// Adds a node and returns its id. Parent links are set by [`Tree::attach`].
    pub fn push(&mut self, value: Value, span: Option<Span>, inner: Option<Span>) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(Node {
            value,
            span: PackedSpan::pack(span),
            inner: PackedSpan::pack(inner),
            parent: None,
        });
        id
    }

    /// Records that `child` is entry or element number `slot` of `parent`.
    pub fn attach(&mut self, child: NodeId, parent: NodeId, slot: usize) {
        if let Some(node) = self.nodes.get_mut(child.index()) {
            node.parent = Some(ParentLink {
                parent,
                slot: u32::try_from(slot).unwrap_or(u32::MAX),
            });
        }
    }

    /// Mutable access to a node, for builders that fill containers after their children.
    pub fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.nodes.get_mut(id.index())
    }

    /// Sets the root node.
    pub fn set_root(&mut self, id: NodeId) {
        self.root = Some(id);
    }

    /// The root node id, `None` for an empty tree.
    pub fn root(&self) -> Option<NodeId> {
        self.root
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the tree has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The node with this id. Ids come from this tree, so a miss means a bug; it yields `None`
    /// rather than a panic.
    pub fn get(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.index())
    }

    /// All nodes with their ids, in creation order.
    pub fn iter(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes.iter().enumerate().map(|(i, n)| (NodeId(i as u32), n))
    }

    /// The value of a node.
    pub fn value(&self, id: NodeId) -> Option<&Value> {
        self.get(id).map(|n| &n.value)
    }

    /// The span of a node.
    pub fn span(&self, id: NodeId) -> Option<Span> {
        self.get(id).and_then(Node::span)
    }

    /// The entries of a dict node (empty for anything else).
    pub fn entries(&self, id: NodeId) -> &[Entry] {
        match self.value(id) {
            Some(Value::Dict(entries)) => entries,
            _ => &[],
        }
    }

    /// The elements of an array node (empty for anything else).
    pub fn elements(&self, id: NodeId) -> &[NodeId] {
        match self.value(id) {
            Some(Value::Array(items)) => items,
            _ => &[],
        }
    }

    /// The strings under `node` (itself included), in document order, with their nodes. An
    /// explicit stack, never recursion: the nesting comes from the input.
    pub fn strings_under(&self, node: NodeId) -> impl Iterator<Item = (NodeId, &str)> + '_ {
        let mut stack = vec![node];
        std::iter::from_fn(move || {
            while let Some(id) = stack.pop() {
                match self.value(id) {
                    Some(Value::Dict(entries)) => stack.extend(entries.iter().rev().map(|e| e.value)),
                    Some(Value::Array(items)) => stack.extend(items.iter().rev().copied()),
                    Some(Value::String(s)) => return Some((id, s.as_str())),
                    _ => {}
                }
            }
            None
        })
    }

    /// The first entry with this exact key in a dict node.
    pub fn entry(&self, dict: NodeId, key: &str) -> Option<&Entry> {
        self.entries(dict).iter().find(|e| e.key == key)
    }

    /// The value node of the first entry with this exact key.
    pub fn get_key(&self, dict: NodeId, key: &str) -> Option<NodeId> {
        self.entry(dict, key).map(|e| e.value)
    }

    /// The string value of a node, if it is a string.
    pub fn str(&self, id: NodeId) -> Option<&str> {
        match self.value(id) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The string value under `key` in a dict node.
    pub fn str_key(&self, dict: NodeId, key: &str) -> Option<&str> {
        self.get_key(dict, key).and_then(|id| self.str(id))
    }

    /// The entry that holds `id` when its parent is a dict.
    pub fn parent_entry(&self, id: NodeId) -> Option<&Entry> {
        let link = self.get(id)?.parent?;
        self.entries(link.parent).get(link.slot as usize)
    }

    /// The path from the root to `id`, outermost first.
    pub fn path(&self, id: NodeId) -> Vec<PathSegment> {
        let mut segments = Vec::new();
        let mut current = id;
        // Bounded by the number of nodes, so a corrupted parent chain cannot loop forever.
        for _ in 0..=self.nodes.len() {
            let Some(link) = self.get(current).and_then(|n| n.parent) else {
                break;
            };
            match self.value(link.parent) {
                Some(Value::Dict(entries)) => {
                    let key = entries
                        .get(link.slot as usize)
                        .map(|e| e.key.to_string())
                        .unwrap_or_default();
                    segments.push(PathSegment::Key(key));
                }
                _ => segments.push(PathSegment::Index(link.slot as usize)),
            }
            current = link.parent;
        }
        segments.reverse();
        segments
    }

    /// Whether two nodes hold the same value (same kinds, same scalars, same keys in the same
    /// order), ignoring where they were written. Iterative, so depth cannot overflow the stack.
    pub fn same_value(&self, a: NodeId, b: NodeId) -> bool {
        self.same_value_as(a, self, b)
    }

    /// Whether node `a` of this tree holds the same value as node `b` of `other` (see
    /// [`Tree::same_value`]).
    pub fn same_value_as(&self, a: NodeId, other: &Tree, b: NodeId) -> bool {
        let mut pending = vec![(a, b)];
        while let Some((x, y)) = pending.pop() {
            crate::work::add(1);
            match (self.value(x), other.value(y)) {
                (Some(Value::Dict(ex)), Some(Value::Dict(ey))) => {
                    if ex.len() != ey.len() {
                        return false;
                    }
                    for (p, q) in ex.iter().zip(ey) {
                        if p.key != q.key {
                            return false;
                        }
                        pending.push((p.value, q.value));
                    }
                }
                (Some(Value::Array(ix)), Some(Value::Array(iy))) => {
                    if ix.len() != iy.len() {
                        return false;
                    }
                    pending.extend(ix.iter().copied().zip(iy.iter().copied()));
                }
                (Some(vx), Some(vy)) if vx == vy => {}
                _ => return false,
            }
        }
        true
    }

    /// A hash of the value at `id` such that two values [`Tree::same_value_as`] calls the same
    /// have the same hash (reals are hashed by kind only, as `0.0 == -0.0`). Different hashes
    /// prove different content without either tree at hand; equal ones must still be compared.
    pub fn content_hash(&self, id: NodeId) -> u64 {
        use std::hash::{BuildHasher as _, Hash as _, Hasher as _};
        let mut hasher = foldhash::fast::FixedState::default().build_hasher();
        let mut pending = Vec::with_capacity(64);
        pending.push(id);
        while let Some(x) = pending.pop() {
            crate::work::add(1);
            let Some(value) = self.value(x) else {
                0u8.hash(&mut hasher);
                continue;
            };
            std::mem::discriminant(value).hash(&mut hasher);
            match value {
                Value::Dict(entries) => {
                    entries.len().hash(&mut hasher);
                    for entry in entries {
                        entry.key.as_str().hash(&mut hasher);
                        pending.push(entry.value);
                    }
                }
                Value::Array(items) => {
                    items.len().hash(&mut hasher);
                    pending.extend(items.iter().copied());
                }
                Value::String(s) | Value::Date(s) => s.hash(&mut hasher),
                Value::Integer(i) => i.hash(&mut hasher),
                Value::Bool(b) => b.hash(&mut hasher),
                // Certificates run to kilobytes: their length and ends tell copies apart well
                // enough for a hash that only decides which trees to compare.
                Value::Data(bytes) => {
                    bytes.len().hash(&mut hasher);
                    bytes.get(..32).hash(&mut hasher);
                    bytes.get(bytes.len().saturating_sub(32)..).hash(&mut hasher);
                }
                Value::Real(_) | Value::Null => {}
            }
        }
        hasher.finish()
    }

    /// The key path of a node as users write it: `PayloadContent[0].ExtensionData.device_registration`.
    /// Keys that are not plain identifiers are quoted: `settings[0]["odd.key"]`.
    pub fn key_path(&self, id: NodeId) -> String {
        // The same walk as `path`, rendered straight from the tree's keys (no copies of them).
        let mut links = Vec::new();
        let mut current = id;
        for _ in 0..=self.nodes.len() {
            let Some(link) = self.get(current).and_then(|n| n.parent) else {
                break;
            };
            links.push(link);
            current = link.parent;
        }
        let mut out = String::new();
        for link in links.iter().rev() {
            match self.value(link.parent) {
                Some(Value::Dict(entries)) => {
                    let key = entries.get(link.slot as usize).map_or("", |e| e.key.as_str());
                    push_key(&mut out, key);
                }
                _ => push_index(&mut out, link.slot as usize),
            }
        }
        out
    }
}

/// Renders path segments as a key path string (see [`Tree::key_path`]).
pub fn format_key_path(segments: &[PathSegment]) -> String {
    let mut out = String::new();
    for seg in segments {
        match seg {
            PathSegment::Index(i) => push_index(&mut out, *i),
            PathSegment::Key(k) => push_key(&mut out, k),
        }
    }
    out
}

/// Appends `[i]`.
fn push_index(out: &mut String, i: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "[{i}]");
}

/// Appends `.key`, or `["key"]` for a key that needs quoting.
fn push_key(out: &mut String, key: &str) {
    if is_plain_key(key) {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        out.push('[');
        out.push_str(&serde_json::to_string(key).unwrap_or_default());
        out.push(']');
    }
}

/// A key that can stand in a dotted path without quoting.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '@' | '#' | '$' | ':' | '/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_path_renders_keys_indexes_and_quotes() {
        let mut t = Tree::new();
        let leaf = t.push(Value::String("x".into()), None, None);
        let odd = t.push(Value::Integer(1), None, None);
        let inner = t.push(
            Value::Dict(vec![
                Entry::new("device_registration", None, None, leaf),
                Entry::new("a.b c", None, None, odd),
            ]),
            None,
            None,
        );
        t.attach(leaf, inner, 0);
        t.attach(odd, inner, 1);
        let arr = t.push(Value::Array(vec![inner]), None, None);
        t.attach(inner, arr, 0);
        let root = t.push(
            Value::Dict(vec![Entry::new("PayloadContent", None, None, arr)]),
            None,
            None,
        );
        t.attach(arr, root, 0);
        t.set_root(root);
        assert_eq!(t.key_path(leaf), "PayloadContent[0].device_registration");
        assert_eq!(t.key_path(odd), "PayloadContent[0][\"a.b c\"]");
        assert_eq!(t.key_path(root), "");
        for node in [leaf, odd, root] {
            assert_eq!(t.key_path(node), format_key_path(&t.path(node)));
        }
    }
}
