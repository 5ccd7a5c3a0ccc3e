//! The rule contract, a leaf of the module graph: severity, fix availability, kind, the
//! metadata of every rule ([`codes`]) with its lookups ([`lookup`]), and the [`Platform`] a
//! payload targets. Everything else may read it; it reads nothing else of the crate, so input,
//! catalog, model, rules and reports can all name a rule or a platform without depending on the
//! rule engine or the model.

pub mod codes;
pub mod lookup;
pub mod selector;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong.
    Warning,
    /// Breaks enrollment, SSO or the profile.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

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
    /// Who emits its findings.
    #[serde(skip)]
    pub kind: RuleKind,
}

/// Who emits a rule's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// A rule implementation (`rules::Rule`) looks at the lint set.
    Checked,
    /// The engine, while reading input (PL001–PL003, PL006). Always on: a file that cannot be read
    /// is reported even when `--select` leaves the rule out, unless it is turned off by name.
    Engine,
    /// The engine, while applying suppressions (PL901, PL902).
    Suppression,
}

/// The platform a payload targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Platform {
    /// iOS and iPadOS.
    Ios,
    /// macOS.
    Macos,
    /// Could not be inferred.
    Unknown,
}

impl Platform {
    /// `iOS`, `macOS` or `unknown`, for messages.
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Ios => "iOS",
            Platform::Macos => "macOS",
            Platform::Unknown => "unknown",
        }
    }
}
