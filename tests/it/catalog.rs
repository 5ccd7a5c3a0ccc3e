//! The compiled-in catalog data (rules/catalog/*.toml, embedded as rules/catalog/compiled/*.json)
//! through the public API.

use std::collections::{HashMap, HashSet};

use profilelint::internals::catalog::{
    self, apple_schema, extension_data_key, extension_data_keys, login_urls, microsoft_apps, microsoft_extensions,
    Platform, Presence, RangeValue, ValueType,
};
use profilelint::internals::suggest::did_you_mean;

// ---------------------------------------------------------------------------------------------
// The embedded JSON is the TOML source, compiled
// ---------------------------------------------------------------------------------------------

/// The JSON the binary embeds for a TOML table: the same data, minified, keys sorted.
fn compile(toml_text: &str) -> String {
    let value: serde_json::Value = toml::from_str(toml_text).expect("catalog TOML parses");
    serde_json::to_string(&value).unwrap() + "\n"
}

#[test]
fn compiled_json_matches_the_toml_source() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/catalog");
    let bless = std::env::var_os("PROFILELINT_BLESS").is_some();
    let mut stale = Vec::new();
    for table in catalog::TABLES {
        let source = std::fs::read_to_string(root.join(table.file)).unwrap();
        let expected = compile(&source);
        if table.json == expected {
            continue;
        }
        let compiled = root.join("compiled").join(table.file.replace(".toml", ".json"));
        if bless {
            std::fs::write(&compiled, &expected).unwrap();
        } else {
            stale.push(compiled.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "compiled catalog out of date with its TOML source: {}; run `PROFILELINT_BLESS=1 cargo test --test it catalog::` \
         to regenerate, then rebuild",
        stale.join(", ")
    );
}

// ---------------------------------------------------------------------------------------------
// Every table parses and is non-empty
// ---------------------------------------------------------------------------------------------

#[test]
fn every_table_parses_and_is_non_empty() {
    let problems = catalog::self_check();
    assert!(problems.is_empty(), "broken catalog data:\n{}", problems.join("\n"));

    assert!(!microsoft_apps().is_empty());
    assert!(!catalog::apple_apps().is_empty());
    assert!(!extension_data_keys().is_empty());
    let urls = login_urls();
    assert!(!urls.public.is_empty() && !urls.usgov.is_empty());
    assert!(!urls.china.is_empty() && !urls.legacy.is_empty());
    assert!(!microsoft_extensions().ios_extension_id.is_empty());
    assert!(!apple_schema().scopes.is_empty());
    for scope in &apple_schema().scopes {
        assert!(
            !scope.keys.is_empty() || scope.any.is_some(),
            "scope {} has no keys and takes no arbitrary keys",
            scope.name
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Microsoft apps
// ---------------------------------------------------------------------------------------------

const OFFICE_KEYS: [&str; 8] = [
    "outlook",
    "word",
    "excel",
    "powerpoint",
    "onenote",
    "teams",
    "onedrive",
    "m365",
];

const ALL_APP_KEYS: [&str; 26] = [
    "outlook",
    "word",
    "excel",
    "powerpoint",
    "onenote",
    "teams",
    "onedrive",
    "m365",
    "sharepoint",
    "edge",
    "todo",
    "planner",
    "powerbi",
    "lists",
    "stream",
    "visio",
    "whiteboard",
    "lens",
    "shifts",
    "kaizala",
    "skype-for-business",
    "defender",
    "dynamics",
    "bookings",
    "authenticator",
    "company-portal",
];

#[test]
fn every_app_key_exists_once() {
    let keys: Vec<&str> = microsoft_apps().iter().map(|a| a.key.as_str()).collect();
    let unique: HashSet<&str> = keys.iter().copied().collect();
    assert_eq!(unique.len(), keys.len(), "duplicate app key in {keys:?}");
    for key in ALL_APP_KEYS {
        assert!(catalog::microsoft_app(key).is_some(), "missing app {key}");
    }
    assert_eq!(keys.len(), ALL_APP_KEYS.len());
}

#[test]
fn office_set_is_exactly_the_required_apps() {
    for key in OFFICE_KEYS {
        let app = catalog::microsoft_app(key).unwrap();
        assert!(app.office, "{key} must be in the Office set");
        assert!(!app.ios.is_empty(), "{key} needs an iOS bundle id");
        assert!(app.msal);
    }
    let office: Vec<&str> = catalog::office_apps().map(|a| a.key.as_str()).collect();
    assert_eq!(office, OFFICE_KEYS);
}

#[test]
fn authenticator_and_company_portal_flags() {
    let auth = catalog::microsoft_app("authenticator").unwrap();
    assert!(auth.authenticator && !auth.msal && !auth.office);
    assert_eq!(auth.ios, ["com.microsoft.azureauthenticator"]);
    let cp = catalog::microsoft_app("company-portal").unwrap();
    assert!(!cp.authenticator && !cp.msal && !cp.office);
    for app in microsoft_apps() {
        if app.key != "authenticator" {
            assert!(!app.authenticator, "{} flagged as authenticator", app.key);
        }
        if app.key != "authenticator" && app.key != "company-portal" {
            assert!(app.msal, "{} should be an MSAL app", app.key);
        }
    }
}

#[test]
fn intune_lower_case_form_first() {
    for app in microsoft_apps() {
        let Some(first) = app.ios.first() else {
            panic!("{} has no iOS bundle id", app.key)
        };
        if app.key != "company-portal" {
            assert_eq!(first, &first.to_ascii_lowercase(), "{}: Intune form first", app.key);
        }
    }
}

fn is_valid_bundle_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.ends_with('.')
        && !id.contains("..")
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

#[test]
fn bundle_ids_are_valid_and_unique_across_apps() {
    let mut owner: HashMap<String, String> = HashMap::new();
    for app in microsoft_apps() {
        let mut own = HashSet::new();
        for (platform, ids) in [("ios", &app.ios), ("macos", &app.macos)] {
            for id in ids {
                assert!(is_valid_bundle_id(id), "{}: invalid bundle id {id:?}", app.key);
                let lower = id.to_ascii_lowercase();
                // The same id may be listed in Intune and App Store spelling for one platform,
                // but never for both platforms of one app.
                let tagged = (lower.clone(), platform);
                own.insert(tagged);
                if let Some(other) = owner.get(&lower) {
                    assert_eq!(other, &app.key, "{id} listed for {other} and {}", app.key);
                }
                owner.insert(lower, app.key.clone());
            }
        }
        let ios: HashSet<&String> = own.iter().filter(|(_, p)| *p == "ios").map(|(i, _)| i).collect();
        let mac: HashSet<&String> = own.iter().filter(|(_, p)| *p == "macos").map(|(i, _)| i).collect();
        assert!(ios.is_disjoint(&mac), "{}: id on both platforms", app.key);
    }
    for apple in catalog::apple_apps() {
        assert!(is_valid_bundle_id(&apple.bundle_id));
        assert!(!owner.contains_key(&apple.bundle_id.to_ascii_lowercase()));
    }
}

#[test]
fn find_app_by_bundle_id_is_case_insensitive() {
    let (app, platform) = catalog::find_app_by_bundle_id("com.microsoft.Office.Outlook").unwrap();
    assert_eq!((app.key.as_str(), platform), ("outlook", Platform::Ios));
    let (app, platform) = catalog::find_app_by_bundle_id("COM.MICROSOFT.OUTLOOK").unwrap();
    assert_eq!((app.key.as_str(), platform), ("outlook", Platform::Macos));
    let (app, _) = catalog::find_app_by_bundle_id("com.microsoft.officemobile").unwrap();
    assert_eq!(app.key, "m365");
    let (app, platform) = catalog::find_app_by_bundle_id("com.microsoft.companyportalmac").unwrap();
    assert_eq!((app.key.as_str(), platform), ("company-portal", Platform::Macos));
    assert!(catalog::find_app_by_bundle_id("com.microsoft.Office.Outlok").is_none());
    assert!(catalog::find_app_by_bundle_id("").is_none());
}

#[test]
fn apple_apps_have_platforms() {
    let find = |id| catalog::find_apple_app_by_bundle_id(id).unwrap().platform;
    assert_eq!(find("com.apple.mobilesafari"), Platform::Ios);
    assert_eq!(find("com.apple.safariviewservice"), Platform::Ios);
    assert_eq!(find("com.apple.Safari"), Platform::Macos);
    assert_eq!(catalog::apple_apps().len(), 3);
}

// ---------------------------------------------------------------------------------------------
// ExtensionData keys
// ---------------------------------------------------------------------------------------------

#[test]
fn extension_data_keys_match_the_documented_table() {
    let integer_flags = [
        "Enable_SSO_On_All_ManagedApps",
        "browser_sso_interaction_enabled",
        "disable_explicit_app_prompt",
        "disable_explicit_app_prompt_and_autologin",
        "disable_explicit_native_app_prompt",
        "disable_explicit_native_app_prompt_and_autologin",
        "disable_inapp_sso_signin",
        "admin_debug_mode_enabled",
        "browser_sso_disable_mfa",
    ];
    for name in integer_flags {
        let key = extension_data_key(name).unwrap_or_else(|| panic!("missing {name}"));
        assert_eq!(key.types, [ValueType::Integer], "{name}");
        assert_eq!(key.allowed, [0, 1], "{name}");
        assert!(!key.list);
    }
    let lists = [
        "AppAllowList",
        "AppPrefixAllowList",
        "AppBlockList",
        "AppCookieSSOAllowList",
    ];
    for name in lists {
        let key = extension_data_key(name).unwrap();
        assert_eq!(key.types, [ValueType::String], "{name}");
        assert!(key.list, "{name}");
    }
    let reg = extension_data_key("device_registration").unwrap();
    assert_eq!(reg.types, [ValueType::String]);
    assert!(!reg.list && reg.documented);

    let storage = extension_data_key("use_most_secure_storage").unwrap();
    assert_eq!(storage.types, [ValueType::Boolean, ValueType::Integer]);

    // Documented by Microsoft in 2022 and deprecated since: known (not a typo), type not checked.
    assert!(!extension_data_key("browser_sso_disable_mfa").unwrap().documented);
    let tgt = extension_data_key("custom_tgt_setting").unwrap();
    assert_eq!(
        (tgt.types.as_slice(), tgt.allowed.as_slice()),
        ([ValueType::Integer].as_slice(), [0, 1, 2, 3].as_slice())
    );
    let biometric = extension_data_key("enable_se_key_biometric_policy").unwrap();
    assert_eq!(biometric.types, [ValueType::Boolean]);
    assert!(!extension_data_key("sharedDeviceMode").unwrap().documented);
    assert_eq!(
        extension_data_key("sharedDeviceMode").unwrap().types,
        [ValueType::Boolean]
    );

    for name in ["AppCookieSSOAllowList", "disable_inapp_sso_signin"] {
        let key = extension_data_key(name).unwrap();
        assert_eq!(key.platforms, [Platform::Ios], "{name}");
        assert!(!key.applies_to(Platform::Macos));
        assert!(key.applies_to(Platform::Unknown));
    }
    assert_eq!(
        extension_data_key("Enable_SSO_On_All_ManagedApps").unwrap().platforms,
        [Platform::Ios, Platform::Macos]
    );
    // Exact match only.
    assert!(extension_data_key("Device_Registration").is_none());
    // + device_registration, use_most_secure_storage, sharedDeviceMode and the two PSSO keys.
    assert_eq!(extension_data_keys().len(), integer_flags.len() + lists.len() + 5);
}

#[test]
fn extension_data_key_names_are_unique_and_summaries_present() {
    let mut seen = HashSet::new();
    for key in extension_data_keys() {
        assert!(seen.insert(key.name.as_str()), "duplicate {}", key.name);
        assert!(!key.summary.is_empty() && !key.summary.contains('\n'), "{}", key.name);
        assert!(!key.types.is_empty() && !key.platforms.is_empty(), "{}", key.name);
        assert_eq!(key.name.trim(), key.name);
    }
}

#[test]
fn suggestions_over_extension_data_keys() {
    let names = || extension_data_keys().iter().map(|k| k.name.as_str());
    assert_eq!(
        did_you_mean("Enable_SSO_On_All_ManagedApp", names()),
        Some("Enable_SSO_On_All_ManagedApps")
    );
    assert_eq!(
        did_you_mean("Device_Registration", names()),
        Some("device_registration")
    );
    assert_eq!(did_you_mean("zzz", names()), None);
    let payload = apple_schema().scope("extensiblesso").unwrap();
    assert_eq!(
        did_you_mean("ExtensionIdentifer", payload.key_names()),
        Some("ExtensionIdentifier")
    );
}

// ---------------------------------------------------------------------------------------------
// Login URLs and extension identity
// ---------------------------------------------------------------------------------------------

#[test]
fn login_urls_per_cloud() {
    let urls = login_urls();
    assert_eq!(
        urls.public,
        [
            "https://login.microsoftonline.com",
            "https://login.microsoft.com",
            "https://sts.windows.net"
        ]
    );
    assert_eq!(
        urls.usgov,
        [
            "https://login.microsoftonline.us",
            "https://login-us.microsoftonline.com"
        ]
    );
    assert_eq!(
        urls.china,
        [
            "https://login.partner.microsoftonline.cn",
            "https://login.chinacloudapi.cn"
        ]
    );
    assert_eq!(
        urls.legacy,
        [
            "https://login.windows.net",
            "https://login.microsoftonline.de",
            "https://login.usgovcloudapi.net"
        ]
    );
    assert_eq!(urls.current().count(), 7);
    assert_eq!(urls.all().count(), 10);
    assert_eq!(urls.cloud("china"), Some(&urls.china[..]));
    assert_eq!(urls.cloud("mars"), None);
    for url in urls.all() {
        assert!(url.starts_with("https://") && !url.ends_with('/'), "{url}");
    }
}

#[test]
fn microsoft_extension_identity() {
    let ext = microsoft_extensions();
    assert_eq!(ext.ios_extension_id, "com.microsoft.azureauthenticator.ssoextension");
    assert_eq!(ext.macos_extension_id, "com.microsoft.CompanyPortalMac.ssoextension");
    assert_eq!(ext.macos_team_id, "UBF8T346G9");
    assert_eq!(ext.extension_id(Platform::Macos), Some(ext.macos_extension_id.as_str()));
    assert_eq!(ext.extension_id(Platform::Unknown), None);
    assert_eq!(
        ext.platform_of("com.microsoft.azureauthenticator.ssoextension"),
        Some(Platform::Ios)
    );
    assert_eq!(ext.platform_of("com.microsoft.companyportalmac.ssoextension"), None);
    let confusable: Vec<&str> = ext.confusable_team_ids.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(confusable, ["SGGM6D27TK", "9KBH5RKYEW"]);
    assert!(ext.confusable_team_id("SGGM6D27TK").is_some_and(|t| !t.note.is_empty()));
    // The host apps are in the app catalog.
    let (auth, _) = catalog::find_app_by_bundle_id(&ext.ios_host_app).unwrap();
    assert!(auth.authenticator);
    let (cp, platform) = catalog::find_app_by_bundle_id(&ext.macos_host_app).unwrap();
    assert_eq!((cp.key.as_str(), platform), ("company-portal", Platform::Macos));
}

// ---------------------------------------------------------------------------------------------
// Apple schema: specific facts
// ---------------------------------------------------------------------------------------------

#[test]
fn apple_schema_facts() {
    let schema = apple_schema();

    let id = schema.key("extensiblesso", "ExtensionIdentifier").unwrap();
    assert_eq!(id.value_type, ValueType::String);
    assert_eq!(id.presence, Presence::Required);

    let ty = schema.key("extensiblesso", "Type").unwrap();
    assert!(ty.is_required());
    assert_eq!(
        ty.rangelist,
        [
            RangeValue::String("Credential".into()),
            RangeValue::String("Redirect".into())
        ]
    );
    assert!(ty.allows_string("Redirect") && !ty.allows_string("redirect"));

    let team = schema.key("extensiblesso", "TeamIdentifier").unwrap();
    assert_eq!(team.ios, "n/a");
    assert!(!team.supported_on(Platform::Ios));
    assert_eq!(team.introduced(Platform::Macos), Some("10.15"));

    let freq = schema.key("extensiblesso.PlatformSSO", "LoginFrequency").unwrap();
    assert_eq!(freq.value_type, ValueType::Integer);
    assert_eq!(freq.min, Some(3600));
    assert!(!freq.allows_integer(3599) && freq.allows_integer(3600));

    let method = schema.key("extensiblesso", "AuthenticationMethod").unwrap();
    assert_eq!(method.deprecated.as_deref(), Some("14.0"));
    assert_eq!(method.deprecated_on(Platform::Macos), Some("14.0"));
    assert_eq!(method.introduced(Platform::Macos), Some("13.0"));
    assert!(!method.supported_on(Platform::Ios));

    let psso = schema.key("extensiblesso", "PlatformSSO").unwrap();
    assert_eq!(psso.value_type, ValueType::Dictionary);
    assert_eq!(psso.subscope.as_deref(), Some("extensiblesso.PlatformSSO"));
    assert_eq!((psso.ios.as_str(), psso.macos.as_str()), ("n/a", "14.0"));
    assert!(!schema
        .key("extensiblesso", "RegistrationToken")
        .unwrap()
        .supported_on(Platform::Ios));

    let urls = schema.key("extensiblesso", "URLs").unwrap();
    assert_eq!(
        (urls.value_type, urls.element),
        (ValueType::Array, Some(ValueType::String))
    );

    let version = schema.key("payload-common", "PayloadVersion").unwrap();
    assert!(version.allows_integer(1) && !version.allows_integer(2));
    let top_type = schema.key("toplevel", "PayloadType").unwrap();
    assert!(top_type.allows_string("Configuration"));
    let scope = schema.key("toplevel", "PayloadScope").unwrap();
    assert_eq!(scope.macos, "10.8");
    let target = schema.key("toplevel", "TargetDeviceType").unwrap();
    assert!(target.allows_integer(6) && !target.allows_integer(7));

    let screen = schema.key("extensiblesso", "ScreenLockedBehavior").unwrap();
    assert_eq!((screen.ios.as_str(), screen.macos.as_str()), ("15.0", "12.0"));

    // Arbitrary-key scopes.
    assert!(schema
        .scope("extensiblesso.ExtensionData")
        .unwrap()
        .allows_arbitrary_keys());
    assert_eq!(
        schema.scope("toplevel.ConsentText").unwrap().any,
        Some(ValueType::String)
    );

    // "Known key at the wrong level" hints.
    let homes: Vec<&str> = schema
        .scopes_with_key("RegistrationToken")
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(homes, ["extensiblesso", "declaration.extensible-sso.PlatformSSO"]);
    assert!(schema.key("extensiblesso.PlatformSSO", "RegistrationToken").is_none());
}

#[test]
fn newer_apple_release_values_are_known() {
    let schema = apple_schema();
    let psso = |key| schema.key("extensiblesso.PlatformSSO", key).unwrap();
    assert!(psso("AuthenticationMethod").allows_string("OpenID"));
    assert!(psso("NewUserAuthorizationMode").allows_string("Temporary"));
    assert!(!psso("UserAuthorizationMode").allows_string("Temporary"));
    for policy in ["FileVaultPolicy", "LoginPolicy", "UnlockPolicy"] {
        assert!(psso(policy).allows_string("RequireTouchID"), "{policy}");
        assert!(psso(policy).allows_string("AllowOpenIDForTouchIDFallback"), "{policy}");
        assert_eq!(psso(policy).element, Some(ValueType::String));
    }
    assert!(psso("UnlockPolicy").allows_string("AllowTouchIDOrWatchForUnlock"));
    assert!(!psso("LoginPolicy").allows_string("AllowTouchIDOrWatchForUnlock"));
    assert_eq!(psso("EnableCreateFirstUserDuringSetup").macos, "26.0");
    assert_eq!(psso("AccessKeyReaderGroupIdentifier").value_type, ValueType::Data);
    assert_eq!(psso("AccessKeyReaderIssuerCertificateUUID").macos, "26.2");
    assert_eq!(psso("AllowDeviceIdentifiersInAttestation").macos, "15.4");
    assert_eq!(psso("WebLoginURLAllowList").macos, "27.0");
    assert_eq!(psso("AdditionalHTTPHeaders").macos, "27.2");
    assert!(schema
        .key("extensiblesso", "AuthenticationMethod")
        .unwrap()
        .allows_string("SmartCard"));
}

#[test]
fn schema_keys_are_well_formed() {
    let schema = apple_schema();
    let mut names = HashSet::new();
    for scope in &schema.scopes {
        assert!(names.insert(scope.name.as_str()), "duplicate scope {}", scope.name);
        let mut keys = HashSet::new();
        for key in &scope.keys {
            assert!(keys.insert(key.key.as_str()), "{}: duplicate {}", scope.name, key.key);
            assert!(!key.title.is_empty(), "{}.{} has no title", scope.name, key.key);
            for version in [&key.ios, &key.macos] {
                assert!(
                    version == "n/a"
                        || version
                            .split('.')
                            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())),
                    "{}.{}: bad version {version}",
                    scope.name,
                    key.key
                );
            }
            assert_eq!(
                key.element.is_some(),
                key.value_type == ValueType::Array,
                "{}.{}",
                scope.name,
                key.key
            );
            if let Some(sub) = &key.subscope {
                assert_eq!(key.value_type, ValueType::Dictionary);
                assert!(
                    schema.scope(sub).is_some(),
                    "{}.{}: no scope {sub}",
                    scope.name,
                    key.key
                );
            }
            if key.value_type == ValueType::Dictionary {
                assert!(key.subscope.is_some(), "{}.{} needs a subscope", scope.name, key.key);
            }
        }
    }
    // Everything under PlatformSSO is macOS-only.
    for name in [
        "extensiblesso.PlatformSSO",
        "extensiblesso.PlatformSSO.TokenToUserMapping",
    ] {
        for key in &schema.scope(name).unwrap().keys {
            assert_eq!(key.ios, "n/a", "{name}.{}", key.key);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Apple schema: every key of Apple's YAMLs is present (lists hard-coded from the YAMLs at
// apple/device-management @ b6202ca2, plus the newer PlatformSSO keys @ 9468f879)
// ---------------------------------------------------------------------------------------------

fn assert_scope_has(scope: &str, expected: &[&str]) {
    let found = apple_schema()
        .scope(scope)
        .unwrap_or_else(|| panic!("missing scope {scope}"));
    // De facto keys (with a `source`) are not Apple's and are checked by `de_facto_keys_name_where_they_are_seen`.
    let actual: Vec<&str> = found
        .keys
        .iter()
        .filter(|k| k.source.is_none())
        .map(|k| k.key.as_str())
        .collect();
    for key in expected {
        assert!(actual.contains(key), "{scope}: missing key {key}");
    }
    for key in &actual {
        assert!(expected.contains(key), "{scope}: key {key} is not in Apple's YAML");
    }
}

#[test]
fn de_facto_keys_name_where_they_are_seen() {
    let schema = apple_schema();
    let mut de_facto = Vec::new();
    for scope in &schema.scopes {
        for key in scope.keys.iter().filter(|k| k.source.is_some()) {
            let source = key.source.as_deref().unwrap_or_default();
            assert!(source.starts_with("de facto: "), "{}.{}: {source}", scope.name, key.key);
            assert!(
                !key.is_required(),
                "{}.{}: a de facto key is never required",
                scope.name,
                key.key
            );
            de_facto.push(format!("{}.{}", scope.name, key.key));
        }
    }
    assert_eq!(de_facto, ["toplevel.PayloadEnabled", "payload-common.PayloadEnabled"]);
}

#[test]
fn toplevel_keys_from_yaml() {
    assert_scope_has(
        "toplevel",
        &[
            "PayloadIdentifier",
            "PayloadUUID",
            "PayloadType",
            "PayloadVersion",
            "IsEncrypted",
            "PayloadContent",
            "EncryptedPayloadContent",
            "PayloadDescription",
            "PayloadDisplayName",
            "HasRemovalPasscode",
            "PayloadOrganization",
            "PayloadRemovalDisallowed",
            "PayloadScope",
            "RemovalDate",
            "DurationUntilRemoval",
            "PayloadExpirationDate",
            "TargetDeviceType",
            "ConsentText",
        ],
    );
}

#[test]
fn common_payload_keys_from_yaml() {
    assert_scope_has(
        "payload-common",
        &[
            "PayloadIdentifier",
            "PayloadUUID",
            "PayloadType",
            "PayloadVersion",
            "PayloadDescription",
            "PayloadDisplayName",
            "PayloadOrganization",
        ],
    );
}

#[test]
fn extensiblesso_keys_from_yaml() {
    assert_scope_has(
        "extensiblesso",
        &[
            "ExtensionIdentifier",
            "TeamIdentifier",
            "Type",
            "Realm",
            "ExtensionData",
            "URLs",
            "Hosts",
            "ScreenLockedBehavior",
            "DeniedBundleIdentifiers",
            "AuthenticationMethod",
            "RegistrationToken",
            "PlatformSSO",
        ],
    );
}

#[test]
fn platform_sso_keys_from_yaml() {
    assert_scope_has(
        "extensiblesso.PlatformSSO",
        &[
            // @ b6202ca2
            "AuthenticationMethod",
            "UseSharedDeviceKeys",
            "AccountDisplayName",
            "LoginFrequency",
            "EnableCreateUserAtLogin",
            "EnableAuthorization",
            "TokenToUserMapping",
            "NewUserAuthorizationMode",
            "UserAuthorizationMode",
            "AdministratorGroups",
            "AdditionalGroups",
            "AuthorizationGroups",
            "FileVaultPolicy",
            "LoginPolicy",
            "UnlockPolicy",
            "OfflineGracePeriod",
            "AuthenticationGracePeriod",
            "NonPlatformSSOAccounts",
            // @ 9468f879 (macOS 26/27)
            "EnableCreateFirstUserDuringSetup",
            "NewUserAuthenticationMethods",
            "AccessKeyReaderGroupIdentifier",
            "AccessKeyTerminalIdentityUUID",
            "AccessKeyReaderIssuerCertificateUUID",
            "AllowAccessKeyExpressMode",
            "AlwaysUseLoginUI",
            "AllowDeviceIdentifiersInAttestation",
            "SynchronizeProfilePicture",
            "TemporarySessionQuickLogin",
            "EnableRegistrationDuringSetup",
            "WebLoginURLAllowList",
            "AllowWebLoginPasswordSync",
            "AdditionalHTTPHeaders",
        ],
    );
    assert_scope_has(
        "extensiblesso.PlatformSSO.TokenToUserMapping",
        &["AccountName", "FullName"],
    );
}

#[test]
fn kerberos_keys_from_yaml() {
    assert_scope_has(
        "kerberos",
        &[
            "ExtensionIdentifier",
            "TeamIdentifier",
            "Type",
            "Realm",
            "ExtensionData",
            "Hosts",
        ],
    );
    // Every payload-level key of the Kerberos variant is also a key of the generic payload.
    let generic = apple_schema().scope("extensiblesso").unwrap();
    for key in apple_schema().scope("kerberos").unwrap().key_names() {
        assert!(generic.key(key).is_some(), "{key}");
    }
    assert_scope_has(
        "kerberos-extension-data",
        &[
            "cacheName",
            "principalName",
            "siteCode",
            "certificateUUID",
            "useSiteAutoDiscovery",
            "credentialBundleIdACL",
            "includeManagedAppsInBundleIdACL",
            "includeKerberosAppsInBundleIdACL",
            "domainRealmMapping",
            "isDefaultRealm",
            "customUsernameLabel",
            "helpText",
            "allowPasswordChange",
            "allowAutomaticLogin",
            "requireUserPresence",
            "pwExpireOverride",
            "pwNotificationDays",
            "pwReqLength",
            "pwReqComplexity",
            "pwReqMinAge",
            "pwReqHistory",
            "pwReqText",
            "pwReqRTFData",
            "pwChangeURL",
            "syncLocalPassword",
            "replicationTime",
            "delayUserSetup",
            "monitorCredentialsCache",
            "requireTLSForLDAP",
            "credentialUseMode",
            "preferredKDCs",
            "usePlatformSSOTGT",
            "allowPlatformSSOAuthFallback",
            "performKerberosOnly",
            "identityIssuerAutoSelectFilter",
            "allowSmartCard",
            "allowPassword",
            "startInSmartCardMode",
        ],
    );
    let cache = apple_schema().key("kerberos-extension-data", "cacheName").unwrap();
    assert_eq!(cache.deprecated_on(Platform::Ios), Some("15.0"));
    assert_eq!(cache.deprecated_on(Platform::Macos), Some("12.0"));
    let sync = apple_schema()
        .key("kerberos-extension-data", "syncLocalPassword")
        .unwrap();
    assert!(!sync.supported_on(Platform::Ios) && sync.supported_on(Platform::Unknown));
}
