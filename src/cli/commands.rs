//! `rules`, `explain`, `init` and `inspect`.

use std::io::Write as _;
use std::process::ExitCode;

use profilelint::report::inspect;
use profilelint::rules;
use profilelint::Linter;

use super::args::{ListFormat, PlatformArg};
use super::check::{load_config, platform};
use super::output;

/// `profilelint rules`: the built-in rules, then the organization policies of the config file
/// (discovered as `check` does).
pub fn rules(format: ListFormat) -> Result<ExitCode, String> {
    let config = load_config(None, false)?;
    let text = match format {
        ListFormat::Json => {
            let mut list: Vec<_> = rules::all()
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
            list.extend(config.policies.iter().map(|p| {
                serde_json::json!({
                    "code": p.code,
                    "name": p.name,
                    "severity": p.severity,
                    "fix": "none",
                    "summary": p.message,
                    "policy": true,
                    "defined_in": p.defined_in.as_ref().map(|d| format!("{}:{}", display(&d.path), d.line)),
                })
            }));
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
            for p in &config.policies {
                t.push_str(&format!(
                    "{:<7} {:<30} {:<8} {:<7} {} (policy)\n",
                    p.code, p.name, p.severity, "none", p.message
                ));
            }
            t
        }
    };
    output::emit(None, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// `profilelint explain CODE|NAME`: a built-in rule's doc, or an organization policy's own text
/// and the config file that defined it.
pub fn explain(rule: &str) -> Result<ExitCode, String> {
    if let Some(meta) = rules::by_code(rule).or_else(|| rules::by_name(rule)) {
        let doc = rules::doc(meta.code).unwrap_or(meta.summary);
        output::emit(None, &format!("{}\n", doc.trim_end()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let config = load_config(None, false)?;
    let Some(policy) = config.policy(rule) else {
        return Err(format!(
            "{}; `profilelint rules` lists them",
            config.unknown_selector(rule)
        ));
    };
    output::emit(None, &explain_policy(policy))?;
    Ok(ExitCode::SUCCESS)
}

/// A policy described as a rule doc is: heading, table, what it checks, where it is defined.
fn explain_policy(p: &profilelint::policy::Policy) -> String {
    let mut t = format!(
        "# {}: {}\n\nAn organization policy{}.\n\n| Code | Name | Default severity | Fix |\n|---|---|---|---|\n| {} | {} | {} | none |\n\n## What it checks\n\n{}\n\n- Key: `{}` (read from {})\n",
        p.code,
        p.name,
        p.defined_in
            .as_ref()
            .map(|d| format!(", defined in {} line {}", display(&d.path), d.line))
            .unwrap_or_default(),
        p.code,
        p.name,
        p.severity,
        p.message,
        p.key,
        p.key.target().describe(),
    );
    if let Some(m) = &p.matches {
        t.push_str(&format!("- Each value must match `{}`\n", m.as_str()));
    }
    if let Some(m) = &p.not_matches {
        t.push_str(&format!("- No value may match `{}`\n", m.as_str()));
    }
    if p.required {
        t.push_str("- The key is required\n");
    }
    if p.forbidden {
        t.push_str("- The key is forbidden\n");
    }
    let f = &p.filter;
    let list = |items: Vec<String>| items.join(", ");
    if !f.payload_types.is_empty() {
        t.push_str(&format!("- Only payloads of type {}\n", list(f.payload_types.clone())));
    }
    if !f.platforms.is_empty() {
        t.push_str(&format!(
            "- Only on {}\n",
            list(f.platforms.iter().map(|p| p.display_name().to_owned()).collect())
        ));
    }
    if !f.sources.is_empty() {
        t.push_str(&format!(
            "- Only in sources: {}\n",
            list(f.sources.iter().map(|s| s.name().to_owned()).collect())
        ));
    }
    if !f.paths.is_empty() {
        t.push_str(&format!(
            "- Only in files matching {}\n",
            list(f.paths.iter().map(|g| format!("`{}`", g.as_str())).collect())
        ));
    }
    if let Some(help) = &p.help {
        t.push_str(&format!("\n## How to fix\n\n{help}\n"));
    }
    t
}

fn display(path: &std::path::Path) -> String {
    profilelint::display_path(path)
}

/// A configuration error for stderr: the sentence, and for errors that know their place in the
/// file (bad `[[policy]]` tables) the lines of the file around it with a label, as miette shows
/// source snippets.
pub fn config_error(e: &profilelint::config::ConfigError) -> String {
    let mut text = e.to_string();
    if e.at.is_some() {
        let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_context_lines(1);
        let mut report = String::new();
        if handler.render_report(&mut report, e).is_ok() {
            // The report starts with the message again; the snippet starts at its frame.
            let snippet: String = report
                .lines()
                .skip_while(|l| !l.contains("╭─["))
                .map(|l| format!("{l}\n"))
                .collect();
            text.push('\n');
            text.push_str(snippet.trim_end());
        }
    }
    text
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
        if let super::walk::Input::File { path, origin } = input {
            if let Err(e) = set.add_path(&path, origin) {
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
