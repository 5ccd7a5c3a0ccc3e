//! Signed (CMS) profiles: unwrapping DER and BER `SignedData`, and the PL003 errors.

use std::path::{Path, PathBuf};

use profilelint::internals::source::signed::{looks_like_cms, unwrap};
use profilelint::internals::syntax::{SyntaxError, SyntaxErrorKind};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/signed")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The PL003 message for `bytes`, failing the test if unwrapping succeeds or gives another rule.
fn pl003(bytes: &[u8]) -> String {
    let error: SyntaxError = unwrap(bytes).expect_err("expected a PL003 error");
    assert_eq!(error.kind, SyntaxErrorKind::UnreadableSigned, "{error:?}");
    assert_eq!(error.span, None);
    error.message
}

// ---- small DER/BER builders for hand-made inputs ----

const OID_SIGNED_DATA: &[u8] = &[0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
const OID_DATA: &[u8] = &[0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];

/// A definite-length TLV.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// An indefinite-length constructed TLV: `tag 0x80 content 00 00`.
fn indefinite(tag: u8, content: &[u8]) -> Vec<u8> {
    [&[tag, 0x80][..], content, &[0, 0]].concat()
}

/// A minimal SignedData ContentInfo (no certificates, no signers) around `econtent`, the encoded
/// element inside `[0] eContent` (`None`: detached). `wrap` builds every constructed element, so
/// the whole thing is either DER (`tlv`) or indefinite-length BER (`indefinite`).
fn signed_data(econtent: Option<&[u8]>, wrap: fn(u8, &[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut encap = OID_DATA.to_vec();
    if let Some(econtent) = econtent {
        encap.extend(wrap(0xA0, econtent));
    }
    let signed = [
        &[0x02, 0x01, 0x01][..],
        &wrap(0x31, &[]),
        &wrap(0x30, &encap),
        &wrap(0x31, &[]),
    ]
    .concat();
    wrap(0x30, &[OID_SIGNED_DATA, &wrap(0xA0, &wrap(0x30, &signed))].concat())
}

// ---- fixtures made with OpenSSL ----

#[test]
fn der_fixture_unwraps_to_the_original_plist() {
    let signed = fixture("sso-der.mobileconfig");
    assert!(looks_like_cms(&signed));
    let content = unwrap(&signed).unwrap();
    assert_eq!(content, fixture("sso-der.plist"));
}

#[test]
fn ber_fixture_unwraps_to_the_original_plist() {
    let signed = fixture("sso-ber.mobileconfig");
    // The fixture really is indefinite-length BER: ContentInfo header `30 80`, and the
    // constructed OCTET STRING `24 80` holds the content in chunks.
    assert_eq!(signed[..2], [0x30, 0x80]);
    assert!(signed.windows(2).any(|w| w == [0x24, 0x80]));
    assert!(looks_like_cms(&signed));
    let content = unwrap(&signed).unwrap();
    assert_eq!(content, fixture("sso-ber.plist"));
}

#[test]
fn encrypted_profile_is_pl003() {
    let message = pl003(&fixture("encrypted.mobileconfig"));
    assert_eq!(
        message,
        "the profile is encrypted (CMS EnvelopedData); profilelint cannot read encrypted profiles"
    );
}

#[test]
fn detached_signature_is_pl003() {
    let message = pl003(&fixture("detached.p7s"));
    assert_eq!(
        message,
        "detached signature: the profile content is not inside the file"
    );
}

#[test]
fn other_content_type_names_the_oid() {
    let message = pl003(&fixture("digested.p7m"));
    assert_eq!(
        message,
        "the file is CMS content of type id-digestedData (1.2.840.113549.1.7.5), not SignedData; \
         profilelint reads only signed profiles"
    );
}

#[test]
fn unknown_content_type_gives_the_dotted_oid() {
    // ContentInfo { 1.2.3.4, [0] NULL }
    let info = tlv(
        0x30,
        &[&[0x06, 0x03, 0x2A, 0x03, 0x04][..], &tlv(0xA0, &[0x05, 0x00])].concat(),
    );
    assert_eq!(
        pl003(&info),
        "the file is CMS content of type 1.2.3.4, not SignedData; profilelint reads only signed profiles"
    );
    // The same through the BER walker.
    let info = indefinite(
        0x30,
        &[&[0x06, 0x03, 0x2A, 0x03, 0x04][..], &indefinite(0xA0, &[0x05, 0x00])].concat(),
    );
    assert!(pl003(&info).starts_with("the file is CMS content of type 1.2.3.4,"));
}

#[test]
fn truncated_der_is_pl003() {
    let truncated = fixture("truncated.mobileconfig");
    assert!(
        looks_like_cms(&truncated),
        "a cut-off signed profile still routes to the CMS reader"
    );
    let message = pl003(&truncated);
    assert!(message.starts_with("truncated or malformed DER: "), "{message}");
}

#[test]
fn truncated_ber_is_pl003_with_the_ber_finding() {
    let signed = fixture("sso-ber.mobileconfig");
    // Cut in the middle of the second 4096-byte chunk, which starts at byte 4152.
    let message = pl003(&signed[..signed.len() / 2]);
    assert_eq!(
        message,
        "truncated or malformed BER: an element is longer than the rest of the data (at byte 4152)"
    );
    // Cut inside the final end-of-contents markers.
    let message = pl003(&signed[..signed.len() - 1]);
    assert!(message.starts_with("truncated or malformed BER: "), "{message}");
}

#[test]
fn trailing_bytes_are_pl003() {
    for name in ["sso-der.mobileconfig", "sso-ber.mobileconfig"] {
        let signed = fixture(name);
        let mut padded = signed.clone();
        padded.extend_from_slice(b"\0\0\n");
        let message = pl003(&padded);
        assert_eq!(
            message,
            format!(
                "3 trailing byte(s) follow the CMS ContentInfo, which ends at byte {}",
                signed.len()
            ),
            "{name}"
        );
    }
}

#[test]
fn non_cms_input_is_pl003() {
    let plist = fixture("sso-der.plist");
    assert!(!looks_like_cms(&plist));
    let message = pl003(&plist);
    assert!(message.starts_with("truncated or malformed DER: "), "{message}");
    assert!(pl003(&[]).starts_with("truncated or malformed DER: "));
}

#[test]
fn sniffing() {
    for name in [
        "sso-der.mobileconfig",
        "sso-ber.mobileconfig",
        "detached.p7s",
        "encrypted.mobileconfig",
    ] {
        assert!(looks_like_cms(&fixture(name)), "{name}");
    }
    for not_cms in [
        &b""[..],
        b"0",
        b"\x30",
        b"\x30\x03\x02\x01\x00", // a SEQUENCE holding an INTEGER
        b"\x31\x80\x06\x01\x00", // a SET
        b"\x30\x80\x06\x00",     // an empty OID
        b"\x30\x80\x26\x01\x00", // a constructed "OID"
        b"bplist00\xd0",
        b"{\"value\": []}",
        b"<?xml version=\"1.0\"?>",
    ] {
        assert!(!looks_like_cms(not_cms), "{not_cms:?}");
    }
    assert!(
        looks_like_cms(b"\x30\x82\x10\xa9\x06\x09\x2a"),
        "only the first bytes are needed"
    );
    assert!(looks_like_cms(b"\x30\x80\x06\x09"));
}

// ---- hand-made structures ----

#[test]
fn minimal_der_and_ber_signed_data() {
    let content = b"<plist version=\"1.0\"><dict/></plist>";
    let der = signed_data(Some(&tlv(0x04, content)), tlv);
    assert_eq!(unwrap(&der).unwrap(), content);
    let ber = signed_data(Some(&tlv(0x04, content)), indefinite);
    assert_eq!(unwrap(&ber).unwrap(), content);
    // Empty content is returned as is (the plist parser complains later).
    assert_eq!(unwrap(&signed_data(Some(&tlv(0x04, b"")), indefinite)).unwrap(), b"");
}

#[test]
fn nested_constructed_octet_string_chunks_are_concatenated() {
    // 24 80 [ 04 "ab", 24 03 [04 01 "c"], 24 80 [ 04 00, 24 80 [04 02 "de"] 00 00 ] 00 00, 04 01 "f" ] 00 00
    let inner = indefinite(0x24, &tlv(0x04, b"de"));
    let middle = indefinite(0x24, &[tlv(0x04, b""), inner].concat());
    let octets = indefinite(
        0x24,
        &[tlv(0x04, b"ab"), tlv(0x24, &tlv(0x04, b"c")), middle, tlv(0x04, b"f")].concat(),
    );
    assert_eq!(unwrap(&signed_data(Some(&octets), indefinite)).unwrap(), b"abcdef");
    // A definite-length constructed OCTET STRING inside otherwise definite framing (BER, not DER).
    let octets = tlv(0x24, &[tlv(0x04, b"ab"), tlv(0x04, b"cd")].concat());
    assert_eq!(unwrap(&signed_data(Some(&octets), tlv)).unwrap(), b"abcd");
}

#[test]
fn detached_and_non_octet_string_content() {
    for wrap in [tlv as fn(u8, &[u8]) -> Vec<u8>, indefinite] {
        assert_eq!(
            pl003(&signed_data(None, wrap)),
            "detached signature: the profile content is not inside the file"
        );
    }
    assert_eq!(
        pl003(&signed_data(Some(&tlv(0x0C, b"text")), tlv)),
        "the signed content (eContent) is not an OCTET STRING but UTF8String"
    );
    assert_eq!(
        pl003(&signed_data(Some(&indefinite(0x30, &[])), indefinite)),
        "the signed content (eContent) is not an OCTET STRING but a constructed [UNIVERSAL 16] element"
    );
}

#[test]
fn bad_chunks_are_pl003() {
    // A chunk that is not an OCTET STRING.
    let octets = indefinite(0x24, &tlv(0x0C, b"x"));
    let message = pl003(&signed_data(Some(&octets), indefinite));
    assert!(message.contains("is not an OCTET STRING"), "{message}");
    // A definite constructed chunk whose children overrun it.
    let octets = indefinite(0x24, &[&[0x24, 0x02][..], &tlv(0x04, b"abc")].concat());
    let message = pl003(&signed_data(Some(&octets), indefinite));
    assert!(message.starts_with("truncated or malformed BER: "), "{message}");
    // An end-of-contents marker inside a definite-length chunk.
    let octets = indefinite(0x24, &tlv(0x24, &[0, 0]));
    let message = pl003(&signed_data(Some(&octets), indefinite));
    assert!(message.contains("end-of-contents"), "{message}");
}

#[test]
fn deep_nesting_is_bounded() {
    // 100,000 nested indefinite SEQUENCEs: no stack overflow, a PL003.
    let mut deep = Vec::new();
    for _ in 0..100_000 {
        deep.extend_from_slice(&[0x30, 0x80]);
    }
    assert!(pl003(&deep).contains("nested too deeply"));
    // The same depth closed properly.
    deep.resize(deep.len() + 200_000, 0);
    assert!(pl003(&deep).contains("nested too deeply"));
    // Chunks nested deeper than the walker follows.
    let mut octets = tlv(0x04, b"x");
    for _ in 0..70 {
        octets = indefinite(0x24, &octets);
    }
    let message = pl003(&signed_data(Some(&octets), indefinite));
    assert!(message.contains("nested too deeply"), "{message}");
    // … and at a depth it does follow.
    let mut octets = tlv(0x04, b"x");
    for _ in 0..40 {
        octets = indefinite(0x24, &octets);
    }
    assert_eq!(unwrap(&signed_data(Some(&octets), indefinite)).unwrap(), b"x");
}

#[test]
fn huge_declared_lengths_are_pl003() {
    for bytes in [
        &[0x30, 0x88, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x06][..],
        &[0x30, 0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0][..],
        &[0x30, 0xFF, 0x06][..],
        &[0x30, 0x80, 0x06, 0x84, 0xFF, 0xFF, 0xFF, 0xF0, 0x00, 0x00][..],
        &[0x30, 0x80, 0x1F, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x00][..],
    ] {
        pl003(bytes);
    }
}

// ---- the real signed profile in the shared corpus ----

#[test]
fn real_signed_profile_unwraps_to_its_unsigned_twin() {
    let corpus: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if !corpus.exists() {
        eprintln!("skipping: {} does not exist", corpus.display());
        return;
    }
    let signed =
        std::fs::read(corpus.join("paulmillr__encrypted-dns__signed__adguard-default-https.mobileconfig")).unwrap();
    let plain = std::fs::read(corpus.join("paulmillr__encrypted-dns__adguard-default-https.mobileconfig")).unwrap();
    assert!(looks_like_cms(&signed));
    assert_eq!(unwrap(&signed).unwrap(), plain);
}

// ---- robustness: truncations and mutations ----

/// A deterministic xorshift64 generator.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn assert_ok_or_pl003(bytes: &[u8], case: &str) {
    match unwrap(bytes) {
        Ok(content) => assert!(content.len() <= bytes.len(), "{case}: content longer than the input"),
        Err(error) => assert_eq!(error.kind, SyntaxErrorKind::UnreadableSigned, "{case}: {error:?}"),
    }
    let _ = looks_like_cms(bytes);
}

#[test]
fn every_truncation_is_ok_or_pl003() {
    for name in ["sso-der.mobileconfig", "sso-ber.mobileconfig"] {
        let signed = fixture(name);
        for len in 0..signed.len() {
            let prefix = &signed[..len];
            assert_ok_or_pl003(prefix, &format!("{name} cut at {len}"));
            assert!(unwrap(prefix).is_err(), "{name} cut at {len} should not unwrap");
        }
    }
}

#[test]
fn random_mutations_are_ok_or_pl003() {
    let fixtures = [fixture("sso-der.mobileconfig"), fixture("sso-ber.mobileconfig")];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut err) = (0, 0);
    for case in 0..2000 {
        let original = &fixtures[case % 2];
        let mut bytes = original.clone();
        // Mutations cluster in the header region, where the framing is, half of the time.
        let flips = 1 + rng.below(4);
        for _ in 0..flips {
            let span = if rng.below(2) == 0 {
                128.min(bytes.len())
            } else {
                bytes.len()
            };
            let at = rng.below(span);
            bytes[at] ^= 1 << rng.below(8);
            if rng.below(4) == 0 {
                bytes[at] = rng.next() as u8;
            }
        }
        assert_ok_or_pl003(&bytes, &format!("case {case}"));
        if unwrap(&bytes).is_ok() {
            ok += 1;
        } else {
            err += 1;
        }
    }
    // Both outcomes occur: flips in the content or the signature leave the framing readable.
    assert!(ok > 100 && err > 100, "ok {ok}, err {err}");
}
