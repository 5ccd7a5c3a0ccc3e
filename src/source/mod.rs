//! From bytes to text: recognising the input format by content, decoding text encodings and
//! unwrapping signed profiles. Knows nothing about profiles.

pub mod signed;

use serde::Serialize;

use crate::span::Span;
use crate::syntax::{SyntaxError, SyntaxErrorKind};

/// The format of an input file, as reported in `inspect` and the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Format {
    /// An XML property list.
    XmlPlist,
    /// A binary property list (`bplist00`).
    BinaryPlist,
    /// A CMS-signed profile whose content is an XML plist.
    SignedXmlPlist,
    /// A CMS-signed profile whose content is a binary plist.
    SignedBinaryPlist,
    /// JSON (an Intune/Graph object, collection, array or assignments file).
    Json,
}

impl Format {
    /// The name used in reports: `xml-plist`, `binary-plist`, `signed-xml-plist`, …
    pub fn name(self) -> &'static str {
        match self {
            Format::XmlPlist => "xml-plist",
            Format::BinaryPlist => "binary-plist",
            Format::SignedXmlPlist => "signed-xml-plist",
            Format::SignedBinaryPlist => "signed-binary-plist",
            Format::Json => "json",
        }
    }

    /// Whether documents of this format have text positions (spans).
    pub fn has_text(self) -> bool {
        matches!(self, Format::XmlPlist | Format::SignedXmlPlist | Format::Json)
    }

    /// Whether `--fix` may rewrite a file of this format (never binary or signed files).
    pub fn is_fixable(self) -> bool {
        matches!(self, Format::XmlPlist | Format::Json)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The text encoding of a file, kept so that fixes can write the file back the way it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark (PowerShell's `-Encoding UTF8`, Intune "Import policy" files).
    Utf8Bom,
    /// UTF-16 little endian with BOM (Windows PowerShell 5.1 `Out-File`).
    Utf16Le,
    /// UTF-16 big endian with BOM.
    Utf16Be,
}

impl Encoding {
    /// Re-encodes `text` in this encoding, byte order mark included.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            Encoding::Utf16Le => {
                let mut out = vec![0xFF, 0xFE];
                out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                out
            }
            Encoding::Utf16Be => {
                let mut out = vec![0xFE, 0xFF];
                out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
                out
            }
        }
    }
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Text starting with `<` (after BOM and whitespace).
    Xml,
    /// Text starting with `{` or `[`.
    Json,
    /// `bplist00`.
    BinaryPlist,
    /// A DER/BER SEQUENCE holding an OID: a CMS ContentInfo.
    Cms,
    /// Anything else.
    Unknown,
}

/// Recognises the input by content, never by file name.
///
/// ```
/// use profilelint::internals::source::{sniff, Sniffed};
/// assert_eq!(sniff(b"\xEF\xBB\xBF  {\"value\": []}"), Sniffed::Json);
/// assert_eq!(sniff(b"bplist00\xd0"), Sniffed::BinaryPlist);
/// assert_eq!(sniff(b"\xFF\xFE<\x00?\x00"), Sniffed::Xml);
/// ```
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"bplist") {
        return Sniffed::BinaryPlist;
    }
    if signed::looks_like_cms(bytes) {
        return Sniffed::Cms;
    }
    let first = match bytes {
        [0xFF, 0xFE, rest @ ..] => first_utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => first_utf16(rest, u16::from_be_bytes),
        _ => {
            let rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
            rest.iter().copied().find(|b| !b.is_ascii_whitespace()).map(char::from)
        }
    };
    match first {
        Some('<') => Sniffed::Xml,
        Some('{' | '[') => Sniffed::Json,
        _ => Sniffed::Unknown,
    }
}

fn first_utf16(rest: &[u8], read: fn([u8; 2]) -> u16) -> Option<char> {
    rest.chunks_exact(2)
        .map(|c| read([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)]))
        .find(|u| !matches!(*u, 0x20 | 0x09 | 0x0A | 0x0D))
        .and_then(|u| char::from_u32(u32::from(u)))
}

/// Decodes a text file: UTF-8 with or without BOM, UTF-16 LE/BE with BOM.
///
/// Errors carry `kind` (PL001 for XML, PL002 for JSON, chosen by the caller) and the byte offset,
/// in the file, of the first invalid sequence.
pub fn decode(bytes: &[u8], kind: SyntaxErrorKind) -> Result<(String, Encoding), SyntaxError> {
    let error = |message: String, at: usize| SyntaxError {
        kind,
        message,
        span: Some(Span::new(at, at + 1)),
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, u16::from_le_bytes)
            .map(|s| (s, Encoding::Utf16Le))
            .map_err(|at| error("invalid UTF-16: unpaired surrogate or odd length".into(), at + 2)),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, u16::from_be_bytes)
            .map(|s| (s, Encoding::Utf16Be))
            .map_err(|at| error("invalid UTF-16: unpaired surrogate or odd length".into(), at + 2)),
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), Encoding::Utf8Bom))
            .map_err(|e| {
                error(
                    format!("invalid UTF-8 at byte {}", e.valid_up_to() + 3),
                    e.valid_up_to() + 3,
                )
            }),
        _ => std::str::from_utf8(bytes)
            .map(|s| (s.to_owned(), Encoding::Utf8))
            .map_err(|e| error(format!("invalid UTF-8 at byte {}", e.valid_up_to()), e.valid_up_to())),
    }
}

/// Decodes UTF-16 code units; on error returns the byte offset (within `bytes`) of the bad unit.
fn decode_utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, usize> {
    if bytes.len() % 2 != 0 {
        return Err(bytes.len().saturating_sub(1));
    }
    let units = bytes
        .chunks_exact(2)
        .map(|c| read([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, ch) in char::decode_utf16(units).enumerate() {
        match ch {
            Ok(c) => out.push(c),
            Err(_) => {
                // Offset of the unit: count the units consumed so far (surrogate pairs are two).
                let units_before = out.chars().map(char::len_utf16).sum::<usize>();
                let _ = i;
                return Err(units_before * 2);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_supported_encoding() {
        let text = "{\"a\": \"é😀\"}\r\n";
        for enc in [Encoding::Utf8, Encoding::Utf8Bom, Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = enc.encode(text);
            assert_eq!(sniff(&bytes), Sniffed::Json, "{enc:?}");
            assert_eq!(
                decode(&bytes, SyntaxErrorKind::InvalidJson).unwrap(),
                (text.to_owned(), enc)
            );
        }
    }

    #[test]
    fn reports_where_decoding_broke() {
        let err = decode(b"<a>\xFF</a>", SyntaxErrorKind::InvalidPlist).unwrap_err();
        assert_eq!(err.span, Some(Span::new(3, 4)));
        // An unpaired high surrogate after "<a" in UTF-16 LE.
        let err = decode(
            &[0xFF, 0xFE, b'<', 0, b'a', 0, 0x00, 0xD8, b'b', 0],
            SyntaxErrorKind::InvalidPlist,
        )
        .unwrap_err();
        assert_eq!(err.span, Some(Span::new(6, 7)));
        assert!(decode(&[0xFF, 0xFE, b'<'], SyntaxErrorKind::InvalidPlist).is_err());
    }
}
