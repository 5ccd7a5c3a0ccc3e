//! The rule engine: rule metadata, the [`Rule`] trait, the context rules read, and the registry
//! mapping stable codes and names to rules.
//!
//! A rule is one small file. It reads the [`Context`] (documents, model, options) and pushes plain
//! [`Diagnostic`](crate::Diagnostic)s; it never renders and never does I/O.

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
pub use context::Context;
pub(crate) use context::Derived;
pub use findings::Findings;
pub use registry::{all, by_code, by_name, engine_rules, implementations, resolve_selector};

/// A lint rule.
pub trait Rule: Sync + Send {
    /// The rule's contract. Every finding the rule pushes carries this code; in debug builds (the
    /// tests, the fuzz targets) [`Findings::push`] refuses one under another rule's code.
    fn meta(&self) -> &'static RuleMeta;

    /// Looks at the lint set and pushes findings. Diagnostics use the rule's default severity;
    /// the engine applies configuration afterwards.
    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>);
}
