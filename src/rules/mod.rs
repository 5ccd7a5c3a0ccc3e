//! The rules: the catalog of every rule's contract (code, name, default severity, fix,
//! summary and documentation), its lookups, and the engine that runs them.
//!
//! The catalog is the public part: [`all`], [`by_code`], [`by_name`], [`resolve_selector`],
//! [`doc`] and the [`codes`] table. Codes and names are stable; a rule is never renumbered.
//!
//! ```
//! let rule = profilelint::rules::by_code("SSO202").unwrap();
//! assert_eq!(rule.name, "device-registration-value");
//! assert_eq!(profilelint::rules::by_name(rule.name), Some(rule));
//! assert!(profilelint::rules::doc("SSO202").is_some_and(|md| md.contains("SSO202")));
//! ```
//!
//! The engine is not part of the API: the linter runs the crate's own rules only. A rule is one
//! small file; it reads the `Context` (documents, model, options) and pushes plain
//! [`Diagnostic`](crate::Diagnostic)s to `Findings`; it never renders and never does I/O.

mod context;
pub(crate) mod findings;
pub(crate) mod policies;
mod registry;
pub(in crate::rules) mod shared;

mod authenticator;
mod bundle_ids;
mod deployment;
mod extension_data;
mod identity;
mod input;
pub(in crate::rules) mod platform_sso;
mod profile;

pub use crate::contract::codes;
pub use crate::contract::lookup::{doc, doc_url, DOCS_BASE};
pub use crate::contract::{FixAvailability, RuleKind, RuleMeta};
#[doc(hidden)]
pub use context::Context;
pub(crate) use context::Derived;
#[doc(hidden)]
pub use findings::Findings;
pub use findings::MAX_FINDINGS_PER_RULE_AND_FILE;
#[doc(hidden)]
pub use registry::implementations;
pub use registry::{all, by_code, by_name, engine_rules, resolve_selector};

/// What a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One file: its documents (the file and the payloads embedded in it) and what the model
    /// reads from them. Such a rule gives the same findings whatever else is linted with it.
    File,
    /// The whole lint set: the rule compares documents, or links objects, assignments and apps
    /// across files. It reads the model's facts, and the trees of the documents it reports.
    Set,
}

/// A lint rule (the engine's; not part of the API).
#[doc(hidden)]
pub trait Rule: Sync + Send {
    /// The rule's contract. Every finding the rule pushes carries this code; in debug builds (the
    /// tests, the fuzz targets) [`Findings::push`] refuses one under another rule's code.
    fn meta(&self) -> &'static RuleMeta;

    /// What the rule reads: one file's documents (the default), or the whole lint set. A rule
    /// that compares documents, follows assignments or looks for apps in other files is
    /// [`Scope::Set`]; the linter runs the others file by file, as each file is read, and lets
    /// go of a file's tree once its file rules have run (see [`crate::Stream`]).
    fn scope(&self) -> Scope {
        Scope::File
    }

    /// Looks at the lint set and pushes findings. Diagnostics use the rule's default severity;
    /// the engine applies configuration afterwards.
    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>);
}
