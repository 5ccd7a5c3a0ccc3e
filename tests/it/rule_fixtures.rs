//! Every rule's fixtures: `tests/fixtures/<CODE>/fail_*` must make the rule fire and `pass_*`
//! must keep it quiet. A fixture is a file, or a folder linted as one lint set (for cross-file
//! rules). Options come from `<fixture>.toml` beside a file, or `profilelint.toml` inside a folder.
//!
//! One snapshot per rule, `tests/snapshots/rules/<CODE>.snap`, shows each fail fixture in order:
//! the human rendering of the rule's own diagnostics, so reviewers see exactly what a user would,
//! and, when those findings carry a fix, the diff `check --fix` (with `--unsafe-fixes` for unsafe
//! fixes) writes when this rule's fixes are the only ones: the other rules that have fixes are
//! deselected for that run (as `--select` does), the rules without fixes still run (so that a
//! suppression one of them uses is not taken for unused). Pass fixtures have no snapshot: they
//! must keep the rule quiet.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use profilelint::config::Config;
use profilelint::fix::{self, FixInput};
use profilelint::report::human;
use profilelint::rules::{self, FixAvailability};
use profilelint::{Applicability, Diagnostic, FileOrigin, LintSet, Linter};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn is_code(name: &str) -> bool {
    rules::by_code(name).is_some_and(|m| m.code == name)
}

/// Files under `dir` but the folder fixtures' `profilelint.toml`, sorted.
pub(crate) fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = crate::files::files_under(dir);
    out.retain(|p| p.file_name().is_some_and(|n| n != "profilelint.toml"));
    out
}

/// One fixture (file or folder) read for linting: its config and its files, each with the name
/// it is shown under (relative to the fixture's folder) and whether it was named or walked.
struct Fixture {
    config: Config,
    files: Vec<FixInput>,
}

/// The configuration of a fixture (file or folder): `<fixture>.toml` beside a file,
/// `profilelint.toml` inside a folder, else the default.
pub(crate) fn fixture_config(path: &Path) -> Config {
    let base = path.parent().unwrap_or(Path::new("."));
    let config_path = if path.is_dir() {
        path.join("profilelint.toml")
    } else {
        PathBuf::from(format!("{}.toml", path.display()))
    };
    if !config_path.is_file() {
        return Config::default();
    }
    let text = std::fs::read_to_string(&config_path).unwrap();
    // Named relative to the fixture's folder, so PL901/PL902 on config entries render stably.
    let shown = config_path.strip_prefix(base).unwrap_or(&config_path).to_path_buf();
    Config::from_toml_str(&text, Some(&shown)).unwrap_or_else(|e| panic!("{}: {e}", config_path.display()))
}

impl Fixture {
    fn load(path: &Path) -> Fixture {
        let base = path.parent().unwrap_or(Path::new("."));
        let config = fixture_config(path);
        let paths = if path.is_dir() {
            walk(path)
        } else {
            vec![path.to_path_buf()]
        };
        let files = paths
            .into_iter()
            .map(|file| FixInput {
                path: Arc::from(file.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/")),
                bytes: std::fs::read(&file).unwrap(),
                // Folders are walked (PL005 stays quiet for stray files); single files are named.
                origin: if path.is_dir() {
                    FileOrigin::Walked
                } else {
                    FileOrigin::Named
                },
            })
            .collect();
        Fixture { config, files }
    }

    /// The diagnostics of every rule.
    fn lint(&self) -> Vec<Diagnostic> {
        let mut set = LintSet::new(self.config.limits);
        for file in &self.files {
            set.add_bytes(file.path.to_string(), &file.bytes, file.origin);
        }
        Linter::new(self.config.clone()).check(&set).into_diagnostics()
    }

    /// What `check --fix` writes (with `--unsafe-fixes` for `Unsafe`) when `code`'s fixes are
    /// the only ones: a diff per changed file, and why a fix was refused.
    fn fixed(&self, code: &str, threshold: Applicability) -> String {
        let without_fixes = rules::all()
            .iter()
            .filter(|m| m.fix == FixAvailability::None)
            .map(|m| m.code);
        let mut config = self.config.clone();
        config.select = Some(std::iter::once(code).chain(without_fixes).map(str::to_owned).collect());
        let result = fix::fix(&self.files, &Linter::new(config), threshold);
        let mut out = String::new();
        for (index, new) in &result.changed {
            let file = &self.files[*index];
            out.push_str(&unified_diff(&file.path, &file.bytes, new));
        }
        for (index, reason) in &result.failures {
            out.push_str(&format!(
                "{}: fix not applied, file left untouched: {reason}\n",
                self.files[*index].path
            ));
        }
        if out.is_empty() {
            out.push_str("(nothing changed)\n");
        }
        out
    }
}

/// The diff `check --diff` prints: unified, three lines of context.
fn unified_diff(name: &str, old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
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
        let mut snapshot = String::new();
        for path in fixtures {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let fixture = Fixture::load(&path);
            let all = fixture.lint();
            // The fix runs below deselect the rules that have fixes: no other rule may offer one.
            for d in &all {
                let applies = d
                    .fix
                    .as_ref()
                    .is_some_and(|f| f.applicability != Applicability::DisplayOnly);
                let none = d.rule().is_some_and(|m| m.fix == FixAvailability::None);
                assert!(
                    !(applies && none),
                    "{code}/{name}: {} offers a fix, but its catalog entry says it has none",
                    d.code()
                );
            }
            let own: Vec<_> = all.into_iter().filter(|d| d.code() == code).collect();
            checked += 1;
            if !name.starts_with("fail_") {
                assert!(
                    own.is_empty(),
                    "{code}/{name}: expected no {code}, got:\n{}",
                    own.iter()
                        .map(|d| human::render_diagnostic(d, Default::default()))
                        .collect::<String>()
                );
                continue;
            }
            assert!(!own.is_empty(), "{code}/{name}: expected {code} to fire, it did not");
            snapshot.push_str(&format!("━━━ {name} ━━━\n\n"));
            for d in &own {
                snapshot.push_str(&human::render_diagnostic(d, Default::default()));
                snapshot.push('\n');
            }
            let offers = |a: Applicability| own.iter().any(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a));
            if offers(Applicability::Safe) {
                snapshot.push_str(&format!("`--fix`, with only {code}'s fixes:\n"));
                snapshot.push_str(&fixture.fixed(&code, Applicability::Safe));
                snapshot.push('\n');
            }
            if offers(Applicability::Unsafe) {
                snapshot.push_str(&format!("`--fix --unsafe-fixes`, with only {code}'s fixes:\n"));
                snapshot.push_str(&fixture.fixed(&code, Applicability::Unsafe));
                snapshot.push('\n');
            }
        }
        if snapshot.is_empty() {
            continue;
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(root.join("../snapshots/rules"));
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(code.as_str(), snapshot));
    }
    assert!(checked > 0, "no rule fixtures found");
}
