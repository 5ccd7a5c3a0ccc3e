//! Helpers shared by the crate's unit tests.

/// A deterministic xorshift64 generator: the same sequence from the same seed on every run, so
/// generated test cases are reproducible without a random-number crate.
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
