//! SSO105 login-urls: a Redirect Microsoft SSO payload lacks Microsoft login URLs, or lists a URL
//! Apple does not accept.
//!
//! A Redirect extension only receives requests for the URL prefixes of its payload, so a sign-in to
//! a missing Microsoft login host bypasses the plug-in (no SSO, no iOS Just-in-Time registration).
//! The URLs of the clouds in `[sso] clouds` (default: public) are required (error); the other
//! clouds' URLs are not asked for, since Microsoft lists all seven but says the sovereign ones
//! matter only to tenants there (a correct public-cloud profile gets no finding). Each URL must start with `http://` or `https://`
//! and have no query, fragment or surrounding spaces (Apple's schema). Scheme and host compare
//! case-insensitively and a trailing `/` is ignored. Intune's Microsoft Entra ID type carries no
//! URLs and is not checked. The fix (unsafe: URLs must stay unique across installed payloads, see
//! SSO106) appends the missing URLs.

use std::sync::OnceLock;

use crate::catalog;
use crate::config::Cloud;
use crate::diagnostic::{Applicability, Edit};
use crate::edits;
use crate::model::{Origin, SsoPayload};
use crate::rules::codes::SSO105;
use crate::rules::{Context, Rule, RuleMeta};

use super::support::{carries_identity, insert_elements, is_json, key_anchor, UrlParts};
use crate::rules::shared::{microsoft_payloads, payload_type_anchor};

/// See the module docs.
pub struct LoginUrls;

/// Every cloud, in the order the catalog lists them.
const CLOUDS: [Cloud; 3] = [Cloud::Public, Cloud::Usgov, Cloud::China];

/// The catalog's login URLs, split once per process: each cloud's (`CLOUDS` order), then the
/// legacy ones. A URL the catalog writes without a scheme (none does) would not be split.
struct KnownUrls {
    clouds: [Vec<(&'static str, UrlParts<'static>)>; 3],
    legacy: Vec<UrlParts<'static>>,
}

fn known_urls() -> &'static KnownUrls {
    static KNOWN: OnceLock<KnownUrls> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let urls = catalog::login_urls();
        let split = |list: &'static [String]| -> Vec<(&'static str, UrlParts<'static>)> {
            list.iter()
                .filter_map(|u| Some((u.as_str(), UrlParts::parse(u)?)))
                .collect()
        };
        KnownUrls {
            clouds: CLOUDS.map(|cloud| split(urls.cloud(cloud.name()).unwrap_or_default())),
            legacy: urls.legacy.iter().filter_map(|u| UrlParts::parse(u)).collect(),
        }
    })
}

impl Rule for LoginUrls {
    fn meta(&self) -> &'static RuleMeta {
        &SSO105
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let known = known_urls();
        for payload in microsoft_payloads(cx).filter(|p| carries_identity(p) && is_redirect(p)) {
            for url in &payload.urls {
                if let Some(problem) = url_problem(&url.value) {
                    out.push(
                        cx.report(&SSO105, format!("URL `{}` {problem}", url.value), cx.at(url))
                            .with_label(problem)
                            .with_help(
                                "Apple requires each URL to begin with `http://` or `https://` and allows no query string or \
                                 fragment; write the login URLs exactly as Microsoft documents them, e.g. `https://login.microsoftonline.com`",
                            ),
                    );
                }
            }
            let present: Vec<UrlParts<'_>> = payload.urls.iter().filter_map(|u| UrlParts::parse(&u.value)).collect();
            let is_present = |url: &UrlParts<'_>| present.iter().any(|p| p.same_as(url));
            let mut required = Vec::new();
            for (cloud, urls) in CLOUDS.iter().zip(&known.clouds) {
                if !cx.config.sso.clouds.contains(cloud) {
                    continue;
                }
                required.extend(
                    urls.iter()
                        .filter(|(_, parts)| !is_present(parts))
                        .map(|(url, _)| (*url).to_owned()),
                );
            }
            let legacy = known.legacy.iter().any(is_present);
            if !required.is_empty() {
                let mut help = "a Redirect extension only handles the URL prefixes it lists: a sign-in to a missing Microsoft login \
                                host bypasses the plug-in (no SSO, no Just-in-Time registration)"
                    .to_owned();
                if legacy {
                    help.push_str(
                        "; `https://login.windows.net` is only in older Microsoft docs and does not replace them",
                    );
                }
                let mut d = cx
                    .report(
                        &SSO105,
                        format!(
                            "Microsoft login URLs missing from {}: {}",
                            urls_name(payload),
                            list(&required)
                        ),
                        location(cx, payload),
                    )
                    .with_label(format!("{} missing", plural(required.len())))
                    .with_help(help);
                if let Some(edit) = add_urls(cx, payload, &required) {
                    d = d.with_fix(Applicability::Unsafe, "Add the missing login URLs", vec![edit]);
                }
                out.push(d);
            }
        }
    }
}

/// Whether the payload is of the Redirect type (plist `Type`, Settings Catalog `_1`, Intune
/// `…RedirectSingleSignOnExtension`). Payloads without a type are left to PL101.
fn is_redirect(payload: &SsoPayload) -> bool {
    payload
        .sso_type
        .as_ref()
        .is_some_and(|t| t.value.trim().eq_ignore_ascii_case("Redirect"))
}

/// What is wrong with a URL, if anything (first problem found).
fn url_problem(url: &str) -> Option<&'static str> {
    let trimmed = url.trim();
    if trimmed != url {
        return Some("has leading or trailing whitespace");
    }
    // Compared in place, without a lower-cased copy (this runs for every URL of every payload).
    let after = |scheme: &str| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .and_then(|_| url.get(scheme.len()..))
    };
    let Some(rest) = after("https://").or_else(|| after("http://")) else {
        return Some("does not start with `http://` or `https://`");
    };
    if url.contains('?') {
        return Some("has a query string");
    }
    if url.contains('#') {
        return Some("has a fragment");
    }
    if rest.split('/').next().is_none_or(str::is_empty) {
        return Some("has no host");
    }
    None
}

/// Where a missing-URL finding points: the URLs key, or the payload.
fn location(cx: &Context<'_>, payload: &SsoPayload) -> crate::diagnostic::Location {
    match payload.urls_node {
        Some(node) => key_anchor(cx, payload, node),
        None => payload_type_anchor(cx, payload),
    }
}

/// One edit appending `urls` to the payload's URL array, written like its elements: plist
/// `<string>`s, JSON strings, or Settings Catalog string setting values. `None` without an array.
fn add_urls(cx: &Context<'_>, payload: &SsoPayload, urls: &[String]) -> Option<Edit> {
    let array = payload.urls_node?;
    let doc = cx.doc(payload.doc)?;
    // Only an array can take more elements; a `URLs` string is PL106's to report.
    if !matches!(doc.tree.value(array), Some(crate::syntax::Value::Array(_))) {
        return None;
    }
    let values: Vec<String> = if !is_json(doc) {
        urls.iter()
            .map(|u| format!("<string>{}</string>", edits::xml_escape(u)))
            .collect()
    } else if payload.origin == Origin::SettingsCatalog {
        let typed = doc
            .tree
            .elements(array)
            .first()
            .is_none_or(|&e| doc.tree.get_key(e, "@odata.type").is_some());
        urls.iter()
            .map(|u| {
                let value = edits::json_string(u);
                if typed {
                    format!("{{\"@odata.type\": \"#microsoft.graph.deviceManagementConfigurationStringSettingValue\", \"value\": {value}}}")
                } else {
                    format!("{{\"value\": {value}}}")
                }
            })
            .collect()
    } else {
        urls.iter().map(|u| edits::json_string(u)).collect()
    };
    insert_elements(doc, array, &values)
}

/// The name of the payload's URL list, as its source writes it.
fn urls_name(payload: &SsoPayload) -> &'static str {
    match payload.origin {
        Origin::DeviceFeatures => "`urlPrefixes`",
        Origin::SettingsCatalog => "`URLs` (`com.apple.extensiblesso_urls`)",
        Origin::Mobileconfig | Origin::CustomProfile | Origin::Declaration => "`URLs`",
    }
}

/// `` `a`, `b` ``.
fn list(urls: &[String]) -> String {
    urls.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", ")
}

/// "1 URL", "3 URLs".
fn plural(n: usize) -> String {
    if n == 1 {
        "1 URL".to_owned()
    } else {
        format!("{n} URLs")
    }
}

#[cfg(test)]
mod tests {
    use super::url_problem;

    #[test]
    fn url_problems() {
        assert_eq!(url_problem("https://login.microsoftonline.com"), None);
        assert_eq!(url_problem("HTTPS://login.microsoftonline.com/"), None);
        assert_eq!(url_problem("http://intranet.contoso.com/sso"), None);
        assert_eq!(
            url_problem("https://login.microsoft.com "),
            Some("has leading or trailing whitespace")
        );
        assert_eq!(
            url_problem("login.microsoft.com"),
            Some("does not start with `http://` or `https://`")
        );
        assert_eq!(
            url_problem("ftp://login.microsoft.com"),
            Some("does not start with `http://` or `https://`")
        );
        assert_eq!(
            url_problem("https://login.microsoft.com/?x=1"),
            Some("has a query string")
        );
        assert_eq!(url_problem("https://login.microsoft.com#top"), Some("has a fragment"));
        assert_eq!(url_problem("https://"), Some("has no host"));
        assert_eq!(url_problem("https:///path"), Some("has no host"));
    }
}
