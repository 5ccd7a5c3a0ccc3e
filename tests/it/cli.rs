//! The command line, pinned by case files: `tests/cmd/*.toml` name the arguments (and the working
//! folder, standard input, sandbox), `.stdout` / `.stderr` beside each hold the expected output,
//! `.out/` folders the expected files after a run in a sandbox.
//!
//! Regenerate after an intended change with `TRYCMD=overwrite cargo test --test it cli::` (it rewrites
//! existing `.stdout` / `.stderr` files only), then read every changed expectation against the CLI
//! contract before committing it. Cases whose output holds backslashes (JSON, SARIF) set
//! `binary = true`, so the expectation is stored byte for byte.
//!
//! Shared inputs: `tests/cmd/multi/` (a broken iOS profile, a clean one, an Intune Device
//! Features export and a malformed JSON file) is the fixed set every output format is shown on;
//! `config/` holds a discovered `profilelint.toml`, `bad-config/` invalid ones, `export/` a small
//! Intune export in the IntuneBackupAndRestore layout, `walk/` a folder with hidden, ignored and
//! non-profile files.

fn cases() -> trycmd::TestCases {
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("profilelint", std::path::Path::new(env!("CARGO_BIN_EXE_profilelint")))
        .default_bin_name("profilelint")
        // The output must not depend on the terminal or the user's environment.
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cases
}

#[test]
fn cli_cases() {
    cases().case("tests/cmd/*.toml");
}
