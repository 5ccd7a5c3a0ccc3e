//! Helpers shared by the SSO3xx rules: where a bundle-list entry sits,
//! and the style-keeping edits that remove, replace or add entries.
//!
//! A bundle list is either one comma-separated string (`AppAllowList` and the other ExtensionData
//! list keys) or an array of strings (Intune `bundleIdAccessControlList`,
//! `DeniedBundleIdentifiers`). Edits on a comma string work on the item spans the model computed
//! (present only when the string's text is exactly its value); edits on an array use
//! [`crate::edits`].

use crate::diagnostic::{Edit, Location};
use crate::document::Document;
use crate::edits;
use crate::model::{BundleItem, BundleList, BundleListForm, BundleListKind, SsoPayload};
use crate::rules::Context;

use crate::source::Format;
use crate::span::Span;

/// The location of one entry: its own text when the model knows it, else the whole list value.
/// An empty entry of a comma string has no text of its own: the comma that makes it stands for it
/// (the one before it, or after it for a first entry); an empty array element is shown whole.
pub(super) fn item_location(cx: &Context<'_>, payload: &SsoPayload, item: &BundleItem) -> Location {
    let span = item.span.and_then(|span| {
        let text = cx.doc(payload.doc).and_then(|d| d.text.as_deref()).unwrap_or_default();
        let before = span.start.checked_sub(1).map(|s| Span::new(s, span.start));
        let after = Span::new(span.end, span.end + 1);
        let comma = |s: &Span| text.get(s.start..s.end) == Some(",");
        match (span.is_empty(), before) {
            (false, _) => Some(span),
            (true, Some(b)) if comma(&b) => Some(b),
            (true, _) if comma(&after) => Some(after),
            (true, _) => None,
        }
    });
    cx.at_span(payload.doc, item.node, span)
}

/// Whether entries of this list allow apps to use SSO (as opposed to blocking them).
pub(super) fn is_allow_list(kind: BundleListKind) -> bool {
    !kind.is_block_list()
}

/// Whether `id` is made only of the characters a bundle id may hold (letters, digits, `.`, `-`)
/// and is not empty, so it can be written into a document without escaping.
pub(super) fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// The document holding a payload's lists, if it has text (fixes need text).
pub(super) fn text_doc<'a>(cx: &Context<'a>, payload: &SsoPayload) -> Option<&'a Document> {
    cx.doc(payload.doc).filter(|d| d.text.is_some())
}

/// The index among the array's elements of the element that holds `item` (the element itself,
/// or, for Settings Catalog string collections, the value object around the string).
fn element_index(doc: &Document, list: &BundleList, item: &BundleItem) -> Option<usize> {
    // Up the parent links from the item (an element, or a value inside one as in Settings
    // Catalog) to the list: constant work per item, so removing many items stays linear.
    let mut node = item.node;
    for _ in 0..doc.tree.len() {
        let link = doc.tree.get(node)?.parent?;
        if link.parent == list.node {
            return Some(link.slot as usize);
        }
        node = link.parent;
    }
    None
}

/// Removes entry `index` of `list`: for a comma string the entry and one comma (the following
/// one, or the preceding one for the last entry); for an array the element. `None` when the
/// entry's text position is unknown.
pub(super) fn remove_item(doc: &Document, list: &BundleList, index: usize) -> Option<Edit> {
    doc.text.as_ref()?;
    let item = list.items.get(index)?;
    match list.form {
        BundleListForm::CommaString => {
            let span = item.span?;
            if let Some(next) = list.items.get(index + 1) {
                Some(Edit::delete(Span::new(span.start, next.span?.start)))
            } else if let Some(prev) = index.checked_sub(1).and_then(|i| list.items.get(i)) {
                Some(Edit::delete(Span::new(prev.span?.end, span.end)))
            } else {
                Some(Edit::delete(span))
            }
        }
        BundleListForm::Array => edits::remove_element(doc, list.node, element_index(doc, list, item)?),
    }
}

/// Replaces entry `index` of `list` with `new` (a plain bundle id, see [`is_plain_id`]).
pub(super) fn replace_item(doc: &Document, list: &BundleList, index: usize, new: &str) -> Option<Edit> {
    doc.text.as_ref()?;
    if !is_plain_id(new) {
        return None;
    }
    let item = list.items.get(index)?;
    match list.form {
        BundleListForm::CommaString => Some(Edit::replace(item.span?, new)),
        BundleListForm::Array => edits::replace_string(doc, item.node, new),
    }
}

/// Appends plain bundle ids to `list`: `,a,b` at the end of a comma string (no leading comma when
/// the string is empty or already ends with one), or new elements at the end of an array. One
/// edit, so the fix applies as a whole. The edit rewrites the last entry together with the
/// addition, so that a fix removing or changing that entry in the same pass conflicts with it
/// (and waits for the next pass) instead of leaving a stray separator.
pub(super) fn append_items(doc: &Document, list: &BundleList, ids: &[&str]) -> Option<Edit> {
    let text = doc.text.as_deref()?;
    if ids.is_empty() || !ids.iter().all(|id| is_plain_id(id)) {
        return None;
    }
    let joined = ids.join(",");
    match list.form {
        BundleListForm::CommaString => {
            let value = doc.tree.str(list.node)?;
            let trimmed = value.trim_end();
            if trimmed.is_empty() {
                return edits::replace_string(doc, list.node, &joined);
            }
            let inner = doc.tree.get(list.node)?.inner()?;
            let sep = if trimmed.ends_with(',') { "" } else { "," };
            let start = list.items.last().and_then(|i| i.span).map_or(inner.end, |s| s.start);
            let kept = text.get(start..inner.end)?;
            Some(Edit::replace(
                Span::new(start, inner.end),
                format!("{kept}{sep}{joined}"),
            ))
        }
        BundleListForm::Array => {
            let xml = matches!(doc.format, Format::XmlPlist | Format::SignedXmlPlist);
            let element = |id: &str| {
                if xml {
                    format!("<string>{id}</string>")
                } else {
                    edits::json_string(id)
                }
            };
            let Some(&last) = doc.tree.elements(list.node).last() else {
                let sep = if xml { "" } else { ", " };
                let all: Vec<String> = ids.iter().map(|id| element(id)).collect();
                return edits::insert_element(doc, list.node, &all.join(sep));
            };
            // The builder knows the array's style; learn its separator from the first insertion.
            let first_value = element(ids.first()?);
            let first = edits::insert_element(doc, list.node, &first_value)?;
            let join = first.content.strip_suffix(first_value.as_str())?;
            let last_span = doc.tree.span(last)?;
            let mut content = text.get(last_span.start..last_span.end)?.to_owned();
            for id in ids {
                content.push_str(join);
                content.push_str(&element(id));
            }
            Some(Edit::replace(last_span, content))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocId;
    use crate::model::common::{array_list, split_comma_list};
    use crate::source::Encoding;
    use crate::syntax::{json, xml};
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

    fn xml_doc(text: &str) -> Document {
        let tree = xml::parse(text, &Limits::default()).unwrap();
        Document::new(
            "t.plist".into(),
            Format::XmlPlist,
            Some(Encoding::Utf8),
            Some(text.into()),
            tree,
        )
    }

    /// The list held by key `k` of the root dict.
    fn list(doc: &Document, form: BundleListForm) -> BundleList {
        let root = doc.tree.root().unwrap();
        let node = doc.tree.get_key(root, "k").unwrap();
        match form {
            BundleListForm::CommaString => split_comma_list(DocId(0), doc, node, BundleListKind::AppAllowList),
            BundleListForm::Array => array_list(DocId(0), doc, node, BundleListKind::BundleIdAccessControlList),
        }
    }

    fn apply(doc: &Document, edit: Option<Edit>) -> String {
        let text = doc.text.as_deref().unwrap();
        let edit = edit.unwrap();
        format!("{}{}{}", &text[..edit.span.start], edit.content, &text[edit.span.end..])
    }

    #[test]
    fn plain_ids() {
        assert!(is_plain_id("com.microsoft.to-do"));
        assert!(is_plain_id("com.apple."));
        assert!(!is_plain_id(""));
        assert!(!is_plain_id("com.contoso.*"));
        assert!(!is_plain_id("com.contoso app"));
        assert!(!is_plain_id("com.contoso&app"));
    }

    #[test]
    fn comma_string_removal_takes_one_comma() {
        let doc = json_doc(r#"{"k": "a,b,c"}"#);
        let l = list(&doc, BundleListForm::CommaString);
        assert_eq!(apply(&doc, remove_item(&doc, &l, 0)), r#"{"k": "b,c"}"#);
        assert_eq!(apply(&doc, remove_item(&doc, &l, 1)), r#"{"k": "a,c"}"#);
        assert_eq!(apply(&doc, remove_item(&doc, &l, 2)), r#"{"k": "a,b"}"#);
        let single = json_doc(r#"{"k": "a"}"#);
        let l = list(&single, BundleListForm::CommaString);
        assert_eq!(apply(&single, remove_item(&single, &l, 0)), r#"{"k": ""}"#);
    }

    #[test]
    fn comma_string_escapes_have_no_item_edits() {
        let doc = json_doc(r#"{"k": "a,\u0062"}"#);
        let l = list(&doc, BundleListForm::CommaString);
        assert!(remove_item(&doc, &l, 0).is_none());
        assert!(replace_item(&doc, &l, 0, "x").is_none());
    }

    #[test]
    fn comma_string_append_and_replace() {
        let doc = xml_doc("<dict><key>k</key><string>a, b</string></dict>");
        let l = list(&doc, BundleListForm::CommaString);
        assert_eq!(
            apply(&doc, append_items(&doc, &l, &["x", "y"])),
            "<dict><key>k</key><string>a, b,x,y</string></dict>"
        );
        assert_eq!(
            apply(&doc, replace_item(&doc, &l, 1, "b")),
            "<dict><key>k</key><string>a,b</string></dict>"
        );
        assert!(replace_item(&doc, &l, 1, "b&c").is_none());
        let trailing = xml_doc("<dict><key>k</key><string>a,</string></dict>");
        let l = list(&trailing, BundleListForm::CommaString);
        assert_eq!(
            apply(&trailing, append_items(&trailing, &l, &["x"])),
            "<dict><key>k</key><string>a,x</string></dict>"
        );
        let empty = xml_doc("<dict><key>k</key><string></string></dict>");
        let l = list(&empty, BundleListForm::CommaString);
        assert_eq!(
            apply(&empty, append_items(&empty, &l, &["x", "y"])),
            "<dict><key>k</key><string>x,y</string></dict>"
        );
    }

    #[test]
    fn arrays_keep_their_style() {
        let doc = json_doc(r#"{"k": ["a", "b"]}"#);
        let l = list(&doc, BundleListForm::Array);
        assert_eq!(
            apply(&doc, append_items(&doc, &l, &["x", "y"])),
            r#"{"k": ["a", "b", "x", "y"]}"#
        );
        assert_eq!(apply(&doc, remove_item(&doc, &l, 1)), r#"{"k": ["a"]}"#);
        assert_eq!(apply(&doc, replace_item(&doc, &l, 0, "c")), r#"{"k": ["c", "b"]}"#);
        let lines = json_doc("{\n  \"k\": [\n    \"a\"\n  ]\n}");
        let l = list(&lines, BundleListForm::Array);
        assert_eq!(
            apply(&lines, append_items(&lines, &l, &["x"])),
            "{\n  \"k\": [\n    \"a\",\n    \"x\"\n  ]\n}"
        );
        let empty = json_doc(r#"{"k": []}"#);
        let l = list(&empty, BundleListForm::Array);
        assert_eq!(
            apply(&empty, append_items(&empty, &l, &["x", "y"])),
            r#"{"k": ["x", "y"]}"#
        );
    }
}
