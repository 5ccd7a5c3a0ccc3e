//! Turning the paths on the command line into the list of files to lint.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use profilelint::FileOrigin;

/// File endings taken when walking a folder.
pub const EXTENSIONS: &[&str] = &["mobileconfig", "plist", "json", "xml"];

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk, named on the command line or found in a folder.
    File { path: PathBuf, origin: FileOrigin },
    /// Standard input, shown under this name.
    Stdin { name: String },
}

/// A path that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path as given or found.
    pub path: PathBuf,
    /// Why.
    pub message: String,
}

/// Filters from `--include` / `--exclude`.
pub struct Filters {
    include: GlobSet,
    exclude: GlobSet,
}

impl Filters {
    /// Compiles the globs; an invalid glob is a usage error.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filters, String> {
        let build = |globs: &[String]| -> Result<GlobSet, String> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?);
            }
            b.build().map_err(|e| e.to_string())
        };
        Ok(Filters {
            include: build(include)?,
            exclude: build(exclude)?,
        })
    }

    fn matches(set: &GlobSet, path: &Path) -> bool {
        // No `--exclude` (the usual case): nothing to spell out and match for every file.
        if set.is_empty() {
            return false;
        }
        let display = profilelint::display_path(path);
        set.is_match(&display)
            || set.is_match(display.trim_start_matches("./"))
            || path.file_name().is_some_and(|n| set.is_match(n))
    }

    /// Whether a walked file is taken.
    pub fn takes(&self, path: &Path) -> bool {
        let by_extension = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        (by_extension || Self::matches(&self.include, path)) && !Self::matches(&self.exclude, path)
    }
}

/// Expands the command-line paths: files are named, folders are walked (gitignore-aware,
/// hidden entries skipped, symlinks not followed, sorted), `-` is standard input.
///
/// Folders are walked on `jobs` threads (all cores when `None`; the current thread for `Some(1)`);
/// the result does not depend on it.
pub fn collect(
    paths: &[PathBuf],
    filters: &Filters,
    stdin_name: Option<&str>,
    jobs: Option<usize>,
) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.unwrap_or("-").to_owned(),
            });
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => errors.push(WalkError {
                path: path.clone(),
                message: e.to_string(),
            }),
            Ok(meta) if meta.is_dir() => walk_dir(path, filters, jobs, &mut inputs, &mut errors),
            Ok(meta) if meta.is_file() => inputs.push(Input::File {
                path: path.clone(),
                origin: FileOrigin::Named,
            }),
            Ok(_) => errors.push(WalkError {
                path: path.clone(),
                message: "not a regular file or folder".into(),
            }),
        }
    }
    (inputs, errors)
}

fn walk_dir(root: &Path, filters: &Filters, jobs: Option<usize>, inputs: &mut Vec<Input>, errors: &mut Vec<WalkError>) {
    let mut builder = {
        let mut b = ignore::WalkBuilder::new(root);
        b.standard_filters(true).require_git(false).follow_links(false);
        b
    };
    // What one walked entry contributes: a file to lint, an error, or nothing.
    let visit = |entry: Result<ignore::DirEntry, ignore::Error>| -> Option<Result<PathBuf, String>> {
        match entry {
            // Regular files only: never open a FIFO or device (that could block forever).
            Ok(entry) => (entry.file_type().is_some_and(|t| t.is_file()) && filters.takes(entry.path()))
                .then(|| Ok(entry.into_path())),
            Err(e) => Some(Err(e.to_string())),
        }
    };
    let results: Vec<Result<PathBuf, String>> = if jobs == Some(1) {
        builder.build().filter_map(visit).collect()
    } else {
        let (sender, receiver) = std::sync::mpsc::channel();
        builder.threads(jobs.unwrap_or(0)).build_parallel().run(|| {
            let sender = sender.clone();
            let visit = &visit;
            Box::new(move |entry| {
                if let Some(result) = visit(entry) {
                    // The receiver outlives the walk; a failed send cannot happen.
                    let _ = sender.send(result);
                }
                ignore::WalkState::Continue
            })
        });
        drop(sender);
        receiver.into_iter().collect()
    };
    let (mut found, mut failed) = super::split(results);
    // Threads find entries in any order: sort, so output never depends on scheduling.
    found.sort_by_cached_key(|path| component_order(path));
    failed.sort();
    errors.extend(failed.into_iter().map(|message| WalkError {
        path: root.to_path_buf(),
        message,
    }));
    inputs.extend(found.into_iter().map(|path| Input::File {
        path: clean(path),
        origin: FileOrigin::Walked,
    }));
}

/// A key that sorts the paths of one walk as `Path`'s own order does (component by component),
/// at the cost of comparing bytes: each separator becomes a byte below every other, so a
/// component sorts before any longer one it begins. Comparing components was 3 % of linting a
/// folder of profiles. The walk's paths are its root joined with plain names, so there is no `.`
/// or doubled separator that `Path` would skip and the bytes keep.
fn component_order(path: &Path) -> Vec<u8> {
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for byte in &mut key {
        if std::path::is_separator(char::from(*byte)) {
            *byte = 0;
        }
    }
    key
}

/// `./a/b` → `a/b`, so paths read as users expect.
fn clean(path: PathBuf) -> PathBuf {
    path.strip_prefix("./").map(Path::to_path_buf).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::component_order;

    #[test]
    fn component_order_sorts_as_paths_do() {
        let names = [
            "root/a",
            "root/a-b",
            "root/a/b",
            "root/a.b/c",
            "root/a/b-c",
            "root/a/b/c",
            "root/ab",
            "root/A",
            "root/é/x",
            "root/e/x",
            "root/a!",
            "root/a /b",
        ];
        let mut by_path: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut by_key = by_path.clone();
        by_path.sort();
        by_key.sort_by_cached_key(|p| component_order(p));
        assert_eq!(by_key, by_path);
        // The case that byte order alone gets wrong: `a/b` before `a-b`, as components go.
        let a_b = by_key.iter().position(|p| p == &PathBuf::from("root/a/b"));
        let a_dash = by_key.iter().position(|p| p == &PathBuf::from("root/a-b"));
        assert!(a_b < a_dash);
    }
}
