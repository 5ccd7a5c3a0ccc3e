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

mod fast;

use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, ParseOptions};

use super::{Entry, NodeId, SyntaxError, Tree, Value};
use crate::limits::Limits;
use crate::span::Span;

/// Parses strict JSON `text` into a [`Tree`].
///
/// ```
/// use profilelint::{internals::syntax::json, Limits};
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
            include_str!("../../../tests/fixtures/model/intune/device-features/ios-azuread.json"),
            include_str!("../../../tests/fixtures/model/intune/collection.json"),
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
