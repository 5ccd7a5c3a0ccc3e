//! "Did you mean …?" suggestions for misspelt keys and ids.
//!
//! ```
//! use profilelint::internals::suggest::did_you_mean;
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
/// use profilelint::internals::suggest::did_you_mean;
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

/// The Levenshtein distance between `a` and `b`, ASCII letters compared without case, if it is at
/// most `max`; `None` when it is larger.
///
/// The same number as `strsim::levenshtein` on the ASCII-lower-cased strings (characters, not
/// bytes), found without allocating for ASCII text: common prefixes and suffixes are skipped, only
/// the diagonal band of width `2 * max + 1` is computed, and the search stops as soon as every cell
/// of a row is over `max`. Bundle and extension id checks call it once per catalog id per entry.
pub(crate) fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return banded(a.as_bytes(), b.as_bytes(), max, u8::eq_ignore_ascii_case);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    banded(&a, &b, max, char::eq_ignore_ascii_case)
}

/// Cells of a row kept on the stack; longer strings use a heap row.
const STACK_ROW: usize = 160;

/// Banded Levenshtein (Ukkonen's cut-off) over two sequences; see [`distance_within`].
fn banded<T>(a: &[T], b: &[T], max: usize, eq: impl Fn(&T, &T) -> bool) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| eq(x, y)).count();
    let (a, b) = (a.get(prefix..).unwrap_or_default(), b.get(prefix..).unwrap_or_default());
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| eq(x, y)).count();
    let a = a.get(..a.len() - suffix).unwrap_or_default();
    let b = b.get(..b.len() - suffix).unwrap_or_default();
    if a.is_empty() || b.is_empty() {
        // The length check above bounds this by `max`.
        return Some(a.len().max(b.len()));
    }
    // `row[j]` is the distance between `a[..i]` and `b[..j]`, capped at `over` (any value past
    // `max` is as good as another); cells outside the band keep `over`.
    let over = max.saturating_add(1);
    let mut stack = [0usize; STACK_ROW];
    let mut heap = Vec::new();
    let row: &mut [usize] = if b.len() < STACK_ROW {
        stack.get_mut(..=b.len()).unwrap_or_default()
    } else {
        heap.resize(b.len() + 1, 0);
        &mut heap
    };
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j.min(over);
    }
    for (i, x) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(max).max(1);
        let hi = i.saturating_add(max).min(b.len());
        // The cell left of the band: `i` in column 0, else outside the band.
        let left_of_band = if lo == 1 { i.min(over) } else { over };
        let cell = row.get_mut(lo - 1)?;
        let mut diagonal = std::mem::replace(cell, left_of_band);
        let mut left = left_of_band;
        let mut row_min = left_of_band;
        for j in lo..=hi {
            let (Some(y), Some(above)) = (b.get(j - 1), row.get(j).copied()) else {
                return None;
            };
            let cost = usize::from(!eq(x, y));
            let value = (diagonal + cost)
                .min(above.saturating_add(1))
                .min(left.saturating_add(1))
                .min(over);
            if let Some(cell) = row.get_mut(j) {
                *cell = value;
            }
            diagonal = above;
            left = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return None;
        }
    }
    row.get(b.len()).copied().filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, distance_within};

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

    /// The reference: strsim on the ASCII-lower-cased strings.
    fn reference(a: &str, b: &str, max: usize) -> Option<usize> {
        Some(strsim::levenshtein(&a.to_ascii_lowercase(), &b.to_ascii_lowercase())).filter(|d| *d <= max)
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "com.microsoft.Office.Outlook",
            "com.microsoft.office.outlok",
            "com.microsoft.office.outlookx",
            "com.microsoft.skype.teams",
            "com.microsoft.skype.team",
            "com.apple.mobilesafari",
            "com.apple.mobilesafar",
            "com.microsoft.azureauthenticator.ssoextension",
            "com.microsoft.azureauthenticator.ssoextensio",
            "com.microsoft.CompanyPortalMac.ssoextension",
            "com.mícrosoft.office.outlook",
            "COM.MICROSOFT.OFFICE.OUTLOOK",
            "xyz.microsoft.office.outlook",
            "😀😀😀",
            "😀a😀",
        ];
        for a in words {
            for b in words {
                for max in 0..=4 {
                    assert_eq!(distance_within(a, b, max), reference(a, b, max), "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn bounded_distance_takes_any_bound() {
        assert_eq!(distance_within("kitten", "sitting", usize::MAX), Some(3));
        assert_eq!(distance_within("", "abc", usize::MAX), Some(3));
        assert_eq!(distance_within("kitten", "sitting", 0), None);
    }

    #[test]
    fn bounded_distance_agrees_on_generated_pairs() {
        // Random edits of random strings, short and past the stack row.
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let alphabet: Vec<char> = "abcAB.é".chars().collect();
        for round in 0..3000 {
            let len = if round % 10 == 0 {
                150 + (next() % 40) as usize
            } else {
                (next() % 12) as usize
            };
            let a: Vec<char> = (0..len).map(|_| alphabet[(next() % 7) as usize]).collect();
            let mut b = a.clone();
            for _ in 0..next() % 5 {
                let at = if b.is_empty() { 0 } else { (next() as usize) % b.len() };
                match next() % 3 {
                    0 if !b.is_empty() => {
                        b.remove(at);
                    }
                    1 => b.insert(at, alphabet[(next() % 7) as usize]),
                    _ if !b.is_empty() => b[at] = alphabet[(next() % 7) as usize],
                    _ => {}
                }
            }
            let (a, b): (String, String) = (a.into_iter().collect(), b.into_iter().collect());
            let (a, b) = if round % 2 == 0 {
                (a.replace('é', "e"), b.replace('é', "e"))
            } else {
                (a, b)
            };
            for max in [0, 1, 2, 3] {
                assert_eq!(
                    distance_within(&a, &b, max),
                    reference(&a, &b, max),
                    "{a:?} {b:?} {max}"
                );
            }
        }
    }
}
