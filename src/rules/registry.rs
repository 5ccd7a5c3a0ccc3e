//! The registry: stable codes and names to rule implementations and docs.

pub use crate::contract::lookup::{all, by_code, by_name, engine_rules, resolve_selector};

use super::Rule;

/// Generates [`implementations`] from the catalog's `Checked(…)` entries.
macro_rules! declare_implementations {
    ($(
        $code:ident, $name:literal, $severity:ident, $fix:ident,
        $kind:ident $(($($implementation:ident)::+))?, $summary:literal;
    )*) => {
        /// Every rule implementation, in catalog order.
        pub fn implementations() -> impl Iterator<Item = &'static dyn Rule> {
            static IMPLEMENTATIONS: &[&dyn Rule] = &[$($(&super::$($implementation)::+,)?)*];
            IMPLEMENTATIONS.iter().copied()
        }
    };
}

crate::contract::codes::rule_table!(declare_implementations);
