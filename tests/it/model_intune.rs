//! The Intune half of the document model: Graph objects (Device Features, Settings Catalog,
//! custom profiles, apps, ADE enrollment profiles, others) in every container (single object,
//! `{"value": [...]}` collection, bare array, JSON held in strings), their SSO payloads, and
//! assignments (inline, and assignments files linked by `@odata.context`, folder or file name).
//!
//! Snapshots are compact, hand-readable summaries (see [`summary`]): every spanned value shows its
//! key path, its `line:col` and the exact text its span covers, so a reviewer can check each one
//! against its fixture. The fixtures under `tests/fixtures/model/intune/` are synthetic (see the
//! README there); the real exports are read from `../shared/corpus/real` when it exists.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use profilelint::internals::syntax::{NodeId, ValueKind};
use profilelint::model::{
    self, Assignment, ExtensionValue, IntuneExtensionType, IntuneObjectKind, Model, ModelOptions, Origin, Platform,
    Spanned, SsoPayload, TargetKind,
};
use profilelint::Document;
use profilelint::Encoding;
use profilelint::{DocId, FileOrigin, Limits, LintSet, Span};

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/model/intune")
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"))
}

/// A lint set of `(display path, bytes)` files, all named explicitly; reading must not fail.
fn set_of(files: &[(String, Vec<u8>)]) -> LintSet {
    let mut set = LintSet::new(Limits::default());
    for (path, bytes) in files {
        set.add_bytes(path.as_str(), bytes, FileOrigin::Named);
    }
    assert!(
        set.input_diagnostics().is_empty(),
        "input diagnostics: {:#?}",
        set.input_diagnostics()
    );
    set
}

/// One fixture file as `export/<rel>`.
fn one(rel: &str) -> LintSet {
    set_of(&[(format!("export/{rel}"), fixture(rel))])
}

/// Every file under the fixture folder `dir`, as `export/<path below dir>`, sorted by path.
fn folder(dir: &str) -> LintSet {
    let root = fixture_dir().join(dir);
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                files.push((format!("export/{rel}"), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    set_of(&files)
}

fn build(set: &LintSet) -> Model {
    model::build(set, &ModelOptions::default())
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

fn doc(set: &LintSet, id: DocId) -> &Document {
    set.doc(id).expect("document id from the model")
}

/// A document's name in summaries: its path, plus which embedded document it is.
fn doc_name(set: &LintSet, id: DocId) -> String {
    let d = doc(set, id);
    match d.embedding() {
        Some(e) => format!(
            "`{}` #{} (embedded {:?} in #{})",
            d.path(),
            id.index(),
            e.kind,
            e.parent.index()
        ),
        None => format!("`{}` #{}", d.path(), id.index()),
    }
}

/// The key path of a node, `(root)` for the root.
fn path(d: &Document, node: NodeId) -> String {
    let p = d.key_path(node);
    if p.is_empty() {
        "(root)".to_owned()
    } else {
        p
    }
}

/// `line:col` of a span's start and the text it covers.
fn at(d: &Document, span: Option<Span>) -> String {
    match span {
        Some(s) => {
            let lc = d.line_col(s.start).unwrap();
            format!("{}:{} {}", lc.line, lc.column, d.slice(s).unwrap())
        }
        None => "(no span)".to_owned(),
    }
}

/// A spanned value: `value @ key path line:col token`. Checks that `inner` is inside `span`.
fn spanned<T: std::fmt::Debug>(set: &LintSet, s: &Spanned<T>) -> String {
    let d = doc(set, s.doc);
    if let (Some(span), Some(inner)) = (s.span(), s.inner()) {
        assert!(span.contains(inner), "inner {inner:?} outside span {span:?}");
    }
    format!("{:?} @ `{}` {}", s.value, path(d, s.node), at(d, s.span()))
}

fn opt<T: std::fmt::Debug>(set: &LintSet, s: &Option<Spanned<T>>) -> String {
    s.as_ref().map_or("-".to_owned(), |s| spanned(set, s))
}

fn value(v: &ExtensionValue) -> String {
    match v {
        ExtensionValue::String(s) => format!("{s:?}"),
        ExtensionValue::Integer(i) => i.to_string(),
        ExtensionValue::Bool(b) => b.to_string(),
        ExtensionValue::Real(r) => format!("{r:?}"),
        ExtensionValue::Other(kind) => format!("<{kind}>"),
    }
}

fn assignment(set: &LintSet, a: &Assignment) -> String {
    let intent = a.intent.as_ref().map_or("-".to_owned(), |i| format!("{:?}", i.value));
    format!(
        "{:?} group={:?} intent={} inclusion={} @ {} `{}`",
        a.target,
        a.group,
        intent,
        a.is_inclusion(),
        doc_name(set, a.doc),
        path(doc(set, a.doc), a.node)
    )
}

fn payload(set: &LintSet, out: &mut String, i: usize, p: &SsoPayload) {
    let d = doc(set, p.doc);
    let _ = writeln!(out, "sso[{i}] {:?} in {}", p.origin, doc_name(set, p.doc));
    let _ = writeln!(out, "  node: `{}`", path(d, p.node));
    let _ = writeln!(
        out,
        "  platform: {} ({:?}), microsoft: {}, object: {:?}, profile: {:?}",
        p.platform.display_name(),
        p.platform_source,
        p.microsoft,
        p.object,
        p.profile
    );
    let _ = writeln!(out, "  intune_type: {}", opt(set, &p.intune_type));
    let _ = writeln!(out, "  intune_property: {}", opt(set, &p.intune_property));
    let _ = writeln!(out, "  extension_identifier: {}", opt(set, &p.extension_identifier));
    let _ = writeln!(out, "  team_identifier: {}", opt(set, &p.team_identifier));
    let _ = writeln!(out, "  type: {}", opt(set, &p.sso_type));
    let _ = writeln!(out, "  realm: {}", opt(set, &p.realm));
    match p.urls_node {
        Some(n) => {
            let _ = writeln!(out, "  urls: `{}`", path(d, n));
        }
        None => {
            let _ = writeln!(out, "  urls: -");
        }
    }
    for u in &p.urls {
        let _ = writeln!(out, "    {}", spanned(set, u));
    }
    let _ = writeln!(out, "  hosts: {}", if p.hosts.is_empty() { "-" } else { "" });
    for h in &p.hosts {
        let _ = writeln!(out, "    {}", spanned(set, h));
    }
    let _ = writeln!(
        out,
        "  platform_sso: {}",
        p.platform_sso.map_or("-".to_owned(), |n| format!("`{}`", path(d, n)))
    );
    let ed = &p.extension_data;
    let _ = writeln!(
        out,
        "  extension_data: {:?} {}",
        ed.form,
        ed.node.map_or("-".to_owned(), |n| format!("`{}`", path(d, n)))
    );
    for e in &ed.entries {
        let _ = writeln!(out, "    {:?}", e.key.value);
        let _ = writeln!(out, "      key: {}", spanned(set, &e.key));
        let _ = writeln!(
            out,
            "      value: {} ({}) @ `{}` {}",
            value(&e.value.value),
            e.value.value.kind(),
            path(d, e.value.node),
            at(d, e.value.span())
        );
        let _ = writeln!(
            out,
            "      declared: {} by {}",
            e.declared,
            opt(set, &e.type_declaration.as_deref().cloned())
        );
        let _ = writeln!(out, "      entry: `{}`", path(d, e.entry_node));
    }
    let _ = writeln!(
        out,
        "  bundle_lists: {}",
        if p.bundle_lists.is_empty() { "-" } else { "" }
    );
    for l in &p.bundle_lists {
        let _ = writeln!(out, "    {:?} ({:?}) `{}`", l.kind, l.form, path(d, l.node));
        for item in &l.items {
            let _ = writeln!(
                out,
                "      {:?} @ `{}` {}",
                item.raw,
                path(d, item.node),
                at(d, item.span)
            );
        }
    }
}

/// A compact, readable picture of everything the Intune extractor put in the model.
fn summary(set: &LintSet, m: &Model) -> String {
    let mut out = String::new();
    for (i, o) in m.objects.iter().enumerate() {
        let _ = writeln!(
            out,
            "object[{i}] {:?} {:?} in {} at `{}`",
            o.kind,
            o.odata_type,
            doc_name(set, o.doc),
            path(doc(set, o.doc), o.node)
        );
        let _ = writeln!(
            out,
            "  id: {:?}, name: {:?}, platform: {}",
            o.id,
            o.display_name,
            o.platform.display_name()
        );
        match &o.assignments {
            None => {
                let _ = writeln!(out, "  assignments: unknown");
            }
            Some(list) => {
                let _ = writeln!(out, "  assignments: {}", list.len());
                for a in list {
                    let _ = writeln!(out, "    {}", assignment(set, a));
                }
            }
        }
    }
    for (i, p) in m.sso_payloads.iter().enumerate() {
        payload(set, &mut out, i, p);
    }
    for a in &m.apps {
        let _ = writeln!(out, "app: object {} bundle_id {}", a.object, opt(set, &a.bundle_id));
        // iOS records carry their `bundleId` only (summarised above, as before macOS apps).
        if a.platform != Platform::Ios {
            let _ = writeln!(out, "  platform: {:?}", a.platform);
            for b in &a.bundles {
                let _ = writeln!(
                    out,
                    "  {}: {} version {}",
                    b.source.key(),
                    spanned(set, &b.bundle_id),
                    opt(set, &b.version)
                );
            }
        }
    }
    for e in &m.enrollment_profiles {
        let _ = writeln!(out, "enrollment: object {}", e.object);
        let _ = writeln!(
            out,
            "  requiresUserAuthentication: {}",
            opt(set, &e.requires_user_authentication)
        );
        let _ = writeln!(
            out,
            "  enableAuthenticationViaCompanyPortal: {}",
            opt(set, &e.enable_authentication_via_company_portal)
        );
        let _ = writeln!(
            out,
            "  requireCompanyPortalOnSetupAssistantEnrolledDevices: {}",
            opt(set, &e.require_company_portal_on_setup_assistant_enrolled_devices)
        );
    }
    for f in &m.assignment_files {
        let _ = writeln!(out, "assignments file: {}", doc_name(set, f.doc));
    }
    for &d in &m.unrecognized {
        let _ = writeln!(out, "unrecognized: {}", doc_name(set, d));
    }
    out
}

fn snapshot_of(set: &LintSet) -> String {
    summary(set, &build(set))
}

// ---------------------------------------------------------------------------------------------
// Device Features
// ---------------------------------------------------------------------------------------------

#[test]
fn device_features_ios_azure_ad() {
    insta::assert_snapshot!(snapshot_of(&one("device-features/ios-azuread.json")));
}

/// `@odata.type` without the leading `#` (Graph docs' samples) reads exactly the same.
#[test]
fn odata_type_without_hash_reads_the_same() {
    let with = snapshot_of(&one("device-features/ios-azuread.json"));
    let without = snapshot_of(&one("device-features/ios-azuread-nohash.json"));
    let normalise = |s: &str| {
        s.replace("\"#microsoft.graph.", "\"microsoft.graph.")
            .replace("000000000002", "000000000001")
            .replace("ios-azuread-nohash.json", "ios-azuread.json")
            .replace("(JIT, no hash)", "(JIT)")
    };
    // Spans shift by the missing `#`s, so compare everything but `line:col token` of each line.
    let strip = |s: &str| {
        s.lines()
            .map(|l| l.split(" @ ").next().unwrap_or(l).to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&normalise(&with)), strip(&normalise(&without)));
    let set = one("device-features/ios-azuread-nohash.json");
    let m = build(&set);
    assert_eq!(m.objects.len(), 1);
    assert_eq!(
        m.objects[0].odata_type.as_deref(),
        Some("microsoft.graph.iosDeviceFeaturesConfiguration")
    );
    let p = &m.sso_payloads[0];
    assert!(p.is_intune_azure_ad());
    let kinds: Vec<ValueKind> = p.extension_data.entries.iter().map(|e| e.declared).collect();
    assert_eq!(
        kinds,
        [
            ValueKind::String,
            ValueKind::Integer,
            ValueKind::String,
            ValueKind::String,
            ValueKind::Bool,
            ValueKind::Integer
        ]
    );
}

#[test]
fn device_features_redirect_type() {
    insta::assert_snapshot!(snapshot_of(&one("device-features/ios-redirect.json")));
}

#[test]
fn device_features_deprecated_property() {
    let set = one("device-features/ios-deprecated.json");
    let m = build(&set);
    let p = &m.sso_payloads[0];
    assert_eq!(
        p.intune_property.as_ref().map(|s| s.value.as_str()),
        Some("singleSignOnExtension")
    );
    assert_eq!(p.platform, Platform::Ios);
    assert_eq!(
        p.intune_type.as_ref().map(|t| &t.value),
        Some(&IntuneExtensionType::Credential)
    );
    insta::assert_snapshot!(summary(&set, &m));
}

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

/// A Graph collection with a macOS Redirect extension and an iOS object without any extension:
/// both objects exist, only the first has a payload.
#[test]
fn graph_collection() {
    insta::assert_snapshot!(snapshot_of(&one("collection.json")));
}

/// A bare array: an app, an unknown Graph type (kept as `Other`), a string and an object without
/// `@odata.type` (both ignored).
#[test]
fn bare_array() {
    insta::assert_snapshot!(snapshot_of(&one("bare-array.json")));
}

/// macOS app records: every bundle id they carry (`bundleId`, `primaryBundleId`, `includedApps`,
/// `childApps`) with its version and place; the built-in Defender app is a record without one;
/// an iOS record reads `bundleId` only, with no version.
#[test]
fn macos_app_records() {
    let set = one("apps/macos-apps.json");
    let m = build(&set);
    assert_eq!(m.apps.len(), 6);
    let platforms: Vec<Platform> = m.apps.iter().map(|a| a.platform).collect();
    assert_eq!(platforms[..5], [Platform::Macos; 5]);
    assert_eq!(platforms[5], Platform::Ios);
    let ios = &m.apps[5];
    assert_eq!(ios.bundles.len(), 1);
    assert!(ios.bundles[0].version.is_none(), "iOS records read no version");
    let cp: Vec<(String, Option<String>)> = m.apps[0]
        .bundles_with_id("com.microsoft.companyportalmac")
        .map(|b| (b.source.key().to_owned(), b.version.as_ref().map(|v| v.value.clone())))
        .collect();
    assert_eq!(
        cp,
        [
            ("primaryBundleId".to_owned(), Some("5.2404.0".to_owned())),
            ("includedApps".to_owned(), Some("5.2404.0".to_owned()))
        ]
    );
    assert!(m.apps[4].bundles.is_empty() && m.apps[4].bundle_id.is_none());
    // The LOB app states two versions for its own id: both are kept, each with its key.
    let lob: Vec<(&str, Option<&str>)> = m.apps[1]
        .bundles
        .iter()
        .map(|b| (b.source.key(), b.version_key))
        .collect();
    assert_eq!(
        lob,
        [
            ("bundleId", Some("versionNumber")),
            ("bundleId", Some("buildNumber")),
            ("childApps", Some("buildNumber"))
        ]
    );
    assert!(m.objects.iter().all(|o| o.kind == IntuneObjectKind::App));
    insta::assert_snapshot!(summary(&set, &m));
}

// ---------------------------------------------------------------------------------------------
// Settings Catalog, custom profiles, enrollment
// ---------------------------------------------------------------------------------------------

#[test]
fn settings_catalog_ios() {
    let set = one("settings-catalog/ios-sso.json");
    let m = build(&set);
    let p = &m.sso_payloads[0];
    let picked: Vec<(&str, ValueKind, ValueKind)> = p
        .extension_data
        .entries
        .iter()
        .map(|e| (e.key.value.as_str(), e.declared, e.value.value.kind()))
        .collect();
    assert_eq!(
        picked,
        [
            ("device_registration", ValueKind::String, ValueKind::String),
            (
                "browser_sso_interaction_enabled",
                ValueKind::Integer,
                ValueKind::Integer
            ),
            ("use_most_secure_storage", ValueKind::Bool, ValueKind::Bool),
            // The wrong picker: an integer flag declared as a string.
            ("disable_explicit_app_prompt", ValueKind::String, ValueKind::String),
            ("AppAllowList", ValueKind::String, ValueKind::String),
            // A numeric string under the integer picker reads as an integer.
            ("Enable_SSO_On_All_ManagedApps", ValueKind::Integer, ValueKind::Integer),
        ]
    );
    insta::assert_snapshot!(summary(&set, &m));
}

#[test]
fn custom_profile_with_base64_payload() {
    let set = one("custom/ios-custom.json");
    let m = build(&set);
    assert_eq!(m.objects.len(), 1);
    assert_eq!(m.objects[0].kind, IntuneObjectKind::CustomProfile);
    let p = &m.sso_payloads[0];
    assert_eq!(p.origin, Origin::CustomProfile);
    assert_eq!(p.object, Some(0), "the plist payload knows its custom profile");
    assert_eq!(p.platform, Platform::Ios);
    insta::assert_snapshot!(summary(&set, &m));
}

#[test]
fn enrollment_profile() {
    insta::assert_snapshot!(snapshot_of(&one("enrollment/ade.json")));
}

// ---------------------------------------------------------------------------------------------
// Export tool folders and assignments
// ---------------------------------------------------------------------------------------------

/// IntuneBackupAndRestore: assignments in separate files, linked by folder + stem (device
/// configuration), by id prefix (client app; a single object, as PowerShell writes a one-element
/// array), and by `@odata.context` (a raw Graph collection whose target PowerShell flattened to a
/// string). An assignments file for a deleted policy stays unlinked.
#[test]
fn intune_backup_and_restore_folder() {
    let set = folder("ibr");
    let m = build(&set);
    let assigned = |name: &str| {
        m.objects
            .iter()
            .find(|o| o.display_name.as_deref() == Some(name))
            .and_then(|o| o.assignments.as_ref())
            .map(|a| a.iter().map(|a| (a.target, a.group.clone())).collect::<Vec<_>>())
    };
    assert_eq!(
        assigned("iOS - Enterprise SSO"),
        Some(vec![
            (
                TargetKind::Group,
                Some("0a1b2c3d-0000-4000-8000-00000000aaaa".to_owned())
            ),
            (
                TargetKind::ExclusionGroup,
                Some("0a1b2c3d-0000-4000-8000-00000000bbbb".to_owned())
            ),
        ])
    );
    assert_eq!(
        assigned("Microsoft Authenticator"),
        Some(vec![(
            TargetKind::Group,
            Some("0a1b2c3d-0000-4000-8000-00000000aaaa".to_owned())
        )])
    );
    assert_eq!(
        assigned("macOS - Platform SSO"),
        Some(vec![
            (
                TargetKind::Group,
                Some("0a1b2c3d-0000-4000-8000-00000000cccc".to_owned())
            ),
            (TargetKind::AllUsers, None),
        ])
    );
    assert_eq!(m.assignment_files.len(), 4);
    insta::assert_snapshot!(summary(&set, &m));
}

/// IntuneCD: inline assignments with `groupName` instead of `groupId`, no ids.
#[test]
fn intune_cd_folder() {
    insta::assert_snapshot!(snapshot_of(&folder("intunecd")));
}

/// The same object twice under different paths: an assignments file whose name starts with the
/// id goes to both (same Graph object); the folder rule needs one object per file.
#[test]
fn id_prefix_links_every_copy() {
    let app = fixture("ibr/Client Apps/iosVppApp_Microsoft Authenticator.json");
    let assignments =
        fixture("ibr/Client Apps/Assignments/9d1e0000-0000-4000-8000-0000000000a1 - Microsoft Authenticator.json");
    let set = set_of(&[
        ("a/app.json".to_owned(), app.clone()),
        ("b/app.json".to_owned(), app),
        ("c/9D1E0000-0000-4000-8000-0000000000A1.json".to_owned(), assignments),
    ]);
    let m = build(&set);
    assert!(m
        .objects
        .iter()
        .all(|o| o.assignments.as_ref().map(Vec::len) == Some(1)));
    assert!(m.unrecognized.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

/// Windows PowerShell 5.1 writes UTF-16 LE; editors on Windows write a BOM and CRLF. Spans refer
/// to the decoded text, so line:col and the covered text are the same as in the UTF-8 original.
#[test]
fn utf16_and_bom_crlf_copies_read_the_same() {
    let text = String::from_utf8(fixture("device-features/ios-azuread.json")).unwrap();
    let original = snapshot_of(&set_of(&[("export/x.json".to_owned(), text.clone().into_bytes())]));
    let utf16 = Encoding::Utf16Le.encode(&text);
    assert_eq!(&utf16[..2], &[0xFF, 0xFE]);
    let from_utf16 = snapshot_of(&set_of(&[("export/x.json".to_owned(), utf16)]));
    assert_eq!(original, from_utf16);

    let crlf = Encoding::Utf8Bom.encode(&text.replace('\n', "\r\n"));
    let set = set_of(&[("export/x.json".to_owned(), crlf)]);
    assert_eq!(original, snapshot_of(&set));
    let m = build(&set);
    let first = &m.sso_payloads[0].extension_data.entries[0];
    let d = set.doc(first.value.doc).unwrap();
    assert_eq!(d.slice(first.value.inner().unwrap()), Some("{{DEVICEREGISTRATION}}"));
    assert_eq!(d.slice(first.key.inner().unwrap()), Some("device_registration"));
}

// ---------------------------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------------------------

/// Odd but valid JSON never panics and never invents objects.
#[test]
fn odd_shapes_are_harmless() {
    let cases: &[&str] = &[
        "[]",
        "{}",
        "{\"value\": []}",
        "{\"value\": 3}",
        "[1, \"a\", null, [], {}]",
        "{\"@odata.type\": 3}",
        "{\"@odata.type\": \"#microsoft.graph.iosDeviceFeaturesConfiguration\", \"iosSingleSignOnExtension\": []}",
        "{\"@odata.type\": \"#microsoft.graph.iosDeviceFeaturesConfiguration\", \"iosSingleSignOnExtension\": {\"configurations\": [1, {\"key\": 2}, {\"key\": \"k\"}], \"bundleIdAccessControlList\": \"a,b\", \"urlPrefixes\": {}}}",
        "{\"@odata.type\": \"microsoft.graph.deviceManagementConfigurationPolicy\", \"settings\": [1, {\"settingInstance\": {\"settingDefinitionId\": \"com.apple.extensiblesso_com.apple.extensiblesso\", \"groupSettingCollectionValue\": [{}, {\"children\": [{\"settingDefinitionId\": \"com.apple.extensiblesso_extensiondata\", \"groupSettingCollectionValue\": [{\"children\": [{\"settingDefinitionId\": \"com.apple.extensiblesso_extensiondata_generickey_keytobereplaced\", \"simpleSettingValue\": {\"value\": \"k\"}}]}]}]}]}}]}",
        "[{\"target\": {}, \"intent\": \"required\"}]",
        "{\"target\": \"x\", \"@odata.type\": \"#microsoft.graph.mobileAppAssignment\"}",
        "{\"@odata.type\": \"#microsoft.graph.iosVppApp\", \"assignments\": [1, {\"target\": 2}], \"bundleId\": 5}",
    ];
    for case in cases {
        let set = set_of(&[("odd.json".to_owned(), case.as_bytes().to_vec())]);
        let _ = snapshot_of(&set);
    }
    // The empty Device Features extension (no `@odata.type`) is an SSO payload of type Other("").
    let set = set_of(&[("odd.json".to_owned(), cases[7].as_bytes().to_vec())]);
    let m = build(&set);
    let p = &m.sso_payloads[0];
    assert_eq!(
        p.intune_type.as_ref().map(|t| &t.value),
        Some(&IntuneExtensionType::Other(String::new()))
    );
    assert_eq!(p.extension_data.entries.len(), 1, "only the pair with a string key");
    assert_eq!(p.bundle_lists[0].items.len(), 2);
    // The catalog group value without children is still a payload (with nothing in it).
    let set = set_of(&[("odd.json".to_owned(), cases[8].as_bytes().to_vec())]);
    let m = build(&set);
    assert_eq!(m.sso_payloads.len(), 2);
    assert_eq!(m.sso_payloads[1].extension_data.entries.len(), 1);
    assert_eq!(
        m.sso_payloads[1].extension_data.entries[0].value.value,
        ExtensionValue::Other(ValueKind::Null)
    );
}

/// Deeply nested Settings Catalog groups (up to the depth limit) are walked without recursion.
#[test]
fn deep_settings_catalog_nesting() {
    let depth = 30; // 4 levels each: close to the default depth limit of 128
    let mut inner = String::from(
        "{\"settingDefinitionId\": \"com.apple.extensiblesso_com.apple.extensiblesso\", \"groupSettingCollectionValue\": [{\"children\": []}]}",
    );
    for _ in 0..depth {
        inner = format!(
            "{{\"settingDefinitionId\": \"x\", \"groupSettingCollectionValue\": [{{\"children\": [{inner}]}}]}}"
        );
    }
    let text =
        format!("{{\"name\": \"deep\", \"platforms\": \"iOS\", \"settings\": [{{\"settingInstance\": {inner}}}]}}");
    let set = set_of(&[("deep.json".to_owned(), text.into_bytes())]);
    let m = build(&set);
    assert_eq!(m.objects.len(), 1);
    assert_eq!(m.sso_payloads.len(), 1);
    assert_eq!(m.sso_payloads[0].platform, Platform::Ios);
}

// ---------------------------------------------------------------------------------------------
// Real corpus
// ---------------------------------------------------------------------------------------------

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "note: {} does not exist; skipping the real-corpus checks",
            dir.display()
        );
        None
    }
}

fn corpus_set(dir: &Path, name: &str) -> LintSet {
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    set_of(&[(name.to_owned(), bytes)])
}

fn entry_summary(p: &SsoPayload) -> Vec<(String, ValueKind, String)> {
    p.extension_data
        .entries
        .iter()
        .map(|e| (e.key.value.clone(), e.declared, value(&e.value.value)))
        .collect()
}

#[test]
fn real_corpus() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let expected_macos = vec![
        (
            "AppPrefixAllowList".to_owned(),
            ValueKind::String,
            "\"com.microsoft.,com.apple.\"".to_owned(),
        ),
        (
            "browser_sso_interaction_enabled".to_owned(),
            ValueKind::Integer,
            "1".to_owned(),
        ),
        (
            "disable_explicit_app_prompt".to_owned(),
            ValueKind::Integer,
            "1".to_owned(),
        ),
    ];
    for name in [
        "SkipToTheEndpoint__OpenIntuneBaseline__IntuneManagement-SettingsCatalog__MacOS - OIB - Authentication - D - Platform SSO - v1.0.json",
        "SkipToTheEndpoint__OpenIntuneBaseline__NativeImport__MacOS - OIB - Authentication - D - Platform SSO - v1.0.json",
    ] {
        let set = corpus_set(&dir, name);
        let m = build(&set);
        assert_eq!(m.objects.len(), 1, "{name}");
        assert_eq!(m.objects[0].kind, IntuneObjectKind::SettingsCatalog, "{name}");
        assert_eq!(m.sso_payloads.len(), 1, "{name}");
        let p = &m.sso_payloads[0];
        assert_eq!(p.origin, Origin::SettingsCatalog, "{name}");
        assert_eq!(p.platform, Platform::Macos, "{name}");
        assert_eq!(
            p.extension_identifier.as_ref().map(|s| s.value.as_str()),
            Some("com.microsoft.CompanyPortalMac.ssoextension"),
            "{name}"
        );
        assert_eq!(
            p.team_identifier.as_ref().map(|s| s.value.as_str()),
            Some("UBF8T346G9"),
            "{name}"
        );
        assert_eq!(p.sso_type.as_ref().map(|s| s.value.as_str()), Some("Redirect"), "{name}");
        assert_eq!(p.urls.len(), 3, "{name}");
        assert!(p.platform_sso.is_some(), "{name}");
        assert_eq!(entry_summary(p), expected_macos, "{name}");
        assert!(p.microsoft, "{name}");
        assert!(m.unrecognized.is_empty(), "{name}");
    }
    // IntuneManagement exports the assignments inline: `[]` means "none", not "unknown".
    let set = corpus_set(
        &dir,
        "SkipToTheEndpoint__OpenIntuneBaseline__IntuneManagement-SettingsCatalog__MacOS - OIB - Authentication - D - Platform SSO - v1.0.json",
    );
    assert_eq!(build(&set).objects[0].assignments, Some(Vec::new()));

    // Three levels of JSON-in-strings: Azure-Table row → `JSON` → `RAWJson` (a catalog policy
    // without `@odata.type`).
    let set = corpus_set(&dir, "sjkanon__IntuneBackup__Baseline_IOS_D_Enterprise_SSO.json");
    let m = build(&set);
    assert_eq!(m.objects.len(), 1);
    assert_eq!(m.sso_payloads.len(), 1);
    let p = &m.sso_payloads[0];
    assert_eq!(p.platform, Platform::Ios);
    assert!(set.doc(p.doc).unwrap().embedding().is_some());
    let device_registration = p.extension_data.get("device_registration").unwrap();
    assert_eq!(
        device_registration.value.value,
        ExtensionValue::String("{{DEVICEREGISTRATION}}".to_owned())
    );
    assert_eq!(device_registration.declared, ValueKind::String);
    let d = set.doc(p.doc).unwrap();
    assert_eq!(
        d.slice(device_registration.value.inner().unwrap()),
        Some("{{DEVICEREGISTRATION}}")
    );
    assert_eq!(p.urls.len(), 7);
    assert_eq!(p.sso_type.as_ref().map(|s| s.value.as_str()), Some("Redirect"));
    assert!(m.unrecognized.is_empty(), "the wrappers hold a policy");

    let set = corpus_set(&dir, "sjkanon__IntuneBackup__iOS-Corporate-ADE-Baseline.json");
    let m = build(&set);
    assert_eq!(m.enrollment_profiles.len(), 1);
    let e = &m.enrollment_profiles[0];
    assert_eq!(e.requires_user_authentication.as_ref().map(|b| b.value), Some(true));
    assert_eq!(
        e.enable_authentication_via_company_portal.as_ref().map(|b| b.value),
        Some(true)
    );
    assert_eq!(
        e.require_company_portal_on_setup_assistant_enrolled_devices
            .as_ref()
            .map(|b| b.value),
        Some(true)
    );
    assert_eq!(m.objects[0].platform, Platform::Ios);

    let set = corpus_set(
        &dir,
        "SkipToTheEndpoint__OpenIntuneBaseline__iOS - Baseline - BYOD - App Protection.json",
    );
    let m = build(&set);
    assert_eq!(m.objects.len(), 1, "nested `apps[]` objects are not top-level objects");
    assert_eq!(m.objects[0].kind, IntuneObjectKind::Other);
    assert_eq!(
        m.objects[0].odata_type.as_deref(),
        Some("microsoft.graph.iosManagedAppProtection")
    );
    assert_eq!(m.objects[0].platform, Platform::Ios);
    assert_eq!(m.objects[0].assignments, Some(Vec::new()));
    assert!(m.sso_payloads.is_empty() && m.apps.is_empty());
}

#[test]
fn macos_enrollment_profile_reads_the_setup_switches() {
    let set = one("enrollment/ade-macos.json");
    let m = build(&set);
    assert_eq!(m.enrollment_profiles.len(), 1);
    let e = &m.enrollment_profiles[0];
    assert_eq!(m.objects[e.object].platform, Platform::Macos);
    assert_eq!(m.objects[e.object].kind, IntuneObjectKind::EnrollmentProfile);
    let value = |f: &Option<profilelint::model::Spanned<bool>>| f.as_ref().map(|b| b.value);
    assert_eq!(value(&e.requires_user_authentication), Some(true));
    assert_eq!(value(&e.await_device_configured_confirmation), Some(true));
    assert_eq!(value(&e.profile_removal_disabled), Some(true));
    assert_eq!(value(&e.use_platform_sso_during_setup_assistant), Some(false));
}
