//! Parsers from text or bytes to the one [`Tree`] shared by every format.

pub mod binary;
pub mod json;
pub mod tree;
pub mod xml;

pub use tree::{format_key_path, Comment, Entry, Node, NodeId, ParentLink, PathSegment, Tree, Value, ValueKind};

use crate::span::Span;

/// Which input check a syntax error belongs to; maps one-to-one to the PL00x rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// PL001: malformed XML or binary plist.
    InvalidPlist,
    /// PL002: malformed JSON.
    InvalidJson,
    /// PL003: DER/CMS input that is not readable SignedData with a plist inside.
    UnreadableSigned,
    /// PL006: a size, depth or count limit was exceeded.
    Limit,
}

/// Why a document could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    /// The input check that failed.
    pub kind: SyntaxErrorKind,
    /// A sentence for the user: what was wrong ("expected `</string>`, found `</dict>`").
    pub message: String,
    /// Where it broke: a point or a range in the text. `None` for inputs without text positions.
    pub span: Option<Span>,
}

impl SyntaxError {
    /// A PL001 error at `span`.
    pub fn plist(message: impl Into<String>, span: impl Into<Option<Span>>) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::InvalidPlist,
            message: message.into(),
            span: span.into(),
        }
    }

    /// A PL002 error at `span`.
    pub fn json(message: impl Into<String>, span: impl Into<Option<Span>>) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::InvalidJson,
            message: message.into(),
            span: span.into(),
        }
    }

    /// A PL003 error.
    pub fn signed(message: impl Into<String>) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::UnreadableSigned,
            message: message.into(),
            span: None,
        }
    }

    /// A PL006 error at `span`.
    pub fn limit(message: impl Into<String>, span: impl Into<Option<Span>>) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::Limit,
            message: message.into(),
            span: span.into(),
        }
    }
}
