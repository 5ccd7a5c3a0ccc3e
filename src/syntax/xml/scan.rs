//! The byte-level helpers of the fast scanner: names, text runs, tag ends.

/// XML's whitespace characters (the only ones allowed between elements).
pub(super) fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The end of a lower-case element name starting at `i` (`i` itself when there is none).
pub(super) fn scan_name(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_lowercase) {
        i += 1;
    }
    i
}

/// The end of the text run starting at `i`: the next `<` or `&`, or the end of the input
/// (base64 `<data>` and long strings are long runs, searched with SIMD).
pub(super) fn text_end(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .and_then(|rest| memchr::memchr2(b'<', b'&', rest))
        .map_or(b.len(), |at| i + at)
}

/// The first occurrence of `needle` in `b` at or after `from`.
pub(super) fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The rest of a start tag after its name at `i`: `>`, `/>`, or whitespace and double-quoted
/// attributes before them. Returns the end of the tag and whether it is self-closing; `None` for
/// anything quick-xml should read.
pub(super) fn tag_end(b: &[u8], i: usize) -> Option<(usize, bool)> {
    match b.get(i)? {
        b'>' => return Some((i + 1, false)),
        b'/' => return (b.get(i + 1) == Some(&b'>')).then_some((i + 2, true)),
        c if is_xml_space(*c) => {}
        _ => return None,
    }
    let mut j = i;
    let mut quoted = false;
    loop {
        let c = *b.get(j)?;
        match c {
            b'"' => quoted = !quoted,
            b'<' | b'\'' => return None,
            b'>' if quoted => return None,
            b'>' => return Some((j + 1, false)),
            b'/' if !quoted => return (b.get(j + 1) == Some(&b'>')).then_some((j + 2, true)),
            _ => {}
        }
        j += 1;
    }
}
