//! Instruction counts instead of time, for a machine too busy for stable timings: runs one step
//! on one of the benchmark documents (`corpus::cases`, the same as `benches/lint.rs`) `N` times,
//! to be run under `valgrind --tool=callgrind`. Two runs with different `N` give the instructions
//! of one iteration without the start-up: `(I(N2) - I(N1)) / (N2 - N1)`. `scripts/bench.sh
//! --callgrind` does this for every document and step.
//!
//! ```text
//! cargo bench --bench instructions --no-run   # prints the executable's path
//! valgrind --tool=callgrind <executable> xml_profile full 100
//! ```
//!
//! Steps: `floor` (the plain loader), `parse` (profilelint's read to the tree), `full` (read, model
//! and every rule). Without arguments (as `cargo bench` runs it) it lists the documents. Given a
//! folder, `floor` reads and parses every file in it with the plain loaders: the floor of a whole
//! run over that folder.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod corpus;

use std::hint::black_box;

use profilelint::config::Config;
use profilelint::{FileOrigin, Limits, LintSet, Linter};

fn main() {
    // `cargo bench` passes `--bench`; positional arguments only.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let cases = corpus::cases::all();
    let (Some(group), Some(step), Some(n)) = (
        args.first(),
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        println!("usage: instructions DOCUMENT|FILE floor|parse|full N   (under valgrind --tool=callgrind)");
        println!("       instructions FOLDER floor N   (every file read and parsed by the plain loaders)");
        for case in &cases {
            println!(
                "  {:<24} {:>9} bytes, floor {}",
                case.group,
                case.bytes.len(),
                case.floor.name()
            );
        }
        return;
    };
    // A folder: read every file and parse it with the plain loader (`serde_json` for `.json`,
    // `plist` for the rest), as the floor of a whole run over the folder (`profilelint check
    // --jobs 1 DIR` under callgrind is the other side).
    if std::path::Path::new(group).is_dir() && step == "floor" {
        let mut files = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(group)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        for _ in 0..n {
            for file in &files {
                let bytes = std::fs::read(file).unwrap();
                let floor = if file.extension().is_some_and(|x| x == "json") {
                    corpus::cases::Floor::SerdeJson
                } else {
                    corpus::cases::Floor::PlistAny
                };
                black_box(floor.run(black_box(&bytes)));
            }
        }
        return;
    }
    // A path instead of a document name: that XML profile, against `plist`'s XML reader.
    let from_file;
    let case = match std::fs::read(group) {
        Ok(bytes) if !cases.iter().any(|c| c.group == group) => {
            from_file = corpus::cases::Case {
                group: "file",
                file: "file.mobileconfig",
                bytes,
                floor: corpus::cases::Floor::PlistXml,
            };
            &from_file
        }
        _ => cases
            .iter()
            .find(|c| c.group == group)
            .unwrap_or_else(|| panic!("no document `{group}`")),
    };
    let linter = Linter::new(Config::default());
    for _ in 0..n {
        match step.as_str() {
            "floor" => {
                black_box(case.floor.run(black_box(&case.bytes)));
            }
            "parse" => {
                let mut set = LintSet::new(Limits::default());
                set.add_bytes(case.file, black_box(&case.bytes), FileOrigin::Named);
                black_box(set);
            }
            "full" => {
                let mut set = LintSet::new(Limits::default());
                set.add_bytes(case.file, black_box(&case.bytes), FileOrigin::Named);
                black_box(linter.check(&set));
            }
            other => panic!("no step `{other}` (floor, parse or full)"),
        }
    }
}
