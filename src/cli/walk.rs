//! Turning the paths on the command line into the list of files to lint.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// File endings taken when walking a folder.
pub const EXTENSIONS: &[&str] = &["mobileconfig", "plist", "json", "xml"];

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk; `explicit` when named on the command line.
    File { path: PathBuf, explicit: bool },
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
        let display = profilelint::lint_set::display_path(path);
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

/// Expands the command-line paths: files are explicit, folders are walked (gitignore-aware,
/// hidden entries skipped, symlinks not followed, sorted), `-` is standard input.
pub fn collect(paths: &[PathBuf], filters: &Filters, stdin_name: Option<&str>) -> (Vec<Input>, Vec<WalkError>) {
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
            Ok(meta) if meta.is_dir() => walk_dir(path, filters, &mut inputs, &mut errors),
            Ok(meta) if meta.is_file() => inputs.push(Input::File {
                path: path.clone(),
                explicit: true,
            }),
            Ok(_) => errors.push(WalkError {
                path: path.clone(),
                message: "not a regular file or folder".into(),
            }),
        }
    }
    (inputs, errors)
}

fn walk_dir(root: &Path, filters: &Filters, inputs: &mut Vec<Input>, errors: &mut Vec<WalkError>) {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                // Regular files only: never open a FIFO or device (that could block forever).
                if entry.file_type().is_some_and(|t| t.is_file()) && filters.takes(entry.path()) {
                    found.push(entry.into_path());
                }
            }
            Err(e) => errors.push(WalkError {
                path: root.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }
    found.sort();
    inputs.extend(found.into_iter().map(|path| Input::File {
        path: clean(path),
        explicit: false,
    }));
}

/// `./a/b` → `a/b`, so paths read as users expect.
fn clean(path: PathBuf) -> PathBuf {
    path.strip_prefix("./").map(Path::to_path_buf).unwrap_or(path)
}
