//! Fuzz target `json`: see `profilelint_fuzz::checks::json`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = profilelint_fuzz::checks::json(data) {
        panic!("json: {problem}");
    }
});
