//! XML property list reader: one pass over quick-xml events into a [`Tree`].
//!
//! The reader keeps an explicit stack of open containers (never recursion), so any nesting depth
//! is bounded by [`Limits::max_depth`] rather than by the thread's stack. A `<!DOCTYPE …>` is
//! skipped and never interpreted: DTD entities are neither read nor expanded, and nothing is ever
//! fetched from a file or the network. Only XML's five predefined entities and numeric character
//! references are resolved; any other entity reference is a PL001 error.
//!
//! Byte offsets come from the reader's positions between events, so every value borrows its raw
//! text from the input and allocates only when the tree needs an owned value.
//!
//! Events come from one of two tokenizers feeding the same plist state machine. Plain plists —
//! the XML declaration at the start, a `<!DOCTYPE>` without internal subset, lower-case element
//! names, double-quoted attributes, comments, predefined entities and character references — are
//! tokenized by a small scanner of this module. Anything else (CDATA sections, processing
//! instructions, single quotes, unusual spacing inside tags, …) and every document that turns out
//! to be malformed is read again from the start with quick-xml, so errors, messages and positions
//! always come from quick-xml, and both tokenizers yield the same events at the same offsets for
//! the documents the scanner accepts.

mod scalar;
mod scan;

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::tree::CompactString;
use super::{Comment, Entry, NodeId, SyntaxError, Tree, Value};
use crate::limits::Limits;
use crate::span::Span;
use scalar::{scalar_value, Content};
use scan::{find, is_xml_space, scan_name, tag_end, text_end};

/// Parses an XML plist `text` into a Tree.
///
/// Accepts an optional XML declaration, an optional (skipped) `<!DOCTYPE …>`, and either a
/// `<plist>` root wrapping exactly one value or a bare root value, as the `plist` crate does.
/// Comments are kept in [`Tree::comments`]. Every node gets the span of its whole element and,
/// for scalars, the span of its content.
///
/// # Errors
///
/// [`SyntaxErrorKind::InvalidPlist`](super::SyntaxErrorKind::InvalidPlist) for malformed XML or
/// plist structure, with a span where it broke;
/// [`SyntaxErrorKind::Limit`](super::SyntaxErrorKind::Limit) when the document nests deeper than
/// [`Limits::max_depth`] or holds more than [`Limits::max_nodes`] nodes.
pub fn parse(text: &str, limits: &Limits) -> Result<Tree, SyntaxError> {
    // XML 1.0 allows U+0000 nowhere (and `&#0;` is refused as a character reference).
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(SyntaxError::plist(
            "NUL character (U+0000): XML allows it nowhere",
            Span::new(at, at + 1),
        ));
    }
    match Parser::new(text, limits).run_fast() {
        Some(tree) => Ok(tree),
        None => Parser::new(text, limits).run(),
    }
}

/// The elements of the plist DTD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Plist,
    Dict,
    Array,
    Key,
    String,
    Integer,
    Real,
    True,
    False,
    Date,
    Data,
}

impl Tag {
    fn from_name(name: &str) -> Option<Tag> {
        Some(match name {
            "plist" => Tag::Plist,
            "dict" => Tag::Dict,
            "array" => Tag::Array,
            "key" => Tag::Key,
            "string" => Tag::String,
            "integer" => Tag::Integer,
            "real" => Tag::Real,
            "true" => Tag::True,
            "false" => Tag::False,
            "date" => Tag::Date,
            "data" => Tag::Data,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Tag::Plist => "plist",
            Tag::Dict => "dict",
            Tag::Array => "array",
            Tag::Key => "key",
            Tag::String => "string",
            Tag::Integer => "integer",
            Tag::Real => "real",
            Tag::True => "true",
            Tag::False => "false",
            Tag::Date => "date",
            Tag::Data => "data",
        }
    }
}

/// A key read inside a dict, waiting for its value.
struct PendingKey {
    key: CompactString,
    span: Span,
    inner: Span,
}

/// The children of an open container, gathered on the parser's shared stacks (so that each
/// container gets one allocation of the exact size when it closes).
enum Body {
    Dict {
        /// Index of this dict's first entry in `Parser::entries`.
        first: usize,
        pending: Option<PendingKey>,
    },
    /// Index of this array's first element in `Parser::items`.
    Array { first: usize },
}

/// An open `<dict>` or `<array>`; its node already exists (with an empty value) so children can
/// be attached to it as they arrive.
struct Frame {
    tag: Tag,
    id: NodeId,
    start: usize,
    body: Body,
}

/// The scalar element being read (scalars never nest, so there is at most one).
struct OpenScalar<'a> {
    tag: Tag,
    start: usize,
    inner_start: usize,
    content: Content<'a>,
}

struct Parser<'a, 'l> {
    text: &'a str,
    /// Bytes quick-xml skips without counting them in its positions (a leading byte order mark).
    skipped: usize,
    reader: Reader<&'a [u8]>,
    limits: &'l Limits,
    tree: Tree,
    frames: Vec<Frame>,
    /// Entries of the open dicts, innermost last.
    entries: Vec<Entry>,
    /// Elements of the open arrays, innermost last.
    items: Vec<NodeId>,
    scalar: Option<OpenScalar<'a>>,
    /// Offset of the open `<plist>` start tag.
    plist_open: Option<usize>,
    /// Whether `<plist>` was seen and closed.
    plist_closed: bool,
    /// Whether any element was seen (a DOCTYPE or XML declaration must come before).
    seen_element: bool,
}

/// Shortens a value quoted in a message.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or(s)),
        None => s.to_owned(),
    }
}

impl<'a, 'l> Parser<'a, 'l> {
    fn new(text: &'a str, limits: &'l Limits) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = false;
        // End tags are matched against this parser's own stack, for plist-specific messages.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        // Profiles average 60–80 bytes of text per node; start a little above that (the tree is
        // trimmed when complete, and grows as usual if the guess was short).
        let estimate = text.len() / 48;
        Parser {
            text,
            skipped: if text.starts_with('\u{feff}') {
                '\u{feff}'.len_utf8()
            } else {
                0
            },
            reader,
            limits,
            tree: Tree::with_capacity(estimate.min(limits.max_nodes)),
            frames: Vec::new(),
            entries: Vec::new(),
            items: Vec::new(),
            scalar: None,
            plist_open: None,
            plist_closed: false,
            seen_element: false,
        }
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position())
            .map_or(self.text.len(), |p| p.saturating_add(self.skipped).min(self.text.len()))
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    fn run(mut self) -> Result<Tree, SyntaxError> {
        loop {
            let start = self.position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => return Err(self.xml_error(&err)),
            };
            let end = self.position();
            match event {
                Event::Start(e) => self.start_tag(e.name().0, start, end, false)?,
                Event::Empty(e) => self.start_tag(e.name().0, start, end, true)?,
                Event::End(e) => self.end_tag(e.name().0, start, end)?,
                Event::Text(_) => self.text_event(start, end)?,
                Event::CData(_) => {
                    // `<![CDATA[` … `]]>`
                    let content = self.slice(start + 9, end.saturating_sub(3));
                    self.character_data(content, start)?;
                }
                Event::GeneralRef(r) => self.reference(&r, start, end)?,
                Event::Comment(_) => self.comment(start, end),
                Event::Decl(_) => self.declaration(start, end)?,
                Event::DocType(_) => self.doctype(start, end)?,
                Event::PI(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    /// The same events from this module's scanner, for plain plists; `None` when the document
    /// needs quick-xml (something the scanner does not read, or any error).
    fn run_fast(mut self) -> Option<Tree> {
        let b = self.text.as_bytes();
        // quick-xml drops a leading byte order mark without counting it in its positions.
        if b.starts_with("\u{feff}".as_bytes()) {
            return None;
        }
        let mut i = 0;
        loop {
            let start = i;
            match b.get(i) {
                None => return self.finish().ok(),
                Some(b'<') => match b.get(i + 1)? {
                    b'/' => {
                        let name_end = scan_name(b, i + 2);
                        if name_end == i + 2 || b.get(name_end) != Some(&b'>') {
                            return None;
                        }
                        i = name_end + 1;
                        self.end_tag(self.slice(start + 2, name_end), start, i).ok()?;
                    }
                    b'!' if b.get(i..i + 4) == Some(b"<!--") => {
                        let close = find(b, i + 4, b"-->")?;
                        let content = b.get(i + 4..close)?;
                        if content.first().is_some_and(|c| matches!(c, b'-' | b'>'))
                            || find(content, 0, b"--").is_some()
                        {
                            return None;
                        }
                        i = close + 3;
                        self.comment(start, i);
                    }
                    b'!' if b.get(i..i + 9) == Some(b"<!DOCTYPE") && b.get(i + 9).is_some_and(|c| is_xml_space(*c)) => {
                        let close = i + b.get(i..)?.iter().position(|c| *c == b'>')?;
                        // An internal subset, single quotes or a `>` inside quotes: quick-xml reads those.
                        let inside = b.get(i + 1..close)?;
                        let quotes = inside.iter().filter(|c| **c == b'"').count();
                        if quotes % 2 != 0 || inside.iter().any(|c| matches!(c, b'[' | b'\'' | b'<')) {
                            return None;
                        }
                        i = close + 1;
                        self.doctype(start, i).ok()?;
                    }
                    b'?' if i == 0 && b.get(..5) == Some(b"<?xml") && b.get(5).is_some_and(|c| is_xml_space(*c)) => {
                        let close = b.iter().position(|c| *c == b'>')?;
                        if close < 6 || b.get(close - 1) != Some(&b'?') {
                            return None;
                        }
                        i = close + 1;
                        self.declaration(start, i).ok()?;
                    }
                    _ => {
                        let name_end = scan_name(b, i + 1);
                        if name_end == i + 1 {
                            return None;
                        }
                        let (end, empty) = tag_end(b, name_end)?;
                        i = end;
                        self.start_tag(self.slice(start + 1, name_end), start, end, empty)
                            .ok()?;
                    }
                },
                Some(b'&') => {
                    // As quick-xml: up to the first `;`, unless `&` or `<` comes first.
                    let rest = b.get(i + 1..)?;
                    let semi = i + 1 + rest.iter().position(|c| matches!(c, b';' | b'&' | b'<'))?;
                    if b.get(semi) != Some(&b';') {
                        return None;
                    }
                    i = semi + 1;
                    let reference = BytesRef::new(self.slice(start + 1, semi));
                    self.reference(&reference, start, i).ok()?;
                }
                Some(_) => {
                    i = text_end(b, i);
                    self.text_event(start, i).ok()?;
                }
            }
        }
    }

    /// A comment `<!-- … -->` at `start..end`, kept for inline suppressions.
    fn comment(&mut self, start: usize, end: usize) {
        let text = self.slice(start + 4, end.saturating_sub(3)).to_owned();
        self.tree.comments.push(Comment {
            span: Span::new(start, end),
            text,
        });
    }

    /// The XML declaration at `start..end`.
    fn declaration(&self, start: usize, end: usize) -> Result<(), SyntaxError> {
        if self.seen_element {
            return Err(SyntaxError::plist(
                "the XML declaration must come before the root element",
                Span::new(start, end),
            ));
        }
        Ok(())
    }

    /// A `<!DOCTYPE …>` at `start..end`: skipped, never interpreted (no entity is read, nothing
    /// is fetched).
    fn doctype(&self, start: usize, end: usize) -> Result<(), SyntaxError> {
        if self.seen_element {
            return Err(SyntaxError::plist(
                "`<!DOCTYPE>` must come before the root element",
                Span::new(start, end),
            ));
        }
        Ok(())
    }

    /// Maps a quick-xml error to PL001 at the reader's error position.
    fn xml_error(&self, err: &quick_xml::Error) -> SyntaxError {
        use quick_xml::errors::IllFormedError;
        let at = usize::try_from(self.reader.error_position())
            .map_or(self.text.len(), |p| p.saturating_add(self.skipped).min(self.text.len()));
        let message = match err {
            quick_xml::Error::Syntax(e) => format!("malformed XML: {e}"),
            quick_xml::Error::IllFormed(IllFormedError::UnclosedReference) => {
                "`&` without a closing `;` (write `&amp;` for a literal ampersand)".to_owned()
            }
            quick_xml::Error::IllFormed(e) => format!("malformed XML: {e}"),
            other => format!("malformed XML: {other}"),
        };
        SyntaxError::plist(message, Span::point(at))
    }

    /// The innermost open element, for messages.
    fn open_name(&self) -> Option<&'static str> {
        if let Some(s) = &self.scalar {
            return Some(s.tag.name());
        }
        if let Some(f) = self.frames.last() {
            return Some(f.tag.name());
        }
        self.plist_open.map(|_| Tag::Plist.name())
    }

    /// Whether the root value is complete (nothing after it but comments and whitespace).
    fn root_done(&self) -> bool {
        self.plist_closed || (self.tree.root().is_some() && self.frames.is_empty() && self.scalar.is_none())
    }

    fn start_tag(&mut self, name: &str, start: usize, end: usize, empty: bool) -> Result<(), SyntaxError> {
        self.seen_element = true;
        let span = Span::new(start, end);
        if let Some(scalar) = &self.scalar {
            return Err(SyntaxError::plist(
                format!(
                    "unexpected element `<{}>` inside `<{}>`",
                    shorten(name),
                    scalar.tag.name()
                ),
                span,
            ));
        }
        let Some(tag) = Tag::from_name(name) else {
            return Err(SyntaxError::plist(
                format!("unknown element `<{}>`", shorten(name)),
                span,
            ));
        };
        if self.root_done() {
            return Err(SyntaxError::plist("content after the root value", span));
        }
        match tag {
            Tag::Plist => {
                if !self.frames.is_empty() || self.plist_open.is_some() {
                    return Err(SyntaxError::plist(
                        "`<plist>` is allowed only as the root element",
                        span,
                    ));
                }
                if empty {
                    return Err(SyntaxError::plist("document has no value", span));
                }
                self.plist_open = Some(start);
                Ok(())
            }
            Tag::Key => {
                match self.frames.last() {
                    Some(Frame {
                        body: Body::Dict { pending: Some(_), .. },
                        ..
                    }) => {
                        return Err(SyntaxError::plist("`<key>` without a value (found `<key>`)", span));
                    }
                    Some(Frame {
                        body: Body::Dict { .. },
                        ..
                    }) => {}
                    _ => return Err(SyntaxError::plist("`<key>` outside a `<dict>`", span)),
                }
                if empty {
                    self.set_pending_key(CompactString::default(), span, Span::point(end));
                } else {
                    self.scalar = Some(OpenScalar {
                        tag,
                        start,
                        inner_start: end,
                        content: Content::Empty,
                    });
                }
                Ok(())
            }
            Tag::Dict | Tag::Array => {
                self.check_value_slot(tag, span)?;
                if self.frames.len() >= self.limits.max_depth {
                    return Err(SyntaxError::limit(
                        format!("nesting deeper than the limit of {}", self.limits.max_depth),
                        span,
                    ));
                }
                let value = if tag == Tag::Dict {
                    Value::Dict(Vec::new())
                } else {
                    Value::Array(Vec::new())
                };
                let node_span = if empty { Some(span) } else { None };
                let id = self.add_node(value, node_span, None, span)?;
                if !empty {
                    // After `add_node`, which may have pushed this container's own entry.
                    let body = if tag == Tag::Dict {
                        Body::Dict {
                            first: self.entries.len(),
                            pending: None,
                        }
                    } else {
                        Body::Array {
                            first: self.items.len(),
                        }
                    };
                    self.frames.push(Frame { tag, id, start, body });
                }
                Ok(())
            }
            _ => {
                self.check_value_slot(tag, span)?;
                if empty {
                    let inner = Span::point(end);
                    let value = scalar_value(tag, Content::Empty, span, inner)?;
                    self.add_node(value, Some(span), Some(inner), span)?;
                } else {
                    self.scalar = Some(OpenScalar {
                        tag,
                        start,
                        inner_start: end,
                        content: Content::Empty,
                    });
                }
                Ok(())
            }
        }
    }

    /// Checks that a value may start here: as the root, in an array, or after a `<key>`.
    fn check_value_slot(&self, tag: Tag, span: Span) -> Result<(), SyntaxError> {
        match self.frames.last() {
            Some(Frame {
                body: Body::Dict { first, pending: None },
                ..
            }) => {
                if self.entries.len() == *first {
                    Err(SyntaxError::plist(
                        format!("a `<{}>` value must follow a `<key>`", tag.name()),
                        span,
                    ))
                } else {
                    Err(SyntaxError::plist("two values after one `<key>`", span))
                }
            }
            _ => Ok(()),
        }
    }

    /// Creates a node and links it into the open container (or makes it the root).
    fn add_node(
        &mut self,
        value: Value,
        span: Option<Span>,
        inner: Option<Span>,
        at: Span,
    ) -> Result<NodeId, SyntaxError> {
        if self.tree.len() >= self.limits.max_nodes {
            return Err(SyntaxError::limit(
                format!("more nodes than the limit of {}", self.limits.max_nodes),
                at,
            ));
        }
        let id = self.tree.push(value, span, inner);
        match self.frames.last_mut() {
            Some(frame) => {
                let parent = frame.id;
                let slot = match &mut frame.body {
                    Body::Dict { first, pending } => {
                        // `check_value_slot` guarantees a pending key.
                        let key = pending.take().unwrap_or(PendingKey {
                            key: CompactString::default(),
                            span: at,
                            inner: at,
                        });
                        self.entries
                            .push(Entry::new(key.key, Some(key.span), Some(key.inner), id));
                        self.entries.len() - 1 - *first
                    }
                    Body::Array { first } => {
                        self.items.push(id);
                        self.items.len() - 1 - *first
                    }
                };
                self.tree.attach(id, parent, slot);
            }
            None => self.tree.set_root(id),
        }
        Ok(id)
    }

    fn set_pending_key(&mut self, key: CompactString, span: Span, inner: Span) {
        if let Some(Frame {
            body: Body::Dict { pending, .. },
            ..
        }) = self.frames.last_mut()
        {
            *pending = Some(PendingKey { key, span, inner });
        }
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) -> Result<(), SyntaxError> {
        let span = Span::new(start, end);
        if let Some(scalar) = self.scalar.take() {
            if name != scalar.tag.name() {
                return Err(SyntaxError::plist(
                    format!("expected `</{}>`, found `</{}>`", scalar.tag.name(), shorten(name)),
                    span,
                ));
            }
            let whole = Span::new(scalar.start, end);
            let inner = Span::new(scalar.inner_start, start);
            if scalar.tag == Tag::Key {
                self.set_pending_key(scalar.content.into_compact(), whole, inner);
            } else {
                let value = scalar_value(scalar.tag, scalar.content, whole, inner)?;
                self.add_node(value, Some(whole), Some(inner), whole)?;
            }
            return Ok(());
        }
        if let Some(frame) = self.frames.last() {
            if let Body::Dict { pending: Some(_), .. } = frame.body {
                return Err(SyntaxError::plist(
                    format!("`<key>` without a value (found `</{}>`)", shorten(name)),
                    span,
                ));
            }
            if name != frame.tag.name() {
                return Err(SyntaxError::plist(
                    format!("expected `</{}>`, found `</{}>`", frame.tag.name(), shorten(name)),
                    span,
                ));
            }
            if let Some(frame) = self.frames.pop() {
                // `split_off` moves the children into a vector of exactly their number.
                let value = match frame.body {
                    Body::Dict { first, .. } => Value::Dict(self.entries.split_off(first)),
                    Body::Array { first } => Value::Array(self.items.split_off(first)),
                };
                if let Some(node) = self.tree.node_mut(frame.id) {
                    node.value = value;
                    node.set_span(Some(Span::new(frame.start, end)));
                }
            }
            return Ok(());
        }
        if self.plist_open.is_some() {
            if name != Tag::Plist.name() {
                return Err(SyntaxError::plist(
                    format!("expected `</plist>`, found `</{}>`", shorten(name)),
                    span,
                ));
            }
            if self.tree.root().is_none() {
                return Err(SyntaxError::plist("document has no value", span));
            }
            self.plist_open = None;
            self.plist_closed = true;
            return Ok(());
        }
        if self.root_done() {
            return Err(SyntaxError::plist("content after the root value", span));
        }
        Err(SyntaxError::plist(format!("unexpected `</{}>`", shorten(name)), span))
    }

    /// Plain text between tags.
    fn text_event(&mut self, start: usize, end: usize) -> Result<(), SyntaxError> {
        let raw = self.slice(start, end);
        self.character_data(raw, start)
    }

    /// Text or CDATA content starting at `start`: content of the open scalar, or whitespace.
    fn character_data(&mut self, content: &'a str, start: usize) -> Result<(), SyntaxError> {
        match &mut self.scalar {
            Some(s) if !matches!(s.tag, Tag::True | Tag::False) => {
                s.content.push_str(content);
                Ok(())
            }
            scalar => match content.bytes().position(|b| !is_xml_space(b)) {
                None => Ok(()),
                Some(i) => {
                    let message = match scalar {
                        Some(s) => format!("`<{}/>` takes no content", s.tag.name()),
                        None => "text outside an element".to_owned(),
                    };
                    // For CDATA, `start` is the `<` of `<![CDATA[`; point there.
                    let at = if self.text.as_bytes().get(start) == Some(&b'<') {
                        start
                    } else {
                        start + i
                    };
                    Err(SyntaxError::plist(message, Span::point(at)))
                }
            },
        }
    }

    /// An entity or character reference `&…;` at `start..end`.
    fn reference(&mut self, r: &BytesRef<'_>, start: usize, end: usize) -> Result<(), SyntaxError> {
        let span = Span::new(start, end);
        let raw = self.slice(start, end);
        let resolved: Result<char, &'static str> = if r.is_char_ref() {
            match r.resolve_char_ref() {
                Ok(Some(c)) => Ok(c),
                _ => {
                    return Err(SyntaxError::plist(
                        format!("invalid character reference `{}`", shorten(raw)),
                        span,
                    ))
                }
            }
        } else {
            match quick_xml::escape::resolve_xml_entity(r) {
                Some(s) => Err(s),
                None => {
                    return Err(SyntaxError::plist(
                        format!(
                            "entity `{}` is not one of XML's predefined entities; DTD entities are never expanded",
                            shorten(raw)
                        ),
                        span,
                    ))
                }
            }
        };
        match &mut self.scalar {
            Some(s) if !matches!(s.tag, Tag::True | Tag::False) => {
                match resolved {
                    Ok(c) => s.content.push_char(c),
                    Err(entity) => s.content.push_str(entity),
                }
                Ok(())
            }
            scalar => {
                // Outside a scalar only a reference to whitespace is tolerated (as the plist crate does).
                if let Ok(c) = resolved {
                    if c.is_ascii() && is_xml_space(c as u8) {
                        return Ok(());
                    }
                }
                let message = match scalar {
                    Some(s) => format!("`<{}/>` takes no content", s.tag.name()),
                    None => "text outside an element".to_owned(),
                };
                Err(SyntaxError::plist(message, span))
            }
        }
    }

    fn finish(self) -> Result<Tree, SyntaxError> {
        let eof = Span::point(self.text.len());
        if let Some(name) = self.open_name() {
            return Err(SyntaxError::plist(
                format!("unexpected end of file inside `<{name}>`"),
                eof,
            ));
        }
        if self.tree.root().is_none() {
            return Err(SyntaxError::plist("document has no value", eof));
        }
        let mut tree = self.tree;
        tree.shrink_to_fit();
        Ok(tree)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scanner either defers to quick-xml or yields exactly quick-xml's tree.
    fn assert_same(text: &str, limits: &Limits) -> bool {
        let Some(fast) = Parser::new(text, limits).run_fast() else {
            return false;
        };
        match Parser::new(text, limits).run() {
            Ok(reference) => assert!(fast == reference, "trees differ for {text:?}"),
            Err(e) => panic!("the scanner accepted what quick-xml refuses ({e:?}): {text:?}"),
        }
        true
    }

    const FIXTURES: &[&str] = &[
        include_str!("../../../tests/fixtures/xml/all_kinds.plist"),
        include_str!("../../../tests/fixtures/xml/comments.plist"),
        include_str!("../../../tests/fixtures/xml/entities.plist"),
        include_str!("../../../tests/fixtures/xml/numeric_refs.plist"),
        include_str!("../../../tests/fixtures/xml/non_ascii.plist"),
        include_str!("../../../tests/fixtures/xml/crlf.plist"),
        include_str!("../../../tests/fixtures/xml/empty_elements.plist"),
        include_str!("../../../tests/fixtures/xml/duplicate_keys.plist"),
        include_str!("../../../tests/fixtures/xml/bare_root.plist"),
        include_str!("../../../tests/fixtures/xml/scalar_root.plist"),
        include_str!("../../../tests/fixtures/model/plist/ios_jit.mobileconfig"),
    ];

    #[test]
    fn scanner_matches_quick_xml_on_fixtures_and_edge_cases() {
        let limits = Limits::default();
        for text in FIXTURES.iter().copied().chain([
            "<plist version=\"1.0\" ><true /></plist>",
            "<plist><true/><!----></plist>",
        ]) {
            assert!(assert_same(text, &limits), "the scanner should read {text:?}");
        }
        let deferred = [
            "\u{feff}<plist><string>x</string></plist>",
            "<plist><string><![CDATA[x]]></string></plist>",
            "<?xml-stylesheet href='a'?><plist><true/></plist>",
            "<plist version='1.0'><true/></plist>",
            "<plist><string>a</string ></plist>",
            "<!DOCTYPE plist [<!ENTITY x 'y'>]><plist><true/></plist>",
            "<plist><string>a &amp b</string></plist>",
            "<plist><string>a & b</string></plist>",
            "<plist><!-- a -- b --><true/></plist>",
            "<plist><!---><true/></plist>",
            "<plist><String>x</String></plist>",
            "<plist><string>x</string></plist",
            "<plist><dict><key>a</key></dict></plist>",
            " <?xml version=\"1.0\"?><plist><true/></plist>",
        ];
        for text in deferred {
            assert!(!assert_same(text, &limits), "the scanner should defer {text:?}");
        }
    }

    #[test]
    fn scanner_matches_quick_xml_on_mutations() {
        // Deterministic byte-level edits (xorshift) of real profiles: every edit either goes to
        // quick-xml or yields quick-xml's tree.
        let alphabet = b"<>/!?&;#x=\"' -\n\t[]adefgiklnrstuy0123456789";
        let limits = Limits {
            max_depth: 5,
            max_nodes: 60,
            ..Limits::default()
        };
        let mut next = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15_u64);
        let mut fast = 0;
        for seed in FIXTURES {
            for _ in 0..1500 {
                let bytes = crate::testing::mutate(seed.as_bytes(), alphabet, &mut next);
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    fast += usize::from(assert_same(text, &limits));
                }
            }
        }
        assert!(fast > 1000, "too few mutations took the fast path ({fast})");
    }
}
