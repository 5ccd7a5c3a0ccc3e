//! Hostile input: what an attacker-controlled or corrupt file can do to the linter. Each case
//! names the diagnostic it must produce, checks that the other inputs of the run are still linted,
//! and bounds the time (every library case runs on a thread with the default 2 MiB stack, so
//! recursion driven by input would overflow it); CLI cases also check the exit code and run under
//! an address-space limit. Big inputs are generated here (`tests/it/hostile/gen.rs`), never checked in.

mod gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use profilelint::config::Config;
use profilelint::{Diagnostic, FileOrigin, Limits, LintSet, Linter, Severity, Span};

// ------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------

/// A valid profile with known findings, linted beside every hostile input to show that the other
/// inputs of a run are still linted.
const GOOD: &str = "good.mobileconfig";

fn good_bytes() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ios-jit-sso-broken.mobileconfig")).unwrap()
}

/// Runs `f` on a fresh thread (default stack) and fails if it takes longer than `limit`.
fn within<T: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> T + Send + 'static) -> (T, Duration) {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    std::thread::Builder::new()
        .name(what.to_owned())
        .spawn(move || {
            let out = f();
            let _ = tx.send(out);
        })
        .unwrap();
    match rx.recv_timeout(limit) {
        Ok(out) => (out, started.elapsed()),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: not done after {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the worker thread died (panic or stack overflow)"),
    }
}

/// Lints `hostile` (as `name`) together with the good profile, with `limits`, within `limit`.
/// Checks that the good profile's findings are exactly those it has when linted alone, and
/// returns the diagnostics of the hostile file.
fn lint_beside_good(name: &'static str, hostile: Vec<u8>, limits: Limits, limit: Duration) -> Vec<Diagnostic> {
    let (alone, _) = within(limit, "good alone", move || {
        let mut set = LintSet::new(limits);
        set.add_bytes(GOOD, &good_bytes(), FileOrigin::Named);
        summary(&Linter::new(Config::default()).check(&set).into_diagnostics())
    });
    let ((hostile_diags, good_diags), elapsed) = within(limit, name, move || {
        let mut set = LintSet::new(limits);
        set.add_bytes(name, &hostile, FileOrigin::Named);
        set.add_bytes(GOOD, &good_bytes(), FileOrigin::Named);
        let report = Linter::new(Config::default()).check(&set);
        let (good, hostile): (Vec<Diagnostic>, Vec<Diagnostic>) =
            report.into_diagnostics().into_iter().partition(|d| d.path() == GOOD);
        (hostile, summary(&good))
    });
    assert!(!alone.is_empty(), "the good profile is expected to have findings");
    assert_eq!(good_diags, alone, "{name}: the other file's findings changed");
    println!("{name}: {elapsed:.2?}");
    hostile_diags
}

fn lint_one(name: &'static str, bytes: Vec<u8>) -> Vec<Diagnostic> {
    lint_beside_good(name, bytes, Limits::default(), Duration::from_secs(10))
}

/// `(code, key path, span)` of each diagnostic, for comparisons.
fn summary(diagnostics: &[Diagnostic]) -> Vec<(String, Option<String>, Option<Span>)> {
    diagnostics
        .iter()
        .map(|d| (d.code().to_string(), d.key_path().map(str::to_owned), d.span()))
        .collect()
}

/// The one diagnostic of a file, which must have this code and be an error.
fn only(diagnostics: &[Diagnostic], code: &str) -> Diagnostic {
    let codes: Vec<(&str, &str)> = diagnostics.iter().map(|d| (d.code(), d.message.as_str())).collect();
    assert_eq!(diagnostics.len(), 1, "expected one {code}, got {codes:?}");
    let d = diagnostics[0].clone();
    assert_eq!(d.code(), code, "{codes:?}");
    assert_eq!(d.severity, Severity::Error, "{codes:?}");
    d
}

fn offset_of(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).position(|w| w == needle).unwrap()
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)).unwrap()
}

// ------------------------------------------------------------------------------------------------
// The CLI
// ------------------------------------------------------------------------------------------------

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }

    /// `(path, code)` of every diagnostic in the JSON report.
    fn codes(&self) -> Vec<(String, String)> {
        self.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_owned(),
                    d["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    /// The paths listed under `files`.
    fn files(&self) -> Vec<String> {
        self.json()["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect()
    }

    fn codes_of(&self, path: &str) -> Vec<String> {
        self.codes()
            .into_iter()
            .filter(|(p, _)| p == path)
            .map(|(_, c)| c)
            .collect()
    }
}

/// Runs `profilelint check --no-config --format json ARGS` in `dir` with a time limit and an
/// address-space limit of 2 GiB (through `sh -c 'ulimit -v …; exec …'`).
fn cli(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_profilelint"))
        .args(["check", "--no-config", "--format", "json", "--color", "never"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the pipes on threads so a full pipe cannot stall the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).unwrap();
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("profilelint {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed: started.elapsed(),
    };
    assert!(!run.stderr.contains("panicked"), "panic: {}", run.stderr);
    run
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Makes a FIFO with `mkfifo`; `false` (with a note) where that is not possible.
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        _ => {
            println!("note: cannot make a FIFO with mkfifo here; skipping the FIFO part");
            false
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Depth, size and count limits
// ------------------------------------------------------------------------------------------------

#[test]
fn deeply_nested_xml_is_a_limit_not_a_stack_overflow() {
    let text = gen::nested_xml_arrays(200_000);
    let d = only(&lint_one("deep.mobileconfig", text.into_bytes()), "PL006");
    assert!(
        d.message.contains("nesting deeper than the limit of 128"),
        "{}",
        d.message
    );
    // The 129th `<array>` is where it broke.
    let at = "<plist>".len() + 128 * "<array>".len();
    assert_eq!(d.span(), Some(Span::new(at, at + "<array>".len())));
}

#[test]
fn deeply_nested_json_is_a_limit_not_a_stack_overflow() {
    let text = gen::nested_json_arrays(200_000);
    let d = only(&lint_one("deep.json", text.into_bytes()), "PL006");
    assert!(
        d.message.contains("nesting deeper than the limit of 128"),
        "{}",
        d.message
    );
    assert_eq!(d.span(), Some(Span::new(128, 129)));
}

/// Runs `body` in a child process (this test binary, re-run for this one test), so that a stack
/// overflow, which aborts the whole process, fails this test only.
fn isolated(name: &str, body: impl FnOnce()) {
    if std::env::var_os("PROFILELINT_HOSTILE_CHILD").is_some() {
        body();
        return;
    }
    // The test's full name in this binary: its module path without the crate's name.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &format!("{module}::{name}"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PROFILELINT_HOSTILE_CHILD", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    print!("{stdout}");
    assert!(
        output.status.success(),
        "{name} failed in its child process ({}; SIGABRT is how a stack overflow ends):\n{stderr}",
        output.status
    );
    assert!(stdout.contains("1 passed"), "{name}: the child ran no test:\n{stdout}");
}

#[test]
fn deeply_nested_binary_plist_is_a_limit_not_a_stack_overflow() {
    isolated("deeply_nested_binary_plist_is_a_limit_not_a_stack_overflow", || {
        // 100,000 arrays, each holding the next (a 900 KB file): the depth limit must refuse it
        // without recursion, on a thread with the default 2 MiB stack.
        let d = only(&lint_one("deep.plist", gen::bplist_deep_arrays(100_000)), "PL006");
        assert!(
            d.message.contains("nesting deeper than the limit of 128"),
            "{}",
            d.message
        );
        assert_eq!(d.span(), None);
    });
}

#[test]
fn deeply_nested_binary_plist_through_the_cli() {
    // 1,000,000 levels: a 9 MB file, far below the 64 MiB size limit.
    let dir = tempdir();
    write(dir.path(), "deep.plist", gen::bplist_deep_arrays(1_000_000));
    write(dir.path(), GOOD, good_bytes());
    let run = cli(dir.path(), &["deep.plist", GOOD], Duration::from_secs(30));
    assert_eq!(
        run.code, 1,
        "exit code {} (-1: killed by a signal; SIGABRT is a stack overflow)\n{}",
        run.code, run.stderr
    );
    assert_eq!(run.codes_of("deep.plist"), ["PL006"]);
    assert!(!run.codes_of(GOOD).is_empty());
    println!("1,000,000 nested arrays in a binary plist, CLI: {:.2?}", run.elapsed);
}

#[test]
fn a_million_keys_in_xml_parse_in_bounded_time() {
    let keys = 1_000_000;
    let text = gen::big_dict_xml(keys);
    let bytes = text.len();
    let ((count, diagnostics, parse), elapsed) = within(Duration::from_secs(60), "1M keys (XML)", move || {
        let started = Instant::now();
        let mut set = LintSet::new(Limits::default());
        set.add_bytes("keys.plist", text.as_bytes(), FileOrigin::Named);
        let parse = started.elapsed();
        let tree = set.documents()[0].tree();
        let dict = tree.elements(tree.root().unwrap())[0];
        let count = tree.entries(dict).len();
        (
            count,
            Linter::new(Config::default()).check(&set).into_diagnostics(),
            parse,
        )
    });
    println!("1,000,000-key XML dict ({bytes} bytes): read in {parse:.2?}, read and linted in {elapsed:.2?}");
    assert_eq!(count, keys);
    // A bare array of dicts is not a profile: PL005 (info) and nothing else.
    assert_eq!(diagnostics.iter().map(|d| d.code()).collect::<Vec<_>>(), ["PL005"]);
    // Linear work; generous for a debug build on a loaded machine (about 10 s measured here).
    assert!(elapsed < Duration::from_secs(45), "1M keys took {elapsed:.2?}");
}

#[test]
fn a_million_keys_in_json_parse_in_bounded_time() {
    let keys = 1_000_000;
    let text = gen::big_dict_json(keys);
    let bytes = text.len();
    let ((count, diagnostics, parse), elapsed) = within(Duration::from_secs(60), "1M keys (JSON)", move || {
        let started = Instant::now();
        let mut set = LintSet::new(Limits::default());
        set.add_bytes("keys.json", text.as_bytes(), FileOrigin::Named);
        let parse = started.elapsed();
        let tree = set.documents()[0].tree();
        let object = tree.elements(tree.root().unwrap())[0];
        let count = tree.entries(object).len();
        (
            count,
            Linter::new(Config::default()).check(&set).into_diagnostics(),
            parse,
        )
    });
    println!("1,000,000-key JSON object ({bytes} bytes): read in {parse:.2?}, read and linted in {elapsed:.2?}");
    assert_eq!(count, keys);
    // A bare array of dicts is not a profile: PL005 (info) and nothing else.
    assert_eq!(diagnostics.iter().map(|d| d.code()).collect::<Vec<_>>(), ["PL005"]);
    // Linear work; generous for a debug build on a loaded machine (about 10 s measured here).
    assert!(elapsed < Duration::from_secs(45), "1M keys took {elapsed:.2?}");
}

#[test]
fn the_node_limit_stops_a_huge_dict() {
    let limits = Limits {
        max_nodes: 1000,
        ..Limits::default()
    };
    for (name, text) in [
        ("nodes.plist", gen::big_dict_xml(5000)),
        ("nodes.json", gen::big_dict_json(5000)),
    ] {
        let d = only(
            &lint_beside_good(name, text.into_bytes(), limits, Duration::from_secs(10)),
            "PL006",
        );
        assert!(d.message.contains("1000"), "{name}: {}", d.message);
    }
}

/// Lints `bytes` alone, within `limit`; returns the codes found and the time taken.
fn lint_alone_timed(name: &'static str, bytes: Vec<u8>, limit: Duration) -> (Vec<String>, Duration) {
    within(limit, name, move || {
        let mut set = LintSet::new(Limits::default());
        set.add_bytes(name, &bytes, FileOrigin::Named);
        // Every finding: the time of the rules is measured, not the cap on what is shown.
        Linter::new(Config::default())
            .with_finding_cap(usize::MAX)
            .check(&set)
            .diagnostics()
            .iter()
            .map(|d| d.code().to_string())
            .collect::<Vec<_>>()
    })
}

/// Lints the input `make(n)` for a small and an 8 times larger `n` and checks that the time grows
/// far less than quadratically (a quadratic step makes it 64 times longer; the bound is 30 times,
/// for noisy machines), and that the larger one has `n - 1` findings of `code`.
fn assert_linear(name: &'static str, code: &'static str, make: fn(usize) -> Vec<u8>) {
    let (small, large) = (2_500, 20_000);
    let (codes, small_time) = lint_alone_timed(name, make(small), Duration::from_secs(20));
    assert_eq!(codes.iter().filter(|c| *c == code).count(), small - 1, "{name}");
    let (codes, large_time) = lint_alone_timed(name, make(large), Duration::from_secs(40));
    assert_eq!(codes.iter().filter(|c| *c == code).count(), large - 1, "{name}");
    println!("{name}: {small} entries in {small_time:.2?}, {large} in {large_time:.2?}");
    assert!(
        large_time < small_time * 30 + Duration::from_millis(500),
        "{name}: 8 times the entries took {:.1} times as long ({small_time:.2?}, {large_time:.2?}): quadratic?",
        large_time.as_secs_f64() / small_time.as_secs_f64()
    );
}

#[test]
fn many_duplicate_json_keys_take_linear_time() {
    // One key n times on one line: n - 1 PL004 findings, each with a fix.
    assert_linear("dup.json", "PL004", |n| {
        format!("{{{}}}", vec!["\"a\":1"; n].join(",")).into_bytes()
    });
}

#[test]
fn many_duplicate_xml_keys_take_linear_time() {
    assert_linear("dup.plist", "PL004", |n| {
        format!(
            "<plist><array><dict>{}</dict></array></plist>",
            "<key>a</key><integer>1</integer>".repeat(n)
        )
        .into_bytes()
    });
}

#[test]
fn many_duplicate_bundle_ids_take_linear_time() {
    // An `AppAllowList` array of n copies of one bundle id, on one line: n - 1 SSO304 findings.
    assert_linear("bundles.mobileconfig", "SSO304", |n| {
        let good = String::from_utf8(good_bytes()).unwrap();
        let list = format!(
            "<key>AppAllowList</key><array>{}</array>",
            "<string>com.contoso.app</string>".repeat(n)
        );
        let at = good.find("<key>AppAllowList</key>").unwrap();
        let end = at + good[at..].find("</string>").unwrap() + "</string>".len();
        format!("{}{list}{}", &good[..at], &good[end..]).into_bytes()
    });
}

#[test]
fn indentation_lookup_does_not_scan_a_whole_line() {
    // Edits look up the indentation before an offset; on a one-line file (minified JSON, XML
    // without newlines) with many findings, scanning back to the line start each time is
    // quadratic. 2,000 lookups at the end of a 4 MB line take milliseconds when each is bounded.
    let text = "<a/>".repeat(1 << 20);
    let (_, elapsed) = within(Duration::from_secs(60), "indentation_at", move || {
        for i in 0..2_000 {
            let (indent, alone) = profilelint::internals::edits::indentation_at(&text, text.len() - 4 * (i % 100));
            assert!(indent.is_empty() && !alone);
        }
    });
    println!("2,000 indentation lookups on a 4 MB line: {elapsed:.2?}");
    assert!(
        elapsed < Duration::from_secs(1),
        "took {elapsed:.2?}: each lookup scans the line"
    );
}

#[test]
fn one_byte_over_the_size_limit_is_pl006() {
    let limits = Limits {
        max_file_size: 4096,
        ..Limits::default()
    };
    let good = good_bytes();
    assert!(good.len() < 4096);
    let mut at_limit = good.clone();
    at_limit.resize(4096, b'\n');
    let mut over = at_limit.clone();
    over.push(b'\n');
    // Exactly at the limit: read normally, with the same findings as without the padding.
    let lint_alone = move |bytes: Vec<u8>| {
        within(Duration::from_secs(10), "at limit", move || {
            let mut set = LintSet::new(limits);
            set.add_bytes(GOOD, &bytes, FileOrigin::Named);
            summary(&Linter::new(Config::default()).check(&set).into_diagnostics())
        })
        .0
    };
    let padded = lint_alone(at_limit);
    assert!(padded.iter().all(|(code, _, _)| code != "PL006"), "{padded:?}");
    assert_eq!(padded, lint_alone(good));
    let d = only(
        &lint_beside_good("over.mobileconfig", over, limits, Duration::from_secs(10)),
        "PL006",
    );
    assert!(d.message.contains("size limit of 4096 bytes"), "{}", d.message);
    // The default limit (64 MiB): one byte over is refused before any parsing.
    let huge = vec![b' '; 64 * 1024 * 1024 + 1];
    let d = only(&lint_one("huge.mobileconfig", huge), "PL006");
    assert!(d.message.contains("67108864"), "{}", d.message);
}

// ------------------------------------------------------------------------------------------------
// DTDs and entities: nothing read, nothing expanded
// ------------------------------------------------------------------------------------------------

#[test]
fn dtd_entities_are_never_read_or_expanded() {
    let dir = tempdir();
    let secret = write(dir.path(), "secret.txt", "EXTERNAL-ENTITY-SECRET");
    // An external entity on a FIFO: opening it would block forever.
    let fifo = dir.path().join("entity.fifo");
    let target = if mkfifo(&fifo) { fifo } else { secret.clone() };
    let external = format!("file://{}", secret.display());
    let parameter = format!("file://{}", target.display());
    let cases = [("int.mobileconfig", "&int;"), ("ext.mobileconfig", "&ext;")];
    for (name, reference) in cases {
        let text = gen::doctype_entities(&external, &parameter, reference);
        let d = only(&lint_one(name, text.clone().into_bytes()), "PL001");
        assert!(d.message.contains("DTD entities are never expanded"), "{}", d.message);
        let at = text.find(reference).unwrap();
        assert_eq!(d.span(), Some(Span::new(at, at + reference.len())), "{name}");
    }
    // Declarations alone are skipped: the document reads as a plist with the literal text.
    let text = gen::doctype_entities(&external, &parameter, "");
    let mut set = LintSet::new(Limits::default());
    set.add_bytes("decl.plist", text.as_bytes(), FileOrigin::Named);
    let tree = set.documents()[0].tree();
    let root = tree.root().unwrap();
    assert_eq!(tree.str_key(root, "PayloadDisplayName"), Some("xy"));
    // Through the CLI: nothing of the secret file appears, and nothing blocks on the FIFO.
    write(
        dir.path(),
        "ext.mobileconfig",
        gen::doctype_entities(&external, &parameter, "&ext;"),
    );
    write(dir.path(), GOOD, good_bytes());
    let run = cli(dir.path(), &["ext.mobileconfig", GOOD], Duration::from_secs(20));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.codes_of("ext.mobileconfig"), ["PL001"]);
    assert!(!run.codes_of(GOOD).is_empty());
    assert!(!run.stdout.contains("EXTERNAL-ENTITY-SECRET") && !run.stderr.contains("EXTERNAL-ENTITY-SECRET"));
}

#[test]
fn billion_laughs_is_pl001_and_fast() {
    let text = gen::billion_laughs();
    let (diags, elapsed) = within(Duration::from_secs(10), "billion laughs", move || {
        lint_one("lol.mobileconfig", text.into_bytes())
    });
    let d = only(&diags, "PL001");
    assert!(d.message.contains("`&lol9;`"), "{}", d.message);
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    // Through the CLI, under the address-space limit.
    let dir = tempdir();
    write(dir.path(), "lol.mobileconfig", gen::billion_laughs());
    let run = cli(dir.path(), &["lol.mobileconfig"], Duration::from_secs(20));
    assert_eq!(
        (run.code, run.codes_of("lol.mobileconfig")),
        (1, vec!["PL001".to_owned()]),
        "{}",
        run.stderr
    );
}

// ------------------------------------------------------------------------------------------------
// Encodings
// ------------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let cases: [(&'static str, Vec<u8>, &str, usize); 5] = [
        (
            "bad.mobileconfig",
            b"<plist><string>\xC3\x28</string></plist>".to_vec(),
            "PL001",
            15,
        ),
        (
            "bad-bom.mobileconfig",
            b"\xEF\xBB\xBF<plist><string>ok\xFF</string></plist>".to_vec(),
            "PL001",
            20,
        ),
        (
            "truncated.mobileconfig",
            b"<plist><string>\xE2\x82".to_vec(),
            "PL001",
            15,
        ),
        ("bad.json", b"{\"a\": \"\xFF\"}".to_vec(), "PL002", 7),
        ("overlong.json", b"{\"a\": \"\xC0\xAF\"}".to_vec(), "PL002", 7),
    ];
    for (name, bytes, code, at) in cases {
        let d = only(&lint_one(name, bytes), code);
        assert_eq!(d.message, format!("invalid UTF-8 at byte {at}"), "{name}");
        assert_eq!(d.span(), Some(Span::new(at, at + 1)), "{name}");
    }
}

#[test]
fn unpaired_utf16_surrogates_name_the_byte_offset() {
    let xml_before = "<plist><string>";
    let xml_after = "</string></plist>";
    let json_before = "{\"a\": \"";
    let json_after = "\"}";
    for little in [true, false] {
        for unit in [0xD800u16, 0xDFFF] {
            let xml = gen::utf16_with_unit(xml_before, unit, xml_after, little);
            let d = only(&lint_one("utf16.mobileconfig", xml), "PL001");
            let at = 2 + 2 * xml_before.len();
            assert_eq!(
                d.span(),
                Some(Span::new(at, at + 1)),
                "{little} {unit:#x}: {}",
                d.message
            );
            assert!(d.message.contains("UTF-16"), "{}", d.message);
            let json = gen::utf16_with_unit(json_before, unit, json_after, little);
            let d = only(&lint_one("utf16.json", json), "PL002");
            let at = 2 + 2 * json_before.len();
            assert_eq!(
                d.span(),
                Some(Span::new(at, at + 1)),
                "{little} {unit:#x}: {}",
                d.message
            );
        }
    }
    // A high surrogate as the very last unit, and an odd number of bytes.
    let mut bytes = gen::utf16_with_unit("<plist><string>", 0xD83D, "", true);
    let d = only(&lint_one("utf16-end.mobileconfig", bytes.clone()), "PL001");
    assert_eq!(d.span(), Some(Span::new(bytes.len() - 2, bytes.len() - 1)));
    bytes.truncate(bytes.len() - 1);
    let d = only(&lint_one("utf16-odd.mobileconfig", bytes.clone()), "PL001");
    assert_eq!(d.span(), Some(Span::new(bytes.len() - 1, bytes.len())));
}

#[test]
fn nul_bytes_in_json() {
    // A raw NUL in a JSON string is a control character JSON forbids.
    let d = only(&lint_one("nul.json", b"{\"a\": \"x\0y\"}".to_vec()), "PL002");
    assert_eq!(d.span().map(|s| s.start), Some(8), "{}", d.message);
    // NUL between tokens is not JSON whitespace.
    let d = only(&lint_one("nul2.json", b"{\"a\":\0 1}".to_vec()), "PL002");
    assert_eq!(d.span().map(|s| s.start), Some(5), "{}", d.message);
}

#[test]
fn nul_bytes_in_xml() {
    // UTF-16 text without a byte order mark reads as UTF-8 with NULs: not a plist.
    let text: Vec<u8> = "<plist><dict/></plist>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    only(&lint_one("utf16-nobom.mobileconfig", text), "PL001");
    // XML 1.0 allows no U+0000 anywhere, not even as a character reference.
    let d = only(
        &lint_one("nul.mobileconfig", b"<plist><string>x\0y</string></plist>".to_vec()),
        "PL001",
    );
    assert_eq!(d.span().map(|s| s.start), Some(16), "{}", d.message);
    only(
        &lint_one(
            "nulref.mobileconfig",
            b"<plist><string>x&#0;y</string></plist>".to_vec(),
        ),
        "PL001",
    );
    // Only NULs: not a format we read. Named as a profile, it is a broken profile (PL001);
    // under another name, PL005 for a file named explicitly (an info).
    let diags = lint_one("zeros.mobileconfig", vec![0; 4096]);
    assert_eq!(
        diags.iter().map(|d| (d.code(), d.severity)).collect::<Vec<_>>(),
        [("PL001", Severity::Error)]
    );
    let diags = lint_one("zeros.bin", vec![0; 4096]);
    assert_eq!(
        diags.iter().map(|d| (d.code(), d.severity)).collect::<Vec<_>>(),
        [("PL005", Severity::Info)]
    );
}

// ------------------------------------------------------------------------------------------------
// Binary plists
// ------------------------------------------------------------------------------------------------

#[test]
fn binary_plist_with_bad_object_references_is_pl001() {
    let cases: Vec<(&'static str, Vec<u8>)> = vec![
        // An array holding itself.
        ("cycle-array.plist", gen::bplist(&[&[0xA1, 0x00]], 0, None, None)),
        // A dict whose value is the dict itself (key "a").
        (
            "cycle-dict.plist",
            gen::bplist(&[&[0xD1, 0x01, 0x00], &[0x51, b'a']], 0, None, None),
        ),
        // Two arrays holding each other.
        (
            "cycle-pair.plist",
            gen::bplist(&[&[0xA1, 0x01], &[0xA1, 0x00]], 0, None, None),
        ),
        // A reference past the object table.
        ("out-of-range.plist", gen::bplist(&[&[0xA1, 0x05]], 0, None, None)),
        // A top object past the table.
        ("top-out-of-range.plist", gen::bplist(&[&[0x09]], 7, None, None)),
        // The trailer claims 2^62 objects.
        ("huge-count.plist", gen::bplist(&[&[0x09]], 0, Some(1 << 62), None)),
        // The offset table lies beyond the end of the file.
        ("table-past-end.plist", gen::bplist(&[&[0x09]], 0, None, Some(1 << 40))),
        // An array claiming 2^40 elements (long-form count).
        (
            "huge-array.plist",
            gen::bplist(
                &[&[0xAF, 0x13, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00]],
                0,
                None,
                None,
            ),
        ),
        // Truncated: the header only.
        ("header-only.plist", b"bplist00".to_vec()),
    ];
    for (name, bytes) in cases {
        let (diags, elapsed) = within(Duration::from_secs(10), name, move || lint_one(name, bytes));
        let d = only(&diags, "PL001");
        assert!(d.message.starts_with("invalid binary plist"), "{name}: {}", d.message);
        assert_eq!(d.span(), None, "{name}");
        assert!(elapsed < Duration::from_secs(5), "{name}: {elapsed:?}");
    }
}

// ------------------------------------------------------------------------------------------------
// Signed profiles
// ------------------------------------------------------------------------------------------------

#[test]
fn truncated_der_is_pl003() {
    let der = fixture("../fixtures/signed/sso-der.mobileconfig");
    let ber = fixture("../fixtures/signed/sso-ber.mobileconfig");
    for (which, full) in [("der", &der), ("ber", &ber)] {
        // From 16 bytes on, the file still shows a SEQUENCE holding an OBJECT IDENTIFIER (CMS).
        for cut in [16, 64, full.len() / 2, full.len() - 1] {
            let bytes = full[..cut].to_vec();
            let d = only(&lint_one("cut.mobileconfig", bytes), "PL003");
            assert!(
                d.message.contains("truncated or malformed"),
                "{which} cut at {cut}: {}",
                d.message
            );
        }
    }
}

#[test]
fn oversized_der_lengths_are_pl003() {
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    // The outer SEQUENCE claims far more than the file holds, with 4 and 8 length bytes.
    for (len, count) in [(0xFFFF_FFFF, 4u8), (u64::MAX, 8)] {
        let mut bytes = gen::der_sequence_header(len, count);
        bytes.extend_from_slice(gen::SIGNED_DATA_OID);
        bytes.extend_from_slice(&[0xA0, 0x03, 0x30, 0x01, 0x00]);
        cases.push((format!("{count} length bytes"), bytes));
    }
    // The real profile with its eContent OCTET STRING length made huge.
    let mut der = fixture("../fixtures/signed/sso-der.mobileconfig");
    let content =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/signed/sso-der.plist")).unwrap();
    let at = offset_of(&der, &content[..32]);
    // `04 82 hi lo` precedes the content.
    assert_eq!(der[at - 4], 0x04);
    der[at - 2] = 0xFF;
    der[at - 1] = 0xFF;
    cases.push(("eContent length".to_owned(), der));
    // 100,000 nested indefinite-length SEQUENCEs.
    let mut deep = vec![0x30, 0x80];
    deep.extend_from_slice(gen::SIGNED_DATA_OID);
    for _ in 0..100_000 {
        deep.extend_from_slice(&[0x30, 0x80]);
    }
    cases.push(("deep indefinite nesting".to_owned(), deep));
    for (what, bytes) in cases {
        let (diags, elapsed) = within(Duration::from_secs(10), "der", move || {
            lint_one("der.mobileconfig", bytes)
        });
        let d = only(&diags, "PL003");
        assert!(d.message.contains("malformed"), "{what}: {}", d.message);
        assert!(elapsed < Duration::from_secs(5), "{what}: {elapsed:?}");
    }
    // Nine length bytes (more than any length can need) do not even look like DER: the file is
    // not recognised as CMS, plist or JSON (PL005, an info, for a file named explicitly; PL001
    // when its name says it is a profile).
    let mut bytes = gen::der_sequence_header(0, 9);
    bytes.extend_from_slice(gen::SIGNED_DATA_OID);
    let diags = lint_one("nine.p7m", bytes.clone());
    assert_eq!(diags.iter().map(|d| d.code()).collect::<Vec<_>>(), ["PL005"]);
    let diags = lint_one("nine.mobileconfig", bytes);
    assert_eq!(diags.iter().map(|d| d.code()).collect::<Vec<_>>(), ["PL001"]);
}

#[test]
fn encrypted_profile_is_pl003() {
    let d = only(
        &lint_one(
            "encrypted.mobileconfig",
            fixture("../fixtures/signed/encrypted.mobileconfig"),
        ),
        "PL003",
    );
    assert!(d.message.contains("encrypted (CMS EnvelopedData)"), "{}", d.message);
}

// ------------------------------------------------------------------------------------------------
// The file system, through the CLI
// ------------------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loops_end_the_walk_and_other_files_are_linted() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    let root = dir.path().join("profiles");
    write(&root, GOOD, good_bytes());
    write(&root, "sub/deep.mobileconfig", good_bytes());
    symlink(&root, root.join("loop")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink("self.mobileconfig", root.join("self.mobileconfig")).unwrap();
    let run = cli(dir.path(), &["profiles"], Duration::from_secs(20));
    assert_eq!(
        run.files(),
        ["profiles/good.mobileconfig", "profiles/sub/deep.mobileconfig"],
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.codes_of("profiles/good.mobileconfig").is_empty());
    // A self-referencing symlink named explicitly cannot be read: exit 2, the other file linted.
    let run = cli(
        dir.path(),
        &["profiles/self.mobileconfig", "profiles/good.mobileconfig"],
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot read profiles/self.mobileconfig"),
        "{}",
        run.stderr
    );
    assert_eq!(run.files(), ["profiles/good.mobileconfig"]);
    println!("symlink loops: {:.2?}", run.elapsed);
}

#[cfg(unix)]
#[test]
fn unreadable_paths_exit_2_and_other_files_are_linted() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = tempdir();
    write(dir.path(), GOOD, good_bytes());
    // A dangling symlink named explicitly: unreadable for everyone, root included.
    symlink("missing.mobileconfig", dir.path().join("dangling.mobileconfig")).unwrap();
    let run = cli(dir.path(), &["dangling.mobileconfig", GOOD], Duration::from_secs(20));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot read dangling.mobileconfig"),
        "{}",
        run.stderr
    );
    assert_eq!(run.files(), [GOOD]);
    assert!(!run.codes_of(GOOD).is_empty());
    // chmod 000: only meaningful when not running as root (root reads it anyway).
    let locked = write(dir.path(), "locked.mobileconfig", good_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&locked).is_ok() {
        println!("note: running with permission to read a mode-000 file (root?); skipping the chmod 000 case");
        return;
    }
    let run = cli(dir.path(), &["locked.mobileconfig", GOOD], Duration::from_secs(20));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot read locked.mobileconfig"), "{}", run.stderr);
    assert_eq!(run.files(), [GOOD]);
}

#[cfg(unix)]
#[test]
fn fifos_are_never_opened() {
    let dir = tempdir();
    write(dir.path(), &format!("walked/{GOOD}"), good_bytes());
    if !mkfifo(&dir.path().join("walked/pipe.mobileconfig")) {
        return;
    }
    // Walked: skipped, no hang.
    let run = cli(dir.path(), &["walked"], Duration::from_secs(20));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.files(), [format!("walked/{GOOD}")]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // Named explicitly: exit 2 with a clear message, the other file still linted.
    let run = cli(
        dir.path(),
        &["walked/pipe.mobileconfig", &format!("walked/{GOOD}")],
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot read walked/pipe.mobileconfig: not a regular file or folder"),
        "{}",
        run.stderr
    );
    assert_eq!(run.files(), [format!("walked/{GOOD}")]);
}

/// Every hostile file of this suite in one folder, walked by the CLI in one run: each gets its
/// diagnostic, the good profile is linted, the exit code is 1, in bounded time and memory.
#[test]
fn one_run_over_a_folder_of_hostile_files() {
    let dir = tempdir();
    let d = dir.path().join("in");
    write(&d, GOOD, good_bytes());
    write(&d, "deep.mobileconfig", gen::nested_xml_arrays(200_000));
    write(&d, "deep.json", gen::nested_json_arrays(200_000));
    write(&d, "deep.plist", gen::bplist_deep_arrays(100_000));
    write(&d, "lol.mobileconfig", gen::billion_laughs());
    write(&d, "utf8.mobileconfig", b"<plist><string>\xC3\x28</string></plist>");
    write(
        &d,
        "utf16.json",
        gen::utf16_with_unit("{\"a\": \"", 0xD800, "\"}", true),
    );
    write(&d, "cycle.plist", gen::bplist(&[&[0xA1, 0x00]], 0, None, None));
    write(
        &d,
        "encrypted.mobileconfig",
        fixture("../fixtures/signed/encrypted.mobileconfig"),
    );
    let mut der = fixture("../fixtures/signed/sso-der.mobileconfig");
    der.truncate(der.len() / 2);
    write(&d, "truncated.mobileconfig", der);
    let mut oversized = gen::der_sequence_header(0xFFFF_FFFF, 4);
    oversized.extend_from_slice(gen::SIGNED_DATA_OID);
    write(&d, "oversized.mobileconfig", oversized);
    write(&d, "huge.json", vec![b' '; 64 * 1024 * 1024 + 1]);
    let run = cli(dir.path(), &["--jobs", "2", "in"], Duration::from_secs(30));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let expected = [
        ("in/cycle.plist", "PL001"),
        ("in/deep.json", "PL006"),
        ("in/deep.mobileconfig", "PL006"),
        ("in/deep.plist", "PL006"),
        ("in/encrypted.mobileconfig", "PL003"),
        ("in/huge.json", "PL006"),
        ("in/lol.mobileconfig", "PL001"),
        ("in/oversized.mobileconfig", "PL003"),
        ("in/truncated.mobileconfig", "PL003"),
        ("in/utf16.json", "PL002"),
        ("in/utf8.mobileconfig", "PL001"),
    ];
    for (path, code) in expected {
        assert_eq!(run.codes_of(path), [code], "{path}");
    }
    assert!(!run.codes_of(&format!("in/{GOOD}")).is_empty());
    assert_eq!(run.files().len(), expected.len() + 1);
    println!("one CLI run over {} hostile files: {:.2?}", expected.len(), run.elapsed);
}

// ------------------------------------------------------------------------------------------------
// Config files that are not files, huge job counts, control characters in every text format
// ------------------------------------------------------------------------------------------------

/// `profilelint ARGS` in `dir` (no options added) with a time limit.
fn cli_plain(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_profilelint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let pid = child.id();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let output = match rx.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("profilelint {args:?} did not finish within {limit:?}");
        }
    };
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
    };
    assert!(!run.stderr.contains("panicked"), "panic: {}", run.stderr);
    run
}

#[test]
fn a_config_that_is_not_a_regular_file_is_an_error_at_once() {
    let dir = tempdir();
    write(dir.path(), GOOD, good_bytes());
    write(dir.path(), "big.toml", vec![b'#'; 2 * 1024 * 1024]);
    let fifo = dir.path().join("fifo.toml");
    let fifo = mkfifo(&fifo).then_some("fifo.toml");
    let mut cases = vec![
        ("/dev/zero", "not a regular file"),
        ("big.toml", "more than a config file may hold"),
        (".", "not a regular file"),
    ];
    cases.extend(fifo.map(|f| (f, "not a regular file (a FIFO)")));
    for (config, says) in cases {
        let run = cli_plain(
            dir.path(),
            &["check", "--config", config, GOOD],
            Duration::from_secs(10),
        );
        assert_eq!(run.code, 2, "{config}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{config}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{config}: {}", run.stdout);
    }
}

#[cfg(unix)]
#[test]
fn a_discovered_config_that_cannot_be_read_is_an_error_not_skipped() {
    let dir = tempdir();
    // A valid config further up that must not be used instead.
    write(dir.path(), "profilelint.toml", "fail-on = \"never\"\n");
    let sub = dir.path().join("sub");
    write(&sub, GOOD, good_bytes());
    let name = sub.join("profilelint.toml");
    let hidden = sub.join(".profilelint.toml");
    type Make<'a> = Box<dyn Fn() + 'a>;
    let mut shapes: Vec<(&str, Make, &str)> = vec![
        (
            "broken symlink",
            Box::new(|| std::os::unix::fs::symlink("missing.toml", &name).unwrap()),
            "profilelint.toml: cannot read: the symlink leads to nothing readable",
        ),
        (
            "symlink loop",
            Box::new(|| std::os::unix::fs::symlink(".profilelint.toml", &hidden).unwrap()),
            ".profilelint.toml: cannot read: the symlink leads to nothing readable",
        ),
        (
            "folder",
            Box::new(|| std::fs::create_dir(&name).unwrap()),
            "profilelint.toml: cannot read: not a regular file (a folder)",
        ),
    ];
    if mkfifo(&dir.path().join("probe")) {
        shapes.push((
            "FIFO",
            Box::new(|| assert!(mkfifo(&name))),
            "profilelint.toml: cannot read: not a regular file (a FIFO)",
        ));
    }
    for (what, make, says) in shapes {
        make();
        let run = cli_plain(&sub, &["check", GOOD], Duration::from_secs(10));
        assert_eq!(run.code, 2, "{what}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{what}: {}", run.stderr);
        for p in [&name, &hidden] {
            let _ = std::fs::remove_file(p);
            let _ = std::fs::remove_dir(p);
        }
    }
    // Nothing there: the config further up is used (`fail-on = "never"`: exit 0).
    let run = cli_plain(&sub, &["check", GOOD], Duration::from_secs(10));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_huge_jobs_count_is_clamped() {
    let dir = tempdir();
    for i in 0..3 {
        write(&dir.path().join("in"), &format!("{i}.mobileconfig"), good_bytes());
    }
    for jobs in ["100000", "0"] {
        let run = cli(dir.path(), &["-j", jobs, "in"], Duration::from_secs(30));
        assert_eq!(run.code, 1, "-j {jobs}: {}", run.stderr);
        assert_eq!(run.files().len(), 3, "-j {jobs}");
    }
}

/// Control characters that could retitle or clear a terminal, or forge a line of a report.
const EVIL: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{7f}\nforged.mobileconfig:1:1: PL001 [error] forged";

/// Whether `text` holds a control character other than a line feed (and the tabs the human
/// report's snippets may show).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| profilelint::report::escape::is_unsafe(*c) && *c != '\n')
        .collect()
}

#[cfg(unix)]
#[test]
fn control_characters_in_keys_values_and_names_are_escaped_in_every_text_format() {
    let dir = tempdir();
    let text = String::from_utf8(good_bytes()).unwrap();
    // An unknown ExtensionData key (SSO205 names it) with a string value (`inspect` shows it), a
    // wrong `Type` value (SSO103 quotes it), all carrying the control characters, in a file whose
    // name carries them too.
    let evil_profile = text
        .replacen(
            "<key>ExtensionData</key>\n\t\t\t<dict>",
            &format!(
                "<key>ExtensionData</key>\n\t\t\t<dict>\n\t\t\t\t<key>k{EVIL}</key>\n\t\t\t\t<string>v{EVIL}</string>"
            ),
            1,
        )
        .replacen(
            "<string>Redirect</string>",
            &format!("<string>Redirect{EVIL}</string>"),
            1,
        );
    assert_ne!(evil_profile, text, "the example changed: update the replacements");
    let name = format!("p{EVIL}.mobileconfig");
    write(dir.path(), &name, &evil_profile);
    write(dir.path(), GOOD, good_bytes());
    for format in ["human", "concise", "github", "azure", "junit"] {
        for color in ["never", "always"] {
            let run = cli_plain(
                dir.path(),
                &["check", "--no-config", "--color", color, "--format", format, "."],
                Duration::from_secs(30),
            );
            assert_eq!(run.code, 1, "{format}: {}", run.stderr);
            // Colours are the renderer's own escape sequences; everything else must be text.
            let shown = if color == "always" {
                strip_sgr(&run.stdout)
            } else {
                run.stdout.clone()
            };
            assert_eq!(
                raw_controls(&shown),
                Vec::<char>::new(),
                "{format} --color {color}:\n{}",
                run.stdout
            );
            assert!(
                !shown.lines().any(|l| l.starts_with("forged.mobileconfig")),
                "{format}:\n{shown}"
            );
            // Shown as text (Azure escapes `]` and `;` on top).
            assert!(
                shown.contains("\\u{1b}") && shown.contains("owned\\u{7}"),
                "{format}:\n{shown}"
            );
        }
    }
    // Concise: exactly one line per finding (none forged by a newline in a key or value).
    let concise = cli_plain(
        dir.path(),
        &["check", "--no-config", "--format", "concise", "."],
        Duration::from_secs(30),
    );
    let json = cli(dir.path(), &["."], Duration::from_secs(30));
    // Notes about what could not be checked (SSO404) are part of the summary line, not lines.
    let diagnostics = json.json()["diagnostics"].as_array().unwrap().clone();
    let findings = diagnostics.len();
    let notes = diagnostics
        .iter()
        .filter(|d| d["code"] == "SSO404" && d["severity"] == "info")
        .count();
    assert_eq!(
        concise.stdout.lines().count(),
        findings - notes + 1,
        "{}",
        concise.stdout
    );
    // JUnit: well-formed XML 1.0 (quick-xml reads it to the end; no character XML forbids).
    let junit = cli_plain(
        dir.path(),
        &["check", "--no-config", "--format", "junit", "."],
        Duration::from_secs(30),
    );
    let mut reader = quick_xml::Reader::from_str(&junit.stdout);
    let mut failures = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) if e.name().0 == "failure" => {
                failures += 1;
                for a in e.attributes() {
                    a.unwrap();
                }
            }
            _ => {}
        }
    }
    assert_eq!(failures, findings);
    assert!(
        junit
            .stdout
            .chars()
            .all(|c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)),
        "{}",
        junit.stdout
    );
    // `inspect`, and the name given to standard input.
    let inspect = cli_plain(dir.path(), &["inspect", "."], Duration::from_secs(30));
    assert_eq!(raw_controls(&inspect.stdout), Vec::<char>::new(), "{}", inspect.stdout);
    assert!(inspect.stdout.contains("\\u{1b}]0;owned"), "{}", inspect.stdout);
    let mut child = Command::new(env!("CARGO_BIN_EXE_profilelint"))
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--stdin-filename",
            &name,
            "-",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), evil_profile.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(raw_controls(&stdout), Vec::<char>::new(), "{stdout}");
    assert!(stdout.starts_with("p\\u{1b}]0;owned\\u{7}"), "{stdout}");
    // Errors on standard error name files the same way.
    let run = cli_plain(
        dir.path(),
        &["check", "--no-config", &format!("missing{EVIL}")],
        Duration::from_secs(30),
    );
    assert_eq!(run.code, 2);
    assert_eq!(raw_controls(&run.stderr), Vec::<char>::new(), "{}", run.stderr);
}

/// `text` without SGR colour sequences (`ESC [ … m`).
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(end) if after[end..].starts_with('m') => rest = &after[end + 1..],
            _ => {
                out.push_str("\u{1b}[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

// ------------------------------------------------------------------------------------------------
// Shared references, embedded payloads, line endings, deep malformed JSON, finding counts
// ------------------------------------------------------------------------------------------------

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn shared_reference_binary_plist_is_pl006_not_gigabytes() {
    // 7 levels of arrays, each with 14 references to the level below: under 200 bytes that the
    // `plist` crate would expand into 14^7 (105 million) values.
    // In a child process: expanding them would abort the whole test binary.
    isolated("shared_reference_binary_plist_is_pl006_not_gigabytes", || {
        let bytes = gen::bplist_shared_arrays(7, 14);
        assert!(bytes.len() < 200, "{}", bytes.len());
        let d = only(&lint_one("shared.plist", bytes), "PL006");
        assert!(d.message.contains("node limit"), "{}", d.message);
        let json = gen::custom_profile_json(&base64(&gen::bplist_shared_arrays(7, 14)));
        let d = only(&lint_one("custom.json", json.into_bytes()), "PL006");
        assert!(d.message.contains("node limit"), "{}", d.message);
        assert_eq!(d.key_path(), Some("payload"));
    });
}

#[test]
fn shared_reference_binary_plist_through_the_cli() {
    // Under the 2 GiB address-space limit, with the same shape in a custom profile's base64
    // payload beside it.
    let bytes = gen::bplist_shared_arrays(7, 14);
    let dir = tempdir();
    write(dir.path(), "shared.plist", &bytes);
    write(dir.path(), "custom.json", gen::custom_profile_json(&base64(&bytes)));
    write(dir.path(), GOOD, good_bytes());
    let run = cli(
        dir.path(),
        &["shared.plist", "custom.json", GOOD],
        Duration::from_secs(30),
    );
    assert_eq!(run.code, 1, "exit code {} (-1: killed)\n{}", run.code, run.stderr);
    assert_eq!(run.codes_of("shared.plist"), ["PL006"]);
    assert_eq!(run.codes_of("custom.json"), ["PL006"]);
    assert!(!run.codes_of(GOOD).is_empty());
}

#[test]
fn shared_references_within_the_node_limit_still_read() {
    // 3 levels × 10 references: 1,111 values once expanded, far below the default node limit.
    let bytes = gen::bplist_shared_arrays(3, 10);
    let mut set = LintSet::new(Limits::default());
    set.add_bytes("shared.plist", &bytes, FileOrigin::Named);
    assert!(set.input_diagnostics().is_empty(), "{:?}", set.input_diagnostics());
    assert_eq!(set.documents()[0].tree().len(), 1_111);
    // With a node limit below that, it is PL006.
    let limits = Limits {
        max_nodes: 1_000,
        ..Limits::default()
    };
    let d = only(
        &lint_beside_good("shared.plist", bytes, limits, Duration::from_secs(10)),
        "PL006",
    );
    assert!(d.message.contains("1000"), "{}", d.message);
}

#[test]
fn unreadable_embedded_payloads_are_findings() {
    // Invalid base64: PL001 on the `payload` string.
    let json = gen::custom_profile_json("not base64 at all!");
    let d = only(&lint_one("custom.json", json.clone().into_bytes()), "PL001");
    assert!(d.message.contains("base64"), "{}", d.message);
    assert_eq!(d.key_path(), Some("payload"));
    let at = offset_of(json.as_bytes(), b"\"not base64");
    assert_eq!(d.span().map(|s| s.start), Some(at));

    // Over `max-payload-size`: PL006 naming the limit.
    let good = base64(&good_bytes());
    let limits = Limits {
        max_payload_size: 100,
        ..Limits::default()
    };
    let d = only(
        &lint_beside_good(
            "custom.json",
            gen::custom_profile_json(&good).into_bytes(),
            limits,
            Duration::from_secs(10),
        ),
        "PL006",
    );
    assert!(d.message.contains("100"), "{}", d.message);
    assert_eq!(d.key_path(), Some("payload"));

    // Nested deeper than `max-embedding-depth`: JSON in a string in a string …, one level too many.
    let limits = Limits {
        max_embedding_depth: 2,
        ..Limits::default()
    };
    let mut inner = gen::custom_profile_json(&good);
    for _ in 0..3 {
        inner = format!("{{\"wrapped\": {}}}", serde_json::to_string(&inner).unwrap());
    }
    let diags = lint_beside_good("nested.json", inner.into_bytes(), limits, Duration::from_secs(10));
    let limit: Vec<&Diagnostic> = diags.iter().filter(|d| d.code() == "PL006").collect();
    assert_eq!(limit.len(), 1, "{:?}", summary(&diags));
    assert!(limit[0].message.contains("embedding depth"), "{}", limit[0].message);
}

#[test]
fn cr_only_line_endings_give_real_lines() {
    let lf = String::from_utf8(good_bytes()).unwrap().replace("\r\n", "\n");
    let cr = lf.replace('\n', "\r");
    let lines = |name: &'static str, text: String| -> Vec<(String, usize, usize)> {
        let mut set = LintSet::new(Limits::default());
        set.add_bytes(name, text.as_bytes(), FileOrigin::Named);
        let report = Linter::new(Config::default()).check(&set);
        report
            .diagnostics()
            .iter()
            .filter_map(|d| {
                let span = d.span()?;
                let lc = set.documents()[0].line_col(span.start)?;
                Some((d.code().to_string(), lc.line, lc.column))
            })
            .collect()
    };
    let want = lines("lf.mobileconfig", lf);
    assert!(want.iter().any(|(_, line, _)| *line > 1));
    assert_eq!(lines("cr.mobileconfig", cr), want);
    let index = profilelint::LineIndex::new("a\rb\r\nc\nd");
    let text = "a\rb\r\nc\nd";
    let at = |o| {
        let lc = index.line_col(text, o);
        (lc.line, lc.column)
    };
    assert_eq!(
        [at(0), at(2), at(3), at(5), at(7)],
        [(1, 1), (2, 1), (2, 2), (3, 1), (4, 1)]
    );
}

#[test]
fn deep_malformed_json_reports_the_real_error() {
    // A syntax error before a part nested beyond the depth limit is the error to report.
    let text = format!("{{\"a\": 1,, \"b\": {}{}}}", "[".repeat(200), "]".repeat(200));
    let d = only(&lint_one("bad.json", text.into_bytes()), "PL002");
    assert_eq!(d.span().map(|s| s.start), Some(8), "{}", d.message);
    // Too deep before any syntax error: the depth limit.
    let text = format!("{}1,,{}", "[".repeat(200), "]".repeat(200));
    let d = only(&lint_one("deep.json", text.into_bytes()), "PL006");
    assert_eq!(d.span(), Some(Span::new(128, 129)));
}

#[test]
fn findings_per_rule_and_file_are_capped() {
    // 1,000,000 `<true/>` in `PayloadContent` (7 MB): one PL106 each, without a cap.
    let text = format!(
        "<plist><dict><key>PayloadContent</key><array>{}</array></dict></plist>",
        "<true/>".repeat(1_000_000)
    );
    let (pl106, summary_message) = within(Duration::from_secs(120), "1M findings", move || {
        let mut set = LintSet::new(Limits::default());
        set.add_bytes("many.mobileconfig", text.as_bytes(), FileOrigin::Named);
        let diagnostics = Linter::new(Config::default()).check(&set).into_diagnostics();
        let pl106: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code() == "PL106").collect();
        let last = pl106
            .iter()
            .find(|d| d.message.contains("not shown"))
            .map(|d| d.message.clone());
        (pl106.len(), last)
    })
    .0;
    assert_eq!(pl106, 1_001, "1,000 findings and one that says how many more there are");
    let message = summary_message.expect("a finding says how many are not shown");
    assert!(message.contains("999,000"), "{message}");
}

/// Lints `files` on this thread, without the cap on findings, and returns the work counted and
/// the diagnostics.
fn counted(files: Vec<(&'static str, Vec<u8>)>) -> (u64, Vec<Diagnostic>) {
    counted_with(Config::default(), files)
}

/// [`counted`] with a configuration (e.g. one rule selected, so only its work is counted).
fn counted_with(config: Config, files: Vec<(&'static str, Vec<u8>)>) -> (u64, Vec<Diagnostic>) {
    let mut set = LintSet::new(Limits::default());
    for (name, bytes) in &files {
        set.add_bytes(*name, bytes, FileOrigin::Named);
    }
    // Every finding, so that the work of the rules is measured, not the cap on what is shown.
    let linter = Linter::new(config).with_finding_cap(usize::MAX);
    profilelint::internals::work::reset();
    let report = linter.check(&set);
    (profilelint::internals::work::count(), report.into_diagnostics())
}

/// Checks that 4 times the input costs at most 4.6 times the counted work.
fn assert_linear_work(name: &str, small: (usize, u64), large: (usize, u64)) {
    println!(
        "{name}: {} → {} steps, {} → {} steps",
        small.0, small.1, large.0, large.1
    );
    assert_eq!(large.0, small.0 * 4);
    assert!(small.1 > 0, "{name}: no work counted");
    assert!(
        large.1 as f64 <= 4.6 * small.1 as f64,
        "{name}: 4 times the input took {:.1} times the work ({} and {} steps): super-linear",
        large.1 as f64 / small.1 as f64,
        small.1,
        large.1
    );
}

#[test]
fn insertion_fixes_on_a_minified_export_do_linear_work() {
    // Every object lacks `browser_sso_interaction_enabled`: one SSO203 with an insertion fix
    // each, on a one-line file.
    let run = |n: usize| {
        within(Duration::from_secs(120), "SSO203 insertions", move || {
            let (work, diags) = counted(vec![("export.json", gen::minified_sso_export(n, None).into_bytes())]);
            assert_eq!(
                diags.iter().filter(|d| d.code() == "SSO203" && d.fix.is_some()).count(),
                n
            );
            work
        })
        .0
    };
    assert_linear_work("SSO203 insertion fixes", (2_000, run(2_000)), (8_000, run(8_000)));
}

#[test]
fn fixing_a_minified_export_does_linear_work() {
    // Every object has `browser_sso_interaction_enabled` 0: one safe SSO203 fix each.
    let run = |n: usize| {
        within(Duration::from_secs(300), "--fix", move || {
            let inputs = vec![profilelint::fix::FixInput {
                path: "export.json".into(),
                bytes: gen::minified_sso_export(n, Some(0)).into_bytes(),
                origin: FileOrigin::Named,
            }];
            let linter = Linter::new(Config::default());
            profilelint::internals::work::reset();
            let result = profilelint::fix::fix(&inputs, &linter, profilelint::Applicability::Safe);
            let work = profilelint::internals::work::count();
            assert!(result.failures.is_empty(), "{:?}", result.failures);
            assert_eq!(result.total_fixed(), n);
            work
        })
        .0
    };
    assert_linear_work("--fix", (2_000, run(2_000)), (8_000, run(8_000)));
}

#[test]
fn inline_suppressions_do_linear_work() {
    // n copies of one key, each after a suppression of PL004: n - 1 suppressed duplicates.
    let make = |n: usize| {
        format!(
            "<plist><dict>{}</dict></plist>",
            "<!-- profilelint: allow(PL004) reason=\"generated\" -->\n<key>a</key><integer>1</integer>\n".repeat(n)
        )
        .into_bytes()
    };
    let run = |n: usize| {
        within(Duration::from_secs(120), "suppressions", move || {
            let (work, diags) = counted(vec![("s.mobileconfig", make(n))]);
            assert_eq!(diags.iter().filter(|d| d.code() == "PL004").count(), 0);
            assert_eq!(diags.iter().filter(|d| d.code() == "PL901").count(), 1);
            work
        })
        .0
    };
    assert_linear_work("inline suppressions", (2_000, run(2_000)), (8_000, run(8_000)));
}

#[test]
fn duplicate_sso_urls_do_linear_work() {
    // n objects sharing one Microsoft login URL: half assigned to all users (each one after the
    // first is reported, against the first), half without assignments (never reported).
    let run = |n: usize| {
        within(Duration::from_secs(120), "SSO106", move || {
            let (work, diags) = counted(vec![("export.json", gen::shared_url_export(n).into_bytes())]);
            let sso106: Vec<&Diagnostic> = diags.iter().filter(|d| d.code() == "SSO106").collect();
            assert_eq!(sso106.len(), n / 2 - 1);
            // SSO106 alone, so that no other part's (linear) work dilutes the count.
            let config = Config {
                select: Some(vec!["SSO106".to_owned()]),
                ..Config::default()
            };
            let (alone, _) = counted_with(config, vec![("export.json", gen::shared_url_export(n).into_bytes())]);
            (work, alone)
        })
        .0
    };
    let (small, large) = (run(2_000), run(8_000));
    assert_linear_work("SSO106 and the rest", (2_000, small.0), (8_000, large.0));
    assert_linear_work("SSO106 alone", (2_000, small.1), (8_000, large.1));
}

#[test]
fn copies_of_a_profile_with_many_payloads_do_linear_work() {
    // Two identical copies of a profile with n payloads: PL104 must see that the files are copies
    // once, not once per shared `PayloadUUID` (each comparison walks the whole profile).
    let make = |n: usize| {
        let payloads: String = (0..n)
            .map(|i| {
                format!(
                    "<dict><key>PayloadType</key><string>com.apple.webcontent-filter</string>\
                     <key>PayloadUUID</key><string>6D1C5B0E-0000-4000-8000-{i:012}</string></dict>"
                )
            })
            .collect();
        format!(
            "<plist><dict><key>PayloadContent</key><array>{payloads}</array>\
             <key>PayloadUUID</key><string>6D1C5B0E-FFFF-4000-8000-000000000000</string></dict></plist>"
        )
        .into_bytes()
    };
    let run = |n: usize| {
        within(Duration::from_secs(120), "PL104 copies", move || {
            let bytes = make(n);
            let (work, diags) = counted(vec![("a.mobileconfig", bytes.clone()), ("b.mobileconfig", bytes)]);
            assert_eq!(diags.iter().filter(|d| d.code() == "PL104").count(), 0);
            work
        })
        .0
    };
    assert_linear_work("PL104 on copies", (500, run(500)), (2_000, run(2_000)));
}

#[test]
fn deep_malformed_json_under_a_raised_depth_limit_is_a_limit() {
    // With `max-depth` raised past the 512 levels the reference JSON reader follows, malformed
    // JSON nested 600 deep is PL006 naming that depth, not a PL002 syntax error.
    let limits = Limits {
        max_depth: 1_000,
        ..Limits::default()
    };
    let text = format!("{}1,,{}", "[".repeat(600), "]".repeat(600));
    let d = only(
        &lint_beside_good("deep.json", text.into_bytes(), limits, Duration::from_secs(10)),
        "PL006",
    );
    assert!(d.message.contains("512"), "{}", d.message);
}

#[test]
fn multiple_microsoft_sso_payloads_do_linear_work() {
    // n macOS Microsoft SSO objects, all reaching everyone or a shared group: every one after the
    // first conflicts with an earlier one, found through the index, not by comparing every pair.
    let run = |n: usize| {
        within(Duration::from_secs(120), "SSO608", move || {
            let config = Config {
                select: Some(vec!["SSO608".to_owned()]),
                ..Config::default()
            };
            let (work, diags) = counted_with(config, vec![("export.json", gen::macos_sso_export(n).into_bytes())]);
            assert_eq!(diags.iter().filter(|d| d.code() == "SSO608").count(), n - 1);
            work
        })
        .0
    };
    assert_linear_work("SSO608 alone", (2_000, run(2_000)), (8_000, run(8_000)));
}

#[test]
fn company_portal_coverage_does_linear_work() {
    // n macOS SSO profiles, each on its own group, and n Company Portal records, one required for
    // everyone but excluding every group: each group's coverage is decided through the index, not
    // by asking every record (SSO406; the same code decides SSO403 for Authenticator).
    let run = |n: usize| {
        within(Duration::from_secs(120), "SSO406", move || {
            let config = Config {
                select: Some(vec!["SSO406".to_owned(), "SSO407".to_owned()]),
                ..Config::default()
            };
            let (work, diags) = counted_with(
                config,
                vec![("export.json", gen::company_portal_export(n).into_bytes())],
            );
            assert_eq!(diags.iter().filter(|d| d.code() == "SSO406").count(), n / 2);
            assert_eq!(diags.iter().filter(|d| d.code() == "SSO407").count(), 0);
            work
        })
        .0
    };
    assert_linear_work("SSO406 and SSO407 alone", (2_000, run(2_000)), (8_000, run(8_000)));
    // n Company Portal records, none assigned, beside n assigned apps: each record is told apart
    // from the other apps through a set, not by comparing every pair.
    let run = |n: usize| {
        within(Duration::from_secs(120), "SSO406 unassigned", move || {
            let config = Config {
                select: Some(vec!["SSO406".to_owned()]),
                ..Config::default()
            };
            let (work, diags) = counted_with(
                config,
                vec![("export.json", gen::unassigned_company_portals(n).into_bytes())],
            );
            assert_eq!(diags.iter().filter(|d| d.code() == "SSO406").count(), n);
            work
        })
        .0
    };
    assert_linear_work("SSO406 unassigned", (2_000, run(2_000)), (8_000, run(8_000)));
}

#[test]
fn psso_enrollment_setup_does_linear_work() {
    // n Platform SSO policies that register during setup and n macOS ADE profiles: the profiles
    // are judged once and their groups gathered once, not per policy.
    let run = |n: usize, complete: bool| {
        within(Duration::from_secs(120), "SSO503", move || {
            let config = Config {
                select: Some(vec!["SSO503".to_owned()]),
                ..Config::default()
            };
            let mut export = gen::psso_enrollment_export(n);
            if !complete {
                export = export.replace(
                    "\"waitForDeviceConfiguredConfirmation\":true",
                    "\"waitForDeviceConfiguredConfirmation\":false",
                );
            }
            let (work, diags) = counted_with(config, vec![("export.json", export.into_bytes())]);
            // Complete: every group of the policies has a profile, so nothing to say. Incomplete:
            // every profile is told it does not await final configuration.
            let expected = if complete { 0 } else { n };
            assert_eq!(diags.iter().filter(|d| d.code() == "SSO503").count(), expected);
            work
        })
        .0
    };
    assert_linear_work("SSO503, complete", (2_000, run(2_000, true)), (8_000, run(8_000, true)));
    assert_linear_work(
        "SSO503, incomplete",
        (2_000, run(2_000, false)),
        (8_000, run(8_000, false)),
    );
}

#[test]
fn unactivated_declarations_do_linear_work() {
    // One JSON array of n legacy configurations and one activation that lists every other one:
    // SSO504 reports the n/2 unlisted ones, each looked up once in the activated identifiers.
    let make = |n: usize| {
        let mut items: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"Type":"com.apple.configuration.legacy","Identifier":"c{i}","ServerToken":"1","Payload":{{"ProfileURL":"https://mdm.example.com/{i}"}}}}"#
                )
            })
            .collect();
        let listed: Vec<String> = (0..n).step_by(2).map(|i| format!("\"c{i}\"")).collect();
        items.push(format!(
            r#"{{"Type":"com.apple.activation.simple","Identifier":"a","ServerToken":"1","Payload":{{"StandardConfigurations":[{}]}}}}"#,
            listed.join(",")
        ));
        format!("[{}]", items.join(",")).into_bytes()
    };
    let run = |n: usize| {
        within(Duration::from_secs(120), "SSO504", move || {
            let config = Config {
                select: Some(vec!["SSO504".to_owned()]),
                ..Config::default()
            };
            let (work, diags) = counted_with(config, vec![("declarations.json", make(n))]);
            assert_eq!(diags.iter().filter(|d| d.code() == "SSO504").count(), n / 2);
            work
        })
        .0
    };
    assert_linear_work("SSO504", (2_000, run(2_000)), (8_000, run(8_000)));
}

/// The work of `rule` alone on `files`, and its findings.
fn rule_alone(rule: &str, files: Vec<(&'static str, Vec<u8>)>) -> (u64, Vec<Diagnostic>) {
    let config = Config {
        select: Some(vec![rule.to_owned()]),
        ..Config::default()
    };
    counted_with(config, files)
}

#[test]
fn authenticator_assignment_gaps_do_linear_work() {
    // n Authenticator records and n SSO objects: whether a group is covered, and which record
    // excludes it, are looked up in an index, not by asking every record for every group.
    let run = |n: usize, everyone: bool| {
        within(Duration::from_secs(120), "SSO403", move || {
            let export = gen::authenticator_export(n, everyone);
            let (work, diags) = rule_alone("SSO403", vec![("export.json", export.into_bytes())]);
            let expected = if everyone { 1 } else { n / 2 };
            assert_eq!(diags.iter().filter(|d| d.code() == "SSO403").count(), expected);
            work
        })
        .0
    };
    assert_linear_work("SSO403, groups", (2_000, run(2_000, false)), (8_000, run(8_000, false)));
    assert_linear_work(
        "SSO403, all users",
        (2_000, run(2_000, true)),
        (8_000, run(8_000, true)),
    );
}

#[test]
fn duplicate_profile_identifiers_do_linear_work() {
    // n profiles in n files, all with one `PayloadIdentifier` and each with its own content: every
    // one after the first is reported against the first, found by its identifier.
    let run = |n: usize| {
        within(Duration::from_secs(120), "PL105", move || {
            let files = (0..n)
                .map(|i| {
                    let name: &'static str = Box::leak(format!("p{i}.mobileconfig").into_boxed_str());
                    let text = format!(
                        "<plist><dict><key>PayloadContent</key><array/>\
                         <key>PayloadIdentifier</key><string>com.contoso.shared</string>\
                         <key>PayloadType</key><string>Configuration</string>\
                         <key>PayloadUUID</key><string>5C6D7E8F-9A0B-4C1D-8E2F-{i:012}</string>\
                         <key>PayloadVersion</key><integer>1</integer></dict></plist>"
                    );
                    (name, text.into_bytes())
                })
                .collect();
            let (work, diags) = rule_alone("PL105", files);
            assert_eq!(diags.iter().filter(|d| d.code() == "PL105").count(), n - 1);
            work
        })
        .0
    };
    assert_linear_work("PL105 alone", (2_000, run(2_000)), (8_000, run(8_000)));
}

/// A rule, how to change the export for it, and how many findings it gives on n objects.
type Case = (&'static str, fn(String) -> String, fn(usize) -> usize);

#[test]
fn authenticator_and_assignment_rules_do_linear_work() {
    // The other rules that read app records and assignments across files, each alone on n
    // Authenticator records (or other apps) and n SSO objects.
    let cases: [Case; 4] = [
        // No record is Authenticator: one finding, after looking at every record.
        (
            "SSO401",
            |e| e.replace("com.microsoft.azureauthenticator", "com.microsoft.Office.Outlook"),
            |_| 1,
        ),
        // Authenticator only available: one finding per record.
        ("SSO402", |e| e.replace("\"required\"", "\"available\""), |n| n),
        // No app records at all, and only the last SSO object for iOS (the others for macOS): one
        // note per platform, Authenticator for iOS and Company Portal for macOS.
        ("SSO404", only_last_sso_object_on_ios, |_| 2),
        // Every SSO object assigned only to excluded groups: one finding each.
        (
            "SSO501",
            |e| e.replace("groupAssignmentTarget", "exclusionGroupAssignmentTarget"),
            |n| n,
        ),
    ];
    for (rule, make, expected) in cases {
        let run = |n: usize| {
            within(Duration::from_secs(120), rule, move || {
                let export = make(gen::authenticator_export(n, false));
                let (work, diags) = rule_alone(rule, vec![("export.json", export.into_bytes())]);
                assert_eq!(diags.iter().filter(|d| d.code() == rule).count(), expected(n), "{rule}");
                work
            })
            .0
        };
        assert_linear_work(&format!("{rule} alone"), (2_000, run(2_000)), (8_000, run(8_000)));
    }
}

/// The export without its app records, and with every SSO object but the last one for macOS.
fn only_last_sso_object_on_ios(export: String) -> String {
    let mut export = export
        .replace("iosStoreApp", "unknownThing")
        .replace("iosDeviceFeatures", "macOSDeviceFeatures")
        .replace("iosSingleSignOn", "macOSSingleSignOn");
    for (macos, ios) in [
        ("macOSDeviceFeatures", "iosDeviceFeatures"),
        ("macOSSingleSignOn", "iosSingleSignOn"),
    ] {
        if let Some(at) = export.rfind(macos) {
            export.replace_range(at..at + macos.len(), ios);
        }
    }
    export
}

#[test]
fn inspecting_a_large_export_does_linear_work() {
    // One Graph collection with n SSO objects: `inspect` places every payload and value by line
    // and column, from one line index of the file, not one per position.
    let run = |n: usize| {
        within(Duration::from_secs(120), "inspect", move || {
            let mut set = LintSet::new(Limits::default());
            set.add_bytes(
                "export.json",
                gen::authenticator_export(n, false).as_bytes(),
                FileOrigin::Named,
            );
            let model = Linter::new(Config::default()).model(&set);
            profilelint::internals::work::reset();
            let inspection = profilelint::report::inspect::Inspection::new(&set, &model);
            let work = profilelint::internals::work::count();
            assert_eq!(inspection.sso_payloads.len(), n);
            work
        })
        .0
    };
    assert_linear_work("inspect", (2_000, run(2_000)), (8_000, run(8_000)));
}
