//! Machine formats over every fixture: SARIF validates against the official 2.1.0 schema, JSON
//! carries the version-1 contract, and the CI formats escape what their hosts require.

use std::path::{Path, PathBuf};

use profilelint::config::Config;
use profilelint::report::{self, Summary};
use profilelint::{FileOrigin, LintSet, Linter};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The input files below `dir` (profiles, exports, signed files), sorted.
fn inputs_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = crate::files::files_under(dir);
    out.retain(|p| {
        p.extension().is_some_and(|x| {
            ["mobileconfig", "plist", "json", "xml", "p7s", "p7m"]
                .iter()
                .any(|k| x == *k)
        })
    });
    out
}

/// One lint set per fixture folder of tests/fixtures, plus the examples.
fn lint_sets() -> Vec<(String, LintSet)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.push(root().join("examples"));
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let mut set = LintSet::new(Default::default());
            for f in inputs_under(&dir) {
                let rel = f.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
                set.add_bytes(rel, &std::fs::read(&f).unwrap(), FileOrigin::Named);
            }
            (dir.file_name().unwrap().to_string_lossy().into_owned(), set)
        })
        .collect()
}

#[test]
fn every_sarif_report_validates_against_the_schema() {
    let text = std::fs::read_to_string(root().join("tests/schemas/sarif-2.1.0-rtm.5.json")).unwrap();
    // The official schema's `run.language` pattern has a stray unescaped `]`, which the
    // validator's meta-schema check rejects as a regex. We never emit `language`; escape the
    // bracket in memory (the vendored file stays byte-for-byte official).
    let bad = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(
        text.contains(bad),
        "the known schema defect moved; revisit this workaround"
    );
    let text = text.replace(bad, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("the SARIF schema compiles");
    let linter = Linter::new(Config::default());
    let ran: Vec<_> = profilelint::rules::all().to_vec();
    let mut results = 0;
    for (name, set) in lint_sets() {
        let report = linter.check(&set);
        results += report.diagnostics().len();
        let sarif: serde_json::Value =
            serde_json::from_str(&report::sarif::render(report.diagnostics(), &ran)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{name}: SARIF does not validate:\n{}",
            errors.join("\n")
        );
        for r in sarif["runs"][0]["results"].as_array().unwrap() {
            assert!(profilelint::rules::by_code(r["ruleId"].as_str().unwrap()).is_some());
        }
    }
    assert!(
        results > 50,
        "the fixtures should produce plenty of results to validate, got {results}"
    );
}

#[test]
fn json_report_has_every_field_of_the_contract() {
    let mut set = LintSet::new(Default::default());
    set.add_bytes("a/broken.json", b"{\n  \"a\": 1,\n}", FileOrigin::Named);
    set.add_bytes(
        "b.mobileconfig",
        b"<plist><dict><key>A</key></dict></plist>",
        FileOrigin::Named,
    );
    let report = Linter::new(Config::default()).check(&set);
    let summary = Summary::new(set.files(), report.diagnostics(), 0);
    let text = report::json::render(set.files(), report.diagnostics(), &summary, &|_| None);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "profilelint");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(
        v["files"][0],
        serde_json::json!({"path": "a/broken.json", "format": "json"})
    );
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "PL002");
    assert_eq!(d["name"], "invalid-json");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "a/broken.json");
    // The trailing comma itself: line 2, column 9.
    assert_eq!(d["span"]["line"], 2, "{d}");
    assert_eq!(d["span"]["column"], 9, "{d}");
    for key in ["message", "key_path", "help", "fix", "related"] {
        assert!(d.get(key).is_some(), "missing `{key}` in {d}");
    }
    let p = &v["diagnostics"][1];
    assert_eq!(p["code"], "PL001");
    assert_eq!(p["span"]["line"], 1);
}

#[test]
fn ci_formats_escape_what_their_hosts_require() {
    assert_eq!(report::github::escape_data("a%b\nc"), "a%25b%0Ac");
    assert_eq!(report::github::escape_property("x:y,z"), "x%3Ay%2Cz");
    assert_eq!(report::azure::escape("a;b]c\n"), "a%3Bb%5Dc%0A");
    assert_eq!(
        report::sarif::uri("Device Configurations/a b.json"),
        "Device%20Configurations/a%20b.json"
    );
}
