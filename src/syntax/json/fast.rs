//! The fast path: strict JSON in one pass to a flat list of values, then the tree.
//!
//! Every function returns `None` as soon as the input is anything but plain, well-formed JSON
//! within the limits; [`parse`](super::parse) then asks the reference path, which finds the error
//! (or, for input this path is stricter about, the same tree).

use compact_str::CompactString;

use super::{number, unquoted, Entry, Limits, NodeId, Span, Tree, Value};

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
