//! Fuzz target `stream`: see `profilelint_fuzz::checks::stream`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = profilelint_fuzz::checks::stream(data) {
        panic!("stream: {problem}");
    }
});
