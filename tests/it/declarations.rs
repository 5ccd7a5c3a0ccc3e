//! Declarative device management (DDM) declarations as input: recognition (JSON files, arrays,
//! `com.apple.declarations` profile payloads), the Extensible SSO declaration read as an SSO
//! payload (composed identifier split with spans, Platform SSO groups), and fixes that edit only
//! their part of `ExtensionComposedIdentifier`.

use std::path::{Path, PathBuf};

use profilelint::config::Config;
use profilelint::model::{self, DeclarationKind, ModelOptions, Origin, Platform, PssoPlace};
use profilelint::EmbeddingKind;
use profilelint::{Applicability, FileOrigin, Limits, LintSet, Linter};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn set_of(files: &[(&str, Vec<u8>)]) -> LintSet {
    let mut set = LintSet::new(Limits::default());
    for (name, bytes) in files {
        set.add_bytes(*name, bytes, FileOrigin::Named);
    }
    set
}

const MACOS: &str = r#"{
    "Type": "com.apple.configuration.extensible-sso",
    "Identifier": "com.contoso.sso",
    "ServerToken": "1",
    "Payload": {
        "ExtensionComposedIdentifier": "com.microsoft.CompanyPortalMac.ssoextenison (UBF8T346G8)",
        "Type": "Redirect",
        "URLs": ["https://login.microsoftonline.com", "https://login.microsoft.com", "https://sts.windows.net"],
        "PlatformSSO": {
            "AuthenticationMethod": "UserSecureEnclaveKey",
            "RegistrationToken": "{{DEVICEREGISTRATION}}",
            "UseSharedDeviceKeys": true
        }
    }
}
"#;

#[test]
fn a_declaration_is_read_as_such_not_as_an_intune_export() {
    let set = set_of(&[("sso.json", MACOS.as_bytes().to_vec())]);
    assert!(set.input_diagnostics().is_empty());
    let model = model::build(&set, &ModelOptions::default());
    assert!(model.objects.is_empty(), "{:?}", model.objects);
    assert!(model.unrecognized.is_empty());
    assert_eq!(model.declarations.len(), 1);
    let declaration = &model.declarations[0];
    assert_eq!(declaration.kind, DeclarationKind::Configuration);
    assert_eq!(declaration.identifier.as_ref().unwrap().value, "com.contoso.sso");
    assert_eq!(declaration.sso_payload, Some(0));
    let payload = &model.sso_payloads[0];
    assert_eq!(payload.origin, Origin::Declaration);
    assert!(payload.microsoft);
    assert_eq!(payload.platform, Platform::Macos);
    // No PL005 for an explicitly named declaration.
    let report = Linter::new(Config::default()).check(&set);
    assert!(!report.diagnostics().iter().any(|d| d.code() == "PL005"));
}

#[test]
fn the_composed_identifier_is_split_with_a_span_on_each_part() {
    let set = set_of(&[("sso.json", MACOS.as_bytes().to_vec())]);
    let model = model::build(&set, &ModelOptions::default());
    let payload = &model.sso_payloads[0];
    let doc = set.doc(payload.doc).unwrap();
    let id = payload.extension_identifier.as_ref().unwrap();
    let team = payload.team_identifier.as_ref().unwrap();
    assert_eq!(id.value, "com.microsoft.CompanyPortalMac.ssoextenison");
    assert_eq!(team.value, "UBF8T346G8");
    assert_eq!(doc.slice(id.span().unwrap()), Some(id.value.as_str()));
    assert_eq!(doc.slice(team.span().unwrap()), Some("UBF8T346G8"));
    assert_eq!(doc.key_path(id.node), "Payload.ExtensionComposedIdentifier");

    // iOS: the bundle id alone, no team id.
    let ios = MACOS.replace(
        "com.microsoft.CompanyPortalMac.ssoextenison (UBF8T346G8)",
        "com.microsoft.azureauthenticator.ssoextension",
    );
    let set = set_of(&[("ios.json", ios.into_bytes())]);
    let model = model::build(&set, &ModelOptions::default());
    let payload = &model.sso_payloads[0];
    assert_eq!(
        payload.extension_identifier.as_ref().unwrap().value,
        "com.microsoft.azureauthenticator.ssoextension"
    );
    assert!(payload.team_identifier.is_none());

    // With an escape in the string the parts cannot be placed; the fix is then withheld.
    let escaped = MACOS.replace("ssoextenison (", "ssoextenison\\u0020(");
    let set = set_of(&[("escaped.json", escaped.into_bytes())]);
    let report = Linter::new(Config::default()).check(&set);
    let sso101 = report.diagnostics().iter().find(|d| d.code() == "SSO101").unwrap();
    assert!(sso101.fix.is_none(), "{:?}", sso101.fix);
}

#[test]
fn fixes_edit_only_their_part_of_the_composed_identifier() {
    let inputs = vec![profilelint::fix::FixInput {
        path: "sso.json".into(),
        bytes: MACOS.as_bytes().to_vec(),
        origin: FileOrigin::Named,
    }];
    let linter = Linter::new(Config::default());
    let result = profilelint::fix::fix(&inputs, &linter, Applicability::Unsafe);
    assert!(result.failures.is_empty(), "{:?}", result.failures);
    let (_, bytes) = &result.changed[0];
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains(r#""ExtensionComposedIdentifier": "com.microsoft.CompanyPortalMac.ssoextension (UBF8T346G9)","#),
        "{text}"
    );

    // A missing team id is appended.
    let no_team = MACOS.replace(
        "com.microsoft.CompanyPortalMac.ssoextenison (UBF8T346G8)",
        "com.microsoft.CompanyPortalMac.ssoextension",
    );
    let inputs = vec![profilelint::fix::FixInput {
        path: "sso.json".into(),
        bytes: no_team.into_bytes(),
        origin: FileOrigin::Named,
    }];
    let result = profilelint::fix::fix(&inputs, &linter, Applicability::Safe);
    let (_, bytes) = &result.changed[0];
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains(r#""com.microsoft.CompanyPortalMac.ssoextension (UBF8T346G9)""#),
        "{text}"
    );
}

#[test]
fn a_token_at_the_payload_level_is_moved_into_platform_sso() {
    let misplaced = MACOS
        .replace("ssoextenison (UBF8T346G8)", "ssoextension (UBF8T346G9)")
        .replace("            \"RegistrationToken\": \"{{DEVICEREGISTRATION}}\",\n", "")
        .replace(
            "        \"Type\": \"Redirect\",\n",
            "        \"Type\": \"Redirect\",\n        \"RegistrationToken\": \"{{DEVICEREGISTRATION}}\",\n",
        );
    let set = set_of(&[("sso.json", misplaced.clone().into_bytes())]);
    let model = model::build(&set, &ModelOptions::default());
    let (_, place) = model.sso_payloads[0]
        .psso
        .as_ref()
        .unwrap()
        .registration_token
        .as_ref()
        .unwrap();
    assert_eq!(*place, PssoPlace::Payload);
    // Company Portal is out of this test's scope (SSO404 would note it is unverified).
    let config = || Config::from_toml_str("[sso]\ncompany-portal = \"deployed-elsewhere\"\n", None).unwrap();
    let report = Linter::new(config()).check(&set);
    let codes: Vec<&str> = report.diagnostics().iter().map(|d| d.code()).collect();
    // SSO601 reports it; PL107 leaves it to SSO601.
    assert_eq!(codes, ["SSO601"], "{:#?}", report.diagnostics());

    let inputs = vec![profilelint::fix::FixInput {
        path: "sso.json".into(),
        bytes: misplaced.into_bytes(),
        origin: FileOrigin::Named,
    }];
    let result = profilelint::fix::fix(&inputs, &Linter::new(config()), Applicability::Unsafe);
    assert!(result.failures.is_empty(), "{:?}", result.failures);
    let text = String::from_utf8(result.changed[0].1.clone()).unwrap();
    let set = set_of(&[("sso.json", text.clone().into_bytes())]);
    let report = Linter::new(config()).check(&set);
    assert!(report.diagnostics().is_empty(), "{text}\n{:#?}", report.diagnostics());
}

#[test]
fn platform_sso_groups_map_onto_the_model() {
    let set = set_of(&[(
        "platform-sso.json",
        read("PL107/pass_declaration_examples/platform-sso.json"),
    )]);
    let model = model::build(&set, &ModelOptions::default());
    let psso = model.sso_payloads[0].psso.as_ref().unwrap();
    let value = |s: &Option<model::Spanned<String>>| s.as_ref().map(|s| s.value.clone());
    let flag = |s: &Option<model::Spanned<bool>>| s.as_ref().map(|s| s.value);
    assert_eq!(psso.registration_token.as_ref().unwrap().1, PssoPlace::PlatformSso);
    assert_eq!(value(&psso.method).as_deref(), Some("Password"));
    assert!(psso.legacy_method.is_none());
    assert_eq!(flag(&psso.use_shared_device_keys), Some(true));
    assert_eq!(value(&psso.account_display_name).as_deref(), Some("Contoso"));
    assert_eq!(value(&psso.account_name).as_deref(), Some("preferred_username"));
    assert_eq!(value(&psso.full_name).as_deref(), Some("name"));
    assert_eq!(flag(&psso.enable_create_user_at_login), Some(true));
    assert_eq!(flag(&psso.enable_create_first_user_during_setup), Some(false));
    assert_eq!(flag(&psso.enable_registration_during_setup), Some(true));
    assert_eq!(flag(&psso.enable_authorization), Some(true));
    assert_eq!(value(&psso.user_authorization_mode).as_deref(), Some("Groups"));
    assert_eq!(value(&psso.new_user_authorization_mode).as_deref(), Some("Standard"));
    let policies: Vec<&str> = psso.policies.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(policies, ["FileVault", "Login", "Unlock"]);
}

#[test]
fn declarations_in_a_profile_payload_are_embedded_documents() {
    let set = set_of(&[(
        "ddm.mobileconfig",
        read("SSO504/fail_declarations_profile.mobileconfig"),
    )]);
    assert!(set.input_diagnostics().is_empty(), "{:#?}", set.input_diagnostics());
    let embedded: Vec<_> = set.documents().iter().filter_map(|d| d.embedding()).collect();
    assert_eq!(embedded.len(), 2);
    assert!(embedded.iter().all(|e| e.kind == EmbeddingKind::Declaration));
    let model = model::build(&set, &ModelOptions::default());
    assert_eq!(model.declarations.len(), 2);
    assert_eq!(model.declarations[0].kind, DeclarationKind::Activation);
    assert_eq!(model.sso_payloads.len(), 1);
    assert_eq!(model.sso_payloads[0].origin, Origin::Declaration);
    assert!(model.unrecognized.is_empty(), "{:?}", model.unrecognized);

    // Such a profile is installed by hand, never by an MDM: no Intune variable is substituted.
    assert_eq!(model.sso_payloads[0].mdm, model::Mdm::Other);
    assert_eq!(model.sso_payloads[0].mdm_source, model::MdmSource::ManualInstall);
    let report = Linter::new(Config::default()).check(&set);
    let codes: Vec<&str> = report.diagnostics().iter().map(|d| d.code()).collect();
    assert!(codes.contains(&"SSO209"), "{codes:?}");
    assert!(!codes.contains(&"SSO601"), "{codes:?}");
    // A declaration file follows `[sso] mdm` (Intune by default).
    let set = set_of(&[("sso.json", MACOS.as_bytes().to_vec())]);
    let model = model::build(&set, &ModelOptions::default());
    assert_eq!(model.sso_payloads[0].mdm, model::Mdm::Intune);

    // An item that is not JSON is reported on the item, never skipped.
    let text = String::from_utf8(read("SSO504/fail_declarations_profile.mobileconfig")).unwrap();
    let start = text.find("<data>").unwrap();
    let end = text.find("</data>").unwrap();
    let broken = format!("{}<data>bm90IGpzb24={}", &text[..start], &text[end..]);
    let set = set_of(&[("ddm.mobileconfig", broken.into_bytes())]);
    let report = Linter::new(Config::default()).check(&set);
    let pl005 = report.diagnostics().iter().find(|d| d.code() == "PL005").unwrap();
    assert_eq!(pl005.key_path(), Some("PayloadContent[0].Declarations[0]"));

    // So is JSON that is no declaration (`{"a": 1}`).
    let other = format!("{}<data>eyJhIjogMX0={}", &text[..start], &text[end..]);
    let set = set_of(&[("ddm.mobileconfig", other.into_bytes())]);
    let report = Linter::new(Config::default()).check(&set);
    let pl005: Vec<_> = report.diagnostics().iter().filter(|d| d.code() == "PL005").collect();
    assert_eq!(pl005.len(), 1, "{:#?}", report.diagnostics());
    assert_eq!(pl005[0].key_path(), Some("PayloadContent[0].Declarations[0]"));
}

#[test]
fn an_array_of_declarations_is_read() {
    let set = set_of(&[("list.json", read("PL005/pass_declaration_array.json"))]);
    let model = model::build(&set, &ModelOptions::default());
    assert_eq!(model.declarations.len(), 2);
    assert!(model.objects.is_empty());
    let legacy = &model.declarations[1];
    assert_eq!(
        legacy.profile_url.as_ref().unwrap().value,
        "https://mdm.contoso.com/p.mobileconfig"
    );
    assert_eq!(
        model.declarations[0]
            .standard_configurations
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>(),
        ["com.contoso.legacy"]
    );
}

#[test]
fn inspect_shows_declarations_with_their_activation_status() {
    let set = set_of(&[
        ("activation.json", read("SSO504/pass_activated/activation.json")),
        ("legacy.json", read("SSO504/pass_activated/legacy.json")),
        ("sso.json", read("SSO504/pass_activated/sso.json")),
        ("other.json", MACOS.as_bytes().to_vec()),
    ]);
    let model = model::build(&set, &ModelOptions::default());
    let json: serde_json::Value =
        serde_json::from_str(&profilelint::report::inspect::Inspection::new(&set, &model).to_json()).unwrap();
    let declarations = json["declarations"].as_array().unwrap();
    let find = |id: &str| declarations.iter().find(|d| d["identifier"] == id).unwrap().clone();
    assert_eq!(find("com.contoso.activation")["kind"], "activation");
    assert_eq!(find("com.contoso.legacy")["activation"], "activated");
    assert_eq!(
        find("com.contoso.legacy")["profile_url"],
        "https://mdm.contoso.com/profiles/wifi.mobileconfig"
    );
    assert_eq!(find("com.contoso.sso")["activated_by"][0], "com.contoso.activation");
    // `other.json` uses the same identifier, so it counts as activated too; a set without any
    // activation says so instead of guessing.
    let set = set_of(&[("sso.json", MACOS.as_bytes().to_vec())]);
    let model = model::build(&set, &ModelOptions::default());
    let json: serde_json::Value =
        serde_json::from_str(&profilelint::report::inspect::Inspection::new(&set, &model).to_json()).unwrap();
    assert_eq!(json["declarations"][0]["activation"], "no-activation-in-set");
    assert_eq!(json["sso_payloads"][0]["origin"], "declaration");
}

#[test]
fn policies_select_declarations_by_source() {
    let toml = r#"
[[policy]]
code = "CONTOSO001"
name = "no-user-creation-in-declarations"
message = "Platform SSO token in a declaration"
key = "PlatformSSO.RegistrationToken"
forbidden = true
where = { source = "declaration" }
"#;
    let config = Config::from_toml_str(toml, None).unwrap();
    let set = set_of(&[
        ("sso.json", MACOS.as_bytes().to_vec()),
        (
            "profile.mobileconfig",
            read("SSO601/fail_inside_platformsso.mobileconfig"),
        ),
    ]);
    let report = Linter::new(config).check(&set);
    let hits: Vec<&str> = report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "CONTOSO001")
        .map(|d| d.path())
        .collect();
    assert_eq!(hits, ["sso.json"], "{:#?}", report.diagnostics());
}

#[test]
fn correct_microsoft_declarations_have_no_findings() {
    // macOS Platform SSO and iOS, as Microsoft documents them, in declaration form.
    for fixture in [
        "SSO601/pass_declaration_token_inside.json",
        "SSO201/pass_declaration_ios.json",
    ] {
        let set = set_of(&[("d.json", read(fixture))]);
        let report = Linter::new(Config::default()).check(&set);
        let findings: Vec<_> = report.diagnostics().iter().filter(|d| d.code() != "SSO404").collect();
        assert!(findings.is_empty(), "{fixture}: {findings:#?}");
    }
}

#[test]
fn an_ios_declaration_with_a_team_id_part_is_rewritten_to_the_bundle_id() {
    let inputs = vec![profilelint::fix::FixInput {
        path: "ios.json".into(),
        bytes: read("SSO101/fail_declaration_ios_with_team.json"),
        origin: FileOrigin::Named,
    }];
    let result = profilelint::fix::fix(&inputs, &Linter::new(Config::default()), Applicability::Unsafe);
    assert!(result.failures.is_empty(), "{:?}", result.failures);
    let text = String::from_utf8(result.changed[0].1.clone()).unwrap();
    assert!(
        text.contains(r#""ExtensionComposedIdentifier": "com.microsoft.azureauthenticator.ssoextension","#),
        "{text}"
    );
}
