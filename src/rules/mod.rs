//! The rule engine: rule metadata, the [`Rule`] trait, the context rules read, and the registry
//! mapping stable codes and names to rules.
//!
//! A rule is one small file. It reads the [`Context`] (documents, model, options) and pushes plain
//! [`Diagnostic`](crate::Diagnostic)s; it never renders and never does I/O.

mod context;
mod registry;

mod authenticator;
mod bundle_ids;
mod deployment;
mod extension_data;
mod identity;
mod input;
pub(in crate::rules) mod platform_sso;
mod profile;

pub use crate::contract::codes;
pub use crate::contract::{Family, FixAvailability, RuleKind, RuleMeta};
pub use crate::linter::Findings;
pub use context::Context;
pub(crate) use context::Derived;
pub use registry::{all, by_code, by_name, engine_rules, implementations, resolve_selector};

/// A lint rule.
pub trait Rule: Sync + Send {
    /// The rule's contract.
    fn meta(&self) -> &'static RuleMeta;

    /// Looks at the lint set and pushes findings. Diagnostics use the rule's default severity;
    /// the engine applies configuration afterwards.
    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>);
}

/// The documentation URL of a rule.
pub fn doc_url(code: &str) -> String {
    format!("{DOCS_BASE}/{code}.md")
}

/// Where rule docs are published: the `rules/` folder of the repository, whose address is
/// `repository` in Cargo.toml (the one place it is declared).
pub const DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/rules");

/// The Markdown documentation of a rule, compiled in from `rules/<CODE>.md`.
pub fn doc(code: &str) -> Option<&'static str> {
    codes::DOCS.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
}
