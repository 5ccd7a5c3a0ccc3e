//! Writing reports: to standard output, or atomically to a file.

use std::io::Write as _;
use std::path::Path;

/// Writes `text` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".profilelint-")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the permissions of a file being replaced.
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path)
        .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// Prints to standard output, or writes the file when `output` is set.
pub fn emit(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        Some(path) => write_atomic(path, text.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}
