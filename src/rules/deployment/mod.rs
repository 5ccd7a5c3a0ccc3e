//! SSO5xx: JIT deployment (Intune exports).

mod sso501_sso_profile_unassigned;
mod sso502_enrollment_authentication;
mod sso503_psso_enrollment_setup;
mod sso504_declaration_not_activated;

use super::Rule;

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &sso501_sso_profile_unassigned::SsoProfileUnassigned,
    &sso502_enrollment_authentication::EnrollmentAuthentication,
    &sso503_psso_enrollment_setup::PssoEnrollmentSetup,
    &sso504_declaration_not_activated::DeclarationNotActivated,
];
