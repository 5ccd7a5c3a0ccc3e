//! PL1xx: Apple profile structure, checked against the vendored subset of Apple's schema.
//!
//! These rules read plist profiles and payloads only (XML, binary, signed, and the base64 payload
//! of an Intune custom profile), never the Graph JSON around them. [`schema`] finds the dicts the
//! schema describes once per rule; each rule is one file.

pub(super) mod schema;

mod pl101_missing_payload_key;
mod pl102_invalid_payload_uuid;
mod pl103_invalid_payload_version;
mod pl104_duplicate_payload_uuid;
mod pl105_duplicate_payload_identifier;
mod pl106_wrong_value_type;
mod pl107_unknown_payload_key;
mod pl108_value_not_allowed;
mod pl109_unsupported_on_platform;
mod pl110_deprecated_key;
mod pl111_key_requires_other_key;

use super::Rule;

/// The rules of this family, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &pl101_missing_payload_key::MissingPayloadKey,
    &pl102_invalid_payload_uuid::InvalidPayloadUuid,
    &pl103_invalid_payload_version::InvalidPayloadVersion,
    &pl104_duplicate_payload_uuid::DuplicatePayloadUuid,
    &pl105_duplicate_payload_identifier::DuplicatePayloadIdentifier,
    &pl106_wrong_value_type::WrongValueType,
    &pl107_unknown_payload_key::UnknownPayloadKey,
    &pl108_value_not_allowed::ValueNotAllowed,
    &pl109_unsupported_on_platform::UnsupportedOnPlatform,
    &pl110_deprecated_key::DeprecatedKey,
    &pl111_key_requires_other_key::KeyRequiresOtherKey,
];
