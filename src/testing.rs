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

/// `seed` with one to three byte edits drawn from `next`: a byte replaced, inserted or removed at
/// a random place, new bytes taken from `alphabet`. The readers' tests feed such near-misses of
/// real documents to the fast path and the reference path and compare.
pub(crate) fn mutate(seed: &[u8], alphabet: &[u8], next: &mut impl FnMut() -> u64) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..(next() % 3 + 1) {
        if bytes.is_empty() {
            break;
        }
        let at = (next() % bytes.len() as u64) as usize;
        let c = alphabet[(next() % alphabet.len() as u64) as usize];
        match next() % 3 {
            0 => bytes[at] = c,
            1 => bytes.insert(at, c),
            _ => {
                bytes.remove(at);
            }
        }
    }
    bytes
}
