//! Fault safety of `--fix`, `--diff` and `-o`, through the CLI binary in a temporary folder: a
//! failed write loses nothing, a file changed on disk is not overwritten, reports are written
//! atomically, `--diff` writes nothing, permissions are kept, and every byte outside the edits
//! stays as it was.

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
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    cli_raw(dir, &all, Stdio::piped())
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

// ------------------------------------------------------------------------------------------------
// What is kept, what is refused: inputs, devices, owners, attributes, links, late writers
// ------------------------------------------------------------------------------------------------

/// `profilelint ARGS` in `dir` (no options added), standard output to `stdout` (read back when
/// piped), with a time limit.
fn cli_raw(dir: &Path, args: &[&str], stdout: Stdio) -> Run {
    let child = Command::new(env!("CARGO_BIN_EXE_profilelint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(stdout)
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

#[test]
fn an_output_file_that_is_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.mobileconfig", fixable());
    std::fs::create_dir(dir.path().join("profiles")).unwrap();
    let walked = write(&dir.path().join("profiles"), "y.mobileconfig", fixable());
    let cases: &[&[&str]] = &[
        &["-o", "x.mobileconfig", "x.mobileconfig"],
        &["--fix", "-o", "x.mobileconfig", "x.mobileconfig"],
        &["--format", "json", "-o", "./x.mobileconfig", "x.mobileconfig"],
        // Inside a walked folder, named another way.
        &["-o", "profiles/../profiles/y.mobileconfig", "profiles"],
        &["--diff", "-o", "profiles/y.mobileconfig", "profiles"],
    ];
    for args in cases {
        let run = cli(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("that is an input file") && run.stderr.contains("refusing to overwrite it"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), fixable(), "{args:?}");
        assert_eq!(std::fs::read_to_string(&walked).unwrap(), fixable(), "{args:?}");
    }
    #[cfg(unix)]
    {
        // Through a symlink to the input.
        std::os::unix::fs::symlink("x.mobileconfig", dir.path().join("report.txt")).unwrap();
        let run = cli(dir.path(), &["-o", "report.txt", "x.mobileconfig"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), fixable());
    }
    assert_eq!(listing(&dir.path().join("profiles")), ["y.mobileconfig"]);
}

#[cfg(unix)]
#[test]
fn non_regular_output_targets_are_written_in_place() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.mobileconfig", fixable());
    // `-o /dev/stdout | cat`: the report on the pipe, the exit code from the findings.
    let run = cli(
        dir.path(),
        &["--format", "concise", "-o", "/dev/stdout", "x.mobileconfig"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("x.mobileconfig:26:4: PL103 [error]"),
        "{}",
        run.stdout
    );
    // A FIFO: written into, not replaced by a regular file.
    let fifo = dir.path().join("report.fifo");
    if Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let run = cli(
            dir.path(),
            &["--format", "concise", "-o", "report.fifo", "x.mobileconfig"],
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(reader.join().unwrap().contains("PL103 [error]"));
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(listing(dir.path()), ["report.fifo", "x.mobileconfig"]);
    } else {
        println!("note: cannot make a FIFO with mkfifo here; skipping the FIFO part");
    }
}

#[test]
fn diff_with_an_output_file_writes_the_report_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.mobileconfig", fixable());
    let run = cli(
        dir.path(),
        &["--diff", "--format", "sarif", "-o", "r.sarif", "x.mobileconfig"],
    );
    // The diff on standard output (exit 1: there is something to fix), nothing fixed on disk,
    // the report of the file as it is in r.sarif.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("--- a/x.mobileconfig"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixable());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let rules: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"PL103"), "{rules:?}");
}

#[cfg(unix)]
#[test]
fn a_failed_write_to_standard_output_exits_2() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("note: no /dev/full here; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.mobileconfig", fixable());
    for format in ["human", "concise", "json"] {
        let run = cli_raw(
            dir.path(),
            &["check", "--no-config", "--format", format, "x.mobileconfig"],
            Stdio::from(full.try_clone().unwrap()),
        );
        assert_eq!(run.code, 2, "{format}: {}", run.stderr);
        assert!(
            run.stderr.contains("cannot write to standard output"),
            "{format}: {}",
            run.stderr
        );
    }
    let run = cli_raw(dir.path(), &["rules"], Stdio::from(full));
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Whether this process may give files away (`chown` to another owner): root, usually.
#[cfg(unix)]
fn can_chown(path: &Path) -> bool {
    std::os::unix::fs::chown(path, Some(1234), Some(5678)).is_ok()
}

#[cfg(unix)]
#[test]
fn owner_group_mode_and_extended_attributes_are_kept() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.mobileconfig", fixable());
    let report = write(dir.path(), "report.json", "old");
    let owned = can_chown(&path) && can_chown(&report);
    if !owned {
        println!("note: cannot chown here (not root); checking mode and attributes only");
    }
    for p in [&path, &report] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let xattrs = xattr::set(&path, "user.test", b"kept").is_ok() && xattr::set(&report, "user.test", b"kept").is_ok();
    if !xattrs {
        println!("note: no user extended attributes on this file system; not checked");
    }
    let run = cli(
        dir.path(),
        &["--fix", "--format", "json", "-o", "report.json", "a.mobileconfig"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&path).unwrap().contains(FIXED));
    assert!(std::fs::read_to_string(&report).unwrap().contains("\"version\": 1"));
    for p in [&path, &report] {
        let meta = std::fs::metadata(p).unwrap();
        if owned {
            assert_eq!((meta.uid(), meta.gid()), (1234, 5678), "{}", p.display());
        }
        assert_eq!(meta.mode() & 0o7777, 0o640, "{}", p.display());
        if xattrs {
            assert_eq!(
                xattr::get(p, "user.test").unwrap().as_deref(),
                Some(&b"kept"[..]),
                "{}",
                p.display()
            );
        }
    }
    assert_eq!(listing(dir.path()), ["a.mobileconfig", "report.json"]);
}

#[cfg(unix)]
#[test]
fn files_with_more_than_one_hard_link_are_refused() {
    use std::os::unix::fs::MetadataExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.mobileconfig", fixable());
    std::fs::hard_link(&path, dir.path().join("b.mobileconfig")).unwrap();
    let run = cli(dir.path(), &["--fix", "a.mobileconfig"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot write a.mobileconfig: it has 2 hard links, which replacing it would break"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixable());
    assert_eq!(std::fs::metadata(&path).unwrap().nlink(), 2, "the link was broken");
    // The same for a report file.
    let report = write(dir.path(), "r.json", "old");
    std::fs::hard_link(&report, dir.path().join("r2.json")).unwrap();
    let run = cli(dir.path(), &["--format", "json", "-o", "r.json", "a.mobileconfig"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("it has 2 hard links"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("r2.json")).unwrap(), "old");
    assert_eq!(
        listing(dir.path()),
        ["a.mobileconfig", "b.mobileconfig", "r.json", "r2.json"]
    );
}

/// The PL901 fixture's profile: an inline `allow(SSO207)` over a key SSO207 reports.
fn suppressed() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/PL901/pass_used_inline.mobileconfig"),
    )
    .unwrap()
}

#[test]
fn a_suppression_of_a_rule_that_is_off_is_neither_unused_nor_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.mobileconfig", suppressed());
    write(dir.path(), "off.toml", "[rules]\nSSO207 = \"off\"\n");
    write(
        dir.path(),
        "ignore.toml",
        "[[ignore]]\nrules = [\"SSO207\"]\nreason = \"support case\"\n",
    );
    let ways: &[&[&str]] = &[
        &["--no-config", "--ignore", "SSO207"],
        &["--no-config", "--ignore", "debug-mode-enabled"],
        &["--no-config", "--severity", "SSO207=off"],
        &["--no-config", "--select", "SSO1,PL9"],
        &["--config", "off.toml"],
    ];
    for way in ways {
        for fix in [false, true] {
            let mut args = vec!["check", "--format", "json"];
            args.extend_from_slice(way);
            if fix {
                args.push("--fix");
            }
            args.push("a.mobileconfig");
            let run = cli_raw(dir.path(), &args, Stdio::piped());
            assert!(run.code < 2, "{args:?}: {}", run.stderr);
            assert!(!run.stdout.contains("PL901"), "{args:?}: {}", run.stdout);
            assert_eq!(std::fs::read_to_string(&path).unwrap(), suppressed(), "{args:?}");
        }
    }
    // An `[[ignore]]` entry for a rule that is off is not unused either.
    let run = cli_raw(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "ignore.toml",
            "--ignore",
            "SSO207",
            "a.mobileconfig",
        ],
        Stdio::piped(),
    );
    assert!(!run.stdout.contains("PL901"), "{}", run.stdout);
    // With the rule on and nothing to suppress, the suppression is unused, and `--fix` removes it.
    let plain = suppressed().replace(
        "<integer>1</integer>\n\t\t\t\t<key>device_registration",
        "<integer>0</integer>\n\t\t\t\t<key>device_registration",
    );
    assert_ne!(plain, suppressed());
    write(dir.path(), "a.mobileconfig", &plain);
    let run = cli(dir.path(), &["--format", "json", "a.mobileconfig"]);
    assert!(run.stdout.contains("PL901"), "{}", run.stdout);
    let run = cli(dir.path(), &["--fix", "a.mobileconfig"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!std::fs::read_to_string(&path).unwrap().contains("profilelint: allow"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // More report than a pipe holds, so the writes meet the closed pipe whatever the timing.
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("many");
    std::fs::create_dir(&sub).unwrap();
    for i in 0..100 {
        write(&sub, &format!("{i}.mobileconfig"), fixable());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_profilelint"))
        .args(["check", "--no-config", "--format", "json", "-j", "1", "many"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
