//! The plist half of the document model: profiles, bare payloads, `com.apple.extensiblesso`
//! payloads, platform inference and Microsoft detection, over XML (LF and CRLF), binary, signed and
//! embedded (Intune custom profile) plists.
//!
//! Snapshots are compact, hand-readable summaries (see [`summary`]) rather than `Debug` dumps, so
//! a reviewer can check each one against its fixture.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use profilelint::model::{
    self, BundleListKind, ExtensionValue, Model, ModelOptions, Origin, Platform, PlatformSource, Spanned, SsoPayload,
};
use profilelint::Document;
use profilelint::Format;
use profilelint::{DocId, FileOrigin, Limits, LintSet, Span};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/model/plist")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// A lint set of the given `(name, bytes)` files, all named explicitly.
fn set_of(files: &[(&str, &[u8])]) -> LintSet {
    let mut set = LintSet::new(Limits::default());
    for (name, bytes) in files {
        set.add_bytes(*name, bytes, FileOrigin::Named);
    }
    assert!(
        set.input_diagnostics().is_empty(),
        "input diagnostics: {:#?}",
        set.input_diagnostics()
    );
    set
}

fn build(set: &LintSet) -> Model {
    model::build(set, &ModelOptions::default())
}

fn build_with(set: &LintSet, platform: Platform) -> Model {
    model::build(
        set,
        &ModelOptions {
            platform: Some(platform),
            ..ModelOptions::default()
        },
    )
}

fn doc(set: &LintSet, id: DocId) -> &Document {
    set.doc(id).expect("document id from the model")
}

/// `line:col` of a span's start, or `-` without text positions.
fn pos(doc: &Document, span: Option<Span>) -> String {
    match span.and_then(|s| doc.line_col(s.start)) {
        Some(lc) => format!("{}:{}", lc.line, lc.column),
        None => "-".to_owned(),
    }
}

fn spanned(doc: &Document, s: &Option<Spanned<String>>) -> String {
    match s {
        Some(s) => format!("{:?} @ {}", s.value, pos(doc, s.span())),
        None => "-".to_owned(),
    }
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

/// The key path of a node, `(root)` for the root.
fn path(doc: &Document, node: profilelint::internals::syntax::NodeId) -> String {
    let path = doc.key_path(node);
    if path.is_empty() {
        "(root)".to_owned()
    } else {
        path
    }
}

fn platform_name(p: Platform) -> &'static str {
    p.display_name()
}

fn source_name(s: PlatformSource) -> &'static str {
    match s {
        PlatformSource::Config => "config",
        PlatformSource::Intune => "intune",
        PlatformSource::ExtensionIdentifier => "extension-identifier",
        PlatformSource::MacosOnlyKey => "macos-only-key",
        PlatformSource::Unknown => "unknown",
    }
}

fn origin_name(o: Origin) -> &'static str {
    match o {
        Origin::Mobileconfig => "mobileconfig",
        Origin::DeviceFeatures => "device-features",
        Origin::SettingsCatalog => "settings-catalog",
        Origin::CustomProfile => "custom-profile",
        Origin::Declaration => "declaration",
    }
}

/// Checks the span invariants of one payload (comma-list items and spanned strings cover exactly
/// their text when the text has no escapes) and returns it summarised, one fact per line.
fn payload_summary(set: &LintSet, p: &SsoPayload) -> String {
    let d = doc(set, p.doc);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str("  ");
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "sso payload `{}` @ {}",
        path(d, p.node),
        pos(d, d.tree().span(p.node))
    ));
    line(format!("  origin: {}", origin_name(p.origin)));
    line(format!(
        "  platform: {} ({})",
        platform_name(p.platform),
        source_name(p.platform_source)
    ));
    line(format!("  microsoft: {}", p.microsoft));
    line(format!("  profile: {:?}, object: {:?}", p.profile, p.object));
    line(format!(
        "  extension_identifier: {}",
        spanned(d, &p.extension_identifier)
    ));
    line(format!("  team_identifier: {}", spanned(d, &p.team_identifier)));
    line(format!("  type: {}", spanned(d, &p.sso_type)));
    line(format!("  realm: {}", spanned(d, &p.realm)));
    line(format!(
        "  urls: {}",
        p.urls_node.map_or("-".to_owned(), |n| format!("`{}`", d.key_path(n)))
    ));
    for u in &p.urls {
        line(format!("    {:?} @ {}", u.value, pos(d, u.span())));
    }
    line(format!("  hosts:{}", if p.hosts.is_empty() { " -" } else { "" }));
    for h in &p.hosts {
        line(format!("    {:?} @ {}", h.value, pos(d, h.span())));
    }
    line(format!(
        "  platform_sso: {}",
        p.platform_sso
            .map_or("-".to_owned(), |n| format!("`{}`", d.key_path(n)))
    ));
    let data = &p.extension_data;
    line(format!(
        "  extension_data: {:?} {}",
        data.form,
        data.node.map_or("absent".to_owned(), |n| format!(
            "`{}` ({})",
            d.key_path(n),
            d.tree().value(n).map_or("?".to_owned(), |v| v.kind().to_string())
        ))
    ));
    for e in data.entries.iter() {
        assert_eq!(e.key.node, e.value.node, "an entry's key names its value node");
        assert_eq!(e.entry_node, e.value.node);
        assert!(e.type_declaration.is_none());
        assert_eq!(e.declared, e.value.value.kind());
        if let (Some(inner), Some(text)) = (e.key.inner(), d.text()) {
            assert_eq!(&text[inner.start..inner.end], e.key.value, "key inner span");
        }
        line(format!(
            "    {:?}: {} = {} @ `{}` {} (key {})",
            e.key.value,
            e.declared,
            value(&e.value.value),
            d.key_path(e.value.node),
            pos(d, e.value.span()),
            pos(d, e.key.span()),
        ));
    }
    line(format!(
        "  bundle_lists:{}",
        if p.bundle_lists.is_empty() { " -" } else { "" }
    ));
    for list in &p.bundle_lists {
        line(format!(
            "    {} ({:?}) `{}`",
            list.kind.key(),
            list.form,
            d.key_path(list.node)
        ));
        for item in &list.items {
            let text = match (item.span, d.text()) {
                (Some(span), Some(text)) => {
                    let t = &text[span.start..span.end];
                    assert_eq!(t, item.raw, "an item's span covers exactly its raw text");
                    format!("span {} {t:?}", pos(d, Some(span)))
                }
                (Some(_), None) => panic!("a span without text"),
                (None, _) => "no span".to_owned(),
            };
            line(format!("      {:?} ({text})", item.raw));
        }
    }
    out
}

/// The whole model of a lint set, document by document.
fn summary(set: &LintSet, model: &Model) -> String {
    let mut out = String::new();
    for (index, d) in set.documents().iter().enumerate() {
        let id = DocId::from_index(index);
        out.push_str(&format!(
            "document {index} `{}` ({}){}\n",
            d.path(),
            d.format().name(),
            match d.embedding() {
                Some(e) => format!(
                    " embedded in {} at `{}` ({:?})",
                    e.parent.index(),
                    doc(set, e.parent).key_path(e.node),
                    e.kind
                ),
                None => String::new(),
            }
        ));
        for (pi, profile) in model.profiles.iter().enumerate().filter(|(_, p)| p.doc == id) {
            let payloads: Vec<String> = profile.payloads.iter().map(|&n| format!("`{}`", path(d, n))).collect();
            out.push_str(&format!(
                "  profile {pi}: is_profile={} payloads=[{}]\n",
                profile.is_profile,
                payloads.join(", ")
            ));
        }
        for p in model.sso_payloads.iter().filter(|p| p.doc == id) {
            out.push_str(&payload_summary(set, p));
        }
    }
    let unrecognized: Vec<usize> = model.unrecognized.iter().map(|d| d.index()).collect();
    out.push_str(&format!("unrecognized: {unrecognized:?}\n"));
    out
}

/// Wraps payload-level XML in a one-payload profile; `top` adds top-level keys.
fn profile_xml(payload: &str, top: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
		<dict>
			<key>PayloadType</key>
			<string>com.apple.extensiblesso</string>
{payload}
		</dict>
	</array>
	<key>PayloadType</key>
	<string>Configuration</string>
{top}
</dict>
</plist>
"#
    )
}

/// The only SSO payload of a one-file lint set built from `xml`.
fn only_payload(xml: &str, options: &ModelOptions) -> SsoPayload {
    let set = set_of(&[("inline.mobileconfig", xml.as_bytes())]);
    let model = model::build(&set, options);
    assert_eq!(model.sso_payloads.len(), 1, "{}", summary(&set, &model));
    model.sso_payloads.into_iter().next().expect("one payload")
}

fn ext_id(id: &str) -> String {
    format!("\t\t\t<key>ExtensionIdentifier</key>\n\t\t\t<string>{id}</string>\n\t\t\t<key>Type</key>\n\t\t\t<string>Redirect</string>")
}

/// An Intune custom profile (Graph JSON) whose base64 `payload` holds `plist`.
fn custom_profile_json(odata_type: &str, plist: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(plist);
    format!(
        r#"{{
  "@odata.type": "{odata_type}",
  "id": "7f9b2c1e-0000-4000-8000-000000000001",
  "displayName": "Contoso SSO (custom)",
  "payloadName": "sso",
  "payloadFileName": "sso.mobileconfig",
  "payload": "{b64}"
}}
"#
    )
}

// ---------------------------------------------------------------------------------------------
// Snapshots of every fixture
// ---------------------------------------------------------------------------------------------

fn snapshot_fixture(name: &str) -> String {
    let bytes = fixture(name);
    let set = set_of(&[(name, &bytes)]);
    summary(&set, &build(&set))
}

#[test]
fn ios_jit() {
    insta::assert_snapshot!(snapshot_fixture("ios_jit.mobileconfig"));
}

#[test]
fn macos_company_portal() {
    insta::assert_snapshot!(snapshot_fixture("macos_company_portal.mobileconfig"));
}

#[test]
fn two_payloads() {
    insta::assert_snapshot!(snapshot_fixture("two_payloads.mobileconfig"));
}

#[test]
fn bare_payload() {
    insta::assert_snapshot!(snapshot_fixture("bare_payload.plist"));
}

#[test]
fn extension_data_array() {
    insta::assert_snapshot!(snapshot_fixture("extension_data_array.mobileconfig"));
}

#[test]
fn comma_lists() {
    insta::assert_snapshot!(snapshot_fixture("comma_lists.mobileconfig"));
}

#[test]
fn crlf_reads_like_lf() {
    let lf = fixture("ios_jit.mobileconfig");
    let crlf = fixture("ios_jit_crlf.mobileconfig");
    assert!(
        String::from_utf8_lossy(&crlf).contains("\r\n"),
        "the CRLF fixture lost its CRLF line ends (check git's autocrlf)"
    );
    let lf_set = set_of(&[("x.mobileconfig", &lf)]);
    let crlf_set = set_of(&[("x.mobileconfig", &crlf)]);
    // Same lines and columns, same values; only byte offsets differ.
    assert_eq!(summary(&lf_set, &build(&lf_set)), summary(&crlf_set, &build(&crlf_set)));
    // And the offsets are right for the CRLF text.
    let model = build(&crlf_set);
    let d = doc(&crlf_set, DocId::from_index(0));
    let p = &model.sso_payloads[0];
    let id = p.extension_identifier.as_ref().unwrap();
    assert_eq!(
        d.slice(id.inner().unwrap()),
        Some("com.microsoft.azureauthenticator.ssoextension")
    );
    assert_eq!(
        d.slice(id.span().unwrap()),
        Some("<string>com.microsoft.azureauthenticator.ssoextension</string>")
    );
    let list = &p.bundle_lists[0];
    for item in &list.items {
        assert_eq!(d.slice(item.span.unwrap()), Some(item.raw.as_str()));
    }
}

#[test]
fn binary_plist_from_xml() {
    let xml = fixture("ios_jit.mobileconfig");
    let value = plist::Value::from_reader_xml(xml.as_slice()).unwrap();
    let mut bytes = Vec::new();
    value.to_writer_binary(&mut bytes).unwrap();
    assert!(bytes.starts_with(b"bplist00"));
    let set = set_of(&[("ios_jit.bplist.mobileconfig", &bytes)]);
    assert_eq!(set.documents()[0].format(), Format::BinaryPlist);
    let model = build(&set);
    let p = &model.sso_payloads[0];
    assert!(p.extension_identifier.as_ref().unwrap().span().is_none());
    assert!(p.bundle_lists[0].items.iter().all(|i| i.span.is_none()));
    insta::assert_snapshot!(summary(&set, &model));
}

#[test]
fn signed_profile() {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/signed/sso-der.mobileconfig"))
        .unwrap();
    let set = set_of(&[("sso-der.mobileconfig", &bytes)]);
    assert_eq!(set.documents()[0].format(), Format::SignedXmlPlist);
    let model = build(&set);
    assert_eq!(model.profiles.len(), 1);
    assert_eq!(model.sso_payloads.len(), 1);
    let p = &model.sso_payloads[0];
    assert_eq!(p.origin, Origin::Mobileconfig);
    assert!(p.microsoft);
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Ios, PlatformSource::ExtensionIdentifier)
    );
    // Spans refer to the signed content's text.
    let d = doc(&set, p.doc);
    let id = p.extension_identifier.as_ref().unwrap();
    assert_eq!(d.slice(id.inner().unwrap()), Some(id.value.as_str()));
    assert!(model.unrecognized.is_empty());
}

#[test]
fn embedded_custom_profile() {
    // The macOS Company Portal profile inside an *iOS* custom profile: what Intune delivers to wins
    // over the extension id, the macOS-only keys and the config.
    let plist = fixture("macos_company_portal.mobileconfig");
    let json = custom_profile_json("#microsoft.graph.iosCustomConfiguration", &plist);
    let set = set_of(&[("custom.json", json.as_bytes())]);
    assert_eq!(set.documents().len(), 2, "the payload is an embedded document");
    let model = build_with(&set, Platform::Macos);
    assert_eq!(model.profiles.len(), 1);
    assert_eq!(model.sso_payloads.len(), 1, "{}", summary(&set, &model));
    let p = &model.sso_payloads[0];
    assert_eq!(p.doc, DocId::from_index(1));
    assert_eq!(p.origin, Origin::CustomProfile);
    // When the Intune extractor recognised the custom profile object, the payload points at it.
    match p.object {
        Some(i) => assert_eq!(model.objects[i].doc, DocId::from_index(0)),
        None => assert!(model.objects.is_empty()),
    }
    assert_eq!((p.platform, p.platform_source), (Platform::Ios, PlatformSource::Intune));
    assert!(p.microsoft);
    assert!(
        model.unrecognized.is_empty(),
        "neither the JSON nor its payload is unrecognized"
    );
    // The key path inside the embedded document is the payload's own.
    assert_eq!(doc(&set, p.doc).key_path(p.node), "PayloadContent[0]");

    // The macOS custom profile.
    let plist = fixture("ios_jit.mobileconfig");
    let json = custom_profile_json("microsoft.graph.macOSCustomConfiguration", &plist);
    let set = set_of(&[("custom.json", json.as_bytes())]);
    let model = build(&set);
    let p = &model.sso_payloads[0];
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Macos, PlatformSource::Intune)
    );

    // A custom profile stored as a JSON string by a backup tool: three documents (wrapper, the
    // Graph object in the string, the base64 payload); none is unrecognized, since the wrapper's
    // embedded documents yielded something.
    let inner = custom_profile_json("#microsoft.graph.iosCustomConfiguration", &plist);
    let wrapper = serde_json::json!({ "PartitionKey": "IOS", "JSON": inner }).to_string();
    let set = set_of(&[("backup.json", wrapper.as_bytes())]);
    assert_eq!(set.documents().len(), 3);
    let model = build(&set);
    assert!(model.unrecognized.is_empty(), "{:?}", model.unrecognized);
    let p = &model.sso_payloads[0];
    assert_eq!(p.doc, DocId::from_index(2));
    assert_eq!((p.platform, p.platform_source), (Platform::Ios, PlatformSource::Intune));

    // A custom profile without `@odata.type` (found by `payloadFileName`) has no Intune platform:
    // the chain goes on to the extension id.
    let b64 = base64::engine::general_purpose::STANDARD.encode(&plist);
    let json = format!(r#"{{"payloadFileName": "sso.mobileconfig", "payload": "{b64}"}}"#);
    let set = set_of(&[("custom.json", json.as_bytes())]);
    let model = build(&set);
    let p = &model.sso_payloads[0];
    assert_eq!(p.origin, Origin::CustomProfile);
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Ios, PlatformSource::ExtensionIdentifier)
    );
}

// ---------------------------------------------------------------------------------------------
// Platform inference, branch by branch
// ---------------------------------------------------------------------------------------------

#[test]
fn platform_from_config_beats_content() {
    let bytes = fixture("ios_jit.mobileconfig");
    let set = set_of(&[("ios.mobileconfig", &bytes)]);
    let p = &build_with(&set, Platform::Macos).sso_payloads[0];
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Macos, PlatformSource::Config)
    );
    let p = &build_with(&set, Platform::Ios).sso_payloads[0];
    assert_eq!((p.platform, p.platform_source), (Platform::Ios, PlatformSource::Config));
    // `Unknown` given as config answers nothing.
    let p = &build_with(&set, Platform::Unknown).sso_payloads[0];
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Ios, PlatformSource::ExtensionIdentifier)
    );
}

#[test]
fn platform_from_extension_identifier() {
    let none = ModelOptions::default();
    let cases = [
        ("com.microsoft.azureauthenticator.ssoextension", Platform::Ios),
        ("com.microsoft.CompanyPortalMac.ssoextension", Platform::Macos),
        // Wrong case and small typos (edit distance ≤ 3) count as the id they resemble.
        ("COM.MICROSOFT.AZUREAUTHENTICATOR.SSOEXTENSION", Platform::Ios),
        ("com.microsoft.azureauthenticator.ssoextention", Platform::Ios),
        ("com.microsoft.companyportalmac.sso-ext", Platform::Unknown),
        ("com.microsoft.CompanyPortal.ssoextension", Platform::Macos),
        ("com.microsoft.azureauthentcator.sso", Platform::Unknown),
    ];
    for (id, expected) in cases {
        let p = only_payload(&profile_xml(&ext_id(id), ""), &none);
        let source = if expected == Platform::Unknown {
            PlatformSource::Unknown
        } else {
            PlatformSource::ExtensionIdentifier
        };
        assert_eq!((p.platform, p.platform_source), (expected, source), "{id}");
    }
    // The extension id ranks above macOS-only keys: the iOS id with PlatformSSO is still iOS.
    let payload = format!(
        "{}\n\t\t\t<key>PlatformSSO</key>\n\t\t\t<dict/>",
        ext_id("com.microsoft.azureauthenticator.ssoextension")
    );
    let p = only_payload(&profile_xml(&payload, ""), &none);
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Ios, PlatformSource::ExtensionIdentifier)
    );
}

#[test]
fn platform_from_macos_only_keys() {
    let none = ModelOptions::default();
    let okta = ext_id("com.okta.mobile.auth-service-extension");
    let payload_keys = [
        "<key>PlatformSSO</key><dict><key>AuthenticationMethod</key><string>Password</string></dict>",
        // Any kind counts: the key's presence is what says macOS.
        "<key>PlatformSSO</key><string>oops</string>",
        "<key>RegistrationToken</key><string>{{DEVICEREGISTRATION}}</string>",
        "<key>AuthenticationMethod</key><string>Password</string>",
    ];
    for keys in payload_keys {
        let p = only_payload(&profile_xml(&format!("{okta}\n{keys}"), ""), &none);
        assert_eq!(
            (p.platform, p.platform_source),
            (Platform::Macos, PlatformSource::MacosOnlyKey),
            "{keys}"
        );
        assert!(!p.microsoft);
    }
    // `PayloadScope` at the profile's top level.
    let p = only_payload(
        &profile_xml(&okta, "<key>PayloadScope</key><string>User</string>"),
        &none,
    );
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Macos, PlatformSource::MacosOnlyKey)
    );
    // `PayloadScope` inside the payload is not the top level; `TeamIdentifier` is allowed on iOS.
    for keys in [
        "<key>PayloadScope</key><string>User</string>",
        "<key>TeamIdentifier</key><string>B7F62B65BN</string>",
    ] {
        let p = only_payload(&profile_xml(&format!("{okta}\n{keys}"), ""), &none);
        assert_eq!(
            (p.platform, p.platform_source),
            (Platform::Unknown, PlatformSource::Unknown),
            "{keys}"
        );
    }
    // `RegistrationToken` inside `PlatformSSO` still says macOS (through `PlatformSSO`).
    let keys = "<key>PlatformSSO</key><dict><key>RegistrationToken</key><string>x</string></dict>";
    let p = only_payload(&profile_xml(&format!("{okta}\n{keys}"), ""), &none);
    assert_eq!(p.platform, Platform::Macos);
    // A bare payload's own `PayloadScope` is its top level.
    let bare = br#"<plist version="1.0"><dict>
        <key>PayloadType</key><string>com.apple.extensiblesso</string>
        <key>ExtensionIdentifier</key><string>com.example.sso</string>
        <key>PayloadScope</key><string>System</string>
    </dict></plist>"#;
    let set = set_of(&[("bare.plist", bare)]);
    let p = &build(&set).sso_payloads[0];
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Macos, PlatformSource::MacosOnlyKey)
    );
}

#[test]
fn platform_unknown_without_clues() {
    let p = only_payload(&profile_xml(&ext_id("com.example.sso"), ""), &ModelOptions::default());
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Unknown, PlatformSource::Unknown)
    );
    // No extension id at all.
    let p = only_payload(&profile_xml("", ""), &ModelOptions::default());
    assert_eq!(
        (p.platform, p.platform_source),
        (Platform::Unknown, PlatformSource::Unknown)
    );
    assert!(p.extension_identifier.is_none());
}

// ---------------------------------------------------------------------------------------------
// Microsoft SSO payload detection, criterion by criterion
// ---------------------------------------------------------------------------------------------

#[test]
fn microsoft_detection() {
    let none = ModelOptions::default();
    let is_ms = |payload: &str| only_payload(&profile_xml(payload, ""), &none).microsoft;

    // Extension id starting with `com.microsoft.` (any case, surrounding spaces ignored).
    assert!(is_ms(&ext_id("com.microsoft.some.future.extension")));
    assert!(is_ms(&ext_id(" Com.Microsoft.CompanyPortalMac.ssoextension ")));
    // Within edit distance 3 of a Microsoft id, without the prefix.
    assert!(is_ms(&ext_id("com.micrsoft.azureauthenticator.ssoextension")));
    assert!(is_ms(&ext_id("com.microsfot.CompanyPortalMac.ssoextension")));
    assert!(!is_ms(&ext_id("com.msft.azureauthenticator.extension")));

    // Only a Microsoft ExtensionData key: exact, trimmed or case-insensitive.
    let okta = ext_id("com.okta.mobile.auth-service-extension");
    for key in [
        "device_registration",
        "Device_Registration ",
        " BROWSER_SSO_INTERACTION_ENABLED",
        "AppPrefixAllowList",
    ] {
        let payload = format!("{okta}<key>ExtensionData</key><dict><key>{key}</key><string>x</string></dict>");
        assert!(is_ms(&payload), "{key:?}");
    }
    let payload = format!("{okta}<key>ExtensionData</key><dict><key>device_registraton</key><string>x</string></dict>");
    assert!(!is_ms(&payload), "a misspelt key alone is not enough");

    // Only a Microsoft login URL (any cloud, legacy included; host compared case-insensitively).
    for url in [
        "https://login.microsoftonline.com",
        "https://LOGIN.MICROSOFT.COM/",
        "https://login.microsoftonline.us/contoso",
        "https://login.chinacloudapi.cn",
        "https://login.windows.net",
    ] {
        let payload = format!(
            "{}<key>URLs</key><array><string>{url}</string></array>",
            ext_id("com.example.sso")
        );
        assert!(is_ms(&payload), "{url}");
    }
    let payload = format!(
        "{}<key>URLs</key><array><string>https://login.microsoftonline.com.evil.example</string></array>",
        ext_id("com.example.sso")
    );
    assert!(!is_ms(&payload));

    // Non-Microsoft vendors.
    let okta_payload = format!(
        "{okta}<key>TeamIdentifier</key><string>B7F62B65BN</string><key>URLs</key><array><string>https://contoso.okta.com/oauth2/v1/token</string></array>"
    );
    assert!(!is_ms(&okta_payload));
    let kerberos = "<key>ExtensionIdentifier</key><string>com.apple.AppSSOKerberos.KerberosExtension</string>\
        <key>Type</key><string>Credential</string><key>Realm</key><string>CONTOSO.COM</string>\
        <key>ExtensionData</key><dict><key>siteCode</key><string>HQ</string></dict>";
    assert!(!is_ms(kerberos));
}

// ---------------------------------------------------------------------------------------------
// Bundle lists and spans
// ---------------------------------------------------------------------------------------------

#[test]
fn comma_list_spans() {
    let bytes = fixture("comma_lists.mobileconfig");
    let set = set_of(&[("lists.mobileconfig", &bytes)]);
    let model = build(&set);
    let d = doc(&set, DocId::from_index(0));
    let text = d.text().unwrap();
    let p = &model.sso_payloads[0];
    let kinds: Vec<BundleListKind> = p.bundle_lists.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            BundleListKind::AppAllowList,
            BundleListKind::AppBlockList,
            BundleListKind::AppPrefixAllowList,
            BundleListKind::AppBlockList
        ],
        "the integer AppCookieSSOAllowList is no list; the duplicate AppBlockList is kept"
    );
    // `&amp;`: text and value differ, so no item spans.
    let allow = &p.bundle_lists[0];
    let raws: Vec<&str> = allow.items.iter().map(|i| i.raw.as_str()).collect();
    assert_eq!(raws, ["com.contoso.R&D", "com.contoso.crm"]);
    assert!(allow.items.iter().all(|i| i.span.is_none()));
    // Plain text: every item's span covers exactly its raw text, whitespace and empties included.
    let block = &p.bundle_lists[1];
    let raws: Vec<&str> = block.items.iter().map(|i| i.raw.as_str()).collect();
    assert_eq!(
        raws,
        ["com.apple.mobilesafari", " com.contoso.games", "", "com.contoso.chat "]
    );
    for item in &block.items {
        let span = item.span.unwrap();
        assert_eq!(&text[span.start..span.end], item.raw);
        assert_eq!(item.node, block.node);
    }
    assert_eq!(block.items[1].id(), "com.contoso.games");
    // Array form: element content spans and element nodes.
    let prefixes = &p.bundle_lists[2];
    assert_eq!(prefixes.form, model::BundleListForm::Array);
    for (item, &element) in prefixes.items.iter().zip(d.tree().elements(prefixes.node)) {
        assert_eq!(item.node, element);
        assert_eq!(&text[item.span.unwrap().start..item.span.unwrap().end], item.raw);
    }
    // An empty string is an empty list.
    assert!(p.bundle_lists[3].items.is_empty());
    // URLs keep only the string elements; the container node is still known.
    assert_eq!(p.urls.len(), 3);
    assert_eq!(d.tree().elements(p.urls_node.unwrap()).len(), 4);
}

// ---------------------------------------------------------------------------------------------
// What is a profile, and what is unrecognized
// ---------------------------------------------------------------------------------------------

#[test]
fn profile_shapes_and_unrecognized() {
    let files: [(&str, &[u8]); 8] = [
        // 0: scalar root → unrecognized.
        ("scalar.plist", b"<plist version=\"1.0\"><string>hello</string></plist>"),
        // 1: dict with neither PayloadContent nor PayloadType → unrecognized.
        ("prefs.plist", b"<plist version=\"1.0\"><dict><key>Foo</key><true/></dict></plist>"),
        // 2: Configuration without PayloadContent → a profile with no payloads.
        ("empty.mobileconfig", b"<plist version=\"1.0\"><dict><key>PayloadType</key><string>Configuration</string></dict></plist>"),
        // 3: PayloadContent that is not an array, and no PayloadType → a profile with no payloads.
        ("odd.mobileconfig", b"<plist version=\"1.0\"><dict><key>PayloadContent</key><dict/></dict></plist>"),
        // 4: PayloadContent with non-dict elements: only dicts are payloads.
        (
            "mixed.mobileconfig",
            b"<plist version=\"1.0\"><dict><key>PayloadContent</key><array><string>x</string><dict><key>PayloadType</key><string>com.apple.dnsSettings.managed</string></dict><array/></array></dict></plist>",
        ),
        // 5: a bare payload with a PayloadType of the wrong kind is still a bare payload.
        ("bare.plist", b"<plist version=\"1.0\"><dict><key>PayloadType</key><integer>3</integer></dict></plist>"),
        // 6: JSON with nothing Intune in it → unrecognized (no Intune object), but the JSON string
        // inside it (embedded document 7) is just a string.
        ("notes.json", br#"{"note": "{\"a\": 1}"}"#),
        // 8 (document index): a payload that is not an extensiblesso payload.
        (
            "wifi.plist",
            b"<plist version=\"1.0\"><dict><key>PayloadType</key><string>com.apple.wifi.managed</string><key>SSID_STR</key><string>Contoso</string></dict></plist>",
        ),
    ];
    let set = set_of(&files);
    let model = build(&set);
    insta::assert_snapshot!(summary(&set, &model));
    assert!(model.sso_payloads.is_empty());
    let profile_docs: Vec<usize> = model.profiles.iter().map(|p| p.doc.index()).collect();
    assert_eq!(profile_docs, [2, 3, 4, 5, 8]);
    let unrecognized: Vec<usize> = model.unrecognized.iter().map(|d| d.index()).collect();
    assert_eq!(unrecognized, [0, 1, 6]);
}

#[test]
fn several_files_share_one_model() {
    let names = [
        "ios_jit.mobileconfig",
        "macos_company_portal.mobileconfig",
        "two_payloads.mobileconfig",
        "bare_payload.plist",
    ];
    let bytes: Vec<Vec<u8>> = names.iter().map(|n| fixture(n)).collect();
    let files: Vec<(&str, &[u8])> = names.iter().zip(&bytes).map(|(n, b)| (*n, b.as_slice())).collect();
    let set = set_of(&files);
    let model = build(&set);
    assert_eq!(model.profiles.len(), 4);
    assert_eq!(model.sso_payloads.len(), 5);
    // Each payload's `profile` indexes the profile of its own document.
    for p in &model.sso_payloads {
        let profile = &model.profiles[p.profile.unwrap()];
        assert_eq!(profile.doc, p.doc);
        assert!(profile.payloads.contains(&p.node));
    }
    let ms: Vec<bool> = model.sso_payloads.iter().map(|p| p.microsoft).collect();
    assert_eq!(ms, [true, true, false, true, false]);
}

#[test]
fn deep_nesting_does_not_overflow() {
    // Nested arrays right up to the depth limit inside ExtensionData and PayloadContent.
    let depth = Limits::default().max_depth - 6;
    let nested = format!("{}{}", "<array>".repeat(depth), "</array>".repeat(depth));
    let payload = format!(
        "{}<key>ExtensionData</key><dict><key>deep</key>{nested}</dict><key>URLs</key>{nested}<key>DeniedBundleIdentifiers</key>{nested}",
        ext_id("com.microsoft.azureauthenticator.ssoextension")
    );
    let p = only_payload(&profile_xml(&payload, ""), &ModelOptions::default());
    assert_eq!(
        p.extension_data.entries[0].value.value,
        ExtensionValue::Other(profilelint::internals::syntax::ValueKind::Array)
    );
    assert!(p.urls.is_empty());
    assert_eq!(p.bundle_lists.len(), 1);
    assert!(p.bundle_lists[0].items.is_empty());
}

// ---------------------------------------------------------------------------------------------
// The real-world corpus (when present beside the repository)
// ---------------------------------------------------------------------------------------------

#[test]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found; corpus test skipped", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("mobileconfig" | "plist")))
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "expected the plist corpus, found {} files",
        files.len()
    );

    // (file name part, SSO payloads, Microsoft?, platform)
    let expected: [(&str, usize, bool, Platform); 12] = [
        (
            "apple__device-management__com.apple.extensiblesso__example1",
            1,
            false,
            Platform::Unknown,
        ),
        (
            "apple__device-management__com.apple.extensiblesso(kerberos)__example1",
            1,
            false,
            Platform::Unknown,
        ),
        ("zblon__macos-platform-sso-entra__01", 1, true, Platform::Macos),
        ("zblon__macos-platform-sso-entra__02", 2, true, Platform::Macos),
        ("fleetdm__fleet__okta-sso-extension-example", 1, false, Platform::Macos),
        ("fleetdm__fleet__fleet-sso-extension-example", 1, false, Platform::Macos),
        ("fleetdm__fleet__company-portal-sso-extension", 1, true, Platform::Macos),
        (
            "fleetdm__fleet__company-portal-single-signon-extension",
            1,
            true,
            Platform::Macos,
        ),
        (
            "kandji-inc__support__Okta_PSSO_Configuration_Template_macOS13",
            1,
            false,
            Platform::Macos,
        ),
        (
            "kandji-inc__support__Okta_PSSO_Configuration_Template_macOS14",
            1,
            false,
            Platform::Macos,
        ),
        (
            "paulmillr__encrypted-dns__adguard-default-https",
            0,
            false,
            Platform::Unknown,
        ),
        (
            "paulmillr__encrypted-dns__signed__adguard-default-https",
            0,
            false,
            Platform::Unknown,
        ),
    ];
    let mut checked = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let set = set_of(&[(name.as_str(), &bytes)]);
        let model = build(&set);
        assert!(
            !model.profiles.is_empty(),
            "{name}: no profile\n{}",
            summary(&set, &model)
        );
        assert!(model.unrecognized.is_empty(), "{name}");
        let Some(&(_, count, microsoft, platform)) = expected.iter().find(|(part, ..)| name.starts_with(part)) else {
            continue;
        };
        checked += 1;
        let summary = summary(&set, &model);
        assert_eq!(model.sso_payloads.len(), count, "{name}\n{summary}");
        for p in &model.sso_payloads {
            assert_eq!(p.microsoft, microsoft, "{name}\n{summary}");
            assert_eq!(p.platform, platform, "{name}\n{summary}");
            assert_eq!(p.origin, Origin::Mobileconfig);
        }
    }
    assert_eq!(checked, expected.len(), "every expected corpus file was found");
}
