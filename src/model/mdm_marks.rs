//! Whether a plain profile's SSO payload bears the marks of an MDM other than Intune, so that
//! `[sso] mdm` left unset does not make Intune's variables required of a Jamf or Fleet profile.
//!
//! Only marks that Intune never writes count: Jamf Pro writes `PayloadOrganization`
//! `JAMF Software` into every payload it generates; Fleet's profiles use `com.fleetdm.`
//! identifiers and `$FLEET_VAR_…` variables; Jamf Pro's payload variables (`$EMAIL`,
//! `$SERIALNUMBER`, …) are substituted by Jamf only. Intune's own variables are `{{…}}`.

use crate::syntax::{NodeId, Tree};

/// The identifier prefix of Fleet's profiles.
const FLEET_PREFIX: &str = "com.fleetdm.";

/// Jamf Pro's payload variables (Jamf Pro documentation, "Payload Variables for Configuration
/// Profiles"), as whole `$NAME` tokens.
const JAMF_VARIABLES: &[&str] = &[
    "EMAIL",
    "FULLNAME",
    "REALNAME",
    "USERNAME",
    "SERIALNUMBER",
    "UDID",
    "DEVICENAME",
    "COMPUTERNAME",
    "JSSID",
    "PROFILEJSSID",
    "SITENAME",
    "SITEID",
    "MACADDRESS",
];

/// Whether the SSO payload `payload` of `tree`, or the profile dict holding it (`root`), bears
/// another MDM's marks. Reads the two dicts' identity keys and the payload's strings, so the
/// work is the payload's size.
pub(crate) fn other_mdm_marks(tree: &Tree, root: Option<NodeId>, payload: NodeId) -> bool {
    let identity_marks = |dict: NodeId| {
        tree.str_key(dict, "PayloadOrganization")
            .is_some_and(|o| o.trim().eq_ignore_ascii_case("JAMF Software"))
            || tree
                .str_key(dict, "PayloadIdentifier")
                .and_then(|id| id.trim_start().get(..FLEET_PREFIX.len()))
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case(FLEET_PREFIX))
    };
    if identity_marks(payload) || root.is_some_and(identity_marks) {
        return true;
    }
    tree.strings_under(payload).any(|(_, s)| {
        crate::work::add(1);
        has_other_mdm_variable(s)
    })
}

/// Whether `text` holds `$FLEET_VAR_…` or a whole Jamf Pro variable (`$EMAIL`, not `$EMAILS`).
fn has_other_mdm_variable(text: &str) -> bool {
    text.match_indices('$').any(|(at, _)| {
        let rest = text.get(at + 1..).unwrap_or_default();
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
            .count();
        let name = rest.get(..name_len).unwrap_or_default();
        name.starts_with("FLEET_VAR_") || JAMF_VARIABLES.contains(&name)
    })
}

#[cfg(test)]
mod tests {
    use super::has_other_mdm_variable;

    #[test]
    fn other_mdm_variables_are_whole_tokens() {
        assert!(has_other_mdm_variable("$EMAIL"));
        assert!(has_other_mdm_variable("user=$USERNAME;"));
        assert!(has_other_mdm_variable("$FLEET_VAR_HOST_END_USER_EMAIL_IDP"));
        assert!(!has_other_mdm_variable("$EMAILS"));
        assert!(!has_other_mdm_variable("${uuid_0}"));
        assert!(!has_other_mdm_variable("{{DEVICEREGISTRATION}}"));
        assert!(!has_other_mdm_variable("costs $5"));
        assert!(!has_other_mdm_variable("$"));
    }
}
