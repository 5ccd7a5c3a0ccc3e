//! Builders of byte edits that keep a document's own style: indentation, line endings, quoting.
//!
//! Rules use these to attach fixes. Each returns `None` when the document has no text (binary
//! plists) or the shape is not one it can edit safely; the rule then offers no fix.

use crate::diagnostic::Edit;
use crate::document::Document;
use crate::source::Format;
use crate::span::Span;
use crate::syntax::{NodeId, Value};

/// Escapes text for XML character data.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A JSON string literal for `s`.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn is_xml(doc: &Document) -> bool {
    matches!(doc.format, Format::XmlPlist | Format::SignedXmlPlist)
}

/// The line ending the document uses (as its first line ends; see [`Document::newline`]).
pub fn newline(doc: &Document) -> &'static str {
    doc.newline()
}

/// The whitespace that starts the line holding `offset`, and whether only whitespace precedes
/// `offset` on that line. When something else precedes it, the indentation is returned as empty:
/// finding it would mean scanning back over the whole line, which on minified input (one long
/// line) would make every lookup linear in the file.
pub fn indentation_at(text: &str, offset: usize) -> (&str, bool) {
    let before = text.get(..offset).unwrap_or("");
    let run = before.len() - before.trim_end_matches([' ', '\t']).len();
    let run_start = before.len() - run;
    let at_line_start = run_start == 0 || matches!(before.as_bytes().get(run_start - 1), Some(b'\n' | b'\r'));
    if at_line_start {
        (before.get(run_start..).unwrap_or(""), true)
    } else {
        ("", false)
    }
}

/// Replaces a string value with `new`, keeping the token style: in XML the element's content is
/// replaced (escaped); in JSON the whole string literal. A self-closing `<string/>` is rewritten.
pub fn replace_string(doc: &Document, node: NodeId, new: &str) -> Option<Edit> {
    let n = doc.tree.get(node)?;
    if !matches!(n.value, Value::String(_)) {
        return None;
    }
    let span = n.span()?;
    if is_xml(doc) {
        let whole = doc.slice(span)?;
        if whole.ends_with("/>") {
            return Some(Edit::replace(span, format!("<string>{}</string>", xml_escape(new))));
        }
        Some(Edit::replace(n.inner()?, xml_escape(new)))
    } else {
        Some(Edit::replace(span, json_string(new)))
    }
}

/// Replaces a whole value token with `replacement` (already in the document's syntax), e.g.
/// `<string>1</string>` → `<integer>1</integer>`.
pub fn replace_value(doc: &Document, node: NodeId, replacement: impl Into<String>) -> Option<Edit> {
    doc.text.as_ref()?;
    Some(Edit::replace(doc.tree.span(node)?, replacement))
}

/// Replaces the text of a key (its content, escaped for the format).
pub fn replace_key(doc: &Document, key_span: Span, key_inner: Span, new: &str) -> Option<Edit> {
    doc.text.as_ref()?;
    if is_xml(doc) {
        Some(Edit::replace(key_inner, xml_escape(new)))
    } else {
        Some(Edit::replace(key_span, json_string(new)))
    }
}

/// Widens `span` to whole lines when only whitespace shares its lines, so deleting it leaves no
/// blank line behind.
fn whole_lines(text: &str, span: Span) -> Span {
    let (indent, alone_before) = indentation_at(text, span.start);
    let rest = text.get(span.end..).unwrap_or("");
    let trailing = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after = rest.get(trailing..).unwrap_or("");
    let newline_len = if after.starts_with("\r\n") {
        2
    } else if after.starts_with(['\n', '\r']) {
        1
    } else {
        0
    };
    if alone_before && newline_len > 0 {
        Span::new(span.start - indent.len(), span.end + trailing + newline_len)
    } else {
        span
    }
}

/// Deletes entry number `index` of the dict `dict` (its key and value), with the comma that
/// separates it in JSON and the line it stands on in XML.
pub fn remove_entry(doc: &Document, dict: NodeId, index: usize) -> Option<Edit> {
    let text = doc.text.as_deref()?;
    let entries = doc.tree.entries(dict);
    // Only the entry and its neighbours are looked at, so removing many entries stays linear.
    let span_of = |i: usize| -> Option<(usize, usize)> {
        let e = entries.get(i)?;
        Some((e.key_span()?.start, doc.tree.span(e.value)?.end))
    };
    let (start, end) = span_of(index)?;
    if is_xml(doc) {
        return Some(Edit::delete(whole_lines(text, Span::new(start, end))));
    }
    json_list_removal(span_of, index)
}

/// Deletes element number `index` of the array `array`.
pub fn remove_element(doc: &Document, array: NodeId, index: usize) -> Option<Edit> {
    let text = doc.text.as_deref()?;
    let items = doc.tree.elements(array);
    let span_of = |i: usize| -> Option<(usize, usize)> {
        let s = doc.tree.span(*items.get(i)?)?;
        Some((s.start, s.end))
    };
    let (start, end) = span_of(index)?;
    if is_xml(doc) {
        return Some(Edit::delete(whole_lines(text, Span::new(start, end))));
    }
    json_list_removal(span_of, index)
}

/// In a JSON list whose item `i` spans `span_of(i)`, the deletion of item `index` with one
/// separating comma.
fn json_list_removal(span_of: impl Fn(usize) -> Option<(usize, usize)>, index: usize) -> Option<Edit> {
    let (start, end) = span_of(index)?;
    if index > 0 {
        // From the end of the previous item: removes `, <item>`.
        let (_, prev_end) = span_of(index - 1)?;
        Some(Edit::delete(Span::new(prev_end, end)))
    } else if let Some((next_start, _)) = span_of(1) {
        Some(Edit::delete(Span::new(start, next_start)))
    } else {
        Some(Edit::delete(Span::new(start, end)))
    }
}

/// Inserts a new last entry `key` with `value` (already in the document's syntax: `<integer>1</integer>`
/// or `1`) into the dict `dict`, indented like its other entries.
pub fn insert_entry(doc: &Document, dict: NodeId, key: &str, value: &str) -> Option<Edit> {
    let text = doc.text.as_deref()?;
    let nl = newline(doc);
    let dict_span = doc.tree.span(dict)?;
    let last = doc.tree.entries(dict).last();
    if is_xml(doc) {
        let key_text = format!("<key>{}</key>", xml_escape(key));
        if let Some(last) = last {
            let (indent, _) = indentation_at(text, last.key_span()?.start);
            let at = doc.tree.span(last.value)?.end;
            return Some(Edit::insert(at, format!("{nl}{indent}{key_text}{nl}{indent}{value}")));
        }
        let whole = doc.slice(dict_span)?;
        let (outer, _) = indentation_at(text, dict_span.start);
        let unit = indent_unit(text);
        if whole.ends_with("/>") {
            return Some(Edit::replace(
                dict_span,
                format!("<dict>{nl}{outer}{unit}{key_text}{nl}{outer}{unit}{value}{nl}{outer}</dict>"),
            ));
        }
        let close = dict_span.end.checked_sub("</dict>".len())?;
        let open_end = dict_span.start + whole.find('>')? + 1;
        return Some(Edit::replace(
            Span::new(open_end, close),
            format!("{nl}{outer}{unit}{key_text}{nl}{outer}{unit}{value}{nl}{outer}"),
        ));
    }
    let key_text = json_string(key);
    if let Some(last) = last {
        let (indent, _) = indentation_at(text, last.key_span()?.start);
        let at = doc.tree.span(last.value)?.end;
        return Some(Edit::insert(at, format!(",{nl}{indent}{key_text}: {value}")));
    }
    Some(Edit::replace(dict_span, format!("{{{key_text}: {value}}}")))
}

/// Inserts a new last element (already in the document's syntax) into the array `array`.
pub fn insert_element(doc: &Document, array: NodeId, value: &str) -> Option<Edit> {
    let text = doc.text.as_deref()?;
    let nl = newline(doc);
    let span = doc.tree.span(array)?;
    let sep = if is_xml(doc) { "" } else { "," };
    if let Some(&last) = doc.tree.elements(array).last() {
        let last_span = doc.tree.span(last)?;
        let (indent, alone) = indentation_at(text, last_span.start);
        let join = if alone {
            format!("{sep}{nl}{indent}")
        } else {
            format!("{sep} ")
        };
        return Some(Edit::insert(last_span.end, format!("{join}{value}")));
    }
    if is_xml(doc) {
        let whole = doc.slice(span)?;
        let (outer, _) = indentation_at(text, span.start);
        let unit = indent_unit(text);
        if whole.ends_with("/>") {
            return Some(Edit::replace(
                span,
                format!("<array>{nl}{outer}{unit}{value}{nl}{outer}</array>"),
            ));
        }
        let close = span.end.checked_sub("</array>".len())?;
        let open_end = span.start + whole.find('>')? + 1;
        return Some(Edit::replace(
            Span::new(open_end, close),
            format!("{nl}{outer}{unit}{value}{nl}{outer}"),
        ));
    }
    Some(Edit::replace(span, format!("[{value}]")))
}

/// The document's indentation unit: a tab if any line is tab-indented, else two or four spaces as
/// the smallest indentation seen.
fn indent_unit(text: &str) -> &'static str {
    let mut smallest = usize::MAX;
    for line in text.lines() {
        if line.starts_with('\t') {
            return "\t";
        }
        let n = line.len() - line.trim_start_matches(' ').len();
        if n > 0 && n < line.len() {
            smallest = smallest.min(n);
        }
    }
    if smallest == 4 {
        "    "
    } else {
        "  "
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Encoding;
    use crate::syntax::json;
    use crate::Limits;

    fn json_doc(text: &str) -> Document {
        let tree = json::parse(text, &Limits::default()).unwrap();
        Document::new(
            "t.json".into(),
            Format::Json,
            Some(Encoding::Utf8),
            Some(text.into()),
            tree,
        )
    }

    fn apply(text: &str, edit: &Edit) -> String {
        format!("{}{}{}", &text[..edit.span.start], edit.content, &text[edit.span.end..])
    }

    #[test]
    fn json_entry_removal_and_insertion_keep_style() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2\n}";
        let doc = json_doc(text);
        let root = doc.tree.root().unwrap();
        assert_eq!(apply(text, &remove_entry(&doc, root, 1).unwrap()), "{\n  \"a\": 1\n}");
        assert_eq!(apply(text, &remove_entry(&doc, root, 0).unwrap()), "{\n  \"b\": 2\n}");
        assert_eq!(
            apply(text, &insert_entry(&doc, root, "c", "3").unwrap()),
            "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}"
        );
        let b = doc.tree.entries(root)[1].value;
        let _ = b;
    }

    #[test]
    fn json_string_replacement_quotes() {
        let text = "{\"k\": \"a\\\"b\"}";
        let doc = json_doc(text);
        let root = doc.tree.root().unwrap();
        let v = doc.tree.entries(root)[0].value;
        assert_eq!(
            apply(text, &replace_string(&doc, v, "x\"y").unwrap()),
            "{\"k\": \"x\\\"y\"}"
        );
    }
}
