//! Every rule's fixtures: `tests/fixtures/<CODE>/fail_*` must make the rule fire and `pass_*`
//! must keep it quiet. A fixture is a file, or a folder linted as one lint set (for cross-file
//! rules). Options come from `<fixture>.toml` beside a file, or `profilelint.toml` inside a folder.
//! The human rendering of the rule's own diagnostics is snapshotted, so reviewers see exactly
//! what a user would.

use std::path::{Path, PathBuf};

use profilelint::config::Config;
use profilelint::report::human;
use profilelint::{Limits, LintSet, Linter};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn is_code(name: &str) -> bool {
    profilelint::rules::by_code(name).is_some_and(|m| m.code == name)
}

/// Files under `dir`, sorted, relative paths with `/`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "profilelint.toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Lints one fixture (file or folder) and returns the diagnostics of every rule.
pub fn lint_fixture(path: &Path) -> Vec<profilelint::Diagnostic> {
    let base = path.parent().unwrap_or(Path::new("."));
    let config_path = if path.is_dir() {
        path.join("profilelint.toml")
    } else {
        PathBuf::from(format!("{}.toml", path.display()))
    };
    let config = if config_path.is_file() {
        let text = std::fs::read_to_string(&config_path).unwrap();
        // Named relative to the fixture's folder, so PL901/PL902 on config entries render stably.
        let shown = config_path.strip_prefix(base).unwrap_or(&config_path).to_path_buf();
        Config::from_toml_str(&text, Some(&shown)).unwrap_or_else(|e| panic!("{}: {e}", config_path.display()))
    } else {
        Config::default()
    };
    let mut set = LintSet::new(config.limits);
    let files = if path.is_dir() {
        walk(path)
    } else {
        vec![path.to_path_buf()]
    };
    for file in files {
        let rel = file.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&file).unwrap();
        // Folders are walked (PL005 stays quiet for stray files); single files are explicit.
        set.add_bytes(rel, &bytes, !path.is_dir());
    }
    let _ = Limits::default();
    Linter::new(config).check(&set).diagnostics
}

#[test]
fn every_rule_fixture_fires_or_stays_quiet_as_named() {
    let root = fixtures_root();
    let mut codes: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.file_name().and_then(|n| n.to_str()).is_some_and(is_code))
        .collect();
    codes.sort();
    let mut checked = 0;
    for code_dir in codes {
        let code = code_dir.file_name().unwrap().to_string_lossy().to_string();
        let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&code_dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                (name.starts_with("fail_") || name.starts_with("pass_")) && !name.ends_with(".toml")
            })
            .collect();
        fixtures.sort();
        for fixture in fixtures {
            let name = fixture.file_name().unwrap().to_string_lossy().to_string();
            let all = lint_fixture(&fixture);
            let own: Vec<_> = all.into_iter().filter(|d| d.code == code).collect();
            if name.starts_with("fail_") {
                assert!(!own.is_empty(), "{code}/{name}: expected {code} to fire, it did not");
            } else {
                assert!(
                    own.is_empty(),
                    "{code}/{name}: expected no {code}, got:\n{}",
                    own.iter()
                        .map(|d| human::render_diagnostic(d, Default::default()))
                        .collect::<String>()
                );
            }
            let rendered: String = own
                .iter()
                .map(|d| human::render_diagnostic(d, Default::default()) + "\n")
                .collect();
            let rendered = if rendered.is_empty() {
                "(no diagnostics)\n".to_owned()
            } else {
                rendered
            };
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(root.join("../snapshots/rules"));
            settings.set_prepend_module_to_snapshot(false);
            settings.set_snapshot_suffix(format!("{code}__{name}").replace('.', "_"));
            settings.bind(|| insta::assert_snapshot!("rule", rendered));
            checked += 1;
        }
    }
    assert!(checked > 0, "no rule fixtures found");
}
