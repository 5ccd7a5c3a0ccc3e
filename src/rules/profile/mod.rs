//! PL1xx: Apple profile structure, checked against the vendored subset of Apple's schema.
//!
//! These rules read plist profiles and payloads only (XML, binary, signed, and the base64 payload
//! of an Intune custom profile), never the Graph JSON around them. [`schema`] finds the dicts the
//! schema describes once per rule; each rule is one file.

pub(super) mod schema;

pub(super) mod pl101_missing_payload_key;
pub(super) mod pl102_invalid_payload_uuid;
pub(super) mod pl103_invalid_payload_version;
pub(super) mod pl104_duplicate_payload_uuid;
pub(super) mod pl105_duplicate_payload_identifier;
pub(super) mod pl106_wrong_value_type;
pub(super) mod pl107_unknown_payload_key;
pub(super) mod pl108_value_not_allowed;
pub(super) mod pl109_unsupported_on_platform;
pub(super) mod pl110_deprecated_key;
pub(super) mod pl111_key_requires_other_key;

use pl102_invalid_payload_uuid::template_placeholder;
