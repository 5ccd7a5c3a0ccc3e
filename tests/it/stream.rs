//! A streaming check (`Linter::stream`: each file's own rules as it is added, its tree let go,
//! the cross-file rules at the end, files read again when those rules ask for them) reports
//! exactly what `Linter::check` reports over the same files, and builds the same model.

use std::path::{Path, PathBuf};

use profilelint::{Config, FileLoad, FileOrigin, LintSet, Linter, Report, Reread, Streamed};

use crate::fuzz_checks as checks;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files under `dir`, sorted, config files left out (a fixture's `<name>.toml` is its config).
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = crate::files::files_under(dir);
    files.retain(|p| p.extension().is_none_or(|x| x != "toml"));
    files
}

/// Every fixture file and example, sorted by folder: linted as one set, many profiles share
/// identifiers, UUIDs and URLs across files.
fn every_fixture_and_example() -> Vec<PathBuf> {
    walk(&root().join("tests/fixtures"))
        .into_iter()
        .chain(walk(&root().join("examples")))
        .collect()
}

/// `files` linted by `Linter::check` over one lint set, and by a stream in batches of `batch`
/// (every file with a `Reread`, so files let go of their trees).
fn both(config: &Config, files: &[PathBuf], origin: FileOrigin, batch: usize) -> ((LintSet, Report), Streamed) {
    checks::check_and_stream(config, files, origin, batch).unwrap()
}

/// The same findings, JSON report and model (the comparison the `stream` fuzz target makes).
fn assert_same(what: &str, checked: &(LintSet, Report), streamed: &Streamed) {
    if let Err(problem) = checks::stream_agrees(checked, streamed) {
        panic!("{what}: {problem}");
    }
}

#[test]
fn a_stream_reports_what_a_check_reports_over_every_fixture_and_example() {
    let all = every_fixture_and_example();
    assert!(all.len() > 300, "{} files", all.len());
    // Many profiles share identifiers, UUIDs and URLs across files here, so the cross-file rules
    // ask for released files and the stream reads them again.
    for batch in [1, 7, 512] {
        let (checked, streamed) = both(&Config::default(), &all, FileOrigin::Walked, batch);
        assert!(checked.1.diagnostics().len() > 300, "{}", checked.1.diagnostics().len());
        assert_same(
            &format!("all fixtures and examples, batches of {batch}"),
            &checked,
            &streamed,
        );
    }
}

#[test]
fn a_stream_reports_what_a_check_reports_for_each_rule_fixture() {
    let mut compared = 0;
    for code_dir in std::fs::read_dir(root().join("tests/fixtures")).unwrap().flatten() {
        for fixture in std::fs::read_dir(code_dir.path()).unwrap().flatten() {
            let path = fixture.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if !(name.starts_with("fail_") || name.starts_with("pass_")) || name.ends_with(".toml") {
                continue;
            }
            let config = crate::rule_fixtures::fixture_config(&path);
            let (files, origin) = if path.is_dir() {
                (walk(&path), FileOrigin::Walked)
            } else {
                (vec![path.clone()], FileOrigin::Named)
            };
            let (checked, streamed) = both(&config, &files, origin, 2);
            assert_same(&path.display().to_string(), &checked, &streamed);
            compared += 1;
        }
    }
    assert!(compared > 250, "{compared} fixtures");
}

#[test]
fn a_stream_reports_what_a_check_reports_over_the_shared_corpus() {
    let corpus = root().join("../shared/corpus/real");
    if !corpus.is_dir() {
        println!(
            "note: {} not found; the real-corpus comparison is skipped",
            corpus.display()
        );
        return;
    }
    let files = walk(&corpus);
    let (checked, streamed) = both(&Config::default(), &files, FileOrigin::Walked, 4);
    assert_same("the shared corpus", &checked, &streamed);
}

const PROFILE: &str = include_str!("../../examples/ios-jit-sso.mobileconfig");

/// The example profile with its own identifiers and UUIDs (number `i`).
fn copy_of_the_example(i: usize) -> String {
    let mut text = PROFILE.replace("com.contoso.ios.sso", &format!("com.contoso.ios{i}.sso"));
    for uuid in uuids(PROFILE) {
        text = text.replace(&uuid, &format!("{}{i:012X}", &uuid[..24]));
    }
    text
}

/// The UUID strings of a profile's text.
fn uuids(text: &str) -> Vec<String> {
    text.split("<string>")
        .filter_map(|s| s.split("</string>").next())
        .filter(|s| s.len() == 36 && s.chars().filter(|&c| c == '-').count() == 4)
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_stream_lets_go_of_profiles_no_cross_file_rule_reports() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..20)
        .map(|i| {
            let path = dir.path().join(format!("p{i:02}.mobileconfig"));
            std::fs::write(&path, copy_of_the_example(i)).unwrap();
            path
        })
        .collect();
    let (checked, streamed) = both(&Config::default(), &files, FileOrigin::Named, 8);
    assert_same("20 correct profiles", &checked, &streamed);
    let released = streamed.set.documents().iter().filter(|d| d.is_released()).count();
    // At most the profile a set-wide note points at is read again.
    assert!(released >= 19, "{released} of 20 profiles released");
}

#[test]
fn a_file_that_changes_before_a_cross_file_rule_reads_it_again_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.mobileconfig");
    let second = dir.path().join("b.mobileconfig");
    // Two profiles with one top-level identifier: PL105 reads both trees to report them.
    let text = copy_of_the_example(1);
    let same_identifier = copy_of_the_example(2).replace("com.contoso.ios2.sso", "com.contoso.ios1.sso");
    std::fs::write(&first, &text).unwrap();
    std::fs::write(&second, &same_identifier).unwrap();
    let linter = Linter::new(Config::default());
    let limits = profilelint::Limits::default();
    let mut stream = linter.stream(limits);
    let loads = [&first, &second]
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap();
            let reread = Reread::new(f, FileOrigin::Named, &bytes);
            (
                FileLoad::parse_owned(
                    f.to_string_lossy().to_string().into(),
                    bytes,
                    FileOrigin::Named,
                    &limits,
                ),
                Some(reread),
            )
        })
        .collect();
    stream.add(loads);
    std::fs::write(
        &second,
        same_identifier.replace("<dict>", "<dict>\n\t<key>Extra</key><true/>"),
    )
    .unwrap();
    let streamed = stream.finish();
    assert_eq!(
        streamed.changed.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        vec![second.to_string_lossy().to_string()]
    );
}

#[test]
fn a_stream_reads_again_only_the_profiles_a_cross_file_rule_reports() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..200)
        .map(|i| {
            let path = dir.path().join(format!("p{i:03}.mobileconfig"));
            // Profiles 50 and 150 share a top-level identifier: PL105 reports them, and reads
            // their trees to say where.
            let text = match i {
                150 => copy_of_the_example(150).replace("com.contoso.ios150.sso", "com.contoso.ios50.sso"),
                _ => copy_of_the_example(i),
            };
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let (checked, streamed) = both(&Config::default(), &files, FileOrigin::Walked, 64);
    assert_same("200 profiles, two sharing an identifier", &checked, &streamed);
    assert!(
        streamed.report.diagnostics().iter().any(|d| d.code() == "PL105"),
        "PL105 should report the shared identifier"
    );
    let kept: Vec<String> = streamed
        .set
        .documents()
        .iter()
        .filter(|d| !d.is_released())
        .map(|d| d.path().rsplit('/').next().unwrap_or_default().to_owned())
        .collect();
    // The two PL105 reports, and at most the one profile a set-wide note points at.
    assert!(kept.contains(&"p050.mobileconfig".to_owned()), "{kept:?}");
    assert!(kept.contains(&"p150.mobileconfig".to_owned()), "{kept:?}");
    assert!(kept.len() <= 3, "read again: {kept:?}");
}

/// `Linter::check` (file rules file by file, then set rules) against every rule run over the whole
/// set at once: the same findings, or a rule that says it reads one file looks beyond it.
fn assert_file_rules_stay_in_their_file(what: &str, config: &Config, files: &[PathBuf], origin: FileOrigin) {
    let mut set = LintSet::new(config.limits);
    for f in files {
        set.add_bytes(f.to_string_lossy().to_string(), &std::fs::read(f).unwrap(), origin);
    }
    let linter = Linter::new(config.clone());
    let in_two_phases = linter.check(&set);
    let as_one_set = linter.check_as_one_set(&set);
    assert_eq!(
        format!("{:#?}", as_one_set.diagnostics()),
        format!("{:#?}", in_two_phases.diagnostics()),
        "{what}: a file rule's findings depend on other files"
    );
}

#[test]
fn file_rules_find_the_same_whatever_else_is_linted() {
    let all = every_fixture_and_example();
    assert_file_rules_stay_in_their_file(
        "all fixtures and examples",
        &Config::default(),
        &all,
        FileOrigin::Walked,
    );
    let mut compared = 0;
    for code_dir in std::fs::read_dir(root().join("tests/fixtures")).unwrap().flatten() {
        for fixture in std::fs::read_dir(code_dir.path()).unwrap().flatten() {
            let path = fixture.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if !(name.starts_with("fail_") || name.starts_with("pass_")) || name.ends_with(".toml") || !path.is_dir() {
                continue;
            }
            assert_file_rules_stay_in_their_file(
                &path.display().to_string(),
                &crate::rule_fixtures::fixture_config(&path),
                &walk(&path),
                FileOrigin::Walked,
            );
            compared += 1;
        }
    }
    assert!(compared > 20, "{compared} folder fixtures");
    let corpus = root().join("../shared/corpus/real");
    if corpus.is_dir() {
        assert_file_rules_stay_in_their_file(
            "the shared corpus",
            &Config::default(),
            &walk(&corpus),
            FileOrigin::Walked,
        );
    }
}

#[test]
fn a_stream_lets_go_of_intune_files_too_and_reads_again_only_what_findings_point_at() {
    let files = walk(&root().join("examples/intune-export"));
    let (checked, streamed) = both(&Config::default(), &files, FileOrigin::Walked, 4);
    assert_same("the example Intune export", &checked, &streamed);
    let documents = streamed.set.documents();
    // The documents findings point at (embedded payloads count as their file).
    let mut pointed: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for d in streamed.report.diagnostics() {
        for location in std::iter::once(&d.location).chain(d.related.iter().map(|r| &r.location)) {
            pointed.extend(documents.get(location.doc.index()).map(|doc| doc.path()));
        }
    }
    let json = documents.iter().filter(|d| d.path().ends_with(".json")).count();
    let released = documents
        .iter()
        .filter(|d| d.path().ends_with(".json") && d.is_released())
        .count();
    let kept: Vec<&str> = documents
        .iter()
        .filter(|d| d.embedding().is_none() && !d.is_released())
        .map(|d| d.path())
        .collect();
    assert!(json >= 10, "{json} JSON files");
    assert!(released > 0, "no JSON file released of {json}");
    for path in &kept {
        assert!(
            pointed.contains(path),
            "{path} was read again, but no finding points at it"
        );
    }
}
