//! Fuzz target `cms`: see `profilelint_fuzz::checks::cms`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = profilelint_fuzz::checks::cms(data) {
        panic!("cms: {problem}");
    }
});
