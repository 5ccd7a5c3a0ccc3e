//! Writing reports and fixed files: to standard output, in place (devices, FIFOs), or by
//! replacing a file atomically while keeping what made it that file (owner, group, mode,
//! extended attributes), and never over a file that changed since it was read.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file no longer holds what was read from it: someone wrote to it meanwhile.
    Changed,
    /// Any other reason, as one sentence naming the file.
    Other(String),
}

impl WriteError {
    /// The message for the user, naming `path` (as given).
    pub fn message(&self, path: &Path) -> String {
        match self {
            WriteError::Changed => format!(
                "{}: changed on disk while profilelint was running; fixes not written",
                path.display()
            ),
            WriteError::Other(message) => message.clone(),
        }
    }
}

/// Writes a report to `path`: `/dev/stdout` and `/dev/stderr` (and their `/dev/fd/N` and
/// `/proc/self/fd/N` names) are the process's own streams; a device, FIFO or other non-regular
/// file is opened and written in place (nothing is created or renamed); a regular file is
/// replaced atomically as [`replace_file`] does, keeping its owner, group, mode and extended
/// attributes.
pub fn write_report(path: &Path, bytes: &[u8]) -> Result<(), String> {
    match standard_stream(path) {
        Some(Stream::Stdout) => return to_stdout(bytes),
        Some(Stream::Stderr) => {
            return std::io::stderr()
                .lock()
                .write_all(bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {}
    }
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() && !meta.is_dir() {
            // `-o /dev/null`, a FIFO, a terminal: write into it as a shell's `>` would; a
            // temporary file renamed over it would replace the device node itself.
            return std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
                .map_err(|e| format!("cannot write {}: {e}", path.display()));
        }
    }
    replace(path, bytes, None, &mut |_| {}).map_err(|e| e.message(path))
}

/// Replaces the file at `path` (which held `original` when it was read) with `bytes`: see
/// [`replace`].
pub fn replace_file(path: &Path, bytes: &[u8], original: &[u8]) -> Result<(), WriteError> {
    replace(path, bytes, Some(original), &mut |_| {})
}

/// A standard stream named as a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
}

fn standard_stream(path: &Path) -> Option<Stream> {
    let name = path.to_str()?;
    match name {
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => Some(Stream::Stdout),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => Some(Stream::Stderr),
        _ => None,
    }
}

/// Replaces the regular file at `path` with `bytes` atomically: a temporary file beside it takes
/// the old file's owner, group, mode and extended attributes, is synced, and is renamed over it.
/// Through a symlink, the file it points to is replaced and the link kept. A file with more
/// than one hard link is refused (replacing it would break the links).
///
/// With `expected`, the file is read again after the temporary file is complete, right before
/// the rename, and left alone ([`WriteError::Changed`]) unless it still holds exactly
/// `expected`. `before_check` runs just before that check (tests use it to change the file in
/// that window).
fn replace(
    path: &Path,
    bytes: &[u8],
    expected: Option<&[u8]>,
    before_check: &mut dyn FnMut(&Path),
) -> Result<(), WriteError> {
    // The temporary file's name is an implementation detail: errors name only the target.
    let fail = |cause: &dyn std::fmt::Display| WriteError::Other(format!("cannot write {}: {cause}", path.display()));
    let io_error = |e: std::io::Error| {
        // tempfile appends the temp file's name (` at path "…"`); report the OS error alone.
        let text = e.to_string();
        let cause = text.split(" at path \"").next().unwrap_or(&text).to_owned();
        fail(&cause)
    };
    let target = resolve(path).map_err(io_error)?;
    let old = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && expected.is_none() => None,
        Err(e) => return Err(io_error(e)),
    };
    if let Some(meta) = &old {
        if meta.is_dir() {
            return Err(fail(&"it is a folder"));
        }
        if !meta.is_file() {
            return Err(fail(&"not a regular file"));
        }
        if let Some(links) = hard_links(meta).filter(|n| *n > 1) {
            return Err(fail(&format_args!(
                "it has {links} hard links, which replacing it would break"
            )));
        }
    }
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
    let mut tmp = builder.tempfile_in(dir).map_err(io_error)?;
    tmp.write_all(bytes).map_err(io_error)?;
    if let Some(meta) = &old {
        keep_metadata(tmp.as_file(), meta, &target).map_err(|e| fail(&e))?;
    }
    tmp.as_file().sync_all().map_err(io_error)?;
    before_check(&target);
    if let Some(expected) = expected {
        if !still_holds(&target, expected).map_err(io_error)? {
            return Err(WriteError::Changed);
        }
    }
    tmp.persist(&target).map_err(|e| io_error(e.error))?;
    Ok(())
}

/// The file `path` names: the target of a symlink (so the link is kept), else `path` itself.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// Whether the file at `path` holds exactly `expected` (reading at most one byte more).
fn still_holds(path: &Path, expected: &[u8]) -> std::io::Result<bool> {
    let file = std::fs::File::open(path)?;
    let limit = u64::try_from(expected.len()).unwrap_or(u64::MAX).saturating_add(1);
    let mut now = Vec::with_capacity(expected.len());
    file.take(limit).read_to_end(&mut now)?;
    Ok(now == expected)
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt as _;
    Some(meta.nlink())
}

#[cfg(not(unix))]
fn hard_links(_meta: &std::fs::Metadata) -> Option<u64> {
    None
}

/// Gives `file` (the replacement) the owner, group, mode and extended attributes of `old`, the
/// file at `source`; an error when one of them cannot be kept.
#[cfg(unix)]
fn keep_metadata(file: &std::fs::File, old: &std::fs::Metadata, source: &Path) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let new = file.metadata().map_err(|e| e.to_string())?;
    if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
        std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()))
            .map_err(|e| format!("cannot keep its owner and group ({}:{}): {e}", old.uid(), old.gid()))?;
    }
    // After the owner: changing it clears the set-user-ID and set-group-ID bits.
    file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
        .map_err(|e| format!("cannot keep its mode ({:o}): {e}", old.mode() & 0o7777))?;
    keep_xattrs(file, source)
}

#[cfg(not(unix))]
fn keep_metadata(file: &std::fs::File, old: &std::fs::Metadata, _source: &Path) -> Result<(), String> {
    file.set_permissions(old.permissions())
        .map_err(|e| format!("cannot keep its permissions: {e}"))
}

/// Copies the extended attributes of the file at `source` (user attributes, ACLs, security
/// labels) onto `file`; one that cannot be copied is an error. A file system without extended
/// attributes has none to copy.
#[cfg(unix)]
fn keep_xattrs(file: &std::fs::File, source: &Path) -> Result<(), String> {
    use xattr::FileExt as _;
    let names = match xattr::list(source) {
        Ok(names) => names,
        Err(e) if unsupported(&e) => return Ok(()),
        Err(e) => return Err(format!("cannot read its extended attributes: {e}")),
    };
    for name in names {
        let shown = name.to_string_lossy().into_owned();
        let value = match xattr::get(source, &name) {
            Ok(Some(value)) => value,
            // Gone since it was listed.
            Ok(None) => continue,
            Err(e) => return Err(format!("cannot read its extended attribute {shown}: {e}")),
        };
        // A label the new file already has (an SELinux context) needs no permission to keep.
        if file.get_xattr(&name).ok().flatten().as_deref() == Some(value.as_slice()) {
            continue;
        }
        file.set_xattr(&name, &value)
            .map_err(|e| format!("cannot keep its extended attribute {shown}: {e}"))?;
    }
    Ok(())
}

/// Whether an error says the file system has no extended attributes (`ENOTSUP`: 95 on Linux,
/// 45 on macOS and the BSDs).
#[cfg(unix)]
fn unsupported(e: &std::io::Error) -> bool {
    const ENOTSUP: i32 = if cfg!(any(target_os = "linux", target_os = "android")) {
        95
    } else {
        45
    };
    e.kind() == std::io::ErrorKind::Unsupported || e.raw_os_error() == Some(ENOTSUP)
}

/// Writes `bytes` to standard output. A closed pipe (`| head`) is not an error worth a message;
/// any other failure (a full disk, `> /dev/full`) is.
fn to_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

/// Prints to standard output, or writes the report file when `output` is set.
pub fn emit(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        Some(path) => write_report(path, text.as_bytes()),
        None => to_stdout(text.as_bytes()),
    }
}

/// Prints `profilelint: error: MESSAGE` on standard error, control characters in the message
/// (from file names, or a config file's text in a snippet) escaped line by line, so that a
/// message with a rendered snippet keeps its lines. A failing standard error is ignored: there is
/// nowhere left to say so.
pub fn error(message: &str) {
    let escaped: Vec<_> = message.split('\n').map(profilelint::report::escape::control).collect();
    let _ = writeln!(std::io::stderr().lock(), "profilelint: error: {}", escaped.join("\n"));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn a_write_landing_just_before_the_rename_is_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.mobileconfig");
        std::fs::write(&path, "original").unwrap();
        // Another program appends after the fixed content is complete, before the rename.
        let result = replace(&path, b"fixed", Some(b"original"), &mut |target| {
            let mut f = std::fs::OpenOptions::new().append(true).open(target).unwrap();
            f.write_all(b" and more").unwrap();
        });
        assert_eq!(result, Err(WriteError::Changed));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original and more");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.mobileconfig"], "temporary file left behind");
        // Unchanged in that window: replaced.
        replace(&path, b"fixed", Some(b"original and more"), &mut |_| {}).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fixed");
    }

    #[test]
    fn a_same_size_rewrite_just_before_the_rename_is_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, "{\"a\": 1}").unwrap();
        let result = replace(&path, b"{\"a\": 2}", Some(b"{\"a\": 1}"), &mut |target| {
            std::fs::write(target, "{\"a\": 3}").unwrap();
        });
        assert_eq!(result, Err(WriteError::Changed));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"a\": 3}");
    }
}
