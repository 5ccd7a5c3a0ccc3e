//! The one grammar of rule selectors, shared by the config (`[rules]`, `[[ignore]]`,
//! `select`/`ignore`), the command line (`--select`, `--ignore`, `--severity`), inline
//! suppressions and organization policies.

/// A rule selector: `ALL`, a code (`SSO202`), a name (`device-registration-value`), or a code
/// prefix (`SSO2`, `PL`). Case-insensitive; surrounding spaces are ignored.
///
/// ```
/// use profilelint::contract::selector::RuleSelector;
/// let family = RuleSelector::parse("sso2");
/// assert!(family.matches("SSO202", "device-registration-value"));
/// assert!(!family.matches("SSO301", "office-apps-not-covered"));
/// assert!(RuleSelector::parse("device-registration-value").matches("SSO202", "device-registration-value"));
/// assert!(RuleSelector::parse(" ALL ").matches("PL001", "invalid-plist"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSelector {
    /// As written, trimmed.
    text: String,
    /// Upper-cased, to compare with code prefixes.
    upper: String,
}

impl RuleSelector {
    /// Reads a selector. Any text is a selector; whether it names a rule is for the caller to
    /// ask ([`crate::contract::lookup::resolve_selector`], or the config with its policies).
    pub fn parse(selector: &str) -> RuleSelector {
        let text = selector.trim().to_owned();
        let upper = text.to_ascii_uppercase();
        RuleSelector { text, upper }
    }

    /// The selector as written, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this selector names the rule (or organization policy) with `code` and `name`.
    pub fn matches(&self, code: &str, name: &str) -> bool {
        self.upper == "ALL"
            || self.text.eq_ignore_ascii_case(code)
            || self.text.eq_ignore_ascii_case(name)
            || (!self.upper.is_empty() && code.starts_with(&self.upper))
    }
}

impl std::fmt::Display for RuleSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}
