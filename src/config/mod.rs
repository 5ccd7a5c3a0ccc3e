//! `profilelint.toml`: discovery, parsing with did-you-mean errors, and the options rules read.
//!
//! ```
//! let config = profilelint::config::Config::from_toml_str(r#"
//! platform = "ios"
//! [rules]
//! SSO301 = "error"
//! [sso]
//! office-coverage = "automatic"
//! "#, None).unwrap();
//! assert_eq!(config.sso.office_coverage, profilelint::config::OfficeCoverage::Automatic);
//! ```

mod policy_toml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::limits::Limits;
use crate::model::Platform;
use crate::policy::{Policy, PolicyError};
use crate::span::Span;

/// The file names looked for, nearest directory first, in this order.
pub const CONFIG_FILE_NAMES: &[&str] = &["profilelint.toml", ".profilelint.toml"];

/// The largest config file read, in bytes (1 MiB): a real one is a few kilobytes.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// A configuration error: one clear sentence, with a suggestion where one helps.
///
/// Errors in a `[[policy]]` table also carry the place in the file ([`ConfigError::at`]): as a
/// [`miette::Diagnostic`] the error then has the config text as source code and a label there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
pub struct ConfigError {
    /// The config file, if the error came from one.
    pub path: Option<PathBuf>,
    /// What is wrong.
    pub message: String,
    /// Where in the config text, with the label to show there and the text itself.
    pub at: Option<Box<ConfigErrorAt>>,
}

/// The place of a [`ConfigError`] in the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrorAt {
    /// The span in the config text.
    pub span: Span,
    /// The label's text: what is wrong right there.
    pub label: String,
    /// The config file's name for the snippet header, and its text.
    pub source: miette::NamedSource<Arc<str>>,
}

impl miette::Diagnostic for ConfigError {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.at.as_ref().map(|at| &at.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let at = self.at.as_ref()?;
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_primary_with_span(
            Some(at.label.clone()),
            (at.span.start, at.span.len()),
        ))))
    }
}

/// A rule level in `[rules]` or `--severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as error.
    Error,
    /// Report as warning.
    Warning,
    /// Report as info.
    Info,
    /// Do not run the rule.
    Off,
}

impl Level {
    /// Parses `error`, `warning`, `info` or `off`.
    pub fn parse(s: &str) -> Option<Level> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Level::Error),
            "warning" | "warn" => Some(Level::Warning),
            "info" => Some(Level::Info),
            "off" => Some(Level::Off),
            _ => None,
        }
    }

    /// The severity, `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Errors fail (default).
    #[default]
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Any finding fails.
    Info,
    /// Nothing fails (exit 0 unless usage or I/O errors).
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// How Office app coverage is judged (SSO301/SSO302).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OfficeCoverage {
    /// Office apps must be covered explicitly (allow list, prefix, or all managed apps).
    #[default]
    Explicit,
    /// Microsoft's current guidance: MSAL apps are covered without listing.
    Automatic,
}

/// Whether Company Portal (the host app of the macOS extension) is checked in this lint set
/// (SSO404's macOS note, SSO405–SSO407).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CompanyPortalMode {
    /// Check (default).
    #[default]
    Check,
    /// Company Portal is deployed by other means (another MDM, a script): do not check it.
    DeployedElsewhere,
}

/// Whether Authenticator is checked in this lint set (SSO404).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum AuthenticatorMode {
    /// Check (default).
    #[default]
    Check,
    /// Authenticator is deployed by other means; do not report that it could not be checked.
    DeployedElsewhere,
}

/// A Microsoft cloud whose login URLs SSO105 requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Cloud {
    /// The public cloud.
    Public,
    /// US Government.
    Usgov,
    /// China (21Vianet).
    China,
}

impl Cloud {
    /// The name used in the catalog and config.
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Public => "public",
            Cloud::Usgov => "usgov",
            Cloud::China => "china",
        }
    }
}

/// The `[sso]` table: options of the SSO rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct SsoOptions {
    /// The Office apps SSO301 requires (catalog keys: outlook, word, excel, powerpoint, onenote,
    /// teams, onedrive, m365, …).
    pub office_apps: Vec<String>,
    /// Explicit (default) or automatic coverage of Microsoft apps.
    pub office_coverage: OfficeCoverage,
    /// Clouds whose login URLs are required (default `["public"]`).
    pub clouds: Vec<Cloud>,
    /// Whether Authenticator is checked.
    pub authenticator: AuthenticatorMode,
    /// Whether Company Portal is checked (SSO404 on macOS, SSO405–SSO407).
    pub company_portal: CompanyPortalMode,
    /// SSO106 also compares plain profile files with each other.
    pub cross_file_urls: bool,
    /// The MDM that delivers plain profiles: Intune substitutes `{{DEVICEREGISTRATION}}`, other
    /// MDMs deliver it literally (SSO201/SSO202 off, SSO209 on). Intune exports are always Intune.
    /// Unset (`None`), a plain profile is taken as Intune's unless it bears another MDM's marks
    /// (see [`crate::model::MdmSource::OtherMdmMarks`]).
    pub mdm: Option<crate::model::Mdm>,
    /// The oldest macOS in the fleet (`"13"`, `"14"`, `"15.1"`, …; default `"14"`): with macOS 13
    /// Macs, Platform SSO needs both authentication-method keys (SSO603).
    pub macos_min_version: String,
}

impl SsoOptions {
    /// The major version of [`SsoOptions::macos_min_version`] (`14` for `"14.6"`); `None` when it is
    /// not a version (the config reader refuses such a value).
    pub fn macos_min_major(&self) -> Option<u32> {
        let major = self.macos_min_version.trim().split('.').next()?;
        major.parse().ok()
    }
}

impl Default for SsoOptions {
    fn default() -> Self {
        SsoOptions {
            office_apps: [
                "outlook",
                "word",
                "excel",
                "powerpoint",
                "onenote",
                "teams",
                "onedrive",
                "m365",
            ]
            .map(String::from)
            .to_vec(),
            office_coverage: OfficeCoverage::Explicit,
            clouds: vec![Cloud::Public],
            authenticator: AuthenticatorMode::Check,
            company_portal: CompanyPortalMode::Check,
            cross_file_urls: false,
            mdm: None,
            macos_min_version: "14".to_owned(),
        }
    }
}

/// One `[[ignore]]` suppression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreEntry {
    /// A path glob (relative to the config file's folder, `/`-separated), or `None` for every file.
    pub path: Option<String>,
    /// A key path, `[*]` matching any index; a diagnostic matches when its key path is this path
    /// or lies below it.
    pub key_path: Option<String>,
    /// Codes, names or code prefixes; empty means every rule.
    pub rules: Vec<String>,
    /// Why (PL902 when missing).
    pub reason: Option<String>,
    /// The entry's span in the config file text, for PL901/PL902 labels.
    pub span: Option<Span>,
}

/// The whole configuration: read from `profilelint.toml` ([`Config::load`],
/// [`Config::from_toml_str`], found by [`Config::discover`]), or built in code.
///
/// The option types are plain data with public fields, so a configuration is built like any
/// struct, from the defaults (those of an empty `profilelint.toml`):
///
/// ```
/// use profilelint::config::{Cloud, Config, Level, SsoOptions};
/// use profilelint::model::Platform;
///
/// let config = Config {
///     platform: Some(Platform::Ios),
///     rules: vec![("SSO301".to_owned(), Level::Error)],
///     sso: SsoOptions {
///         clouds: vec![Cloud::Public, Cloud::Usgov],
///         ..SsoOptions::default()
///     },
///     ..Config::default()
/// };
/// let read = Config::from_toml_str(
///     "platform = \"ios\"\n[rules]\nSSO301 = \"error\"\n[sso]\nclouds = [\"public\", \"usgov\"]\n",
///     None,
/// )
/// .unwrap();
/// assert_eq!(config.platform, read.platform);
/// assert_eq!(config.rules, read.rules);
/// assert_eq!(config.sso, read.sso);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Platform for inputs whose platform cannot be inferred from the input itself.
    pub platform: Option<Platform>,
    /// Lowest severity that fails the run.
    pub fail_on: Option<FailOn>,
    /// `[rules]` levels by code, name or prefix, in file order (later wins), followed by CLI
    /// `--severity` overrides.
    pub rules: Vec<(String, Level)>,
    /// Only these rules (codes, names, prefixes); `None` = all. From `--select`.
    pub select: Option<Vec<String>>,
    /// Rules turned off by `--ignore`.
    pub ignore_rules: Vec<String>,
    /// `[sso]` options.
    pub sso: SsoOptions,
    /// `[limits]`.
    pub limits: Limits,
    /// `[[ignore]]` suppressions.
    pub ignore: Vec<IgnoreEntry>,
    /// `[[policy]]` organization policies, in file order (add more with [`Config::add_policy`]).
    pub policies: Vec<Policy>,
    /// The config file this came from, and its text (for PL901/PL902 snippets).
    pub source: Option<(PathBuf, std::sync::Arc<str>)>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    platform: Option<String>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    rules: toml::Table,
    #[serde(default)]
    sso: SsoOptions,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    ignore: Vec<toml::Spanned<RawIgnore>>,
    /// Read again, with spans, by [`crate::policy`]'s reader once the rest is known to be good.
    #[serde(default)]
    policy: Vec<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawLimits {
    max_file_size: Option<toml::Value>,
    max_depth: Option<usize>,
    max_nodes: Option<usize>,
    max_payload_size: Option<toml::Value>,
    max_embedding_depth: Option<usize>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawIgnore {
    path: Option<String>,
    key_path: Option<String>,
    #[serde(default)]
    rules: Vec<String>,
    reason: Option<String>,
}

/// The deepest nesting a config may allow: parsers of nested JSON recurse, and worker threads
/// have stacks sized for this.
pub const MAX_DEPTH_CEILING: usize = 4096;

impl Config {
    /// Parses a config file's text. `path` is used in messages and to resolve `[[ignore]] path` globs.
    pub fn from_toml_str(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.map(Path::to_path_buf),
            message,
            at: None,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| error(explain_toml_error(&e, text)))?;
        let mut config = Config::default();
        if !raw.policy.is_empty() {
            let source: Arc<str> = text.into();
            for policy in policy_toml::read_toml(&source, path)? {
                config.policies.push(policy);
            }
        }
        if let Some(p) = raw.platform {
            config.platform = Some(match p.to_ascii_lowercase().as_str() {
                "ios" | "ipados" => Platform::Ios,
                "macos" => Platform::Macos,
                _ => return Err(error(format!("`platform` must be \"ios\" or \"macos\", not \"{p}\""))),
            });
        }
        config.fail_on = raw.fail_on;
        for (key, value) in &raw.rules {
            if !config.selector_is_known(key) {
                return Err(error(format!("[rules]: {}", config.unknown_selector(key))));
            }
            let level = value.as_str().and_then(Level::parse).ok_or_else(|| {
                error(format!(
                    "[rules] {key}: expected \"error\", \"warning\", \"info\" or \"off\", found {}",
                    describe(value)
                ))
            })?;
            config.rules.push((key.clone(), level));
        }
        let apps: Vec<&str> = crate::catalog::microsoft_apps()
            .iter()
            .map(|a| a.key.as_str())
            .collect();
        for app in &raw.sso.office_apps {
            if !apps.contains(&app.as_str()) {
                let hint = crate::suggest::did_you_mean(app, apps.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(error(format!(
                    "[sso] office-apps: unknown app `{app}`{hint}; known: {}",
                    apps.join(", ")
                )));
            }
        }
        if raw.sso.macos_min_major().is_none() {
            return Err(error(format!(
                "[sso] macos-min-version: expected a macOS version such as \"13\" or \"14.6\", found \"{}\"",
                raw.sso.macos_min_version
            )));
        }
        config.sso = raw.sso;
        config.limits = limits(raw.limits).map_err(error)?;
        for entry in raw.ignore {
            let range = entry.span();
            let e = entry.into_inner();
            for rule in &e.rules {
                if !config.selector_is_known(rule) {
                    return Err(error(format!("[[ignore]]: {}", config.unknown_selector(rule))));
                }
            }
            if let Some(glob) = &e.path {
                globset::Glob::new(glob).map_err(|err| error(format!("[[ignore]] path `{glob}`: {err}")))?;
            }
            config.ignore.push(IgnoreEntry {
                path: e.path,
                key_path: e.key_path,
                rules: e.rules,
                reason: e.reason.filter(|r| !r.trim().is_empty()),
                span: Some(Span::new(range.start, range.end)),
            });
        }
        config.source = path.map(|p| (p.to_path_buf(), text.into()));
        Ok(config)
    }

    /// Reads and parses a config file: a regular file (through symlinks) of at most
    /// [`MAX_CONFIG_SIZE`] bytes. Anything else — a folder, a FIFO, a device such as `/dev/zero`,
    /// a broken symlink or a symlink loop — is an error, found before the file is opened, so
    /// nothing blocks or reads without end.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError {
            path: Some(path.to_path_buf()),
            message,
            at: None,
        };
        let meta = std::fs::metadata(path).map_err(|e| {
            error(match std::fs::symlink_metadata(path) {
                Ok(link) if link.file_type().is_symlink() => {
                    format!("cannot read: the symlink leads to nothing readable: {e}")
                }
                _ => format!("cannot read: {e}"),
            })
        })?;
        if !meta.is_file() {
            return Err(error(format!(
                "cannot read: not a regular file (a {})",
                describe_file_type(&meta.file_type())
            )));
        }
        if meta.len() > MAX_CONFIG_SIZE {
            return Err(error(format!(
                "cannot read: {} bytes, more than a config file may hold ({MAX_CONFIG_SIZE})",
                meta.len()
            )));
        }
        let file = std::fs::File::open(path).map_err(|e| error(format!("cannot read: {e}")))?;
        // Swapped for something else since the check above: the same rules, on what was opened.
        let opened = file.metadata().map_err(|e| error(format!("cannot read: {e}")))?;
        if !opened.is_file() {
            return Err(error("cannot read: not a regular file".to_owned()));
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_CONFIG_SIZE + 1), &mut bytes)
            .map_err(|e| error(format!("cannot read: {e}")))?;
        if bytes.len() as u64 > MAX_CONFIG_SIZE {
            return Err(error(format!(
                "cannot read: more than a config file may hold ({MAX_CONFIG_SIZE} bytes)"
            )));
        }
        let text = String::from_utf8(bytes).map_err(|e| error(format!("cannot read: not UTF-8 ({e})")))?;
        Config::from_toml_str(&text, Some(path))
    }

    /// The nearest `profilelint.toml` or `.profilelint.toml` from `start` upward: the first
    /// entry of either name that exists in any form. One that is not a readable regular file (a
    /// broken symlink, a symlink loop, a FIFO, a folder) is returned too, so that
    /// [`Config::load`] reports it instead of a config further up being used silently.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().find_map(|dir| {
            CONFIG_FILE_NAMES
                .iter()
                .map(|n| dir.join(n))
                .find(|p| match std::fs::symlink_metadata(p) {
                    Ok(_) => true,
                    Err(e) => e.kind() != std::io::ErrorKind::NotFound,
                })
        })
    }

    /// Adds an organization policy after checking it against the built-in rules and the
    /// policies already here (see [`Policy::validate`]).
    pub fn add_policy(&mut self, policy: Policy) -> Result<(), PolicyError> {
        policy.validate(&self.policies)?;
        self.policies.push(policy);
        Ok(())
    }

    /// Whether a selector (code, name, code prefix, `ALL`) names a built-in rule or one of the
    /// policies.
    pub fn selector_is_known(&self, selector: &str) -> bool {
        crate::contract::lookup::resolve_selector(selector).is_some()
            || self.policies.iter().any(|p| p.is_named_by(selector))
    }

    /// The error for a selector that names no rule or policy: "unknown rule `x`", with the
    /// closest code or name when one is near. The one did-you-mean of the config, the command
    /// line and `explain`.
    pub fn unknown_selector(&self, selector: &str) -> String {
        let hint = crate::suggest::did_you_mean(selector, self.rule_names())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        format!("unknown rule `{}`{hint}", selector.trim())
    }

    /// The codes and names of every built-in rule and policy, for did-you-mean hints.
    pub fn rule_names(&self) -> impl Iterator<Item = &str> + '_ {
        crate::contract::lookup::all()
            .iter()
            .flat_map(|m| [m.code, m.name])
            .chain(self.policies.iter().flat_map(|p| [p.code.as_str(), p.name.as_str()]))
    }

    /// The policy with this code or name (case-insensitive).
    pub fn policy(&self, code_or_name: &str) -> Option<&Policy> {
        self.policies
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(code_or_name) || p.name.eq_ignore_ascii_case(code_or_name))
    }

    /// The folder `[[ignore]] path` globs are relative to.
    pub fn base_dir(&self) -> Option<&Path> {
        self.source.as_ref().and_then(|(p, _)| p.parent())
    }
}

/// A file type in words, for errors.
fn describe_file_type(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "FIFO";
        }
        if t.is_char_device() {
            return "character device";
        }
        if t.is_block_device() {
            return "block device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    if t.is_dir() {
        "folder"
    } else {
        "special file"
    }
}

fn limits(raw: RawLimits) -> Result<Limits, String> {
    let mut limits = Limits::default();
    if let Some(v) = raw.max_file_size {
        limits.max_file_size = parse_size(&v).ok_or_else(|| {
            format!(
                "[limits] max-file-size: cannot read {} as a size (e.g. \"64MiB\")",
                describe(&v)
            )
        })?;
    }
    if let Some(v) = raw.max_payload_size {
        let size = parse_size(&v)
            .ok_or_else(|| format!("[limits] max-payload-size: cannot read {} as a size", describe(&v)))?;
        limits.max_payload_size = usize::try_from(size).unwrap_or(usize::MAX);
    }
    if let Some(d) = raw.max_depth {
        if d == 0 || d > MAX_DEPTH_CEILING {
            return Err(format!(
                "[limits] max-depth must be between 1 and {MAX_DEPTH_CEILING}, not {d}"
            ));
        }
        limits.max_depth = d;
    }
    if let Some(n) = raw.max_nodes {
        limits.max_nodes = n;
    }
    if let Some(n) = raw.max_embedding_depth {
        limits.max_embedding_depth = n;
    }
    Ok(limits)
}

/// A size: an integer number of bytes, or a string like `"64MiB"`, `"10 MB"`, `"512k"`.
///
/// ```
/// use profilelint::config::parse_size;
/// assert_eq!(parse_size(&toml::Value::String("64MiB".into())), Some(64 * 1024 * 1024));
/// assert_eq!(parse_size(&toml::Value::String("10 MB".into())), Some(10_000_000));
/// assert_eq!(parse_size(&toml::Value::Integer(1000)), Some(1000));
/// ```
pub fn parse_size(value: &toml::Value) -> Option<u64> {
    match value {
        toml::Value::Integer(i) => u64::try_from(*i).ok(),
        toml::Value::String(s) => {
            let s = s.trim();
            let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let number: u64 = s.get(..digits)?.parse().ok()?;
            let unit = s.get(digits..)?.trim().to_ascii_lowercase();
            let factor: u64 = match unit.as_str() {
                "" | "b" => 1,
                "k" | "kb" => 1_000,
                "kib" => 1 << 10,
                "m" | "mb" => 1_000_000,
                "mib" => 1 << 20,
                "g" | "gb" => 1_000_000_000,
                "gib" => 1 << 30,
                _ => return None,
            };
            number.checked_mul(factor)
        }
        _ => None,
    }
}

/// A TOML value as a user wrote it, roughly, for messages.
fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(_) => "an array".to_owned(),
        toml::Value::Table(_) => "a table".to_owned(),
    }
}

/// Turns a TOML/serde error into one sentence; unknown keys get a did-you-mean.
pub(crate) fn explain_toml_error(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim().to_owned();
    let location = e
        .span()
        .map(|s| {
            let lc = crate::span::LineIndex::new(text).line_col(text, s.start);
            format!(" (line {}, column {})", lc.line, lc.column)
        })
        .unwrap_or_default();
    // serde's wording: "unknown field `x`, expected one of `a`, `b`" or "expected `a`".
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let hint = crate::suggest::did_you_mean(field, candidates.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| {
                    format!(
                        "; expected one of {}",
                        candidates
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
            return format!("unknown key `{field}`{location}{hint}");
        }
    }
    // "unknown variant `x`, expected `a` or `b`" / "expected one of `a`, `b`, `c`": serde lists
    // the values; a near miss gets a did-you-mean too.
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        if let Some((value, expected)) = rest.split_once('`') {
            let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            if let Some(s) = crate::suggest::did_you_mean(value, candidates.iter().copied()) {
                return format!("{message}{location}; did you mean `{s}`?");
            }
        }
    }
    format!("{message}{location}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_get_suggestions() {
        let err = Config::from_toml_str("fail_on = \"error\"", None).unwrap_err();
        assert_eq!(
            err.message,
            "unknown key `fail_on` (line 1, column 1); did you mean `fail-on`?"
        );
        let err = Config::from_toml_str("[sso]\noffice-coverge = \"automatic\"", None).unwrap_err();
        assert!(
            err.message.contains("did you mean `office-coverage`?"),
            "{}",
            err.message
        );
        let err = Config::from_toml_str("[rules]\ndevice-registraton-value = \"off\"", None).unwrap_err();
        assert!(
            err.message.contains("did you mean `device-registration-value`?"),
            "{}",
            err.message
        );
        let err = Config::from_toml_str("[sso]\noffice-apps = [\"outlok\"]", None).unwrap_err();
        assert!(err.message.contains("did you mean `outlook`?"), "{}", err.message);
    }

    #[test]
    fn the_oldest_macos_is_a_version() {
        let c = Config::from_toml_str("[sso]\nmacos-min-version = \"13.6\"\nmdm = \"other\"", None).unwrap();
        assert_eq!(c.sso.macos_min_major(), Some(13));
        assert_eq!(c.sso.mdm, Some(crate::model::Mdm::Other));
        assert_eq!(Config::default().sso.macos_min_major(), Some(14));
        let err = Config::from_toml_str("[sso]\nmacos-min-version = \"Sonoma\"", None).unwrap_err();
        assert!(err.message.contains("macos-min-version"), "{}", err.message);
        let c = Config::from_toml_str("[sso]\ncompany-portal = \"deployed-elsewhere\"", None).unwrap();
        assert_eq!(c.sso.company_portal, CompanyPortalMode::DeployedElsewhere);
        assert_eq!(Config::default().sso.company_portal, CompanyPortalMode::Check);
        let err = Config::from_toml_str("[sso]\ncompany-portal = \"deployed-elsewere\"", None).unwrap_err();
        assert!(
            err.message.contains("unknown variant `deployed-elsewere`")
                && err.message.ends_with("did you mean `deployed-elsewhere`?"),
            "{}",
            err.message
        );
        let err = Config::from_toml_str("[sso]\ncompany-portl = \"check\"", None).unwrap_err();
        assert!(
            err.message.contains("did you mean `company-portal`?"),
            "{}",
            err.message
        );
        let err = Config::from_toml_str("[sso]\nmdm = \"jamf\"", None).unwrap_err();
        assert!(
            err.message.contains("`jamf`") && err.message.contains("`other`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_rules_get_the_same_hint_everywhere() {
        for text in [
            "[rules]\ndevise-registration-value = \"error\"",
            "[[ignore]]\nrules = [\"devise-registration-value\"]\nreason = \"x\"",
        ] {
            let err = Config::from_toml_str(text, None).unwrap_err();
            assert!(
                err.message
                    .ends_with("unknown rule `devise-registration-value` (did you mean `device-registration-value`?)"),
                "{text}: {}",
                err.message
            );
        }
    }

    #[test]
    fn full_example_parses() {
        let text = r#"
platform = "ios"
fail-on = "warning"
[rules]
SSO301 = "error"
unknown-extension-data-key = "off"
[sso]
office-apps = ["outlook", "teams"]
office-coverage = "explicit"
clouds = ["public", "usgov"]
authenticator = "deployed-elsewhere"
company-portal = "check"
cross-file-urls = true
[limits]
max-file-size = "1MiB"
max-depth = 64
[[ignore]]
path = "legacy/**/*.mobileconfig"
key-path = "PayloadContent[*].ExtensionData.AppPrefixAllowList"
rules = ["SSO307"]
reason = "vendor app"
"#;
        let c = Config::from_toml_str(text, None).unwrap();
        assert_eq!(c.platform, Some(Platform::Ios));
        assert_eq!(c.fail_on, Some(FailOn::Warning));
        assert_eq!(c.rules.len(), 2);
        assert_eq!(c.limits.max_file_size, 1 << 20);
        assert_eq!(c.limits.max_depth, 64);
        assert_eq!(c.sso.clouds, vec![Cloud::Public, Cloud::Usgov]);
        assert_eq!(c.ignore.len(), 1);
        assert_eq!(c.ignore[0].reason.as_deref(), Some("vendor app"));
        let span = c.ignore[0].span.unwrap();
        // The entry is labelled at its `[[ignore]]` header.
        assert!(
            text[span.start..].starts_with("[[ignore]]"),
            "{:?}",
            &text[span.start..span.end]
        );
    }
}
