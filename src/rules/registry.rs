//! The registry: stable codes and names to rule implementations and docs.

use super::codes::{self, ALL};
use super::{Rule, RuleMeta};

/// Rules whose diagnostics come from the engine itself rather than a [`Rule`] implementation:
/// reading input (PL001–PL003, PL006) and suppressions (PL901, PL902).
pub const ENGINE_RULES: &[&RuleMeta] = &[
    &codes::PL001,
    &codes::PL002,
    &codes::PL003,
    &codes::PL006,
    &codes::PL901,
    &codes::PL902,
];

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

/// Rule docs, compiled in from `rules/<CODE>.md`.
pub(crate) static DOCS: &[(&str, &str)] = &[
    ("PL001", include_str!("../../rules/PL001.md")),
    ("PL002", include_str!("../../rules/PL002.md")),
    ("PL003", include_str!("../../rules/PL003.md")),
    ("PL004", include_str!("../../rules/PL004.md")),
    ("PL005", include_str!("../../rules/PL005.md")),
    ("PL006", include_str!("../../rules/PL006.md")),
    ("PL101", include_str!("../../rules/PL101.md")),
    ("PL102", include_str!("../../rules/PL102.md")),
    ("PL103", include_str!("../../rules/PL103.md")),
    ("PL104", include_str!("../../rules/PL104.md")),
    ("PL105", include_str!("../../rules/PL105.md")),
    ("PL106", include_str!("../../rules/PL106.md")),
    ("PL107", include_str!("../../rules/PL107.md")),
    ("PL108", include_str!("../../rules/PL108.md")),
    ("PL109", include_str!("../../rules/PL109.md")),
    ("PL110", include_str!("../../rules/PL110.md")),
    ("PL111", include_str!("../../rules/PL111.md")),
    ("SSO101", include_str!("../../rules/SSO101.md")),
    ("SSO102", include_str!("../../rules/SSO102.md")),
    ("SSO103", include_str!("../../rules/SSO103.md")),
    ("SSO104", include_str!("../../rules/SSO104.md")),
    ("SSO105", include_str!("../../rules/SSO105.md")),
    ("SSO106", include_str!("../../rules/SSO106.md")),
    ("SSO201", include_str!("../../rules/SSO201.md")),
    ("SSO202", include_str!("../../rules/SSO202.md")),
    ("SSO203", include_str!("../../rules/SSO203.md")),
    ("SSO204", include_str!("../../rules/SSO204.md")),
    ("SSO205", include_str!("../../rules/SSO205.md")),
    ("SSO206", include_str!("../../rules/SSO206.md")),
    ("SSO207", include_str!("../../rules/SSO207.md")),
    ("SSO208", include_str!("../../rules/SSO208.md")),
    ("SSO209", include_str!("../../rules/SSO209.md")),
    ("SSO301", include_str!("../../rules/SSO301.md")),
    ("SSO302", include_str!("../../rules/SSO302.md")),
    ("SSO303", include_str!("../../rules/SSO303.md")),
    ("SSO304", include_str!("../../rules/SSO304.md")),
    ("SSO305", include_str!("../../rules/SSO305.md")),
    ("SSO306", include_str!("../../rules/SSO306.md")),
    ("SSO307", include_str!("../../rules/SSO307.md")),
    ("SSO308", include_str!("../../rules/SSO308.md")),
    ("SSO401", include_str!("../../rules/SSO401.md")),
    ("SSO402", include_str!("../../rules/SSO402.md")),
    ("SSO403", include_str!("../../rules/SSO403.md")),
    ("SSO404", include_str!("../../rules/SSO404.md")),
    ("SSO501", include_str!("../../rules/SSO501.md")),
    ("SSO502", include_str!("../../rules/SSO502.md")),
    ("SSO504", include_str!("../../rules/SSO504.md")),
    ("SSO601", include_str!("../../rules/SSO601.md")),
    ("SSO602", include_str!("../../rules/SSO602.md")),
    ("SSO603", include_str!("../../rules/SSO603.md")),
    ("SSO604", include_str!("../../rules/SSO604.md")),
    ("SSO605", include_str!("../../rules/SSO605.md")),
    ("SSO606", include_str!("../../rules/SSO606.md")),
    ("SSO607", include_str!("../../rules/SSO607.md")),
    ("SSO608", include_str!("../../rules/SSO608.md")),
    ("PL901", include_str!("../../rules/PL901.md")),
    ("PL902", include_str!("../../rules/PL902.md")),
];
