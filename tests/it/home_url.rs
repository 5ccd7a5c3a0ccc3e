//! The project's home is declared once, as `repository` in Cargo.toml: every rule-doc link the
//! reports print (human output, SARIF `helpUri`, SARIF `informationUri`) derives from it.

use profilelint::config::Config;
use profilelint::report::{self, human};
use profilelint::{FileOrigin, Limits, LintSet, Linter};

/// `repository` from Cargo.toml.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

fn broken_example() -> profilelint::Report {
    let mut set = LintSet::new(Limits::default());
    set.add_bytes(
        "ios-jit-sso-broken.mobileconfig",
        include_bytes!("../../examples/ios-jit-sso-broken.mobileconfig"),
        FileOrigin::Named,
    );
    Linter::new(Config::default()).check(&set)
}

#[test]
fn the_repository_is_declared_in_cargo_toml() {
    assert!(REPOSITORY.starts_with("https://"), "repository = {REPOSITORY:?}");
    assert!(!REPOSITORY.ends_with('/'), "repository = {REPOSITORY:?}");
}

#[test]
fn sarif_links_derive_from_the_cargo_repository() {
    let report = broken_example();
    let ran: Vec<_> = profilelint::rules::all().to_vec();
    let sarif: serde_json::Value = serde_json::from_str(&report::sarif::render(report.diagnostics(), &ran)).unwrap();
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], REPOSITORY);
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), ran.len());
    for rule in rules {
        let code = rule["id"].as_str().unwrap();
        let help = rule["helpUri"].as_str().unwrap();
        assert_eq!(help, format!("{REPOSITORY}/blob/main/rules/{code}.md"));
    }
}

#[test]
fn human_doc_links_derive_from_the_cargo_repository() {
    let report = broken_example();
    assert!(report.diagnostics().iter().any(|d| d.code() == "SSO101"));
    for d in report.diagnostics() {
        let text = human::render_diagnostic(d, human::HumanOptions::default());
        let link = format!("({REPOSITORY}/blob/main/rules/{}.md)", d.code());
        assert!(text.contains(&link), "no {link} in:\n{text}");
    }
}
