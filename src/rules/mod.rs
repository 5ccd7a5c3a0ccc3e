//! The rule engine: rule metadata, the [`Rule`] trait, the context rules read, and the registry
//! mapping stable codes and names to rules.
//!
//! A rule is one small file. It reads the [`Context`] (documents, model, options) and pushes plain
//! [`Diagnostic`](crate::Diagnostic)s; it never renders and never does I/O.

pub mod codes;
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

pub use crate::linter::Findings;
pub use context::Context;
pub(crate) use context::Derived;
pub use registry::{all, by_code, by_name, implementations, resolve_selector, ENGINE_RULES};

use serde::Serialize;

use crate::diagnostic::Severity;

/// What `--fix` can do for a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// No automatic fix.
    None,
    /// Fixes are applied by `--fix` (some cases may still be unsafe; see the rule doc).
    Safe,
    /// Fixes need `--unsafe-fixes`.
    Unsafe,
}

impl FixAvailability {
    /// `safe`, `unsafe` or `none`.
    pub fn name(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
        }
    }
}

/// The rule families of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Family {
    /// PL0xx: reading input.
    Input,
    /// PL1xx: Apple profile structure.
    Profile,
    /// SSO1xx: extension type and identity.
    Identity,
    /// SSO2xx: extension data.
    ExtensionData,
    /// SSO3xx: bundle ids and Office coverage.
    BundleIds,
    /// SSO4xx: the app hosting the extension (Microsoft Authenticator on iOS, Company Portal on macOS).
    Authenticator,
    /// SSO5xx: JIT deployment.
    Deployment,
    /// SSO6xx: Platform SSO (macOS).
    PlatformSso,
    /// PL9xx: suppressions.
    Suppression,
}

/// The public contract of a rule: stable code and name, default severity, fix, summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// Stable code (`SSO202`); never renumbered or reused.
    pub code: &'static str,
    /// Stable kebab-case name (`device-registration-value`).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What `--fix` can do.
    pub fix: FixAvailability,
    /// One line: what it checks.
    pub summary: &'static str,
    /// The family.
    #[serde(skip)]
    pub family: Family,
}

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
    registry::DOCS.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
}
