//! Guards of the public contract: rule codes, names, docs, fixtures and the README's table.

use std::collections::HashSet;
use std::path::Path;

use profilelint::rules;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for m in rules::all() {
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        let ok_code =
            (m.code.starts_with("PL") && m.code.len() == 5) || (m.code.starts_with("SSO") && m.code.len() == 6);
        assert!(
            ok_code
                && m.code
                    .chars()
                    .skip_while(|c| c.is_ascii_uppercase())
                    .all(|c| c.is_ascii_digit()),
            "{}",
            m.code
        );
        assert!(m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", m.name);
    }
    // Catalog order: each family's codes (`PL0`, `SSO6`: the code without its last two digits)
    // together and ascending, so a code added in the wrong place (or twice) shows up here rather
    // than as a reordered `rules` listing.
    let family = |code: &'static str| &code[..code.len() - 2];
    let all = rules::all();
    for pair in all.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if family(a.code) == family(b.code) {
            assert!(a.code < b.code, "{} is listed before {} in its family", a.code, b.code);
        }
    }
    let mut families_seen = Vec::new();
    for m in all {
        if families_seen.last() != Some(&family(m.code)) {
            assert!(
                !families_seen.contains(&family(m.code)),
                "the {} family is split by {}",
                family(m.code),
                m.code
            );
            families_seen.push(family(m.code));
        }
    }
}

#[test]
fn every_rule_is_implemented_or_emitted_by_the_engine() {
    let implemented: HashSet<&str> = rules::implementations().map(|r| r.meta().code).collect();
    let engine: HashSet<&str> = rules::engine_rules().map(|m| m.code).collect();
    for m in rules::all() {
        assert!(
            implemented.contains(m.code) ^ engine.contains(m.code),
            "{} must be implemented exactly once",
            m.code
        );
    }
    let mut seen = HashSet::new();
    for r in rules::implementations() {
        assert!(seen.insert(r.meta().code), "{} registered twice", r.meta().code);
    }
}

#[test]
fn every_rule_has_a_doc_with_the_contract_in_it() {
    for m in rules::all() {
        let doc = rules::doc(m.code).unwrap_or_else(|| panic!("{} has no rules/{}.md", m.code, m.code));
        let first = doc.lines().next().unwrap_or("");
        assert_eq!(first, format!("# {}: {}", m.code, m.name), "rules/{}.md title", m.code);
        let row = format!("| {} | {} | {} | {} |", m.code, m.name, m.severity, m.fix.name());
        assert!(doc.contains(&row), "rules/{}.md must contain the row `{row}`", m.code);
        for heading in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## How to fix",
            "## References",
        ] {
            assert!(doc.contains(heading), "rules/{}.md lacks `{heading}`", m.code);
        }
    }
}

#[test]
fn every_rule_has_fixtures_that_fire_and_that_stay_quiet() {
    for m in rules::all() {
        let dir = root().join("tests/fixtures").join(m.code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("tests/fixtures/{} is missing", m.code))
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("fail_") && !n.ends_with(".toml")),
            "{}: no fail_ fixture",
            m.code
        );
        assert!(
            names.iter().any(|n| n.starts_with("pass_") && !n.ends_with(".toml")),
            "{}: no pass_ fixture",
            m.code
        );
    }
}

/// The rule table as the README shows it.
fn readme_table() -> String {
    let mut t = String::from("| Code | Name | Severity | Fix | Checks |\n|---|---|---|---|---|\n");
    for m in rules::all() {
        t.push_str(&format!(
            "| [{0}](rules/{0}.md) | `{1}` | {2} | {3} | {4} |\n",
            m.code,
            m.name,
            m.severity,
            m.fix.name(),
            m.summary.replace('|', "\\|")
        ));
    }
    t
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("README has <!-- rules:start -->")
        + "<!-- rules:start -->\n".len();
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README has <!-- rules:end -->");
    let expected = readme_table();
    if readme[start..end] != expected {
        if std::env::var_os("PROFILELINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
            std::fs::write(root().join("README.md"), updated).unwrap();
        }
        panic!(
            "README rule table is out of date; run `PROFILELINT_BLESS=1 cargo test --test it guard::` to rewrite it"
        );
    }
}
