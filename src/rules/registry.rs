//! The registry: stable codes and names to rule implementations and docs.

pub use crate::contract::lookup::{all, by_code, by_name, engine_rules, resolve_selector};

use super::Rule;

/// Every rule implementation, in code order.
pub fn implementations() -> impl Iterator<Item = &'static dyn Rule> {
    [
        super::input::RULES,
        super::profile::RULES,
        super::identity::RULES,
        super::extension_data::RULES,
        super::bundle_ids::RULES,
        super::authenticator::RULES,
        super::deployment::RULES,
        super::platform_sso::RULES,
    ]
    .into_iter()
    .flat_map(|rules| rules.iter().copied())
}
