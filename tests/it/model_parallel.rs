//! `model::build_parallel` reads the same model as `model::build`: over every fixture and example
//! at once (profiles, Intune objects, assignments files, embedded payloads), on a pool of two and
//! of four threads.

use std::path::{Path, PathBuf};

use profilelint::model::{self, ModelOptions, Platform};
use profilelint::FileOrigin;
use profilelint::Limits;
use profilelint::{FileLoad, LintSet};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn everything() -> LintSet {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), &mut paths);
    files(&root.join("examples"), &mut paths);
    let limits = Limits::default();
    let mut set = LintSet::new(limits);
    for path in paths {
        set.push(FileLoad::read(&path, FileOrigin::Walked, &limits).unwrap());
    }
    set
}

#[test]
fn parallel_build_reads_the_same_model() {
    let set = everything();
    assert!(set.documents().len() > 100, "the fixtures are there");
    for platform in [None, Some(Platform::Ios), Some(Platform::Macos)] {
        let options = ModelOptions {
            platform,
            ..ModelOptions::default()
        };
        let serial = model::build(&set, &options);
        assert!(!serial.sso_payloads.is_empty() && !serial.objects.is_empty() && !serial.apps.is_empty());
        for threads in [2, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let parallel = pool.install(|| model::build_parallel(&set, &options));
            assert!(parallel == serial, "{threads} threads, platform {platform:?}");
        }
    }
}
