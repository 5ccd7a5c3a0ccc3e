//! SSO5xx: JIT deployment (Intune exports).

pub(super) mod sso501_sso_profile_unassigned;
pub(super) mod sso502_enrollment_authentication;
pub(super) mod sso503_psso_enrollment_setup;
pub(super) mod sso504_declaration_not_activated;
