//! SSO307 broad-prefix: an `AppPrefixAllowList` entry broader than one organisation.
//!
//! A prefix needs at least two labels (`com.apple.`, `com.contoso.`); `com.`, `com`, an empty
//! entry or `.` let almost every app (personal App Store apps included) use the work account's
//! SSO without an interactive prompt.

use crate::model::BundleListKind;
use crate::rules::codes::SSO307;
use crate::rules::{Context, Rule, RuleMeta};

use super::lists;

/// See the module docs.
pub struct BroadPrefix;

/// The number of non-empty dot-separated labels of a prefix (`com.apple.` has two).
fn labels(prefix: &str) -> usize {
    prefix.split('.').filter(|label| !label.is_empty()).count()
}

impl Rule for BroadPrefix {
    fn meta(&self) -> &'static RuleMeta {
        &SSO307
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in crate::rules::shared::microsoft_payloads(cx) {
            for list in payload
                .bundle_lists
                .iter()
                .filter(|l| l.kind == BundleListKind::AppPrefixAllowList)
            {
                for item in &list.items {
                    let prefix = item.id();
                    if labels(prefix) >= 2 {
                        continue;
                    }
                    let message = if prefix.is_empty() {
                        "an empty `AppPrefixAllowList` prefix matches every app".to_owned()
                    } else {
                        format!("prefix `{prefix}` matches almost every app")
                    };
                    out.push(
                        cx.report(&SSO307, message, lists::item_location(cx, payload, item))
                            .with_label("broader than one organisation")
                            .with_help(
                                "every app whose bundle id starts with a listed prefix may use the work account's SSO \
                                 without an interactive prompt: use an organisation prefix such as `com.contoso.`, or \
                                 list the apps in `AppAllowList`",
                            ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::labels;

    #[test]
    fn label_counts() {
        assert_eq!(labels(""), 0);
        assert_eq!(labels("."), 0);
        assert_eq!(labels("com"), 1);
        assert_eq!(labels("com."), 1);
        assert_eq!(labels(".com."), 1);
        assert_eq!(labels("com.apple."), 2);
        assert_eq!(labels("com.microsoft"), 2);
    }
}
