//! A scalar element's content, gathered while it is read, and its conversion to a value
//! (integers, reals, dates, base64 data).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use super::{shorten, Tag};
use crate::span::Span;
use crate::syntax::tree::CompactString;
use crate::syntax::{SyntaxError, Value};

/// Text content gathered for a scalar: borrowed from the input while it is one contiguous piece,
/// owned once entities, CDATA sections or comments split it.
pub(super) enum Content<'a> {
    Empty,
    Borrowed(&'a str),
    Owned(String),
}

impl<'a> Content<'a> {
    pub(super) fn push_str(&mut self, s: &'a str) {
        if s.is_empty() {
            return;
        }
        match self {
            Content::Empty => *self = Content::Borrowed(s),
            Content::Borrowed(prev) => {
                let mut owned = String::with_capacity(prev.len() + s.len());
                owned.push_str(prev);
                owned.push_str(s);
                *self = Content::Owned(owned);
            }
            Content::Owned(owned) => owned.push_str(s),
        }
    }

    pub(super) fn push_char(&mut self, c: char) {
        match self {
            Content::Empty => *self = Content::Owned(c.to_string()),
            Content::Borrowed(prev) => {
                let mut owned = String::with_capacity(prev.len() + c.len_utf8());
                owned.push_str(prev);
                owned.push(c);
                *self = Content::Owned(owned);
            }
            Content::Owned(owned) => owned.push(c),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            Content::Empty => "",
            Content::Borrowed(s) => s,
            Content::Owned(s) => s,
        }
    }

    /// The content as a key: short keys (most) stay inline, with no allocation.
    pub(super) fn into_compact(self) -> CompactString {
        match self {
            Content::Empty => CompactString::default(),
            Content::Borrowed(s) => CompactString::from(s),
            Content::Owned(s) => CompactString::from(s),
        }
    }

    pub(super) fn into_string(self) -> String {
        match self {
            Content::Empty => String::new(),
            Content::Borrowed(s) => s.to_owned(),
            Content::Owned(s) => s,
        }
    }
}

/// Converts a scalar element's content to its value. Errors point at the content (`inner`), or
/// for `<data>` at the whole element (`whole`).
pub(super) fn scalar_value(tag: Tag, content: Content<'_>, whole: Span, inner: Span) -> Result<Value, SyntaxError> {
    match tag {
        Tag::String => Ok(Value::String(content.into_string())),
        Tag::True => Ok(Value::Bool(true)),
        Tag::False => Ok(Value::Bool(false)),
        Tag::Integer => {
            let s = content.as_str();
            match parse_integer(s) {
                Ok(i) => Ok(Value::Integer(i)),
                Err(IntegerError::Invalid) => {
                    Err(SyntaxError::plist(format!("invalid integer `{}`", shorten(s)), inner))
                }
                Err(IntegerError::OutOfRange) => Err(SyntaxError::plist(
                    format!("integer `{}` is out of range (plist integers are 64-bit)", shorten(s)),
                    inner,
                )),
            }
        }
        Tag::Real => {
            let s = content.as_str();
            s.parse::<f64>()
                .map(Value::Real)
                .map_err(|_| SyntaxError::plist(format!("invalid real `{}`", shorten(s)), inner))
        }
        Tag::Date => {
            let s = content.as_str();
            if is_valid_date(s) {
                Ok(Value::Date(content.into_string()))
            } else {
                Err(SyntaxError::plist(
                    format!("invalid date `{}` (expected YYYY-MM-DDTHH:MM:SSZ)", shorten(s)),
                    inner,
                ))
            }
        }
        Tag::Data => decode_data(content.as_str().as_bytes())
            .map(Value::Data)
            .ok_or_else(|| SyntaxError::plist("invalid base64 in `<data>`", whole)),
        // Containers, keys and `<plist>` never reach here; treat as text rather than panic.
        Tag::Plist | Tag::Dict | Tag::Array | Tag::Key => Ok(Value::String(content.into_string())),
    }
}

/// Decodes `<data>` content: base64, usually wrapped over indented lines.
///
/// The line breaks are found with SIMD and each run of whitespace after one is skipped; what is
/// left then holds no whitespace, unless some sat elsewhere (a tab before a line break, a form
/// feed), which the decoder refuses: only then is every whitespace byte looked at, one by one.
fn decode_data(text: &[u8]) -> Option<Vec<u8>> {
    let mut compact = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = memchr::memchr3(b'\n', b'\r', b' ', rest) {
        compact.extend_from_slice(rest.get(..at)?);
        let skip = rest.get(at..)?.iter().take_while(|b| b.is_ascii_whitespace()).count();
        rest = rest.get(at + skip..)?;
    }
    compact.extend_from_slice(rest);
    if let Ok(bytes) = BASE64.decode(&compact) {
        return Some(bytes);
    }
    compact.clear();
    compact.extend(text.iter().copied().filter(|b| !b.is_ascii_whitespace()));
    BASE64.decode(&compact).ok()
}

pub(super) enum IntegerError {
    Invalid,
    OutOfRange,
}

/// Parses a plist integer as the `plist` crate does: `0x` followed by hexadecimal digits
/// (unsigned 64-bit), or a decimal with optional sign in the signed-or-unsigned 64-bit range.
pub(super) fn parse_integer(s: &str) -> Result<i128, IntegerError> {
    use std::num::IntErrorKind;
    let classify = |e: std::num::ParseIntError| match e.kind() {
        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => IntegerError::OutOfRange,
        _ => IntegerError::Invalid,
    };
    if let Some(hex) = s.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).map(i128::from).map_err(classify);
    }
    let value = s.parse::<i128>().map_err(classify)?;
    if value < i128::from(i64::MIN) || value > i128::from(u64::MAX) {
        return Err(IntegerError::OutOfRange);
    }
    Ok(value)
}

/// Whether `s` is an XML plist date: `YYYY-MM-DDTHH:MM:SSZ` with a real calendar day and time.
pub(super) fn is_valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let sep = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':') && sep(19, b'Z')) {
        return false;
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19))
    else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && hour < 24 && minute < 60 && second < 60
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reading: drop every whitespace byte, then decode.
    fn reference(text: &[u8]) -> Option<Vec<u8>> {
        let compact: Vec<u8> = text.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
        BASE64.decode(&compact).ok()
    }

    #[test]
    fn data_decodes_as_the_plain_reading_whatever_the_whitespace() {
        let cases: [&[u8]; 12] = [
            b"SGVsbG8sIHdvcmxkIQ==",
            b"\n\t\tSGVsbG8s\n\t\tIHdvcmxk\n\t\tIQ==\n\t",
            b"SGVsbG8s\r\nIHdvcmxkIQ==",
            b"SGVsbG8s\tIHdvcmxkIQ==",
            b"SGVsbG8s\t\nIHdvcmxkIQ==",
            b"SGVsbG8s\x0cIHdvcmxkIQ==",
            b"  SGVs bG8s IHdv cmxk IQ==  ",
            b"",
            b" \n\t ",
            b"SGVsbG8s\nIHdvcmxkIQ=",
            b"SGVsbG8*",
            b"SGVs\xc3\xa9bG8=",
        ];
        for case in cases {
            assert_eq!(
                decode_data(case),
                reference(case),
                "{:?}",
                String::from_utf8_lossy(case)
            );
        }
        assert_eq!(decode_data(b"SGVs\n bG8=").as_deref(), Some(&b"Hello"[..]));
    }
}
