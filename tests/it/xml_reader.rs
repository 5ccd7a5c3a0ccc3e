//! Tests of the XML plist reader (`profilelint::internals::syntax::xml::parse`): differential against the
//! `plist` crate on fixtures and the real corpus, spans, errors, and limits.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use profilelint::internals::syntax::xml::parse;
use profilelint::internals::syntax::{SyntaxError, SyntaxErrorKind, Tree, Value};
use profilelint::Limits;
use profilelint::Span;

use crate::fuzz_checks::{cdata_as_text, has_duplicate_keys, plist_agree};

// ------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xml")
}

/// `(file name, text)` of every XML fixture we wrote.
fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("plist" | "mobileconfig")))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 12,
        "expected at least 12 XML fixtures, found {}",
        out.len()
    );
    out
}

/// `(file name, text)` of every XML plist in the real corpus, or `None` (with a note) without it.
fn corpus() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !dir.is_dir() {
        println!(
            "note: {} does not exist; skipping the real-corpus checks",
            dir.display()
        );
        return None;
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("plist" | "mobileconfig")
        ) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if bytes.first() != Some(&b'<') {
            continue; // signed (DER) or binary
        }
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        out.push((path.file_name().unwrap().to_string_lossy().into_owned(), text));
    }
    out.sort();
    assert!(!out.is_empty(), "no XML plist in {}", dir.display());
    Some(out)
}

fn parse_ok(name: &str, text: &str) -> Tree {
    match parse(text, &Limits::default()) {
        Ok(tree) => tree,
        Err(e) => panic!("{name}: unexpected error {e:?}"),
    }
}

fn parse_err(text: &str) -> SyntaxError {
    parse_err_with(text, &Limits::default())
}

fn parse_err_with(text: &str, limits: &Limits) -> SyntaxError {
    match parse(text, limits) {
        Ok(tree) => panic!("expected an error for {text:?}, got {tree:?}"),
        Err(e) => e,
    }
}

/// Unescapes raw element content the way XML defines it: entities, character references, CDATA
/// sections (verbatim), comments (dropped).
fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("<!--") {
            let e = r.find("-->").unwrap();
            rest = &r[e + 3..];
        } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let e = r.find("]]>").unwrap();
            out.push_str(&r[..e]);
            rest = &r[e + 3..];
        } else if rest.starts_with('&') {
            let e = rest.find(';').unwrap();
            let name = &rest[1..e];
            out.push(match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                n if n.starts_with("#x") => char::from_u32(u32::from_str_radix(&n[2..], 16).unwrap()).unwrap(),
                n if n.starts_with('#') => char::from_u32(n[1..].parse().unwrap()).unwrap(),
                n => panic!("unexpected entity {n}"),
            });
            rest = &rest[e + 1..];
        } else {
            panic!("unexpected markup in content: {rest}");
        }
    }
    out.push_str(rest);
    out
}

fn all_xml_documents() -> Vec<(String, String)> {
    let mut docs = fixtures();
    docs.extend(corpus().unwrap_or_default());
    docs
}

// ------------------------------------------------------------------------------------------------
// Differential test against the `plist` crate
// ------------------------------------------------------------------------------------------------

#[test]
fn same_values_as_the_plist_crate() {
    let mut compared = 0;
    for (name, text) in all_xml_documents() {
        let tree = parse_ok(&name, &text);
        let rewritten = cdata_as_text(&text).unwrap_or_else(|| panic!("{name}: quick-xml rejects it"));
        let theirs = plist::Value::from_reader_xml(rewritten.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: the plist crate rejects it: {e}"));
        if has_duplicate_keys(&tree) {
            println!("{name}: duplicate keys, value comparison skipped");
            continue;
        }
        plist_agree(&tree, tree.root().unwrap(), &theirs)
            .unwrap_or_else(|e| panic!("{name}: our tree differs from the plist crate's value: {e}"));
        compared += 1;
    }
    assert!(compared >= 12, "only {compared} documents compared");
}

#[test]
fn real_corpus_parses() {
    let Some(docs) = corpus() else { return };
    for (name, text) in docs {
        let tree = parse_ok(&name, &text);
        let root = tree.root().unwrap();
        assert!(
            matches!(tree.value(root), Some(Value::Dict(_))),
            "{name}: root is not a dict"
        );
        assert!(
            tree.get_key(root, "PayloadContent").is_some() || name.ends_with(".plist"),
            "{name}"
        );
    }
}

// ------------------------------------------------------------------------------------------------
// Spans and parent links
// ------------------------------------------------------------------------------------------------

#[test]
fn spans_cover_elements_and_content() {
    for (name, text) in all_xml_documents() {
        let tree = parse_ok(&name, &text);
        for (id, node) in tree.iter() {
            let span = node
                .span()
                .unwrap_or_else(|| panic!("{name}: node {id:?} without span"));
            let whole = &text[span.start..span.end];
            let tag = crate::fuzz_checks::xml_tag(&node.value)
                .unwrap_or_else(|| panic!("{name}: node {id:?}: null in an XML plist"));
            assert!(
                whole.starts_with(&format!("<{tag}")),
                "{name}: {whole:?} does not start with <{tag}"
            );
            assert!(whole.ends_with('>'), "{name}: {whole:?} does not end with >");
            match &node.value {
                Value::Dict(_) | Value::Array(_) => {
                    assert_eq!(node.inner(), None, "{name}: container inner")
                }
                _ => {
                    let inner = node
                        .inner()
                        .unwrap_or_else(|| panic!("{name}: scalar {whole:?} without inner"));
                    assert!(span.contains(inner), "{name}: inner outside span for {whole:?}");
                    if whole.ends_with("/>") {
                        assert_eq!(inner, Span::point(span.end), "{name}: {whole:?}");
                    } else {
                        let end_tag = &whole[whole.rfind("</").unwrap()..];
                        assert!(end_tag.starts_with(&format!("</{tag}")), "{name}: {whole:?}");
                    }
                    if let Value::String(s) = &node.value {
                        assert_eq!(&unescape(&text[inner.start..inner.end]), s, "{name}: string content");
                    }
                }
            }
            for (slot, entry) in tree.entries(id).iter().enumerate() {
                let ks = entry.key_span().unwrap();
                let ki = entry.key_inner().unwrap();
                let key_text = &text[ks.start..ks.end];
                assert!(
                    key_text.starts_with("<key") && key_text.ends_with('>'),
                    "{name}: {key_text:?}"
                );
                assert!(ks.contains(ki), "{name}: key inner outside key span");
                assert_eq!(unescape(&text[ki.start..ki.end]), entry.key, "{name}: key content");
                assert!(
                    ks.end <= tree.span(entry.value).unwrap().start,
                    "{name}: key after its value"
                );
                let link = tree.get(entry.value).unwrap().parent.unwrap();
                assert_eq!(
                    (link.parent, link.slot as usize),
                    (id, slot),
                    "{name}: dict parent link"
                );
            }
            for (slot, &child) in tree.elements(id).iter().enumerate() {
                let link = tree.get(child).unwrap().parent.unwrap();
                assert_eq!(
                    (link.parent, link.slot as usize),
                    (id, slot),
                    "{name}: array parent link"
                );
                assert!(
                    span.contains(tree.span(child).unwrap()),
                    "{name}: child outside its parent"
                );
            }
        }
        let root = tree.root().unwrap();
        assert_eq!(tree.get(root).unwrap().parent, None, "{name}: root has a parent");
        assert!(
            tree.iter().all(|(id, n)| id == root || n.parent.is_some()),
            "{name}: orphan node"
        );
    }
}

#[test]
fn self_closing_string_has_point_inner_at_tag_end() {
    let text = "<array><string/><string></string></array>";
    let tree = parse_ok("inline", text);
    let items = tree.elements(tree.root().unwrap()).to_vec();
    let first = tree.get(items[0]).unwrap();
    assert_eq!(first.span(), Some(Span::new(7, 16)));
    assert_eq!(first.inner(), Some(Span::point(16)));
    let second = tree.get(items[1]).unwrap();
    assert_eq!(second.span(), Some(Span::new(16, 33)));
    assert_eq!(second.inner(), Some(Span::point(24)));
    assert_eq!(tree.span(tree.root().unwrap()), Some(Span::new(0, text.len())));
}

#[test]
fn key_spans_are_exact() {
    let text = "<dict><key>a&amp;b</key><string>x</string></dict>";
    let tree = parse_ok("inline", text);
    let entry = &tree.entries(tree.root().unwrap())[0];
    assert_eq!(entry.key, "a&b");
    assert_eq!(entry.key_span(), Some(Span::new(6, 24)));
    assert_eq!(entry.key_inner(), Some(Span::new(11, 18)));
    let value = tree.get(entry.value).unwrap();
    assert_eq!(value.span(), Some(Span::new(24, 42)));
    assert_eq!(value.inner(), Some(Span::new(32, 33)));
}

#[test]
fn duplicate_keys_are_all_kept_in_order() {
    let text = std::fs::read_to_string(fixture_dir().join("duplicate_keys.plist")).unwrap();
    let tree = parse_ok("duplicate_keys.plist", &text);
    let root = tree.root().unwrap();
    let keys: Vec<&str> = tree.entries(root).iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["Type", "Other", "Type"]);
    let values: Vec<&str> = tree.entries(root).iter().filter_map(|e| tree.str(e.value)).collect();
    assert_eq!(values, ["Redirect", "Credential"]);
    assert_eq!(tree.str_key(root, "Type"), Some("Redirect"));
}

#[test]
fn comments_are_kept_with_spans() {
    let text = std::fs::read_to_string(fixture_dir().join("comments.plist")).unwrap();
    let tree = parse_ok("comments.plist", &text);
    let texts: Vec<&str> = tree.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            " before the DOCTYPE ",
            " before the root ",
            " inside plist, before the value ",
            " profilelint: disable=PL107 ",
            " between a key and its value ",
            " first ",
            " a comment with <tags> & ampersands ",
            " inside a string ",
            " inside a key ",
            " inside an integer ",
            "",
            " after the value ",
            " after the root ",
        ]
    );
    for c in &tree.comments {
        assert_eq!(&text[c.span.start..c.span.end], format!("<!--{}-->", c.text));
    }
    let root = tree.root().unwrap();
    assert_eq!(
        tree.str(tree.elements(tree.get_key(root, "List").unwrap())[1]),
        Some("two")
    );
    assert!(tree.get_key(root, "MultiPart").is_some());
    assert_eq!(
        tree.value(tree.get_key(root, "MultiPart").unwrap()),
        Some(&Value::Integer(12))
    );
}

#[test]
fn values_of_the_all_kinds_fixture() {
    let text = std::fs::read_to_string(fixture_dir().join("all_kinds.plist")).unwrap();
    let tree = parse_ok("all_kinds.plist", &text);
    let root = tree.root().unwrap();
    let get = |k: &str| tree.value(tree.get_key(root, k).unwrap()).unwrap().clone();
    assert_eq!(get("Hex"), Value::Integer(0xdead_beef));
    assert_eq!(get("MaxUnsigned"), Value::Integer(i128::from(u64::MAX)));
    assert_eq!(get("MinSigned"), Value::Integer(i128::from(i64::MIN)));
    assert_eq!(get("PlusSign"), Value::Integer(8));
    assert_eq!(get("RealExponent"), Value::Real(-2000.0));
    assert_eq!(get("RealInfinity"), Value::Real(f64::INFINITY));
    assert_eq!(get("TrueLong"), Value::Bool(true));
    assert_eq!(get("FalseLong"), Value::Bool(false));
    assert_eq!(get("Date"), Value::Date("2024-02-29T23:59:59Z".into()));
    assert_eq!(get("Data"), Value::Data(b"Hello, world!".to_vec()));
    assert_eq!(get("EmptyData"), Value::Data(Vec::new()));
    assert_eq!(get(""), Value::String("empty key".into()));
}

#[test]
fn cdata_is_text() {
    let text = std::fs::read_to_string(fixture_dir().join("cdata.plist")).unwrap();
    let tree = parse_ok("cdata.plist", &text);
    let root = tree.root().unwrap();
    assert_eq!(
        tree.str_key(root, "Script"),
        Some("#!/bin/sh\nif [ \"$a\" -lt 3 ] && [ -n \"$b\" ]; then echo \"<ok>\"; fi")
    );
    assert_eq!(tree.str_key(root, "Mixed"), Some("before <middle> & after & end"));
    assert_eq!(tree.str_key(root, "CDataKey"), Some(""));
}

#[test]
fn key_paths_follow_parent_links() {
    let text = std::fs::read_to_string(fixture_dir().join("nested.plist")).unwrap();
    let tree = parse_ok("nested.plist", &text);
    let deep = tree
        .iter()
        .find(|(_, n)| n.value == Value::String("bottom".into()))
        .unwrap()
        .0;
    assert_eq!(tree.key_path(deep), "L1.L2.L3[0].L5[0][0].Deep");
}

/// Both readers accept `doc` with the same value, or both reject it.
fn same_as_the_plist_crate(doc: &str) {
    let ours = parse(doc, &Limits::default()).ok();
    let theirs = plist::Value::from_reader_xml(doc.as_bytes()).ok();
    match (&ours, &theirs) {
        (Some(tree), Some(value)) => {
            plist_agree(tree, tree.root().unwrap(), value).unwrap_or_else(|e| panic!("{doc}: {e}"));
        }
        (None, None) => {}
        _ => panic!("{doc}: ours {ours:?}, the plist crate's {theirs:?}"),
    }
}

#[test]
fn integer_and_real_syntax_matches_the_plist_crate() {
    let ints = [
        "0",
        "-0",
        "+7",
        "-9223372036854775808",
        "9223372036854775807",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "0x0",
        "0xff",
        "0xFFFFFFFFFFFFFFFF",
        "0x10000000000000000",
        "0X1f",
        "1.5",
        "",
        " 1",
        "1 ",
        "1e3",
        "0x",
        "-0x1",
        "abc",
        "٣",
    ];
    for s in ints {
        same_as_the_plist_crate(&format!("<integer>{s}</integer>"));
    }
    let reals = [
        "1", "1.5", "-2e3", ".5", "5.", "+1", "1E-3", "inf", "-inf", "infinity", "Infinity", "1e400", "", " 1", "1,5",
        "0x10", "e5",
    ];
    for s in reals {
        same_as_the_plist_crate(&format!("<real>{s}</real>"));
    }
    for s in ["nan", "NaN", "-nan"] {
        let doc = format!("<real>{s}</real>");
        let tree = parse_ok(s, &doc);
        let Some(Value::Real(r)) = tree.value(tree.root().unwrap()) else {
            panic!("{s}")
        };
        assert!(r.is_nan(), "{s}");
        assert!(plist::Value::from_reader_xml(doc.as_bytes())
            .unwrap()
            .as_real()
            .unwrap()
            .is_nan());
    }
}

#[test]
fn dates_are_checked_for_shape_and_calendar() {
    for ok in ["2024-02-29T00:00:00Z", "1999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"] {
        let tree = parse_ok(ok, &format!("<date>{ok}</date>"));
        assert_eq!(tree.value(tree.root().unwrap()), Some(&Value::Date(ok.into())));
    }
    for bad in [
        "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00",
        "2024-1-01T00:00:00Z",
        // RFC 3339 forms the `plist` crate accepts but Apple's writer never produces (see report).
        "2024-01-01T00:00:00+02:00",
        "2024-01-01T00:00:00.5Z",
    ] {
        let e = parse_err(&format!("<date>{bad}</date>"));
        assert_eq!(e.kind, SyntaxErrorKind::InvalidPlist, "{bad}");
        assert_eq!(
            e.message,
            format!("invalid date `{bad}` (expected YYYY-MM-DDTHH:MM:SSZ)")
        );
        assert_eq!(e.span, Some(Span::new(6, 6 + bad.len())));
    }
}

// ------------------------------------------------------------------------------------------------
// Errors: one per class, with exact message and span
// ------------------------------------------------------------------------------------------------

#[track_caller]
fn assert_error(text: &str, message: &str, span: Span) {
    let e = parse_err(text);
    assert_eq!(e.kind, SyntaxErrorKind::InvalidPlist, "kind for {text:?}");
    assert_eq!(e.message, message, "message for {text:?}");
    assert_eq!(
        e.span,
        Some(span),
        "span for {text:?}: {:?}",
        e.span.map(|s| &text[s.start..s.end])
    );
}

/// The span of the `n`-th (0-based) occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, n: usize) -> Span {
    let start = text.match_indices(needle).nth(n).unwrap().0;
    Span::new(start, start + needle.len())
}

#[test]
fn error_key_without_value() {
    let t = "<dict><key>a</key></dict>";
    assert_error(t, "`<key>` without a value (found `</dict>`)", Span::new(18, 25));
    let t = "<dict><key>a</key><key>b</key><string/></dict>";
    assert_error(t, "`<key>` without a value (found `<key>`)", Span::new(18, 23));
}

#[test]
fn error_unknown_element() {
    let t = "<dict><key>a</key><strng>x</strng></dict>";
    assert_error(t, "unknown element `<strng>`", Span::new(18, 25));
    let t = "<plist version=\"1.0\"><x:dict/></plist>";
    assert_error(t, "unknown element `<x:dict>`", find(t, "<x:dict/>", 0));
}

#[test]
fn error_mismatched_end_tag() {
    assert_error(
        "<dict><key>a</key><string>x</dict>",
        "expected `</string>`, found `</dict>`",
        Span::new(27, 34),
    );
    assert_error(
        "<array></dict>",
        "expected `</array>`, found `</dict>`",
        Span::new(7, 14),
    );
    assert_error(
        "<plist><array/></dict>",
        "expected `</plist>`, found `</dict>`",
        Span::new(15, 22),
    );
}

#[test]
fn error_invalid_scalars() {
    assert_error("<integer>1.5</integer>", "invalid integer `1.5`", Span::new(9, 12));
    assert_error("<integer/>", "invalid integer ``", Span::point(10));
    assert_error(
        "<integer>18446744073709551616</integer>",
        "integer `18446744073709551616` is out of range (plist integers are 64-bit)",
        Span::new(9, 29),
    );
    assert_error(
        "<integer>0x10000000000000000</integer>",
        "integer `0x10000000000000000` is out of range (plist integers are 64-bit)",
        Span::new(9, 28),
    );
    assert_error("<real>1,5</real>", "invalid real `1,5`", Span::new(6, 9));
    assert_error(
        "<date>2024-02-30T00:00:00Z</date>",
        "invalid date `2024-02-30T00:00:00Z` (expected YYYY-MM-DDTHH:MM:SSZ)",
        Span::new(6, 26),
    );
    // `<data>` errors cover the whole element.
    let t = "<dict><key>d</key><data>not base64!</data></dict>";
    assert_error(t, "invalid base64 in `<data>`", find(t, "<data>not base64!</data>", 0));
    assert_error("<data>QUJD=</data>", "invalid base64 in `<data>`", Span::new(0, 18));
    assert_error("<true>x</true>", "`<true/>` takes no content", Span::point(6));
}

#[test]
fn error_text_outside_an_element() {
    assert_error(
        "<dict>oops<key>a</key><string/></dict>",
        "text outside an element",
        Span::point(6),
    );
    assert_error("<array>\n  x</array>", "text outside an element", Span::point(10));
    assert_error("hello", "text outside an element", Span::point(0));
    assert_error(
        "<array><![CDATA[x]]></array>",
        "text outside an element",
        Span::point(7),
    );
    assert_error("<array>&#65;</array>", "text outside an element", Span::new(7, 12));
    // A reference to whitespace between elements is tolerated, as in the plist crate.
    parse_ok("ws-ref", "<array>&#32;<string/></array>");
}

#[test]
fn error_unexpected_end_of_file() {
    let t = "<plist><dict><key>a</key><string>b</string>";
    assert_error(t, "unexpected end of file inside `<dict>`", Span::point(t.len()));
    assert_error(
        "<string>abc",
        "unexpected end of file inside `<string>`",
        Span::point(11),
    );
    assert_error(
        "<plist><dict/>",
        "unexpected end of file inside `<plist>`",
        Span::point(14),
    );
    assert_error("<plist>", "unexpected end of file inside `<plist>`", Span::point(7));
}

#[test]
fn error_value_without_key() {
    assert_error(
        "<dict><string>a</string></dict>",
        "a `<string>` value must follow a `<key>`",
        Span::new(6, 14),
    );
    assert_error(
        "<dict><dict/></dict>",
        "a `<dict>` value must follow a `<key>`",
        Span::new(6, 13),
    );
    let t = "<dict><key>a</key><string>x</string><string>y</string></dict>";
    assert_error(t, "two values after one `<key>`", Span::new(36, 44));
    assert_error(
        "<array><key>a</key></array>",
        "`<key>` outside a `<dict>`",
        Span::new(7, 12),
    );
    assert_error("<key>a</key>", "`<key>` outside a `<dict>`", Span::new(0, 5));
}

#[test]
fn error_document_has_no_value() {
    assert_error("", "document has no value", Span::point(0));
    let t = "<?xml version=\"1.0\"?>\n<!-- nothing -->\n";
    assert_error(t, "document has no value", Span::point(t.len()));
    assert_error(
        "<plist version=\"1.0\"></plist>",
        "document has no value",
        Span::new(21, 29),
    );
    assert_error("<plist/>", "document has no value", Span::new(0, 8));
}

#[test]
fn error_content_after_the_root_value() {
    assert_error(
        "<plist><dict/></plist><dict/>",
        "content after the root value",
        Span::new(22, 29),
    );
    assert_error(
        "<plist><dict/><dict/></plist>",
        "content after the root value",
        Span::new(14, 21),
    );
    assert_error(
        "<dict/><string>x</string>",
        "content after the root value",
        Span::new(7, 15),
    );
    assert_error(
        "<dict></dict></dict>",
        "content after the root value",
        Span::new(13, 20),
    );
    assert_error("<plist><dict/></plist>x", "text outside an element", Span::point(22));
    assert_error(
        "<plist><plist>",
        "`<plist>` is allowed only as the root element",
        Span::new(7, 14),
    );
    assert_error(
        "<dict/><!DOCTYPE plist>",
        "`<!DOCTYPE>` must come before the root element",
        Span::new(7, 23),
    );
    // Comments and whitespace after the root are fine.
    parse_ok("trailing", "<plist><dict/></plist>\n<!-- bye -->\n");
}

#[test]
fn error_malformed_xml() {
    assert_error(
        "<dict><key",
        "malformed XML: tag not closed: `>` not found before end of input",
        Span::point(6),
    );
    assert_error(
        "<string>a & b</string>",
        "`&` without a closing `;` (write `&amp;` for a literal ampersand)",
        Span::point(10),
    );
    assert_error(
        "<dict><!-- unclosed",
        "malformed XML: comment not closed: `-->` not found before end of input",
        Span::point(6),
    );
    assert_error(
        "<array><string>a<b/>c</string></array>",
        "unexpected element `<b>` inside `<string>`",
        Span::new(16, 20),
    );
}

#[test]
fn error_references() {
    let t = "<string>a&xxe;b</string>";
    assert_error(
        t,
        "entity `&xxe;` is not one of XML's predefined entities; DTD entities are never expanded",
        Span::new(9, 14),
    );
    assert_error(
        "<string>&#0;</string>",
        "invalid character reference `&#0;`",
        Span::new(8, 12),
    );
    assert_error(
        "<string>&#xD800;</string>",
        "invalid character reference `&#xD800;`",
        Span::new(8, 16),
    );
    assert_error(
        "<string>&#X41;</string>",
        "invalid character reference `&#X41;`",
        Span::new(8, 14),
    );
}

#[test]
fn xxe_entities_are_never_expanded() {
    let t = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n  <!ENTITY local \"expanded!\">\n]>\n<plist version=\"1.0\"><dict><key>k</key><string>&xxe;</string></dict></plist>";
    assert_error(
        t,
        "entity `&xxe;` is not one of XML's predefined entities; DTD entities are never expanded",
        find(t, "&xxe;", 0),
    );
    let t = "<!DOCTYPE plist [<!ENTITY local \"expanded!\">]><dict><key>&local;</key><string/></dict>";
    assert_error(
        t,
        "entity `&local;` is not one of XML's predefined entities; DTD entities are never expanded",
        find(t, "&local;", 0),
    );
    // Declared but unused: the DOCTYPE is skipped and the document reads fine.
    let t = "<!DOCTYPE plist [<!ENTITY xxe SYSTEM \"http://example.invalid/x\">]><plist><string>ok</string></plist>";
    let tree = parse_ok("unused-xxe", t);
    assert_eq!(tree.str(tree.root().unwrap()), Some("ok"));
}

#[test]
fn billion_laughs_is_rejected_fast() {
    let mut t = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n  <!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        t.push_str(&format!("  <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    t.push_str("]>\n<plist version=\"1.0\"><array><string>&lol9;</string></array></plist>");
    let started = Instant::now();
    let e = parse_err(&t);
    let elapsed = started.elapsed();
    assert_eq!(e.kind, SyntaxErrorKind::InvalidPlist);
    assert_eq!(
        e.message,
        "entity `&lol9;` is not one of XML's predefined entities; DTD entities are never expanded"
    );
    assert_eq!(e.span, Some(find(&t, "&lol9;", 0)));
    assert!(elapsed < Duration::from_millis(100), "took {elapsed:?}");
}

// ------------------------------------------------------------------------------------------------
// Limits
// ------------------------------------------------------------------------------------------------

#[test]
fn two_hundred_thousand_nested_arrays_hit_the_depth_limit() {
    const N: usize = 200_000;
    let text = format!("{}{}", "<array>".repeat(N), "</array>".repeat(N));
    let started = Instant::now();
    let e = parse_err(&text);
    let elapsed = started.elapsed();
    println!("200,000 nested arrays, default limits: {elapsed:?}");
    assert_eq!(e.kind, SyntaxErrorKind::Limit);
    assert_eq!(e.message, "nesting deeper than the limit of 128");
    assert_eq!(e.span, Some(Span::new(128 * 7, 129 * 7)), "the 129th <array>");
    assert!(elapsed < Duration::from_millis(500), "took {elapsed:?}");
}

#[test]
fn two_hundred_thousand_nested_arrays_without_a_depth_limit_do_not_overflow() {
    const N: usize = 200_000;
    let text = format!("<plist>{}{}</plist>", "<array>".repeat(N), "</array>".repeat(N));
    let limits = Limits {
        max_depth: usize::MAX,
        ..Limits::default()
    };
    let started = Instant::now();
    let tree = parse(&text, &limits).unwrap();
    let elapsed = started.elapsed();
    println!("200,000 nested arrays, no depth limit: {elapsed:?}");
    assert_eq!(tree.len(), N);
    let deepest = tree.iter().last().unwrap().0;
    assert_eq!(tree.path(deepest).len(), N - 1);
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    drop(tree); // the arena drops without recursion
}

#[test]
fn depth_limit_is_configurable_and_counts_the_root() {
    let t = "<dict><key>a</key><array><array/></array></dict>";
    let limits = |max_depth| Limits {
        max_depth,
        ..Limits::default()
    };
    assert!(parse(t, &limits(3)).is_ok());
    let e = parse_err_with(t, &limits(2));
    assert_eq!(e.kind, SyntaxErrorKind::Limit);
    assert_eq!(e.message, "nesting deeper than the limit of 2");
    assert_eq!(e.span, Some(find(t, "<array/>", 0)));
    let e = parse_err_with(t, &limits(1));
    assert_eq!(e.message, "nesting deeper than the limit of 1");
    assert_eq!(e.span, Some(find(t, "<array>", 0)));
    // Exactly 128 levels pass with the default limits.
    let ok = format!("{}{}", "<array>".repeat(128), "</array>".repeat(128));
    assert!(parse(&ok, &Limits::default()).is_ok());
}

#[test]
fn node_limit() {
    let t = "<array><string/><string/><string/></array>";
    let limits = Limits {
        max_nodes: 3,
        ..Limits::default()
    };
    let e = parse_err_with(t, &limits);
    assert_eq!(e.kind, SyntaxErrorKind::Limit);
    assert_eq!(e.message, "more nodes than the limit of 3");
    assert_eq!(e.span, Some(find(t, "<string/>", 2)));
    let limits = Limits {
        max_nodes: 4,
        ..Limits::default()
    };
    assert_eq!(parse(t, &limits).unwrap().len(), 4);
}
