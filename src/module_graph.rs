//! Keeps the module graph flowing one way. Reads the `crate::` paths of every source file and
//! fails on one that names a module later in [`FLOW`] than its own: an arrow back up the flow is
//! how import cycles start (`catalog` ⇄ `model`, `diagnostic` ⇄ `rules`, `config` ⇄ `rules`
//! before this test existed). Doc comments are not read: a link is no dependency.

use std::collections::HashMap;
use std::path::Path;

/// The top-level modules, from the leaves to the rule engine and its reports. A module may use
/// the ones before it, never the ones after it.
const FLOW: &[&str] = &[
    "work",
    "limits",
    "span",
    "suggest",
    "contract",
    "syntax",
    "source",
    "document",
    "diagnostic",
    "edits",
    "lint_set",
    "catalog",
    "model",
    "suppress",
    "policy",
    "config",
    "rules",
    "linter",
    "fix",
    "report",
    "testing",
];

/// One arrow back up the flow: where, from which module, to which.
#[derive(Debug, PartialEq)]
struct BackArrow {
    file: String,
    line: usize,
    from: &'static str,
    to: &'static str,
}

/// Which module each crate-root re-export (`pub use diagnostic::{Diagnostic, …}` in `lib.rs`)
/// comes from, so that `crate::Diagnostic` counts as a use of `diagnostic`.
fn root_reexports(lib: &str) -> HashMap<String, &'static str> {
    let mut items = HashMap::new();
    for line in lib.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        let Some(module) = FLOW.iter().copied().find(|m| *m == module) else {
            continue;
        };
        let names = names
            .trim_end_matches(';')
            .trim_start_matches('{')
            .trim_end_matches('}');
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            items.insert(name.to_owned(), module);
        }
    }
    items
}

/// The arrows back up the flow in one file of module `from`. Stops at the first `#[cfg(test)]`:
/// tests may reach anywhere.
fn back_arrows(file: &str, from: &'static str, text: &str, roots: &HashMap<String, &'static str>) -> Vec<BackArrow> {
    let Some(rank) = FLOW.iter().position(|m| *m == from) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let ident: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let target = FLOW
                .iter()
                .copied()
                .find(|m| *m == ident)
                .or_else(|| roots.get(&ident).copied());
            // `crate::{a, b}` hides its modules from this reading: it is refused outright.
            let grouped = rest.starts_with('{').then_some("{ … }");
            if let Some(to) = grouped.or(target.filter(|to| FLOW.iter().position(|m| m == to) > Some(rank))) {
                found.push(BackArrow {
                    file: file.to_owned(),
                    line: i + 1,
                    from,
                    to,
                });
            }
        }
    }
    found
}

/// Every `.rs` file under `dir`, depth first.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn modules_use_only_modules_before_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let roots = root_reexports(&lib);
    assert!(roots.get("Diagnostic") == Some(&"diagnostic") && roots.get("LintSet") == Some(&"lint_set"));
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut checked = 0;
    let mut arrows = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        // The crate root and the binary (`main.rs`, `cli/`) sit above everything.
        let Some(module) = FLOW.iter().copied().find(|m| *m == top) else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        arrows.extend(back_arrows(&relative.display().to_string(), module, &text, &roots));
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files read under {}", src.display());
    assert!(
        arrows.is_empty(),
        "modules use modules after them in the flow (src/module_graph.rs lists it):\n{}",
        arrows
            .iter()
            .map(|a| format!("  src/{}:{}: `{}` uses `{}`", a.file, a.line, a.from, a.to))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_use_back_up_the_flow_is_found() {
    let roots = root_reexports("pub use diagnostic::{Applicability, Diagnostic};\npub use linter::{Linter, Report};");
    let text = "//! [`crate::rules::Rule`] in a doc is fine.\n\
                use crate::span::Span;\n\
                use crate::rules::by_code;\n\
                fn f() -> crate::Report { todo!() }\n\
                use crate::{span, model};\n\
                #[cfg(test)]\n\
                use crate::linter::Linter;\n";
    let found = back_arrows("diagnostic.rs", "diagnostic", text, &roots);
    let lines: Vec<(usize, &str)> = found.iter().map(|a| (a.line, a.to)).collect();
    assert_eq!(lines, [(3, "rules"), (4, "linter"), (5, "{ … }")]);
}
