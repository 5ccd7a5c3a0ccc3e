//! Real public profiles and exports (kept outside the repository; skipped when absent): every
//! file is read, and the findings match what the corpus notes describe — the mistakes are found,
//! and the valid files get no errors.

use std::path::{Path, PathBuf};

use profilelint::config::Config;
use profilelint::{Diagnostic, FileOrigin, LintSet, Linter, Severity};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("note: {} not found; corpus tests skipped", dir.display());
        None
    }
}

fn lint_corpus(dir: &Path) -> (LintSet, Vec<Diagnostic>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "mobileconfig" || e == "plist" || e == "json")
        })
        .collect();
    files.sort();
    let mut set = LintSet::new(Default::default());
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        set.add_bytes(name, &std::fs::read(f).unwrap(), FileOrigin::Named);
    }
    let report = Linter::new(Config::default()).check(&set);
    (set, report.into_diagnostics())
}

fn codes_in<'a>(diagnostics: &'a [Diagnostic], file_part: &str) -> Vec<&'a Diagnostic> {
    diagnostics.iter().filter(|d| d.path().contains(file_part)).collect()
}

fn has(diagnostics: &[Diagnostic], file_part: &str, code: &str, message_part: &str) -> bool {
    codes_in(diagnostics, file_part)
        .iter()
        .any(|d| d.code() == code && d.message.contains(message_part))
}

#[test]
fn every_corpus_file_is_read() {
    let Some(dir) = corpus() else { return };
    let (set, diagnostics) = lint_corpus(&dir);
    assert_eq!(set.files().len(), 17);
    for d in &diagnostics {
        assert!(
            !matches!(d.code(), "PL001" | "PL002" | "PL003" | "PL005" | "PL006"),
            "{} {}: {}",
            d.code(),
            d.path(),
            d.message
        );
    }
    let signed = set.files().iter().find(|f| f.path.contains("signed__adguard")).unwrap();
    assert_eq!(signed.format.map(|f| f.name()), Some("signed-xml-plist"));
}

#[test]
fn the_documented_mistakes_are_found() {
    let Some(dir) = corpus() else { return };
    let (_, d) = lint_corpus(&dir);
    let zblon = "02-platform-sso-full";
    assert!(
        has(&d, zblon, "SSO106", "login.microsoftonline.com"),
        "duplicate URLs across the two payloads"
    );
    assert!(
        has(&d, zblon, "SSO608", "second SSO payload"),
        "two payloads for the Company Portal extension in one profile (error 10002)"
    );
    // On a Microsoft payload the misplaced token is SSO601's (the more specific rule; PL107 keeps
    // it for other vendors' payloads).
    assert!(
        has(&d, zblon, "SSO601", "RegistrationToken"),
        "RegistrationToken inside PlatformSSO"
    );
    assert!(!has(&d, zblon, "PL107", "RegistrationToken"), "one finding per defect");
    // Fleet's Platform SSO profile has no RegistrationToken. Its `com.fleetdm.` identifiers say
    // Fleet delivers it, and Microsoft's guide for other MDMs asks for no token: quiet by default.
    // Said to be delivered by Intune, it misses the token that makes registration silent.
    let fleet = "company-portal-sso-extension";
    assert!(!has(&d, fleet, "SSO601", "RegistrationToken"), "Fleet delivers it");
    let mut set = LintSet::new(Default::default());
    let name = format!("fleetdm__fleet__{fleet}.mobileconfig");
    set.add_bytes(
        name.clone(),
        &std::fs::read(dir.join(&name)).unwrap(),
        FileOrigin::Named,
    );
    let intune = Config::from_toml_str("[sso]\nmdm = \"intune\"", None).unwrap();
    let said_intune = Linter::new(intune).check(&set).into_diagnostics();
    assert!(
        has(&said_intune, fleet, "SSO601", "RegistrationToken"),
        "no RegistrationToken: no silent registration when Intune delivers it"
    );
    assert!(
        has(&d, zblon, "PL111", "EnableAuthorization"),
        "EnableAuthorization without shared device keys"
    );
    assert!(has(&d, zblon, "SSO205", "tenant_id"), "undocumented tenant_id");
    assert!(
        has(&d, "company-portal-single-signon-extension", "PL102", "com.fleetdm."),
        "non-UUID PayloadUUID"
    );
    let ade: Vec<_> = codes_in(&d, "iOS-Corporate-ADE-Baseline")
        .into_iter()
        .filter(|x| x.code() == "SSO502")
        .collect();
    assert_eq!(ade.len(), 1);
    assert_eq!(
        ade[0].severity,
        Severity::Error,
        "both-true enrollment flags are invalid"
    );
    assert!(
        has(&d, "IntuneManagement-SettingsCatalog", "SSO501", ""),
        "exported with `assignments: []`"
    );
    // Kandji's macOS 13 and 14 templates are alternatives of one profile: same identifier, same
    // UUIDs. One finding for the one defect (installing both replaces one with the other): PL105
    // on the identifier; the UUIDs that follow from it are not PL104's (versions of one profile
    // keep their payloads' UUIDs so that an update replaces them).
    assert!(
        has(&d, "Okta_PSSO_Configuration_Template_macOS14", "PL105", ""),
        "Kandji templates share a PayloadIdentifier"
    );
    assert!(
        !has(&d, "Okta_PSSO_Configuration_Template_macOS14", "PL104", ""),
        "shared UUIDs of one profile's versions are no second defect"
    );
    // The signed and unsigned adguard files are one profile kept twice, not two that collide.
    assert!(!codes_in(&d, "adguard")
        .iter()
        .any(|x| matches!(x.code(), "PL104" | "PL105")));
    assert!(
        has(
            &d,
            "Okta_PSSO_Configuration_Template_macOS13",
            "PL110",
            "AuthenticationMethod"
        ),
        "deprecated top-level AuthenticationMethod"
    );
}

#[test]
fn valid_files_get_no_errors() {
    let Some(dir) = corpus() else { return };
    // Each valid file alone (cross-file findings between alternatives are checked above).
    for name in [
        "apple__device-management__com.apple.extensiblesso__example1.plist",
        "apple__device-management__com.apple.extensiblesso(kerberos)__example1.plist",
        "zblon__macos-platform-sso-entra__01-sso-extension-workplace-join.mobileconfig",
        "fleetdm__fleet__okta-sso-extension-example.mobileconfig",
        "fleetdm__fleet__fleet-sso-extension-example.mobileconfig",
        "fleetdm__fleet__company-portal-sso-extension.mobileconfig",
        "kandji-inc__support__Okta_PSSO_Configuration_Template_macOS13.mobileconfig",
        "kandji-inc__support__Okta_PSSO_Configuration_Template_macOS14.mobileconfig",
        "paulmillr__encrypted-dns__adguard-default-https.mobileconfig",
        "paulmillr__encrypted-dns__signed__adguard-default-https.mobileconfig",
        "sjkanon__IntuneBackup__Baseline_IOS_D_Enterprise_SSO.json",
        "SkipToTheEndpoint__OpenIntuneBaseline__NativeImport__MacOS - OIB - Authentication - D - Platform SSO - v1.0.json",
        "SkipToTheEndpoint__OpenIntuneBaseline__iOS - Baseline - BYOD - App Protection.json",
    ] {
        let mut set = LintSet::new(Default::default());
        set.add_bytes(name, &std::fs::read(dir.join(name)).unwrap(), FileOrigin::Named);
        // Fleet's profiles bear Fleet's marks (`com.fleetdm.` identifiers): the default config
        // takes them as delivered by Fleet, with no Intune variables to ask for.
        let report = Linter::new(Config::default()).check(&set);
        let errors: Vec<String> = report
            .diagnostics()
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .map(|d| format!("{} [{}] {}", d.code(), d.severity, d.message))
            .collect();
        assert!(errors.is_empty(), "{name} should be clean of errors and warnings:\n{}", errors.join("\n"));
    }
}

// ---------------------------------------------------------------------------------------------
// Look-alikes of real files (tests/precision): written for this project in the shapes that real
// tools produce (Jamf Pro, hardening baselines, Microsoft's samples, Kandji, Intune exports), so
// that precision is tested on every run, with or without the real corpus.
// ---------------------------------------------------------------------------------------------

fn precision_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/precision")
}

/// Each look-alike: a file linted alone (with `<file>.toml` beside it as its config, if any), or a
/// folder linted as one set (with its `profilelint.toml`), as the CLI would read them.
fn precision_inputs() -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut inputs: Vec<(PathBuf, Option<PathBuf>)> = std::fs::read_dir(precision_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e != "toml" && e != "md"))
        .map(|p| {
            let config = if p.is_dir() {
                p.join("profilelint.toml")
            } else {
                PathBuf::from(format!("{}.toml", p.display()))
            };
            let config = config.is_file().then_some(config);
            (p, config)
        })
        .collect();
    inputs.sort();
    inputs
}

fn run_cli(input: &Path, config: Option<&Path>) -> (i32, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_profilelint"));
    cmd.arg("check").arg("--color").arg("never");
    match config {
        Some(c) => cmd.arg("--config").arg(c),
        None => cmd.arg("--no-config"),
    };
    let out = cmd.arg(input).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn look_alikes_of_real_tools_get_no_error_or_warning() {
    let inputs = precision_inputs();
    assert!(inputs.len() >= 7, "{inputs:?}");
    for (input, config) in &inputs {
        let (code, stdout) = run_cli(input, config.as_deref());
        assert_eq!(code, 0, "{}:\n{stdout}", input.display());
        assert!(
            !stdout.contains('⚠') && !stdout.contains('×'),
            "{} should get no error or warning:\n{stdout}",
            input.display()
        );
    }
}

#[test]
fn a_correct_profile_alone_prints_one_line() {
    for name in [
        "ios-jit-sso.mobileconfig",
        "jamf-pro-platform-sso-macos.mobileconfig",
        "okta-platform-sso-template.mobileconfig",
        "wifi-sample-style.mobileconfig",
        "intune-settings-catalog-platform-sso.json",
        "intune-ios-jit",
    ] {
        let input = precision_dir().join(name);
        let config = precision_inputs()
            .into_iter()
            .find(|(p, _)| *p == input)
            .and_then(|(_, c)| c);
        for format in [None, Some("concise")] {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_profilelint"));
            cmd.arg("check");
            if let Some(f) = format {
                cmd.args(["--format", f]);
            }
            match &config {
                Some(c) => cmd.arg("--config").arg(c),
                None => cmd.arg("--no-config"),
            };
            let out = cmd.arg(&input).output().unwrap();
            let stdout = String::from_utf8(out.stdout).unwrap();
            assert_eq!(stdout.lines().count(), 1, "{name} ({format:?}):\n{stdout}");
            assert!(stdout.starts_with("No problems found in "), "{name}: {stdout}");
        }
    }
}

#[test]
fn jit_profile_from_another_mdm_gets_sso209_not_the_jit_rules() {
    // The correct Intune JIT profile, said to be delivered by Jamf: its `{{DEVICEREGISTRATION}}`
    // would arrive literally (SSO209), and nothing asks for it.
    let profile = std::fs::read(precision_dir().join("ios-jit-sso.mobileconfig")).unwrap();
    let config = Config::from_toml_str("[sso]\nmdm = \"other\"\n", None).unwrap();
    let mut set = LintSet::new(config.limits);
    set.add_bytes("jamf/ios-jit-sso.mobileconfig", &profile, FileOrigin::Named);
    let report = Linter::new(config).check(&set);
    let codes: Vec<&str> = report.diagnostics().iter().map(|d| d.code()).collect();
    // No SSO404: Intune app records never exist for what another MDM delivers.
    assert_eq!(codes, ["SSO209"]);
}
