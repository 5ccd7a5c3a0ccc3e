//! Fuzz target `xml_vs_plist`: see `profilelint_fuzz::checks::xml_vs_plist`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = profilelint_fuzz::checks::xml_vs_plist(data) {
        panic!("xml_vs_plist: {problem}");
    }
});
