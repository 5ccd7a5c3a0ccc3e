//! The model a check joins from its files' models (`Linter::check`, and `check_parallel` on a
//! pool of two and of four threads) is the model `model::build` reads from the whole set: over
//! every fixture and example at once (profiles, Intune objects, assignments files, embedded
//! payloads), for each configured platform.

use std::path::Path;

use profilelint::model::{self, ModelOptions, Platform};
use profilelint::FileOrigin;
use profilelint::Limits;
use profilelint::{Config, FileLoad, LintSet, Linter};

use crate::files::files_under;

fn everything() -> LintSet {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = files_under(&root.join("tests/fixtures"));
    paths.extend(files_under(&root.join("examples")));
    let limits = Limits::default();
    let mut set = LintSet::new(limits);
    for path in paths {
        set.push(FileLoad::read(&path, FileOrigin::Walked, &limits).unwrap());
    }
    set
}

#[test]
fn the_model_joined_from_files_is_the_model_of_the_whole_set() {
    let set = everything();
    assert!(set.documents().len() > 100, "the fixtures are there");
    for platform in [None, Some(Platform::Ios), Some(Platform::Macos)] {
        let options = ModelOptions {
            platform,
            ..ModelOptions::default()
        };
        let whole = model::build(&set, &options);
        assert!(!whole.sso_payloads.is_empty() && !whole.objects.is_empty() && !whole.apps.is_empty());
        let linter = Linter::new(Config {
            platform,
            ..Config::default()
        });
        let joined = linter.check(&set);
        assert!(joined.model() == &whole, "one thread, platform {platform:?}");
        for threads in [2, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let joined = pool.install(|| linter.check_parallel(&set));
            assert!(joined.model() == &whole, "{threads} threads, platform {platform:?}");
        }
    }
}
