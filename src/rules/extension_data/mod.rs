//! SSO2xx: ExtensionData required keys, values and types of Microsoft SSO payloads.

mod sso201_missing_device_registration;
mod sso202_device_registration_value;
mod sso203_browser_sso_interaction;
mod sso204_extension_data_type;
mod sso205_unknown_extension_data_key;
mod sso206_surrounding_whitespace;
mod sso207_debug_mode_enabled;
mod sso208_extension_data_misplaced;
mod sso209_intune_variable_outside_intune;
pub(in crate::rules) mod support;

use super::Rule;

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &sso201_missing_device_registration::MissingDeviceRegistration,
    &sso202_device_registration_value::DeviceRegistrationValue,
    &sso203_browser_sso_interaction::BrowserSsoInteraction,
    &sso204_extension_data_type::ExtensionDataType,
    &sso205_unknown_extension_data_key::UnknownExtensionDataKey,
    &sso206_surrounding_whitespace::SurroundingWhitespace,
    &sso207_debug_mode_enabled::DebugModeEnabled,
    &sso208_extension_data_misplaced::ExtensionDataMisplaced,
    &sso209_intune_variable_outside_intune::IntuneVariableOutsideIntune,
];
