//! Reports: diagnostics rendered for people and for machines. Only reports, fixes and the CLI
//! write to the terminal or the file system.

pub mod azure;
pub mod concise;
pub mod escape;
pub mod github;
#[cfg(feature = "cli")]
pub mod human;
pub mod inspect;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint_set::FileEntry;

/// Counts for the summary line and the JSON `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files given (not embedded payloads).
    pub files: usize,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// Info diagnostics.
    pub infos: usize,
    /// Diagnostics fixed by `--fix` in this run.
    pub fixed: usize,
}

impl Summary {
    /// Counts `diagnostics` over `files`.
    pub fn new(files: &[FileEntry], diagnostics: &[Diagnostic], fixed: usize) -> Self {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            files: files.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            fixed,
        }
    }
}

/// `1 error`, `2 warnings`…
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
