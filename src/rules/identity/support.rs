//! Helpers shared by the SSO1xx and SSO2xx rules: which payloads carry their own identity, how a
//! missing identity field is inserted, and how URLs compare (see `rules::shared` for the helpers
//! of every family).

use crate::diagnostic::{Edit, Location};
use crate::document::Document;
use crate::edits;
use crate::model::{IntuneExtensionType, Origin, PlatformSource, Spanned, SsoPayload};
use crate::rules::Context;
use crate::source::Format;
use crate::syntax::{NodeId, Value};

/// Whether the payload carries its own extension id, team id, `Type` and URLs: plists, Settings
/// Catalog groups, and Intune Redirect/Credential extensions. Intune's Microsoft Entra ID type does
/// not (Intune supplies Microsoft's values), nor do Kerberos or unknown Intune types.
pub(in crate::rules) fn carries_identity(payload: &SsoPayload) -> bool {
    match payload.origin {
        Origin::Mobileconfig | Origin::CustomProfile | Origin::SettingsCatalog | Origin::Declaration => true,
        Origin::DeviceFeatures => matches!(
            payload.intune_type.as_ref().map(|t| &t.value),
            Some(IntuneExtensionType::Redirect | IntuneExtensionType::Credential)
        ),
    }
}

/// Whether the document is JSON (Intune exports) rather than a plist.
pub(in crate::rules) fn is_json(doc: &Document) -> bool {
    doc.format == Format::Json
}

/// The location of a dict entry's key (`<key>ExtensionData</key>`, `"configurations"`), named by
/// the key path of its value; the node's own location when it is not a dict entry.
pub(in crate::rules) fn key_anchor(cx: &Context<'_>, payload: &SsoPayload, node: NodeId) -> Location {
    let key_span = cx
        .doc(payload.doc)
        .and_then(|d| d.tree.parent_entry(node))
        .and_then(|e| e.key_span());
    match key_span {
        Some(span) => cx.at_span(payload.doc, node, Some(span)),
        None => cx.at_node(payload.doc, node),
    }
}

/// Words for why the payload has its platform, for help texts.
pub(in crate::rules) fn platform_reason(source: PlatformSource) -> &'static str {
    match source {
        PlatformSource::Config => "set by `platform` in the configuration or `--platform`",
        PlatformSource::Intune => "from the Intune object",
        PlatformSource::ExtensionIdentifier => "from the extension identifier",
        PlatformSource::MacosOnlyKey => "from a macOS-only key in the profile",
        PlatformSource::Unknown => "unknown",
    }
}

/// An edit that gives a payload the string field `plist_key` / `json_key` = `value` when it has
/// none: a new last entry of the plist payload dict or Intune extension object, or, when Intune
/// wrote the property as `null`, the `null` replaced. `None` for Settings Catalog groups (a setting
/// instance is too structural to write by hand) and documents without text.
pub(in crate::rules) fn add_string_field(
    cx: &Context<'_>,
    payload: &SsoPayload,
    plist_key: &str,
    json_key: &str,
    value: &str,
) -> Option<Edit> {
    let doc = cx.doc(payload.doc)?;
    match payload.origin {
        Origin::Mobileconfig | Origin::CustomProfile => {
            if doc.tree.get_key(payload.node, plist_key).is_some() {
                return None;
            }
            edits::insert_entry(
                doc,
                payload.node,
                plist_key,
                &format!("<string>{}</string>", edits::xml_escape(value)),
            )
        }
        Origin::DeviceFeatures => {
            let existing = doc
                .tree
                .entries(payload.node)
                .iter()
                .find(|e| e.key.eq_ignore_ascii_case(json_key));
            match existing {
                Some(e) if matches!(doc.tree.value(e.value), Some(Value::Null)) => {
                    edits::replace_value(doc, e.value, edits::json_string(value))
                }
                Some(_) => None,
                None => edits::insert_entry(doc, payload.node, json_key, &edits::json_string(value)),
            }
        }
        // A declaration has no separate identity keys: SSO101/SSO104 edit
        // `ExtensionComposedIdentifier` themselves.
        Origin::SettingsCatalog | Origin::Declaration => None,
    }
}

/// Words for a message about the identity key `key` (`ExtensionIdentifier`, `TeamIdentifier`) of
/// `payload`: the key itself, or for a declaration, which part of `ExtensionComposedIdentifier`
/// it is. `message` has the key in backquotes.
pub(in crate::rules) fn identity_wording(payload: &SsoPayload, message: String) -> String {
    if payload.origin != Origin::Declaration {
        return message;
    }
    let message = message
        .replace(
            "`ExtensionIdentifier`",
            "the extension id of `ExtensionComposedIdentifier`",
        )
        .replace("`TeamIdentifier`", "the team id of `ExtensionComposedIdentifier`");
    match message.strip_prefix("the ") {
        Some(rest) => format!("The {rest}"),
        None => message,
    }
}

/// An edit that sets the identity value `spanned` (extension or team id) to `new`: the whole
/// string, or for a declaration's `ExtensionComposedIdentifier` only the part `spanned` stands
/// on, so the other part stays. `None` when that part cannot be placed (the string has escapes).
pub(in crate::rules) fn replace_identity(
    doc: &Document,
    payload: &SsoPayload,
    spanned: &Spanned<String>,
    new: &str,
) -> Option<Edit> {
    if payload.origin != Origin::Declaration || doc.tree.str(spanned.node) == Some(spanned.value.as_str()) {
        return edits::replace_string(doc, spanned.node, new);
    }
    let part = spanned.inner()?;
    if Some(part) == doc.tree.get(spanned.node).and_then(|n| n.inner()) || doc.slice(part) != Some(&spanned.value) {
        return None;
    }
    let quoted = edits::json_string(new);
    let content = quoted.get(1..quoted.len().checked_sub(1)?)?;
    Some(Edit::replace(part, content))
}

/// A URL split for comparison, borrowed from its text: scheme and authority compare without ASCII
/// case, the path as written without a trailing `/`. Surrounding whitespace is ignored.
#[derive(Debug, Clone, Copy)]
pub(in crate::rules) struct UrlParts<'a> {
    scheme: &'a str,
    authority: &'a str,
    path: &'a str,
}

impl<'a> UrlParts<'a> {
    /// Splits `url`; `None` when there is no `scheme://`.
    pub(in crate::rules) fn parse(url: &'a str) -> Option<Self> {
        // Byte scans: this runs for every catalog URL against every payload, and `str::find` with
        // a string pattern sets up a substring searcher each time. The bytes searched for are
        // ASCII, so every split lands on a character boundary.
        let url = url.trim();
        let colon = url.as_bytes().windows(3).position(|w| w == b"://")?;
        let (scheme, rest) = (url.get(..colon)?, url.get(colon + 3..)?);
        let end = rest
            .bytes()
            .position(|b| matches!(b, b'/' | b'?' | b'#'))
            .unwrap_or(rest.len());
        let (authority, path) = (rest.get(..end)?, rest.get(end..)?);
        let path = path.strip_suffix('/').unwrap_or(path);
        Some(UrlParts {
            scheme,
            authority,
            path,
        })
    }

    /// Whether both name the same URL (what [`normalize_url`] makes equal).
    pub(in crate::rules) fn same_as(&self, other: &UrlParts<'_>) -> bool {
        self.scheme.eq_ignore_ascii_case(other.scheme)
            && self.authority.eq_ignore_ascii_case(other.authority)
            && self.path == other.path
    }
}

/// A URL written out for comparison: scheme and authority lower-cased, the path as written without
/// a trailing `/`. Surrounding whitespace is ignored. `None` when there is no `scheme://`.
pub(in crate::rules) fn normalize_url(url: &str) -> Option<String> {
    let parts = UrlParts::parse(url)?;
    // Written into one buffer (this runs for every URL of every payload).
    let mut out = String::with_capacity(parts.scheme.len() + 3 + parts.authority.len() + parts.path.len());
    out.push_str(parts.scheme);
    out.push_str("://");
    out.push_str(parts.authority);
    out.make_ascii_lowercase();
    out.push_str(parts.path);
    Some(out)
}

/// Inserts several new last elements into an array in one edit, in the document's style (one
/// [`edits::insert_element`] would place each at the same offset; this joins them the way that
/// builder joins one).
pub(in crate::rules) fn insert_elements(doc: &Document, array: NodeId, values: &[String]) -> Option<Edit> {
    const MARK: &str = "\u{1}";
    let first = values.first()?;
    let probe = edits::insert_element(doc, array, MARK)?;
    let (prefix, suffix) = probe.content.split_once(MARK)?;
    let separator = if let Some(newline) = prefix.rfind('\n') {
        let start = if prefix.get(..newline).is_some_and(|p| p.ends_with('\r')) {
            newline - 1
        } else {
            newline
        };
        let comma = if is_json(doc) { "," } else { "" };
        format!("{comma}{}", prefix.get(start..).unwrap_or("\n"))
    } else if is_json(doc) {
        ", ".to_owned()
    } else {
        " ".to_owned()
    };
    let mut content = format!("{prefix}{first}");
    for value in values.iter().skip(1) {
        content.push_str(&separator);
        content.push_str(value);
    }
    content.push_str(suffix);
    Some(Edit {
        span: probe.span,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Encoding;
    use crate::syntax::{json, xml};
    use crate::Limits;

    fn doc(text: &str, format: Format) -> Document {
        let tree = match format {
            Format::Json => json::parse(text, &Limits::default()),
            _ => xml::parse(text, &Limits::default()),
        }
        .unwrap_or_default();
        Document::new("t".into(), format, Some(Encoding::Utf8), Some(text.into()), tree)
    }

    /// Inserts `values` into the first array found under the root dict's key `k`.
    fn insert(text: &str, format: Format, values: &[&str]) -> String {
        let d = doc(text, format);
        let root = d.tree.root().unwrap_or(NodeId(0));
        let array = d.tree.get_key(root, "k").unwrap_or(NodeId(0));
        let values: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
        let Some(edit) = insert_elements(&d, array, &values) else {
            return "no edit".into();
        };
        let (start, end) = (edit.span.start, edit.span.end);
        format!(
            "{}{}{}",
            text.get(..start).unwrap_or(""),
            edit.content,
            text.get(end..).unwrap_or("")
        )
    }

    #[test]
    fn several_elements_are_inserted_in_the_document_style() {
        assert_eq!(
            insert("{\n  \"k\": [\n    \"a\"\n  ]\n}", Format::Json, &["\"b\"", "\"c\""]),
            "{\n  \"k\": [\n    \"a\",\n    \"b\",\n    \"c\"\n  ]\n}"
        );
        assert_eq!(
            insert("{\"k\": [\"a\"]}", Format::Json, &["\"b\"", "\"c\""]),
            "{\"k\": [\"a\", \"b\", \"c\"]}"
        );
        assert_eq!(
            insert("{\"k\": []}", Format::Json, &["\"b\"", "\"c\""]),
            "{\"k\": [\"b\", \"c\"]}"
        );
        let plist = "<plist version=\"1.0\">\n<dict>\n\t<key>k</key>\n\t<array/>\n</dict>\n</plist>\n";
        assert_eq!(
            insert(plist, Format::XmlPlist, &["<string>b</string>", "<string>c</string>"]),
            "<plist version=\"1.0\">\n<dict>\n\t<key>k</key>\n\t<array>\n\t\t<string>b</string>\n\t\t<string>c</string>\n\t</array>\n</dict>\n</plist>\n"
        );
        let crlf = "<plist version=\"1.0\">\r\n<dict>\r\n  <key>k</key>\r\n  <array>\r\n    <string>a</string>\r\n  </array>\r\n</dict>\r\n</plist>\r\n";
        assert_eq!(
            insert(crlf, Format::XmlPlist, &["<string>b</string>", "<string>c</string>"]),
            "<plist version=\"1.0\">\r\n<dict>\r\n  <key>k</key>\r\n  <array>\r\n    <string>a</string>\r\n    <string>b</string>\r\n    <string>c</string>\r\n  </array>\r\n</dict>\r\n</plist>\r\n"
        );
    }

    #[test]
    fn urls_normalise_scheme_and_host_only() {
        assert_eq!(
            normalize_url("HTTPS://Login.Microsoft.com/"),
            Some("https://login.microsoft.com".into())
        );
        assert_eq!(
            normalize_url(" https://login.microsoft.com "),
            Some("https://login.microsoft.com".into())
        );
        assert_eq!(
            normalize_url("https://x.example/Path/"),
            Some("https://x.example/Path".into())
        );
        assert_ne!(
            normalize_url("https://x.example/Path"),
            normalize_url("https://x.example/path")
        );
        assert_eq!(
            normalize_url("https://x.example:443"),
            Some("https://x.example:443".into())
        );
        assert_eq!(normalize_url("login.microsoft.com"), None);
    }
}
