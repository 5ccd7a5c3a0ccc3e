//! SSO303 invalid-bundle-id: a bundle-list entry that cannot be a bundle id.
//!
//! A bundle id holds only ASCII letters, digits, `.` and `-` (Apple's glossary), in dot-separated
//! non-empty labels. Empty entries (`a,,b`, a trailing comma), `*` wildcards (prefixes belong in
//! `AppPrefixAllowList`), spaces and other characters match no app. In prefix lists
//! (`AppPrefixAllowList`, `AppCookieSSOAllowList`) a trailing `.` is normal (`com.apple.`); in the
//! other lists it marks a prefix put in the wrong list. The safe fix trims an entry whose only
//! problem is surrounding whitespace.

use crate::diagnostic::Applicability;
use crate::model::{BundleItem, BundleListForm};
use crate::rules::codes::SSO303;
use crate::rules::{Context, Rule, RuleMeta};

use super::lists;

/// See the module docs.
pub struct InvalidBundleId;

/// What is wrong with an entry (first problem found).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Empty,
    Wildcard,
    Space,
    Character(char),
    TrailingDot,
    EmptyLabel,
}

/// The problem of a trimmed entry, `None` if it is a valid bundle id (or prefix, in prefix lists).
fn problem(id: &str, prefix_list: bool) -> Option<Problem> {
    if id.is_empty() {
        return Some(Problem::Empty);
    }
    if id.contains('*') {
        return Some(Problem::Wildcard);
    }
    if id.chars().any(char::is_whitespace) {
        return Some(Problem::Space);
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '-'))
    {
        return Some(Problem::Character(c));
    }
    let body = match id.strip_suffix('.') {
        Some(body) if prefix_list => body,
        Some(_) => return Some(Problem::TrailingDot),
        None => id,
    };
    body.split('.').any(str::is_empty).then_some(Problem::EmptyLabel)
}

impl Rule for InvalidBundleId {
    fn meta(&self) -> &'static RuleMeta {
        &SSO303
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            for list in &payload.bundle_lists {
                let prefix_list = list.kind.is_prefix_list();
                let key = list.kind.key();
                for (index, item) in list.items.iter().enumerate() {
                    let id = item.id();
                    let Some(found) = problem(id, prefix_list).or_else(|| (id != item.raw).then_some(Problem::Space))
                    else {
                        continue;
                    };
                    let whitespace_only = problem(id, prefix_list).is_none();
                    let (message, label, help) = describe(found, item, list.form, key, prefix_list, whitespace_only);
                    let location = lists::item_location(cx, payload, item);
                    let mut d = cx.report(&SSO303, message, location).with_label(label).with_help(help);
                    if whitespace_only {
                        let edit =
                            lists::text_doc(cx, payload).and_then(|doc| lists::replace_item(doc, list, index, id));
                        if let Some(edit) = edit {
                            d = d.with_fix(Applicability::Safe, format!("Trim the entry to `{id}`"), vec![edit]);
                        }
                    }
                    out.push(d);
                }
            }
        }
    }
}

fn describe(
    found: Problem,
    item: &BundleItem,
    form: BundleListForm,
    key: &str,
    prefix_list: bool,
    whitespace_only: bool,
) -> (String, &'static str, String) {
    let raw = &item.raw;
    let id = item.id();
    match found {
        Problem::Empty => (
            format!("empty entry in `{key}`"),
            "empty entry",
            match form {
                BundleListForm::CommaString => "remove the extra comma: an empty entry matches no app".to_owned(),
                BundleListForm::Array => "remove the empty element: it matches no app".to_owned(),
            },
        ),
        Problem::Wildcard if prefix_list => (
            format!("`{id}` uses a `*` wildcard, which prefixes do not support"),
            "wildcard",
            format!(
                "a prefix already matches every app that starts with it: write `{}`",
                id.trim_end_matches('*')
            ),
        ),
        Problem::Wildcard => (
            format!("`{id}` is not a bundle id: `*` wildcards are not supported"),
            "wildcard",
            format!(
                "prefixes belong in `AppPrefixAllowList`, without the `*` (`{}`)",
                id.trim_end_matches('*')
            ),
        ),
        Problem::Space if whitespace_only => (
            format!("`{raw}` has whitespace around the bundle id"),
            "surrounding whitespace",
            "entries are compared as written, so the spaces make it match no app (a space after each comma is \
             the usual cause)"
                .to_owned(),
        ),
        Problem::Space => (
            format!("`{id}` contains a space"),
            "space inside the entry",
            "a bundle id has no spaces; a missing comma between two ids is the usual cause".to_owned(),
        ),
        Problem::Character(c) => (
            format!("`{id}` contains `{c}`, which bundle ids do not allow"),
            "invalid character",
            if c == ';' && form == BundleListForm::CommaString {
                "entries of this list are separated by commas, not semicolons".to_owned()
            } else {
                "bundle ids use only letters, digits, `.` and `-`".to_owned()
            },
        ),
        Problem::TrailingDot => (
            format!("`{id}` ends with `.`, like a prefix"),
            "prefix in an id list",
            format!("`{key}` needs whole bundle ids; prefixes belong in `AppPrefixAllowList`"),
        ),
        Problem::EmptyLabel => (
            format!("`{id}` has an empty label"),
            "empty label",
            "a bundle id is dot-separated labels such as `com.contoso.app`: remove the extra `.`".to_owned(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{problem, Problem};

    #[test]
    fn entries() {
        assert_eq!(problem("com.contoso.app", false), None);
        assert_eq!(problem("com.microsoft.to-do", false), None);
        assert_eq!(problem("com.apple.", true), None);
        assert_eq!(problem("com.apple.", false), Some(Problem::TrailingDot));
        assert_eq!(problem("", true), Some(Problem::Empty));
        assert_eq!(problem("com.contoso.*", false), Some(Problem::Wildcard));
        assert_eq!(problem("*", true), Some(Problem::Wildcard));
        assert_eq!(problem("com.a com.b", false), Some(Problem::Space));
        assert_eq!(problem("com.contoso_app", false), Some(Problem::Character('_')));
        assert_eq!(problem("com.contosö", false), Some(Problem::Character('ö')));
        assert_eq!(problem("com..contoso", false), Some(Problem::EmptyLabel));
        assert_eq!(problem(".com.contoso", false), Some(Problem::EmptyLabel));
        assert_eq!(problem(".", true), Some(Problem::EmptyLabel));
        assert_eq!(problem("com..", true), Some(Problem::EmptyLabel));
    }
}
