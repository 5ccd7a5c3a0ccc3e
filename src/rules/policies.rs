//! Evaluating policies over the model and the documents' trees.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

use super::Context;
use crate::diagnostic::{Diagnostic, Location, RuleRef};
use crate::document::DocId;
use crate::lint_set::normalize_path;
use crate::model::{ExtensionValue, IntuneObjectKind, Origin, Platform, SsoPayload};
use crate::span::Span;
use crate::syntax::{NodeId, Tree, Value};

use crate::policy::{Policy, Segment, SourceKind, Target};

/// The payload type of every SSO payload, whatever its source.
const SSO_PAYLOAD_TYPE: &str = "com.apple.extensiblesso";

/// The longest value quoted in full in a label.
const LABEL_VALUE_MAX: usize = 80;

/// Something a policy applies to: an SSO payload, a plist dict, an Intune object.
///
/// A plist dict's platform is that of the SSO payload read from it, else the configured one
/// (only worked out when the policy filters by platform).
struct Subject<'a> {
    doc: DocId,
    node: NodeId,
    source: SourceKind,
    platform: Platform,
    payload_type: Option<&'a str>,
}

impl Subject<'_> {
    /// An Intune object as the subject of a policy.
    fn object(object: &crate::model::IntuneObject) -> Self {
        Subject {
            doc: object.doc,
            node: object.node,
            source: intune_source(object.kind),
            platform: object.platform,
            payload_type: None,
        }
    }
}

/// A value the key path found: where, and its text when it is a scalar.
struct Hit<'a> {
    location: Location,
    text: Option<Cow<'a, str>>,
}

/// `PlatformSSO.<key>` of a Settings Catalog policy, from the Platform SSO settings of the model
/// (its choices named as in a profile: `UserSecureEnclaveKey`, `true`).
fn catalog_psso_hits<'a>(cx: &Context<'_>, payload: &'a SsoPayload, rest: &[Segment]) -> Vec<Hit<'a>> {
    let Some(psso) = &payload.psso else {
        return Vec::new();
    };
    let keys: Vec<&str> = rest.iter().map(|s| s.key.as_str()).collect();
    let string = |s: &'a Option<crate::model::Spanned<String>>| {
        s.iter()
            .map(|v| Hit {
                location: cx.at(v),
                text: Some(Cow::Borrowed(v.value.as_str())),
            })
            .collect::<Vec<_>>()
    };
    let flag = |b: &Option<crate::model::Spanned<bool>>| {
        b.iter()
            .map(|v| Hit {
                location: cx.at(v),
                text: Some(Cow::Borrowed(if v.value { "true" } else { "false" })),
            })
            .collect::<Vec<_>>()
    };
    match keys.as_slice() {
        ["AuthenticationMethod"] => string(&psso.method),
        ["AccountDisplayName"] => string(&psso.account_display_name),
        ["UserAuthorizationMode"] => string(&psso.user_authorization_mode),
        ["NewUserAuthorizationMode"] => string(&psso.new_user_authorization_mode),
        ["TokenToUserMapping", "AccountName"] => string(&psso.account_name),
        ["TokenToUserMapping", "FullName"] => string(&psso.full_name),
        ["UseSharedDeviceKeys"] => flag(&psso.use_shared_device_keys),
        ["EnableAuthorization"] => flag(&psso.enable_authorization),
        ["EnableCreateUserAtLogin"] => flag(&psso.enable_create_user_at_login),
        ["EnableCreateFirstUserDuringSetup"] => flag(&psso.enable_create_first_user_during_setup),
        ["EnableRegistrationDuringSetup"] => flag(&psso.enable_registration_during_setup),
        _ => Vec::new(),
    }
}

/// Runs `policies` over the lint set of `cx`, pushing their findings; `places` says where the
/// config file's folder is.
pub(crate) fn check(cx: &Context<'_>, policies: &[&Policy], places: &Places, out: &mut Vec<Diagnostic>) {
    // The platform of each plist dict an SSO payload was read from, built on first need.
    let mut sso_platforms: Option<HashMap<(DocId, NodeId), Platform>> = None;
    for policy in policies {
        // Made once: the policy's findings share its code and name.
        let rule = RuleRef::Policy {
            code: policy.code.as_str().into(),
            name: policy.name.as_str().into(),
        };
        match policy.key.target() {
            Target::Sso => {
                for payload in &cx.model.sso_payloads {
                    let subject = Subject {
                        doc: payload.doc,
                        node: payload.node,
                        source: match payload.origin {
                            Origin::Mobileconfig => SourceKind::Profile,
                            Origin::DeviceFeatures => SourceKind::Intune,
                            Origin::SettingsCatalog => SourceKind::SettingsCatalog,
                            Origin::CustomProfile => SourceKind::Embedded,
                            Origin::Declaration => SourceKind::Declaration,
                        },
                        platform: payload.platform,
                        payload_type: Some(SSO_PAYLOAD_TYPE),
                    };
                    if applies(cx, places, policy, &subject) {
                        let hits = sso_hits(cx, payload, policy.key.segments());
                        judge(cx, policy, &rule, &subject, hits, out);
                    }
                }
            }
            Target::Assignments => {
                let rest = policy.key.segments().get(1..).unwrap_or_default();
                for object in &cx.model.objects {
                    let Some(assignments) = &object.assignments else {
                        continue;
                    };
                    let subject = Subject::object(object);
                    if !applies(cx, places, policy, &subject) {
                        continue;
                    }
                    let mut hits = Vec::new();
                    for a in assignments {
                        if let Some(doc) = cx.doc(a.doc) {
                            hits.extend(raw_hits(cx, a.doc, &doc.tree, a.node, rest));
                        }
                    }
                    judge(cx, policy, &rule, &subject, hits, out);
                }
            }
            Target::Plist => {
                for profile in &cx.model.profiles {
                    let Some(doc) = cx.doc(profile.doc) else { continue };
                    let top = profile.is_profile.then_some(profile.root);
                    for node in top.into_iter().chain(profile.payloads.iter().copied()) {
                        let subject = Subject {
                            doc: profile.doc,
                            node,
                            source: if doc.embedding.is_some() {
                                SourceKind::Embedded
                            } else {
                                SourceKind::Profile
                            },
                            platform: if policy.filter.platforms.is_empty() {
                                Platform::Unknown
                            } else {
                                let known = sso_platforms.get_or_insert_with(|| {
                                    cx.model
                                        .sso_payloads
                                        .iter()
                                        .map(|p| ((p.doc, p.node), p.platform))
                                        .collect()
                                });
                                known
                                    .get(&(profile.doc, node))
                                    .copied()
                                    .or(cx.config.platform)
                                    .unwrap_or(Platform::Unknown)
                            },
                            payload_type: doc.tree.str_key(node, "PayloadType"),
                        };
                        if applies(cx, places, policy, &subject) {
                            let hits = raw_hits(cx, profile.doc, &doc.tree, node, policy.key.segments());
                            judge(cx, policy, &rule, &subject, hits, out);
                        }
                    }
                }
            }
            Target::Intune => {
                for object in &cx.model.objects {
                    let Some(doc) = cx.doc(object.doc) else { continue };
                    let subject = Subject::object(object);
                    if !applies(cx, places, policy, &subject) {
                        continue;
                    }
                    let segments = policy.key.segments();
                    let mut hits = raw_hits(cx, object.doc, &doc.tree, object.node, segments);
                    // A Settings Catalog policy's display name is its `name`.
                    if hits.is_empty() && object.kind == IntuneObjectKind::SettingsCatalog {
                        if let [first, rest @ ..] = segments {
                            if first.key == "displayName" {
                                let alias = [Segment {
                                    key: "name".into(),
                                    each: first.each,
                                }];
                                let path: Vec<Segment> = alias.into_iter().chain(rest.iter().cloned()).collect();
                                hits = raw_hits(cx, object.doc, &doc.tree, object.node, &path);
                            }
                        }
                    }
                    judge(cx, policy, &rule, &subject, hits, out);
                }
            }
        }
    }
}

fn intune_source(kind: IntuneObjectKind) -> SourceKind {
    if kind == IntuneObjectKind::SettingsCatalog {
        SourceKind::SettingsCatalog
    } else {
        SourceKind::Intune
    }
}

/// What `where.path` globs are matched against besides the path as shown: the path relative
/// to the config file's folder (as `[[ignore]] path` globs are). Made once per linter, with the
/// folders its `[[ignore]]` paths use.
#[derive(Debug, Clone, Default)]
pub(crate) struct Places {
    /// The current folder and the config file's folder, absolute and normalised; `None` when
    /// either is unknown (the config came from no file).
    dirs: Option<(PathBuf, PathBuf)>,
}

impl Places {
    /// The places relative to the current folder `cwd` and the config file's folder `base`
    /// (absolute and normalised).
    pub(crate) fn new(cwd: Option<&std::path::Path>, base: Option<&std::path::Path>) -> Self {
        Places {
            dirs: cwd.zip(base).map(|(c, b)| (c.to_path_buf(), b.to_path_buf())),
        }
    }

    /// The display path relative to the config file's folder, if it lies below it.
    fn relative(&self, path: &str) -> Option<String> {
        let (cwd, base) = self.dirs.as_ref()?;
        let absolute = normalize_path(&cwd.join(path));
        let rel = absolute.strip_prefix(base).ok()?;
        Some(crate::lint_set::display_path(rel))
    }
}

/// Whether the policy's `where` takes this subject.
fn applies(cx: &Context<'_>, places: &Places, policy: &Policy, subject: &Subject<'_>) -> bool {
    let filter = &policy.filter;
    if !filter.sources.is_empty() && !filter.sources.iter().any(|s| s.takes(subject.source)) {
        return false;
    }
    if !filter.platforms.is_empty() && !filter.platforms.contains(&subject.platform) {
        return false;
    }
    if !filter.payload_types.is_empty()
        && !subject
            .payload_type
            .is_some_and(|t| filter.payload_types.iter().any(|f| f == t))
    {
        return false;
    }
    if !filter.paths.is_empty() {
        let Some(doc) = cx.doc(subject.doc) else { return false };
        let relative = places.relative(&doc.path);
        let matches =
            |g: &crate::policy::PathGlob| g.is_match(&doc.path) || relative.as_deref().is_some_and(|r| g.is_match(r));
        if !filter.paths.iter().any(matches) {
            return false;
        }
    }
    true
}

/// Applies the conditions to what the key path found on one subject.
fn judge(
    cx: &Context<'_>,
    policy: &Policy,
    rule: &RuleRef,
    subject: &Subject<'_>,
    hits: Vec<Hit<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    let report = |location: Location, label: String| {
        let mut d = Diagnostic::of(rule.clone(), policy.severity, policy.message.clone(), location).with_label(label);
        if let Some(help) = &policy.help {
            d = d.with_help(help.clone());
        }
        d
    };
    let key = policy.key.as_str();
    if policy.required && hits.is_empty() {
        let location = cx.at_span(subject.doc, subject.node, head_span(cx, subject.doc, subject.node));
        out.push(report(location, format!("`{key}` is missing here")));
    }
    // At most one finding per value: forbidden, else a failed `matches`, else `not-matches`.
    for hit in hits {
        let text = hit.text.as_deref();
        let label = if policy.forbidden {
            Some(match text {
                Some(text) => format!("`{key}` is set here (to `{}`)", shorten(text)),
                None => format!("`{key}` is set here"),
            })
        } else {
            let mismatch = policy
                .matches
                .as_ref()
                .zip(text)
                .filter(|(pattern, text)| !pattern.is_match(text))
                .map(|(pattern, text)| format!("`{}` does not match `{}`", shorten(text), pattern.as_str()));
            mismatch.or_else(|| {
                policy
                    .not_matches
                    .as_ref()
                    .zip(text)
                    .filter(|(pattern, text)| pattern.is_match(text))
                    .map(|(pattern, text)| format!("`{}` matches `{}`", shorten(text), pattern.as_str()))
            })
        };
        if let Some(label) = label {
            out.push(report(hit.location, label));
        }
    }
}

/// A value for a label: whole up to [`LABEL_VALUE_MAX`] characters, else cut with `…`.
fn shorten(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(LABEL_VALUE_MAX) {
        Some((cut, _)) => Cow::Owned(format!("{}…", text.get(..cut).unwrap_or(text))),
        None => Cow::Borrowed(text),
    }
}

/// What a label should underline for a container: its opening (`<dict>`, `{`) so the label
/// stays on one line; the whole token for a scalar.
fn head_span(cx: &Context<'_>, doc: DocId, node: NodeId) -> Option<Span> {
    let document = cx.doc(doc)?;
    let n = document.tree.get(node)?;
    let span = n.span()?;
    if !matches!(n.value, Value::Dict(_) | Value::Array(_)) {
        return Some(span);
    }
    let text = document.slice(span)?;
    let end = match text.chars().next() {
        Some('<') => text.find('>').map_or(span.end, |i| span.start + i + 1),
        Some(c) => span.start + c.len_utf8(),
        None => span.end,
    };
    Some(Span::new(span.start, end))
}

/// The span of a bundle id without the white space around it in a comma list.
fn trimmed_span(item: &crate::model::BundleItem) -> Option<Span> {
    let span = item.span?;
    if span.len() != item.raw.len() {
        return Some(span);
    }
    let lead = item.raw.len() - item.raw.trim_start().len();
    let trail = item.raw.len() - item.raw.trim_end().len();
    if lead + trail >= span.len() {
        return Some(span);
    }
    Some(Span::new(span.start + lead, span.end - trail))
}

/// The text a pattern is matched against: strings and dates as written, numbers and booleans
/// in their usual spelling; `None` for containers, data and null.
fn scalar_text(tree: &Tree, node: NodeId) -> Option<Cow<'_, str>> {
    match tree.value(node)? {
        Value::String(s) | Value::Date(s) => Some(Cow::Borrowed(s.as_str())),
        Value::Integer(i) => Some(Cow::Owned(i.to_string())),
        Value::Real(r) => Some(Cow::Owned(r.to_string())),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        Value::Dict(_) | Value::Array(_) | Value::Data(_) | Value::Null => None,
    }
}

/// The nodes `segments` reach from `start`: every entry with the key (duplicates included),
/// and with `[]` every element of an array value. Iterative; each step only goes down the tree.
fn walk(tree: &Tree, start: NodeId, segments: &[Segment]) -> Vec<NodeId> {
    let mut frontier = vec![start];
    for segment in segments {
        let mut next = Vec::new();
        for node in frontier {
            for entry in tree.entries(node).iter().filter(|e| e.key == segment.key.as_str()) {
                if segment.each {
                    next.extend_from_slice(tree.elements(entry.value));
                } else {
                    next.push(entry.value);
                }
            }
        }
        frontier = next;
        if frontier.is_empty() {
            break;
        }
    }
    frontier
}

/// The raw values `segments` reach from `start` in `tree`.
fn raw_hits<'a>(cx: &Context<'_>, doc: DocId, tree: &'a Tree, start: NodeId, segments: &[Segment]) -> Vec<Hit<'a>> {
    walk(tree, start, segments)
        .into_iter()
        .map(|node| Hit {
            location: cx.at_node(doc, node),
            text: scalar_text(tree, node),
        })
        .collect()
}

/// The values an SSO key path names on one payload, read from the model.
fn sso_hits<'a>(cx: &Context<'a>, payload: &'a SsoPayload, segments: &[Segment]) -> Vec<Hit<'a>> {
    let Some((first, rest)) = segments.split_first() else {
        return Vec::new();
    };
    let spanned = |s: &'a crate::model::Spanned<String>| Hit {
        location: cx.at(s),
        text: Some(Cow::Borrowed(s.value.as_str())),
    };
    let presence = |node: Option<NodeId>| -> Vec<Hit<'a>> {
        node.map(|n| Hit {
            location: cx.at_span(payload.doc, n, head_span(cx, payload.doc, n)),
            text: None,
        })
        .into_iter()
        .collect()
    };
    let tree = cx.doc(payload.doc).map(|d| &d.tree);
    match first.key.as_str() {
        "ExtensionIdentifier" => payload.extension_identifier.iter().map(spanned).collect(),
        "TeamIdentifier" => payload.team_identifier.iter().map(spanned).collect(),
        "Type" => payload.sso_type.iter().map(spanned).collect(),
        "Realm" => payload.realm.iter().map(spanned).collect(),
        "URLs" if first.each => payload
            .urls
            .iter()
            .map(|s| Hit {
                location: cx.at(s),
                text: Some(Cow::Borrowed(&*s.value)),
            })
            .collect(),
        "URLs" => presence(payload.urls_node.or(payload.urls.first().map(|u| u.node))),
        "Hosts" if first.each => payload.hosts.iter().map(spanned).collect(),
        "Hosts" => payload.hosts.first().map(spanned).into_iter().collect(),
        "bundle-ids" if first.each => payload
            .bundle_lists
            .iter()
            .flat_map(|list| &list.items)
            .map(|item| Hit {
                location: cx.at_span(payload.doc, item.node, trimmed_span(item)),
                text: Some(Cow::Borrowed(item.id())),
            })
            .collect(),
        "bundle-ids" => payload
            .bundle_lists
            .iter()
            .flat_map(|list| presence(Some(list.node)))
            .collect(),
        "ExtensionData" => {
            let data = &payload.extension_data;
            let Some((key, below)) = rest.split_first() else {
                let node = data.node.or(data.entries.first().map(|e| e.entry_node));
                return presence(node);
            };
            let mut hits = Vec::new();
            for entry in data.entries.iter().filter(|e| e.key.value == key.key) {
                if key.each || !below.is_empty() {
                    // Inside the value: the raw tree.
                    let Some(tree) = tree else { continue };
                    let nodes: Vec<NodeId> = if key.each {
                        tree.elements(entry.value.node).to_vec()
                    } else {
                        vec![entry.value.node]
                    };
                    for node in nodes {
                        if below.is_empty() {
                            hits.push(Hit {
                                location: cx.at_node(payload.doc, node),
                                text: scalar_text(tree, node),
                            });
                        } else {
                            hits.extend(raw_hits(cx, payload.doc, tree, node, below));
                        }
                    }
                    continue;
                }
                let text = match &entry.value.value {
                    ExtensionValue::String(s) => Some(Cow::Borrowed(s.as_str())),
                    ExtensionValue::Integer(i) => Some(Cow::Owned(i.to_string())),
                    ExtensionValue::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
                    ExtensionValue::Real(r) => Some(Cow::Owned(r.to_string())),
                    ExtensionValue::Other(_) => None,
                };
                hits.push(Hit {
                    location: cx.at(&entry.value),
                    text,
                });
            }
            hits
        }
        "PlatformSSO" => {
            if rest.is_empty() {
                return presence(payload.platform_sso);
            }
            match (tree, payload.platform_sso) {
                // A Settings Catalog policy's values are choice ids: read the named settings.
                _ if payload.origin == Origin::SettingsCatalog => catalog_psso_hits(cx, payload, rest),
                (Some(tree), Some(node)) => raw_hits(cx, payload.doc, tree, node, rest),
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}
