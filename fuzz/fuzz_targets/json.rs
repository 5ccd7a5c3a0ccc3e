//! Fuzz target `json`: see `profilelint_fuzz::checks::json`.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Known, reported problems, skipped while fuzzing so that the fuzzer looks for new ones. Their
/// reproducers in `fuzz/regressions/json/` keep failing `tests/fuzz_replay.rs` until fixed:
/// raw control characters inside strings (`raw-*.json`), and whitespace that JSON does not allow
/// (vertical tab, form feed, U+00A0, U+2028, …) between tokens (`*-as-whitespace.json`).
fn known(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                c if u32::from(c) < 0x20 => return true,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() && !matches!(c, ' ' | '\t' | '\n' | '\r') {
            return true;
        }
    }
    false
}

fuzz_target!(|data: &[u8]| {
    if known(data) {
        return;
    }
    if let Err(problem) = profilelint_fuzz::checks::json(data) {
        panic!("json: {problem}");
    }
});
