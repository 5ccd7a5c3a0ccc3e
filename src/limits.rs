//! Input limits: what keeps a hostile file from exhausting memory, time or the stack.

/// Bounds applied while reading input. Exceeding one yields a `PL006 input-limit` diagnostic
/// naming the limit and its value; the run goes on with the other files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes (default 64 MiB).
    pub max_file_size: u64,
    /// Deepest nesting of dicts and arrays (default 128).
    pub max_depth: usize,
    /// Most nodes in one document (default 4,000,000).
    pub max_nodes: usize,
    /// Longest base64 payload decoded from an Intune custom profile, in bytes of base64 text
    /// (default 16 MiB).
    pub max_payload_size: usize,
    /// How many documents deep embedded payloads are followed (a payload inside a payload …;
    /// default 4).
    pub max_embedding_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 64 * 1024 * 1024,
            max_depth: 128,
            max_nodes: 4_000_000,
            max_payload_size: 16 * 1024 * 1024,
            max_embedding_depth: 4,
        }
    }
}
