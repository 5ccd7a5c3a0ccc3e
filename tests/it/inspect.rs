//! `inspect` over one representative input per format and layout: what a user sees of the model
//! (formats, encodings, SSO payloads with every ExtensionData entry and its position, apps and
//! assignments, enrollment profiles), snapshotted.

use std::path::{Path, PathBuf};

use profilelint::config::Config;
use profilelint::report::inspect::Inspection;
use profilelint::Encoding;
use profilelint::{FileOrigin, LintSet, Linter};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `dir` itself when it is a file; else the files below it with an extension other than `.md`.
fn files(dir: &Path) -> Vec<PathBuf> {
    if dir.is_file() {
        return vec![dir.to_path_buf()];
    }
    let mut out = crate::files::files_under(dir);
    out.retain(|p| p.extension().is_some_and(|x| x != "md"));
    assert!(!out.is_empty(), "no input under {}", dir.display());
    out
}

fn inspect(inputs: &[(String, Vec<u8>)]) -> String {
    let mut set = LintSet::new(Default::default());
    for (name, bytes) in inputs {
        set.add_bytes(name.as_str(), bytes, FileOrigin::Named);
    }
    let linter = Linter::new(Config::default());
    let model = linter.model(&set);
    Inspection::new(&set, &model).to_human()
}

fn inspect_path(rel: &str) -> String {
    let base = root().join(rel);
    let parent = base.parent().unwrap().to_path_buf();
    let inputs: Vec<_> = files(&base)
        .into_iter()
        .map(|f| {
            (
                f.strip_prefix(&parent).unwrap().to_string_lossy().replace('\\', "/"),
                std::fs::read(&f).unwrap(),
            )
        })
        .collect();
    inspect(&inputs)
}

#[test]
fn xml_profile() {
    insta::assert_snapshot!(inspect_path("examples/ios-jit-sso.mobileconfig"));
}

#[test]
fn binary_profile() {
    let xml = std::fs::read(root().join("examples/ios-jit-sso.mobileconfig")).unwrap();
    let value = plist::Value::from_reader_xml(&xml[..]).unwrap();
    let mut binary = Vec::new();
    value.to_writer_binary(&mut binary).unwrap();
    insta::assert_snapshot!(inspect(&[("ios-jit-sso-binary.mobileconfig".into(), binary)]));
}

#[test]
fn signed_profile() {
    insta::assert_snapshot!(inspect_path("tests/fixtures/signed/sso-der.mobileconfig"));
}

#[test]
fn utf16_crlf_export() {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/model/intune/device-features/ios-azuread.json")).unwrap();
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    insta::assert_snapshot!(inspect(&[(
        "ios-azuread-utf16.json".into(),
        Encoding::Utf16Le.encode(&crlf)
    )]));
}

#[test]
fn graph_collection() {
    insta::assert_snapshot!(inspect_path("tests/fixtures/model/intune/collection.json"));
}

/// macOS app records show their platform and every bundle id with its version and property;
/// the JSON form carries them under `app` (absent for other objects).
#[test]
fn macos_app_records() {
    let human = inspect_path("tests/fixtures/model/intune/apps/macos-apps.json");
    assert!(
        human.contains("    bundle id            com.microsoft.CompanyPortalMac  includedApps  bundleVersion 5.2404.0"),
        "{human}"
    );
    insta::assert_snapshot!(human);
    let mut set = LintSet::new(Default::default());
    set.add_bytes(
        "macos-apps.json",
        &std::fs::read(root().join("tests/fixtures/model/intune/apps/macos-apps.json")).unwrap(),
        FileOrigin::Named,
    );
    let model = Linter::new(Config::default()).model(&set);
    let json: serde_json::Value = serde_json::from_str(&Inspection::new(&set, &model).to_json()).unwrap();
    let app = &json["objects"][0]["app"];
    assert_eq!(app["platform"], "macos");
    assert_eq!(app["bundles"][1]["source"], "includedApps");
    assert_eq!(app["bundles"][1]["version"], "5.2404.0");
    assert_eq!(app["bundles"][1]["version_key"], "bundleVersion");
    // A LOB app states `versionNumber` and `buildNumber`: one entry with each.
    let lob = &json["objects"][1]["app"]["bundles"];
    assert_eq!(lob[0]["version_key"], "versionNumber");
    assert_eq!(lob[1]["version_key"], "buildNumber");
    assert_eq!(app["bundles"][1]["at"]["key_path"], "value[0].includedApps[0].bundleId");
    assert_eq!(json["objects"][5]["app"]["platform"], "ios");
}

#[test]
fn settings_catalog_policy() {
    insta::assert_snapshot!(inspect_path("tests/fixtures/model/intune/settings-catalog"));
}

#[test]
fn custom_profile_with_payload() {
    insta::assert_snapshot!(inspect_path("tests/fixtures/model/intune/custom/ios-custom.json"));
}

#[test]
fn intune_backup_and_restore_folder() {
    insta::assert_snapshot!(inspect_path("tests/fixtures/model/intune/ibr"));
}

#[test]
fn intunecd_folder() {
    insta::assert_snapshot!(inspect_path("tests/fixtures/model/intune/intunecd"));
}

#[test]
fn platform_sso_settings_from_a_profile_and_a_settings_catalog_policy() {
    // The same settings from both sources, each with its key path; unverified Settings Catalog
    // choices are listed as unknown, not named.
    let plist = inspect_path("tests/precision/jamf-pro-platform-sso-macos.mobileconfig");
    assert!(
        plist.contains("      PlatformSSO.UseSharedDeviceKeys               true"),
        "{plist}"
    );
    let catalog = inspect_path("tests/fixtures/model/intune/psso/settings-catalog-unknown-choices.json");
    assert!(
        catalog.contains("      RegistrationToken                             \"{{DEVICEREGISTRATION}}\""),
        "{catalog}"
    );
    assert!(!catalog.contains("PlatformSSO.AuthenticationMethod"), "{catalog}");
    insta::assert_snapshot!("platform_sso_plist", plist);
    insta::assert_snapshot!("platform_sso_settings_catalog", catalog);
}

#[test]
fn enrollment_profile() {
    insta::assert_snapshot!(inspect_path("tests/fixtures/model/intune/enrollment"));
}

#[test]
fn json_form_carries_positions() {
    let mut set = LintSet::new(Default::default());
    set.add_bytes(
        "a.mobileconfig",
        &std::fs::read(root().join("examples/ios-jit-sso.mobileconfig")).unwrap(),
        FileOrigin::Named,
    );
    let model = Linter::new(Config::default()).model(&set);
    let json: serde_json::Value = serde_json::from_str(&Inspection::new(&set, &model).to_json()).unwrap();
    let entry = &json["sso_payloads"][0]["extension_data"][2];
    assert_eq!(entry["key"], "device_registration");
    assert_eq!(entry["type"], "string");
    assert_eq!(
        entry["at"]["key_path"],
        "PayloadContent[0].ExtensionData.device_registration"
    );
    assert_eq!(entry["at"]["line"], 15);
    assert_eq!(entry["at"]["column"], 5);
}
