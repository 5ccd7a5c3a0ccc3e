//! The key-path language of `[[policy]] key` (see [`KeyPath`]).

use std::fmt;

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The key.
    pub key: String,
    /// Whether the segment ends with `[]`: every element of the array under `key`.
    pub each: bool,
}

/// The first segments that name a field of the SSO payload model.
pub const SSO_FIELDS: &[&str] = &[
    "ExtensionIdentifier",
    "TeamIdentifier",
    "Type",
    "Realm",
    "URLs",
    "Hosts",
    "ExtensionData",
    "bundle-ids",
    "PlatformSSO",
];

/// Where a key path is looked for (decided by its first segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A field of every SSO payload of the model, whatever its source.
    Sso,
    /// The assignments of every Intune object.
    Assignments,
    /// The raw plist: each profile's top-level dict and each payload dict.
    Plist,
    /// The raw JSON of each Intune object.
    Intune,
}

impl Target {
    /// The kinds of source whose values this target reads.
    pub fn sources(self) -> &'static [super::SourceKind] {
        use super::SourceKind::{Declaration, Embedded, Intune, Profile, SettingsCatalog};
        match self {
            Target::Sso => &[Profile, Embedded, Intune, SettingsCatalog, Declaration],
            Target::Assignments | Target::Intune => &[Intune, SettingsCatalog],
            Target::Plist => &[Profile, Embedded],
        }
    }

    /// What the target is called in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Target::Sso => "each SSO payload",
            Target::Assignments => "each assignment of an Intune object",
            Target::Plist => "each profile and payload dict of a plist",
            Target::Intune => "each Intune object",
        }
    }
}

/// A parsed key path: the key-path language of `[[policy]] key`.
///
/// A key path is a dot-separated list of segments; a segment is a key, optionally followed by
/// `[]` ("every element of this array"):
///
/// ```text
/// path    = segment *( "." segment )
/// segment = key [ "[]" ]
/// key     = bare / quoted
/// bare    = 1*( any character except . [ ] " and white space )
/// quoted  = '"' 1*( any character except " ) '"'      ; for keys holding a dot
/// ```
///
/// Where a path is looked for depends on its first segment (see [`Target`]):
///
/// - **SSO fields** — `ExtensionIdentifier`, `TeamIdentifier`, `Type`, `Realm`, `URLs[]`,
///   `Hosts[]`, `ExtensionData.<key>`, `bundle-ids[]` and `PlatformSSO.<key>` — are read from the
///   document model's SSO payloads, so one policy covers a `.mobileconfig` payload, an Intune
///   Device Features object, a Settings Catalog policy and the payload embedded in an Intune
///   custom profile alike (`URLs[]` is `URLs` in a plist, `urlPrefixes` in Device Features and the
///   `…_urls` setting in the Settings Catalog). `bundle-ids[]` is every bundle id of every bundle
///   list of the payload (`AppAllowList`, `AppPrefixAllowList`, `AppBlockList`,
///   `AppCookieSSOAllowList`, `bundleIdAccessControlList`, `DeniedBundleIdentifiers`), comma
///   lists split.
/// - **`assignments[]`** is every assignment of an Intune object, inline or linked from an
///   assignments file; the rest of the path is read inside the assignment object
///   (`assignments[].target.groupId`, `assignments[].target.groupName`).
/// - **Any other key starting with an upper-case letter** is an Apple key, read from the raw
///   plist: on the top-level dict of each profile and on each payload dict (`PayloadIdentifier`,
///   `PayloadDisplayName`, `PayloadContent[].PayloadType`, …).
/// - **Any other key** (starting with a lower-case letter, as Graph properties do) is read from
///   each Intune object's JSON (`displayName`, `description`, `roleScopeTagIds[]`, …).
///   `displayName` also reads a Settings Catalog policy's `name`, which is its display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPath {
    source: String,
    segments: Vec<Segment>,
}

/// Why a key path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPathError {
    /// What is wrong, one sentence.
    pub message: String,
}

impl fmt::Display for KeyPathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for KeyPathError {}

fn error(message: impl Into<String>) -> KeyPathError {
    KeyPathError {
        message: message.into(),
    }
}

impl KeyPath {
    /// Parses and checks a key path: its syntax, and that it can name a value at all (a field
    /// the SSO model has, `[]` only where there is a list).
    ///
    /// ```
    /// use profilelint::policy::{KeyPath, Target};
    /// let path = KeyPath::parse("ExtensionData.AppPrefixAllowList").unwrap();
    /// assert_eq!(path.target(), Target::Sso);
    /// assert_eq!(KeyPath::parse("displayName").unwrap().target(), Target::Intune);
    /// assert!(KeyPath::parse("URLs[0]").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<KeyPath, KeyPathError> {
        let segments = parse_segments(text)?;
        let path = KeyPath {
            source: text.to_owned(),
            segments,
        };
        path.check_shape()?;
        Ok(path)
    }

    /// The path as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The segments.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Where the path is looked for.
    pub fn target(&self) -> Target {
        let Some(first) = self.segments.first() else {
            return Target::Intune;
        };
        if SSO_FIELDS.contains(&first.key.as_str()) {
            Target::Sso
        } else if first.key == "assignments" {
            Target::Assignments
        } else if first.key.starts_with(|c: char| c.is_uppercase()) {
            Target::Plist
        } else {
            Target::Intune
        }
    }

    /// Whether the path can name a scalar (something a pattern can match): it does not end on a
    /// container the model knows to be a list or a dict.
    pub fn names_scalar(&self) -> bool {
        let Some(last) = self.segments.last() else {
            return false;
        };
        match (self.target(), self.segments.len()) {
            (Target::Sso, 1) => match last.key.as_str() {
                "URLs" | "Hosts" | "bundle-ids" => last.each,
                "ExtensionData" | "PlatformSSO" => false,
                _ => true,
            },
            (Target::Assignments, 1) => false,
            _ => true,
        }
    }

    fn check_shape(&self) -> Result<(), KeyPathError> {
        let Some(first) = self.segments.first() else {
            return Err(error("the key path is empty"));
        };
        let rest = self.segments.get(1..).unwrap_or_default();
        match self.target() {
            Target::Sso => match first.key.as_str() {
                "ExtensionIdentifier" | "TeamIdentifier" | "Type" | "Realm" => {
                    if first.each {
                        return Err(error(format!(
                            "`{}` is a single string, not a list: remove `[]`",
                            first.key
                        )));
                    }
                    if !rest.is_empty() {
                        return Err(error(format!("`{}` is a string: nothing lies below it", first.key)));
                    }
                }
                "URLs" | "Hosts" | "bundle-ids" => {
                    if !rest.is_empty() {
                        return Err(error(format!("`{}[]` are strings: nothing lies below them", first.key)));
                    }
                }
                _ => {
                    // ExtensionData, PlatformSSO: dicts.
                    if first.each {
                        return Err(error(format!("`{}` is a dict, not a list: remove `[]`", first.key)));
                    }
                }
            },
            Target::Assignments => {
                if !first.each {
                    return Err(error("`assignments` is a list: write `assignments[]` and the key inside each, e.g. `assignments[].target.groupId`"));
                }
            }
            Target::Plist | Target::Intune => {}
        }
        Ok(())
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

fn parse_segments(text: &str) -> Result<Vec<Segment>, KeyPathError> {
    let mut segments = Vec::new();
    let mut chars = text.char_indices().peekable();
    loop {
        // A key: quoted or bare.
        let mut key = String::new();
        match chars.peek().copied() {
            None => {
                return Err(if segments.is_empty() {
                    error("the key path is empty")
                } else {
                    error(format!("`{text}` ends with `.`: a key must follow"))
                })
            }
            Some((_, '"')) => {
                chars.next();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '"' {
                        closed = true;
                        break;
                    }
                    key.push(c);
                }
                if !closed {
                    return Err(error(format!("`{text}`: a quoted key is not closed")));
                }
                if key.is_empty() {
                    return Err(error(format!("`{text}`: a quoted key is empty")));
                }
            }
            Some(_) => {
                while let Some(&(_, c)) = chars.peek() {
                    if matches!(c, '.' | '[' | ']' | '"') || c.is_whitespace() {
                        break;
                    }
                    key.push(c);
                    chars.next();
                }
                if key.is_empty() {
                    return Err(match chars.peek() {
                        Some((_, '.')) => error(format!("`{text}` has an empty segment (`..` or a leading `.`)")),
                        Some((_, '[')) => error(format!("`{text}`: `[]` must follow a key")),
                        Some((_, c)) if c.is_whitespace() => {
                            error(format!("`{text}` holds white space: quote a key that has some (\"…\")"))
                        }
                        Some((_, c)) => error(format!("`{text}`: unexpected `{c}`")),
                        None => error("the key path is empty"),
                    });
                }
            }
        }
        // An optional `[]`.
        let mut each = false;
        if let Some(&(_, '[')) = chars.peek() {
            chars.next();
            match chars.next() {
                Some((_, ']')) => each = true,
                Some((_, c)) if c.is_ascii_digit() || c == '*' => {
                    return Err(error(format!(
                        "`{text}`: write `{key}[]` for every element; indexes are not supported"
                    )))
                }
                _ => return Err(error(format!("`{text}`: `[` must be followed by `]`"))),
            }
        }
        segments.push(Segment { key, each });
        match chars.next() {
            None => return Ok(segments),
            Some((_, '.')) => {}
            Some((_, c)) if c.is_whitespace() => {
                return Err(error(format!(
                    "`{text}` holds white space: quote a key that has some (\"…\")"
                )))
            }
            Some((_, c)) => {
                let after = segments.last().map_or("", |s: &Segment| s.key.as_str());
                return Err(error(format!("`{text}`: unexpected `{c}` after `{after}`")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(text: &str) -> Vec<(String, bool)> {
        KeyPath::parse(text)
            .unwrap()
            .segments()
            .iter()
            .map(|s| (s.key.clone(), s.each))
            .collect()
    }

    fn err(text: &str) -> String {
        KeyPath::parse(text).unwrap_err().message
    }

    #[test]
    fn parses_segments_and_lists() {
        assert_eq!(segs("PayloadIdentifier"), [("PayloadIdentifier".into(), false)]);
        assert_eq!(
            segs("ExtensionData.AppPrefixAllowList"),
            [("ExtensionData".into(), false), ("AppPrefixAllowList".into(), false)]
        );
        assert_eq!(segs("URLs[]"), [("URLs".into(), true)]);
        assert_eq!(
            segs("PayloadContent[].PayloadType"),
            [("PayloadContent".into(), true), ("PayloadType".into(), false)]
        );
        assert_eq!(
            segs("assignments[].target.groupId"),
            [
                ("assignments".into(), true),
                ("target".into(), false),
                ("groupId".into(), false)
            ]
        );
        assert_eq!(
            segs(r#"PayloadContent[]."com.example.key""#),
            [("PayloadContent".into(), true), ("com.example.key".into(), false)]
        );
        assert_eq!(segs("bundle-ids[]"), [("bundle-ids".into(), true)]);
    }

    #[test]
    fn targets_follow_the_first_segment() {
        let target = |t: &str| KeyPath::parse(t).unwrap().target();
        assert_eq!(target("URLs[]"), Target::Sso);
        assert_eq!(target("ExtensionData.device_registration"), Target::Sso);
        assert_eq!(target("PlatformSSO.AuthenticationMethod"), Target::Sso);
        assert_eq!(target("bundle-ids[]"), Target::Sso);
        assert_eq!(target("assignments[].target.groupId"), Target::Assignments);
        assert_eq!(target("PayloadIdentifier"), Target::Plist);
        assert_eq!(target("PayloadContent[].PayloadUUID"), Target::Plist);
        assert_eq!(target("displayName"), Target::Intune);
        assert_eq!(target("roleScopeTagIds[]"), Target::Intune);
    }

    #[test]
    fn scalars_and_containers() {
        let scalar = |t: &str| KeyPath::parse(t).unwrap().names_scalar();
        assert!(scalar("URLs[]"));
        assert!(!scalar("URLs"));
        assert!(!scalar("bundle-ids"));
        assert!(!scalar("ExtensionData"));
        assert!(scalar("ExtensionData.browser_sso_interaction_enabled"));
        assert!(!scalar("PlatformSSO"));
        assert!(scalar("PlatformSSO.AuthenticationMethod"));
        assert!(scalar("ExtensionIdentifier"));
        assert!(scalar("displayName"));
    }

    #[test]
    fn refuses_what_cannot_name_a_value() {
        assert!(err("").contains("empty"));
        assert!(err("a..b").contains("empty segment"));
        assert!(err(".a").contains("empty segment"));
        assert!(err("a.").contains("ends with `.`"));
        assert!(err("URLs[0]").contains("indexes are not supported"));
        assert!(err("URLs[*]").contains("indexes are not supported"));
        assert!(err("URLs[").contains("must be followed by `]`"));
        assert!(err("[]").contains("must follow a key"));
        assert!(err("URLs[]x").contains("unexpected `x`"));
        assert!(err("Payload Identifier").contains("white space"));
        assert!(err("\"open").contains("not closed"));
        assert!(err("ExtensionIdentifier[]").contains("not a list"));
        assert!(err("ExtensionIdentifier.x").contains("nothing lies below"));
        assert!(err("URLs[].host").contains("nothing lies below"));
        assert!(err("ExtensionData[]").contains("is a dict"));
        assert!(err("assignments.target").contains("assignments[]"));
    }
}
