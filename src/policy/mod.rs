//! Organization policies: an organization's own rules, declared in `profilelint.toml` as
//! `[[policy]]` tables and matched with the [`regex`] crate.
//!
//! A policy names a value with a [`KeyPath`] (see there for the language and where each path is
//! looked for), says what must hold — `matches`, `not-matches`, `required`, `forbidden` —
//! and may narrow where it applies with a [`Filter`] (`where`: payload type, platform, source
//! kind, path glob). Its findings are ordinary [`Diagnostic`](crate::Diagnostic)s with the
//! policy's own code and name: spans, every output format, `--select`/`--ignore`/`--severity`,
//! `[[ignore]]` and inline suppressions and `--fail-on` treat them as they treat built-in rules.
//!
//! Patterns are compiled once, when the configuration is read, with a size limit
//! ([`PATTERN_SIZE_LIMIT`]); the regex engine matches in time linear in the input, so a pattern
//! from a config file cannot hang a run. Case-insensitive matching uses the pattern's own flag:
//! `(?i)^com\.contoso\.`.
//!
//! Apple's Declarative Device Management declarations are not read yet: no policy sees them.
//!
//! Policies are added in code as in a config file:
//!
//! ```
//! use profilelint::config::Config;
//! use profilelint::policy::{KeyPath, Pattern, Policy};
//! use profilelint::{FileOrigin, Limits, LintSet, Linter, Severity};
//!
//! let mut config = Config::default();
//! let policy = Policy::new(
//!     "ACME001",
//!     "payload-identifier-prefix",
//!     "payload identifiers start with com.acme.",
//!     KeyPath::parse("PayloadIdentifier").unwrap(),
//! )
//! .with_matches(Pattern::new(r"^com\.acme\.").unwrap())
//! .with_severity(Severity::Warning)
//! .with_help("rename the payload: com.acme.<team>.<purpose>");
//! config.add_policy(policy).unwrap();
//!
//! let mut set = LintSet::new(Limits::default());
//! set.add_bytes("wifi.mobileconfig", br#"<?xml version="1.0" encoding="UTF-8"?>
//! <plist version="1.0"><dict>
//!   <key>PayloadIdentifier</key><string>com.example.wifi</string>
//!   <key>PayloadType</key><string>Configuration</string>
//!   <key>PayloadContent</key><array/>
//! </dict></plist>"#, FileOrigin::Named);
//! let report = Linter::new(config).check(&set);
//! let found: Vec<_> = report.diagnostics().iter().filter(|d| d.code() == "ACME001").collect();
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].severity, Severity::Warning);
//! assert_eq!(found[0].key_path(), Some("PayloadIdentifier"));
//! ```

mod key_path;

use std::path::PathBuf;

pub use key_path::{KeyPath, KeyPathError, Segment, Target};

use crate::diagnostic::Severity;
use crate::model::Platform;
use crate::span::Span;

/// The most memory a compiled pattern may take (the regex crate's `size_limit`, 4 MiB, under the
/// crate's default of 10 MiB); a larger one is refused when the configuration is read. Realistic
/// patterns such as `^[\w.-]{1,64}$` (Unicode `\w`) fit; `\w{100}` does not.
pub const PATTERN_SIZE_LIMIT: usize = 4 << 20;

/// The most memory the lazy DFA of one pattern may use while matching (`dfa_size_limit`); when
/// it is full the engine falls back to a slower one that is still linear in the input.
pub const PATTERN_DFA_SIZE_LIMIT: usize = 2 << 20;

/// Code prefixes that belong to the built-in rules and are refused for policies.
pub const RESERVED_PREFIXES: &[&str] = &["PL", "SSO"];

/// A compiled pattern with the text it was written as.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    regex: regex::Regex,
}

impl Pattern {
    /// Compiles `source` with the size limits ([`PATTERN_SIZE_LIMIT`], [`PATTERN_DFA_SIZE_LIMIT`]).
    /// The error is the regex crate's own message (a syntax error, or "exceeds size limit").
    ///
    /// ```
    /// use profilelint::policy::Pattern;
    /// assert!(Pattern::new(r"(?i)^com\.contoso\.").unwrap().is_match("COM.Contoso.sso"));
    /// assert!(Pattern::new(r"\w{1000}{1000}").unwrap_err().contains("size limit"));
    /// ```
    pub fn new(source: &str) -> Result<Pattern, String> {
        let regex = regex::RegexBuilder::new(source)
            .size_limit(PATTERN_SIZE_LIMIT)
            .dfa_size_limit(PATTERN_DFA_SIZE_LIMIT)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: source.to_owned(),
            regex,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern matches somewhere in `text` (anchor it with `^…$` for a whole match).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

/// What kind of source a value was read from, for `where.source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// A plist profile or payload file (`.mobileconfig`, signed or binary).
    Profile,
    /// A payload inside an Intune custom profile's base64 `payload`.
    Embedded,
    /// An Intune (Graph) object other than a Settings Catalog policy: Device Features, custom
    /// profiles, apps, enrollment profiles, …
    Intune,
    /// A Settings Catalog policy. `source = "intune"` takes these too.
    SettingsCatalog,
    /// A declarative-management declaration (a JSON file, or an item of a
    /// `com.apple.declarations` profile payload).
    Declaration,
}

impl SourceKind {
    /// Every kind with its config name.
    pub const ALL: [(SourceKind, &'static str); 5] = [
        (SourceKind::Profile, "profile"),
        (SourceKind::Embedded, "embedded"),
        (SourceKind::Intune, "intune"),
        (SourceKind::SettingsCatalog, "settings-catalog"),
        (SourceKind::Declaration, "declaration"),
    ];

    /// Parses a config name.
    pub fn parse(name: &str) -> Option<SourceKind> {
        Self::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(k, _)| *k)
    }

    /// The config name.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }

    /// Whether a filter naming `self` takes a value read from `actual`.
    pub fn takes(self, actual: SourceKind) -> bool {
        self == actual || (self == SourceKind::Intune && actual == SourceKind::SettingsCatalog)
    }
}

/// A path glob of `where.path`, compiled once.
#[derive(Debug, Clone)]
pub struct PathGlob {
    glob: globset::Glob,
    matcher: globset::GlobMatcher,
}

impl PathGlob {
    /// Compiles a glob (`**` crosses folders; `/` separates them).
    pub fn new(glob: &str) -> Result<PathGlob, String> {
        let glob = globset::GlobBuilder::new(glob)
            .literal_separator(false)
            .build()
            .map_err(|e| e.to_string())?;
        let matcher = glob.compile_matcher();
        Ok(PathGlob { glob, matcher })
    }

    /// The glob as written.
    pub fn as_str(&self) -> &str {
        self.glob.glob()
    }

    /// Whether the glob matches a display path (a leading `./` is ignored).
    pub fn is_match(&self, path: &str) -> bool {
        self.matcher.is_match(path.strip_prefix("./").unwrap_or(path))
    }
}

impl PartialEq for PathGlob {
    fn eq(&self, other: &Self) -> bool {
        self.glob == other.glob
    }
}

impl Eq for PathGlob {}

/// Where a policy applies (`where = { … }`); an empty list puts no condition. Every non-empty
/// list must hold for a value to be checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `payload-type`: the `PayloadType` of the payload (SSO payloads of every source are
    /// `com.apple.extensiblesso`; a profile's top level is `Configuration`). Intune objects have
    /// none, so a policy with a payload type never looks at them.
    pub payload_types: Vec<String>,
    /// `platform`: the payload's inferred platform (as the built-in rules see it) or the Intune
    /// object's. A value whose platform is unknown is not taken.
    pub platforms: Vec<Platform>,
    /// `source`: what kind of input the value was read from.
    pub sources: Vec<SourceKind>,
    /// `path`: globs over the file's path as shown in output, or relative to the config file's
    /// folder (as `[[ignore]] path` globs).
    pub paths: Vec<PathGlob>,
}

impl Filter {
    /// Whether the filter puts no condition.
    pub fn is_empty(&self) -> bool {
        self.payload_types.is_empty() && self.platforms.is_empty() && self.sources.is_empty() && self.paths.is_empty()
    }
}

/// Where a policy was defined: the config file and the `[[policy]]` table's span in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The config file.
    pub path: PathBuf,
    /// The 1-based line of the `[[policy]]` header.
    pub line: usize,
    /// The table's span in the file's text.
    pub span: Span,
}

/// One organization policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The code (`CONTOSO001`): letters then digits, not starting with a built-in prefix.
    pub code: String,
    /// The kebab-case name (`payload-identifier-prefix`).
    pub name: String,
    /// The default severity (`warning` unless set).
    pub severity: Severity,
    /// What the policy requires, one sentence: the finding's message and the SARIF short
    /// description.
    pub message: String,
    /// How to comply, shown as the finding's help.
    pub help: Option<String>,
    /// What to look at.
    pub key: KeyPath,
    /// Each value must match this.
    pub matches: Option<Pattern>,
    /// No value may match this.
    pub not_matches: Option<Pattern>,
    /// The key must be present where the policy applies (may go with patterns).
    pub required: bool,
    /// The key must not be present (goes with no other condition).
    pub forbidden: bool,
    /// Where the policy applies.
    pub filter: Filter,
    /// The config file that defined it (`None` when added in code).
    pub defined_in: Option<Definition>,
}

impl Policy {
    /// A policy with no condition yet (add one with [`Policy::with_matches`],
    /// [`Policy::with_not_matches`], [`Policy::required`] or [`Policy::forbidden`]), severity
    /// `warning`, no filter.
    pub fn new(code: impl Into<String>, name: impl Into<String>, message: impl Into<String>, key: KeyPath) -> Self {
        Policy {
            code: code.into(),
            name: name.into(),
            severity: Severity::Warning,
            message: message.into(),
            help: None,
            key,
            matches: None,
            not_matches: None,
            required: false,
            forbidden: false,
            filter: Filter::default(),
            defined_in: None,
        }
    }

    /// Each value must match `pattern`.
    pub fn with_matches(mut self, pattern: Pattern) -> Self {
        self.matches = Some(pattern);
        self
    }

    /// No value may match `pattern`.
    pub fn with_not_matches(mut self, pattern: Pattern) -> Self {
        self.not_matches = Some(pattern);
        self
    }

    /// The key must be present.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The key must not be present.
    pub fn forbidden(mut self) -> Self {
        self.forbidden = true;
        self
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets where the policy applies.
    pub fn with_filter(mut self, filter: Filter) -> Self {
        self.filter = filter;
        self
    }

    /// Whether a selector (code, name, code prefix, `ALL`) names this policy, as selectors name
    /// built-in rules.
    pub fn is_named_by(&self, selector: &str) -> bool {
        crate::suppress::selector_matches_rule(selector, &self.code, &self.name)
    }

    /// Checks the policy on its own and against the built-in rules and `others` (the policies
    /// already accepted): code and name form, collisions, at least one condition, conditions
    /// that can hold together, and a key path a pattern can match.
    pub fn validate<'a>(&self, others: impl IntoIterator<Item = &'a Policy>) -> Result<(), PolicyError> {
        let code = &self.code;
        let letters = code.chars().take_while(|c| c.is_ascii_uppercase()).count();
        let digits = code.get(letters..).unwrap_or_default();
        if letters < 2 || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PolicyError::Code(format!(
                "code `{code}` must be upper-case letters then digits, e.g. `CONTOSO001`"
            )));
        }
        if let Some(prefix) = RESERVED_PREFIXES.iter().find(|p| code.starts_with(*p)) {
            return Err(PolicyError::Code(format!(
                "code `{code}` starts with `{prefix}`, a prefix of the built-in rules; choose your organization's own (e.g. `CONTOSO001`)"
            )));
        }
        let name = &self.name;
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            || name.starts_with('-')
            || name.ends_with('-')
        {
            return Err(PolicyError::Name(format!(
                "name `{name}` must be kebab-case (lower-case letters, digits and `-`)"
            )));
        }
        if let Some(rule) = crate::contract::lookup::by_name(name) {
            return Err(PolicyError::Name(format!(
                "name `{name}` is already the name of the built-in rule {}",
                rule.code
            )));
        }
        for other in others {
            if other.code.eq_ignore_ascii_case(code) {
                return Err(PolicyError::Code(format!(
                    "code `{code}` is already used by another policy"
                )));
            }
            if other.name.eq_ignore_ascii_case(name) {
                return Err(PolicyError::Name(format!(
                    "name `{name}` is already used by policy {}",
                    other.code
                )));
            }
        }
        if self.matches.is_none() && self.not_matches.is_none() && !self.required && !self.forbidden {
            return Err(PolicyError::Condition(
                "no condition: give `matches`, `not-matches`, `required = true` or `forbidden = true`".into(),
            ));
        }
        if self.required && self.forbidden {
            return Err(PolicyError::Condition(
                "`required` and `forbidden` cannot both be true".into(),
            ));
        }
        if self.forbidden && (self.matches.is_some() || self.not_matches.is_some()) {
            return Err(PolicyError::Condition(
                "`forbidden` reports every value, so a pattern beside it would never be used: keep one of them".into(),
            ));
        }
        if (self.matches.is_some() || self.not_matches.is_some()) && !self.key.names_scalar() {
            let hint = match self.key.segments() {
                [only] if matches!(only.key.as_str(), "URLs" | "Hosts" | "bundle-ids" | "assignments") => {
                    format!("; write `{}[]` for each element", only.key)
                }
                _ => "; name a key inside it".to_owned(),
            };
            return Err(PolicyError::Key(format!(
                "key `{}` names a list or dict, which a pattern cannot match{hint}",
                self.key
            )));
        }
        let target = self.key.target();
        let readable = target.sources();
        if !self.filter.sources.is_empty()
            && !self
                .filter
                .sources
                .iter()
                .any(|wanted| readable.iter().any(|actual| wanted.takes(*actual)))
        {
            let names: Vec<&str> = self.filter.sources.iter().map(|s| s.name()).collect();
            return Err(PolicyError::Key(format!(
                "key `{}` is read from {}, which `where.source` ({}) excludes",
                self.key,
                target.describe(),
                names.join(", ")
            )));
        }
        if !self.filter.payload_types.is_empty() && matches!(target, Target::Intune | Target::Assignments) {
            return Err(PolicyError::Key(format!(
                "key `{}` is read from Intune objects, which have no payload type: `where.payload-type` would exclude everything",
                self.key
            )));
        }
        Ok(())
    }
}

/// Why a policy was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The code is malformed or collides.
    #[error("{0}")]
    Code(String),
    /// The name is malformed or collides.
    #[error("{0}")]
    Name(String),
    /// No condition, or contradictory ones.
    #[error("{0}")]
    Condition(String),
    /// The key path cannot name what the conditions need.
    #[error("{0}")]
    Key(String),
}
