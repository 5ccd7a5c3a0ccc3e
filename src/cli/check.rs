//! `profilelint check`: read, lint, fix, report, exit code.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use profilelint::config::{Config, FailOn, Level};
use profilelint::fix::{self, FixInput};
use profilelint::model::Platform;
use profilelint::report::{self, human, Reporter, Run, Summary, TextOptions};
use profilelint::{Applicability, Diagnostic, FileOrigin, Limits, Linter, Report};
use profilelint::{FileLoad, LintSet, Reread};

use super::args::{CheckArgs, ColorArg, FailOnArg, OutputFormat, PlatformArg};
use super::output;
use super::walk::{self, Input};
use super::{split, EXIT_ERROR};

/// The configuration for a run: file (discovered, given, or none) plus command-line overrides.
pub fn load_config(config: Option<&Path>, no_config: bool) -> Result<Config, String> {
    if no_config {
        return Ok(Config::default());
    }
    let path = match config {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir()
            .ok()
            .and_then(|cwd| Config::discover(&cwd).map(|p| relative_to(&p, &cwd))),
    };
    match path {
        Some(p) => Config::load(&p).map_err(|e| super::commands::config_error(&e)),
        None => Ok(Config::default()),
    }
}

/// `path` (found in `dir` or one of its ancestors) as a path relative to `dir`: paths in output stay
/// relative, as users gave them.
fn relative_to(path: &Path, dir: &Path) -> std::path::PathBuf {
    let Some(parent) = path.parent() else {
        return path.to_path_buf();
    };
    match dir.strip_prefix(parent) {
        Ok(below) => {
            let mut rel: std::path::PathBuf = below.components().map(|_| "..").collect();
            rel.push(path.file_name().unwrap_or_default());
            rel
        }
        Err(_) => path.to_path_buf(),
    }
}

fn apply_overrides(config: &mut Config, args: &CheckArgs) -> Result<(), String> {
    if let Some(p) = args.platform {
        config.platform = Some(platform(p));
    }
    if let Some(f) = args.fail_on {
        config.fail_on = Some(match f {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        });
    }
    // Organization policies of the config file are rules here too.
    let check_selector = |config: &Config, s: &str, flag: &str| -> Result<(), String> {
        if !config.selector_is_known(s) {
            return Err(format!("{flag}: {}", config.unknown_selector(s)));
        }
        Ok(())
    };
    if let Some(select) = &args.select {
        for s in select {
            check_selector(config, s, "--select")?;
        }
        config.select = Some(select.clone());
    }
    for s in &args.ignore {
        check_selector(config, s, "--ignore")?;
    }
    config.ignore_rules.extend(args.ignore.iter().cloned());
    for item in &args.severity {
        let (rule, level) = item
            .split_once('=')
            .ok_or_else(|| format!("--severity expects CODE=LEVEL, got `{item}`"))?;
        check_selector(config, rule.trim(), "--severity")?;
        let level = Level::parse(level)
            .ok_or_else(|| format!("--severity {rule}: expected error, warning, info or off, got `{level}`"))?;
        config.rules.push((rule.trim().to_owned(), level));
    }
    Ok(())
}

/// `--platform` as the model's platform.
pub fn platform(p: PlatformArg) -> Platform {
    match p {
        PlatformArg::Ios => Platform::Ios,
        PlatformArg::Macos => Platform::Macos,
    }
}

/// A file's bytes with its display name, read in input order.
struct Read {
    name: Arc<str>,
    bytes: Vec<u8>,
    origin: FileOrigin,
    /// The file on disk (None for stdin).
    disk: Option<std::path::PathBuf>,
    /// Whether it is a regular file, which can be read again with the same content (a FIFO or a
    /// device cannot).
    regular: bool,
}

/// Where per-file work runs: on this thread for one input or `--jobs 1` (starting worker threads
/// would cost more than they save), else on a rayon pool.
enum Workers {
    Here,
    Pool(rayon::ThreadPool),
}

/// Above this much text, one input is linted with the rules side by side (a whole-tenant Graph
/// export is one file of tens of megabytes); below it a pool costs more than it saves.
const PARALLEL_LINT_TEXT: usize = 4 * 1024 * 1024;

impl Workers {
    fn new(jobs: Option<usize>, inputs: usize) -> Result<Self, String> {
        if inputs <= 1 || jobs == Some(1) {
            return Ok(Workers::Here);
        }
        Self::pool(jobs)
    }

    /// The workers to lint `set` with: these, or a pool after all for one large input.
    fn for_lint(self, jobs: Option<usize>, set: &LintSet) -> Result<Self, String> {
        let text: usize = set.documents().iter().filter_map(|d| d.text()).map(|t| t.len()).sum();
        match self {
            Workers::Here if jobs != Some(1) && text > PARALLEL_LINT_TEXT => Self::pool(jobs),
            workers => Ok(workers),
        }
    }

    fn pool(jobs: Option<usize>) -> Result<Self, String> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            // The recursive readers may go as deep as `[limits] max-depth` allows: the same room
            // as the thread that runs the command (see `cli::on_big_stack`).
            .stack_size(super::STACK_SIZE)
            .build()
            .map(Workers::Pool)
            .map_err(|e| format!("cannot start worker threads: {e}"))
    }

    /// `f` of each item, in item order.
    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
        use rayon::prelude::*;
        match self {
            Workers::Here => items.iter().map(f).collect(),
            Workers::Pool(pool) => pool.install(|| items.par_iter().map(f).collect()),
        }
    }

    /// Runs `f` here, or inside the pool (where rayon's parallel iterators use its threads).
    fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match self {
            Workers::Here => f(),
            Workers::Pool(pool) => pool.install(f),
        }
    }

    /// Lints `set`, the rules side by side on the pool if there is one.
    fn check(&self, linter: &Linter, set: &LintSet) -> Report {
        match self {
            Workers::Here => linter.check(set),
            Workers::Pool(pool) => pool.install(|| linter.check_parallel(set)),
        }
    }
}

/// The buffer a walked file is first read into (most profiles fit; larger files grow it).
const WALKED_START: u64 = 16 * 1024;

/// Reads one input (at most `max_size` bytes and one more, so an oversized file is seen as such).
fn read_one(input: &Input, max_size: u64) -> Result<Read, String> {
    match input {
        Input::Stdin { name } => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(max_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(Read {
                name: name.as_str().into(),
                bytes,
                origin: FileOrigin::Named,
                disk: None,
                regular: false,
            })
        }
        Input::File { path, origin } => {
            let file = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            // A walked file is a regular file (the walk keeps only those, from the directory
            // entry's type): no `statx` for it. Its buffer starts at a size most profiles fit.
            let walked = *origin == FileOrigin::Walked;
            let metadata = if walked { None } else { file.metadata().ok() };
            let regular = walked || metadata.as_ref().is_some_and(std::fs::Metadata::is_file);
            // `take` hides the size from `read_to_end`: reserve it (and the byte that tells an
            // oversized file), so a file is read in one call and one more that sees its end, not
            // in a buffer grown by doubling (nine reads for a 4 KB profile).
            let size = metadata
                .map_or(WALKED_START, |m| m.len())
                .min(max_size)
                .saturating_add(1);
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            file.take(max_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = profilelint::display_path(path);
            Ok(Read {
                name: name.into(),
                bytes,
                origin: *origin,
                disk: Some(path.clone()),
                regular,
            })
        }
    }
}

/// Reads every input, keeping their order and their bytes (for `--fix` and `--diff`).
fn read_all(inputs: &[Input], max_size: u64, workers: &Workers) -> (Vec<Read>, Vec<String>) {
    split(workers.map(inputs, |input| read_one(input, max_size)))
}

/// Parses what `read_all` read.
fn build_set(reads: &[Read], config: &Config, workers: &Workers) -> LintSet {
    let limits = config.limits;
    let loads = workers.map(reads, |r| FileLoad::parse(r.name.clone(), &r.bytes, r.origin, &limits));
    set_of(loads, limits)
}

/// Reads and parses every input in one step per file, so a file's bytes are freed as soon as it
/// is parsed (a check without fixes never needs them again).
fn load_all(inputs: Vec<Input>, config: &Config, workers: &Workers) -> (LintSet, Vec<String>) {
    let limits = config.limits;
    let (loads, errors) = split(workers.map(&inputs, |input| {
        let read = read_one(input, limits.max_file_size)?;
        Ok(FileLoad::parse_owned(read.name, read.bytes, read.origin, &limits))
    }));
    (set_of(loads, limits), errors)
}

/// The lint set of parsed files, in input order.
fn set_of(loads: Vec<FileLoad>, limits: Limits) -> LintSet {
    let mut set = LintSet::new(limits);
    for load in loads {
        set.push(load);
    }
    set
}

/// The most worker threads `-j` starts, whatever it asks: beyond a few per core, threads only
/// cost memory (each has a [`super::STACK_SIZE`] stack) and start-up time.
const MAX_JOBS: usize = 256;

/// `-j N` as the number of worker threads: `None` (all cores) for no `-j` or `-j 0`, else `N`
/// clamped to four per core and [`MAX_JOBS`].
fn clamp_jobs(requested: Option<usize>) -> Option<usize> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    requested
        .filter(|n| *n != 0)
        .map(|n| n.min(cores.saturating_mul(4)).min(MAX_JOBS))
}

/// Refuses an `-o` file that is one of the inputs (named, or found in a walked folder): writing
/// the report there would destroy the profile. Compared as files, not names (`./a`, `a`, links).
fn refuse_output_over_input(output: &Path, inputs: &[Input]) -> Result<(), String> {
    let Ok(out) = std::fs::metadata(output) else {
        return Ok(()); // not there yet: no input can be it
    };
    if !out.is_file() {
        return Ok(()); // a device or FIFO is written in place, never replaced
    }
    for input in inputs {
        if let Input::File { path, .. } = input {
            if std::fs::metadata(path).is_ok_and(|m| same_file(&m, &out, path, output)) {
                return Err(format!(
                    "-o {}: that is an input file ({}); refusing to overwrite it with the report",
                    output.display(),
                    path.display()
                ));
            }
        }
    }
    Ok(())
}

/// Whether two paths with these metadata are one file.
#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata, a: &Path, b: &Path) -> bool {
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Runs `check`, stage by stage: walk the paths (the input list, in a stable order), read and
/// parse each input (first fixing it with `--fix` or `--diff`), lint the lint set (cross-file
/// facts, then the rules: [`Linter::check`]), render the report and decide the exit code. The
/// input list goes through these stages once and is dropped when the files are read.
pub fn run(args: CheckArgs) -> Result<ExitCode, String> {
    let mut config = load_config(args.config.as_deref(), args.no_config)?;
    apply_overrides(&mut config, &args)?;
    if args.diff && args.format != OutputFormat::Human && args.output.is_none() {
        return Err("--diff prints a diff on standard output; it cannot be combined with another --format".into());
    }
    let jobs = clamp_jobs(args.jobs);

    // Stage 1: walk.
    let (inputs, mut errors) = walk_stage(&args, jobs)?;

    // Stage 2: read and parse (fixing first with `--fix` or `--diff`); stages 3 and 4: the
    // rules. Without fixes, files are linted as they are read (their own rules at once, the
    // cross-file rules at the end on what the files left: see `Linter::stream`), so memory
    // follows the cross-file facts rather than every file's tree.
    let workers = Workers::new(jobs, inputs.len())?;
    let linter = Linter::new(config.clone());
    let (set, report, fixed, diff_changes) = if args.fix || args.diff {
        let loaded = match fix_stage(&args, &config, &linter, inputs, &workers, &mut errors)? {
            Fixed::Exit(code) => return Ok(code),
            Fixed::Loaded(loaded) => loaded,
        };
        let workers = workers.for_lint(jobs, &loaded.set)?;
        let report = workers.check(&linter, &loaded.set);
        (loaded.set, report, loaded.fixed, loaded.diff_changes)
    } else if inputs.len() > 1 {
        let (set, report) = stream_stage(inputs, &config, &linter, &workers, &mut errors);
        (set, report, 0, None)
    } else {
        let (set, read_errors) = load_all(inputs, &config, &workers);
        errors.extend(read_errors);
        let workers = workers.for_lint(jobs, &set)?;
        let report = workers.check(&linter, &set);
        (set, report, 0, None)
    };
    let (diagnostics, model) = report.into_parts();

    // Stage 5: render, then the exit code.
    let summary = Summary::new(set.files(), &diagnostics, fixed);
    let text = render(&args, &set, &linter, &diagnostics, &summary);
    output::emit(args.output.as_deref(), &text)?;
    for e in &errors {
        output::error(e);
    }
    let fail_on = config.fail_on.unwrap_or_default();
    let code = if !errors.is_empty() {
        EXIT_ERROR
    } else if let Some(changes) = diff_changes {
        u8::from(changes)
    } else if diagnostics.iter().any(|d| !d.is_note() && fail_on.fails(d.severity)) {
        // A note says what could not be checked, not what is wrong: it never fails a run (raise
        // its rule's severity to make it count).
        1
    } else {
        0
    };
    // The process ends next: freeing every tree node and string one by one would cost a fifth of
    // a run over a large export, for memory the exit returns at once.
    std::mem::forget((set, model, diagnostics));
    Ok(ExitCode::from(code))
}

/// How many files are read and parsed before their rules run and their trees are let go: enough
/// to keep every worker busy, few enough that they take little memory at once.
const STREAM_BATCH: usize = 512;

/// Stages 2 to 4 without fixes, for more than one input: each batch of files is read and parsed,
/// then linted with its own rules (a regular file's tree is let go after), and the cross-file rules
/// run on what the files left once all are in. The report is `Linter::check`'s.
fn stream_stage(
    inputs: Vec<Input>,
    config: &Config,
    linter: &Linter,
    workers: &Workers,
    errors: &mut Vec<String>,
) -> (LintSet, Report) {
    let limits = config.limits;
    let mut stream = match workers {
        Workers::Here => linter.stream(limits),
        Workers::Pool(_) => linter.stream(limits).parallel(),
    };
    for batch in inputs.chunks(STREAM_BATCH) {
        let (loads, read_errors) = split(workers.map(batch, |input| {
            let read = read_one(input, limits.max_file_size)?;
            // Only a regular file reads the same again: a FIFO would wait for a writer.
            let reread = read
                .disk
                .as_ref()
                .filter(|_| read.regular)
                .map(|path| Reread::new(path, read.origin, &read.bytes));
            Ok((
                FileLoad::parse_owned(read.name, read.bytes, read.origin, &limits),
                reread,
            ))
        }));
        errors.extend(read_errors);
        workers.install(|| stream.add(loads));
    }
    let streamed = workers.install(|| stream.finish());
    errors.extend(
        streamed
            .changed
            .iter()
            .map(|path| format!("{path}: changed while it was being linted; lint it again")),
    );
    (streamed.set, streamed.report)
}

/// Stage 1: the inputs the paths name (folders walked), and what could not be walked. Refuses an
/// `-o` file that is one of the inputs.
fn walk_stage(args: &CheckArgs, jobs: Option<usize>) -> Result<(Vec<Input>, Vec<String>), String> {
    let filters = walk::Filters::new(&args.include, &args.exclude)?;
    let (inputs, walk_errors) = walk::collect(&args.paths, &filters, args.stdin_filename.as_deref(), jobs);
    if let Some(output) = &args.output {
        refuse_output_over_input(output, &inputs)?;
    }
    let errors = walk_errors
        .into_iter()
        .map(|e| format!("cannot read {}: {}", e.path.display(), e.message))
        .collect();
    Ok((inputs, errors))
}

/// What stage 2 hands to the lint.
struct Loaded {
    /// The parsed inputs.
    set: LintSet,
    /// Fixes written to disk.
    fixed: usize,
    /// With `--diff -o FILE`: whether there was anything to fix (the exit code says so).
    diff_changes: Option<bool>,
}

/// The end of stage 2 with fixes: the run goes on with the lint set, or (`--diff` alone) it is
/// over.
enum Fixed {
    Loaded(Loaded),
    Exit(ExitCode),
}

/// Stage 2 with `--fix` or `--diff`: reads every input keeping its bytes, fixes, writes the fixed
/// files (`--fix`) or prints the diff (`--diff`), and parses the files as they now are.
fn fix_stage(
    args: &CheckArgs,
    config: &Config,
    linter: &Linter,
    inputs: Vec<Input>,
    workers: &Workers,
    errors: &mut Vec<String>,
) -> Result<Fixed, String> {
    let (mut reads, read_errors) = read_all(&inputs, config.limits.max_file_size, workers);
    drop(inputs);
    errors.extend(read_errors);
    let threshold = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fix_inputs: Vec<FixInput> = reads
        .iter()
        .map(|r| FixInput {
            path: r.name.clone(),
            bytes: r.bytes.clone(),
            origin: r.origin,
        })
        .collect();
    let result = fix::fix(&fix_inputs, linter, threshold);
    for (index, reason) in &result.failures {
        if let Some(r) = reads.get(*index) {
            errors.push(format!("{}: fix not applied, file left untouched: {reason}", r.name));
        }
    }
    let mut fixed = 0;
    let mut diff_changes = None;
    if args.diff {
        let mut text = String::new();
        for (index, new) in &result.changed {
            if let Some(r) = reads.get(*index) {
                text.push_str(&unified_diff(&r.name, &r.bytes, new));
            }
        }
        output::emit(None, &text)?;
        if args.output.is_none() {
            for e in errors.iter() {
                output::error(e);
            }
            let code = if !errors.is_empty() {
                EXIT_ERROR
            } else {
                u8::from(!result.changed.is_empty())
            };
            return Ok(Fixed::Exit(ExitCode::from(code)));
        }
        // `--diff -o FILE`: the diff on standard output, the report of the files as they are
        // (nothing was written) in FILE.
        diff_changes = Some(!result.changed.is_empty());
    } else {
        for (index, new) in result.changed.iter().cloned() {
            let Some(r) = reads.get_mut(index) else { continue };
            match &r.disk {
                None => errors.push(format!(
                    "{}: standard input is never rewritten; use --diff to see the fixes",
                    r.name
                )),
                // Never overwrite a file that changed on disk since it was read: checked
                // right before the rename, once the fixed file is complete.
                Some(path) => match output::replace_file(path, &new, &r.bytes) {
                    Ok(()) => {
                        r.bytes = new;
                        // Only fixes that reached the disk count as fixed.
                        fixed += result.fixed_in(index);
                    }
                    Err(output::WriteError::Changed) => errors.push(output::WriteError::Changed.message(path)),
                    Err(output::WriteError::Other(e)) => errors.push(format!("{e} (the original is unchanged)")),
                },
            }
        }
    }
    Ok(Fixed::Loaded(Loaded {
        set: build_set(&reads, config, workers),
        fixed,
        diff_changes,
    }))
}

fn use_color(arg: ColorArg, to_file: bool) -> bool {
    use std::io::IsTerminal as _;
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            !to_file && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

fn render(args: &CheckArgs, set: &LintSet, linter: &Linter, diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let texts: HashMap<&str, Arc<str>> = set
        .documents()
        .iter()
        .filter(|d| d.embedding().is_none())
        .filter_map(|d| Some((d.path(), d.shared_text().cloned()?)))
        .collect();
    let rules: Vec<_> = profilelint::rules::all()
        .iter()
        .copied()
        .filter(|m| linter.is_enabled(m.code))
        .collect();
    let policies: Vec<_> = linter.enabled_policies().collect();
    let run = Run {
        files: set.files(),
        diagnostics,
        summary,
        rules: &rules,
        policies: &policies,
        text: &|p: &str| texts.get(p).cloned(),
    };
    let options = TextOptions {
        quiet: args.quiet,
        statistics: args.statistics,
    };
    let mut reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(human::Human {
            style: human::HumanOptions {
                color: use_color(args.color, args.output.is_some()),
                width: 100,
            },
            options,
        }),
        OutputFormat::Concise => Box::new(report::concise::Concise { options }),
        OutputFormat::Json => Box::new(report::json::Json),
        OutputFormat::Sarif => Box::new(report::sarif::Sarif),
        OutputFormat::Github => Box::new(report::github::Github),
        OutputFormat::Azure => Box::new(report::azure::Azure),
        OutputFormat::Junit => Box::new(report::junit::Junit),
    };
    let mut out = Vec::new();
    // Writing into memory cannot fail; the reports are UTF-8.
    let _ = reporter.write(&run, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn unified_diff(name: &str, old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
