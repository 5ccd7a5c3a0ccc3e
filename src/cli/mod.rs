//! The command-line shell: argument parsing, reading inputs, output and exit codes.

mod args;
mod check;
mod commands;
mod output;
mod walk;

use std::process::ExitCode;

use clap::Parser as _;

use args::{Cli, Command};

/// Exit code for usage, config, I/O and internal errors.
pub const EXIT_ERROR: u8 = 2;

const SUBCOMMANDS: &[&str] = &["check", "rules", "explain", "init", "inspect", "help"];

/// Stack size of the threads that read and lint: the recursive readers (the JSON reader's error
/// path, the `plist` crate's binary reader) may go as deep as `[limits] max-depth` allows, up to
/// [`profilelint::config::MAX_DEPTH_CEILING`], more than a main thread's usual 8 MiB holds.
pub(crate) const STACK_SIZE: usize = 16 * 1024 * 1024;

/// Splits results, in order, into the values and the error messages.
pub(crate) fn split<T>(results: Vec<Result<T, String>>) -> (Vec<T>, Vec<String>) {
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(value) => values.push(value),
            Err(e) => errors.push(e),
        }
    }
    (values, errors)
}

/// Runs `f` on a thread with a [`STACK_SIZE`] stack and waits for it (a panic there carries on
/// here).
fn on_big_stack(f: impl FnOnce() -> Result<ExitCode, String> + Send) -> Result<ExitCode, String> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, f)
            .map_err(|e| format!("cannot start a thread: {e}"))?;
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Runs the program.
pub fn main() -> ExitCode {
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `profilelint PATH…` is `profilelint check PATH…` (as ruff does), unless the first argument
    // is a command or a top-level flag.
    if let Some(first) = argv.get(1).and_then(|a| a.to_str()) {
        if !SUBCOMMANDS.contains(&first) && !matches!(first, "-h" | "--help" | "-V" | "--version") {
            argv.insert(1, "check".into());
        }
    } else {
        argv.push("check".into());
    }
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => on_big_stack(move || check::run(*args)),
        Command::Rules { format } => commands::rules(format),
        Command::Explain { rule } => commands::explain(&rule),
        Command::Init => commands::init(),
        Command::Inspect {
            format,
            platform,
            paths,
        } => commands::inspect(format, platform, &paths),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            output::error(&message);
            ExitCode::from(EXIT_ERROR)
        }
    }
}
