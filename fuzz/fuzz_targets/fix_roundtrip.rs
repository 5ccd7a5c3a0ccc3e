//! Fuzz target `fix_roundtrip`: see `profilelint_fuzz::checks::fix_roundtrip`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = profilelint_fuzz::checks::fix_roundtrip(data) {
        panic!("fix_roundtrip: {problem}");
    }
});
