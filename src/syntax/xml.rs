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

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

use super::{Comment, Entry, NodeId, SyntaxError, Tree, Value};
use crate::limits::Limits;
use crate::span::Span;

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
    Parser::new(text, limits).run()
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
    key: String,
    span: Span,
    inner: Span,
}

/// The children of an open container.
enum Body {
    Dict {
        entries: Vec<Entry>,
        pending: Option<PendingKey>,
    },
    Array(Vec<NodeId>),
}

/// An open `<dict>` or `<array>`; its node already exists (with an empty value) so children can
/// be attached to it as they arrive.
struct Frame {
    tag: Tag,
    id: NodeId,
    start: usize,
    body: Body,
}

/// Text content gathered for a scalar: borrowed from the input while it is one contiguous piece,
/// owned once entities, CDATA sections or comments split it.
enum Content<'a> {
    Empty,
    Borrowed(&'a str),
    Owned(String),
}

impl<'a> Content<'a> {
    fn push_str(&mut self, s: &'a str) {
        if s.is_empty() {
            return;
        }
        match self {
            Content::Empty => *self = Content::Borrowed(s),
            Content::Borrowed(prev) => {
                let mut owned = String::with_capacity(prev.len() + s.len());
                owned.push_str(prev);
                owned.push_str(s);
                *self = Content::Owned(owned);
            }
            Content::Owned(owned) => owned.push_str(s),
        }
    }

    fn push_char(&mut self, c: char) {
        match self {
            Content::Empty => *self = Content::Owned(c.to_string()),
            Content::Borrowed(prev) => {
                let mut owned = String::with_capacity(prev.len() + c.len_utf8());
                owned.push_str(prev);
                owned.push(c);
                *self = Content::Owned(owned);
            }
            Content::Owned(owned) => owned.push(c),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Content::Empty => "",
            Content::Borrowed(s) => s,
            Content::Owned(s) => s,
        }
    }

    fn into_string(self) -> String {
        match self {
            Content::Empty => String::new(),
            Content::Borrowed(s) => s.to_owned(),
            Content::Owned(s) => s,
        }
    }
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
    reader: Reader<&'a [u8]>,
    limits: &'l Limits,
    tree: Tree,
    frames: Vec<Frame>,
    scalar: Option<OpenScalar<'a>>,
    /// Offset of the open `<plist>` start tag.
    plist_open: Option<usize>,
    /// Whether `<plist>` was seen and closed.
    plist_closed: bool,
    /// Whether any element was seen (a DOCTYPE or XML declaration must come before).
    seen_element: bool,
}

/// XML's whitespace characters (the only ones allowed between elements).
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
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
        Parser {
            text,
            reader,
            limits,
            tree: Tree::new(),
            frames: Vec::new(),
            scalar: None,
            plist_open: None,
            plist_closed: false,
            seen_element: false,
        }
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position())
            .map_or(self.text.len(), |p| p.min(self.text.len()))
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
                Event::Comment(_) => {
                    let text = self.slice(start + 4, end.saturating_sub(3)).to_owned();
                    self.tree.comments.push(Comment {
                        span: Span::new(start, end),
                        text,
                    });
                }
                Event::Decl(_) => {
                    if self.seen_element {
                        return Err(SyntaxError::plist(
                            "the XML declaration must come before the root element",
                            Span::new(start, end),
                        ));
                    }
                }
                Event::DocType(_) => {
                    // Skipped, never interpreted: no entity is read, nothing is fetched.
                    if self.seen_element {
                        return Err(SyntaxError::plist(
                            "`<!DOCTYPE>` must come before the root element",
                            Span::new(start, end),
                        ));
                    }
                }
                Event::PI(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    /// Maps a quick-xml error to PL001 at the reader's error position.
    fn xml_error(&self, err: &quick_xml::Error) -> SyntaxError {
        use quick_xml::errors::IllFormedError;
        let at = usize::try_from(self.reader.error_position())
            .map_or(self.text.len(), |p| p.min(self.text.len()));
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
        self.plist_closed
            || (self.tree.root().is_some() && self.frames.is_empty() && self.scalar.is_none())
    }

    fn start_tag(
        &mut self,
        name: &str,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<(), SyntaxError> {
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
                        body:
                            Body::Dict {
                                pending: Some(_), ..
                            },
                        ..
                    }) => {
                        return Err(SyntaxError::plist(
                            "`<key>` without a value (found `<key>`)",
                            span,
                        ));
                    }
                    Some(Frame {
                        body: Body::Dict { .. },
                        ..
                    }) => {}
                    _ => return Err(SyntaxError::plist("`<key>` outside a `<dict>`", span)),
                }
                if empty {
                    self.set_pending_key(String::new(), span, Span::point(end));
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
                let (value, body) = if tag == Tag::Dict {
                    (
                        Value::Dict(Vec::new()),
                        Body::Dict {
                            entries: Vec::new(),
                            pending: None,
                        },
                    )
                } else {
                    (Value::Array(Vec::new()), Body::Array(Vec::new()))
                };
                let node_span = if empty { Some(span) } else { None };
                let id = self.add_node(value, node_span, None, span)?;
                if !empty {
                    self.frames.push(Frame {
                        tag,
                        id,
                        start,
                        body,
                    });
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
                body:
                    Body::Dict {
                        entries,
                        pending: None,
                    },
                ..
            }) => {
                if entries.is_empty() {
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
                    Body::Dict { entries, pending } => {
                        // `check_value_slot` guarantees a pending key.
                        let key = pending.take().unwrap_or(PendingKey {
                            key: String::new(),
                            span: at,
                            inner: at,
                        });
                        entries.push(Entry {
                            key: key.key,
                            key_span: Some(key.span),
                            key_inner: Some(key.inner),
                            value: id,
                        });
                        entries.len() - 1
                    }
                    Body::Array(items) => {
                        items.push(id);
                        items.len() - 1
                    }
                };
                self.tree.attach(id, parent, slot);
            }
            None => self.tree.set_root(id),
        }
        Ok(id)
    }

    fn set_pending_key(&mut self, key: String, span: Span, inner: Span) {
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
                    format!(
                        "expected `</{}>`, found `</{}>`",
                        scalar.tag.name(),
                        shorten(name)
                    ),
                    span,
                ));
            }
            let whole = Span::new(scalar.start, end);
            let inner = Span::new(scalar.inner_start, start);
            if scalar.tag == Tag::Key {
                self.set_pending_key(scalar.content.into_string(), whole, inner);
            } else {
                let value = scalar_value(scalar.tag, scalar.content, whole, inner)?;
                self.add_node(value, Some(whole), Some(inner), whole)?;
            }
            return Ok(());
        }
        if let Some(frame) = self.frames.last() {
            if let Body::Dict {
                pending: Some(_), ..
            } = frame.body
            {
                return Err(SyntaxError::plist(
                    format!("`<key>` without a value (found `</{}>`)", shorten(name)),
                    span,
                ));
            }
            if name != frame.tag.name() {
                return Err(SyntaxError::plist(
                    format!(
                        "expected `</{}>`, found `</{}>`",
                        frame.tag.name(),
                        shorten(name)
                    ),
                    span,
                ));
            }
            if let Some(frame) = self.frames.pop() {
                let value = match frame.body {
                    Body::Dict { entries, .. } => Value::Dict(entries),
                    Body::Array(items) => Value::Array(items),
                };
                if let Some(node) = self.tree.node_mut(frame.id) {
                    node.value = value;
                    node.span = Some(Span::new(frame.start, end));
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
        Err(SyntaxError::plist(
            format!("unexpected `</{}>`", shorten(name)),
            span,
        ))
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
        Ok(self.tree)
    }
}

/// Converts a scalar element's content to its value. Errors point at the content (`inner`), or
/// for `<data>` at the whole element (`whole`).
fn scalar_value(
    tag: Tag,
    content: Content<'_>,
    whole: Span,
    inner: Span,
) -> Result<Value, SyntaxError> {
    match tag {
        Tag::String => Ok(Value::String(content.into_string())),
        Tag::True => Ok(Value::Bool(true)),
        Tag::False => Ok(Value::Bool(false)),
        Tag::Integer => {
            let s = content.as_str();
            match parse_integer(s) {
                Ok(i) => Ok(Value::Integer(i)),
                Err(IntegerError::Invalid) => Err(SyntaxError::plist(
                    format!("invalid integer `{}`", shorten(s)),
                    inner,
                )),
                Err(IntegerError::OutOfRange) => Err(SyntaxError::plist(
                    format!(
                        "integer `{}` is out of range (plist integers are 64-bit)",
                        shorten(s)
                    ),
                    inner,
                )),
            }
        }
        Tag::Real => {
            let s = content.as_str();
            s.parse::<f64>()
                .map(Value::Real)
                .map_err(|_| SyntaxError::plist(format!("invalid real `{}`", shorten(s)), inner))
        }
        Tag::Date => {
            let s = content.as_str();
            if is_valid_date(s) {
                Ok(Value::Date(content.into_string()))
            } else {
                Err(SyntaxError::plist(
                    format!(
                        "invalid date `{}` (expected YYYY-MM-DDTHH:MM:SSZ)",
                        shorten(s)
                    ),
                    inner,
                ))
            }
        }
        Tag::Data => {
            let s = content.as_str();
            let compact: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
            BASE64
                .decode(&compact)
                .map(Value::Data)
                .map_err(|_| SyntaxError::plist("invalid base64 in `<data>`", whole))
        }
        // Containers, keys and `<plist>` never reach here; treat as text rather than panic.
        Tag::Plist | Tag::Dict | Tag::Array | Tag::Key => Ok(Value::String(content.into_string())),
    }
}

enum IntegerError {
    Invalid,
    OutOfRange,
}

/// Parses a plist integer as the `plist` crate does: `0x` followed by hexadecimal digits
/// (unsigned 64-bit), or a decimal with optional sign in the signed-or-unsigned 64-bit range.
fn parse_integer(s: &str) -> Result<i128, IntegerError> {
    use std::num::IntErrorKind;
    let classify = |e: std::num::ParseIntError| match e.kind() {
        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => IntegerError::OutOfRange,
        _ => IntegerError::Invalid,
    };
    if let Some(hex) = s.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16)
            .map(i128::from)
            .map_err(classify);
    }
    let value = s.parse::<i128>().map_err(classify)?;
    if value < i128::from(i64::MIN) || value > i128::from(u64::MAX) {
        return Err(IntegerError::OutOfRange);
    }
    Ok(value)
}

/// Whether `s` is an XML plist date: `YYYY-MM-DDTHH:MM:SSZ` with a real calendar day and time.
fn is_valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let sep = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(sep(4, b'-')
        && sep(7, b'-')
        && sep(10, b'T')
        && sep(13, b':')
        && sep(16, b':')
        && sep(19, b'Z'))
    {
        return false;
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0, 4),
        num(5, 7),
        num(8, 10),
        num(11, 13),
        num(14, 16),
        num(17, 19),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && hour < 24 && minute < 60 && second < 60
}
