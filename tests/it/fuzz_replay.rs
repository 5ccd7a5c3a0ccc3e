//! Replays the fuzz targets' checks without the fuzzer: every past crash checked in under
//! `fuzz/regressions/<target>/`, and every fixture under `tests/fixtures` (and `examples/`),
//! go through the same functions the cargo-fuzz targets call (`fuzz/src/checks.rs`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use profilelint::internals::source::{self, Sniffed};
use profilelint::internals::syntax::SyntaxErrorKind;

use crate::files::files_under;
use crate::fuzz_checks as checks;

type CheckFn = fn(&[u8]) -> Result<(), String>;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The input files of the fixtures and examples (not their READMEs, configs or snapshots).
fn fixtures() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = files_under(&root().join("tests/fixtures"))
        .into_iter()
        .chain(files_under(&root().join("examples")))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("mobileconfig" | "plist" | "json" | "xml" | "p7m" | "p7s")
            )
        })
        .collect();
    out.sort();
    assert!(out.len() > 300, "expected the fixture set, found {} files", out.len());
    out
}

/// The checked-in regressions of a target (every file but notes).
fn regressions(target: &str) -> Vec<PathBuf> {
    files_under(&root().join("fuzz/regressions").join(target))
        .into_iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) != Some("md"))
        .collect()
}

/// Runs `check` on each input, catching panics, and fails listing every input that broke it.
fn replay(target: &str, check: CheckFn, inputs: Vec<(String, Vec<u8>)>) {
    let started = std::time::Instant::now();
    let count = inputs.len();
    let mut failures = Vec::new();
    for (name, bytes) in inputs {
        match catch_unwind(AssertUnwindSafe(|| check(&bytes))) {
            Ok(Ok(())) => {}
            Ok(Err(problem)) => failures.push(format!("{name}: {problem}")),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                failures.push(format!("{name}: panicked: {message}"));
            }
        }
    }
    println!("{target}: {count} inputs in {:.1?}", started.elapsed());
    assert!(
        failures.is_empty(),
        "{target}: {} of {count} inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn read(paths: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .map(|p| {
            (
                p.strip_prefix(root()).unwrap_or(p).display().to_string(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect()
}

/// The text of a fixture of the given sniffed kind, decoded as the lint set decodes it (BOM and
/// UTF-16 removed), as bytes for the syntax-level checks.
fn decoded(paths: &[PathBuf], want: Sniffed) -> Vec<(String, Vec<u8>)> {
    read(paths)
        .into_iter()
        .filter(|(_, bytes)| source::sniff(bytes) == want)
        .filter_map(|(name, bytes)| {
            let kind = if want == Sniffed::Json {
                SyntaxErrorKind::InvalidJson
            } else {
                SyntaxErrorKind::InvalidPlist
            };
            let (text, _) = source::decode(&bytes, kind).ok()?;
            Some((name, text.into_bytes()))
        })
        .collect()
}

#[test]
fn parse_any() {
    let mut inputs = read(&regressions("parse_any"));
    inputs.extend(read(&fixtures()));
    inputs.extend(joined_fixture_folders());
    replay("parse_any", checks::parse_any, inputs);
}

/// Multi-file fixtures (folders inside a rule's folder), each as one input of up to 6 files
/// joined by the separator, as `build_seeds.sh` makes them.
fn joined_fixture_folders() -> Vec<(String, Vec<u8>)> {
    let mut inputs = Vec::new();
    for rule in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let rule = rule.unwrap().path();
        let Ok(entries) = std::fs::read_dir(&rule) else {
            continue;
        };
        for entry in entries {
            let dir = entry.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            let files: Vec<PathBuf> = files_under(&dir)
                .into_iter()
                .filter(|p| {
                    matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("json" | "mobileconfig" | "plist")
                    )
                })
                .take(6)
                .collect();
            let joined = read(&files)
                .into_iter()
                .map(|(_, b)| b)
                .collect::<Vec<_>>()
                .join(checks::FILE_SEPARATOR);
            inputs.push((dir.strip_prefix(root()).unwrap().display().to_string(), joined));
        }
    }
    inputs
}

#[test]
fn stream() {
    // The fixtures go through the same comparison in `stream.rs`, as one set and one by one.
    let mut inputs = read(&regressions("stream"));
    inputs.extend(joined_fixture_folders());
    replay("stream", checks::stream, inputs);
}

#[test]
fn xml_vs_plist() {
    let mut inputs = read(&regressions("xml_vs_plist"));
    inputs.extend(decoded(&fixtures(), Sniffed::Xml));
    replay("xml_vs_plist", checks::xml_vs_plist, inputs);
}

#[test]
fn json() {
    let mut inputs = read(&regressions("json"));
    inputs.extend(decoded(&fixtures(), Sniffed::Json));
    replay("json", checks::json, inputs);
}

#[test]
fn cms() {
    let mut inputs = read(&regressions("cms"));
    inputs.extend(read(&fixtures()));
    replay("cms", checks::cms, inputs);
}

#[test]
fn fix_roundtrip() {
    let mut inputs = read(&regressions("fix_roundtrip"));
    inputs.extend(
        read(&fixtures())
            .into_iter()
            .filter(|(_, b)| matches!(source::sniff(b), Sniffed::Xml | Sniffed::Json)),
    );
    replay("fix_roundtrip", checks::fix_roundtrip, inputs);
}

#[test]
fn the_file_separator_splits_inputs() {
    let joined = [b"{}".as_slice(), b"<dict/>", b"x"].join(checks::FILE_SEPARATOR);
    let files = checks::split_files(&joined);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["input0.json", "input1.mobileconfig", "input2.mobileconfig"]);
    assert_eq!(files[1].1, b"<dict/>");
}
