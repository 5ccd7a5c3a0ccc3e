//! Fuzz target `xml_vs_plist`: see `profilelint_fuzz::checks::xml_vs_plist`.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Known, reported problems, skipped while fuzzing so that the fuzzer looks for new ones. Their
/// reproducers in `fuzz/regressions/xml_vs_plist/` keep failing `tests/fuzz_replay.rs` until fixed.
/// A text starting with U+FEFF: quick-xml skips the BOM and every span is 3 bytes early
/// (`leading-bom-*.plist`).
fn known(data: &[u8]) -> bool {
    data.starts_with("\u{FEFF}".as_bytes())
}

fuzz_target!(|data: &[u8]| {
    if known(data) {
        return;
    }
    if let Err(problem) = profilelint_fuzz::checks::xml_vs_plist(data) {
        panic!("xml_vs_plist: {problem}");
    }
});
