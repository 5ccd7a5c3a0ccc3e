//! Writing reports: to standard output, or atomically to a file.

use std::io::Write as _;
use std::path::Path;

/// Writes `text` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    // Through a symlink, replace the file it points to and keep the link.
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?
        }
        _ => path.to_path_buf(),
    };
    let target = resolved.as_path();
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".profilelint-");
    #[cfg(unix)]
    {
        // A new file gets the usual mode (0666 less the umask), not the temp file's private 0600.
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The temp file's name is an implementation detail: errors name only the target.
    let io_error = |e: std::io::Error| {
        // tempfile appends the temp file's name (` at path "…"`); report the OS error alone.
        let text = e.to_string();
        let cause = text.split(" at path \"").next().unwrap_or(&text).to_owned();
        format!("cannot write {}: {cause}", path.display())
    };
    let mut tmp = builder.tempfile_in(dir).map_err(io_error)?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(io_error)?;
    if let Ok(meta) = std::fs::metadata(target) {
        // Keep the permissions of a file being replaced.
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(target).map_err(|e| io_error(e.error))?;
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
