//! Signed configuration profiles: a CMS (PKCS #7) `SignedData` with the profile plist attached.
//!
//! Apple MDM servers and Apple Configurator sign a `.mobileconfig` by wrapping the XML (or binary)
//! plist in a CMS `ContentInfo` of type `id-signedData`, with the plist bytes in
//! `encapContentInfo.eContent`. This module takes the plist back out so that it can be linted.
//!
//! **Signatures are never verified.** A linter reads content; whether the signer is trusted is the
//! job of the MDM server and of the device that installs the profile. Nothing here looks at the
//! certificates, the signer infos or the digests.
//!
//! Input is decoded as DER with the RustCrypto `cms` crate first. Apple tooling and OpenSSL's
//! streaming mode sometimes produce BER instead (indefinite lengths, the content split into a
//! constructed OCTET STRING of chunks), which DER decoders reject, so when DER decoding fails a
//! small hand-written BER walker (the private `ber` module) follows only the path
//! `ContentInfo → [0] → SignedData → encapContentInfo → [0] eContent`. It is iterative,
//! bounds-checked, has a fixed nesting bound and never allocates more than the input length.
//!
//! Every failure is a PL003 [`SyntaxError`] (see [`SyntaxError::signed`]).

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::ObjectIdentifier;
use der::oid::db::rfc5911::{ID_ENVELOPED_DATA, ID_SIGNED_DATA};
use der::{Decode, ErrorKind, Tag, Tagged};

use crate::syntax::SyntaxError;

/// Whether `bytes` look like a DER/BER CMS `ContentInfo`: a SEQUENCE (first byte `0x30`, definite
/// or indefinite length) whose first element is an OBJECT IDENTIFIER.
///
/// This is a cheap sniff of the first few bytes, used to route a file to [`unwrap`]; it does not
/// check that the rest of the file is complete or well formed, so a truncated signed profile
/// still "looks like CMS" and gets a PL003 diagnostic from [`unwrap`].
pub fn looks_like_cms(bytes: &[u8]) -> bool {
    let Ok(outer) = ber::read_header(bytes, 0, bytes.len()) else {
        return false;
    };
    if !outer.is(ber::CLASS_UNIVERSAL, true, ber::TAG_SEQUENCE) {
        return false;
    }
    let Ok(first) = ber::read_header(bytes, outer.content_start, bytes.len()) else {
        return false;
    };
    first.is(ber::CLASS_UNIVERSAL, false, ber::TAG_OID) && matches!(first.len, Some(1..))
}

/// Returns the embedded content (the profile plist bytes) of a CMS `SignedData` with attached
/// content, read from DER or, failing that, from BER (indefinite lengths, chunked content).
///
/// The signature is **not** verified, and the certificates are not looked at: a linter reads
/// content; trust is the MDM's job.
///
/// # Errors
///
/// A PL003 [`SyntaxError`] (built with [`SyntaxError::signed`]) when:
/// - the input is not CMS or is truncated (`truncated or malformed DER: …`, or `… BER: …` for
///   indefinite-length input);
/// - it is a CMS `EnvelopedData` (an encrypted profile);
/// - it is CMS of any other content type than `SignedData` (the message names the OID);
/// - the `SignedData` has no embedded content (a detached signature);
/// - the embedded content is not an OCTET STRING;
/// - bytes follow the end of the `ContentInfo`.
pub fn unwrap(bytes: &[u8]) -> Result<Vec<u8>, SyntaxError> {
    let der_error = match unwrap_der(bytes) {
        Ok(outcome) => return outcome,
        Err(error) => error,
    };
    match ber::unwrap(bytes) {
        Ok(content) => Ok(content),
        Err(ber::Failure::Rejected(error)) => Err(error),
        Err(ber::Failure::Malformed { offset, what }) => {
            // For BER input the DER error only says "indefinite length" or "noncanonical";
            // the walker's own finding is the useful one.
            let is_ber = matches!(
                der_error.kind(),
                ErrorKind::IndefiniteLength | ErrorKind::Noncanonical { .. }
            );
            if is_ber {
                Err(SyntaxError::signed(format!(
                    "truncated or malformed BER: {what} (at byte {offset})"
                )))
            } else {
                Err(SyntaxError::signed(format!("truncated or malformed DER: {der_error}")))
            }
        }
    }
}

/// The DER path. `Err` means "not decodable as DER" (try BER); `Ok(Err)` is a final verdict.
fn unwrap_der(bytes: &[u8]) -> Result<Result<Vec<u8>, SyntaxError>, der::Error> {
    let info = ContentInfo::from_der(bytes)?;
    if let Some(rejection) = reject_content_type(&info.content_type) {
        return Ok(Err(rejection));
    }
    let signed: SignedData = info.content.decode_as()?;
    Ok(match signed.encap_content_info.econtent {
        None => Err(detached()),
        Some(content) if content.tag() == Tag::OctetString => Ok(content.value().to_vec()),
        Some(content) => Err(not_octet_string(&content.tag().to_string())),
    })
}

/// The error for a `ContentInfo` whose type is not `id-signedData`, or `None` if it is.
fn reject_content_type(oid: &ObjectIdentifier) -> Option<SyntaxError> {
    if *oid == ID_SIGNED_DATA {
        None
    } else if *oid == ID_ENVELOPED_DATA {
        Some(SyntaxError::signed(
            "the profile is encrypted (CMS EnvelopedData); profilelint cannot read encrypted profiles",
        ))
    } else {
        let named = match der::oid::db::DB.by_oid(oid) {
            Some(name) => format!("{name} ({oid})"),
            None => oid.to_string(),
        };
        Some(SyntaxError::signed(format!(
            "the file is CMS content of type {named}, not SignedData; profilelint reads only signed profiles"
        )))
    }
}

fn detached() -> SyntaxError {
    SyntaxError::signed("detached signature: the profile content is not inside the file")
}

fn not_octet_string(found: &str) -> SyntaxError {
    SyntaxError::signed(format!(
        "the signed content (eContent) is not an OCTET STRING but {found}"
    ))
}

fn trailing(extra: usize, end: usize) -> SyntaxError {
    SyntaxError::signed(format!(
        "{extra} trailing byte(s) follow the CMS ContentInfo, which ends at byte {end}"
    ))
}

/// A minimal BER reader for the one path a signed profile needs.
///
/// It follows `ContentInfo → [0] → SignedData → encapContentInfo → [0] eContent` and
/// concatenates the chunks of a constructed OCTET STRING. Everything else (certificates, CRLs,
/// signer infos) is skipped by its framing only. The walker:
/// - is iterative: nesting of indefinite-length and constructed elements is tracked with a
///   counter or a fixed-size array, bounded by [`MAX_DEPTH`];
/// - reads bytes only through `get`, and checks every length against its container and the input;
/// - allocates once, exactly the size of the content, which is at most the input length.
mod ber {
    use super::{detached, not_octet_string, reject_content_type, trailing};
    use crate::syntax::SyntaxError;
    use der::asn1::ObjectIdentifier;

    /// Deepest nesting of indefinite-length elements (and of constructed OCTET STRING chunks)
    /// the walker follows before giving up.
    const MAX_DEPTH: usize = 64;

    pub(super) const CLASS_UNIVERSAL: u8 = 0;
    const CLASS_CONTEXT: u8 = 2;
    const TAG_INTEGER: u32 = 2;
    const TAG_OCTET_STRING: u32 = 4;
    pub(super) const TAG_OID: u32 = 6;
    pub(super) const TAG_SEQUENCE: u32 = 16;
    const TAG_SET: u32 = 17;

    /// Why the walker stopped.
    #[derive(Debug)]
    pub(super) enum Failure {
        /// The encoding is broken (or cut short) at byte `offset`.
        Malformed { offset: usize, what: &'static str },
        /// The encoding is readable, but it is not a signed profile with attached content.
        Rejected(SyntaxError),
    }

    type Walk<T> = Result<T, Failure>;

    fn malformed(offset: usize, what: &'static str) -> Failure {
        Failure::Malformed { offset, what }
    }

    /// Identifier and length octets of one element.
    #[derive(Debug, Clone, Copy)]
    pub(super) struct Header {
        class: u8,
        constructed: bool,
        number: u32,
        /// Offset of the first content byte (just past the header).
        pub(super) content_start: usize,
        /// Content length; `None` for the indefinite form.
        pub(super) len: Option<usize>,
    }

    impl Header {
        pub(super) fn is(&self, class: u8, constructed: bool, number: u32) -> bool {
            self.class == class && self.constructed == constructed && self.number == number
        }

        fn is_end_of_contents(&self) -> bool {
            self.is(CLASS_UNIVERSAL, false, 0)
        }

        fn describe(&self) -> String {
            let class = match self.class {
                0 => "UNIVERSAL",
                1 => "APPLICATION",
                2 => "CONTEXT-SPECIFIC",
                _ => "PRIVATE",
            };
            let form = if self.constructed { "constructed" } else { "primitive" };
            format!("a {form} [{class} {}] element", self.number)
        }
    }

    /// The byte at `at`, if it lies before `limit` (and inside `buf`).
    fn byte(buf: &[u8], at: usize, limit: usize) -> Walk<u8> {
        if at < limit {
            buf.get(at)
                .copied()
                .ok_or(malformed(at, "the data ends in the middle of an element"))
        } else if limit < buf.len() {
            Err(malformed(at, "an element is longer than the element containing it"))
        } else {
            Err(malformed(at, "the data ends in the middle of an element"))
        }
    }

    /// Reads the identifier and length octets at `pos`; every header byte must lie before
    /// `limit`. The content is not checked to fit (see [`fit`]).
    pub(super) fn read_header(buf: &[u8], pos: usize, limit: usize) -> Walk<Header> {
        let first = byte(buf, pos, limit)?;
        let class = first >> 6;
        let constructed = first & 0x20 != 0;
        let mut number = u32::from(first & 0x1f);
        let mut at = pos.saturating_add(1);
        if number == 0x1f {
            // High tag number form: base-128 digits, at most 4 of them (28 bits).
            number = 0;
            let mut digits = 0;
            loop {
                let digit = byte(buf, at, limit)?;
                at = at.saturating_add(1);
                digits += 1;
                number = (number << 7) | u32::from(digit & 0x7f);
                if digit & 0x80 == 0 {
                    break;
                }
                if digits == 4 {
                    return Err(malformed(pos, "tag number too large"));
                }
            }
        }
        let first_len = byte(buf, at, limit)?;
        at = at.saturating_add(1);
        let len = match first_len {
            0..=0x7f => Some(usize::from(first_len)),
            0x80 if constructed => None,
            0x80 => return Err(malformed(pos, "indefinite length on a primitive element")),
            0xff => return Err(malformed(pos, "reserved length octet 0xFF")),
            _ => {
                let count = usize::from(first_len & 0x7f);
                if count > core::mem::size_of::<usize>() {
                    return Err(malformed(pos, "length too large"));
                }
                let mut value: usize = 0;
                for _ in 0..count {
                    let digit = byte(buf, at, limit)?;
                    at = at.saturating_add(1);
                    value = value
                        .checked_mul(256)
                        .and_then(|value| value.checked_add(usize::from(digit)))
                        .ok_or(malformed(pos, "length too large"))?;
                }
                Some(value)
            }
        };
        Ok(Header {
            class,
            constructed,
            number,
            content_start: at,
            len,
        })
    }

    /// End of `len` content bytes starting at `start`, if they end by `limit`.
    fn fit(buf: &[u8], start: usize, len: usize, limit: usize, pos: usize) -> Walk<usize> {
        match start.checked_add(len) {
            Some(end) if end <= limit => Ok(end),
            Some(end) if end <= buf.len() => Err(malformed(pos, "an element is longer than the element containing it")),
            _ => Err(malformed(pos, "an element is longer than the rest of the data")),
        }
    }

    /// One complete element.
    #[derive(Debug, Clone, Copy)]
    struct Element {
        header: Header,
        /// Offset of the identifier octet.
        pos: usize,
        /// End of the content (for the indefinite form: the offset of its end-of-contents marker).
        content_end: usize,
        /// Offset just past the element.
        end: usize,
    }

    impl Element {
        fn children(&self) -> Children {
            Children {
                at: self.header.content_start,
                end: self.content_end,
            }
        }

        fn content<'a>(&self, buf: &'a [u8]) -> Walk<&'a [u8]> {
            buf.get(self.header.content_start..self.content_end)
                .ok_or(malformed(self.pos, "the data ends in the middle of an element"))
        }
    }

    /// Reads the element at `pos`, which must end by `limit`. For the indefinite form the content
    /// is walked (iteratively, skipping definite-length children whole) to find its end.
    fn element(buf: &[u8], pos: usize, limit: usize) -> Walk<Element> {
        let header = read_header(buf, pos, limit)?;
        if header.is_end_of_contents() {
            return Err(malformed(pos, "unexpected end-of-contents marker"));
        }
        if let Some(len) = header.len {
            let end = fit(buf, header.content_start, len, limit, pos)?;
            return Ok(Element {
                header,
                pos,
                content_end: end,
                end,
            });
        }
        // Indefinite form: `open` counts the indefinite-length elements not yet closed. Children
        // with a definite length are skipped whole, so their own bounds never need remembering:
        // every nested indefinite element is bounded by `limit`.
        let mut open: usize = 1;
        let mut at = header.content_start;
        loop {
            let child = read_header(buf, at, limit)?;
            if child.is_end_of_contents() {
                if child.len != Some(0) {
                    return Err(malformed(at, "end-of-contents marker with a non-zero length"));
                }
                open = open.saturating_sub(1);
                if open == 0 {
                    return Ok(Element {
                        header,
                        pos,
                        content_end: at,
                        end: child.content_start,
                    });
                }
                at = child.content_start;
            } else if let Some(len) = child.len {
                at = fit(buf, child.content_start, len, limit, at)?;
            } else {
                open = open.saturating_add(1);
                if open > MAX_DEPTH {
                    return Err(malformed(at, "indefinite-length elements nested too deeply"));
                }
                at = child.content_start;
            }
        }
    }

    /// The children of a constructed element, read one at a time.
    struct Children {
        at: usize,
        end: usize,
    }

    impl Children {
        fn next(&mut self, buf: &[u8]) -> Walk<Option<Element>> {
            if self.at >= self.end {
                return Ok(None);
            }
            let child = element(buf, self.at, self.end)?;
            self.at = child.end;
            Ok(Some(child))
        }

        /// The next child, which must exist and have the given tag.
        fn expect(
            &mut self,
            buf: &[u8],
            class: u8,
            constructed: bool,
            number: u32,
            what: &'static str,
        ) -> Walk<Element> {
            let at = self.at;
            match self.next(buf)? {
                Some(child) if child.header.is(class, constructed, number) => Ok(child),
                Some(child) => Err(malformed(child.pos, what)),
                None => Err(malformed(at, what)),
            }
        }
    }

    /// Reads the profile bytes out of a BER `ContentInfo`.
    pub(super) fn unwrap(buf: &[u8]) -> Walk<Vec<u8>> {
        if !read_header(buf, 0, buf.len())?.is(CLASS_UNIVERSAL, true, TAG_SEQUENCE) {
            return Err(malformed(0, "expected a SEQUENCE (CMS ContentInfo)"));
        }
        let info = element(buf, 0, buf.len())?;
        if info.end != buf.len() {
            return Err(Failure::Rejected(trailing(
                buf.len().saturating_sub(info.end),
                info.end,
            )));
        }
        let mut fields = info.children();
        let content_type = fields.expect(
            buf,
            CLASS_UNIVERSAL,
            false,
            TAG_OID,
            "expected the contentType OBJECT IDENTIFIER",
        )?;
        let oid = ObjectIdentifier::from_bytes(content_type.content(buf)?)
            .map_err(|_| malformed(content_type.pos, "invalid contentType OBJECT IDENTIFIER"))?;
        if let Some(rejection) = reject_content_type(&oid) {
            return Err(Failure::Rejected(rejection));
        }
        let explicit = fields.expect(
            buf,
            CLASS_CONTEXT,
            true,
            0,
            "expected the [0] content of the ContentInfo",
        )?;
        let signed_data = explicit.children().expect(
            buf,
            CLASS_UNIVERSAL,
            true,
            TAG_SEQUENCE,
            "expected a SignedData SEQUENCE",
        )?;
        let mut signed = signed_data.children();
        signed.expect(
            buf,
            CLASS_UNIVERSAL,
            false,
            TAG_INTEGER,
            "expected the SignedData version INTEGER",
        )?;
        signed.expect(
            buf,
            CLASS_UNIVERSAL,
            true,
            TAG_SET,
            "expected the SignedData digestAlgorithms SET",
        )?;
        let encap = signed.expect(
            buf,
            CLASS_UNIVERSAL,
            true,
            TAG_SEQUENCE,
            "expected the encapContentInfo SEQUENCE",
        )?;
        let mut encap = encap.children();
        encap.expect(
            buf,
            CLASS_UNIVERSAL,
            false,
            TAG_OID,
            "expected the eContentType OBJECT IDENTIFIER",
        )?;
        let Some(explicit) = encap.next(buf)? else {
            return Err(Failure::Rejected(detached()));
        };
        if !explicit.header.is(CLASS_CONTEXT, true, 0) {
            return Err(malformed(
                explicit.pos,
                "expected the [0] eContent of the encapContentInfo",
            ));
        }
        let Some(octets) = explicit.children().next(buf)? else {
            return Err(malformed(explicit.pos, "empty [0] eContent"));
        };
        if octets.header.is(CLASS_UNIVERSAL, false, TAG_OCTET_STRING) {
            return Ok(octets.content(buf)?.to_vec());
        }
        if !octets.header.is(CLASS_UNIVERSAL, true, TAG_OCTET_STRING) {
            return Err(Failure::Rejected(not_octet_string(&octets.header.describe())));
        }
        // A constructed OCTET STRING: count first, then copy into an exact allocation.
        let total = for_each_chunk(buf, &octets, |_| {})?;
        let mut content = Vec::with_capacity(total);
        for_each_chunk(buf, &octets, |chunk| content.extend_from_slice(chunk))?;
        Ok(content)
    }

    /// An open constructed chunk: where reading must stop, and whether it closes with an
    /// end-of-contents marker (`indefinite`) or at `limit` itself.
    #[derive(Debug, Clone, Copy)]
    struct Frame {
        limit: usize,
        indefinite: bool,
    }

    /// Calls `visit` on every primitive chunk of the constructed OCTET STRING `octets`, in order
    /// (chunks may themselves be constructed, to [`MAX_DEPTH`] levels), and returns their total
    /// length. The chunks are disjoint parts of `buf`, so the total is at most `buf.len()`.
    fn for_each_chunk(buf: &[u8], octets: &Element, mut visit: impl FnMut(&[u8])) -> Walk<usize> {
        let mut frames = [Frame {
            limit: 0,
            indefinite: false,
        }; MAX_DEPTH];
        let mut depth: usize = 0;
        let mut at = octets.header.content_start;
        let mut total: usize = 0;
        loop {
            let frame = match depth.checked_sub(1) {
                None => Frame {
                    limit: octets.content_end,
                    indefinite: false,
                },
                Some(top) => *frames.get(top).ok_or(malformed(at, "chunks nested too deeply"))?,
            };
            if !frame.indefinite && at >= frame.limit {
                match depth.checked_sub(1) {
                    None => return Ok(total),
                    Some(parent) => {
                        depth = parent;
                        continue;
                    }
                }
            }
            let header = read_header(buf, at, frame.limit)?;
            if header.is_end_of_contents() {
                if !frame.indefinite || header.len != Some(0) {
                    return Err(malformed(at, "unexpected end-of-contents marker"));
                }
                depth = depth.saturating_sub(1);
                at = header.content_start;
                continue;
            }
            if header.class != CLASS_UNIVERSAL || header.number != TAG_OCTET_STRING {
                return Err(malformed(
                    at,
                    "a chunk of a constructed OCTET STRING is not an OCTET STRING",
                ));
            }
            let Some(len) = header.len else {
                let slot = frames.get_mut(depth).ok_or(malformed(at, "chunks nested too deeply"))?;
                *slot = Frame {
                    limit: frame.limit,
                    indefinite: true,
                };
                depth = depth.saturating_add(1);
                at = header.content_start;
                continue;
            };
            let end = fit(buf, header.content_start, len, frame.limit, at)?;
            if header.constructed {
                let slot = frames.get_mut(depth).ok_or(malformed(at, "chunks nested too deeply"))?;
                *slot = Frame {
                    limit: end,
                    indefinite: false,
                };
                depth = depth.saturating_add(1);
                at = header.content_start;
                continue;
            }
            let chunk = buf
                .get(header.content_start..end)
                .ok_or(malformed(at, "the data ends in the middle of an element"))?;
            visit(chunk);
            total = total.saturating_add(chunk.len());
            at = end;
        }
    }
}
