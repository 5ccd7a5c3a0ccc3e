//! The integration tests, linked into one binary: each file is a module here, so the crate is
//! linked once for all of them. Run one module with `cargo test --test it <module>::`, e.g.
//! `cargo test --test it rule_fixtures::`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // tests may fail loudly

/// The fuzz targets' checks, shared with the fuzz crate: `fuzz_replay` runs them on the
/// regressions and fixtures, `xml_reader` compares its reader with the `plist` crate through them,
/// `stream` compares a stream with a whole check through them.
#[path = "../../fuzz/src/checks.rs"]
mod fuzz_checks;

mod catalog;
mod cli;
mod corpus;
mod declarations;
mod determinism;
mod files;
mod fix_roundtrip;
mod fix_safety;
mod formats;
mod fuzz_replay;
mod guard;
mod home_url;
mod hostile;
mod inspect;
mod model_intune;
mod model_parallel;
mod model_plist;
mod policy;
mod precommit;
mod rule_docs;
mod rule_fixtures;
mod signed_profile;
mod stream;
mod xml_reader;
