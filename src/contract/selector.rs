//! The one grammar of rule selectors, shared by the config (`[rules]`, `[[ignore]]`,
//! `select`/`ignore`), the command line (`--select`, `--ignore`, `--severity`), inline
//! suppressions and organization policies.

/// A rule selector: `ALL`, a code (`SSO202`), a name (`device-registration-value`), or a code
/// prefix (`SSO2`, `PL`). Case-insensitive; surrounding spaces are ignored.
///
/// ```
/// use profilelint::internals::contract::selector::RuleSelector;
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
}

impl RuleSelector {
    /// Reads a selector. Any text is a selector; whether it names a rule is for the caller to
    /// ask ([`crate::contract::lookup::resolve_selector`], or the config with its policies).
    pub fn parse(selector: &str) -> RuleSelector {
        RuleSelector {
            text: selector.trim().to_owned(),
        }
    }

    /// The selector as written, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this selector names the rule (or organization policy) with `code` and `name`.
    pub fn matches(&self, code: &str, name: &str) -> bool {
        matches(&self.text, code, name)
    }
}

/// Whether `selector`, as written (surrounding spaces ignored), names the rule with `code` and
/// `name`: the grammar of [`RuleSelector`], without allocating, for the places that match
/// selectors kept as text against every finding.
pub fn matches(selector: &str, code: &str, name: &str) -> bool {
    let s = selector.trim();
    s.eq_ignore_ascii_case("ALL")
        || s.eq_ignore_ascii_case(code)
        || s.eq_ignore_ascii_case(name)
        || (!s.is_empty() && code.get(..s.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(s)))
}

impl std::fmt::Display for RuleSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn selectors_match_codes_names_prefixes_and_all() {
        assert!(matches(" sso2 ", "SSO202", "device-registration-value"));
        assert!(matches(
            "Device-Registration-Value",
            "SSO202",
            "device-registration-value"
        ));
        assert!(matches("all", "CONTOSO001", "payload-identifier-prefix"));
        assert!(!matches("SSO2021", "SSO202", "device-registration-value"));
        assert!(!matches("SSO3", "SSO202", "device-registration-value"));
        assert!(!matches("", "SSO202", "device-registration-value"));
        assert!(!matches("é", "SSO202", "device-registration-value"));
    }
}
