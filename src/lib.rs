//! # profilelint
//!
//! Lints Apple configuration profiles (`.mobileconfig`: XML, binary or CMS-signed) and Microsoft
//! Intune Graph exports for the Microsoft Enterprise SSO plug-in, so that Just-in-Time
//! registration of iOS/iPadOS devices works the first time.
//!
//! The flow runs in one direction:
//! bytes → [`source`] (sniff, decode, unwrap) → [`syntax`] (one span-keeping tree) →
//! [`model`] (typed views) → [`rules`] → [`Diagnostic`]s → reports and fixes.
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

pub mod catalog;
pub mod config;
pub mod contract;
pub mod edits;
pub mod fix;
pub mod limits;
#[cfg(test)]
mod module_graph;
pub mod source;
pub mod span;
pub mod suggest;
pub mod syntax;
#[cfg(test)]
mod testing;
pub mod work;

pub use limits::Limits;
pub use span::{LineCol, LineIndex, Span};
pub mod diagnostic;
pub mod document;
pub mod lint_set;
pub mod linter;
pub mod model;
pub mod policy;
pub mod report;
pub mod rules;
pub mod suppress;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use document::{DocId, Document, FileOrigin};
pub use lint_set::LintSet;
pub use linter::{Linter, Report};
