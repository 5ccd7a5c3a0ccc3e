//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lints Apple configuration profiles and Microsoft Intune exports for the Microsoft Enterprise
/// SSO plug-in, so that Just-in-Time registration of iOS/iPadOS devices works the first time.
#[derive(Debug, Parser)]
#[command(name = "profilelint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and folders (the default command: `profilelint PATH…` means `check PATH…`).
    Check(Box<CheckArgs>),
    /// List every rule: code, name, default severity, fix, summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// A rule code (`SSO202`) or name (`device-registration-value`).
        rule: String,
    },
    /// Write a commented starter `profilelint.toml` in the current folder (never overwrites).
    Init,
    /// Show what profilelint reads from the inputs: formats, SSO payloads, apps, assignments.
    Inspect {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Platform for inputs whose platform cannot be inferred.
        #[arg(long, value_enum)]
        platform: Option<PlatformArg>,
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Output formats of `rules` and `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// For people.
    Human,
    /// For programs.
    Json,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// miette's graphical report with source snippets.
    Human,
    /// One `path:line:col: CODE [severity] message` line each.
    Concise,
    /// The versioned JSON report.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// Azure DevOps logging commands.
    Azure,
    /// JUnit XML.
    Junit,
}

/// `--platform`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    /// iOS / iPadOS.
    Ios,
    /// macOS.
    Macos,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Errors fail the run (default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
    /// Never fail on findings.
    Never,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to lint ("-" reads standard input). Default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Write the report to FILE instead of standard output (atomically; never over an input).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use this config file.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore config files.
    #[arg(long)]
    pub no_config: bool,
    /// Only these rules: comma-separated codes, names or code prefixes (`SSO2`).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub select: Option<Vec<String>>,
    /// Turn these rules off: comma-separated codes, names or code prefixes.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub ignore: Vec<String>,
    /// Override a rule's severity: `CODE=error|warning|info|off` (repeatable).
    #[arg(long, value_name = "CODE=LEVEL")]
    pub severity: Vec<String>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// Platform of inputs whose platform cannot be inferred.
    #[arg(long, value_enum)]
    pub platform: Option<PlatformArg>,
    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes and write nothing.
    #[arg(long)]
    pub diff: bool,
    /// Name used for standard input in output and config path matching.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Colour.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Only the summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// A count per rule.
    #[arg(long)]
    pub statistics: bool,
    /// Worker threads (default and 0: all cores; at most 4 per core). Output order never depends
    /// on it.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Also take files matching GLOB when walking folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files matching GLOB when walking folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}
