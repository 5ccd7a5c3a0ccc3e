//! Lookups over the rule catalog: by code, by name, by selector, and each rule's documentation.
//! They read only the table in [`super::codes`], so configuration, suppressions, diagnostics and
//! reports can resolve a rule without depending on the rule engine.

use super::codes::{ALL, DOCS};
use super::selector::RuleSelector;
use super::{RuleKind, RuleMeta};

/// Every rule of the catalog (implemented or engine-emitted), in catalog order.
pub fn all() -> &'static [&'static RuleMeta] {
    ALL
}

/// The rule with this code (exact, case-insensitive).
pub fn by_code(code: &str) -> Option<&'static RuleMeta> {
    ALL.iter().copied().find(|m| m.code.eq_ignore_ascii_case(code))
}

/// The rule with this name (exact, case-insensitive).
pub fn by_name(name: &str) -> Option<&'static RuleMeta> {
    ALL.iter().copied().find(|m| m.name.eq_ignore_ascii_case(name))
}

/// The rules a selector names: a code (`SSO202`), a name (`device-registration-value`), a code
/// prefix (`SSO2`, `PL`), or `ALL`. `None` when it names nothing.
///
/// ```
/// let rules = profilelint::rules::resolve_selector("SSO2").unwrap();
/// assert_eq!(rules.len(), 9);
/// assert_eq!(profilelint::rules::resolve_selector("duplicate-key").unwrap()[0].code, "PL004");
/// assert!(profilelint::rules::resolve_selector("SSO9").is_none());
/// ```
pub fn resolve_selector(selector: &str) -> Option<Vec<&'static RuleMeta>> {
    let selector = RuleSelector::parse(selector);
    let matched: Vec<_> = ALL
        .iter()
        .copied()
        .filter(|m| selector.matches(m.code, m.name))
        .collect();
    (!matched.is_empty()).then_some(matched)
}

/// Rules whose diagnostics come from the engine itself rather than a rule implementation
/// (their [`RuleKind`] is not [`RuleKind::Checked`]): reading input (PL001–PL003, PL006) and
/// suppressions (PL901, PL902).
///
/// ```
/// let codes: Vec<&str> = profilelint::rules::engine_rules().map(|m| m.code).collect();
/// assert_eq!(codes, ["PL001", "PL002", "PL003", "PL006", "PL901", "PL902"]);
/// ```
pub fn engine_rules() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().copied().filter(|m| m.kind != RuleKind::Checked)
}

/// Where rule docs are published: the `rules/` folder of the repository, whose address is
/// `repository` in Cargo.toml (the one place it is declared).
pub const DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/rules");

/// The documentation URL of a rule.
pub fn doc_url(code: &str) -> String {
    format!("{DOCS_BASE}/{code}.md")
}

/// The Markdown documentation of a rule, compiled in from `rules/<CODE>.md`.
pub fn doc(code: &str) -> Option<&'static str> {
    DOCS.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
}
