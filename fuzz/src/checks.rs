//! The properties the fuzz targets check, as plain functions: `Ok(())` when the property holds,
//! `Err(description)` when it does not. A panic inside the library is a failure too.
//!
//! Used by the cargo-fuzz targets in `fuzz/fuzz_targets/` and, through `#[path]`, by the
//! integration tests (`tests/it/main.rs`): `fuzz_replay` replays the checked-in regressions and
//! every fixture, `xml_reader` compares the XML reader with the `plist` crate through
//! [`plist_agree`] (and names elements with [`xml_tag`]), and `stream` compares a streamed check with a whole one through
//! [`check_and_stream`] and [`stream_agrees`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use profilelint::config::Config;
use profilelint::fix::{self, FixInput};
use profilelint::internals::source::{self, Sniffed};
use profilelint::internals::syntax::{self, NodeId, SyntaxError, SyntaxErrorKind, Tree, Value};
use profilelint::model::{Model, Spanned};
use profilelint::report::{self, human, Summary};
use profilelint::EmbeddingKind;
use profilelint::{Applicability, Diagnostic, DocId, FileOrigin, Limits, Linter, Report, Reread, Span, Streamed};
use profilelint::{FileLoad, LintSet};

/// Separates files in a `parse_any` input, so cross-file rules see several documents.
pub const FILE_SEPARATOR: &[u8] = b"\n--profilelint-fuzz-file--\n";

/// At most this many files are made from one `parse_any` input.
const MAX_FILES: usize = 6;

/// Above this text length, JSON spans are checked for scalars only (re-parsing every container
/// is quadratic).
const FULL_SPAN_CHECK_MAX: usize = 64 * 1024;

type Check = Result<(), String>;

fn fail<T>(message: impl Into<String>) -> Result<T, String> {
    Err(message.into())
}

// ------------------------------------------------------------------------------------------------
// parse_any
// ------------------------------------------------------------------------------------------------

/// Splits a `parse_any` input into named files.
pub fn split_files(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut rest = data;
    while parts.len() + 1 < MAX_FILES {
        match find(rest, FILE_SEPARATOR) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + FILE_SEPARATOR.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let ext = match source::sniff(bytes) {
                Sniffed::Json => "json",
                Sniffed::Xml => "mobileconfig",
                Sniffed::BinaryPlist => "plist",
                Sniffed::Cms | Sniffed::Unknown => "mobileconfig",
            };
            (format!("input{i}.{ext}"), bytes.to_vec())
        })
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Arbitrary bytes (possibly several files) → lint set → linter with the default configuration.
///
/// Checks that nothing panics; that every diagnostic span, fix edit and related span lies inside
/// the text it refers to, on character boundaries; that every node and span of the model
/// resolves in its document; that the diagnostics are sorted and the same on a second run; and
/// that every report format renders (the JSON and SARIF ones as valid JSON).
pub fn parse_any(data: &[u8]) -> Check {
    let files = split_files(data);
    let mut set = LintSet::new(Limits::default());
    for (name, bytes) in &files {
        set.add_bytes(name.as_str(), bytes, FileOrigin::Named);
    }
    check_set(&set, &files)?;
    let linter = Linter::new(Config::default());
    let report = linter.check(&set);
    check_diagnostics(&set, &files, report.diagnostics())?;
    check_model(&set, report.model())?;
    let again = linter.check(&set);
    if again.diagnostics() != report.diagnostics() {
        return fail("two runs of the linter on the same lint set gave different diagnostics");
    }
    render_everything(&set, &linter, report.diagnostics(), report.model())
}

/// Every file has an entry; every document's tree is consistent with its text.
fn check_set(set: &LintSet, files: &[(String, Vec<u8>)]) -> Check {
    if set.files().len() != files.len() {
        return fail(format!("{} files given, {} entries", files.len(), set.files().len()));
    }
    for (index, doc) in set.documents().iter().enumerate() {
        let at = format!("document {index} of {}", doc.path());
        if doc.tree().root().is_none() {
            return fail(format!("{at}: a document without a root"));
        }
        match doc.text() {
            Some(text) => tree_invariants(doc.tree(), text).map_err(|e| format!("{at}: {e}"))?,
            None => {
                if doc
                    .tree()
                    .iter()
                    .any(|(_, n)| n.span().is_some() || n.inner().is_some())
                {
                    return fail(format!("{at}: a span in a document without text"));
                }
                tree_links(doc.tree()).map_err(|e| format!("{at}: {e}"))?;
            }
        }
        if let Some(embedding) = doc.embedding() {
            if embedding.parent.index() >= index {
                return fail(format!("{at}: embedded in a later document"));
            }
            let parent = set
                .doc(embedding.parent)
                .ok_or(format!("{at}: embedding parent missing"))?;
            // A `com.apple.declarations` item is `<data>`; every other embedding is a string.
            let holder = match parent.tree().value(embedding.node) {
                Some(Value::String(_)) => embedding.kind != EmbeddingKind::Declaration,
                Some(Value::Data(_)) => embedding.kind == EmbeddingKind::Declaration,
                _ => false,
            };
            if !holder {
                return fail(format!("{at}: embedding node is not a string (data for a declaration)"));
            }
        }
    }
    for (i, input) in set.input_diagnostics().iter().enumerate() {
        if !files.iter().any(|(name, _)| *name == *input.path) {
            return fail(format!("input diagnostic {i} names an unknown file {}", input.path));
        }
    }
    Ok(())
}

fn file_bytes<'a>(files: &'a [(String, Vec<u8>)], path: &str) -> Option<&'a [u8]> {
    files
        .iter()
        .find(|(name, _)| name == path)
        .map(|(_, bytes)| bytes.as_slice())
}

/// The text of the top-level document of the file at `path`.
fn file_text(set: &LintSet, path: &str) -> Option<Arc<str>> {
    let entry = set.files().iter().find(|f| &*f.path == path)?;
    set.doc(entry.doc?)?.shared_text().cloned()
}

fn span_in_text(span: Span, text: &str, what: &str) -> Check {
    if span.start > span.end || span.end > text.len() {
        return fail(format!(
            "{what}: span {span:?} outside the text of {} bytes",
            text.len()
        ));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return fail(format!("{what}: span {span:?} not on character boundaries"));
    }
    Ok(())
}

fn check_diagnostics(set: &LintSet, files: &[(String, Vec<u8>)], diagnostics: &[Diagnostic]) -> Check {
    let mut previous: Option<&Diagnostic> = None;
    for d in diagnostics {
        let what = format!("{} `{}` in {}", d.code(), d.message, d.path());
        let resolved = d.resolved.as_ref().ok_or(format!("{what}: not resolved"))?;
        let bytes = file_bytes(files, d.path()).ok_or(format!("{what}: unknown path"))?;
        if let Some(span) = d.span() {
            match resolved.text.as_deref() {
                Some(text) => {
                    span_in_text(span, text, &what)?;
                    if file_text(set, d.path()).as_deref().is_some_and(|t| t != text) {
                        return fail(format!("{what}: resolved text is not the file's text"));
                    }
                }
                // Only a file that could not be decoded has a span without text: a byte offset.
                None if d.code() == "PL001" || d.code() == "PL002" => {
                    if span.end > bytes.len() {
                        return fail(format!("{what}: byte span {span:?} beyond {} bytes", bytes.len()));
                    }
                }
                None => return fail(format!("{what}: a span without text")),
            }
        }
        // The document-local location and the fix edits.
        if let Some(doc) = set.doc(d.location.doc) {
            match (doc.text(), d.location.span) {
                (Some(text), Some(span)) => span_in_text(span, text, &format!("{what} (local span)"))?,
                (None, Some(span)) => return fail(format!("{what}: local span {span:?} in a document without text")),
                _ => {}
            }
            if let Some(fix) = &d.fix {
                let text = doc.text().ok_or(format!("{what}: a fix in a document without text"))?;
                for (i, edit) in fix.edits.iter().enumerate() {
                    span_in_text(edit.span, text, &format!("{what} (fix edit {i})"))?;
                    for other in fix.edits.iter().skip(i + 1) {
                        if edit.span.start < other.span.end && other.span.start < edit.span.end {
                            return fail(format!("{what}: overlapping edits in one fix"));
                        }
                    }
                }
            }
        }
        for (i, related) in resolved.related.iter().enumerate() {
            if let Some(span) = related.span {
                let text =
                    file_text(set, &related.path).ok_or(format!("{what}: related {i} has a span but no text"))?;
                span_in_text(span, &text, &format!("{what} (related {i})"))?;
            }
        }
        for related in &d.related {
            if let Some(doc) = set.doc(related.location.doc) {
                if let (Some(text), Some(span)) = (doc.text(), related.location.span) {
                    span_in_text(span, text, &format!("{what} (related local span)"))?;
                }
            }
        }
        if let Some(p) = previous {
            let key = |d: &Diagnostic| {
                (
                    d.path().to_owned(),
                    d.span().map(|s| s.start),
                    d.code().to_owned(),
                    d.message.clone(),
                )
            };
            if key(p) > key(d) {
                return fail(format!("diagnostics not sorted: {} before {}", p.code(), d.code()));
            }
        }
        previous = Some(d);
    }
    Ok(())
}

/// Every model node resolves in its document; every `Spanned` span lies in that document's text.
fn check_model(set: &LintSet, model: &Model) -> Check {
    fn node(set: &LintSet, doc: DocId, node: NodeId, what: &str) -> Check {
        let d = set.doc(doc).ok_or(format!("{what}: no document {doc:?}"))?;
        if d.tree().get(node).is_none() {
            return fail(format!("{what}: no node {node:?} in {}", d.path()));
        }
        let _ = d.key_path(node);
        Ok(())
    }
    fn spanned<T>(set: &LintSet, s: &Spanned<T>, what: &str) -> Check {
        node(set, s.doc, s.node, what)?;
        let d = set.doc(s.doc).ok_or(format!("{what}: no document"))?;
        for span in [s.span(), s.inner()].into_iter().flatten() {
            let text = d.text().ok_or(format!("{what}: span without text"))?;
            span_in_text(span, text, what)?;
        }
        if let (Some(outer), Some(inner)) = (s.span(), s.inner()) {
            if !outer.contains(inner) {
                return fail(format!("{what}: inner {inner:?} outside span {outer:?}"));
            }
        }
        Ok(())
    }
    fn opt<T>(set: &LintSet, s: &Option<Spanned<T>>, what: &str) -> Check {
        s.as_ref().map_or(Ok(()), |s| spanned(set, s, what))
    }
    for p in &model.profiles {
        node(set, p.doc, p.root, "profile root")?;
        for &payload in &p.payloads {
            node(set, p.doc, payload, "profile payload")?;
        }
    }
    for p in &model.sso_payloads {
        node(set, p.doc, p.node, "SSO payload")?;
        opt(set, &p.intune_type, "intune_type")?;
        opt(set, &p.intune_property, "intune_property")?;
        opt(set, &p.extension_identifier, "extension_identifier")?;
        opt(set, &p.team_identifier, "team_identifier")?;
        opt(set, &p.sso_type, "sso_type")?;
        opt(set, &p.realm, "realm")?;
        for u in &p.urls {
            spanned(set, u, "URL")?;
        }
        for h in &p.hosts {
            spanned(set, h, "host")?;
        }
        for n in [p.urls_node, p.extension_data.node, p.platform_sso]
            .into_iter()
            .flatten()
        {
            node(set, p.doc, n, "payload node")?;
        }
        for e in &p.extension_data.entries {
            spanned(set, &e.key, "ExtensionData key")?;
            spanned(set, &e.value, "ExtensionData value")?;
            opt(set, &e.type_declaration.as_deref().cloned(), "ExtensionData type")?;
            node(set, e.key.doc, e.entry_node, "ExtensionData entry")?;
        }
        for list in &p.bundle_lists {
            node(set, p.doc, list.node, "bundle list")?;
            let text = set.doc(p.doc).and_then(|d| d.shared_text().cloned());
            for item in &list.items {
                node(set, p.doc, item.node, "bundle item")?;
                if let Some(span) = item.span {
                    let text = text.as_deref().ok_or("bundle item span without text")?;
                    span_in_text(span, text, "bundle item")?;
                }
            }
        }
        if p.object.is_some_and(|o| o >= model.objects.len()) {
            return fail("SSO payload names a missing object");
        }
        if p.profile.is_some_and(|o| o >= model.profiles.len()) {
            return fail("SSO payload names a missing profile");
        }
    }
    for o in &model.objects {
        node(set, o.doc, o.node, "Intune object")?;
        for a in o.assignments.iter().flatten() {
            node(set, a.doc, a.node, "assignment")?;
            opt(set, &a.intent, "assignment intent")?;
        }
    }
    for a in &model.apps {
        if a.object >= model.objects.len() {
            return fail("app names a missing object");
        }
        opt(set, &a.bundle_id, "app bundle id")?;
    }
    for e in &model.enrollment_profiles {
        if e.object >= model.objects.len() {
            return fail("enrollment profile names a missing object");
        }
        opt(set, &e.requires_user_authentication, "requiresUserAuthentication")?;
        opt(
            set,
            &e.enable_authentication_via_company_portal,
            "enableAuthenticationViaCompanyPortal",
        )?;
        opt(
            set,
            &e.require_company_portal_on_setup_assistant_enrolled_devices,
            "requireCompanyPortalOnSetupAssistantEnrolledDevices",
        )?;
    }
    for doc in model
        .unrecognized
        .iter()
        .copied()
        .chain(model.assignment_files.iter().map(|f| f.doc))
    {
        if set.doc(doc).is_none() {
            return fail(format!("model names a missing document {doc:?}"));
        }
    }
    Ok(())
}

fn render_everything(set: &LintSet, linter: &Linter, diagnostics: &[Diagnostic], model: &Model) -> Check {
    let summary = Summary::new(set.files(), diagnostics, 0);
    let texts: Vec<(Arc<str>, Arc<str>)> = set
        .documents()
        .iter()
        .filter(|d| d.embedding().is_none())
        .filter_map(|d| Some((Arc::from(d.path()), d.shared_text().cloned()?)))
        .collect();
    let lookup = |p: &str| texts.iter().find(|(path, _)| &**path == p).map(|(_, t)| t.clone());
    let json = report::json::render(set.files(), diagnostics, &summary, &lookup);
    serde_json::from_str::<serde_json::Value>(&json).map_err(|e| format!("the JSON report is not JSON: {e}"))?;
    let ran: Vec<_> = profilelint::rules::all()
        .iter()
        .copied()
        .filter(|m| linter.is_enabled(m.code))
        .collect();
    let sarif = report::sarif::render(diagnostics, &ran);
    serde_json::from_str::<serde_json::Value>(&sarif).map_err(|e| format!("the SARIF report is not JSON: {e}"))?;
    let options = human::HumanOptions {
        color: false,
        width: 100,
    };
    for d in diagnostics {
        let _ = human::render_diagnostic(d, options);
    }
    let _ = human::summary_line(&summary, diagnostics);
    let _ = report::concise::render(diagnostics);
    let _ = report::github::render(diagnostics);
    let _ = report::azure::render(diagnostics);
    let _ = report::junit::render(set.files(), diagnostics);
    let inspection = report::inspect::Inspection::new(set, model);
    serde_json::from_str::<serde_json::Value>(&inspection.to_json())
        .map_err(|e| format!("the inspect JSON is not JSON: {e}"))?;
    let _ = inspection.to_human();
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// Tree invariants shared by the XML and JSON checks
// ------------------------------------------------------------------------------------------------

/// Parent links agree with the containers; every node but the root has a parent; key paths build.
fn tree_links(tree: &Tree) -> Check {
    let root = tree.root().ok_or("no root")?;
    for (id, node) in tree.iter() {
        if id == root {
            if node.parent.is_some() {
                return fail("the root has a parent");
            }
        } else if node.parent.is_none() {
            return fail(format!("node {id:?} has no parent"));
        }
        let children: Vec<NodeId> = match &node.value {
            Value::Dict(entries) => entries.iter().map(|e| e.value).collect(),
            Value::Array(items) => items.clone(),
            _ => Vec::new(),
        };
        for (slot, child) in children.into_iter().enumerate() {
            let link = tree
                .get(child)
                .and_then(|n| n.parent)
                .ok_or(format!("child {child:?} without parent link"))?;
            if link.parent != id || link.slot as usize != slot {
                return fail(format!(
                    "child {child:?} links to {:?}[{}], not {id:?}[{slot}]",
                    link.parent, link.slot
                ));
            }
        }
        let _ = tree.key_path(id);
    }
    Ok(())
}

/// Spans lie in the text on character boundaries, content spans inside element spans, children
/// inside their parent, keys before their values.
fn tree_invariants(tree: &Tree, text: &str) -> Check {
    tree_links(tree)?;
    for (id, node) in tree.iter() {
        let span = node.span().ok_or(format!("node {id:?} without span"))?;
        span_in_text(span, text, &format!("node {id:?}"))?;
        if let Some(inner) = node.inner() {
            span_in_text(inner, text, &format!("node {id:?} inner"))?;
            if !span.contains(inner) {
                return fail(format!("node {id:?}: inner {inner:?} outside {span:?}"));
            }
        }
        if let Some(link) = node.parent {
            let parent = tree.span(link.parent).ok_or("parent without span")?;
            if !parent.contains(span) {
                return fail(format!("node {id:?}: span {span:?} outside its parent's {parent:?}"));
            }
        }
        for entry in tree.entries(id) {
            let key = entry.key_span().ok_or("key without span")?;
            let inner = entry.key_inner().ok_or("key without inner span")?;
            span_in_text(key, text, "key")?;
            span_in_text(inner, text, "key inner")?;
            if !key.contains(inner) || !span.contains(key) {
                return fail(format!("key `{}`: spans out of place", entry.key));
            }
            let value = tree.span(entry.value).ok_or("entry value without span")?;
            if key.end > value.start {
                return fail(format!("key `{}` ends after its value starts", entry.key));
            }
        }
    }
    Ok(())
}

fn error_span(err: &SyntaxError, text: &str) -> Check {
    match err.span {
        Some(span) => span_in_text(span, text, &format!("error `{}`", err.message)),
        None => Ok(()),
    }
}

// ------------------------------------------------------------------------------------------------
// xml_vs_plist
// ------------------------------------------------------------------------------------------------

/// Differential: our XML reader against the `plist` crate.
///
/// Where both accept a UTF-8 document without duplicate keys, the values agree. Documented
/// intentional differences are allowed for: CDATA sections are text for us (the `plist` crate
/// drops them, so they are rewritten as escaped text before it sees the document), entities other
/// than XML's five are rejected by us, dates are checked strictly by us — those make us reject,
/// and only acceptance by both is compared. Our tree's invariants and error spans are checked too.
pub fn xml_vs_plist(data: &[u8]) -> Check {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let tree = match syntax::xml::parse(text, &Limits::default()) {
        Ok(tree) => tree,
        Err(err) => {
            if err.kind != SyntaxErrorKind::InvalidPlist && err.kind != SyntaxErrorKind::Limit {
                return fail(format!("XML error of kind {:?}", err.kind));
            }
            return error_span(&err, text);
        }
    };
    tree_invariants(&tree, text)?;
    xml_spans(&tree, text)?;
    if has_duplicate_keys(&tree) {
        return Ok(());
    }
    let Some(rewritten) = cdata_as_text(text) else {
        return Ok(());
    };
    let Ok(theirs) = plist::Value::from_reader_xml(rewritten.as_bytes()) else {
        return Ok(());
    };
    let root = tree.root().ok_or("no root")?;
    plist_agree(&tree, root, &theirs)
}

/// The XML plist element that holds `value` (`dict`, `true`, …); `None` for null, which XML
/// plists cannot hold.
pub fn xml_tag(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::Dict(_) => "dict",
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Integer(_) => "integer",
        Value::Real(_) => "real",
        Value::Bool(true) => "true",
        Value::Bool(false) => "false",
        Value::Date(_) => "date",
        Value::Data(_) => "data",
        Value::Null => return None,
    })
}

/// Every node's span is its element (`<tag …>` … `>`), every key span a `<key>` element.
fn xml_spans(tree: &Tree, text: &str) -> Check {
    for (id, node) in tree.iter() {
        let Some(tag) = xml_tag(&node.value) else {
            return fail(format!("node {id:?}: null in an XML plist"));
        };
        let span = node.span().ok_or("node without span")?;
        let slice = text.get(span.start..span.end).ok_or("span outside text")?;
        let after_name = slice.strip_prefix('<').and_then(|s| s.strip_prefix(tag)).unwrap_or("!");
        if !(after_name.starts_with(['>', '/']) || after_name.starts_with(|c: char| c.is_ascii_whitespace()))
            || !slice.ends_with('>')
        {
            return fail(format!(
                "the span {span:?} of a <{tag}> at `{}` is {slice:?}",
                tree.key_path(id)
            ));
        }
        for entry in tree.entries(id) {
            let key = entry.key_span().ok_or("key without span")?;
            let slice = text.get(key.start..key.end).ok_or("key span outside text")?;
            if !slice.starts_with("<key") || !slice.ends_with('>') {
                return fail(format!("the span {key:?} of key `{}` is {slice:?}", entry.key));
            }
        }
    }
    Ok(())
}

/// Whether a dict of the tree holds a key twice.
pub fn has_duplicate_keys(tree: &Tree) -> bool {
    tree.iter().any(|(_, node)| match &node.value {
        Value::Dict(entries) => {
            let mut keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
            keys.sort_unstable();
            keys.windows(2).any(|w| w[0] == w[1])
        }
        _ => false,
    })
}

/// The `plist` crate skips CDATA sections; XML says they are text. Rewrites each CDATA section
/// that quick-xml (with our reader's settings) reads as one into escaped text, so that markers
/// inside tags or comments are left alone. `None` when quick-xml fails on the text.
pub fn cdata_as_text(xml: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = false;
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut out = String::with_capacity(xml.len());
    let mut copied = 0;
    loop {
        let start = usize::try_from(reader.buffer_position()).ok()?;
        match reader.read_event() {
            Ok(Event::CData(_)) => {
                let end = usize::try_from(reader.buffer_position()).ok()?;
                let content = xml.get(start + 9..end.checked_sub(3)?)?;
                out.push_str(xml.get(copied..start)?);
                out.push_str(&content.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"));
                copied = end;
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    out.push_str(xml.get(copied..)?);
    Some(out)
}

/// Compares our tree with the `plist` crate's value, with an explicit stack. The one comparison of
/// the two: the XML reader's tests use it too.
pub fn plist_agree(tree: &Tree, root: NodeId, theirs: &plist::Value) -> Check {
    let mut pending: Vec<(NodeId, &plist::Value)> = vec![(root, theirs)];
    while let Some((id, theirs)) = pending.pop() {
        let path = tree.key_path(id);
        let ours = tree.value(id).ok_or("missing node")?;
        let differ = || format!("at `{path}`: ours {ours:?}, the plist crate's {theirs:?}");
        match (ours, theirs) {
            (Value::Dict(entries), plist::Value::Dictionary(dict)) => {
                if entries.len() != dict.len() {
                    return fail(differ());
                }
                for (entry, (key, value)) in entries.iter().zip(dict.iter()) {
                    if entry.key != *key {
                        return fail(format!(
                            "at `{path}`: key `{}` where the plist crate has `{key}`",
                            entry.key
                        ));
                    }
                    pending.push((entry.value, value));
                }
            }
            (Value::Array(items), plist::Value::Array(values)) => {
                if items.len() != values.len() {
                    return fail(differ());
                }
                pending.extend(items.iter().copied().zip(values.iter()));
            }
            (Value::String(a), plist::Value::String(b)) if a == b => {}
            (Value::Bool(a), plist::Value::Boolean(b)) if a == b => {}
            (Value::Data(a), plist::Value::Data(b)) if a == b => {}
            (Value::Real(a), plist::Value::Real(b)) if a == b || (a.is_nan() && b.is_nan()) => {}
            (Value::Integer(a), plist::Value::Integer(b))
                if b.as_signed().map(i128::from) == Some(*a) || b.as_unsigned().map(i128::from) == Some(*a) => {}
            (Value::Date(a), plist::Value::Date(b)) if *a == b.to_xml_format() => {}
            _ => return fail(differ()),
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// json
// ------------------------------------------------------------------------------------------------

/// Differential: our JSON reader against `serde_json`.
///
/// Where `serde_json` parses, we parse too and agree on every value (duplicate keys: the last one
/// wins, as in `serde_json`), and every node's span slices JSON text for exactly that value (keys:
/// a JSON string for exactly that key). Where `serde_json` rejects, we reject too. Allowed
/// differences: nesting beyond either reader's depth limit (128), numbers `serde_json` cannot
/// hold in an `f64` (`1e400`), which are valid JSON, and a difference of a few units in the last
/// place of a real, where `serde_json`'s default parser rounds wrongly (see `close`); our numbers
/// are checked exactly against Rust's correctly rounded parse of their literal instead.
pub fn json(data: &[u8]) -> Check {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let ours = syntax::json::parse(text, &Limits::default());
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (ours, theirs) {
        (Err(err), _) if err.kind == SyntaxErrorKind::Limit => error_span(&err, text),
        (_, Err(e)) if e.to_string().starts_with("recursion limit exceeded") => Ok(()),
        (Err(err), Err(_)) => {
            if err.kind != SyntaxErrorKind::InvalidJson {
                return fail(format!("JSON error of kind {:?}", err.kind));
            }
            error_span(&err, text)
        }
        (Err(err), Ok(_)) => fail(format!(
            "we reject JSON that serde_json reads: {} at {:?}",
            err.message, err.span
        )),
        (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => Ok(()),
        (Ok(_), Err(e)) => fail(format!("we accept JSON that serde_json rejects: {e}")),
        (Ok(tree), Ok(value)) => {
            tree_invariants(&tree, text)?;
            let root = tree.root().ok_or("no root")?;
            json_agree(&tree, root, &value)?;
            json_spans(&tree, text)
        }
    }
}

/// Compares our tree with `serde_json`'s value, with an explicit stack.
fn json_agree(tree: &Tree, root: NodeId, theirs: &serde_json::Value) -> Check {
    use serde_json::Value as J;
    let mut pending: Vec<(NodeId, &J)> = vec![(root, theirs)];
    while let Some((id, theirs)) = pending.pop() {
        let path = tree.key_path(id);
        let ours = tree.value(id).ok_or("missing node")?;
        let differ = || format!("at `{path}`: ours {ours:?}, serde_json's {theirs:?}");
        match (ours, theirs) {
            (Value::Dict(entries), J::Object(map)) => {
                let mut keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
                keys.sort_unstable();
                keys.dedup();
                if keys.len() != map.len() {
                    return fail(differ());
                }
                for (key, value) in map {
                    // The last entry with this key, as serde_json keeps the last.
                    let entry = entries.iter().rev().find(|e| e.key == *key).ok_or_else(differ)?;
                    pending.push((entry.value, value));
                }
            }
            (Value::Array(items), J::Array(values)) => {
                if items.len() != values.len() {
                    return fail(differ());
                }
                pending.extend(items.iter().copied().zip(values.iter()));
            }
            (Value::String(a), J::String(b)) if a == b => {}
            (Value::Bool(a), J::Bool(b)) if a == b => {}
            (Value::Null, J::Null) => {}
            (Value::Integer(_) | Value::Real(_), J::Number(n)) if number_agrees(ours, n) => {}
            _ => return fail(differ()),
        }
    }
    Ok(())
}

fn number_agrees(ours: &Value, theirs: &serde_json::Number) -> bool {
    match ours {
        Value::Integer(i) => {
            if let Some(t) = theirs.as_i64() {
                return i128::from(t) == *i;
            }
            if let Some(t) = theirs.as_u64() {
                return i128::from(t) == *i;
            }
            theirs.as_f64().is_some_and(|t| close(t, *i as f64))
        }
        Value::Real(r) => theirs.as_f64().is_some_and(|t| close(t, *r)),
        _ => false,
    }
}

/// Equal, or nearly: `serde_json`'s default float parser (without its `float_roundtrip` feature)
/// is not correctly rounded for long mantissas (`0.666666666666666666666666` gives
/// `0.6666666666666667`, some 48-digit integers are 2 units in the last place off). Our values are
/// checked exactly against Rust's correctly rounded `str::parse` in `json_spans` instead.
fn close(a: f64, b: f64) -> bool {
    a == b || (a.is_finite() && b.is_finite() && (a - b).abs() <= 1e-12 * a.abs().max(b.abs()))
}

/// Every node's span is JSON text for that node's value; string content and key spans too.
fn json_spans(tree: &Tree, text: &str) -> Check {
    let full = text.len() <= FULL_SPAN_CHECK_MAX;
    for (id, node) in tree.iter() {
        let container = matches!(node.value, Value::Dict(_) | Value::Array(_));
        let span = node.span().ok_or("node without span")?;
        let slice = text.get(span.start..span.end).ok_or("span outside text")?;
        if container {
            let (open, close) = if matches!(node.value, Value::Dict(_)) {
                ('{', '}')
            } else {
                ('[', ']')
            };
            if !slice.starts_with(open) || !slice.ends_with(close) {
                return fail(format!("container span {span:?} is {slice:?}"));
            }
            if !full {
                continue;
            }
        }
        let value: serde_json::Value = serde_json::from_str(slice)
            .map_err(|e| format!("span {span:?} of `{}` is not JSON ({e}): {slice:?}", tree.key_path(id)))?;
        json_agree_subtree(tree, id, &value)?;
        // Numbers: exactly what Rust's correctly rounded parsers make of the literal.
        match &node.value {
            Value::Integer(i) if slice.parse::<i128>().ok() != Some(*i) => {
                return fail(format!("integer {i} read from {slice:?}"));
            }
            Value::Real(r) if slice.parse::<f64>().ok() != Some(*r) => {
                return fail(format!("real {r:?} read from {slice:?}"));
            }
            _ => {}
        }
        if let Value::String(s) = &node.value {
            let inner = node.inner().ok_or("string without inner span")?;
            if inner != Span::new(span.start + 1, span.end - 1) {
                return fail(format!(
                    "string inner span {inner:?} is not its span {span:?} without quotes"
                ));
            }
            let _ = s;
        }
        for entry in tree.entries(id) {
            let key = entry.key_span().ok_or("key without span")?;
            let slice = text.get(key.start..key.end).ok_or("key span outside text")?;
            let decoded: String =
                serde_json::from_str(slice).map_err(|e| format!("key span {key:?} is not a JSON string ({e})"))?;
            if decoded != entry.key {
                return fail(format!("key span {key:?} holds {decoded:?}, not {:?}", entry.key));
            }
        }
    }
    Ok(())
}

fn json_agree_subtree(tree: &Tree, id: NodeId, value: &serde_json::Value) -> Check {
    json_agree(tree, id, value)
}

// ------------------------------------------------------------------------------------------------
// cms
// ------------------------------------------------------------------------------------------------

/// `source::signed::unwrap` never panics, never returns more bytes than it was given, and fails
/// only with PL003. Sniffing as CMS is consistent with what `unwrap` accepts.
pub fn cms(data: &[u8]) -> Check {
    let looks = source::signed::looks_like_cms(data);
    match source::signed::unwrap(data) {
        Ok(content) => {
            if content.len() > data.len() {
                return fail(format!(
                    "unwrap returned {} bytes from {} bytes of input",
                    content.len(),
                    data.len()
                ));
            }
            if !looks {
                return fail("unwrap accepted input that does not look like CMS");
            }
        }
        Err(err) => {
            if err.kind != SyntaxErrorKind::UnreadableSigned {
                return fail(format!("unwrap failed with kind {:?}", err.kind));
            }
            if err.message.is_empty() {
                return fail("unwrap failed with an empty message");
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// fix_roundtrip
// ------------------------------------------------------------------------------------------------

/// Arbitrary bytes as an XML plist or JSON file through `fix::fix` with safe fixes.
///
/// A changed file parses, keeps its format and encoding, and gains no PL001/PL002/PL003/PL006 (an
/// embedded payload that was unreadable before stays unreadable: fixes never rewrite it); a
/// file fixes claimed to change is really changed; when fixing stops with safe fixes still
/// reported and no failure given, those fixes must be no-ops (reported as such: a fix that
/// silently does nothing) or the loop hit its pass limit (reported: no convergence).
pub fn fix_roundtrip(data: &[u8]) -> Check {
    let name: Arc<str> = match source::sniff(data) {
        Sniffed::Json => "input.json".into(),
        Sniffed::Xml => "input.mobileconfig".into(),
        _ => return Ok(()),
    };
    let limits = Limits::default();
    let linter = Linter::new(Config::default());
    let before = FileLoad::parse(name.clone(), data, FileOrigin::Named, &limits);
    let inputs = [FixInput {
        path: name.clone(),
        bytes: data.to_vec(),
        origin: FileOrigin::Named,
    }];
    let result = fix::fix(&inputs, &linter, Applicability::Safe);
    if result.failures.iter().any(|(i, reason)| *i != 0 || reason.is_empty()) {
        return fail(format!("bad failure list {:?}", result.failures));
    }
    let final_bytes = match result.changed.as_slice() {
        [] => {
            if result.total_fixed() > 0 {
                return fail(format!(
                    "{} fixes counted but the file is unchanged",
                    result.total_fixed()
                ));
            }
            data.to_vec()
        }
        [(0, new)] => {
            if new == data {
                return fail("reported as changed but identical");
            }
            if result.total_fixed() == 0 {
                return fail("changed without any fix counted");
            }
            new.clone()
        }
        other => {
            return fail(format!(
                "unexpected changed list for one input: {} entries",
                other.len()
            ))
        }
    };
    if result.changed.is_empty() {
        return remaining_fixes(&linter, &name, &final_bytes, &result.failures);
    }
    let after = FileLoad::parse(name.clone(), &final_bytes, FileOrigin::Named, &limits);
    let (Some(doc_before), Some(doc_after)) = (before.documents().first(), after.documents().first()) else {
        let why: Vec<String> = after
            .input_diagnostics()
            .iter()
            .map(|d| format!("{} {}", d.diagnostic.code(), d.diagnostic.message))
            .collect();
        return fail(format!("the fixed file does not parse: {why:?}"));
    };
    if doc_before.format() != doc_after.format() || doc_before.encoding() != doc_after.encoding() {
        return fail(format!(
            "fixing changed {:?}/{:?} into {:?}/{:?}",
            doc_before.format(),
            doc_before.encoding(),
            doc_after.format(),
            doc_after.encoding()
        ));
    }
    // Input errors: none at file level (the file parses, checked above), and none new inside
    // (an embedded payload that was already unreadable stays so; fixes never rewrite it).
    let input_errors = |bytes: &[u8]| -> Vec<String> {
        let mut set = LintSet::new(limits);
        set.add_bytes(name.clone(), bytes, FileOrigin::Named);
        let mut found: Vec<String> = linter
            .check(&set)
            .diagnostics()
            .iter()
            .filter(|d| matches!(d.code(), "PL001" | "PL002" | "PL003" | "PL006"))
            .map(|d| format!("{} {}", d.code(), d.message))
            .collect();
        found.sort();
        found
    };
    let (was, now) = (input_errors(data), input_errors(&final_bytes));
    if now.iter().any(|e| !was.contains(e)) {
        return fail(format!(
            "the fixed file has new input errors: {now:?} (before: {was:?})"
        ));
    }
    remaining_fixes(&linter, &name, &final_bytes, &result.failures)
}

/// After fixing: safe fixes still reported on the final text, with no failure given, must not
/// exist — unless applying them changes nothing, which is a fix that silently does nothing.
fn remaining_fixes(linter: &Linter, name: &Arc<str>, bytes: &[u8], failures: &[(usize, String)]) -> Check {
    if !failures.is_empty() {
        return Ok(());
    }
    let mut set = LintSet::new(linter.config().limits);
    set.add_bytes(name.clone(), bytes, FileOrigin::Named);
    let Some(doc_id) = set.files().first().and_then(|f| f.doc) else {
        return Ok(());
    };
    let Some(doc) = set.doc(doc_id) else { return Ok(()) };
    let Some(text) = doc.text() else { return Ok(()) };
    if !doc.format().is_fixable() {
        return Ok(());
    }
    let report = linter.check(&set);
    let fixes: Vec<&Diagnostic> = report
        .diagnostics()
        .iter()
        .filter(|d| d.location.doc == doc_id)
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe))
        .collect();
    if fixes.is_empty() {
        return Ok(());
    }
    let codes: Vec<String> = fixes
        .iter()
        .map(|d| format!("{} at {}", d.code(), d.key_path().unwrap_or("?")))
        .collect();
    let (new_text, _) = fix::apply(text, &fixes);
    if new_text == text {
        fail(format!(
            "safe fixes that change nothing are reported after fixing: {codes:?}"
        ))
    } else {
        fail(format!(
            "fixing stopped with safe fixes left, and no failure reported: {codes:?}"
        ))
    }
}

// ------------------------------------------------------------------------------------------------
// stream
// ------------------------------------------------------------------------------------------------

/// Arbitrary bytes split into files as [`parse_any`] splits them, written to a scratch folder
/// and linted two ways with the default configuration: by [`Linter::check`] over one lint set,
/// and by a stream in batches of one file, every file with a [`Reread`] (so profiles let go of
/// their trees after their own rules, and the cross-file rules read them again from disk).
///
/// Checks that both give the same findings, the same JSON report and the same model; and that
/// the two-phase check finds what every rule run over the whole set at once finds (a rule marked
/// as reading one file does not look beyond it).
pub fn stream(data: &[u8]) -> Check {
    let files = split_files(data);
    // One folder per process: fork mode runs jobs side by side.
    let dir = std::env::temp_dir().join(format!("profilelint-fuzz-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("scratch folder {}: {e}", dir.display()))?;
    let mut paths = Vec::with_capacity(files.len());
    for (name, bytes) in &files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))?;
        paths.push(path);
    }
    let config = Config::default();
    let (checked, streamed) =
        check_and_stream(&config, &paths, FileOrigin::Named, 1).map_err(|e| format!("reading back: {e}"))?;
    stream_agrees(&checked, &streamed)?;
    let as_one_set = Linter::new(config).check_as_one_set(&checked.0);
    same_text(
        "the findings of every rule over the whole set, and of the two-phase check",
        &format!("{:#?}", as_one_set.diagnostics()),
        &format!("{:#?}", checked.1.diagnostics()),
    )
}

/// `files` linted by [`Linter::check`] over one lint set, and by a stream in batches of `batch`
/// (every file with a [`Reread`]).
pub fn check_and_stream(
    config: &Config,
    files: &[PathBuf],
    origin: FileOrigin,
    batch: usize,
) -> std::io::Result<((LintSet, Report), Streamed)> {
    let limits = config.limits;
    let linter = Linter::new(config.clone());
    let name = |path: &PathBuf| path.to_string_lossy().to_string();
    let mut set = LintSet::new(limits);
    for path in files {
        set.add_bytes(name(path), &std::fs::read(path)?, origin);
    }
    let checked = linter.check(&set);
    let mut stream = linter.stream(limits);
    for chunk in files.chunks(batch.max(1)) {
        let mut loads = Vec::with_capacity(chunk.len());
        for path in chunk {
            let bytes = std::fs::read(path)?;
            let reread = Reread::new(path, origin, &bytes);
            loads.push((
                FileLoad::parse_owned(name(path).into(), bytes, origin, &limits),
                Some(reread),
            ));
        }
        stream.add(loads);
    }
    Ok(((set, checked), stream.finish()))
}

/// The same findings, the same JSON report (related places in other files included) and the same
/// model from a check and a stream over the same files, none of which changed in between.
pub fn stream_agrees((set, checked): &(LintSet, Report), streamed: &Streamed) -> Check {
    if !streamed.changed.is_empty() {
        return fail(format!("files changed during the stream: {:?}", streamed.changed));
    }
    same_text(
        "the JSON reports of the check and of the stream",
        &json_report(set, checked.diagnostics()),
        &json_report(&streamed.set, streamed.report.diagnostics()),
    )?;
    same_text(
        "the findings of the check and of the stream",
        &format!("{:#?}", checked.diagnostics()),
        &format!("{:#?}", streamed.report.diagnostics()),
    )?;
    same_text(
        "the models of the check and of the stream",
        &format!("{:#?}", checked.model()),
        &format!("{:#?}", streamed.report.model()),
    )
}

/// The JSON report of `diagnostics` as the command line writes it from `set`, whose texts give
/// the lines and columns of related places in other files.
fn json_report(set: &LintSet, diagnostics: &[Diagnostic]) -> String {
    let texts: HashMap<&str, Arc<str>> = set
        .documents()
        .iter()
        .filter(|d| d.embedding().is_none())
        .filter_map(|d| Some((d.path(), d.shared_text()?.clone())))
        .collect();
    let summary = Summary::new(set.files(), diagnostics, 0);
    report::json::render(set.files(), diagnostics, &summary, &|p: &str| texts.get(p).cloned())
}

/// `Ok` when `left` and `right` are the same text; otherwise the first line that differs.
fn same_text(what: &str, left: &str, right: &str) -> Check {
    if left == right {
        return Ok(());
    }
    let (mut a, mut b) = (left.lines(), right.lines());
    let mut line = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => line += 1,
            (x, y) => {
                return fail(format!(
                    "{what} differ at line {line}:\n  {}\n  {}",
                    x.unwrap_or("(end)"),
                    y.unwrap_or("(end)")
                ))
            }
        }
    }
}
