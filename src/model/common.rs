//! Building blocks shared by every extractor (plist, Intune Device Features, Settings Catalog):
//! reading spanned scalars, typed ExtensionData values, bundle lists, and deciding whether an SSO
//! payload is meant for the Microsoft Enterprise SSO plug-in.
//!
//! Everything here is total: a node of an unexpected kind yields `None` or an empty result, never a
//! panic, and nothing recurses into the tree.

use crate::catalog;
use crate::document::{DocId, Document};
use crate::span::Span;
use crate::suggest::distance_within;
use crate::syntax::{Entry, NodeId, Tree, Value};

use super::types::{BundleItem, BundleList, BundleListForm, BundleListKind, ExtensionValue, Spanned, SsoPayload};

/// The maximum edit distance (Levenshtein, on lower-cased text) at which an extension identifier
/// still counts as a misspelling of a Microsoft extension id (rules.md, "Microsoft SSO payload").
pub(crate) const EXTENSION_ID_MAX_DISTANCE: usize = 3;

/// The string at `node` with its place: `span` is the whole token (`<string>x</string>`, `"x"`),
/// `inner` the content. `None` when the node is missing or not a string.
pub(crate) fn spanned_str(doc_id: DocId, doc: &Document, node: NodeId) -> Option<Spanned<String>> {
    let n = doc.tree.get(node)?;
    match &n.value {
        Value::String(s) => Some(Spanned::new(s.clone(), doc_id, node, n.span(), n.inner())),
        _ => None,
    }
}

/// The boolean at `node` with its place (`<true/>`, JSON `true`). `None` when the node is missing
/// or not a boolean.
pub(crate) fn spanned_bool(doc_id: DocId, doc: &Document, node: NodeId) -> Option<Spanned<bool>> {
    let n = doc.tree.get(node)?;
    match n.value {
        Value::Bool(b) => Some(Spanned::new(b, doc_id, node, n.span(), n.inner())),
        _ => None,
    }
}

/// The integer at `node` with its place. `None` when the node is missing or not an integer.
pub(crate) fn spanned_int(doc_id: DocId, doc: &Document, node: NodeId) -> Option<Spanned<i128>> {
    let n = doc.tree.get(node)?;
    match n.value {
        Value::Integer(i) => Some(Spanned::new(i, doc_id, node, n.span(), n.inner())),
        _ => None,
    }
}

/// Placed values read from the dicts of one document, where a dict may be missing (`None`), as
/// an optional group of a payload is.
#[derive(Clone, Copy)]
pub(crate) struct DictValues<'a> {
    /// The document's id.
    pub(crate) doc_id: DocId,
    /// The document.
    pub(crate) doc: &'a Document,
}

impl DictValues<'_> {
    /// The string value of `key` in `dict`.
    pub(crate) fn str_in(self, dict: Option<NodeId>, key: &str) -> Option<Spanned<String>> {
        spanned_str(self.doc_id, self.doc, self.doc.tree.get_key(dict?, key)?)
    }

    /// The boolean value of `key` in `dict`.
    pub(crate) fn bool_in(self, dict: Option<NodeId>, key: &str) -> Option<Spanned<bool>> {
        spanned_bool(self.doc_id, self.doc, self.doc.tree.get_key(dict?, key)?)
    }

    /// The integer value of `key` in `dict`.
    pub(crate) fn int_in(self, dict: Option<NodeId>, key: &str) -> Option<Spanned<i128>> {
        spanned_int(self.doc_id, self.doc, self.doc.tree.get_key(dict?, key)?)
    }
}

/// The key of a dict entry as a spanned string: `span` is the key token (`<key>k</key>`, the JSON
/// `"k"`), `inner` its content, and `node` the entry's *value* node, so that the key path of the
/// result names the entry.
pub(crate) fn spanned_key(doc_id: DocId, entry: &Entry) -> Spanned<String> {
    Spanned::new(
        entry.key.to_string(),
        doc_id,
        entry.value,
        entry.key_span(),
        entry.key_inner(),
    )
}

/// The value at `node` as an ExtensionData value, typed by the node's own kind: strings,
/// integers, booleans and reals keep their value; anything else (array, dict, date, data, null)
/// becomes [`ExtensionValue::Other`] with its kind. A missing node reads as `Other(Null)`.
pub(crate) fn extension_value(tree: &Tree, node: NodeId) -> ExtensionValue {
    match tree.value(node) {
        Some(Value::String(s)) => ExtensionValue::String(s.clone()),
        Some(Value::Integer(i)) => ExtensionValue::Integer(*i),
        Some(Value::Bool(b)) => ExtensionValue::Bool(*b),
        Some(Value::Real(r)) => ExtensionValue::Real(*r),
        Some(other) => ExtensionValue::Other(other.kind()),
        None => ExtensionValue::Other(crate::syntax::ValueKind::Null),
    }
}

/// [`extension_value`] with its place (`span` the whole value token, `inner` its content).
pub(crate) fn spanned_extension_value(doc_id: DocId, doc: &Document, node: NodeId) -> Spanned<ExtensionValue> {
    let (span, inner) = doc.tree.get(node).map_or((None, None), |n| (n.span(), n.inner()));
    Spanned::new(extension_value(&doc.tree, node), doc_id, node, span, inner)
}

/// Reads a bundle list written as one comma-separated string (the documented form of
/// `AppAllowList`, `AppPrefixAllowList`, `AppBlockList`, `AppCookieSSOAllowList`).
///
/// Each item's `raw` is the text between two commas, untrimmed, so whitespace problems stay
/// visible; `a,,b` gives three items and a trailing comma an empty last item. An empty string gives
/// no items at all (an empty list, not one empty entry). Item spans are computed only when the
/// string's content in the document is byte-for-byte its value (no entity references, no CDATA),
/// so that `&doc.text[span] == raw` always holds; otherwise they are `None`.
///
/// An array node is read as [`array_list`] instead, so callers can pass whatever the key holds;
/// any other kind gives a list without items. `doc_id` is taken for symmetry with the other
/// helpers (items carry no document of their own).
pub(crate) fn split_comma_list(doc_id: DocId, doc: &Document, node: NodeId, kind: BundleListKind) -> BundleList {
    let mut list = BundleList {
        kind,
        form: BundleListForm::CommaString,
        node,
        items: Vec::new(),
    };
    let Some(n) = doc.tree.get(node) else {
        return list;
    };
    let value = match &n.value {
        Value::String(s) => s,
        Value::Array(_) => return array_list(doc_id, doc, node, kind),
        _ => return list,
    };
    if value.is_empty() {
        return list;
    }
    // The content's start offset, only when the text there is exactly the value.
    let base = n
        .inner()
        .filter(|inner| doc.slice(*inner) == Some(value.as_str()))
        .map(|inner| inner.start);
    // Sized exactly: a stream keeps every file's lists.
    list.items.reserve_exact(value.split(',').count());
    let mut offset = 0usize;
    for raw in value.split(',') {
        let span = base.map(|b| Span::new(b + offset, b + offset + raw.len()));
        list.items.push(BundleItem {
            raw: raw.to_owned(),
            span,
            node,
        });
        offset += raw.len() + 1;
    }
    list
}

/// Reads a bundle list written as an array of strings (`DeniedBundleIdentifiers`, Intune
/// `bundleIdAccessControlList`, or a list key wrongly given as an array): one item per string
/// element, in order, with the element's content span and node. Elements that are not strings are
/// skipped (the type rules report them). A node that is not an array gives a list without items.
pub(crate) fn array_list(_doc_id: DocId, doc: &Document, node: NodeId, kind: BundleListKind) -> BundleList {
    let items = doc
        .tree
        .elements(node)
        .iter()
        .filter_map(|&element| {
            let n = doc.tree.get(element)?;
            match &n.value {
                Value::String(s) => Some(BundleItem {
                    raw: s.clone(),
                    span: n.inner(),
                    node: element,
                }),
                _ => None,
            }
        })
        .collect();
    BundleList {
        kind,
        form: BundleListForm::Array,
        node,
        items,
    }
}

/// The bundle list kind of an ExtensionData key (exact, case-sensitive, like the plug-in):
/// `AppAllowList`, `AppPrefixAllowList`, `AppBlockList`, `AppCookieSSOAllowList`.
pub(crate) fn extension_data_list_kind(key: &str) -> Option<BundleListKind> {
    match key {
        "AppAllowList" => Some(BundleListKind::AppAllowList),
        "AppPrefixAllowList" => Some(BundleListKind::AppPrefixAllowList),
        "AppBlockList" => Some(BundleListKind::AppBlockList),
        "AppCookieSSOAllowList" => Some(BundleListKind::AppCookieSSOAllowList),
        _ => None,
    }
}

/// Whether an SSO payload is a *Microsoft SSO payload* (rules.md, "Terms"), i.e. whether the SSO
/// rules apply to it. Any one of these is enough:
///
/// 1. the Intune **Microsoft Entra ID** (AzureAd) extension type;
/// 2. an extension identifier that starts with `com.microsoft.` (case-insensitive, ignoring
///    surrounding whitespace) or is within edit distance 3 (Levenshtein on lower-cased text) of the
///    iOS or macOS Microsoft extension id;
/// 3. an ExtensionData key of the Microsoft key table, compared exactly, and also trimmed and
///    case-insensitively (so a misspelt `Device_Registration ` still counts);
/// 4. a URL whose host is a Microsoft login host (public, US Gov, China or legacy cloud), compared
///    case-insensitively.
pub(crate) fn is_microsoft_payload(payload: &SsoPayload) -> bool {
    payload.is_intune_azure_ad()
        || payload
            .extension_identifier
            .as_ref()
            .is_some_and(|id| is_microsoft_extension_id(&id.value))
        || payload
            .extension_data
            .entries
            .iter()
            .any(|e| is_microsoft_extension_data_key(&e.key.value))
        || payload.urls.iter().any(|u| is_microsoft_login_url(&u.value))
}

/// Whether `id` names (or misspells) a Microsoft SSO extension: it starts with `com.microsoft.`
/// (case-insensitive, trimmed) or [`microsoft_extension_platform`] recognises it.
pub(crate) fn is_microsoft_extension_id(id: &str) -> bool {
    // Unicode lower-casing maps no non-ASCII character to one of these ASCII letters, so an ASCII
    // comparison decides the prefix alike, without allocating.
    strip_prefix_ignore_ascii_case(id.trim(), "com.microsoft.").is_some() || microsoft_extension_platform(id).is_some()
}

/// `text` after `prefix`, if it starts with it, ASCII letters compared without case (no copy).
pub(crate) fn strip_prefix_ignore_ascii_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.as_bytes().get(..prefix.len())?;
    // Equal bytes to an ASCII-compatible prefix end on a character boundary, so `get` succeeds.
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// The platform of the Microsoft extension id that `id` equals or is within edit distance 3 of
/// (Levenshtein on lower-cased text): iOS for `com.microsoft.azureauthenticator.ssoextension`,
/// macOS for `com.microsoft.CompanyPortalMac.ssoextension`. When both were within reach the
/// closer one wins (iOS on a tie; the two ids are far apart, so this cannot happen in practice).
pub(crate) fn microsoft_extension_platform(id: &str) -> Option<super::Platform> {
    let ext = catalog::microsoft_extensions();
    // ASCII text compares case-insensitively as is; other text is lower-cased first, since
    // Unicode lower-casing can change its length.
    let lowered = (!id.is_ascii()).then(|| id.to_lowercase());
    [super::Platform::Ios, super::Platform::Macos]
        .into_iter()
        .filter_map(|platform| {
            let expected = ext.extension_id(platform).filter(|e| !e.is_empty())?;
            // The bounded distance also rejects lengths further apart than the bound at once, so
            // a huge hostile string costs no quadratic comparison.
            let distance = match &lowered {
                None => distance_within(id, expected, EXTENSION_ID_MAX_DISTANCE),
                Some(lowered) => distance_within(lowered, &expected.to_lowercase(), EXTENSION_ID_MAX_DISTANCE),
            }?;
            Some((distance, platform))
        })
        // `min_by_key` keeps the first of equal minima, so iOS wins a tie.
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, platform)| platform)
}

/// Whether `key` is a key of the Microsoft ExtensionData key table, exactly or after trimming and
/// lower-casing.
pub(crate) fn is_microsoft_extension_data_key(key: &str) -> bool {
    if catalog::extension_data_key(key).is_some() {
        return true;
    }
    let trimmed = key.trim();
    let keys = catalog::extension_data_keys();
    if trimmed.is_ascii() {
        // ASCII text lower-cases byte for byte: compare without allocating (most keys are ASCII).
        return keys.iter().any(|k| k.name.eq_ignore_ascii_case(trimmed));
    }
    let normalized = trimmed.to_lowercase();
    keys.iter().any(|k| k.name.to_lowercase() == normalized)
}

/// Whether the host of `url` is one of the Microsoft login hosts of the catalog (every cloud,
/// legacy included), compared case-insensitively. A URL without a scheme is read as a bare host.
pub(crate) fn is_microsoft_login_url(url: &str) -> bool {
    let Some(host) = url_host(url) else {
        return false;
    };
    catalog::login_urls()
        .all()
        .filter_map(url_host)
        .any(|known| known.eq_ignore_ascii_case(host))
}

/// The host of a URL: after `scheme://` (if any) and an optional `user@`, up to the first `/`,
/// `?`, `#` or `:` (port). Surrounding whitespace is ignored. `None` when it would be empty.
pub(crate) fn url_host(url: &str) -> Option<&str> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host_port.split(':').next().unwrap_or_default();
    (!host.is_empty()).then_some(host)
}

/// A payload with nothing set, for unit tests of the modules that read payloads.
#[cfg(test)]
pub(crate) fn blank_payload(origin: super::Origin) -> SsoPayload {
    SsoPayload::new(DocId(0), NodeId(0), origin, super::ExtensionDataForm::PlistDict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intune_azure_ad_type_is_microsoft() {
        use crate::model::{IntuneExtensionType, Origin};
        let spanned = |value| Spanned::new(value, DocId(0), NodeId(0), None, None);
        let mut payload = blank_payload(Origin::DeviceFeatures);
        assert!(!is_microsoft_payload(&payload));
        payload.intune_type = Some(spanned(IntuneExtensionType::Redirect));
        assert!(!is_microsoft_payload(&payload));
        payload.intune_type = Some(spanned(IntuneExtensionType::AzureAd));
        assert!(is_microsoft_payload(&payload));
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            url_host("https://login.microsoftonline.com"),
            Some("login.microsoftonline.com")
        );
        assert_eq!(
            url_host(" HTTPS://Login.Microsoft.com:443/x?y#z "),
            Some("Login.Microsoft.com")
        );
        assert_eq!(url_host("https://user@sts.windows.net/"), Some("sts.windows.net"));
        assert_eq!(url_host("login.microsoftonline.us"), Some("login.microsoftonline.us"));
        assert_eq!(url_host("https://"), None);
        assert_eq!(url_host(""), None);
    }

    #[test]
    fn login_urls_and_keys() {
        assert!(is_microsoft_login_url("https://LOGIN.microsoftonline.com/common"));
        assert!(is_microsoft_login_url("https://login.windows.net"));
        assert!(!is_microsoft_login_url("https://example.okta.com"));
        assert!(is_microsoft_extension_data_key("device_registration"));
        assert!(is_microsoft_extension_data_key("Device_Registration "));
        assert!(!is_microsoft_extension_data_key("useSiteAutoDiscovery"));
    }

    #[test]
    fn extension_ids() {
        use crate::model::Platform;
        assert_eq!(
            microsoft_extension_platform("com.microsoft.azureauthenticator.ssoextension"),
            Some(Platform::Ios)
        );
        assert_eq!(
            microsoft_extension_platform("com.microsoft.companyportalmac.ssoextensio"),
            Some(Platform::Macos)
        );
        assert_eq!(
            microsoft_extension_platform("com.okta.mobile.auth-service-extension"),
            None
        );
        assert!(is_microsoft_extension_id(" COM.Microsoft.anything"));
        assert!(!is_microsoft_extension_id("com.micro.soft"));
    }
}
