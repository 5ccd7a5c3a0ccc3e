//! Text from inputs made safe to print: keys, values, file names and messages may hold control
//! characters (ESC, BEL, a newline, C1 controls) that would otherwise reach a terminal or a CI log
//! raw — retitling or clearing a terminal, or forging a line of a line-based report. Every text
//! report runs such text through [`control`]; the CI formats run it through
//! [`control_but_line_ends`] and then apply their own escaping (GitHub's `%0A`, Azure's `%3B`,
//! …), and JUnit uses [`xml_text`].
//!
//! ```
//! use profilelint::report::escape;
//! assert_eq!(escape::control("a\u{1b}]0;owned\u{7}b"), "a\\u{1b}]0;owned\\u{7}b");
//! assert_eq!(escape::control("two\nlines"), "two\\nlines");
//! assert_eq!(escape::control("plain"), "plain");
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal or a line-based report as it is: C0 controls (tab, line
/// feed and carriage return included), DEL, C1 controls, and the Unicode controls that reorder or
/// hide text (bidirectional embeddings, overrides and isolates, line and paragraph separators).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every character [`is_unsafe`] names written as a visible escape: `\t`, `\n`, `\r`,
/// else `\u{1b}` (Rust's notation). Borrowed when nothing needs escaping.
pub fn control(s: &str) -> Cow<'_, str> {
    escape_where(s, is_unsafe)
}

/// [`control`] keeping line feeds and carriage returns, for formats that escape those their own
/// way (GitHub's `%0A`, Azure's `%0D`).
pub fn control_but_line_ends(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| is_unsafe(c) && !matches!(c, '\n' | '\r'))
}

fn escape_where(s: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Writes `c` as its escape: `\t`, `\n`, `\r`, else `\u{…}`.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// Whether XML 1.0 allows `c` in a document at all (even as a character reference): tab, line
/// feed, carriage return and the characters from U+0020 on, except U+FFFE and U+FFFF.
fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `s` as XML 1.0 character data: `&`, `<` and `>` as entities, and every character
/// [`is_unsafe`] names or XML 1.0 cannot hold (it cannot even as a character reference: NUL,
/// ESC, U+FFFE…) written as visible text like [`control`] writes it.
///
/// ```
/// use profilelint::report::escape::xml_text;
/// assert_eq!(xml_text("a<b\u{1}\n"), "a&lt;b\\u{1}\\n");
/// ```
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_unsafe(c) || !xml_allowed(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// [`xml_text`] for a double-quoted attribute value (`"` as `&quot;` too).
pub fn xml_attr(s: &str) -> String {
    xml_text(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_c0_c1_and_del_is_escaped() {
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let out = control(&text);
            assert!(!out.chars().any(|o| o.is_control()), "{c:?} → {out:?}");
            assert!(out.starts_with('a') && out.ends_with('b'), "{out:?}");
        }
        assert_eq!(control("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(control("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(control("tab\there"), "tab\\there");
        assert_eq!(control("é ü 日本"), "é ü 日本");
        assert_eq!(control_but_line_ends("a\r\n\u{1b}"), "a\r\n\\u{1b}");
    }

    #[test]
    fn xml_text_holds_only_xml_characters() {
        let out = xml_text("\u{0}\u{8}\u{b}\u{c}\u{1b}\u{fffe}\u{ffff}ok");
        assert_eq!(out, "\\u{0}\\u{8}\\u{b}\\u{c}\\u{1b}\\u{fffe}\\u{ffff}ok");
        assert!(out.chars().all(xml_allowed));
    }
}
