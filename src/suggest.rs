//! "Did you mean …?" suggestions for misspelt keys and ids.
//!
//! ```
//! use profilelint::suggest::did_you_mean;
//!
//! let keys = ["ExtensionIdentifier", "TeamIdentifier", "Type", "URLs"];
//! assert_eq!(did_you_mean("ExtensionIdentifer", keys), Some("ExtensionIdentifier"));
//! assert_eq!(did_you_mean("zzz", keys), None);
//! ```

/// Lower-cases `s` and drops `_` and `-`, so `Device_Registration`, `device-registration` and
/// `deviceregistration` compare equal.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The candidate the user most likely meant by `input`, clippy-style:
///
/// 1. a candidate equal to `input` after lower-casing and ignoring `_` and `-`
///    (`Device_Registration` → `device_registration`);
/// 2. otherwise the candidate with the smallest Levenshtein distance to `input` (compared
///    case-insensitively), if that distance is at most `max(1, min(3, len / 3))` where `len` is the
///    number of characters of `input`.
///
/// Ties go to the earliest candidate. A candidate identical to `input` is never suggested.
///
/// ```
/// use profilelint::suggest::did_you_mean;
///
/// let keys = ["Enable_SSO_On_All_ManagedApps", "device_registration"];
/// assert_eq!(
///     did_you_mean("Enable_SSO_On_All_ManagedApp", keys),
///     Some("Enable_SSO_On_All_ManagedApps")
/// );
/// assert_eq!(did_you_mean("Device_Registration", keys), Some("device_registration"));
/// ```
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = normalize(input);
    let lowered = input.to_lowercase();
    let len = input.chars().count();
    let bound = (len / 3).clamp(1, 3);

    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        if normalize(candidate) == wanted {
            return Some(candidate);
        }
        let distance = strsim::levenshtein(&lowered, &candidate.to_lowercase());
        if distance <= bound && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    const KEYS: [&str; 6] = [
        "Enable_SSO_On_All_ManagedApps",
        "device_registration",
        "browser_sso_interaction_enabled",
        "AppAllowList",
        "AppBlockList",
        "ExtensionIdentifier",
    ];

    #[test]
    fn missing_letter() {
        assert_eq!(
            did_you_mean("Enable_SSO_On_All_ManagedApp", KEYS),
            Some("Enable_SSO_On_All_ManagedApps")
        );
    }

    #[test]
    fn case_and_separators() {
        assert_eq!(did_you_mean("Device_Registration", KEYS), Some("device_registration"));
        assert_eq!(did_you_mean("device-registration", KEYS), Some("device_registration"));
        assert_eq!(did_you_mean("DEVICEREGISTRATION", KEYS), Some("device_registration"));
    }

    #[test]
    fn transposed_or_dropped_letter() {
        assert_eq!(did_you_mean("ExtensionIdentifer", KEYS), Some("ExtensionIdentifier"));
    }

    #[test]
    fn nothing_close() {
        assert_eq!(did_you_mean("zzz", KEYS), None);
        assert_eq!(did_you_mean("", KEYS), None);
        assert_eq!(did_you_mean("anything", std::iter::empty()), None);
    }

    #[test]
    fn never_the_input_itself() {
        assert_eq!(did_you_mean("AppAllowList", KEYS), None);
        assert_eq!(did_you_mean("AppAllowList", ["AppAllowList"]), None);
    }

    #[test]
    fn bound_scales_with_length() {
        // len 3 → bound 1.
        assert_eq!(did_you_mean("Typ", ["Type"]), Some("Type"));
        // len 2 → bound 1, distance 2.
        assert_eq!(did_you_mean("Ty", ["Type"]), None);
        // len 12 → bound 3 (capped).
        assert_eq!(did_you_mean("AppAlowLst", KEYS), Some("AppAllowList"));
        assert_eq!(did_you_mean("AppXXXXXList", KEYS), None);
    }

    #[test]
    fn closest_wins_and_ties_go_to_the_first_candidate() {
        // AppAllowList at distance 1 beats AppBlockList at distance 3.
        assert_eq!(did_you_mean("AppBllowList", KEYS), Some("AppAllowList"));
        // Both at distance 1.
        assert_eq!(did_you_mean("cat", ["bat", "hat"]), Some("bat"));
        assert_eq!(did_you_mean("cat", ["hat", "bat"]), Some("hat"));
    }
}
