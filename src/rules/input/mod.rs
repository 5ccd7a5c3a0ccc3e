//! PL0xx rules that look at parsed documents: duplicate keys and unrecognised documents.
//! (Malformed input and limits are reported while reading; see [`crate::lint_set`].)

mod pl004_duplicate_key;
mod pl005_unrecognized_document;

use super::Rule;

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &pl004_duplicate_key::DuplicateKey,
    &pl005_unrecognized_document::UnrecognizedDocument,
];
