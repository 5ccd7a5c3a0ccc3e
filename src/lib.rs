//! # profilelint
//!
//! Lints Apple configuration profiles (`.mobileconfig`: XML, binary or CMS-signed) and Microsoft
//! Intune Graph exports for the Microsoft Enterprise SSO plug-in, so that Just-in-Time
//! registration of iOS/iPadOS devices works the first time.
//!
//! The flow runs in one direction: bytes are sniffed, decoded and unwrapped, parsed into one
//! span-keeping tree per document, read into typed views (the [`model`]), checked by the
//! [`rules`], and the [`Diagnostic`]s become reports ([`report`]) and fixes ([`fix`]).
//!
//! ```
//! use profilelint::{Config, FileOrigin, Limits, LintSet, Linter, Severity};
//!
//! // Everything given in one run: files read from disk or bytes from anywhere.
//! let mut set = LintSet::new(Limits::default());
//! set.add_bytes("broken.json", b"{\"a\": 1,}", FileOrigin::Named);
//!
//! // A linter with the default configuration (or `Config::load`, `Config::from_toml_str`).
//! let report = Linter::new(Config::default()).check(&set);
//! let d = &report.diagnostics()[0];
//! assert_eq!((d.code(), d.severity, d.path()), ("PL002", Severity::Error, "broken.json"));
//! ```
//!
//! ## What is public
//!
//! At the root: the lint set ([`LintSet`], [`FileLoad`], [`Document`], …), the [`Linter`] and its
//! [`Report`], the [`Diagnostic`] with its [`Fix`]es and places ([`Span`], [`LineIndex`]), and
//! the [`Config`]. One module down:
//!
//! - [`config`]: `profilelint.toml` and the option types it holds;
//! - [`fix`]: applying fixes to files' bytes, verified by linting again;
//! - [`report`]: the output formats behind one [`report::Reporter`] trait, and `inspect`;
//! - [`rules`]: the rule catalog (codes, names, severities, docs);
//! - [`policy`]: organization policies built in code;
//! - [`model`]: the typed view of profiles, payloads and Intune objects the rules read.
//!
//! The crate is 0.x: what is listed here may still change, and the changelog says how. The lower
//! layers (readers, syntax tree, catalog data) are not part of the API; the crate's own fuzz
//! targets, benchmarks and tests reach them through a hidden, unstable module.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

mod catalog;
pub mod config;
mod contract;
mod diagnostic;
mod document;
mod edits;
pub mod fix;
mod limits;
mod lint_set;
mod linter;
pub mod model;
#[cfg(test)]
mod module_graph;
pub mod policy;
pub mod report;
pub mod rules;
mod source;
mod span;
mod suggest;
mod suppress;
mod syntax;
#[cfg(test)]
mod testing;
mod work;

pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Location, Related, Severity};
pub use diagnostic::{Resolved, ResolvedRelated};
pub use document::{DocId, Document, Embedding, EmbeddingKind, FileOrigin};
pub use limits::Limits;
pub use lint_set::{display_path, FileEntry, FileLoad, InputDiagnostic, LintSet};
pub use linter::{Linter, Report, Reread, Stream, Streamed};
pub use source::{Encoding, Format};
pub use span::{LineCol, LineIndex, Span};
pub use syntax::NodeId;

/// The lower layers, for the crate's own fuzz targets, benchmarks and tests. **Not part of the
/// API**: anything here may change or go in any release, without a note in the changelog.
#[doc(hidden)]
pub mod internals {
    /// Compiled-in domain data: Microsoft apps, extension data keys, Entra claims, login URLs,
    /// the Apple schema subset.
    pub mod catalog {
        pub use crate::catalog::*;
    }
    /// The rule contract: codes, severities, lookups and the selector grammar.
    pub mod contract {
        pub use crate::contract::*;
    }
    /// Builders of style-keeping edits.
    pub mod edits {
        pub use crate::edits::*;
    }
    /// Input sniffing, decoding and CMS unwrapping.
    pub mod source {
        pub use crate::source::*;
    }
    /// Did-you-mean suggestions.
    pub mod suggest {
        pub use crate::suggest::*;
    }
    /// Inline and `[[ignore]]` suppressions.
    pub mod suppress {
        pub use crate::suppress::*;
    }
    /// The span-keeping tree and its XML, JSON and binary plist readers.
    pub mod syntax {
        pub use crate::syntax::*;
    }
    /// The per-thread step counter of the complexity tests.
    pub mod work {
        pub use crate::work::*;
    }
}

/// The README's Rust examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
