//! JSON reader: strict JSON to the shared tree, with spans and duplicate keys kept.
//!
//! Well-formed input takes a fast path: a hand-written, iterative strict parser ([RFC 8259]: no
//! comments, trailing commas or other JSON5 extensions) that records each value's position in a
//! flat list, then builds the tree from it. Anything it does not accept — malformed JSON, input
//! nested deeper than [`Limits::max_depth`] or with more than [`Limits::max_nodes`] values, and a
//! few legal oddities it leaves alone (lone `\u` surrogates are already errors) — is read again
//! by the reference path: `jsonc-parser` in strict mode, behind a linear depth pre-check because
//! that parser recurses. Errors, messages and spans therefore always come from the reference path,
//! and the fast path only ever accepts input the reference path accepts, building the same tree
//! (same nodes in the same order, same spans, same strings). Two things `jsonc-parser` lets
//! through even in strict mode are refused afterwards, as RFC 8259 and `serde_json` refuse them:
//! raw control characters inside strings, and whitespace other than space, tab, line feed and
//! carriage return.
//!
//! [RFC 8259]: https://www.rfc-editor.org/rfc/rfc8259

use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions};

use super::{Entry, NodeId, SyntaxError, Tree, Value};
use crate::limits::Limits;
use crate::span::Span;

/// Parses strict JSON `text` into a [`Tree`].
///
/// ```
/// use profilelint::{syntax::json, Limits};
/// let tree = json::parse(r#"{"key": "device_registration", "key": 1}"#, &Limits::default()).unwrap();
/// let root = tree.root().unwrap();
/// assert_eq!(tree.entries(root).len(), 2); // duplicate keys are kept
/// assert_eq!(tree.key_path(tree.entries(root)[1].value), "key");
/// ```
///
/// # Errors
///
/// [`SyntaxErrorKind::InvalidJson`](super::SyntaxErrorKind::InvalidJson) for malformed JSON, with
/// the span where it broke; [`SyntaxErrorKind::Limit`](super::SyntaxErrorKind::Limit) for input
/// nested deeper than [`Limits::max_depth`] or holding more than [`Limits::max_nodes`] values.
pub fn parse(text: &str, limits: &Limits) -> Result<Tree, SyntaxError> {
    if let Some(tree) = fast::parse(text, limits) {
        return Ok(tree);
    }
    let tree = parse_reference(text, limits)?;
    // `jsonc-parser` is laxer than RFC 8259 in two ways even in strict mode: raw control
    // characters in strings, and whitespace other than space, tab, line feed and carriage return.
    match not_rfc_8259(text) {
        Some(err) => Err(err),
        None => Ok(tree),
    }
}

/// The first place where `text`, which `jsonc-parser` read, is not RFC 8259 JSON: a raw control
/// character inside a string or a whitespace character JSON does not allow between tokens.
fn not_rfc_8259(text: &str) -> Option<SyntaxError> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                c if u32::from(c) < 0x20 => {
                    return Some(SyntaxError::json(
                        format!(
                            "control character U+{:04X} in a string (JSON needs it escaped as `\\u{:04x}`)",
                            u32::from(c),
                            u32::from(c)
                        ),
                        Span::new(i, i + 1),
                    ))
                }
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() && !matches!(c, ' ' | '\t' | '\n' | '\r') {
            return Some(SyntaxError::json(
                format!(
                    "U+{:04X} is not JSON whitespace (only space, tab, line feed and carriage return are)",
                    u32::from(c)
                ),
                Span::new(i, i + c.len_utf8()),
            ));
        }
    }
    None
}

/// The reference path: `jsonc-parser` in strict mode, after the depth pre-check.
fn parse_reference(text: &str, limits: &Limits) -> Result<Tree, SyntaxError> {
    if let Err(too_deep) = check_depth(text, limits.max_depth) {
        return Err(error_before(text, too_deep));
    }
    let value = parse_ast(text)?;
    build(&value, limits)
}

/// `jsonc-parser` in strict mode. Its own depth limit (512) is a limit, not a syntax error.
fn parse_ast(text: &str) -> Result<ast::Value<'_>, SyntaxError> {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options).map_err(|e| {
        let range = e.range();
        let span = Span::new(range.start, range.end);
        if matches!(e.kind(), jsonc_parser::errors::ParseErrorKind::NestingDepthExceeded) {
            SyntaxError::limit("nesting deeper than 512 levels, the most the JSON reader follows", span)
        } else {
            SyntaxError::json(lowercase_first(&e.kind().to_string()), span)
        }
    })?;
    parsed
        .value
        .ok_or_else(|| SyntaxError::json("no JSON value in the file", Span::point(0)))
}

/// For input nested deeper than the limit (`too_deep`, at the bracket that goes one level too
/// deep), the syntax error that comes before that bracket, if there is one: it is the first thing
/// wrong with the file, and reporting the depth instead would point at the wrong place. The text
/// up to the bracket nests within the limit, so `jsonc-parser` may read it; it is followed by
/// ` 0` so that the text ends in a complete value and only its missing closing brackets are
/// wrong, which are not errors of the whole file.
fn error_before(text: &str, too_deep: SyntaxError) -> SyntaxError {
    use jsonc_parser::errors::ParseErrorKind;
    let Some(at) = too_deep.span.map(|s| s.start) else {
        return too_deep;
    };
    let Some(prefix) = text.get(..at) else {
        return too_deep;
    };
    match parse_ast(&format!("{prefix} 0")) {
        Err(e) if e.kind == super::SyntaxErrorKind::InvalidJson && e.span.is_some_and(|s| s.start < at) => {
            // Unterminated containers are the cut, not an error: `jsonc-parser` reports them at
            // the container's start, so they are told apart by the message.
            let unterminated = [ParseErrorKind::UnterminatedArray, ParseErrorKind::UnterminatedObject]
                .iter()
                .any(|k| e.message == lowercase_first(&k.to_string()));
            if unterminated {
                too_deep
            } else {
                e
            }
        }
        _ => too_deep,
    }
}

/// `Expected comma` → `expected comma`, to match the style of every other message.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Refuses input nested deeper than `max_depth`, without recursion: counts brackets outside strings.
fn check_depth(text: &str, max_depth: usize) -> Result<(), SyntaxError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max_depth {
                    return Err(SyntaxError::limit(
                        format!("nesting deeper than the limit of {max_depth}"),
                        Span::new(i, i + 1),
                    ));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Converts the parser's AST to a [`Tree`] with an explicit stack.
fn build(root: &ast::Value<'_>, limits: &Limits) -> Result<Tree, SyntaxError> {
    let mut tree = Tree::new();
    let root_id = push_shallow(&mut tree, root);
    tree.set_root(root_id);
    let mut stack: Vec<(&ast::Value<'_>, NodeId)> = vec![(root, root_id)];
    while let Some((value, id)) = stack.pop() {
        if tree.len() > limits.max_nodes {
            return Err(SyntaxError::limit(
                format!("more than {} values (the node limit)", limits.max_nodes),
                span_of(value),
            ));
        }
        match value {
            ast::Value::Object(object) => {
                let mut entries = Vec::with_capacity(object.properties.len());
                for (slot, prop) in object.properties.iter().enumerate() {
                    let child = push_shallow(&mut tree, &prop.value);
                    tree.attach(child, id, slot);
                    let (key, key_span) = match &prop.name {
                        ast::ObjectPropName::String(lit) => {
                            (lit.value.to_string(), Span::new(lit.range.start, lit.range.end))
                        }
                        ast::ObjectPropName::Word(lit) => {
                            (lit.value.to_string(), Span::new(lit.range.start, lit.range.end))
                        }
                    };
                    entries.push(Entry::new(key, Some(key_span), Some(unquoted(key_span)), child));
                    stack.push((&prop.value, child));
                }
                if let Some(node) = tree.node_mut(id) {
                    node.value = Value::Dict(entries);
                }
            }
            ast::Value::Array(array) => {
                let mut items = Vec::with_capacity(array.elements.len());
                for (slot, element) in array.elements.iter().enumerate() {
                    let child = push_shallow(&mut tree, element);
                    tree.attach(child, id, slot);
                    items.push(child);
                    stack.push((element, child));
                }
                if let Some(node) = tree.node_mut(id) {
                    node.value = Value::Array(items);
                }
            }
            _ => {}
        }
    }
    Ok(tree)
}

fn span_of(value: &ast::Value<'_>) -> Span {
    let range = match value {
        ast::Value::StringLit(v) => v.range,
        ast::Value::NumberLit(v) => v.range,
        ast::Value::BooleanLit(v) => v.range,
        ast::Value::Object(v) => v.range,
        ast::Value::Array(v) => v.range,
        ast::Value::NullKeyword(v) => v.range,
    };
    Span::new(range.start, range.end)
}

/// The content of a string token without its quotes.
fn unquoted(span: Span) -> Span {
    if span.len() >= 2 {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

/// Adds a node for `value`; containers start empty and are filled when popped from the stack.
fn push_shallow(tree: &mut Tree, value: &ast::Value<'_>) -> NodeId {
    let span = span_of(value);
    let (v, inner) = match value {
        ast::Value::StringLit(s) => (Value::String(s.value.to_string()), Some(unquoted(span))),
        ast::Value::NumberLit(n) => (number(n.value), Some(span)),
        ast::Value::BooleanLit(b) => (Value::Bool(b.value), Some(span)),
        ast::Value::NullKeyword(_) => (Value::Null, Some(span)),
        ast::Value::Object(_) => (Value::Dict(Vec::new()), None),
        ast::Value::Array(_) => (Value::Array(Vec::new()), None),
    };
    tree.push(v, Some(span), inner)
}

/// A JSON number: an integer when it has no fraction or exponent and fits, else a real.
fn number(text: &str) -> Value {
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(i) = text.parse::<i128>() {
            return Value::Integer(i);
        }
    }
    Value::Real(text.parse::<f64>().unwrap_or(f64::NAN))
}

/// The fast path: strict JSON in one pass to a flat list of values, then the tree.
///
/// Every function returns `None` as soon as the input is anything but plain, well-formed JSON
/// within the limits; [`parse`](super::parse) then asks the reference path, which finds the error
/// (or, for input this path is stricter about, the same tree).
mod fast {
    use super::{number, unquoted, Entry, Limits, NodeId, Span, Tree, Value};
    use compact_str::CompactString;

    /// What a recorded value is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Kind {
        Object,
        Array,
        /// A string without escapes: its content is the text between the quotes.
        String,
        /// A string with escapes (already validated).
        EscapedString,
        Number,
        True,
        False,
        Null,
    }

    /// One value, in document order (pre-order). Offsets are `u32`: longer input takes the
    /// reference path.
    #[derive(Debug, Clone, Copy)]
    struct Proto {
        /// The value token: `"…"`, `{…}`, `123`.
        start: u32,
        end: u32,
        /// The key token `"…"` when the value is an object member (`key_end == 0` otherwise).
        key_start: u32,
        key_end: u32,
        /// Index of the next value that is not inside this one (its next sibling, if any).
        next: u32,
        /// Members or elements of a container.
        children: u32,
        kind: Kind,
        key_escaped: bool,
    }

    /// A key read, waiting for its value.
    #[derive(Clone, Copy)]
    struct Key {
        start: u32,
        end: u32,
        escaped: bool,
    }

    const NO_KEY: Key = Key {
        start: 0,
        end: 0,
        escaped: false,
    };

    /// Parses `text`, or `None` when the reference path must decide.
    pub(super) fn parse(text: &str, limits: &Limits) -> Option<Tree> {
        // Offsets must fit in `u32`, with room for one past the end.
        if u32::try_from(text.len()).ok()? == u32::MAX {
            return None;
        }
        let protos = scan(text.as_bytes(), limits.max_depth)?;
        if protos.len() > limits.max_nodes {
            return None;
        }
        build(text, &protos)
    }

    /// Skips JSON whitespace (RFC 8259: space, tab, line feed, carriage return).
    fn ws(b: &[u8], mut i: usize) -> usize {
        loop {
            match b.get(i) {
                // Indentation comes in long runs of spaces: skip them eight at a time.
                Some(b' ') => {
                    while let Some(chunk) = b.get(i..i + 8) {
                        if chunk != b"        " {
                            break;
                        }
                        i += 8;
                    }
                    while b.get(i) == Some(&b' ') {
                        i += 1;
                    }
                }
                Some(b'\t' | b'\n' | b'\r') => i += 1,
                _ => return i,
            }
        }
    }

    /// Whether any of the eight bytes of `word` is a quote, a backslash or a control character
    /// (below 0x20): the bytes that end a run of plain string content.
    pub(super) fn has_special(word: u64) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
        let quote = zero_in(word ^ (ONES * u64::from(b'"')));
        let backslash = zero_in(word ^ (ONES * u64::from(b'\\')));
        // Bytes below 0x20: subtracting 0x20 borrows into the high bit (bytes >= 0x80 are
        // excluded by `!word`).
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        (quote | backslash | control) != 0
    }

    /// Four hexadecimal digits at `i`.
    fn hex4(b: &[u8], i: usize) -> Option<u32> {
        let digits = b.get(i..i + 4)?;
        let mut value = 0;
        for d in digits {
            value = value * 16 + char::from(*d).to_digit(16)?;
        }
        Some(value)
    }

    /// The string token starting at the quote at `i`: its end (after the closing quote) and whether
    /// it has escapes. Raw control characters, unknown escapes and lone surrogates are refused.
    fn string(b: &[u8], i: usize) -> Option<(usize, bool)> {
        let mut j = i + 1;
        let mut escaped = false;
        loop {
            // The common case: a run of plain characters, eight bytes at a time, then byte by byte.
            while let Some(chunk) = b.get(j..j + 8) {
                let word = u64::from_le_bytes(chunk.try_into().ok()?);
                if has_special(word) {
                    break;
                }
                j += 8;
            }
            while let Some(&c) = b.get(j) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                j += 1;
            }
            match b.get(j)? {
                b'"' => return Some((j + 1, escaped)),
                b'\\' => {
                    escaped = true;
                    match b.get(j + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => j += 2,
                        b'u' => {
                            let unit = hex4(b, j + 2)?;
                            if (0xD800..=0xDBFF).contains(&unit) {
                                if b.get(j + 6..j + 8)? != b"\\u" || !(0xDC00..=0xDFFF).contains(&hex4(b, j + 8)?) {
                                    return None;
                                }
                                j += 12;
                            } else if (0xDC00..=0xDFFF).contains(&unit) {
                                return None;
                            } else {
                                j += 6;
                            }
                        }
                        _ => return None,
                    }
                }
                // A raw control character.
                _ => return None,
            }
        }
    }

    /// The end of the number starting at `i`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number_end(b: &[u8], mut i: usize) -> Option<usize> {
        let digits = |b: &[u8], mut i: usize| {
            while let Some(b'0'..=b'9') = b.get(i) {
                i += 1;
            }
            i
        };
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => i = digits(b, i + 1),
            _ => return None,
        }
        if b.get(i) == Some(&b'.') {
            let after = digits(b, i + 1);
            if after == i + 1 {
                return None;
            }
            i = after;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            let after = digits(b, i);
            if after == i {
                return None;
            }
            i = after;
        }
        Some(i)
    }

    /// A member's key at `i` (after whitespace), then the colon and whitespace: the key, and where
    /// the value starts.
    fn key(b: &[u8], i: usize) -> Option<(Key, usize)> {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (end, escaped) = string(b, i)?;
        let colon = ws(b, end);
        if b.get(colon) != Some(&b':') {
            return None;
        }
        let key = Key {
            start: u32::try_from(i).ok()?,
            end: u32::try_from(end).ok()?,
            escaped,
        };
        Some((key, ws(b, colon + 1)))
    }

    /// Reads the whole input into values in document order, or `None`.
    fn scan(b: &[u8], max_depth: usize) -> Option<Vec<Proto>> {
        let mut protos: Vec<Proto> = Vec::with_capacity(b.len() / 24 + 1);
        // Indices of the open containers, innermost last.
        let mut open: Vec<usize> = Vec::new();
        let mut pending = NO_KEY;
        let mut i = ws(b, 0);
        loop {
            // A value starts at `i`.
            let start = i;
            let (kind, end) = match *b.get(i)? {
                c @ (b'{' | b'[') => {
                    let index = protos.len();
                    protos.push(Proto {
                        start: u32::try_from(start).ok()?,
                        end: 0,
                        key_start: pending.start,
                        key_end: pending.end,
                        next: 0,
                        children: 0,
                        kind: if c == b'{' { Kind::Object } else { Kind::Array },
                        key_escaped: pending.escaped,
                    });
                    pending = NO_KEY;
                    open.push(index);
                    if open.len() > max_depth {
                        return None;
                    }
                    i = ws(b, i + 1);
                    let close = if c == b'{' { b'}' } else { b']' };
                    if b.get(i) != Some(&close) {
                        if c == b'{' {
                            (pending, i) = key(b, i)?;
                        }
                        continue;
                    }
                    // An empty container.
                    i += 1;
                    let next = u32::try_from(protos.len()).ok()?;
                    let proto = protos.get_mut(index)?;
                    proto.end = u32::try_from(i).ok()?;
                    proto.next = next;
                    open.pop();
                    (None, i)
                }
                b'"' => {
                    let (end, escaped) = string(b, i)?;
                    (Some(if escaped { Kind::EscapedString } else { Kind::String }), end)
                }
                b't' if b.get(i..i + 4) == Some(b"true") => (Some(Kind::True), i + 4),
                b'f' if b.get(i..i + 5) == Some(b"false") => (Some(Kind::False), i + 5),
                b'n' if b.get(i..i + 4) == Some(b"null") => (Some(Kind::Null), i + 4),
                b'-' | b'0'..=b'9' => (Some(Kind::Number), number_end(b, i)?),
                _ => return None,
            };
            if let Some(kind) = kind {
                let next = u32::try_from(protos.len() + 1).ok()?;
                protos.push(Proto {
                    start: u32::try_from(start).ok()?,
                    end: u32::try_from(end).ok()?,
                    key_start: pending.start,
                    key_end: pending.end,
                    next,
                    children: 0,
                    kind,
                    key_escaped: pending.escaped,
                });
                pending = NO_KEY;
            }
            i = end;
            // After a complete value: a comma and the next member or element, or closing brackets.
            loop {
                i = ws(b, i);
                let Some(&top) = open.last() else {
                    // The root value is complete: nothing may follow it.
                    return (i == b.len()).then_some(protos);
                };
                let next = u32::try_from(protos.len()).ok()?;
                let container = protos.get_mut(top)?;
                container.children += 1;
                let object = container.kind == Kind::Object;
                match b.get(i)? {
                    b',' => {
                        i = ws(b, i + 1);
                        if object {
                            (pending, i) = key(b, i)?;
                        }
                        break;
                    }
                    b'}' if object => {}
                    b']' if !object => {}
                    _ => return None,
                }
                i += 1;
                container.end = u32::try_from(i).ok()?;
                container.next = next;
                open.pop();
            }
        }
    }

    /// The string value of a validated string token `token` (with its quotes).
    /// A key's text: short keys (most Graph keys) stay inline, with no allocation of their own.
    fn key_value(text: &str, token: Span, escaped: bool) -> Option<CompactString> {
        if escaped {
            return string_value(text, token, true).map(CompactString::from);
        }
        text.get(token.start + 1..token.end.checked_sub(1)?)
            .map(CompactString::new)
    }

    fn string_value(text: &str, token: Span, escaped: bool) -> Option<String> {
        let inner = text.get(token.start + 1..token.end.checked_sub(1)?)?;
        if !escaped {
            return Some(inner.to_owned());
        }
        let mut out = String::with_capacity(inner.len());
        let mut rest = inner;
        while let Some(at) = rest.find('\\') {
            out.push_str(rest.get(..at)?);
            let b = rest.as_bytes();
            let (c, used) = match *b.get(at + 1)? {
                b'"' => ('"', 2),
                b'\\' => ('\\', 2),
                b'/' => ('/', 2),
                b'b' => ('\u{08}', 2),
                b'f' => ('\u{0C}', 2),
                b'n' => ('\n', 2),
                b'r' => ('\r', 2),
                b't' => ('\t', 2),
                b'u' => {
                    let unit = hex4(b, at + 2)?;
                    if (0xD800..=0xDBFF).contains(&unit) {
                        let low = hex4(b, at + 8)?;
                        (char::from_u32(0x10000 + (unit - 0xD800) * 0x400 + (low - 0xDC00))?, 12)
                    } else {
                        (char::from_u32(unit)?, 6)
                    }
                }
                _ => return None,
            };
            out.push(c);
            rest = rest.get(at + used..)?;
        }
        out.push_str(rest);
        Some(out)
    }

    /// Adds the node for `proto`; containers start empty and are filled when popped.
    fn push(tree: &mut Tree, text: &str, proto: &Proto) -> Option<NodeId> {
        let span = Span::new(proto.start as usize, proto.end as usize);
        let (value, inner) = match proto.kind {
            Kind::Object => (Value::Dict(Vec::new()), None),
            Kind::Array => (Value::Array(Vec::new()), None),
            Kind::String => (Value::String(string_value(text, span, false)?), Some(unquoted(span))),
            Kind::EscapedString => (Value::String(string_value(text, span, true)?), Some(unquoted(span))),
            Kind::Number => (number(text.get(span.start..span.end)?), Some(span)),
            Kind::True => (Value::Bool(true), Some(span)),
            Kind::False => (Value::Bool(false), Some(span)),
            Kind::Null => (Value::Null, Some(span)),
        };
        Some(tree.push(value, Some(span), inner))
    }

    /// Builds the tree exactly as the reference path does: a container's children get consecutive
    /// ids when the container is taken from an explicit stack (last child's subtree first).
    fn build(text: &str, protos: &[Proto]) -> Option<Tree> {
        let mut tree = Tree::with_capacity(protos.len());
        let root = push(&mut tree, text, protos.first()?)?;
        tree.set_root(root);
        let mut stack: Vec<(usize, NodeId)> = vec![(0, root)];
        while let Some((index, id)) = stack.pop() {
            let proto = protos.get(index)?;
            let object = match proto.kind {
                Kind::Object => true,
                Kind::Array => false,
                _ => continue,
            };
            let mut entries = Vec::with_capacity(if object { proto.children as usize } else { 0 });
            let mut items = Vec::with_capacity(if object { 0 } else { proto.children as usize });
            let mut child = index + 1;
            let mut slot = 0;
            while child < proto.next as usize {
                let c = protos.get(child)?;
                let child_id = push(&mut tree, text, c)?;
                tree.attach(child_id, id, slot);
                if object {
                    let key_span = Span::new(c.key_start as usize, c.key_end as usize);
                    entries.push(Entry::new(
                        key_value(text, key_span, c.key_escaped)?,
                        Some(key_span),
                        Some(unquoted(key_span)),
                        child_id,
                    ));
                } else {
                    items.push(child_id);
                }
                if matches!(c.kind, Kind::Object | Kind::Array) {
                    stack.push((child, child_id));
                }
                child = c.next as usize;
                slot += 1;
            }
            if let Some(node) = tree.node_mut(id) {
                node.value = if object {
                    Value::Dict(entries)
                } else {
                    Value::Array(items)
                };
            }
        }
        Some(tree)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::SyntaxErrorKind;

    #[test]
    fn spans_keys_and_duplicates() {
        let text = "{\"a\": [1, 2.5, \"x\\\"y\"], \"a\": null, \"b\": true}";
        let tree = parse(text, &Limits::default()).unwrap();
        let root = tree.root().unwrap();
        let entries = tree.entries(root);
        assert_eq!(entries.len(), 3);
        assert_eq!(
            &text[entries[0].key_span().unwrap().start..entries[0].key_span().unwrap().end],
            "\"a\""
        );
        let arr = tree.elements(entries[0].value);
        assert_eq!(tree.value(arr[0]), Some(&Value::Integer(1)));
        assert_eq!(tree.value(arr[1]), Some(&Value::Real(2.5)));
        assert_eq!(tree.str(arr[2]), Some("x\"y"));
        let s = tree.span(arr[2]).unwrap();
        assert_eq!(&text[s.start..s.end], "\"x\\\"y\"");
        assert_eq!(tree.key_path(arr[2]), "a[2]");
    }

    #[test]
    fn strict_mode_rejects_json5() {
        for bad in [
            "{\"a\": 1,}",
            "{a: 1}",
            "// c\n{}",
            "{\"a\": 0x1}",
            "[NaN]",
            "{'a': 1}",
            "",
        ] {
            let err = parse(bad, &Limits::default()).unwrap_err();
            assert_eq!(err.kind, SyntaxErrorKind::InvalidJson, "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_a_limit_not_a_crash() {
        let text = "[".repeat(200_000) + &"]".repeat(200_000);
        let err = parse(&text, &Limits::default()).unwrap_err();
        assert_eq!(err.kind, SyntaxErrorKind::Limit);
        assert_eq!(err.span, Some(Span::new(128, 129)));
        // Brackets inside strings do not count.
        let text = format!("[\"{}\"]", "[".repeat(1000));
        assert!(parse(&text, &Limits::default()).is_ok());
    }
    /// The fast path either defers to the reference path or builds exactly its tree.
    fn assert_same(text: &str, limits: &Limits) {
        if let Some(fast) = fast::parse(text, limits) {
            match parse_reference(text, limits) {
                Ok(reference) => assert!(fast == reference, "trees differ for {text:?}"),
                Err(e) => panic!("fast path accepted what the reference path refuses ({e:?}): {text:?}"),
            }
        }
    }

    #[test]
    fn fast_path_matches_the_reference_on_edge_cases() {
        let limits = Limits::default();
        let accepted = [
            "{}",
            "[]",
            " \t\r\n{ } \n",
            "0",
            "-0",
            "\"x\"",
            "true",
            "null",
            "[1, -2, 3.25, -4e5, 5E+6, 7.5e-8, 0.0, 123456789012345678901234567890, 1e400]",
            r#"{"a": {"b": [{"c": []}, {}], "d": "e"}, "a": 1, "": ""}"#,
            r#"["\"\\\/\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "é😀", "a\u0000b"]"#,
            r#"{"\u0041\n": "k", "k\"q": [true, false, null]}"#,
            "[[[[[[[[[[]]]]]]]]]]",
        ];
        for text in accepted {
            assert!(fast::parse(text, &limits).is_some(), "fast path should accept {text:?}");
            assert_same(text, &limits);
        }
        let deferred = [
            "",
            " ",
            "{} {}",
            "{\"a\": 1,}",
            "[1,]",
            "[01]",
            "[1.]",
            "[.5]",
            "[+1]",
            "[1e]",
            "[-]",
            "{\"a\" 1}",
            "{\"a\": 1 \"b\": 2}",
            "[\"\\x41\"]",
            "[\"\\ud800\"]",
            "[\"\\udc00\"]",
            "[\"\\ud800\\u0041\"]",
            "[\"a\tb\"]",
            "[\"a\u{1}b\"]",
            "[tru]",
            "[truex]",
            "\u{feff}{}",
            "{}\u{0b}",
            "[1]\u{a0}",
            "// c\n{}",
            "{'a': 1}",
            "{a: 1}",
            "[NaN]",
        ];
        for text in deferred {
            assert!(fast::parse(text, &limits).is_none(), "fast path should defer {text:?}");
            assert_same(text, &limits);
        }
    }

    #[test]
    fn word_scan_finds_every_special_byte() {
        let naive = |w: u64| w.to_le_bytes().iter().any(|b| *b == b'"' || *b == b'\\' || *b < 0x20);
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for i in 0..200_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Mix random words with words built from the interesting bytes.
            let word = if i % 2 == 0 {
                state
            } else {
                let picks = [
                    b'"',
                    b'\\',
                    0x00,
                    0x1F,
                    0x20,
                    0x21,
                    0x7F,
                    0x80,
                    0xFF,
                    b'a',
                    0x5B,
                    0x22 ^ 0x80,
                ];
                let bytes: [u8; 8] = std::array::from_fn(|k| picks[((state >> (k * 4)) % picks.len() as u64) as usize]);
                u64::from_le_bytes(bytes)
            };
            assert_eq!(fast::has_special(word), naive(word), "{word:#018x}");
        }
    }

    #[test]
    fn fast_path_defers_at_the_limits() {
        let limits = Limits {
            max_depth: 3,
            max_nodes: 4,
            ..Limits::default()
        };
        assert!(fast::parse("[[[]]]", &limits).is_some());
        assert!(fast::parse("[[[[]]]]", &limits).is_none());
        assert_eq!(parse("[[[[]]]]", &limits).unwrap_err().kind, SyntaxErrorKind::Limit);
        assert!(fast::parse("[1, 2, 3]", &limits).is_some());
        assert!(fast::parse("[1, 2, 3, 4]", &limits).is_none());
        assert_eq!(parse("[1, 2, 3, 4]", &limits).unwrap_err().kind, SyntaxErrorKind::Limit);
    }

    #[test]
    fn fast_path_matches_the_reference_on_mutations() {
        // Deterministic mutations (xorshift) of realistic documents: every byte-level edit either
        // goes to the reference path or yields the reference tree.
        let seeds = [
            include_str!("../../tests/fixtures/model/intune/device-features/ios-azuread.json"),
            include_str!("../../tests/fixtures/model/intune/collection.json"),
            r#"{"a": [1, -2.5e3, "x\u00e9\"y", {"": null, "b": [true, false, []]}], "c": {}, "d": "\ud83d\ude00"}"#,
        ];
        let alphabet = b"{}[],:\"\\ \n\t0123456789-+.eEtrufalsn\\u/x\x01\x7f";
        let limits = Limits {
            max_depth: 6,
            ..Limits::default()
        };
        let mut next = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15_u64);
        for seed in seeds {
            assert_same(seed, &limits);
            for _ in 0..4000 {
                let bytes = crate::testing::mutate(seed.as_bytes(), alphabet, &mut next);
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    assert_same(text, &limits);
                }
            }
        }
    }
}
