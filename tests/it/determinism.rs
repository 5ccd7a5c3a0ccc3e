//! The machine-readable output does not depend on the run or on the number of worker threads:
//! the JSON and SARIF reports over every fixture and example are byte-identical across two runs
//! and across `--jobs 1` and `--jobs 2`. `--jobs 1` walks, reads and lints on one thread
//! (`Linter::check`); `--jobs 2` walks and reads on a pool and runs the rules side by side
//! (`Linter::check_parallel`), so this also holds the two linting paths to the same report.

use std::path::Path;
use std::process::{Command, Stdio};

/// `profilelint check --no-config --format FORMAT --jobs JOBS tests/fixtures examples` from the
/// crate root: the report, after checking the exit code (1: the fixtures hold errors).
fn report(format: &str, jobs: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_profilelint"))
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            "--jobs",
            jobs,
            "tests/fixtures",
            "examples",
        ])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    String::from_utf8(output.stdout).unwrap()
}

fn first_difference(a: &str, b: &str) -> String {
    let at = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(200);
    format!(
        "first difference at byte {at}:\n{}\n---\n{}",
        a.get(from..(at + 200).min(a.len())).unwrap_or(""),
        b.get(from..(at + 200).min(b.len())).unwrap_or("")
    )
}

fn assert_identical(what: &str, a: &str, b: &str) {
    assert!(a == b, "{what}: outputs differ; {}", first_difference(a, b));
}

#[test]
fn json_report_is_byte_identical_across_runs_and_jobs() {
    let one = report("json", "1");
    let report_json: serde_json::Value = serde_json::from_str(&one).unwrap();
    let files = report_json["files"].as_array().unwrap().len();
    let diagnostics = report_json["diagnostics"].as_array().unwrap().len();
    assert!(
        files > 300 && diagnostics > 300,
        "{files} files, {diagnostics} diagnostics"
    );
    assert_identical("--jobs 1, two runs", &one, &report("json", "1"));
    let two = report("json", "2");
    assert_identical("--jobs 1 and --jobs 2", &one, &two);
    assert_identical("--jobs 2, two runs", &two, &report("json", "2"));
}

#[test]
fn sarif_report_is_byte_identical_across_jobs() {
    let one = report("sarif", "1");
    assert_identical("SARIF, --jobs 1 and --jobs 2", &one, &report("sarif", "2"));
    assert_identical(
        "SARIF, --jobs 2, two runs",
        &report("sarif", "2"),
        &report("sarif", "2"),
    );
}
