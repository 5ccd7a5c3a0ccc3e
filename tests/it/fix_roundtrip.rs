//! Fix round-trips through the real binary: for every rule whose catalog fix is safe or unsafe, each
//! `tests/fixtures/<CODE>/fail_*` text file is copied to a temporary folder and fixed with
//! `check --fix` and with `check --fix --unsafe-fixes`. The expected result is computed
//! independently from the `fix.edits` of `--format json`: edits are applied by hand, pass after
//! pass, each pass verified the way the contract says (the file still parses, every fixed finding
//! is gone from where it was). The file the CLI writes must be byte-identical to that, so no byte
//! outside an edit can change; if a pass fails verification the file must stay untouched and the
//! run must exit 2 with a message.
//!
//! Further checks: `--diff` writes nothing and prints a diff that reproduces `--fix`; CRLF line
//! ends, tabs, comments and permissions survive; UTF-16 LE stays UTF-16 LE with its BOM; binary
//! plists are never rewritten.
//!
//! Run `cargo test --test it fix_roundtrip:: -- --nocapture` to see which rules' fixes were exercised.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use profilelint::internals::source::{self, Encoding, Sniffed};
use profilelint::internals::syntax::SyntaxErrorKind;
use profilelint::rules::{self, FixAvailability};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_profilelint");

/// The fixer's pass limit (a fix that still changes the file after this many passes does not
/// converge).
const MAX_PASSES: usize = profilelint::fix::MAX_PASSES;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What a run of the binary produced.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Which fixes a run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Threshold {
    /// `--fix`.
    Safe,
    /// `--fix --unsafe-fixes`.
    Unsafe,
}

impl Threshold {
    fn takes(self, applicability: &str) -> bool {
        match self {
            Threshold::Safe => applicability == "safe",
            Threshold::Unsafe => matches!(applicability, "safe" | "unsafe"),
        }
    }

    fn flags(self) -> &'static [&'static str] {
        match self {
            Threshold::Safe => &["--fix"],
            Threshold::Unsafe => &["--fix", "--unsafe-fixes"],
        }
    }
}

/// One file to fix, alone in a temporary folder, with the config options to lint it as the rule
/// fixtures are linted (`<fixture>.toml` beside it, or no config at all).
struct Subject {
    dir: tempfile::TempDir,
    name: String,
    config: Vec<String>,
}

impl Subject {
    fn new(name: &str, bytes: &[u8], config: Option<&[u8]>) -> Subject {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let config = match config {
            Some(text) => {
                let config_name = format!("{name}.toml");
                std::fs::write(dir.path().join(&config_name), text).unwrap();
                vec!["--config".to_owned(), config_name]
            }
            None => vec!["--no-config".to_owned()],
        };
        Subject {
            dir,
            name: name.to_owned(),
            config,
        }
    }

    fn from_fixture(path: &Path) -> Subject {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let config = std::fs::read(format!("{}.toml", path.display())).ok();
        Subject::new(&name, &std::fs::read(path).unwrap(), config.as_deref())
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join(&self.name)
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.path()).unwrap()
    }

    fn write(&self, bytes: &[u8]) {
        std::fs::write(self.path(), bytes).unwrap();
    }

    fn args<'a>(&'a self, extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["check"];
        args.extend(extra.iter().copied());
        args.extend(self.config.iter().map(String::as_str));
        args.push(&self.name);
        args
    }

    /// The JSON report of the file as it is now.
    fn lint(&self) -> Value {
        let out = run(self.dir.path(), &self.args(&["--format", "json", "--fail-on", "never"]));
        assert_eq!(out.code, 0, "{}: lint failed: {}", self.name, out.stderr);
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{}: bad JSON ({e}): {}", self.name, out.stdout))
    }
}

fn diagnostics(report: &Value) -> &[Value] {
    report["diagnostics"].as_array().map(Vec::as_slice).unwrap_or_default()
}

fn key_path(d: &Value) -> Option<&str> {
    d["key_path"].as_str()
}

/// Diagnostics whose fix the fixer applies to the file itself at this threshold: fixes inside
/// embedded payloads (`>` in the key path) are never applied.
fn applicable(report: &Value, threshold: Threshold) -> Vec<&Value> {
    diagnostics(report)
        .iter()
        .filter(|d| !key_path(d).is_some_and(|k| k.contains('>')))
        .filter(|d| d["fix"]["applicability"].as_str().is_some_and(|a| threshold.takes(a)))
        .collect()
}

fn parse_errors(report: &Value) -> Vec<String> {
    diagnostics(report)
        .iter()
        .filter(|d| matches!(d["code"].as_str(), Some("PL001" | "PL002" | "PL003" | "PL006")))
        .map(|d| format!("{}: {}", d["code"], d["message"]))
        .collect()
}

/// An edit from the JSON report: byte offsets in the text as read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    start: usize,
    end: usize,
    content: String,
}

fn edits(d: &Value) -> Vec<Edit> {
    d["fix"]["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let start = e["offset"].as_u64().unwrap() as usize;
            Edit {
                start,
                end: start + e["length"].as_u64().unwrap() as usize,
                content: e["content"].as_str().unwrap().to_owned(),
            }
        })
        .collect()
}

fn overlaps(e: &Edit, a: &Edit) -> bool {
    let (e_empty, a_empty) = (e.start == e.end, a.start == a.end);
    (e.start < a.end && a.start < e.end)
        || (e_empty && a_empty && e.start == a.start)
        || (e_empty && a.start < e.start && e.start < a.end)
        || (a_empty && e.start < a.start && a.start < e.end)
}

/// A fix that was applied: its code and key path.
type Applied = (String, Option<String>);

/// Applies the fixes in report order, skipping any whose edits are out of range, overlap each
/// other, or overlap an edit already taken (those wait for the next pass).
fn apply(text: &str, fixes: &[&Value]) -> (String, Vec<Edit>, Vec<Applied>) {
    let mut accepted: Vec<Edit> = Vec::new();
    let mut applied = Vec::new();
    for d in fixes {
        let own = edits(d);
        let valid = own
            .iter()
            .all(|e| e.start <= e.end && text.get(e.start..e.end).is_some());
        let clash = own.iter().any(|e| accepted.iter().any(|a| overlaps(e, a)));
        let self_clash = own
            .iter()
            .enumerate()
            .any(|(i, e)| own.iter().skip(i + 1).any(|o| e.start < o.end && o.start < e.end));
        if !valid || clash || self_clash {
            continue;
        }
        accepted.extend(own);
        applied.push((d["code"].as_str().unwrap().to_owned(), key_path(d).map(str::to_owned)));
    }
    accepted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in &accepted {
        out.push_str(&text[at..e.start]);
        out.push_str(&e.content);
        at = e.end;
    }
    out.push_str(&text[at..]);
    (out, accepted, applied)
}

fn count(report: &Value, code: &str, key: &Option<String>) -> usize {
    diagnostics(report)
        .iter()
        .filter(|d| d["code"].as_str() == Some(code) && key_path(d) == key.as_deref())
        .count()
}

/// One verified pass.
#[derive(Debug)]
struct Pass {
    edits: Vec<Edit>,
    applied: Vec<Applied>,
}

/// What the contract says fixing this file must produce.
#[derive(Debug)]
enum Expected {
    /// Nothing to fix: the file stays as it is.
    Nothing,
    /// These passes, ending in this text (the report of the final text is kept).
    Fixed {
        passes: Vec<Pass>,
        text: String,
        report: Value,
    },
    /// A pass would not verify: the file stays untouched and the run exits 2.
    Refused { reason: String },
}

fn decode(bytes: &[u8]) -> (String, Encoding) {
    source::decode(bytes, SyntaxErrorKind::InvalidJson).unwrap()
}

/// Works out, from the JSON reports alone, what `--fix` at `threshold` must do to `subject`
/// (whose content is restored afterwards). `original` is the report of the unfixed file.
fn expected(subject: &Subject, original: &Value, threshold: Threshold) -> Expected {
    let original_bytes = subject.bytes();
    let (mut text, encoding) = decode(&original_bytes);
    let mut report = original.clone();
    let mut passes = Vec::new();
    let outcome = loop {
        let fixes = applicable(&report, threshold);
        if fixes.is_empty() {
            break None;
        }
        let (new_text, edits, applied) = apply(&text, &fixes);
        if applied.is_empty() || new_text == text {
            break None;
        }
        if passes.len() == MAX_PASSES {
            break Some(format!("still changing after {MAX_PASSES} passes"));
        }
        subject.write(&encoding.encode(&new_text));
        let after = subject.lint();
        let broken = parse_errors(&after);
        if !broken.is_empty() {
            break Some(format!(
                "pass {} (fixes {applied:?}) breaks the file: {broken:?}",
                passes.len() + 1
            ));
        }
        let mut wanted: BTreeMap<&Applied, usize> = BTreeMap::new();
        for a in &applied {
            *wanted.entry(a).or_default() += 1;
        }
        if let Some(((code, key), _)) = wanted
            .iter()
            .find(|((code, key), n)| count(&after, code, key) + **n > count(&report, code, key))
        {
            break Some(format!(
                "pass {}: a fix for {code} at {key:?} did not remove the finding",
                passes.len() + 1
            ));
        }
        passes.push(Pass { edits, applied });
        text = new_text;
        report = after;
    };
    subject.write(&original_bytes);
    match outcome {
        Some(reason) => Expected::Refused { reason },
        None if passes.is_empty() => Expected::Nothing,
        None => Expected::Fixed { passes, text, report },
    }
}

/// What one fixture showed, for the summary.
#[derive(Debug, Default, Clone)]
struct Outcome {
    /// Fixes of the fixture's own rule applied with `--fix --unsafe-fixes`.
    own_fixed: usize,
    passes: usize,
    refused: Option<String>,
}

/// The differing middle of two byte strings, for messages.
fn excerpt(want: &[u8], got: &[u8]) -> String {
    let prefix = want.iter().zip(got).take_while(|(a, b)| a == b).count();
    let suffix = want[prefix..]
        .iter()
        .rev()
        .zip(got[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    format!(
        "at byte {prefix}: expected {:?}, written {:?}",
        String::from_utf8_lossy(&want[prefix..want.len() - suffix]),
        String::from_utf8_lossy(&got[prefix..got.len() - suffix])
    )
}

/// Fixes one fixture with the binary, with `--fix --unsafe-fixes` and (where an unsafe fix is
/// offered) with `--fix` alone, and checks each result against [`expected`]. Returns the problems
/// found (empty when all is well).
fn round_trip(fixture: &Path, code: &str, outcome: &mut Outcome) -> Vec<String> {
    let mut problems = Vec::new();
    let subject = Subject::from_fixture(fixture);
    let before = subject.bytes();
    let original = subject.lint();
    if !parse_errors(&original).is_empty() {
        return problems; // a fixture about unreadable input: nothing to fix
    }
    // A catalog fix that is unsafe must never be offered as safe.
    let meta = rules::by_code(code).unwrap();
    for d in diagnostics(&original)
        .iter()
        .filter(|d| d["code"].as_str() == Some(code))
    {
        if meta.fix == FixAvailability::Unsafe && d["fix"]["applicability"].as_str() == Some("safe") {
            problems.push(format!(
                "{code}/{}: the catalog says {code}'s fix is unsafe, but a fix is offered as safe",
                subject.name
            ));
        }
    }
    problems.extend(fix_and_compare(&subject, code, &original, Threshold::Unsafe, outcome));
    if diagnostics(&original)
        .iter()
        .any(|d| d["fix"]["applicability"].as_str() == Some("unsafe"))
    {
        subject.write(&before);
        problems.extend(fix_and_compare(
            &subject,
            code,
            &original,
            Threshold::Safe,
            &mut Outcome::default(),
        ));
    }
    problems
}

/// One `--fix` run of `subject` (whose unfixed report is `original`) against the contract.
fn fix_and_compare(
    subject: &Subject,
    code: &str,
    original: &Value,
    threshold: Threshold,
    outcome: &mut Outcome,
) -> Vec<String> {
    let mut problems = Vec::new();
    let name = format!("{code}/{} ({})", subject.name, threshold.flags().join(" "));
    let before = subject.bytes();
    let want = expected(subject, original, threshold);
    let mut args = threshold.flags().to_vec();
    args.extend(["--format", "json"]);
    let out = run(subject.dir.path(), &subject.args(&args));
    let fix_report: Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    let after = subject.bytes();
    let leftovers: Vec<String> = std::fs::read_dir(subject.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| *n != subject.name && !n.ends_with(".toml"))
        .collect();
    if !leftovers.is_empty() {
        problems.push(format!("{name}: files left beside the fixed one: {leftovers:?}"));
    }
    match &want {
        Expected::Nothing => {
            if after != before {
                problems.push(format!(
                    "{name}: nothing to fix, but the file changed: {}",
                    excerpt(&before, &after)
                ));
            }
            if out.code == 2 {
                problems.push(format!("{name}: nothing to fix, but exit 2: {}", out.stderr.trim()));
            }
        }
        Expected::Refused { reason } => {
            outcome.refused = Some(reason.clone());
            if after != before {
                problems.push(format!(
                    "{name}: a fix pass fails verification ({reason}), so the file must stay untouched, but it changed: {}",
                    excerpt(&before, &after)
                ));
            }
            if out.code != 2 || !out.stderr.contains(&subject.name) {
                problems.push(format!(
                    "{name}: a fix pass fails verification ({reason}): expected exit 2 and a message naming the file, got exit {} and {:?}",
                    out.code, out.stderr
                ));
            }
            if fix_report["summary"]["fixed"] != 0 {
                problems.push(format!(
                    "{name}: nothing was written, but the summary says {} fixed",
                    fix_report["summary"]["fixed"]
                ));
            }
        }
        Expected::Fixed { passes, text, report } => {
            let (before_text, encoding) = decode(&before);
            let want_bytes = encoding.encode(text);
            if out.code == 2 {
                problems.push(format!("{name}: exit 2: {}", out.stderr.trim()));
            }
            if after != want_bytes {
                problems.push(format!(
                    "{name}: the fixed file differs from the JSON edits applied by hand ({} passes) {}",
                    passes.len(),
                    excerpt(&want_bytes, &after)
                ));
                return problems;
            }
            // One pass: every byte before the first edit and after the last one is unchanged.
            if let [pass] = passes.as_slice() {
                let lo = pass.edits.iter().map(|e| e.start).min().unwrap_or(0);
                let hi = pass.edits.iter().map(|e| e.end).max().unwrap_or(0);
                let (b, a) = (before_text.as_bytes(), text.as_bytes());
                let tail = b.len() - hi;
                if b[..lo] != a[..lo] || a.len() < tail || b[hi..] != a[a.len() - tail..] {
                    problems.push(format!("{name}: bytes changed outside the edits {lo}..{hi}"));
                }
            }
            // The written file parses, and the fixed findings are gone from where they were.
            let relinted = report; // the lint of exactly these bytes, made in `expected`
            if !parse_errors(relinted).is_empty() {
                problems.push(format!(
                    "{name}: the fixed file no longer parses: {:?}",
                    parse_errors(relinted)
                ));
            }
            if diagnostics(&fix_report) != diagnostics(relinted) {
                problems.push(format!(
                    "{name}: the --fix run reports other findings than a fresh check of the fixed file"
                ));
            }
            // Each pass was verified against the report before it (in `expected`); the first
            // pass's fixes must also be gone from the final report.
            let total: usize = passes.iter().map(|p| p.applied.len()).sum();
            if fix_report["summary"]["fixed"] != total {
                problems.push(format!(
                    "{name}: {total} fixes applied, the summary says {}",
                    fix_report["summary"]["fixed"]
                ));
            }
            let mut first: BTreeMap<&Applied, usize> = BTreeMap::new();
            for a in &passes[0].applied {
                *first.entry(a).or_default() += 1;
            }
            for ((c, key), n) in first {
                if count(relinted, c, key) + n > count(original, c, key) {
                    problems.push(format!("{name}: {c} at {key:?} is still reported after its fix"));
                }
            }
            if threshold == Threshold::Unsafe {
                outcome.own_fixed = passes
                    .iter()
                    .flat_map(|p| &p.applied)
                    .filter(|(c, _)| c == code)
                    .count();
                outcome.passes = passes.len();
            }
        }
    }
    problems
}

/// Every `fail_*` fixture (single text file) of every rule that has a fix.
fn fixable_fixtures() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for meta in rules::all().iter().filter(|m| m.fix != FixAvailability::None) {
        let dir = fixtures().join(meta.code);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with("fail_") && !name.ends_with(".toml")
            })
            .collect();
        files.sort();
        for path in files {
            if path.is_dir() {
                println!("note: {} is a folder fixture; not round-tripped", path.display());
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            // Binary plists and signed profiles are never rewritten (see `binary_plists_are_never_rewritten`).
            if !matches!(source::sniff(&bytes), Sniffed::Xml | Sniffed::Json) {
                continue;
            }
            out.push((meta.code.to_owned(), path));
        }
    }
    out
}

/// One fixture's result: rule code, file name, outcome, problems.
type FixtureResult = (String, String, Outcome, Vec<String>);

/// Round-trips every fixture once (in parallel), shared by the tests below.
fn results() -> &'static [FixtureResult] {
    static RESULTS: std::sync::OnceLock<Vec<FixtureResult>> = std::sync::OnceLock::new();
    RESULTS.get_or_init(|| {
        let work = fixable_fixtures();
        assert!(!work.is_empty());
        // Mostly process start-up: more workers than cores still help.
        let threads = std::thread::available_parallelism()
            .map_or(4, |n| n.get() * 2)
            .clamp(4, 16);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((code, path)) = work.get(i) else { break };
                    let mut outcome = Outcome::default();
                    let problems = round_trip(path, code, &mut outcome);
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    results.lock().unwrap().push((code.clone(), name, outcome, problems));
                });
            }
        });
        let mut results = results.into_inner().unwrap();
        results.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        results
    })
}

#[test]
fn every_fixable_rule_fixture_round_trips() {
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    println!("fix round-trip per fixture (own fixes applied with --fix --unsafe-fixes, passes):");
    for (code, name, outcome, p) in results() {
        *per_rule.entry(code).or_default() += outcome.own_fixed;
        let refused = outcome
            .refused
            .as_deref()
            .map(|r| format!(", refused: {r}"))
            .unwrap_or_default();
        println!(
            "  {code} {name}: {} own fixes, {} passes{refused}",
            outcome.own_fixed, outcome.passes
        );
        problems.extend(p.iter().cloned());
    }
    let unexercised: Vec<&str> = per_rule
        .iter()
        .filter(|(_, fixed)| **fixed == 0)
        .map(|(c, _)| *c)
        .collect();
    println!(
        "rules with a fix: {}; fixes never applied for: {unexercised:?}",
        per_rule.len()
    );
    assert!(
        problems.is_empty(),
        "{} fix round-trip problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        unexercised.is_empty(),
        "the catalog gives these rules a fix, but none of their fail_ fixtures gets one applied: {unexercised:?}"
    );
}

/// The CLI refuses a fix that would break a file (checked above); offering such a fix is still a
/// rule bug.
#[test]
fn offered_fixes_pass_verification() {
    let refused: Vec<String> = results()
        .iter()
        .filter_map(|(code, name, outcome, _)| outcome.refused.as_ref().map(|r| format!("{code}/{name}: {r}")))
        .collect();
    assert!(
        refused.is_empty(),
        "fixes that the fixer has to refuse:\n{}",
        refused.join("\n")
    );
}

/// A file whose first fix pass verifies and whose second does not: `Type` `Credential` is fixed
/// to `Redirect` (SSO103, safe), which wakes SSO105, whose insertion into a `URLs` written as a
/// `<string>` would break the file. cli.md: the file is left untouched and an error says so; the
/// summary must not count fixes that were not written.
#[test]
fn a_refused_later_pass_leaves_the_file_untouched() {
    let text = std::fs::read_to_string(fixtures().join("PL106/fail_urls_string_extension_data_array.mobileconfig"))
        .unwrap()
        .replace("<string>Redirect</string>", "<string>Credential</string>");
    let subject = Subject::new("two-pass.mobileconfig", text.as_bytes(), None);
    let original = subject.lint();
    let want = expected(&subject, &original, Threshold::Unsafe);
    let Expected::Refused { reason } = &want else {
        println!("note: the construction no longer produces a refused pass ({want:?}); nothing to check");
        return;
    };
    assert!(reason.starts_with("pass 2"), "{reason}");
    let out = run(
        subject.dir.path(),
        &subject.args(&["--fix", "--unsafe-fixes", "--format", "json"]),
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("two-pass.mobileconfig") && out.stderr.contains("left untouched"),
        "{}",
        out.stderr
    );
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let after = subject.bytes();
    assert!(
        after == text.as_bytes(),
        "the run says the file was left untouched, but the first pass was written: {}",
        excerpt(text.as_bytes(), &after)
    );
    assert_eq!(report["summary"]["fixed"], 0, "nothing was written, nothing was fixed");
}

/// The broken profile of the CLI cases, with the line ends, indentation and comments changed.
/// The CLI cases' broken profile, without `https://sts.windows.net`: its safe fixes rewrite
/// values, and SSO105's unsafe fix inserts the missing URL as a new line.
fn broken_profile() -> String {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/multi/broken.mobileconfig"))
            .unwrap();
    let line = "\t\t\t\t<string>https://sts.windows.net</string>\n";
    assert!(text.contains(line));
    text.replace(line, "")
}

fn set_old_mtime(path: &Path) -> std::time::SystemTime {
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Applies a unified diff (as `--diff` prints it) to `old`.
fn patch(old: &str, diff: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0; // next old line (0-based)
    let mut lines = diff.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let Some(header) = line.strip_prefix("@@ -") else {
            continue;
        };
        let start: usize = header.split([',', ' ']).next().unwrap().parse().unwrap();
        let start = start.saturating_sub(1);
        for l in &old_lines[at..start] {
            out.push_str(l);
        }
        at = start;
        while let Some(body) = lines.peek().copied() {
            if body.starts_with("@@") {
                break;
            }
            lines.next();
            match body.split_at(1) {
                (" ", rest) => {
                    assert_eq!(
                        old_lines[at].trim_end_matches(['\r', '\n']),
                        rest.trim_end_matches(['\r', '\n']),
                        "context line {}",
                        at + 1
                    );
                    out.push_str(old_lines[at]);
                    at += 1;
                }
                ("-", rest) => {
                    assert_eq!(
                        old_lines[at].trim_end_matches(['\r', '\n']),
                        rest.trim_end_matches(['\r', '\n']),
                        "removed line {}",
                        at + 1
                    );
                    at += 1;
                }
                ("+", rest) => out.push_str(rest),
                ("\\", _) => {}
                _ => panic!("unexpected diff line {body:?}"),
            }
        }
    }
    for l in &old_lines[at..] {
        out.push_str(l);
    }
    out
}

#[test]
fn diff_writes_nothing_and_shows_what_fix_would_write() {
    let text = broken_profile();
    let subject = Subject::new("sso.mobileconfig", text.as_bytes(), None);
    let mtime = set_old_mtime(&subject.path());
    for flags in [&["--diff"][..], &["--diff", "--unsafe-fixes"], &["--fix", "--diff"]] {
        let out = run(subject.dir.path(), &subject.args(flags));
        assert_eq!(out.code, 1, "{flags:?}: changes to show → exit 1; {}", out.stderr);
        assert!(out.stderr.is_empty(), "{flags:?}: {}", out.stderr);
        assert!(
            out.stdout
                .starts_with("--- a/sso.mobileconfig\n+++ b/sso.mobileconfig\n@@ "),
            "{flags:?}: {}",
            out.stdout
        );
        let hunk =
            "\n-\t\t\t\t<string>{{DeviceRegistration}}</string>\n+\t\t\t\t<string>{{DEVICEREGISTRATION}}</string>\n";
        assert!(out.stdout.contains(hunk), "{}", out.stdout);
        assert_eq!(
            out.stdout.contains("sts.windows.net"),
            flags.contains(&"--unsafe-fixes"),
            "{flags:?}: unsafe fixes only with --unsafe-fixes"
        );
        assert_eq!(subject.bytes(), text.as_bytes(), "{flags:?}: --diff must not write");
        assert_eq!(
            std::fs::metadata(subject.path()).unwrap().modified().unwrap(),
            mtime,
            "{flags:?}: --diff must not touch the file"
        );
        assert_eq!(
            std::fs::read_dir(subject.dir.path()).unwrap().count(),
            1,
            "{flags:?}: --diff must not create files"
        );
        // The diff is exactly what --fix writes.
        let shown = patch(&text, &out.stdout);
        let fixed = Subject::new("sso.mobileconfig", text.as_bytes(), None);
        let mut fix_flags = vec!["--fix"];
        if flags.contains(&"--unsafe-fixes") {
            fix_flags.push("--unsafe-fixes");
        }
        run(fixed.dir.path(), &fixed.args(&fix_flags));
        assert_eq!(
            shown,
            String::from_utf8(fixed.bytes()).unwrap(),
            "{flags:?}: the diff and the fixed file disagree"
        );
    }
    // Nothing to fix: no diff, exit 0.
    let clean =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/multi/clean.mobileconfig")).unwrap();
    let subject = Subject::new("clean.mobileconfig", &clean, None);
    let out = run(subject.dir.path(), &subject.args(&["--diff"]));
    assert_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (0, "", ""));
}

#[test]
fn crlf_tabs_comments_and_permissions_survive_fixing() {
    let mut text = broken_profile()
        .replace(
            "<dict>\n\t<key>PayloadContent</key>",
            "<dict>\n\t<!-- Managed by the platform team; do not edit by hand. -->\n\t<key>PayloadContent</key>",
        )
        .replace(
            "\t\t\t\t<key>device_registration</key>",
            "\t\t\t\t<!-- JIT registration -->\n\t\t\t\t<key>device_registration</key>",
        )
        .replace(
            "<string>Redirect</string>",
            "<string>Redirect</string> <!-- trailing comment -->",
        );
    text = text.replace('\n', "\r\n");
    let subject = Subject::new("crlf.mobileconfig", text.as_bytes(), None);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(subject.path(), std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let original = subject.lint();
    let want = expected(&subject, &original, Threshold::Unsafe);
    let Expected::Fixed { text: want_text, .. } = want else {
        panic!("expected fixes, got {want:?}")
    };
    let out = run(subject.dir.path(), &subject.args(&["--fix", "--unsafe-fixes"]));
    assert_ne!(out.code, 2, "{}", out.stderr);
    let fixed = String::from_utf8(subject.bytes()).unwrap();
    assert_eq!(fixed, want_text, "only the edits change");
    assert!(fixed.contains("<string>{{DEVICEREGISTRATION}}</string>\r\n"), "{fixed}");
    assert!(
        fixed.contains("sts.windows.net</string>\r\n"),
        "inserted lines use the file's line ends: {fixed}"
    );
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "every line still ends in CRLF:\n{fixed:?}"
    );
    assert!(!fixed.contains("\r\r"), "{fixed:?}");
    for comment in [
        "\t<!-- Managed by the platform team; do not edit by hand. -->\r\n",
        "\t\t\t\t<!-- JIT registration -->\r\n",
        "<string>Redirect</string> <!-- trailing comment -->\r\n",
    ] {
        assert!(fixed.contains(comment), "comment lost: {comment:?}\n{fixed}");
    }
    assert!(
        fixed.lines().filter(|l| !l.is_empty()).all(|l| !l.starts_with(' ')),
        "indentation stays tabs:\n{fixed}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(subject.path()).unwrap().permissions().mode() & 0o777,
            0o640,
            "permissions kept"
        );
    }
}

#[test]
fn utf16_files_keep_their_encoding_and_bom() {
    let json =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/multi/device-features.json"))
            .unwrap();
    let json = json
        .replace('\n', "\r\n")
        .replace("iOS - Enterprise SSO", "iOS – Enterprise SSO ✓");
    for encoding in [Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Utf8Bom] {
        let subject = Subject::new("export.json", &encoding.encode(&json), None);
        let original = subject.lint();
        assert!(parse_errors(&original).is_empty(), "{encoding:?}: {original}");
        let Expected::Fixed { text: want, .. } = expected(&subject, &original, Threshold::Safe) else {
            panic!("{encoding:?}: expected a fix")
        };
        assert!(want.contains("\"value\": 1\r\n"), "{want}");
        let out = run(subject.dir.path(), &subject.args(&["--fix"]));
        assert_ne!(out.code, 2, "{encoding:?}: {}", out.stderr);
        let bytes = subject.bytes();
        assert_eq!(
            bytes,
            encoding.encode(&want),
            "{encoding:?}: same encoding, BOM and bytes outside the edit"
        );
        assert_eq!(decode(&bytes).1, encoding);
    }
    // The BOMs themselves.
    let subject = Subject::new("export.json", &Encoding::Utf16Le.encode(&json), None);
    run(subject.dir.path(), &subject.args(&["--fix"]));
    assert_eq!(&subject.bytes()[..2], &[0xFF, 0xFE], "UTF-16 LE keeps its BOM");
}

fn to_binary(xml: &[u8]) -> Vec<u8> {
    let value = plist::Value::from_reader(std::io::Cursor::new(xml)).unwrap();
    let mut binary = Vec::new();
    value.to_writer_binary(&mut binary).unwrap();
    assert!(binary.starts_with(b"bplist00"));
    binary
}

#[test]
fn binary_plists_are_never_rewritten() {
    let xml = std::fs::read(fixtures().join("signed/sso-der.plist")).unwrap();
    let binary = to_binary(&xml);
    let subject = Subject::new("binary.mobileconfig", &binary, None);
    // The same content as XML has fixable findings (SSO201, SSO105)…
    let xml_subject = Subject::new("xml.mobileconfig", &xml, None);
    assert!(!applicable(&xml_subject.lint(), Threshold::Unsafe).is_empty());
    // …which a binary plist keeps: never rewritten.
    let out = run(
        subject.dir.path(),
        &subject.args(&["--fix", "--unsafe-fixes", "--color", "never"]),
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    assert_eq!(subject.bytes(), binary, "a binary plist must never be rewritten");
    assert!(out.stdout.contains("SSO201"), "{}", out.stdout);
}

/// cli.md: "Binary plists, signed profiles and embedded base64 payloads are never rewritten: their
/// diagnostics say why." Signed and embedded findings do ("fix not applied automatically: …");
/// the same findings in a binary plist carry no fix and no reason.
#[test]
fn binary_plist_findings_say_why_they_are_not_fixed() {
    let xml = std::fs::read(fixtures().join("signed/sso-der.plist")).unwrap();
    let binary = to_binary(&xml);
    let subject = Subject::new("binary.mobileconfig", &binary, None);
    let out = run(
        subject.dir.path(),
        &subject.args(&["--select", "SSO201", "--color", "never"]),
    );
    assert!(out.stdout.contains("SSO201"), "{}", out.stdout);
    assert!(
        out.stdout.contains("binary plists are never rewritten"),
        "the SSO201 finding in a binary plist should say why it is not fixed, as signed profiles do:\n{}",
        out.stdout
    );
}
