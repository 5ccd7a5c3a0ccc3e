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
//! Inputs come from the corpus generator (`cargo run --example gen_corpus`) with a fixed seed, and
//! from the signed-profile fixtures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod corpus;

use std::hint::black_box;
use std::io::Cursor;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use profilelint::config::Config;
use profilelint::{Limits, LintSet, Linter};

use corpus::{Mistake, Org, Platform, ProfileKind, Rng, Style};

/// Full lint of one file, as `profilelint check FILE` does after reading it.
fn lint(linter: &Linter, name: &str, bytes: &[u8]) -> usize {
    let mut set = LintSet::new(Limits::default());
    set.add_bytes(name, bytes, true);
    linter.check(&set).diagnostics.len()
}

/// Reading alone: decode, parse to the tree, embedded payloads.
fn parse(name: &str, bytes: &[u8]) -> usize {
    let mut set = LintSet::new(Limits::default());
    set.add_bytes(name, bytes, true);
    set.documents.iter().map(|d| d.tree.len()).sum()
}

/// One group: profilelint's full lint and parse against a floor, on the same bytes.
fn pair(c: &mut Criterion, group: &str, name: &str, bytes: &[u8], floor_name: &str, floor: impl Fn(&[u8]) -> usize) {
    let linter = Linter::new(Config::default());
    // The input must read cleanly, or the comparison would measure an error path.
    let mut set = LintSet::new(Limits::default());
    set.add_bytes(name, bytes, true);
    assert!(set.input_diagnostics.is_empty(), "{group}: {:?}", set.input_diagnostics);
    black_box(floor(bytes));

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(floor_name, |b| b.iter(|| floor(black_box(bytes))));
    g.bench_function("profilelint/parse", |b| b.iter(|| parse(name, black_box(bytes))));
    g.bench_function("profilelint/full_lint", |b| {
        b.iter(|| lint(&linter, name, black_box(bytes)))
    });
    g.finish();
}

fn plist_xml(bytes: &[u8]) -> usize {
    match plist::Value::from_reader_xml(Cursor::new(bytes)).unwrap() {
        plist::Value::Dictionary(d) => d.len(),
        _ => 0,
    }
}

fn plist_any(bytes: &[u8]) -> usize {
    match plist::Value::from_reader(Cursor::new(bytes)).unwrap() {
        plist::Value::Dictionary(d) => d.len(),
        _ => 0,
    }
}

fn serde_json_value(bytes: &[u8]) -> usize {
    match serde_json::from_slice::<serde_json::Value>(bytes).unwrap() {
        serde_json::Value::Object(o) => o.len(),
        serde_json::Value::Array(a) => a.len(),
        _ => 0,
    }
}

/// The profile `gen_corpus --seed 1` writes as `one.mobileconfig`.
fn one_profile() -> corpus::P {
    let mut rng = Rng::new(1);
    let org = Org::new(&mut rng, 0);
    corpus::profile(&mut rng, &org, ProfileKind::Sso(Platform::Ios), Mistake::None)
}

fn xml_profile(c: &mut Criterion) {
    let xml = corpus::plist_xml(&one_profile());
    pair(
        c,
        "xml_profile",
        "one.mobileconfig",
        xml.as_bytes(),
        "plist/from_reader_xml",
        plist_xml,
    );
}

fn binary_profile(c: &mut Criterion) {
    let binary = corpus::plist_binary(&one_profile());
    pair(
        c,
        "binary_profile",
        "one.mobileconfig",
        &binary,
        "plist/from_reader",
        plist_any,
    );
}

fn signed_profile(c: &mut Criterion) {
    let signed: &[u8] = include_bytes!("../tests/fixtures/signed/sso-der.mobileconfig");
    let content = profilelint::source::signed::unwrap(signed).unwrap();
    let linter = Linter::new(Config::default());
    let mut g = c.benchmark_group("signed_profile");
    g.throughput(Throughput::Bytes(signed.len() as u64));
    // The floor parses the already unwrapped content; profilelint unwraps the CMS too.
    g.bench_function("plist/from_reader_xml(unwrapped)", |b| {
        b.iter(|| plist_xml(black_box(&content)))
    });
    g.bench_function("profilelint/parse", |b| {
        b.iter(|| parse("sso-der.mobileconfig", black_box(signed)))
    });
    g.bench_function("profilelint/full_lint", |b| {
        b.iter(|| lint(&linter, "sso-der.mobileconfig", black_box(signed)))
    });
    g.finish();
}

fn intune_json(c: &mut Criterion) {
    let mut rng = Rng::new(2);
    let org = Org::new(&mut rng, 0);
    let groups = corpus::groups(&mut rng, 12);
    let features = corpus::device_features(&mut rng, &org, Platform::Ios, &groups, Mistake::None, 1);
    let text = corpus::json(
        &corpus::with(&features.json, "assignments", corpus::J::Arr(features.assignments)),
        Style::PowerShell,
    );
    pair(
        c,
        "device_features_json",
        "features.json",
        text.as_bytes(),
        "serde_json/Value",
        serde_json_value,
    );

    let catalog = corpus::settings_catalog_sso(&mut rng, Platform::Ios, &groups, Mistake::None, 1);
    let text = corpus::json(
        &corpus::with(&catalog.json, "assignments", corpus::J::Arr(catalog.assignments)),
        Style::Pretty(4),
    );
    pair(
        c,
        "settings_catalog_json",
        "catalog.json",
        text.as_bytes(),
        "serde_json/Value",
        serde_json_value,
    );

    let collection = corpus::collection(&mut rng, 1_000_000);
    pair(
        c,
        "graph_collection_1mb",
        "collection.json",
        collection.as_bytes(),
        "serde_json/Value",
        serde_json_value,
    );
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
    targets = xml_profile, binary_profile, signed_profile, intune_json
}
criterion_main!(benches);
