//! App versions as Intune records them (`5.2404.0`), compared numerically component by component.

use std::cmp::Ordering;

/// A parsed version: its numeric components. Missing components count as 0, so `5.2404` equals
/// `5.2404.0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::rules) struct Version(Vec<u64>);

/// At most this many components are read; a longer string is not a version we can judge.
const MAX_COMPONENTS: usize = 8;

impl Version {
    /// Parses `5.2404.0`: dot-separated decimal numbers, surrounding whitespace ignored. Anything
    /// else (`5.2404.0-beta`, `latest`, an empty component, a number past `u64`) is `None`.
    pub(in crate::rules) fn parse(text: &str) -> Option<Version> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        for part in text.split('.') {
            if parts.len() == MAX_COMPONENTS || part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            parts.push(part.parse().ok()?);
        }
        Some(Version(parts))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let len = self.0.len().max(other.0.len());
        (0..len)
            .map(|i| {
                let a = self.0.get(i).copied().unwrap_or(0);
                let b = other.0.get(i).copied().unwrap_or(0);
                a.cmp(&b)
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_else(|| Version(vec![u64::MAX]))
    }

    #[test]
    fn components_compare_as_numbers() {
        assert!(v("5.2404.0") < v("5.2410.1"));
        assert!(v("5.2410.1") < v("5.2604.0"));
        assert!(v("5.999.0") < v("5.2404.0"), "not as text");
        assert!(v("5.2404.10") > v("5.2404.9"));
        assert_eq!(v("5.2404").cmp(&v("5.2404.0.0")), Ordering::Equal);
        assert!(v("5.2404") < v("5.2404.0.1"));
        assert_eq!(v(" 5.2604.0 ").cmp(&v("5.2604.0")), Ordering::Equal);
    }

    #[test]
    fn what_does_not_parse() {
        for s in [
            "",
            " ",
            "latest",
            "5.2404.0-beta",
            "5..0",
            ".5",
            "5.",
            "v5.2404",
            "5,2404",
            "1.2.3.4.5.6.7.8.9",
        ] {
            assert_eq!(Version::parse(s), None, "{s:?}");
        }
        assert_eq!(Version::parse("99999999999999999999999"), None, "past u64");
        assert!(Version::parse("1.2.3.4.5.6.7.8").is_some());
    }
}
