//! PL0xx rules that look at parsed documents: duplicate keys and unrecognised documents.
//! (Malformed input and limits are reported while reading; see [`crate::lint_set`].)

pub(super) mod pl004_duplicate_key;
pub(super) mod pl005_unrecognized_document;
