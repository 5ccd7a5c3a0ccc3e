//! profilelint against the floor: each group lints one realistic document end to end (read →
//! tree → model → every rule) and, on the same bytes, runs the parse a plain loader would do
//! (`plist` to `plist::Value`, `serde_json` to `serde_json::Value`). `profilelint/parse` is the
//! read-to-tree step alone, to show what the model and rules add.
//!
//! ```text
//! cargo bench --bench lint                 # everything (about a minute)
//! cargo bench --bench lint -- xml_profile  # one group
//! ```
//!
//! The documents (`corpus::cases`) come from the corpus generator with fixed seeds and from the
//! signed-profile fixtures; `benches/instructions.rs` counts instructions on the same ones.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use profilelint::config::Config;
use profilelint::{FileOrigin, Limits, LintSet, Linter};

use corpus::cases::{self, Case};

/// Full lint of one file, as `profilelint check FILE` does after reading it.
fn lint(linter: &Linter, name: &str, bytes: &[u8]) -> usize {
    let mut set = LintSet::new(Limits::default());
    set.add_bytes(name, bytes, FileOrigin::Named);
    linter.check(&set).diagnostics().len()
}

/// Reading alone: decode, parse to the tree, embedded payloads.
fn parse(name: &str, bytes: &[u8]) -> usize {
    let mut set = LintSet::new(Limits::default());
    set.add_bytes(name, bytes, FileOrigin::Named);
    set.documents().iter().map(|d| d.tree().len()).sum()
}

/// One group: the floor, profilelint's parse and full lint, on the same bytes.
fn group(c: &mut Criterion, case: &Case) {
    let linter = Linter::new(Config::default());
    // The input must read cleanly, or the comparison would measure an error path.
    let mut set = LintSet::new(Limits::default());
    set.add_bytes(case.file, &case.bytes, FileOrigin::Named);
    assert!(
        set.input_diagnostics().is_empty(),
        "{}: {:?}",
        case.group,
        set.input_diagnostics()
    );

    let bytes = case.bytes.as_slice();
    let mut g = c.benchmark_group(case.group);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(case.floor.name(), |b| b.iter(|| case.floor.run(black_box(bytes))));
    g.bench_function("profilelint/parse", |b| b.iter(|| parse(case.file, black_box(bytes))));
    g.bench_function("profilelint/full_lint", |b| {
        b.iter(|| lint(&linter, case.file, black_box(bytes)))
    });
    g.finish();
}

fn all(c: &mut Criterion) {
    for case in cases::all() {
        group(c, &case);
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = all
}
criterion_main!(benches);
