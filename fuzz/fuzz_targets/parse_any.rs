//! Fuzz target `parse_any`: see `profilelint_fuzz::checks::parse_any`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = profilelint_fuzz::checks::parse_any(data) {
        panic!("parse_any: {problem}");
    }
});
