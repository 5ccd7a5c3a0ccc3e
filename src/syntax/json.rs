//! JSON reader: strict JSON to the shared tree, with spans and duplicate keys kept.
//!
//! Parsing is done by `jsonc-parser` in strict mode (no comments, trailing commas or other JSON5
//! extensions). Its parser recurses, so nesting is measured first by a linear scan and deeper
//! input is refused with a limit error before the parser ever sees it.

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
pub fn parse(text: &str, limits: &Limits) -> Result<Tree, SyntaxError> {
    check_depth(text, limits.max_depth)?;
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
        SyntaxError::json(lowercase_first(&e.kind().to_string()), Span::new(range.start, range.end))
    })?;
    let Some(value) = parsed.value else {
        return Err(SyntaxError::json("no JSON value in the file", Span::point(0)));
    };
    build(&value, limits)
}

/// `Expected comma` → `expected comma`, to match the style of every other message.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
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
                        ast::ObjectPropName::String(lit) => (lit.value.to_string(), Span::new(lit.range.start, lit.range.end)),
                        ast::ObjectPropName::Word(lit) => (lit.value.to_string(), Span::new(lit.range.start, lit.range.end)),
                    };
                    entries.push(Entry {
                        key,
                        key_span: Some(key_span),
                        key_inner: Some(unquoted(key_span)),
                        value: child,
                    });
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
        assert_eq!(&text[entries[0].key_span.unwrap().start..entries[0].key_span.unwrap().end], "\"a\"");
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
        for bad in ["{\"a\": 1,}", "{a: 1}", "// c\n{}", "{\"a\": 0x1}", "[NaN]", "{'a': 1}", ""] {
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
}
