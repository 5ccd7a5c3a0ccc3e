//! SSO2xx: ExtensionData required keys, values and types of Microsoft SSO payloads.

pub(super) mod sso201_missing_device_registration;
pub(super) mod sso202_device_registration_value;
pub(super) mod sso203_browser_sso_interaction;
pub(super) mod sso204_extension_data_type;
pub(super) mod sso205_unknown_extension_data_key;
pub(super) mod sso206_surrounding_whitespace;
pub(super) mod sso207_debug_mode_enabled;
pub(super) mod sso208_extension_data_misplaced;
pub(super) mod sso209_intune_variable_outside_intune;
pub(in crate::rules) mod support;
