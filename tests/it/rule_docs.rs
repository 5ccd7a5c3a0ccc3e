//! The examples of the rule docs, run. Under `## Example` in `rules/<CODE>.md`, a code block whose
//! info string carries `fail` (```` ```xml fail ````) is a complete document on which the rule
//! must fire, one that carries `pass` a document the rule must leave quiet. Each is linted alone,
//! as an explicitly named file, with the default configuration. The label before such a block
//! must say the same ("Failing…" or "Passing…"). Blocks without the marker are fragments (a few
//! keys, a part of an export) and are only shown.
//!
//! Every doc has a failing and a passing example that run, except those in [`FRAGMENTS_ONLY`].

use profilelint::config::Config;
use profilelint::report::human;
use profilelint::rules;
use profilelint::{FileOrigin, LintSet, Linter};

/// Docs whose examples cannot be one complete document, and why.
const FRAGMENTS_ONLY: &[(&str, &str)] = &[
    ("PL003", "the structure of a CMS file, which is binary"),
    ("PL006", "200 levels of nesting"),
    ("PL105", "two files"),
    ("SSO401", "records of an export linted with the SSO profile"),
    ("SSO402", "records of an export linted with the SSO profile"),
    ("SSO403", "records of an export linted with the SSO profile"),
    ("SSO404", "an SSO profile linted with or without app records"),
    ("SSO405", "records of an export linted with the SSO profile"),
    ("SSO406", "records of an export linted with the SSO profile"),
    ("SSO407", "records of an export linted with the SSO profile"),
    ("SSO503", "an enrollment profile linted with the Platform SSO policy"),
    ("SSO504", "two declarations"),
    ("SSO608", "described in prose"),
];

/// What a marked example must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Fire,
    Quiet,
}

/// A marked code block of a doc's example section.
struct Example {
    expect: Expect,
    /// The block's language: `xml` or `json`.
    lang: String,
    text: String,
    /// The line of the opening fence (1-based).
    line: usize,
}

/// The marked examples of `doc`, and the problems found while reading them.
fn examples(code: &str, doc: &str) -> (Vec<Example>, Vec<String>) {
    let (mut out, mut problems) = (Vec::new(), Vec::new());
    let mut in_example = false;
    // The first line of the paragraph before a block.
    let mut label = "";
    let mut after_blank = true;
    let mut lines = doc.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if line.starts_with("## ") {
            in_example = line.trim_end() == "## Example";
            continue;
        }
        let Some(info) = line.strip_prefix("```").filter(|_| in_example) else {
            if after_blank && !line.trim().is_empty() {
                label = line;
            }
            after_blank = line.trim().is_empty();
            continue;
        };
        after_blank = false;
        let mut text = String::new();
        for (_, body) in lines.by_ref() {
            if body.starts_with("```") {
                break;
            }
            text.push_str(body);
            text.push('\n');
        }
        let mut words = info.split_whitespace();
        let lang = words.next().unwrap_or("").to_owned();
        let expect = match words.next() {
            None => None,
            Some("fail") => Some(Expect::Fire),
            Some("pass") => Some(Expect::Quiet),
            Some(other) => {
                problems.push(format!("rules/{code}.md:{}: unknown marker `{other}`", i + 1));
                None
            }
        };
        let Some(expect) = expect else {
            label = "";
            continue;
        };
        let said = if label.starts_with("Failing") {
            Some(Expect::Fire)
        } else if label.starts_with("Passing") {
            Some(Expect::Quiet)
        } else {
            None
        };
        if said != Some(expect) {
            problems.push(format!(
                "rules/{code}.md:{}: a `{info}` block must follow a \"{}\" label, not {label:?}",
                i + 1,
                if expect == Expect::Fire { "Failing" } else { "Passing" }
            ));
        }
        out.push(Example {
            expect,
            lang,
            text,
            line: i + 1,
        });
        label = "";
    }
    (out, problems)
}

#[test]
fn rule_doc_examples_behave_as_labelled() {
    let mut problems = Vec::new();
    let (mut docs_run, mut fails, mut passes) = (0, 0, 0);
    for m in rules::all() {
        let doc = rules::doc(m.code).unwrap_or_else(|| panic!("{} has no doc", m.code));
        let (examples, read_problems) = examples(m.code, doc);
        problems.extend(read_problems);
        for ex in &examples {
            let name = match ex.lang.as_str() {
                "xml" => "example.mobileconfig",
                "json" => "example.json",
                other => {
                    problems.push(format!("rules/{}.md:{}: cannot run a `{other}` block", m.code, ex.line));
                    continue;
                }
            };
            let mut set = LintSet::new(Config::default().limits);
            set.add_bytes(name, ex.text.as_bytes(), FileOrigin::Named);
            let own: Vec<_> = Linter::new(Config::default())
                .check(&set)
                .into_diagnostics()
                .into_iter()
                .filter(|d| d.code() == m.code)
                .collect();
            match ex.expect {
                Expect::Fire if own.is_empty() => problems.push(format!(
                    "rules/{}.md:{}: the failing example does not make {} fire",
                    m.code, ex.line, m.code
                )),
                Expect::Quiet if !own.is_empty() => problems.push(format!(
                    "rules/{}.md:{}: the passing example gets {}:\n{}",
                    m.code,
                    ex.line,
                    m.code,
                    own.iter()
                        .map(|d| human::render_diagnostic(d, Default::default()))
                        .collect::<String>()
                )),
                _ => {}
            }
        }
        let fail = examples.iter().filter(|e| e.expect == Expect::Fire).count();
        let pass = examples.len() - fail;
        let listed = FRAGMENTS_ONLY.iter().any(|(code, _)| *code == m.code);
        if listed && !examples.is_empty() {
            problems.push(format!(
                "rules/{}.md has examples that run: take {} out of FRAGMENTS_ONLY",
                m.code, m.code
            ));
        }
        if !listed && (fail == 0 || pass == 0) {
            problems.push(format!(
                "rules/{}.md needs a complete failing and a complete passing example, marked ```xml fail \
                 and ```xml pass (or ```json …), or an entry in FRAGMENTS_ONLY saying why it cannot",
                m.code
            ));
        }
        docs_run += usize::from(!examples.is_empty());
        fails += fail;
        passes += pass;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        docs_run > 0 && fails > 0 && passes > 0,
        "no doc example ran ({docs_run} docs, {fails} failing, {passes} passing)"
    );
}
