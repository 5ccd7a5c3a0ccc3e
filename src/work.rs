//! A count of the steps taken by the parts of the linter whose cost could grow faster than their
//! input (cross-file rules, fixing, suppressions, style lookups), for complexity tests.
//!
//! Tests read it before and after linting an input of two sizes and check that the count grows
//! in proportion, which a timed test on a shared machine cannot show reliably. The count is kept
//! per thread, so tests running side by side do not disturb each other; work done on other
//! threads (`Linter::check_parallel`) is not counted. Counting is one thread-local addition per
//! step and has no effect on results.
//!
//! ```
//! profilelint::internals::work::reset();
//! let mut set = profilelint::LintSet::new(profilelint::Limits::default());
//! set.add_bytes("a.json", br#"{"a": 1}"#, profilelint::FileOrigin::Named);
//! let _ = profilelint::Linter::new(profilelint::config::Config::default()).check(&set);
//! let steps = profilelint::internals::work::count();
//! assert!(steps < 1_000);
//! ```

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Adds `n` steps to this thread's count.
#[inline]
pub(crate) fn add(n: u64) {
    STEPS.with(|s| s.set(s.get().saturating_add(n)));
}

/// Adds `n` steps, given as a `usize`.
#[inline]
pub(crate) fn add_usize(n: usize) {
    add(u64::try_from(n).unwrap_or(u64::MAX));
}

/// Sets this thread's count to zero.
pub fn reset() {
    STEPS.with(|s| s.set(0));
}

/// The steps counted on this thread since the last [`reset`].
pub fn count() -> u64 {
    STEPS.with(Cell::get)
}
