//! `inspect`: what profilelint reads from its inputs — formats, SSO payloads with every
//! ExtensionData entry, apps and their assignments, enrollment profiles, DDM declarations — for
//! people and as JSON.

use std::fmt::Write as _;

use serde::Serialize;

use crate::document::DocId;
use crate::lint_set::LintSet;
use crate::model::{self, Model, Spanned};

/// A position in a file: key path plus line and column where the file has text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Position {
    /// File path.
    pub path: String,
    /// Key path (embedded payloads joined with `>`).
    pub key_path: String,
    /// 1-based line, if the file has text.
    pub line: Option<usize>,
    /// 1-based column, if the file has text.
    pub column: Option<usize>,
}

/// One ExtensionData entry as read.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// The key.
    pub key: String,
    /// The type the device receives.
    #[serde(rename = "type")]
    pub declared: &'static str,
    /// The value as read.
    pub value: model::ExtensionValue,
    /// Where the value is.
    pub at: Position,
}

/// A bundle list as read.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// The list key.
    pub key: &'static str,
    /// How it is written.
    pub form: model::BundleListForm,
    /// The entries as written.
    pub items: Vec<String>,
}

/// An SSO payload as read.
#[derive(Debug, Clone, Serialize)]
pub struct PayloadView {
    /// Where the payload is.
    pub at: Position,
    /// Its origin.
    pub origin: model::Origin,
    /// Platform and why.
    pub platform: model::Platform,
    /// Why that platform.
    pub platform_source: model::PlatformSource,
    /// The MDM assumed to deliver it (`[sso] mdm`; Intune exports are always Intune).
    pub mdm: model::Mdm,
    /// Why that MDM.
    pub mdm_source: model::MdmSource,
    /// Whether it is a Microsoft SSO payload.
    pub microsoft: bool,
    /// The Intune extension type, for Device Features.
    pub intune_type: Option<model::IntuneExtensionType>,
    /// Extension identifier.
    pub extension_identifier: Option<String>,
    /// Team identifier.
    pub team_identifier: Option<String>,
    /// `Type`.
    #[serde(rename = "type")]
    pub sso_type: Option<String>,
    /// URLs.
    pub urls: Vec<String>,
    /// Hosts.
    pub hosts: Vec<String>,
    /// ExtensionData entries.
    pub extension_data: Vec<EntryView>,
    /// Bundle lists.
    pub bundle_lists: Vec<ListView>,
    /// Platform SSO settings, when the payload carries any.
    pub platform_sso: Option<PssoView>,
}

/// The Platform SSO settings of a payload as read.
#[derive(Debug, Clone, Serialize)]
pub struct PssoView {
    /// Each setting that is set, by its profile key path relative to the payload
    /// (`RegistrationToken`, `PlatformSSO.AuthenticationMethod`, …), in a fixed order.
    pub settings: Vec<PssoSettingView>,
    /// Settings Catalog choices whose suffix profilelint does not know, as written.
    pub unknown_choices: Vec<String>,
}

/// One Platform SSO setting as read.
#[derive(Debug, Clone, Serialize)]
pub struct PssoSettingView {
    /// The key, relative to the payload (`PlatformSSO.UseSharedDeviceKeys`).
    pub key: String,
    /// The value.
    pub value: serde_json::Value,
    /// Where.
    pub at: Position,
}

/// An assignment as read.
#[derive(Debug, Clone, Serialize)]
pub struct AssignmentView {
    /// Intent (apps).
    pub intent: Option<model::Intent>,
    /// Target kind.
    pub target: model::TargetKind,
    /// Group id or name.
    pub group: Option<String>,
}

/// An Intune object as read.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectView {
    /// Where.
    pub at: Position,
    /// Kind.
    pub kind: model::IntuneObjectKind,
    /// `@odata.type`.
    pub odata_type: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// App bundle id (apps).
    pub bundle_id: Option<String>,
    /// Assignments; `None` when the export has no assignment data.
    pub assignments: Option<Vec<AssignmentView>>,
    /// Enrollment authentication flags (enrollment profiles).
    pub enrollment: Option<EnrollmentView>,
    /// The app's platform and the bundle ids it carries (apps only; absent for other objects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<AppView>,
}

/// An app record's platform and bundle ids.
#[derive(Debug, Clone, Serialize)]
pub struct AppView {
    /// The platform of the app type.
    pub platform: model::Platform,
    /// Every bundle id the record carries, with its version.
    pub bundles: Vec<AppBundleView>,
}

/// One bundle id of an app record.
#[derive(Debug, Clone, Serialize)]
pub struct AppBundleView {
    /// The bundle id.
    pub bundle_id: String,
    /// Its version, if the record states one.
    pub version: Option<String>,
    /// The property the version was read from (`primaryBundleVersion`, `bundleVersion`,
    /// `versionNumber`, `buildNumber`).
    pub version_key: Option<&'static str>,
    /// The property it was read from (`bundleId`, `primaryBundleId`, `includedApps`, `childApps`).
    pub source: model::AppBundleSource,
    /// Where.
    pub at: Position,
}

/// The authentication flags of an ADE enrollment profile.
#[derive(Debug, Clone, Serialize)]
pub struct EnrollmentView {
    /// `requiresUserAuthentication`.
    pub requires_user_authentication: Option<bool>,
    /// `enableAuthenticationViaCompanyPortal`.
    pub enable_authentication_via_company_portal: Option<bool>,
    /// `requireCompanyPortalOnSetupAssistantEnrolledDevices`.
    pub require_company_portal_on_setup_assistant_enrolled_devices: Option<bool>,
    /// "Await final configuration" (`waitForDeviceConfiguredConfirmation`, iOS
    /// `awaitDeviceConfiguredConfirmation`); left out when the export does not set it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub await_device_configured_confirmation: Option<bool>,
    /// "Locked enrollment" (`profileRemovalDisabled`); left out when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_removal_disabled: Option<bool>,
    /// `usePlatformSSODuringSetupAssistant` (macOS); left out when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_platform_sso_during_setup_assistant: Option<bool>,
}

/// A file as read.
#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    /// Path.
    pub path: String,
    /// Detected format, `None` when unreadable or not a known format.
    pub format: Option<&'static str>,
    /// Text encoding.
    pub encoding: Option<crate::source::Encoding>,
    /// Embedded documents found in it (custom profile payloads, JSON in strings).
    pub embedded: Vec<Position>,
}

/// Whether a configuration declaration is activated by an activation in the lint set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActivationStatus {
    /// An activation in the lint set lists its identifier.
    Activated,
    /// The lint set has activations, and none lists it (SSO504).
    NotActivated,
    /// The lint set holds no activation: unknown.
    NoActivationInSet,
}

/// A declarative-management declaration as read.
#[derive(Debug, Clone, Serialize)]
pub struct DeclarationView {
    /// Where the declaration is.
    pub at: Position,
    /// `Type`.
    #[serde(rename = "type")]
    pub declaration_type: String,
    /// What kind of declaration.
    pub kind: model::DeclarationKind,
    /// `Identifier`.
    pub identifier: Option<String>,
    /// For configurations: whether an activation in the lint set references it.
    pub activation: Option<ActivationStatus>,
    /// For configurations: the identifiers of the activations that reference it.
    pub activated_by: Vec<String>,
    /// For `com.apple.activation.simple`: its `StandardConfigurations`.
    pub standard_configurations: Vec<String>,
    /// For `com.apple.configuration.legacy`: the `ProfileURL` (not fetched).
    pub profile_url: Option<String>,
}

/// Everything `inspect` shows.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    /// The files.
    pub files: Vec<FileView>,
    /// Every SSO payload.
    pub sso_payloads: Vec<PayloadView>,
    /// Every Intune object.
    pub objects: Vec<ObjectView>,
    /// Every declarative-management declaration.
    pub declarations: Vec<DeclarationView>,
}

/// The views of the declarations, with each configuration's activation status (one pass over
/// the activations, one lookup per configuration).
fn declaration_views(set: &LintSet, model: &Model) -> Vec<DeclarationView> {
    let mut by_configuration: std::collections::HashMap<&str, Vec<String>> = std::collections::HashMap::new();
    let mut activations = 0usize;
    for d in model
        .declarations
        .iter()
        .filter(|d| d.kind == model::DeclarationKind::Activation)
    {
        activations += 1;
        let name = d
            .identifier
            .as_ref()
            .map_or_else(|| "(no identifier)".to_owned(), |i| i.value.clone());
        for c in &d.standard_configurations {
            by_configuration.entry(c.value.as_str()).or_default().push(name.clone());
        }
    }
    model
        .declarations
        .iter()
        .map(|d| {
            let configuration = d.kind == model::DeclarationKind::Configuration;
            let activated_by = match (&d.identifier, configuration) {
                (Some(id), true) => by_configuration.get(id.value.as_str()).cloned().unwrap_or_default(),
                _ => Vec::new(),
            };
            let status = if activations == 0 {
                ActivationStatus::NoActivationInSet
            } else if activated_by.is_empty() {
                ActivationStatus::NotActivated
            } else {
                ActivationStatus::Activated
            };
            let activation = configuration.then_some(status);
            DeclarationView {
                at: position(set, d.doc, d.node, None),
                declaration_type: d.declaration_type.value.clone(),
                kind: d.kind,
                identifier: value(&d.identifier),
                activation,
                activated_by,
                standard_configurations: d.standard_configurations.iter().map(|c| c.value.clone()).collect(),
                profile_url: value(&d.profile_url),
            }
        })
        .collect()
}

fn position(set: &LintSet, doc: DocId, node: crate::syntax::NodeId, span: Option<crate::Span>) -> Position {
    let location = crate::diagnostic::Location {
        doc,
        span: span.or_else(|| set.doc(doc).and_then(|d| d.tree.span(node))),
        key_path: set.doc(doc).map(|d| d.key_path(node)),
    };
    let (path, line_col, key_path) = crate::linter::locate(set, &location);
    Position {
        path: path.to_string(),
        key_path: key_path.unwrap_or_default(),
        line: line_col.map(|lc| lc.line),
        column: line_col.map(|lc| lc.column),
    }
}

/// The settings of `psso` that are set, in the order of Microsoft's Platform SSO guide.
fn psso_view(set: &LintSet, psso: &model::PssoSettings) -> PssoView {
    let mut settings = Vec::new();
    let mut push =
        |key: String, value: serde_json::Value, at: Position| settings.push(PssoSettingView { key, value, at });
    let place = |s: &Spanned<String>| position(set, s.doc, s.node, s.span());
    let place_bool = |s: &Spanned<bool>| position(set, s.doc, s.node, s.span());
    if let Some((token, where_)) = &psso.registration_token {
        let key = match where_ {
            model::PssoPlace::Payload => "RegistrationToken",
            model::PssoPlace::PlatformSso => "PlatformSSO.RegistrationToken",
        };
        push(key.to_owned(), token.value.clone().into(), place(token));
    }
    let strings = [
        ("AuthenticationMethod", &psso.legacy_method),
        ("PlatformSSO.AuthenticationMethod", &psso.method),
        ("PlatformSSO.AccountDisplayName", &psso.account_display_name),
        ("PlatformSSO.TokenToUserMapping.AccountName", &psso.account_name),
        ("PlatformSSO.TokenToUserMapping.FullName", &psso.full_name),
        ("PlatformSSO.UserAuthorizationMode", &psso.user_authorization_mode),
        (
            "PlatformSSO.NewUserAuthorizationMode",
            &psso.new_user_authorization_mode,
        ),
    ];
    let bools = [
        ("PlatformSSO.UseSharedDeviceKeys", &psso.use_shared_device_keys),
        ("PlatformSSO.EnableAuthorization", &psso.enable_authorization),
        ("PlatformSSO.EnableCreateUserAtLogin", &psso.enable_create_user_at_login),
        (
            "PlatformSSO.EnableCreateFirstUserDuringSetup",
            &psso.enable_create_first_user_during_setup,
        ),
        (
            "PlatformSSO.EnableRegistrationDuringSetup",
            &psso.enable_registration_during_setup,
        ),
    ];
    for (key, s) in strings {
        if let Some(s) = s {
            push(key.to_owned(), s.value.clone().into(), place(s));
        }
    }
    for (key, b) in bools {
        if let Some(b) = b {
            push(key.to_owned(), b.value.into(), place_bool(b));
        }
    }
    if let Some(f) = &psso.login_frequency {
        // Beyond JSON's exact integers an i128 is shown as text rather than rounded.
        let value = i64::try_from(f.value).map_or_else(|_| f.value.to_string().into(), serde_json::Value::from);
        push(
            "PlatformSSO.LoginFrequency".to_owned(),
            value,
            position(set, f.doc, f.node, f.span()),
        );
    }
    for policy in &psso.policies {
        push(format!("PlatformSSO.{}", policy.value), "set".into(), place(policy));
    }
    PssoView {
        settings,
        unknown_choices: psso.unknown_choices.iter().map(|c| c.value.clone()).collect(),
    }
}

fn value<T: Clone>(s: &Option<Spanned<T>>) -> Option<T> {
    s.as_ref().map(|s| s.value.clone())
}

impl Inspection {
    /// Collects the views of a lint set and its model.
    pub fn new(set: &LintSet, model: &Model) -> Self {
        let files = set
            .files
            .iter()
            .map(|f| {
                let doc = f.doc.and_then(|id| set.doc(id));
                let embedded = set
                    .documents
                    .iter()
                    .filter_map(|d| d.embedding.filter(|e| Some(e.parent) == f.doc))
                    .map(|e| position(set, e.parent, e.node, None))
                    .collect();
                FileView {
                    path: f.path.to_string(),
                    format: f.format.map(|x| x.name()),
                    encoding: doc.and_then(|d| d.encoding),
                    embedded,
                }
            })
            .collect();
        let sso_payloads = model
            .sso_payloads
            .iter()
            .map(|p| PayloadView {
                at: position(set, p.doc, p.node, None),
                origin: p.origin,
                platform: p.platform,
                platform_source: p.platform_source,
                mdm: p.mdm,
                mdm_source: p.mdm_source,
                microsoft: p.microsoft,
                intune_type: value(&p.intune_type),
                extension_identifier: value(&p.extension_identifier),
                team_identifier: value(&p.team_identifier),
                sso_type: value(&p.sso_type),
                urls: p.urls.iter().map(|u| u.value.to_string()).collect(),
                hosts: p.hosts.iter().map(|u| u.value.clone()).collect(),
                extension_data: p
                    .extension_data
                    .entries
                    .iter()
                    .map(|e| EntryView {
                        key: e.key.value.clone(),
                        declared: e.declared.name(),
                        value: e.value.value.clone(),
                        at: position(set, e.value.doc, e.value.node, e.value.span()),
                    })
                    .collect(),
                bundle_lists: p
                    .bundle_lists
                    .iter()
                    .map(|l| ListView {
                        key: l.kind.key(),
                        form: l.form,
                        items: l.items.iter().map(|i| i.raw.clone()).collect(),
                    })
                    .collect(),
                platform_sso: p.psso.as_ref().map(|psso| psso_view(set, psso)),
            })
            .collect();
        let objects = model
            .objects
            .iter()
            .enumerate()
            .map(|(i, o)| ObjectView {
                at: position(set, o.doc, o.node, None),
                kind: o.kind,
                odata_type: o.odata_type.clone(),
                name: o.display_name.clone(),
                bundle_id: model
                    .apps
                    .iter()
                    .find(|a| a.object == i)
                    .and_then(|a| value(&a.bundle_id)),
                app: model.apps.iter().find(|a| a.object == i).map(|a| AppView {
                    platform: a.platform,
                    bundles: a
                        .bundles
                        .iter()
                        .map(|b| AppBundleView {
                            bundle_id: b.bundle_id.value.clone(),
                            version: value(&b.version),
                            version_key: b.version_key,
                            source: b.source,
                            at: position(set, b.bundle_id.doc, b.bundle_id.node, b.bundle_id.span()),
                        })
                        .collect(),
                }),
                assignments: o.assignments.as_ref().map(|list| {
                    list.iter()
                        .map(|a| AssignmentView {
                            intent: a.intent.as_ref().map(|s| s.value.clone()),
                            target: a.target,
                            group: a.group.clone(),
                        })
                        .collect()
                }),
                enrollment: model
                    .enrollment_profiles
                    .iter()
                    .find(|e| e.object == i)
                    .map(|e| EnrollmentView {
                        requires_user_authentication: value(&e.requires_user_authentication),
                        enable_authentication_via_company_portal: value(&e.enable_authentication_via_company_portal),
                        require_company_portal_on_setup_assistant_enrolled_devices: value(
                            &e.require_company_portal_on_setup_assistant_enrolled_devices,
                        ),
                        await_device_configured_confirmation: value(&e.await_device_configured_confirmation),
                        profile_removal_disabled: value(&e.profile_removal_disabled),
                        use_platform_sso_during_setup_assistant: value(&e.use_platform_sso_during_setup_assistant),
                    }),
            })
            .collect();
        Inspection {
            files,
            sso_payloads,
            objects,
            declarations: declaration_views(set, model),
        }
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The human form: per file, its format, then what was found in it.
    pub fn to_human(&self) -> String {
        // Text from the inputs with its control characters escaped: only our own line breaks.
        let t = super::escape::control;
        let mut out = String::new();
        let at = |p: &Position| match (p.line, p.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", t(&p.key_path)),
            _ => t(&p.key_path).into_owned(),
        };
        for file in &self.files {
            let enc = file
                .encoding
                .map(|e| {
                    format!(
                        ", {}",
                        serde_json::to_value(e)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(out, "{}  ({}{enc})", t(&file.path), file.format.unwrap_or("not read"));
            for e in &file.embedded {
                let _ = writeln!(out, "  embedded document in `{}`", t(&e.key_path));
            }
            for d in self.declarations.iter().filter(|d| d.at.path == file.path) {
                let root = if d.at.key_path.is_empty() {
                    "(root)".to_owned()
                } else {
                    t(&d.at.key_path).into_owned()
                };
                let _ = writeln!(out, "  declaration at {root}  [{}]", t(&d.declaration_type));
                let _ = writeln!(
                    out,
                    "    identifier           {}",
                    t(d.identifier.as_deref().unwrap_or("–"))
                );
                match d.activation {
                    Some(ActivationStatus::Activated) => {
                        let _ = writeln!(
                            out,
                            "    activation           activated by {}",
                            t(&d.activated_by.join(", "))
                        );
                    }
                    Some(ActivationStatus::NotActivated) => {
                        let _ = writeln!(
                            out,
                            "    activation           not activated (no activation references it)"
                        );
                    }
                    Some(ActivationStatus::NoActivationInSet) => {
                        let _ = writeln!(out, "    activation           unknown (no activation in the lint set)");
                    }
                    None => {}
                }
                if d.kind == model::DeclarationKind::Activation {
                    let list = if d.standard_configurations.is_empty() {
                        "(none)".to_owned()
                    } else {
                        t(&d.standard_configurations.join(", ")).into_owned()
                    };
                    let _ = writeln!(out, "    configurations       {list}");
                }
                if let Some(url) = &d.profile_url {
                    let _ = writeln!(out, "    profile URL          {} (not fetched)", t(url));
                }
            }
            for p in self.sso_payloads.iter().filter(|p| p.at.path == file.path) {
                let root = if p.at.key_path.is_empty() {
                    "(root)".to_owned()
                } else {
                    t(&p.at.key_path).into_owned()
                };
                let _ = writeln!(
                    out,
                    "  SSO payload at {root}  [{}]",
                    serde_json::to_value(p.origin)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                );
                let source = serde_json::to_value(p.platform_source)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    platform             {} (from {source})",
                    p.platform.display_name()
                );
                let mdm_source = match p.mdm_source {
                    model::MdmSource::IntuneExport => "read from an Intune export",
                    model::MdmSource::Config => "`[sso] mdm`, default intune",
                    model::MdmSource::ManualInstall => "a `com.apple.declarations` payload is installed by hand",
                    model::MdmSource::OtherMdmMarks => {
                        "marks of another MDM: Jamf's `JAMF Software`, a `com.fleetdm.` identifier or a `$VARIABLE`; set `[sso] mdm` to decide"
                    }
                };
                let mdm = match (p.mdm, p.mdm_source) {
                    (_, model::MdmSource::ManualInstall) => "no MDM",
                    (model::Mdm::Intune, _) => "Intune",
                    (model::Mdm::Other, _) => "another MDM",
                };
                let _ = writeln!(out, "    delivered by         {mdm} ({mdm_source})");
                let _ = writeln!(
                    out,
                    "    Microsoft payload    {}",
                    if p.microsoft { "yes" } else { "no" }
                );
                if let Some(t) = &p.intune_type {
                    let _ = writeln!(
                        out,
                        "    Intune type          {}",
                        serde_json::to_value(t)
                            .ok()
                            .map(|v| v.to_string().trim_matches('"').to_owned())
                            .unwrap_or_default()
                    );
                }
                let _ = writeln!(
                    out,
                    "    extension id         {}",
                    t(p.extension_identifier.as_deref().unwrap_or("–"))
                );
                let _ = writeln!(
                    out,
                    "    team id              {}",
                    t(p.team_identifier.as_deref().unwrap_or("–"))
                );
                let _ = writeln!(
                    out,
                    "    type                 {}",
                    t(p.sso_type.as_deref().unwrap_or("–"))
                );
                if !p.urls.is_empty() {
                    let _ = writeln!(
                        out,
                        "    URLs                 {}",
                        p.urls
                            .iter()
                            .map(|u| t(u))
                            .collect::<Vec<_>>()
                            .join("\n                         ")
                    );
                }
                if !p.hosts.is_empty() {
                    let _ = writeln!(out, "    hosts                {}", t(&p.hosts.join(", ")));
                }
                if p.extension_data.is_empty() {
                    let _ = writeln!(out, "    ExtensionData        (none)");
                } else {
                    let _ = writeln!(out, "    ExtensionData");
                    for e in &p.extension_data {
                        // JSON escapes C0 controls but leaves DEL, C1 and bidirectional controls.
                        let v = serde_json::to_string(&e.value).unwrap_or_default();
                        let v = t(&v);
                        let _ = writeln!(out, "      {:<36} {:<8} {:<28} {}", t(&e.key), e.declared, v, at(&e.at));
                    }
                }
                for l in &p.bundle_lists {
                    let items = if l.items.is_empty() {
                        "(empty)".to_owned()
                    } else {
                        t(&l.items.join(", ")).into_owned()
                    };
                    let _ = writeln!(out, "    {:<20} {items}", l.key);
                }
                if let Some(psso) = &p.platform_sso {
                    let _ = writeln!(out, "    Platform SSO");
                    for setting in &psso.settings {
                        let v = serde_json::to_string(&setting.value).unwrap_or_default();
                        let _ = writeln!(out, "      {:<45} {:<28} {}", setting.key, v, at(&setting.at));
                    }
                    for choice in &psso.unknown_choices {
                        let _ = writeln!(out, "      unknown Settings Catalog choice `{choice}`");
                    }
                }
            }
            for o in self.objects.iter().filter(|o| o.at.path == file.path) {
                let kind = serde_json::to_value(o.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  Intune {kind} `{}` ({})",
                    t(o.name.as_deref().unwrap_or("unnamed")),
                    t(o.odata_type.as_deref().unwrap_or("no @odata.type"))
                );
                match &o.app {
                    Some(app) => {
                        let _ = writeln!(out, "    platform             {}", app.platform.display_name());
                        for b in &app.bundles {
                            // The own `bundleId` of an app is shown as before; other sources name
                            // the property they come from, and a version the property it is in.
                            let mut line = vec![t(&b.bundle_id).into_owned()];
                            let named_by_version =
                                b.source == model::AppBundleSource::PrimaryBundleId && b.version.is_some();
                            if b.source != model::AppBundleSource::BundleId && !named_by_version {
                                line.push(b.source.key().to_owned());
                            }
                            if let Some(v) = &b.version {
                                line.push(format!("{} {}", b.version_key.unwrap_or("version"), t(v)));
                            }
                            let _ = writeln!(out, "    bundle id            {}", line.join("  "));
                        }
                    }
                    None => {
                        if let Some(b) = &o.bundle_id {
                            let _ = writeln!(out, "    bundle id            {}", t(b));
                        }
                    }
                }
                if let Some(e) = &o.enrollment {
                    let show = |b: Option<bool>| b.map_or("–".to_owned(), |b| b.to_string());
                    let _ = writeln!(
                        out,
                        "    requiresUserAuthentication                           {}",
                        show(e.requires_user_authentication)
                    );
                    let _ = writeln!(
                        out,
                        "    enableAuthenticationViaCompanyPortal                 {}",
                        show(e.enable_authentication_via_company_portal)
                    );
                    let _ = writeln!(
                        out,
                        "    requireCompanyPortalOnSetupAssistantEnrolledDevices  {}",
                        show(e.require_company_portal_on_setup_assistant_enrolled_devices)
                    );
                    // Shown only when set, so iOS profiles read as before.
                    let macos = o
                        .odata_type
                        .as_deref()
                        .is_some_and(|t| t.to_ascii_lowercase().contains("macos"));
                    let await_key = if macos {
                        "waitForDeviceConfiguredConfirmation"
                    } else {
                        "awaitDeviceConfiguredConfirmation"
                    };
                    for (key, flag) in [
                        (await_key, e.await_device_configured_confirmation),
                        ("profileRemovalDisabled", e.profile_removal_disabled),
                        (
                            "usePlatformSSODuringSetupAssistant",
                            e.use_platform_sso_during_setup_assistant,
                        ),
                    ] {
                        if let Some(b) = flag {
                            let _ = writeln!(out, "    {key:<53}{b}");
                        }
                    }
                }
                match &o.assignments {
                    None => {
                        let _ = writeln!(out, "    assignments          (not in the export)");
                    }
                    Some(list) if list.is_empty() => {
                        let _ = writeln!(out, "    assignments          none");
                    }
                    Some(list) => {
                        for a in list {
                            let intent = a
                                .intent
                                .as_ref()
                                .map(|i| format!("{} ", i.as_str()))
                                .unwrap_or_default();
                            let target = serde_json::to_value(a.target)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default();
                            let _ = writeln!(
                                out,
                                "    assignment           {intent}→ {target}{}",
                                a.group.as_deref().map(|g| format!(" {}", t(g))).unwrap_or_default()
                            );
                        }
                    }
                }
            }
        }
        let declarations = if self.declarations.is_empty() {
            String::new()
        } else {
            format!(", {}", super::plural(self.declarations.len(), "declaration"))
        };
        let _ = writeln!(
            out,
            "\n{}, {}, {}{declarations}",
            super::plural(self.files.len(), "file"),
            super::plural(self.sso_payloads.len(), "SSO payload"),
            super::plural(self.objects.len(), "Intune object")
        );
        out
    }
}
