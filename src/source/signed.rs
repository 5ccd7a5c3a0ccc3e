//! CMS SignedData unwrapping (being written).
use crate::syntax::SyntaxError;

/// Returns the embedded content of a DER CMS SignedData.
pub fn unwrap(_bytes: &[u8]) -> Result<Vec<u8>, SyntaxError> {
    Err(SyntaxError::signed("not yet written"))
}

/// Whether `bytes` look like a CMS ContentInfo (being written).
pub fn looks_like_cms(bytes: &[u8]) -> bool {
    matches!(bytes, [0x30, 0x80 | 0x81..=0x84, ..])
}
