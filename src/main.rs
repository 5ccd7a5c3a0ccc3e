//! The `profilelint` command line: a thin shell over the library.

mod cli;

/// mimalloc, as ruff and oxlint use: a run allocates a tree node per value of every file, and
/// with glibc's allocator a large export spent as long in page faults and heap growth as in
/// linting (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
