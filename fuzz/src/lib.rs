//! Shared checks of the fuzz targets. The integration tests include the same file
//! (`tests/it/main.rs`), so the checks run in `cargo test` on the checked-in regressions and on
//! every fixture.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

pub mod checks;
