//! Fault safety of `--fix`, `--diff` and `-o`, through the CLI binary in a temporary folder: a
//! failed write loses nothing, a file changed on disk is not overwritten, reports are written
//! atomically, `--diff` writes nothing, permissions are kept, and every byte outside the edits
//! stays as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A profile with one safe fix (PL103/PL106: `<string>1</string>` → `<integer>1</integer>`).
fn fixable() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/PL103/fail_string_version.mobileconfig"),
    )
    .unwrap()
}

const BROKEN: &str = "\t\t\t<string>1</string>";
const FIXED: &str = "\t\t\t<integer>1</integer>";

/// The fixable profile with CRLF line ends, a comment holding a tab, and trailing spaces.
fn fixable_crlf() -> String {
    let text = fixable().replace(
        "\t<key>PayloadContent</key>",
        "\t<!-- keep:\tthis comment -->  \n\t<key>PayloadContent</key>",
    );
    text.replace('\n', "\r\n")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `profilelint check --no-config ARGS` in `dir`, with a time limit.
fn cli(dir: &Path, args: &[&str]) -> Run {
    let child = Command::new(env!("CARGO_BIN_EXE_profilelint"))
        .args(["check", "--no-config", "--color", "never"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let output = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("profilelint {args:?} hangs"))
        .unwrap();
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The safe fix edits of the JSON report: `(offset, length, content)`, first fix per span.
fn safe_edits(report: &str) -> Vec<(usize, usize, String)> {
    let report: serde_json::Value = serde_json::from_str(report).unwrap();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for d in report["diagnostics"].as_array().unwrap() {
        if d["fix"]["applicability"] != "safe" {
            continue;
        }
        for e in d["fix"]["edits"].as_array().unwrap() {
            let edit = (
                e["offset"].as_u64().unwrap() as usize,
                e["length"].as_u64().unwrap() as usize,
                e["content"].as_str().unwrap().to_owned(),
            );
            // Fixes with overlapping edits are applied once.
            if !edits.iter().any(|(o, l, _)| edit.0 < o + l && *o < edit.0 + edit.1) {
                edits.push(edit);
            }
        }
    }
    edits.sort();
    edits
}

fn apply(text: &str, edits: &[(usize, usize, String)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (offset, length, content) in edits {
        out.push_str(&text[at..*offset]);
        out.push_str(content);
        at = offset + length;
    }
    out.push_str(&text[at..]);
    out
}

// ------------------------------------------------------------------------------------------------
// Bytes outside the edits
// ------------------------------------------------------------------------------------------------

#[test]
fn bytes_outside_edits_are_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let original = fixable_crlf();
    let path = write(dir.path(), "crlf.mobileconfig", &original);
    let report = cli(dir.path(), &["--format", "json", "crlf.mobileconfig"]);
    assert_eq!(report.code, 1, "{}", report.stderr);
    let edits = safe_edits(&report.stdout);
    assert_eq!(edits.len(), 1, "{edits:?}");
    let run = cli(dir.path(), &["--fix", "--format", "concise", "crlf.mobileconfig"]);
    assert_eq!(
        run.code, 0,
        "only warnings and infos are left: {}{}",
        run.stdout, run.stderr
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    // Exactly the reported edit, nothing else: CRLF, tabs, the comment and trailing spaces kept.
    assert_eq!(fixed, apply(&original, &edits));
    assert!(fixed.contains(&format!("{FIXED}\r\n")) && !fixed.contains(BROKEN));
    assert!(fixed.contains("<!-- keep:\tthis comment -->  \r\n"));
    assert_eq!(fixed.matches("\r\n").count(), original.matches("\r\n").count());
    assert!(!fixed.replace("\r\n", "").contains('\n'), "a bare LF appeared");
    assert_eq!(
        listing(dir.path()),
        ["crlf.mobileconfig"],
        "temporary files left behind"
    );
}

#[test]
fn utf16_files_are_fixed_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let original = fixable_crlf();
    let encode = |s: &str| -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    };
    let path = write(dir.path(), "utf16.mobileconfig", encode(&original));
    let report = cli(dir.path(), &["--format", "json", "utf16.mobileconfig"]);
    // Offsets refer to the decoded text.
    let edits = safe_edits(&report.stdout);
    assert_eq!(edits.len(), 1, "{}", report.stdout);
    let run = cli(dir.path(), &["--fix", "utf16.mobileconfig"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), encode(&apply(&original, &edits)));
}

// ------------------------------------------------------------------------------------------------
// --diff and -o
// ------------------------------------------------------------------------------------------------

#[test]
fn diff_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.mobileconfig", fixable());
    let before = std::fs::metadata(&path).unwrap();
    let run = cli(dir.path(), &["--diff", "a.mobileconfig"]);
    assert_eq!(run.code, 1, "a diff was printed: {}", run.stderr);
    assert!(
        run.stdout.contains("--- a/a.mobileconfig") && run.stdout.contains("+++ b/a.mobileconfig"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("-{BROKEN}\n")) && run.stdout.contains(&format!("+{FIXED}\n")),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixable());
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    assert_eq!(listing(dir.path()), ["a.mobileconfig"]);
    // Nothing to fix: exit 0, empty diff.
    write(dir.path(), "a.mobileconfig", fixable().replace(BROKEN, FIXED));
    let run = cli(dir.path(), &["--diff", "a.mobileconfig"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn output_file_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.mobileconfig", fixable());
    // Into a folder that does not exist: exit 2, nothing created.
    let run = cli(
        dir.path(),
        &["--format", "json", "-o", "missing/report.json", "a.mobileconfig"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot write missing/report.json"),
        "{}",
        run.stderr
    );
    assert_eq!(listing(dir.path()), ["a.mobileconfig"]);
    // Onto a folder: exit 2, the folder untouched.
    std::fs::create_dir(dir.path().join("folder.json")).unwrap();
    write(&dir.path().join("folder.json"), "inside", "x");
    let run = cli(dir.path(), &["--format", "json", "-o", "folder.json", "a.mobileconfig"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(listing(&dir.path().join("folder.json")), ["inside"]);
    assert_eq!(listing(dir.path()), ["a.mobileconfig", "folder.json"]);
    // Over an existing report: replaced by a complete one, no temporary file left.
    write(dir.path(), "report.json", "old and not JSON");
    let run = cli(dir.path(), &["--format", "json", "-o", "report.json", "a.mobileconfig"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["files"][0]["path"], "a.mobileconfig");
    assert_eq!(listing(dir.path()), ["a.mobileconfig", "folder.json", "report.json"]);
}

// ------------------------------------------------------------------------------------------------
// Permissions, failed writes, files changed on disk
// ------------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o640, 0o600, 0o755] {
        let path = write(dir.path(), "a.mobileconfig", fixable());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let run = cli(dir.path(), &["--fix", "a.mobileconfig"]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert!(std::fs::read_to_string(&path).unwrap().contains(FIXED));
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777, mode);
    }
}

/// Makes a folder immutable with `chattr +i` (which stops even root from creating files in it)
/// and undoes it on drop.
struct Immutable(PathBuf);

impl Immutable {
    fn new(dir: &Path) -> Option<Immutable> {
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Immutable(dir.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

#[cfg(unix)]
#[test]
fn a_failed_write_keeps_the_original() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("profiles");
    std::fs::create_dir(&sub).unwrap();
    let path = write(&sub, "a.mobileconfig", fixable());
    let mut tried = false;
    // A read-only folder (no temporary file can be made beside the profile). Root ignores the
    // mode; `chattr +i` stops root too, where the file system supports it.
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    let root_writes = std::fs::write(sub.join("probe"), "x").is_ok();
    let _ = std::fs::remove_file(sub.join("probe"));
    let immutable = if root_writes {
        println!("note: a mode-555 folder is writable here (root?); trying chattr +i instead");
        Immutable::new(&sub)
    } else {
        None
    };
    if !root_writes || immutable.is_some() {
        tried = true;
        let run = cli(dir.path(), &["--fix", "profiles/a.mobileconfig"]);
        assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("cannot write profiles/a.mobileconfig"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("the original is unchanged"), "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), fixable());
        // The report still describes the file as it is (the finding is not counted as fixed).
        assert!(run.stdout.contains("PL103"), "{}", run.stdout);
    }
    drop(immutable);
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(listing(&sub), ["a.mobileconfig"], "temporary files left behind");
    if !tried {
        println!("note: cannot make a folder unwritable here; the failed-write case was skipped");
    }
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    // The CLI has no hook to change a file between its read and its write. Naming the same file
    // twice does it deterministically: both copies are read and fixed, the first write changes
    // the file, and the second must see that the file is no longer what it read.
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.mobileconfig", fixable());
    let run = cli(dir.path(), &["--fix", "a.mobileconfig", "a.mobileconfig"]);
    assert!(
        run.stderr
            .contains("a.mobileconfig: changed on disk while profilelint was running; fixes not written"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    // Fixed once, by the first write only.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixable().replace(BROKEN, FIXED)
    );
}

#[cfg(unix)]
#[test]
fn fixing_through_a_symlink_fixes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = write(dir.path(), "real.mobileconfig", fixable());
    std::os::unix::fs::symlink("real.mobileconfig", dir.path().join("link.mobileconfig")).unwrap();
    let run = cli(dir.path(), &["--fix", "link.mobileconfig"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let link = std::fs::symlink_metadata(dir.path().join("link.mobileconfig")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the symlink was replaced by a regular file"
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        fixable().replace(BROKEN, FIXED),
        "the target was not fixed"
    );
}

#[test]
fn signed_and_binary_profiles_are_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let binary = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/PL103/fail_binary_string_version.mobileconfig"),
    )
    .unwrap();
    let path = write(dir.path(), "binary.mobileconfig", &binary);
    let run = cli(dir.path(), &["--fix", "--format", "json", "binary.mobileconfig"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("PL103"), "{}", run.stdout);
    assert_eq!(std::fs::read(&path).unwrap(), binary);
    assert_eq!(listing(dir.path()), ["binary.mobileconfig"]);
}
