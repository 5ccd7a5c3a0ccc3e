//! `rules`, `explain`, `init` and `inspect`.

use std::io::Write as _;
use std::process::ExitCode;

use profilelint::report::inspect;
use profilelint::rules;
use profilelint::Linter;

use super::args::{ListFormat, PlatformArg};
use super::check::{load_config, platform};
use super::output;

/// `profilelint rules`.
pub fn rules(format: ListFormat) -> Result<ExitCode, String> {
    let text = match format {
        ListFormat::Json => {
            let list: Vec<_> = rules::all()
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.severity,
                        "fix": m.fix,
                        "summary": m.summary,
                        "url": rules::doc_url(m.code),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).map_err(|e| e.to_string())? + "\n"
        }
        ListFormat::Human => {
            let mut t = String::new();
            for m in rules::all() {
                t.push_str(&format!(
                    "{:<7} {:<30} {:<8} {:<7} {}\n",
                    m.code,
                    m.name,
                    m.severity,
                    m.fix.name(),
                    m.summary
                ));
            }
            t
        }
    };
    output::emit(None, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// `profilelint explain CODE|NAME`.
pub fn explain(rule: &str) -> Result<ExitCode, String> {
    let meta = rules::by_code(rule).or_else(|| rules::by_name(rule)).ok_or_else(|| {
        let names = rules::all().iter().flat_map(|m| [m.code, m.name]);
        let hint = profilelint::suggest::did_you_mean(rule, names)
            .map(|h| format!(" (did you mean `{h}`?)"))
            .unwrap_or_default();
        format!("unknown rule `{rule}`{hint}; `profilelint rules` lists them")
    })?;
    let doc = rules::doc(meta.code).unwrap_or(meta.summary);
    output::emit(None, &format!("{}\n", doc.trim_end()))?;
    Ok(ExitCode::SUCCESS)
}

/// The starter config written by `init`.
pub const STARTER_CONFIG: &str = include_str!("starter.toml");

/// `profilelint init`.
pub fn init() -> Result<ExitCode, String> {
    let path = std::path::Path::new("profilelint.toml");
    if let Some(existing) = profilelint::config::CONFIG_FILE_NAMES
        .iter()
        .find(|n| std::path::Path::new(n).exists())
    {
        return Err(format!("{existing} already exists here; init never overwrites"));
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, STARTER_CONFIG.as_bytes()))
        .map_err(|e| format!("cannot write profilelint.toml: {e}"))?;
    let _ = writeln!(std::io::stderr(), "wrote profilelint.toml");
    Ok(ExitCode::SUCCESS)
}

/// `profilelint inspect`.
pub fn inspect(
    format: ListFormat,
    platform_arg: Option<PlatformArg>,
    paths: &[std::path::PathBuf],
) -> Result<ExitCode, String> {
    let mut config = load_config(None, false)?;
    if let Some(p) = platform_arg {
        config.platform = Some(platform(p));
    }
    let filters = super::walk::Filters::new(&[], &[])?;
    let (inputs, errors) = super::walk::collect(paths, &filters, None, None);
    let mut set = profilelint::LintSet::new(config.limits);
    let mut failed = !errors.is_empty();
    for e in errors {
        output::error(&format!("cannot read {}: {}", e.path.display(), e.message));
    }
    for input in inputs {
        if let super::walk::Input::File { path, explicit } = input {
            if let Err(e) = set.add_path(&path, explicit) {
                output::error(&format!("cannot read {}: {e}", path.display()));
                failed = true;
            }
        }
    }
    let linter = Linter::new(config);
    let model = linter.model(&set);
    let report = inspect::Inspection::new(&set, &model);
    let text = match format {
        ListFormat::Json => report.to_json() + "\n",
        ListFormat::Human => report.to_human(),
    };
    output::emit(None, &text)?;
    Ok(ExitCode::from(if failed { super::EXIT_ERROR } else { 0 }))
}
