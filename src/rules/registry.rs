//! The registry: stable codes and names to rule implementations and docs.

pub use crate::contract::codes::{by_code, by_name};

use super::codes::ALL;
use super::{Rule, RuleKind, RuleMeta};

/// Rules whose diagnostics come from the engine itself rather than a [`Rule`] implementation
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

/// Every rule implementation, in code order.
pub fn implementations() -> impl Iterator<Item = &'static dyn Rule> {
    [
        super::input::RULES,
        super::profile::RULES,
        super::identity::RULES,
        super::extension_data::RULES,
        super::bundle_ids::RULES,
        super::authenticator::RULES,
        super::deployment::RULES,
        super::platform_sso::RULES,
    ]
    .into_iter()
    .flat_map(|rules| rules.iter().copied())
}

/// Every rule of the catalog (implemented or engine-emitted), in catalog order.
pub fn all() -> &'static [&'static RuleMeta] {
    ALL
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
    let s = selector.trim();
    if s.eq_ignore_ascii_case("ALL") {
        return Some(ALL.to_vec());
    }
    if let Some(m) = by_code(s).or_else(|| by_name(s)) {
        return Some(vec![m]);
    }
    let upper = s.to_ascii_uppercase();
    let matched: Vec<_> = ALL
        .iter()
        .copied()
        .filter(|m| !upper.is_empty() && m.code.starts_with(&upper))
        .collect();
    (!matched.is_empty()).then_some(matched)
}
