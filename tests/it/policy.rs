//! Organization policies (`[[policy]]`): every input kind, every condition and filter, the
//! engine's handling of their findings (severities, selection, suppressions, SARIF), config
//! errors, and inputs or patterns that try to make a run slow.

use base64::Engine as _;
use profilelint::config::Config;
use profilelint::policy::{Filter, KeyPath, Pattern, Policy, PolicyError, SourceKind};
use profilelint::{report, Diagnostic, FileOrigin, Limits, LintSet, Linter, Severity};

const SSO_PAYLOAD: &str = r#"		<dict>
			<key>ExtensionData</key>
			<dict>
				<key>admin_debug_mode_enabled</key>
				<true/>
				<key>AppPrefixAllowList</key>
				<string>com.contoso.,com.fabrikam.</string>
			</dict>
			<key>ExtensionIdentifier</key>
			<string>com.microsoft.CompanyPortalMac.ssoextension</string>
			<key>PayloadIdentifier</key>
			<string>com.fabrikam.sso.payload</string>
			<key>PayloadType</key>
			<string>com.apple.extensiblesso</string>
			<key>PayloadUUID</key>
			<string>6F2C1F62-2B4B-4E0E-9B1A-2F6E3C1D0A11</string>
			<key>PayloadVersion</key>
			<integer>1</integer>
			<key>PlatformSSO</key>
			<dict>
				<key>AuthenticationMethod</key>
				<string>Password</string>
			</dict>
			<key>TeamIdentifier</key>
			<string>UBF8T346G9</string>
			<key>Type</key>
			<string>Redirect</string>
			<key>URLs</key>
			<array>
				<string>https://login.microsoftonline.com</string>
				<string>https://sso.evil.example</string>
			</array>
		</dict>
"#;

/// A profile with the given top-level identifier holding `payloads`.
fn profile(identifier: &str, payloads: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
{payloads}	</array>
	<key>PayloadDisplayName</key>
	<string>SSO</string>
	<key>PayloadIdentifier</key>
	<string>{identifier}</string>
	<key>PayloadType</key>
	<string>Configuration</string>
	<key>PayloadUUID</key>
	<string>0B7C4C5E-8E1E-4D5C-9C7A-6C1E2F3A4B5C</string>
	<key>PayloadVersion</key>
	<integer>1</integer>
</dict>
</plist>
"#
    )
}

const DEVICE_FEATURES: &str = r##"{
  "@odata.type": "#microsoft.graph.macOSDeviceFeaturesConfiguration",
  "id": "5e4c7a1b-0000-4000-8000-00000000d001",
  "displayName": "macOS SSO production",
  "description": "Enterprise SSO",
  "macOSSingleSignOnExtension": {
    "@odata.type": "#microsoft.graph.macOSRedirectSingleSignOnExtension",
    "extensionIdentifier": "com.microsoft.CompanyPortalMac.ssoextension",
    "teamIdentifier": "UBF8T346G9",
    "urlPrefixes": ["https://login.microsoftonline.com", "https://sso.evil.example"],
    "configurations": [
      { "@odata.type": "#microsoft.graph.keyBooleanValuePair", "key": "admin_debug_mode_enabled", "value": true },
      { "@odata.type": "#microsoft.graph.keyStringValuePair", "key": "AppPrefixAllowList", "value": "com.contoso.,com.fabrikam." }
    ]
  },
  "assignments": [
    { "target": { "@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "11111111-0000-4000-8000-000000000001" } },
    { "target": { "@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "99999999-0000-4000-8000-000000000009" } }
  ]
}
"##;

fn settings_catalog() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/model/intune/settings-catalog/ios-sso.json"
    ))
    .unwrap()
}

/// An Intune custom profile whose base64 payload is `profile`.
fn custom_profile(profile: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(profile);
    format!(
        r##"{{
  "@odata.type": "#microsoft.graph.macOSCustomConfiguration",
  "id": "5e4c7a1b-0000-4000-8000-00000000c001",
  "displayName": "macOS - SSO (custom)",
  "payloadName": "sso",
  "payloadFileName": "sso.mobileconfig",
  "payload": "{payload}"
}}
"##
    )
}

/// A config with one policy whose body is `body` (code CONTOSO001, name test-policy).
fn one_policy(body: &str) -> String {
    format!(
        "[[policy]]\ncode = \"CONTOSO001\"\nname = \"test-policy\"\nseverity = \"error\"\nmessage = \"the policy holds\"\n{body}\n"
    )
}

fn lint(config: &str, files: &[(&str, &[u8])]) -> Vec<Diagnostic> {
    let config = Config::from_toml_str(config, None).unwrap();
    lint_with(config, files)
}

fn lint_with(config: Config, files: &[(&str, &[u8])]) -> Vec<Diagnostic> {
    let mut set = LintSet::new(Limits::default());
    for (name, bytes) in files {
        set.add_bytes(*name, bytes, FileOrigin::Named);
    }
    Linter::new(config).check(&set).into_diagnostics()
}

/// The policy findings as (path, key path, the text the span covers, label).
fn found(diagnostics: &[Diagnostic], code: &str) -> Vec<(String, String, String, String)> {
    diagnostics
        .iter()
        .filter(|d| d.code() == code)
        .map(|d| {
            let text = d
                .resolved
                .as_ref()
                .and_then(|r| Some(r.text.as_deref()?.get(d.span()?.start..d.span()?.end)?.to_owned()))
                .unwrap_or_default();
            (
                d.path().to_owned(),
                d.key_path().unwrap_or_default().to_owned(),
                text,
                d.label.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn key_paths(diagnostics: &[Diagnostic], code: &str) -> Vec<String> {
    found(diagnostics, code)
        .into_iter()
        .map(|f| format!("{} {}", f.0, f.1))
        .collect()
}

#[test]
fn plist_identifier_prefix_points_at_the_value() {
    let text = profile("com.contoso.sso", SSO_PAYLOAD);
    let diags = lint(
        &one_policy("key = \"PayloadIdentifier\"\nmatches = '^com\\.contoso\\.'"),
        &[("sso.mobileconfig", text.as_bytes())],
    );
    assert_eq!(
        found(&diags, "CONTOSO001"),
        [(
            "sso.mobileconfig".to_owned(),
            "PayloadContent[0].PayloadIdentifier".to_owned(),
            "<string>com.fabrikam.sso.payload</string>".to_owned(),
            "`com.fabrikam.sso.payload` does not match `^com\\.contoso\\.`".to_owned(),
        )]
    );
    let d = diags.iter().find(|d| d.code() == "CONTOSO001").unwrap();
    assert_eq!(d.name(), "test-policy");
    // The same raw key inside the payload of an Intune custom profile, and a profile whose
    // platform comes from the configuration.
    let custom = custom_profile(&text);
    let diags = lint(
        &format!(
            "platform = \"ios\"\n{}where = {{ platform = \"ios\", source = \"embedded\" }}\n",
            one_policy("key = \"PayloadIdentifier\"\nmatches = '^com\\.contoso\\.sso\\.'")
        ),
        &[
            ("sso.mobileconfig", text.as_bytes()),
            ("custom.json", custom.as_bytes()),
        ],
    );
    // The SSO payload is macOS (it has PlatformSSO); the top level takes the configured iOS.
    assert_eq!(
        key_paths(&diags, "CONTOSO001"),
        ["custom.json payload>PayloadIdentifier"]
    );
    let diags = lint(
        &format!(
            "platform = \"ios\"\n{}where = {{ platform = \"macos\", source = \"embedded\" }}\n",
            one_policy("key = \"PayloadIdentifier\"\nmatches = '^com\\.contoso\\.sso\\.'")
        ),
        &[
            ("sso.mobileconfig", text.as_bytes()),
            ("custom.json", custom.as_bytes()),
        ],
    );
    assert_eq!(
        key_paths(&diags, "CONTOSO001"),
        ["custom.json payload>PayloadContent[0].PayloadIdentifier"]
    );
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.message, "the policy holds");
}

#[test]
fn case_insensitive_matching_uses_the_patterns_own_flag() {
    let text = profile("COM.CONTOSO.sso", "");
    let strict = lint(
        &one_policy("key = \"PayloadIdentifier\"\nmatches = '^com\\.contoso\\.'"),
        &[("a.mobileconfig", text.as_bytes())],
    );
    assert_eq!(found(&strict, "CONTOSO001").len(), 1);
    let folded = lint(
        &one_policy("key = \"PayloadIdentifier\"\nmatches = '(?i)^com\\.contoso\\.'"),
        &[("a.mobileconfig", text.as_bytes())],
    );
    assert_eq!(found(&folded, "CONTOSO001").len(), 0);
}

/// One policy on an SSO field finds the same setting in every input kind.
#[test]
fn forbidden_extension_data_key_in_every_input_kind() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let custom = custom_profile(&plist);
    let catalog = settings_catalog();
    let config = one_policy("key = \"ExtensionData.admin_debug_mode_enabled\"\nforbidden = true");
    let diags = lint(
        &config,
        &[
            ("a/sso.mobileconfig", plist.as_bytes()),
            ("b/device-features.json", DEVICE_FEATURES.as_bytes()),
            ("c/custom.json", custom.as_bytes()),
            ("d/catalog.json", &catalog),
        ],
    );
    let hits = found(&diags, "CONTOSO001");
    assert_eq!(
        hits.iter()
            .map(|h| (h.0.as_str(), h.1.as_str(), h.2.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                "a/sso.mobileconfig",
                "PayloadContent[0].ExtensionData.admin_debug_mode_enabled",
                "<true/>"
            ),
            (
                "b/device-features.json",
                "macOSSingleSignOnExtension.configurations[0].value",
                "true"
            ),
            // Embedded payloads are labelled on the base64 string that holds them.
            (
                "c/custom.json",
                "payload>PayloadContent[0].ExtensionData.admin_debug_mode_enabled",
                &format!("\"{}\"", base64::engine::general_purpose::STANDARD.encode(&plist))
            ),
        ]
    );
    assert!(hits[0].3.contains("is set here (to `true`)"), "{:?}", hits[0].3);
    // The catalog fixture does not set the key: no finding there, but one where it does.
    let catalog_text = String::from_utf8(catalog).unwrap().replace(
        "\"value\": \"disable_explicit_app_prompt\"",
        "\"value\": \"admin_debug_mode_enabled\"",
    );
    let diags = lint(&config, &[("d/catalog.json", catalog_text.as_bytes())]);
    let hits = found(&diags, "CONTOSO001");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].2, "\"1\"");
}

#[test]
fn url_allow_list_in_every_input_kind() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let custom = custom_profile(&plist);
    let catalog = String::from_utf8(settings_catalog())
        .unwrap()
        .replace("https://sts.windows.net", "https://sso.evil.example");
    let config = one_policy(
        "key = \"URLs[]\"\nmatches = '^https://(login\\.microsoftonline\\.com|login\\.microsoft\\.com|sts\\.windows\\.net)$'",
    );
    let diags = lint(
        &config,
        &[
            ("a.mobileconfig", plist.as_bytes()),
            ("b.json", DEVICE_FEATURES.as_bytes()),
            ("c.json", custom.as_bytes()),
            ("d.json", catalog.as_bytes()),
        ],
    );
    let hits = found(&diags, "CONTOSO001");
    assert_eq!(
        hits.iter().map(|h| format!("{} {}", h.0, h.1)).collect::<Vec<_>>(),
        [
            "a.mobileconfig PayloadContent[0].URLs[1]",
            "b.json macOSSingleSignOnExtension.urlPrefixes[1]",
            "c.json payload>PayloadContent[0].URLs[1]",
            "d.json settings[0].settingInstance.groupSettingCollectionValue[0].children[2].simpleSettingCollectionValue[2].value",
        ]
    );
    assert!(hits.iter().all(|h| h.3 == "`https://sso.evil.example` does not match `^https://(login\\.microsoftonline\\.com|login\\.microsoft\\.com|sts\\.windows\\.net)$`"), "{hits:?}");
    assert_eq!(hits[0].2, "<string>https://sso.evil.example</string>");
    assert_eq!(hits[1].2, "\"https://sso.evil.example\"");
}

#[test]
fn bundle_ids_are_every_id_of_every_list() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let catalog = settings_catalog();
    let config = one_policy("key = \"bundle-ids[]\"\nnot-matches = '^com\\.fabrikam\\.'");
    let diags = lint(
        &config,
        &[
            ("a.mobileconfig", plist.as_bytes()),
            ("b.json", DEVICE_FEATURES.as_bytes()),
            ("d.json", &catalog),
        ],
    );
    let hits = found(&diags, "CONTOSO001");
    // The comma list is split: the span covers the one entry.
    assert_eq!(
        hits.iter().map(|h| (h.0.as_str(), h.2.as_str())).collect::<Vec<_>>(),
        [("a.mobileconfig", "com.fabrikam."), ("b.json", "com.fabrikam.")]
    );
    assert_eq!(hits[0].3, "`com.fabrikam.` matches `^com\\.fabrikam\\.`");
    // The catalog's lists are read too, comma lists split and trimmed.
    let config = one_policy("key = \"bundle-ids[]\"\nmatches = '^com\\.contoso\\.a$'");
    let diags = lint(&config, &[("d.json", &catalog)]);
    assert_eq!(
        found(&diags, "CONTOSO001")
            .iter()
            .map(|h| h.2.as_str())
            .collect::<Vec<_>>(),
        ["com.contoso.b", "com.contoso.blocked"]
    );
}

#[test]
fn intune_naming_convention_reads_display_name_and_catalog_name() {
    let catalog = settings_catalog();
    let config =
        one_policy("key = \"displayName\"\nmatches = '^(iOS|macOS) - [A-Za-z ]+ - (Prod|Test) - v\\d+\\.\\d+$'");
    let diags = lint(&config, &[("b.json", DEVICE_FEATURES.as_bytes()), ("d.json", &catalog)]);
    let hits = found(&diags, "CONTOSO001");
    assert_eq!(
        hits.iter().map(|h| (h.1.as_str(), h.2.as_str())).collect::<Vec<_>>(),
        [
            ("displayName", "\"macOS SSO production\""),
            ("name", "\"iOS - Enterprise SSO (Settings Catalog)\"")
        ]
    );
    let good = DEVICE_FEATURES.replace("macOS SSO production", "macOS - PSSO - Prod - v1.2");
    let diags = lint(&config, &[("b.json", good.as_bytes())]);
    assert!(found(&diags, "CONTOSO001").is_empty());
    // An empty description is still present; a required one that is missing is reported on the
    // object.
    let config = one_policy("key = \"description\"\nrequired = true");
    let missing = DEVICE_FEATURES.replace("\"description\": \"Enterprise SSO\",", "");
    let diags = lint(&config, &[("b.json", missing.as_bytes())]);
    let hits = found(&diags, "CONTOSO001");
    assert_eq!(
        hits.iter()
            .map(|h| (h.1.as_str(), h.2.as_str(), h.3.as_str()))
            .collect::<Vec<_>>(),
        [("", "{", "`description` is missing here")]
    );
}

#[test]
fn assignment_groups() {
    let config =
        one_policy("key = \"assignments[].target.groupId\"\nmatches = '^(11111111-0000-4000-8000-000000000001)$'");
    let diags = lint(&config, &[("b.json", DEVICE_FEATURES.as_bytes())]);
    assert_eq!(
        found(&diags, "CONTOSO001")
            .iter()
            .map(|h| (h.1.as_str(), h.2.as_str()))
            .collect::<Vec<_>>(),
        [(
            "assignments[1].target.groupId",
            "\"99999999-0000-4000-8000-000000000009\""
        )]
    );
}

#[test]
fn platform_sso_keys_and_platform_filter() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let config = one_policy(
        "key = \"PlatformSSO.AuthenticationMethod\"\nmatches = '^UserSecureEnclaveKey$'\nwhere = { platform = \"macos\" }",
    );
    let diags = lint(&config, &[("a.mobileconfig", plist.as_bytes())]);
    assert_eq!(
        key_paths(&diags, "CONTOSO001"),
        ["a.mobileconfig PayloadContent[0].PlatformSSO.AuthenticationMethod"]
    );
    // `platform = "ios"` does not take this macOS payload (PlatformSSO makes it macOS).
    let diags = lint(
        &config.replace("\"macos\"", "\"ios\""),
        &[("a.mobileconfig", plist.as_bytes())],
    );
    assert!(found(&diags, "CONTOSO001").is_empty());
}

#[test]
fn platform_sso_keys_of_a_settings_catalog_policy_are_read_by_name() {
    // A PSSOForge-shaped policy: its values are choice ids (`…_authenticationmethod_1`), read as
    // the names a profile would hold.
    let catalog = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/precision/intune-settings-catalog-platform-sso.json"),
    )
    .unwrap();
    let password = String::from_utf8(catalog.clone()).unwrap().replace(
        "platformsso_authenticationmethod_1",
        "platformsso_authenticationmethod_0",
    );
    let config = one_policy("key = \"PlatformSSO.AuthenticationMethod\"\nmatches = '^UserSecureEnclaveKey$'");
    assert!(found(&lint(&config, &[("se.json", &catalog)]), "CONTOSO001").is_empty());
    let hits = found(&lint(&config, &[("password.json", password.as_bytes())]), "CONTOSO001");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].2.contains("platformsso_authenticationmethod_0"), "{hits:?}");
    // Nested and boolean settings too.
    let config = one_policy("key = \"PlatformSSO.TokenToUserMapping.AccountName\"\nnot-matches = '^com\\.apple\\.'");
    assert_eq!(found(&lint(&config, &[("se.json", &catalog)]), "CONTOSO001").len(), 1);
    let config = one_policy("key = \"PlatformSSO.UseSharedDeviceKeys\"\nmatches = '^true$'");
    assert!(found(&lint(&config, &[("se.json", &catalog)]), "CONTOSO001").is_empty());
    let config = one_policy("key = \"PlatformSSO.UseSharedDeviceKeys\"\nmatches = '^false$'");
    assert_eq!(found(&lint(&config, &[("se.json", &catalog)]), "CONTOSO001").len(), 1);
}

#[test]
fn required_is_reported_on_the_dict_that_lacks_the_key() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let config =
        one_policy("key = \"PayloadDescription\"\nrequired = true\nwhere = { payload-type = \"Configuration\" }");
    let diags = lint(&config, &[("a.mobileconfig", plist.as_bytes())]);
    let hits = found(&diags, "CONTOSO001");
    // The profile's top level only (the payload type filter leaves out the SSO payload); the
    // label sits on the opening `<dict>`.
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].2, "<dict>");
    assert_eq!(hits[0].3, "`PayloadDescription` is missing here");
    // Without the filter, each payload dict must have it too.
    let diags = lint(
        &one_policy("key = \"PayloadDescription\"\nrequired = true"),
        &[("a.mobileconfig", plist.as_bytes())],
    );
    assert_eq!(found(&diags, "CONTOSO001").len(), 2);
}

#[test]
fn where_source_and_path_narrow_a_policy() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let custom = custom_profile(&plist);
    let files: &[(&str, &[u8])] = &[
        ("prod/sso.mobileconfig", plist.as_bytes()),
        ("test/sso.mobileconfig", plist.as_bytes()),
        ("intune/df.json", DEVICE_FEATURES.as_bytes()),
        ("intune/custom.json", custom.as_bytes()),
        ("intune/catalog.json", &settings_catalog()),
    ];
    let run = |filter: &str| {
        let diags = lint(
            &one_policy(&format!(
                "key = \"ExtensionIdentifier\"\nforbidden = true\nwhere = {{ {filter} }}"
            )),
            files,
        );
        found(&diags, "CONTOSO001").into_iter().map(|h| h.0).collect::<Vec<_>>()
    };
    assert_eq!(
        run("source = \"profile\""),
        ["prod/sso.mobileconfig", "test/sso.mobileconfig"]
    );
    assert_eq!(run("source = \"embedded\""), ["intune/custom.json"]);
    assert_eq!(run("source = \"settings-catalog\""), ["intune/catalog.json"]);
    // "intune" takes Device Features and Settings Catalog objects (not the embedded payload).
    assert_eq!(run("source = \"intune\""), ["intune/catalog.json", "intune/df.json"]);
    assert_eq!(run("path = \"prod/**\""), ["prod/sso.mobileconfig"]);
    assert_eq!(
        run("path = [\"prod/**\", \"intune/df.json\"], source = [\"profile\", \"intune\"]"),
        ["intune/df.json", "prod/sso.mobileconfig"]
    );
    assert_eq!(
        run("payload-type = \"com.apple.extensiblesso\", platform = \"ios\"").len(),
        1
    );
}

#[test]
fn policies_follow_rule_configuration_and_suppressions() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let files: &[(&str, &[u8])] = &[("a.mobileconfig", plist.as_bytes())];
    let body = "key = \"URLs[]\"\nnot-matches = 'evil'";
    let count = |config: Config| {
        lint_with(config, files)
            .iter()
            .filter(|d| d.code() == "CONTOSO001")
            .map(|d| d.severity)
            .collect::<Vec<_>>()
    };
    let base = || Config::from_toml_str(&one_policy(body), None).unwrap();
    assert_eq!(count(base()), [Severity::Error]);
    // [rules] by code or name.
    let off = Config::from_toml_str(&format!("[rules]\ntest-policy = \"off\"\n{}", one_policy(body)), None).unwrap();
    assert!(count(off).is_empty());
    let info = Config::from_toml_str(&format!("[rules]\nCONTOSO001 = \"info\"\n{}", one_policy(body)), None).unwrap();
    assert_eq!(count(info), [Severity::Info]);
    // --select / --ignore by prefix, as for built-in rules.
    let mut only_policies = base();
    only_policies.select = Some(vec!["CONTOSO".into()]);
    let diags = lint_with(only_policies, files);
    assert!(diags.iter().all(|d| d.code() == "CONTOSO001"), "{diags:?}");
    assert_eq!(diags.len(), 1);
    let mut ignored = base();
    ignored.ignore_rules = vec!["CONTOSO".into()];
    assert!(count(ignored).is_empty());
    let mut select_builtin = base();
    select_builtin.select = Some(vec!["SSO".into()]);
    assert!(count(select_builtin).is_empty());
    // [[ignore]].
    let ignore = Config::from_toml_str(
        &format!(
            "{}\n[[ignore]]\nrules = [\"test-policy\"]\nkey-path = \"PayloadContent[*].URLs\"\nreason = \"known\"\n",
            one_policy(body)
        ),
        None,
    )
    .unwrap();
    assert!(count(ignore).is_empty());
    // Inline suppression on the line before the key.
    let suppressed = plist.replace(
        "\t\t\t<key>URLs</key>",
        "\t\t\t<!-- profilelint: allow(CONTOSO001) reason=\"vendor test tenant\" -->\n\t\t\t<key>URLs</key>",
    );
    let diags = lint(&one_policy(body), &[("a.mobileconfig", suppressed.as_bytes())]);
    assert!(found(&diags, "CONTOSO001").is_empty());
    assert!(diags.iter().all(|d| d.code() != "PL901"), "the suppression was used");
}

#[test]
fn a_config_rule_selector_may_name_a_policy_only_if_it_exists() {
    let err = Config::from_toml_str("[rules]\nCONTOSO001 = \"off\"\n", None).unwrap_err();
    assert!(err.message.contains("unknown rule `CONTOSO001`"), "{}", err.message);
    let err = Config::from_toml_str(
        &format!(
            "[rules]\ntest-polcy = \"off\"\n{}",
            one_policy("key = \"Type\"\nforbidden = true")
        ),
        None,
    )
    .unwrap_err();
    assert!(err.message.contains("did you mean `test-policy`?"), "{}", err.message);
}

#[test]
fn sarif_lists_each_policy_as_a_rule() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let config = Config::from_toml_str(
        &format!(
            "{}help = \"use the allow-listed login hosts\"\n",
            one_policy("key = \"URLs[]\"\nnot-matches = 'evil'")
        ),
        Some(std::path::Path::new("profilelint.toml")),
    )
    .unwrap();
    let mut set = LintSet::new(Limits::default());
    set.add_bytes("a.mobileconfig", plist.as_bytes(), FileOrigin::Named);
    let linter = Linter::new(config);
    let diags = linter.check(&set).into_diagnostics();
    let ran: Vec<_> = profilelint::rules::all().to_vec();
    let policies: Vec<_> = linter.enabled_policies().collect();
    let sarif: serde_json::Value =
        serde_json::from_str(&report::sarif::render_with_policies(&diags, &ran, &policies)).unwrap();
    assert_valid_sarif(&sarif);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules.last().unwrap();
    assert_eq!(rule["id"], "CONTOSO001");
    assert_eq!(rule["name"], "test-policy");
    assert_eq!(rule["shortDescription"]["text"], "the policy holds");
    assert_eq!(rule["help"]["text"], "use the allow-listed login hosts");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert_eq!(rule["properties"]["definedIn"], "profilelint.toml:1");
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CONTOSO001")
        .unwrap();
    assert_eq!(result["ruleIndex"], rules.len() - 1);
    assert_eq!(result["level"], "error");
}

#[test]
fn policies_added_in_code_are_checked() {
    let mut config = Config::default();
    let key = KeyPath::parse("ExtensionIdentifier").unwrap();
    config
        .add_policy(
            Policy::new("ACME100", "extension-id", "only our extension", key.clone())
                .with_matches(Pattern::new("^com\\.acme\\.").unwrap())
                .with_filter(Filter {
                    sources: vec![SourceKind::Profile],
                    ..Filter::default()
                }),
        )
        .unwrap();
    let collides = |p: Policy| p.validate(&config.policies).unwrap_err();
    assert!(matches!(
        collides(Policy::new("PL999", "x", "m", key.clone()).forbidden()),
        PolicyError::Code(m) if m.contains("built-in")
    ));
    assert!(matches!(
        collides(Policy::new("SSO999", "x", "m", key.clone()).forbidden()),
        PolicyError::Code(_)
    ));
    assert!(matches!(
        collides(Policy::new("acme100", "other", "m", key.clone()).forbidden()),
        PolicyError::Code(_)
    ));
    assert!(matches!(
        collides(Policy::new("ACME100", "other", "m", key.clone()).forbidden()),
        PolicyError::Code(m) if m.contains("another policy")
    ));
    assert!(matches!(
        collides(Policy::new("ACME101", "extension-id", "m", key.clone()).forbidden()),
        PolicyError::Name(_)
    ));
    assert!(matches!(
        collides(Policy::new("ACME101", "duplicate-key", "m", key.clone()).forbidden()),
        PolicyError::Name(m) if m.contains("PL004")
    ));
    assert!(matches!(
        collides(Policy::new("ACME101", "fine", "m", key.clone())),
        PolicyError::Condition(_)
    ));
    assert!(matches!(
        collides(Policy::new("ACME101", "fine", "m", key.clone()).required().forbidden()),
        PolicyError::Condition(_)
    ));
    assert!(matches!(
        collides(
            Policy::new("ACME101", "fine", "m", KeyPath::parse("URLs").unwrap())
                .with_matches(Pattern::new("x").unwrap())
        ),
        PolicyError::Key(m) if m.contains("`URLs[]`")
    ));
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let diags = lint_with(config, &[("a.mobileconfig", plist.as_bytes())]);
    assert_eq!(
        key_paths(&diags, "ACME100"),
        ["a.mobileconfig PayloadContent[0].ExtensionIdentifier"]
    );
    assert_eq!(
        diags.iter().find(|d| d.code() == "ACME100").unwrap().severity,
        Severity::Warning
    );
}

/// Config errors name what is wrong and carry the place in the TOML.
#[test]
fn bad_policies_are_config_errors_at_their_line() {
    let err = |body: &str| {
        let text = one_policy(body);
        let e = Config::from_toml_str(&text, Some(std::path::Path::new("profilelint.toml"))).unwrap_err();
        let at = e.at.as_ref().expect("a policy error carries its place");
        (
            e.message.clone(),
            text.get(at.span.start..at.span.end).unwrap_or_default().to_owned(),
        )
    };
    let (m, at) = err("key = \"PayloadIdentifier\"\nmatches = '^com\\.contoso\\.('");
    assert!(
        m.contains("`matches` is not a usable pattern: unclosed group (line 7"),
        "{m}"
    );
    assert_eq!(at, "'^com\\.contoso\\.('");
    let (m, at) = err("key = \"PayloadIdentifier\"\nnot-matches = '\\w{1000}{1000}'");
    assert!(m.contains("exceeds size limit"), "{m}");
    assert_eq!(at, "'\\w{1000}{1000}'");
    // The limit is ours, tighter than the regex crate's default.
    assert!(regex::Regex::new(r"\w{100}").is_ok());
    let (m, _) = err("key = \"PayloadIdentifier\"\nmatches = '\\w{100}'");
    assert!(m.contains("exceeds size limit of 4194304 bytes"), "{m}");
    assert!(Pattern::new(r"^[\w.-]{1,64}$").is_ok(), "a realistic pattern fits");
    let (m, at) = err("key = \"PayloadIdentifier\"\nmatchs = 'x'");
    assert!(
        m.contains("unknown key `matchs`") && m.contains("did you mean `matches`?"),
        "{m}"
    );
    assert_eq!(at, "matchs");
    let (m, at) = err("key = \"URLs\"\nmatches = 'x'");
    assert!(m.contains("names a list or dict"), "{m}");
    assert_eq!(at, "\"URLs\"");
    let (m, at) = err("key = \"URLs[0]\"\nmatches = 'x'");
    assert!(m.contains("indexes are not supported"), "{m}");
    assert_eq!(at, "\"URLs[0]\"");
    let (m, at) = err("key = \"displayName\"\nrequired = true\nwhere = { source = \"profile\" }");
    assert!(
        m.contains("key `displayName` is read from each Intune object, which `where.source` (profile) excludes"),
        "{m}"
    );
    assert_eq!(at, "\"displayName\"");
    let (m, _) = err("key = \"assignments[].target.groupId\"\nrequired = true\nwhere = { payload-type = \"com.apple.extensiblesso\" }");
    assert!(m.contains("no payload type"), "{m}");
    let (m, at) = err("key = \"Type\"\nforbidden = true\nmatches = 'Redirect'");
    assert!(m.contains("`forbidden` reports every value"), "{m}");
    assert_eq!(at, "[[policy]]");
    let (m, at) = err("key = \"PayloadIdentifier\"");
    assert!(m.contains("no condition"), "{m}");
    assert_eq!(at, "[[policy]]");
    let (m, _) = err("key = \"PayloadIdentifier\"\nrequired = true\nwhere = { source = \"intnue\" }");
    assert!(m.contains("did you mean `intune`?"), "{m}");
    let text = one_policy("key = \"Type\"\nforbidden = true").replace("CONTOSO001", "PL950");
    let e = Config::from_toml_str(&text, None).unwrap_err();
    assert!(e.message.contains("prefix of the built-in rules"), "{}", e.message);
    let two = format!(
        "{}{}",
        one_policy("key = \"Type\"\nforbidden = true"),
        one_policy("key = \"Realm\"\nforbidden = true")
    );
    let e = Config::from_toml_str(&two, None).unwrap_err();
    assert!(
        e.message.contains("already used by another policy") && e.message.contains("line 9"),
        "{}",
        e.message
    );
}

/// The regex engine is linear: a pattern that backtracking engines take exponential time on,
/// over many long values, costs one pass per value. Counted by findings, not by the clock.
#[test]
fn a_large_input_is_one_pass_per_value() {
    const URLS: usize = 20_000;
    let mut urls = String::new();
    for i in 0..URLS {
        urls.push_str(&format!(
            "\t\t\t\t<string>https://{}{i}.example/</string>\n",
            "a".repeat(200)
        ));
    }
    let payload = SSO_PAYLOAD.replace(
        "\t\t\t\t<string>https://login.microsoftonline.com</string>\n\t\t\t\t<string>https://sso.evil.example</string>\n",
        &urls,
    );
    let plist = profile("com.contoso.sso", &payload);
    let config = one_policy("key = \"URLs[]\"\nnot-matches = '^https://(a+)+b'");
    let diags = lint(&config, &[("big.mobileconfig", plist.as_bytes())]);
    assert_eq!(found(&diags, "CONTOSO001").len(), 0);
    let config = one_policy("key = \"URLs[]\"\nmatches = '^https://(a|aa)+b'");
    let diags = lint(&config, &[("big.mobileconfig", plist.as_bytes())]);
    assert_eq!(found(&diags, "CONTOSO001").len(), URLS);
}

/// Validates a SARIF log against the vendored official schema (with the known defect of its
/// `language` pattern escaped in memory, as `tests/it/formats.rs` does).
fn assert_valid_sarif(sarif: &serde_json::Value) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-2.1.0-rtm.5.json"
    ))
    .unwrap();
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// The commented example of `profilelint init` is a working policy once uncommented.
#[test]
fn the_starter_config_example_policy_parses() {
    let starter = include_str!("../../src/cli/starter.toml");
    let block: String = starter
        .lines()
        .skip_while(|l| *l != "# [[policy]]")
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .map(|l| format!("{l}\n"))
        .collect();
    let config = Config::from_toml_str(&block, None).unwrap();
    assert_eq!(config.policies.len(), 1, "{block}");
    let plist = profile("com.fabrikam.sso", "");
    let diags = lint_with(config, &[("a.mobileconfig", plist.as_bytes())]);
    assert_eq!(key_paths(&diags, "CONTOSO001"), ["a.mobileconfig PayloadIdentifier"]);
}

/// The README's "Organization policy" examples parse, together, and do what it says.
#[test]
fn the_readme_examples_work() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## Organization policy")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let toml: String = section
        .split("```toml\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .collect();
    let config = Config::from_toml_str(&toml, None).unwrap();
    let codes: Vec<_> = config.policies.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["CONTOSO001", "CONTOSO002", "CONTOSO003", "CONTOSO004"]);
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let diags = lint_with(
        config,
        &[
            ("sso.mobileconfig", plist.as_bytes()),
            ("df.json", DEVICE_FEATURES.as_bytes()),
        ],
    );
    let mut codes: Vec<_> = diags
        .iter()
        .filter(|d| d.code().starts_with("CONTOSO"))
        .map(|d| format!("{} {}", d.code(), d.path()))
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "CONTOSO001 sso.mobileconfig",
            "CONTOSO002 df.json",
            "CONTOSO003 df.json",
            "CONTOSO003 sso.mobileconfig",
            "CONTOSO004 df.json",
            "CONTOSO004 sso.mobileconfig",
        ]
    );
}

/// Both patterns on one value give one finding, the failed `matches` first; `required` goes with
/// patterns.
#[test]
fn one_finding_per_value() {
    let payload = SSO_PAYLOAD.replace(
        "<string>https://login.microsoftonline.com</string>",
        "<string>http://evil.example</string>",
    );
    let plist = profile("com.contoso.sso", &payload);
    let config = one_policy("key = \"URLs[]\"\nrequired = true\nmatches = '^https://'\nnot-matches = 'evil'");
    let diags = lint(&config, &[("a.mobileconfig", plist.as_bytes())]);
    let labels: Vec<_> = found(&diags, "CONTOSO001").into_iter().map(|h| h.3).collect();
    assert_eq!(
        labels,
        [
            "`http://evil.example` does not match `^https://`",
            "`https://sso.evil.example` matches `evil`"
        ]
    );
}

/// `where.path` globs match the path as shown or relative to the config file's folder, as
/// `[[ignore]] path` globs do.
#[test]
fn path_globs_are_relative_to_the_config_folder_too() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let text = one_policy("key = \"Type\"\nforbidden = true\nwhere = { path = \"prod/**\" }");
    let config = Config::from_toml_str(&text, Some(std::path::Path::new("repo/profilelint.toml"))).unwrap();
    let diags = lint_with(
        config,
        &[
            ("repo/prod/a.mobileconfig", plist.as_bytes()),
            ("repo/test/a.mobileconfig", plist.as_bytes()),
            ("prod/b.mobileconfig", plist.as_bytes()),
        ],
    );
    let mut paths: Vec<_> = found(&diags, "CONTOSO001").into_iter().map(|h| h.0).collect();
    paths.sort();
    assert_eq!(paths, ["prod/b.mobileconfig", "repo/prod/a.mobileconfig"]);
}

/// The parallel engine reports the same policy findings.
#[test]
fn check_parallel_runs_policies_too() {
    let plist = profile("com.contoso.sso", SSO_PAYLOAD);
    let config = Config::from_toml_str(&one_policy("key = \"URLs[]\"\nnot-matches = 'evil'"), None).unwrap();
    let mut set = LintSet::new(Limits::default());
    set.add_bytes("a.mobileconfig", plist.as_bytes(), FileOrigin::Named);
    set.add_bytes("b.json", DEVICE_FEATURES.as_bytes(), FileOrigin::Named);
    let linter = Linter::new(config);
    let one = linter.check(&set).into_diagnostics();
    let parallel = linter.check_parallel(&set).into_diagnostics();
    assert_eq!(found(&one, "CONTOSO001").len(), 2);
    assert_eq!(found(&one, "CONTOSO001"), found(&parallel, "CONTOSO001"));
    assert_eq!(one, parallel);
}
