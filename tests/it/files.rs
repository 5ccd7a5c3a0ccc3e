//! Finding the test inputs on disk, shared by the test modules.

use std::path::{Path, PathBuf};

/// Every file below `dir`, recursively, sorted by path (so by folder, then name). A folder that
/// cannot be read, or does not exist (a fuzz target without regressions yet), adds nothing.
pub(crate) fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
