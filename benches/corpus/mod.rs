//! A deterministic generator of realistic inputs for profilelint's benchmarks: configuration
//! profiles (XML, binary and CMS-signed), Intune Graph JSON in the layouts of the common export
//! tools, and Graph collection files.
//!
//! Shared by the `gen_corpus` example (which writes export trees to disk) and the criterion
//! benches (which lint single generated documents in memory). Everything is derived from one seed
//! through a small xorshift generator, so a seed always yields the same bytes.
//!
//! The shapes follow what Apple Configurator, Intune and the export tools write: Apple-style
//! tab-indented XML plists, IntuneBackupAndRestore's PowerShell `ConvertTo-Json` layout (and its
//! UTF-16 files from Windows PowerShell), IntuneCD's inline assignments with `groupName`, and
//! minified Graph responses. A share of the documents carries one of the mistakes seen in real
//! deployments (wrong value types, trailing spaces, misspelt keys, a missing
//! `device_registration`, Authenticator not required, …), so the rules have findings to report.

#![allow(dead_code)]

pub mod cases;

use std::fmt::Write as _;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

/// xorshift64* — small, fast, and good enough to vary synthetic documents.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, zero included).
    pub fn new(seed: u64) -> Self {
        // SplitMix64 of the seed, so that nearby seeds give unrelated streams and zero is fine.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An upper-case UUID as Apple and Intune write them.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        format!(
            "{:08X}-{:04X}-4{:03X}-{:04X}-{:012X}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFF,
            0x8000 | (b >> 48) & 0x3FFF,
            b & 0xFFFF_FFFF_FFFF
        )
    }

    /// A lower-case UUID (Graph object ids).
    pub fn guid(&mut self) -> String {
        self.uuid().to_ascii_lowercase()
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(n);
        out
    }

    /// An ISO 8601 timestamp in 2023–2025, as Graph writes them.
    pub fn timestamp(&mut self) -> String {
        format!(
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z",
            self.range(2023, 2025),
            self.range(1, 12),
            self.range(1, 28),
            self.below(24),
            self.below(60),
            self.below(60),
            self.below(10_000_000)
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Mistakes
// ---------------------------------------------------------------------------------------------

/// A mistake seen in real profiles and exports; each generated SSO document carries at most one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mistake {
    /// A correct document.
    None,
    /// `browser_sso_interaction_enabled` as a string or boolean, `device_registration` as an integer.
    WrongType,
    /// A trailing space after a key or value (breaks JIT registration).
    TrailingSpace,
    /// `Enable_SSO_On_All_ManagedApp` (missing `s`).
    TypoKey,
    /// No `device_registration` at all.
    MissingDeviceRegistration,
    /// `{{DeviceRegistration}}`: mixed case, delivered as a literal.
    MixedCaseVariable,
    /// Authenticator listed among the apps allowed to use SSO.
    AuthenticatorListed,
    /// macOS Safari (`com.apple.Safari`) in an iOS list.
    WrongPlatformBundleId,
    /// `admin_debug_mode_enabled` left at 1.
    DebugModeOn,
    /// `PayloadVersion` written as a string, or a non-UUID `PayloadUUID`.
    PayloadKeys,
    /// Only three of the login URLs.
    MissingUrls,
    /// The profile is assigned to no group.
    Unassigned,
    /// Microsoft Authenticator is only *available*, not *required*.
    AuthenticatorNotRequired,
}

const MISTAKES: &[Mistake] = &[
    Mistake::WrongType,
    Mistake::TrailingSpace,
    Mistake::TypoKey,
    Mistake::MissingDeviceRegistration,
    Mistake::MixedCaseVariable,
    Mistake::AuthenticatorListed,
    Mistake::WrongPlatformBundleId,
    Mistake::DebugModeOn,
    Mistake::PayloadKeys,
    Mistake::MissingUrls,
    Mistake::Unassigned,
    Mistake::AuthenticatorNotRequired,
];

impl Mistake {
    /// A mistake with probability `percent`/100, else [`Mistake::None`].
    pub fn draw(rng: &mut Rng, percent: usize) -> Mistake {
        if rng.chance(percent) {
            *rng.pick(MISTAKES)
        } else {
            Mistake::None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Plist values and writers
// ---------------------------------------------------------------------------------------------

/// A plist value, keys in the order written (duplicates possible).
#[derive(Debug, Clone)]
pub enum P {
    /// `<dict>`.
    Dict(Vec<(String, P)>),
    /// `<array>`.
    Array(Vec<P>),
    /// `<string>`.
    Str(String),
    /// `<integer>`.
    Int(i64),
    /// `<real>`.
    Real(f64),
    /// `<true/>` / `<false/>`.
    Bool(bool),
    /// `<data>`.
    Data(Vec<u8>),
    /// `<date>`.
    Date(String),
}

fn s(v: impl Into<String>) -> P {
    P::Str(v.into())
}

fn kv(k: &str, v: P) -> (String, P) {
    (k.to_owned(), v)
}

fn escape_xml(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Writes `value` as an Apple-style XML plist (tab indentation, DOCTYPE, `version="1.0"`).
pub fn plist_xml(value: &P) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n",
    );
    out.push_str("<plist version=\"1.0\">\n");
    write_plist(value, 0, &mut out);
    out.push_str("</plist>\n");
    out
}

fn tabs(n: usize, out: &mut String) {
    for _ in 0..n {
        out.push('\t');
    }
}

fn write_plist(value: &P, depth: usize, out: &mut String) {
    tabs(depth, out);
    match value {
        P::Dict(entries) if entries.is_empty() => out.push_str("<dict/>\n"),
        P::Dict(entries) => {
            out.push_str("<dict>\n");
            for (k, v) in entries {
                tabs(depth + 1, out);
                out.push_str("<key>");
                escape_xml(k, out);
                out.push_str("</key>\n");
                write_plist(v, depth + 1, out);
            }
            tabs(depth, out);
            out.push_str("</dict>\n");
        }
        P::Array(items) if items.is_empty() => out.push_str("<array/>\n"),
        P::Array(items) => {
            out.push_str("<array>\n");
            for v in items {
                write_plist(v, depth + 1, out);
            }
            tabs(depth, out);
            out.push_str("</array>\n");
        }
        P::Str(text) => {
            out.push_str("<string>");
            escape_xml(text, out);
            out.push_str("</string>\n");
        }
        P::Int(i) => {
            let _ = writeln!(out, "<integer>{i}</integer>");
        }
        P::Real(r) => {
            let _ = writeln!(out, "<real>{r}</real>");
        }
        P::Bool(true) => out.push_str("<true/>\n"),
        P::Bool(false) => out.push_str("<false/>\n"),
        P::Date(d) => {
            let _ = writeln!(out, "<date>{d}</date>");
        }
        P::Data(bytes) => {
            // Apple wraps base64 at 52 columns (Configurator) with the element's indentation.
            out.push_str("<data>\n");
            let encoded = BASE64.encode(bytes);
            for chunk in encoded.as_bytes().chunks(52) {
                tabs(depth, out);
                out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
                out.push('\n');
            }
            tabs(depth, out);
            out.push_str("</data>\n");
        }
    }
}

fn to_plist_value(value: &P) -> plist::Value {
    match value {
        P::Dict(entries) => {
            let mut dict = plist::Dictionary::new();
            for (k, v) in entries {
                dict.insert(k.clone(), to_plist_value(v));
            }
            plist::Value::Dictionary(dict)
        }
        P::Array(items) => plist::Value::Array(items.iter().map(to_plist_value).collect()),
        P::Str(text) => plist::Value::String(text.clone()),
        P::Int(i) => plist::Value::Integer((*i).into()),
        P::Real(r) => plist::Value::Real(*r),
        P::Bool(b) => plist::Value::Boolean(*b),
        P::Data(d) => plist::Value::Data(d.clone()),
        P::Date(d) => plist::Date::from_xml_format(d).map_or_else(|_| plist::Value::String(d.clone()), Into::into),
    }
}

/// Writes `value` as a binary plist (`bplist00`).
pub fn plist_binary(value: &P) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail for values built here.
    let _ = to_plist_value(value).to_writer_binary(&mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// CMS: a checked-in signed profile with its content replaced
// ---------------------------------------------------------------------------------------------

/// A CMS SignedData profile (DER, content attached), signed by a discarded throw-away key.
pub const SIGNED_TEMPLATE: &[u8] = include_bytes!("../../tests/fixtures/signed/sso-der.mobileconfig");

/// One DER TLV: (tag byte, content range, whole range).
fn der_tlv(bytes: &[u8], at: usize) -> Option<(u8, std::ops::Range<usize>, std::ops::Range<usize>)> {
    let tag = *bytes.get(at)?;
    let first = *bytes.get(at + 1)? as usize;
    let (len, header) = if first < 0x80 {
        (first, 2)
    } else {
        let n = first & 0x7F;
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *bytes.get(at + 2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let start = at + header;
    let end = start.checked_add(len)?;
    (end <= bytes.len()).then_some((tag, start..end, at..end))
}

fn der_children(bytes: &[u8], content: std::ops::Range<usize>) -> Option<Vec<(u8, std::ops::Range<usize>)>> {
    let mut at = content.start;
    let mut out = Vec::new();
    while at < content.end {
        let (tag, _, whole) = der_tlv(bytes, at)?;
        at = whole.end;
        out.push((tag, whole));
    }
    Some(out)
}

fn der_encode(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u32).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (4 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// Re-encodes the TLV at `whole` with the child at index `child` replaced by `replacement`.
fn der_replace_child(bytes: &[u8], whole: std::ops::Range<usize>, child: usize, replacement: &[u8]) -> Option<Vec<u8>> {
    let (tag, content, _) = der_tlv(bytes, whole.start)?;
    let children = der_children(bytes, content)?;
    let mut inner = Vec::new();
    for (i, (_, range)) in children.iter().enumerate() {
        if i == child {
            inner.extend_from_slice(replacement);
        } else {
            inner.extend_from_slice(&bytes[range.clone()]);
        }
    }
    Some(der_encode(tag, &inner))
}

/// The signed template with its attached content (`encapContentInfo.eContent`) replaced by
/// `content`, every enclosing DER length re-encoded. The signature no longer matches the content,
/// which does not matter to a linter that never verifies signatures.
pub fn signed_profile(content: &[u8]) -> Vec<u8> {
    fn rewrap(t: &[u8], content: &[u8]) -> Option<Vec<u8>> {
        // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT SignedData }
        let (_, ci_content, ci_whole) = der_tlv(t, 0)?;
        let ci = der_children(t, ci_content)?;
        let explicit = ci.get(1)?.1.clone();
        let (_, ex_content, _) = der_tlv(t, explicit.start)?;
        let signed_data = der_children(t, ex_content)?.first()?.1.clone();
        let (_, sd_content, _) = der_tlv(t, signed_data.start)?;
        // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, … }
        let encap = der_children(t, sd_content)?.get(2)?.1.clone();
        let (_, encap_content, _) = der_tlv(t, encap.start)?;
        let econtent_explicit = der_children(t, encap_content)?.get(1)?.1.clone();

        let octets = der_encode(0x04, content);
        let new_explicit = der_replace_child(t, econtent_explicit, 0, &octets)?;
        let new_encap = der_replace_child(t, encap, 1, &new_explicit)?;
        let new_sd = der_replace_child(t, signed_data, 2, &new_encap)?;
        let new_ex = der_replace_child(t, explicit, 0, &new_sd)?;
        der_replace_child(t, ci_whole, 1, &new_ex)
    }
    rewrap(SIGNED_TEMPLATE, content).unwrap_or_else(|| SIGNED_TEMPLATE.to_vec())
}

// ---------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------

const LOGIN_URLS: &[&str] = &[
    "https://login.microsoftonline.com",
    "https://login.microsoft.com",
    "https://sts.windows.net",
    "https://login.partner.microsoftonline.cn",
    "https://login.chinacloudapi.cn",
    "https://login.microsoftonline.us",
    "https://login-us.microsoftonline.com",
];

const ORGS: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Tailspin Toys",
    "Woodgrove Bank",
    "Adventure Works",
    "Litware",
    "Proseware",
];

const THIRD_PARTY_APPS: &[&str] = &[
    "com.contoso.expenses",
    "com.contoso.timesheet",
    "com.fabrikam.fieldservice",
    "com.servicenow.onboarding",
    "com.salesforce.chatter",
    "com.workday.workdayapp",
    "com.adobe.Adobe-Reader",
    "com.citrix.receiver",
    "com.box.boxenterprise",
    "com.zoom.videomeetings",
];

/// A profile of one organisation: the display strings and reverse-DNS prefix.
#[derive(Debug, Clone)]
pub struct Org {
    /// Display name.
    pub name: String,
    /// Reverse-DNS prefix (`com.contoso`).
    pub prefix: String,
}

impl Org {
    /// An organisation picked by `rng`, numbered to keep names unique across tenants.
    pub fn new(rng: &mut Rng, n: usize) -> Org {
        let name = *rng.pick(ORGS);
        let slug: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        Org {
            name: format!("{name} {n}"),
            prefix: format!("com.{slug}{n}"),
        }
    }
}

/// Platform of a generated profile or object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// iOS/iPadOS (Authenticator hosts the extension).
    Ios,
    /// macOS (Company Portal hosts the extension).
    Macos,
}

fn payload_header(rng: &mut Rng, org: &Org, kind: &str, display: &str, mistake: Mistake) -> Vec<(String, P)> {
    let uuid = if mistake == Mistake::PayloadKeys && rng.chance(50) {
        format!("{}.{}", org.prefix, rng.below(100_000))
    } else {
        rng.uuid()
    };
    let version = if mistake == Mistake::PayloadKeys {
        s("1")
    } else {
        P::Int(1)
    };
    vec![
        kv("PayloadDisplayName", s(display)),
        kv(
            "PayloadIdentifier",
            s(format!(
                "{}.{}.{}",
                org.prefix,
                kind.rsplit('.').next().unwrap_or(kind),
                rng.guid()
            )),
        ),
        kv("PayloadType", s(kind)),
        kv("PayloadUUID", s(uuid)),
        kv("PayloadVersion", version),
    ]
}

/// The `com.apple.extensiblesso` payload for the Microsoft Enterprise SSO plug-in.
pub fn sso_payload(rng: &mut Rng, org: &Org, platform: Platform, mistake: Mistake) -> P {
    let mut data: Vec<(String, P)> = Vec::new();
    let ios = platform == Platform::Ios;
    let prefixes = if ios {
        "com.apple.,com.microsoft."
    } else {
        "com.apple.,com.microsoft.,com.jamf."
    };
    data.push(kv("AppPrefixAllowList", s(prefixes)));
    let mut allow: Vec<String> = (0..rng.below(4))
        .map(|_| (*rng.pick(THIRD_PARTY_APPS)).to_owned())
        .collect();
    allow.dedup();
    if mistake == Mistake::AuthenticatorListed {
        allow.push("com.microsoft.azureauthenticator".into());
    }
    if mistake == Mistake::WrongPlatformBundleId {
        allow.push("com.apple.Safari".into());
    }
    if !allow.is_empty() {
        data.push(kv("AppAllowList", s(allow.join(","))));
    }
    data.push(match mistake {
        Mistake::WrongType if rng.chance(50) => kv("browser_sso_interaction_enabled", s("1")),
        Mistake::WrongType => kv("browser_sso_interaction_enabled", P::Bool(true)),
        _ => kv("browser_sso_interaction_enabled", P::Int(1)),
    });
    if ios {
        match mistake {
            Mistake::MissingDeviceRegistration => {}
            Mistake::TrailingSpace if rng.chance(50) => {
                data.push(kv("device_registration ", s("{{DEVICEREGISTRATION}}")))
            }
            Mistake::TrailingSpace => data.push(kv("device_registration", s("{{DEVICEREGISTRATION}} "))),
            Mistake::MixedCaseVariable => data.push(kv("device_registration", s("{{DeviceRegistration}}"))),
            _ => data.push(kv("device_registration", s("{{DEVICEREGISTRATION}}"))),
        }
    }
    data.push(kv("disable_explicit_app_prompt", P::Int(1)));
    if rng.chance(30) || mistake == Mistake::TypoKey {
        let key = if mistake == Mistake::TypoKey {
            "Enable_SSO_On_All_ManagedApp"
        } else {
            "Enable_SSO_On_All_ManagedApps"
        };
        data.push(kv(key, P::Int(1)));
    }
    if mistake == Mistake::DebugModeOn {
        data.push(kv("admin_debug_mode_enabled", P::Int(1)));
    }
    if rng.chance(20) {
        data.push(kv("use_most_secure_storage", P::Bool(true)));
    }
    data.sort_by(|a, b| a.0.cmp(&b.0));

    let (extension, team) = if ios {
        ("com.microsoft.azureauthenticator.ssoextension", None)
    } else {
        ("com.microsoft.CompanyPortalMac.ssoextension", Some("UBF8T346G9"))
    };
    let urls: Vec<P> = if mistake == Mistake::MissingUrls {
        &LOGIN_URLS[..3]
    } else {
        LOGIN_URLS
    }
    .iter()
    .map(|u| s(*u))
    .collect();
    let mut entries = vec![
        kv("ExtensionData", P::Dict(data)),
        kv("ExtensionIdentifier", s(extension)),
    ];
    entries.extend(payload_header(
        rng,
        org,
        "com.apple.extensiblesso",
        "Microsoft Enterprise SSO",
        mistake,
    ));
    if let Some(team) = team {
        entries.push(kv("TeamIdentifier", s(team)));
    }
    entries.push(kv("Type", s("Redirect")));
    entries.push(kv("URLs", P::Array(urls)));
    if platform == Platform::Macos && rng.chance(40) {
        entries.push(kv(
            "PlatformSSO",
            P::Dict(vec![
                kv("AuthenticationMethod", s("UserSecureEnclaveKey")),
                kv("EnableAuthorization", P::Bool(true)),
                kv("EnableCreateUserAtLogin", P::Bool(true)),
                kv("NewUserAuthorizationMode", s("Standard")),
                kv("UseSharedDeviceKeys", P::Bool(true)),
                kv("UserAuthorizationMode", s("Standard")),
            ]),
        ));
        entries.push(kv("RegistrationToken", s("{{DEVICEREGISTRATION}}")));
        entries.push(kv("ScreenLockedBehavior", s("DoNotHandle")));
    }
    P::Dict(entries)
}

fn restrictions_payload(rng: &mut Rng, org: &Org) -> P {
    const KEYS: &[&str] = &[
        "allowAccountModification",
        "allowAirDrop",
        "allowAppCellularDataModification",
        "allowAppInstallation",
        "allowAppRemoval",
        "allowAssistant",
        "allowAssistantWhileLocked",
        "allowAutoCorrection",
        "allowBluetoothModification",
        "allowCamera",
        "allowCloudBackup",
        "allowCloudDocumentSync",
        "allowCloudKeychainSync",
        "allowCloudPhotoLibrary",
        "allowContentCaching",
        "allowDefinitionLookup",
        "allowDeviceNameModification",
        "allowDictation",
        "allowEnablingRestrictions",
        "allowEnterpriseAppTrust",
        "allowEraseContentAndSettings",
        "allowExplicitContent",
        "allowFindMyDevice",
        "allowFindMyFriends",
        "allowGameCenter",
        "allowInAppPurchases",
        "allowManagedAppsCloudSync",
        "allowOpenFromManagedToUnmanaged",
        "allowOpenFromUnmanagedToManaged",
        "allowPasscodeModification",
        "allowPasswordAutoFill",
        "allowPasswordSharing",
        "allowScreenShot",
        "allowSpellCheck",
        "allowUSBRestrictedMode",
        "allowVPNCreation",
        "forceAirDropUnmanaged",
        "forceEncryptedBackup",
        "forceWiFiPowerOn",
        "safariAllowAutoFill",
        "safariAllowJavaScript",
        "safariAllowPopups",
        "safariForceFraudWarning",
    ];
    let mut entries = Vec::new();
    for key in KEYS {
        if rng.chance(80) {
            entries.push(kv(key, P::Bool(rng.chance(70))));
        }
    }
    entries.push(kv("safariAcceptCookies", P::Real(2.0)));
    entries.extend(payload_header(
        rng,
        org,
        "com.apple.applicationaccess",
        "Restrictions",
        Mistake::None,
    ));
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    P::Dict(entries)
}

fn wifi_payload(rng: &mut Rng, org: &Org) -> P {
    let mut entries = vec![
        kv("AutoJoin", P::Bool(true)),
        kv("CaptiveBypass", P::Bool(false)),
        kv(
            "EAPClientConfiguration",
            P::Dict(vec![
                kv("AcceptEAPTypes", P::Array(vec![P::Int(13)])),
                kv("EAPFASTProvisionPAC", P::Bool(false)),
                kv("EAPFASTUsePAC", P::Bool(false)),
                kv(
                    "TLSTrustedServerNames",
                    P::Array(vec![s(format!("radius.{}.example", org.prefix))]),
                ),
            ]),
        ),
        kv("EncryptionType", s("WPA2")),
        kv("HIDDEN_NETWORK", P::Bool(false)),
        kv("IsHotspot", P::Bool(false)),
        kv("PayloadCertificateUUID", s(rng.uuid())),
        kv("ProxyType", s("None")),
        kv(
            "SSID_STR",
            s(format!("{}-Corp-{}", org.name.replace(' ', ""), rng.below(10))),
        ),
    ];
    entries.extend(payload_header(
        rng,
        org,
        "com.apple.wifi.managed",
        "Wi-Fi",
        Mistake::None,
    ));
    P::Dict(entries)
}

fn certificate_payload(rng: &mut Rng, org: &Org) -> P {
    let len = rng.range(900, 1600);
    let mut entries = vec![
        kv("PayloadCertificateFileName", s(format!("{}-root-ca.cer", org.prefix))),
        kv("PayloadContent", P::Data(rng.bytes(len))),
    ];
    entries.extend(payload_header(
        rng,
        org,
        "com.apple.security.root",
        "Root CA",
        Mistake::None,
    ));
    entries.push(kv("PayloadDescription", s("Adds a CA root certificate")));
    P::Dict(entries)
}

fn passcode_payload(rng: &mut Rng, org: &Org) -> P {
    let mut entries = vec![
        kv("allowSimple", P::Bool(false)),
        kv("forcePIN", P::Bool(true)),
        kv("maxFailedAttempts", P::Int(10)),
        kv("maxGracePeriod", P::Int(rng.range(0, 15) as i64)),
        kv("maxInactivity", P::Int(5)),
        kv("maxPINAgeInDays", P::Int(365)),
        kv("minLength", P::Int(rng.range(4, 8) as i64)),
        kv("requireAlphanumeric", P::Bool(rng.chance(30))),
    ];
    entries.extend(payload_header(
        rng,
        org,
        "com.apple.mobiledevice.passwordpolicy",
        "Passcode",
        Mistake::None,
    ));
    P::Dict(entries)
}

/// What a generated profile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    /// An SSO-extension profile, possibly with a few other payloads.
    Sso(Platform),
    /// A profile without SSO payload (Wi-Fi, restrictions, certificates, passcode).
    Other,
}

/// A whole configuration profile.
pub fn profile(rng: &mut Rng, org: &Org, kind: ProfileKind, mistake: Mistake) -> P {
    let mut content = Vec::new();
    let display = match kind {
        ProfileKind::Sso(platform) => {
            content.push(sso_payload(rng, org, platform, mistake));
            if rng.chance(25) {
                content.push(certificate_payload(rng, org));
            }
            match platform {
                Platform::Ios => format!("{} iOS Just-in-Time registration", org.name),
                Platform::Macos => format!("{} macOS Enterprise SSO", org.name),
            }
        }
        ProfileKind::Other => {
            for _ in 0..rng.range(1, 3) {
                content.push(match rng.below(4) {
                    0 => restrictions_payload(rng, org),
                    1 => wifi_payload(rng, org),
                    2 => certificate_payload(rng, org),
                    _ => passcode_payload(rng, org),
                });
            }
            format!("{} device baseline", org.name)
        }
    };
    let mut entries = vec![kv("PayloadContent", P::Array(content))];
    entries.push(kv("PayloadDescription", s(format!("Managed by {} IT", org.name))));
    entries.extend(payload_header(rng, org, "Configuration", &display, Mistake::None));
    entries.push(kv("PayloadOrganization", s(org.name.clone())));
    entries.push(kv("PayloadRemovalDisallowed", P::Bool(rng.chance(50))));
    entries.push(kv("PayloadScope", s("System")));
    P::Dict(entries)
}

// ---------------------------------------------------------------------------------------------
// JSON values and writers
// ---------------------------------------------------------------------------------------------

/// A JSON value, keys in the order written.
#[derive(Debug, Clone)]
pub enum J {
    /// An object.
    Obj(Vec<(String, J)>),
    /// An array.
    Arr(Vec<J>),
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
}

fn js(v: impl Into<String>) -> J {
    J::Str(v.into())
}

fn jk(k: &str, v: J) -> (String, J) {
    (k.to_owned(), v)
}

/// How a tool lays out its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Graph responses: minified.
    Compact,
    /// Python `json.dumps(indent=4)` (IntuneCD) or 2-space pretty printers.
    Pretty(usize),
    /// PowerShell `ConvertTo-Json`: `"key":  value`, nested values indented under their key.
    PowerShell,
}

fn escape_json(text: &str, powershell: bool, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // ConvertTo-Json escapes these for HTML safety.
            '\'' | '<' | '>' | '&' if powershell => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn spaces(n: usize, out: &mut String) {
    for _ in 0..n {
        out.push(' ');
    }
}

/// Writes `value` in `style`.
pub fn json(value: &J, style: Style) -> String {
    let mut out = String::with_capacity(4096);
    write_json(value, style, 0, &mut out);
    if style != Style::Compact {
        out.push_str(if style == Style::PowerShell { "\r\n" } else { "\n" });
    }
    out
}

fn write_json(value: &J, style: Style, indent: usize, out: &mut String) {
    let ps = style == Style::PowerShell;
    let nl = if ps { "\r\n" } else { "\n" };
    match value {
        J::Str(text) => escape_json(text, ps, out),
        J::Int(i) => {
            let _ = write!(out, "{i}");
        }
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Null => out.push_str("null"),
        J::Obj(entries) if entries.is_empty() => out.push_str("{}"),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Obj(entries) => match style {
            Style::Compact => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    escape_json(k, false, out);
                    out.push(':');
                    write_json(v, style, 0, out);
                }
                out.push('}');
            }
            Style::Pretty(step) => {
                out.push('{');
                out.push_str(nl);
                for (i, (k, v)) in entries.iter().enumerate() {
                    spaces(indent + step, out);
                    escape_json(k, false, out);
                    out.push_str(": ");
                    write_json(v, style, indent + step, out);
                    out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
                }
                spaces(indent, out);
                out.push('}');
            }
            Style::PowerShell => {
                out.push('{');
                out.push_str(nl);
                for (i, (k, v)) in entries.iter().enumerate() {
                    spaces(indent + 4, out);
                    let before = out.len();
                    escape_json(k, true, out);
                    out.push_str(":  ");
                    let key_width = out.len() - before;
                    write_json(v, style, indent + 4 + key_width, out);
                    if i + 1 < entries.len() {
                        out.push(',');
                    }
                    out.push_str(nl);
                }
                spaces(indent, out);
                out.push('}');
            }
        },
        J::Arr(items) => match style {
            Style::Compact => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json(v, style, 0, out);
                }
                out.push(']');
            }
            Style::Pretty(_) | Style::PowerShell => {
                let step = if let Style::Pretty(n) = style { n } else { 4 };
                out.push('[');
                out.push_str(nl);
                for (i, v) in items.iter().enumerate() {
                    spaces(indent + step, out);
                    write_json(v, style, indent + step, out);
                    if i + 1 < items.len() {
                        out.push(',');
                    }
                    out.push_str(nl);
                }
                spaces(indent, out);
                out.push(']');
            }
        },
    }
}

/// `text` as UTF-16 LE with BOM (what Windows PowerShell 5.1's `Out-File` writes).
pub fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Intune objects
// ---------------------------------------------------------------------------------------------

/// A generated Intune object with what the export tools need to name and link it.
#[derive(Debug, Clone)]
pub struct Object {
    /// The Graph object.
    pub json: J,
    /// `displayName` (or `name` for Settings Catalog).
    pub name: String,
    /// Graph id.
    pub id: String,
    /// The `@odata.type` without `#microsoft.graph.`.
    pub odata: &'static str,
    /// Its assignments (Graph shape, `groupId` targets).
    pub assignments: Vec<J>,
}

fn base_fields(rng: &mut Rng, odata: &str, id: &str, name_key: &str, name: &str) -> Vec<(String, J)> {
    vec![
        jk("@odata.type", js(format!("#microsoft.graph.{odata}"))),
        jk("id", js(id)),
        jk("lastModifiedDateTime", js(rng.timestamp())),
        jk("roleScopeTagIds", J::Arr(vec![js("0")])),
        jk("supportsScopeTags", J::Bool(true)),
        jk("deviceManagementApplicabilityRuleOsEdition", J::Null),
        jk("deviceManagementApplicabilityRuleOsVersion", J::Null),
        jk("deviceManagementApplicabilityRuleDeviceMode", J::Null),
        jk("createdDateTime", js(rng.timestamp())),
        jk("description", js("")),
        jk(name_key, js(name)),
        jk("version", J::Int(rng.range(1, 12) as i64)),
    ]
}

/// Group assignments of a configuration (none for [`Mistake::Unassigned`]).
fn config_assignments(
    rng: &mut Rng,
    object_id: &str,
    odata_assignment: &str,
    groups: &[String],
    mistake: Mistake,
) -> Vec<J> {
    if mistake == Mistake::Unassigned {
        return Vec::new();
    }
    let mut out = Vec::new();
    for _ in 0..rng.range(1, 2) {
        let group = rng.pick(groups).clone();
        out.push(J::Obj(vec![
            jk("@odata.type", js(format!("#microsoft.graph.{odata_assignment}"))),
            jk("id", js(format!("{object_id}_{group}"))),
            jk("source", js("direct")),
            jk("sourceId", js(object_id)),
            jk(
                "target",
                J::Obj(vec![
                    jk("@odata.type", js("#microsoft.graph.groupAssignmentTarget")),
                    jk("deviceAndAppManagementAssignmentFilterId", J::Null),
                    jk("deviceAndAppManagementAssignmentFilterType", js("none")),
                    jk("groupId", js(group)),
                ]),
            ),
        ]));
    }
    if rng.chance(20) {
        out.push(J::Obj(vec![
            jk("@odata.type", js(format!("#microsoft.graph.{odata_assignment}"))),
            jk(
                "target",
                J::Obj(vec![
                    jk("@odata.type", js("#microsoft.graph.exclusionGroupAssignmentTarget")),
                    jk("groupId", js(rng.pick(groups).clone())),
                ]),
            ),
        ]));
    }
    out
}

fn key_value(odata: &str, key: &str, value: J) -> J {
    J::Obj(vec![
        jk("@odata.type", js(format!("#microsoft.graph.{odata}"))),
        jk("key", js(key)),
        jk("value", value),
    ])
}

/// An iOS or macOS Device Features configuration with the SSO app extension.
pub fn device_features(
    rng: &mut Rng,
    org: &Org,
    platform: Platform,
    groups: &[String],
    mistake: Mistake,
    n: usize,
) -> Object {
    let id = rng.guid();
    let (odata, ext_key, prefix) = match platform {
        Platform::Ios => ("iosDeviceFeaturesConfiguration", "iosSingleSignOnExtension", "ios"),
        Platform::Macos => (
            "macOSDeviceFeaturesConfiguration",
            "macOSSingleSignOnExtension",
            "macOS",
        ),
    };
    let name = format!(
        "{} - Enterprise SSO {n}",
        if platform == Platform::Ios { "iOS" } else { "macOS" }
    );
    let mut fields = base_fields(rng, odata, &id, "displayName", &name);

    let mut configurations = Vec::new();
    if platform == Platform::Ios {
        match mistake {
            Mistake::MissingDeviceRegistration => {}
            Mistake::WrongType => {
                configurations.push(key_value("keyIntegerValuePair", "device_registration", J::Int(1)))
            }
            Mistake::TrailingSpace => configurations.push(key_value(
                "keyStringValuePair",
                "device_registration ",
                js("{{DEVICEREGISTRATION}}"),
            )),
            Mistake::MixedCaseVariable => configurations.push(key_value(
                "keyStringValuePair",
                "device_registration",
                js("{{DeviceRegistration}}"),
            )),
            _ => configurations.push(key_value(
                "keyStringValuePair",
                "device_registration",
                js("{{DEVICEREGISTRATION}}"),
            )),
        }
    }
    configurations.push(if mistake == Mistake::WrongType && rng.chance(50) {
        key_value("keyStringValuePair", "browser_sso_interaction_enabled", js("1"))
    } else {
        key_value("keyIntegerValuePair", "browser_sso_interaction_enabled", J::Int(1))
    });
    configurations.push(key_value(
        "keyIntegerValuePair",
        "disable_explicit_app_prompt",
        J::Int(1),
    ));
    if mistake == Mistake::TypoKey {
        configurations.push(key_value(
            "keyIntegerValuePair",
            "Enable_SSO_On_All_ManagedApp",
            J::Int(1),
        ));
    }
    if mistake == Mistake::DebugModeOn {
        configurations.push(key_value("keyIntegerValuePair", "admin_debug_mode_enabled", J::Int(1)));
    }
    if rng.chance(30) {
        configurations.push(key_value(
            "keyStringValuePair",
            "AppPrefixAllowList",
            js("com.apple.,com.microsoft."),
        ));
    }
    let mut bundle_ids: Vec<J> = (0..rng.below(4)).map(|_| js(*rng.pick(THIRD_PARTY_APPS))).collect();
    if mistake == Mistake::AuthenticatorListed {
        bundle_ids.push(js("com.microsoft.azureauthenticator"));
    }
    if mistake == Mistake::WrongPlatformBundleId {
        bundle_ids.push(js("com.apple.Safari"));
    }

    let extension = if platform == Platform::Ios && rng.chance(75) {
        J::Obj(vec![
            jk("@odata.type", js("#microsoft.graph.iosAzureAdSingleSignOnExtension")),
            jk("bundleIdAccessControlList", J::Arr(bundle_ids)),
            jk("enableSharedDeviceMode", J::Bool(rng.chance(10))),
            jk("configurations", J::Arr(configurations)),
        ])
    } else {
        let (extension_id, team) = match platform {
            Platform::Ios => ("com.microsoft.azureauthenticator.ssoextension", J::Null),
            Platform::Macos => ("com.microsoft.CompanyPortalMac.ssoextension", js("UBF8T346G9")),
        };
        let urls = if mistake == Mistake::MissingUrls {
            &LOGIN_URLS[..3]
        } else {
            LOGIN_URLS
        };
        J::Obj(vec![
            jk(
                "@odata.type",
                js(format!("#microsoft.graph.{prefix}RedirectSingleSignOnExtension")),
            ),
            jk("extensionIdentifier", js(extension_id)),
            jk("teamIdentifier", team),
            jk("configurations", J::Arr(configurations)),
            jk("urlPrefixes", J::Arr(urls.iter().map(|u| js(*u)).collect())),
        ])
    };
    fields.push(jk("airPrintDestinations", J::Arr(Vec::new())));
    fields.push(jk("assetTagTemplate", J::Null));
    fields.push(jk("contentFilterSettings", J::Null));
    fields.push(jk("lockScreenFootnote", J::Null));
    fields.push(jk("homeScreenDockIcons", J::Arr(Vec::new())));
    fields.push(jk("homeScreenPages", J::Arr(Vec::new())));
    fields.push(jk("homeScreenGridWidth", J::Null));
    fields.push(jk("homeScreenGridHeight", J::Null));
    fields.push(jk("notificationSettings", J::Arr(Vec::new())));
    fields.push(jk("singleSignOnSettings", J::Null));
    fields.push(jk("wallpaperDisplayLocation", js("notConfigured")));
    fields.push(jk("wallpaperImage", J::Null));
    fields.push(jk("singleSignOnExtension", J::Null));
    fields.push(jk(ext_key, extension));
    fields.push(jk("identityCertificateForClientAuthentication", J::Null));
    fields.push(jk("singleSignOnExtensionPkinitCertificate", J::Null));
    let _ = org;
    let assignments = config_assignments(rng, &id, "deviceConfigurationAssignment", groups, mistake);
    Object {
        json: J::Obj(fields),
        name,
        id,
        odata,
        assignments,
    }
}

fn sc_string(def: &str, value: &str) -> J {
    J::Obj(vec![
        jk(
            "@odata.type",
            js("#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance"),
        ),
        jk("settingDefinitionId", js(def)),
        jk("settingInstanceTemplateReference", J::Null),
        jk(
            "simpleSettingValue",
            J::Obj(vec![
                jk(
                    "@odata.type",
                    js("#microsoft.graph.deviceManagementConfigurationStringSettingValue"),
                ),
                jk("settingValueTemplateReference", J::Null),
                jk("value", js(value)),
            ]),
        ),
    ])
}

fn sc_integer(def: &str, value: i64) -> J {
    J::Obj(vec![
        jk(
            "@odata.type",
            js("#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance"),
        ),
        jk("settingDefinitionId", js(def)),
        jk("settingInstanceTemplateReference", J::Null),
        jk(
            "simpleSettingValue",
            J::Obj(vec![
                jk(
                    "@odata.type",
                    js("#microsoft.graph.deviceManagementConfigurationIntegerSettingValue"),
                ),
                jk("settingValueTemplateReference", J::Null),
                jk("value", J::Int(value)),
            ]),
        ),
    ])
}

fn sc_choice(def: &str, value: &str, children: Vec<J>) -> J {
    J::Obj(vec![
        jk(
            "@odata.type",
            js("#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance"),
        ),
        jk("settingDefinitionId", js(def)),
        jk("settingInstanceTemplateReference", J::Null),
        jk(
            "choiceSettingValue",
            J::Obj(vec![
                jk(
                    "@odata.type",
                    js("#microsoft.graph.deviceManagementConfigurationChoiceSettingValue"),
                ),
                jk("settingValueTemplateReference", J::Null),
                jk("value", js(value)),
                jk("children", J::Arr(children)),
            ]),
        ),
    ])
}

fn sc_group(def: &str, groups: Vec<Vec<J>>) -> J {
    J::Obj(vec![
        jk(
            "@odata.type",
            js("#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance"),
        ),
        jk("settingDefinitionId", js(def)),
        jk("settingInstanceTemplateReference", J::Null),
        jk(
            "groupSettingCollectionValue",
            J::Arr(
                groups
                    .into_iter()
                    .map(|children| {
                        J::Obj(vec![
                            jk(
                                "@odata.type",
                                js("#microsoft.graph.deviceManagementConfigurationGroupSettingValue"),
                            ),
                            jk("settingValueTemplateReference", J::Null),
                            jk("children", J::Arr(children)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn sc_strings(def: &str, values: &[&str]) -> J {
    J::Obj(vec![
        jk(
            "@odata.type",
            js("#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance"),
        ),
        jk("settingDefinitionId", js(def)),
        jk("settingInstanceTemplateReference", J::Null),
        jk(
            "simpleSettingCollectionValue",
            J::Arr(
                values
                    .iter()
                    .map(|v| {
                        J::Obj(vec![
                            jk(
                                "@odata.type",
                                js("#microsoft.graph.deviceManagementConfigurationStringSettingValue"),
                            ),
                            jk("settingValueTemplateReference", J::Null),
                            jk("value", js(*v)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

/// One ExtensionData key of a Settings Catalog SSO policy: key name, type picker and value.
fn sc_extension_key(key: &str, value: J) -> Vec<J> {
    const SSO: &str = "com.apple.extensiblesso";
    let (picker, child) = match value {
        J::Int(i) => ("_1", sc_integer(&format!("{SSO}_extensiondata_generickey_integer"), i)),
        J::Bool(b) => (
            "_2",
            sc_choice(
                &format!("{SSO}_extensiondata_generickey_boolean"),
                &format!("{SSO}_extensiondata_generickey_{b}"),
                Vec::new(),
            ),
        ),
        J::Str(text) => (
            "_0",
            sc_string(&format!("{SSO}_extensiondata_generickey_string"), &text),
        ),
        _ => ("_0", sc_string(&format!("{SSO}_extensiondata_generickey_string"), "")),
    };
    vec![
        sc_string(&format!("{SSO}_extensiondata_generickey_keytobereplaced"), key),
        sc_choice(
            &format!("{SSO}_ignored_$typepicker"),
            &format!("{SSO}_ignored{picker}"),
            vec![child],
        ),
    ]
}

fn policy_shell(rng: &mut Rng, id: &str, name: &str, platform: Platform, settings: Vec<J>) -> Vec<(String, J)> {
    let count = settings.len();
    vec![
        jk(
            "@odata.type",
            js("#microsoft.graph.deviceManagementConfigurationPolicy"),
        ),
        jk("createdDateTime", js(rng.timestamp())),
        jk("creationSource", J::Null),
        jk("description", js("")),
        jk("lastModifiedDateTime", js(rng.timestamp())),
        jk("name", js(name)),
        jk("platforms", js(if platform == Platform::Ios { "iOS" } else { "macOS" })),
        jk("priorityMetaData", J::Null),
        jk("roleScopeTagIds", J::Arr(vec![js("0")])),
        jk("settingCount", J::Int(count as i64)),
        jk("technologies", js("mdm,appleRemoteManagement")),
        jk("id", js(id)),
        jk(
            "templateReference",
            J::Obj(vec![
                jk("templateId", js("")),
                jk("templateFamily", js("none")),
                jk("templateDisplayName", J::Null),
                jk("templateDisplayVersion", J::Null),
            ]),
        ),
        jk(
            "settings",
            J::Arr(
                settings
                    .into_iter()
                    .enumerate()
                    .map(|(i, instance)| J::Obj(vec![jk("id", js(i.to_string())), jk("settingInstance", instance)]))
                    .collect(),
            ),
        ),
    ]
}

/// A Settings Catalog policy with the `com.apple.extensiblesso` payload.
pub fn settings_catalog_sso(
    rng: &mut Rng,
    platform: Platform,
    groups: &[String],
    mistake: Mistake,
    n: usize,
) -> Object {
    const SSO: &str = "com.apple.extensiblesso";
    let id = rng.guid();
    let name = format!(
        "{} - Enterprise SSO (Settings Catalog) {n}",
        if platform == Platform::Ios { "iOS" } else { "macOS" }
    );
    let mut keys: Vec<(String, J)> = Vec::new();
    if platform == Platform::Ios {
        match mistake {
            Mistake::MissingDeviceRegistration => {}
            Mistake::WrongType => keys.push(("device_registration".into(), J::Int(1))),
            Mistake::TrailingSpace => keys.push(("device_registration".into(), js("{{DEVICEREGISTRATION}} "))),
            Mistake::MixedCaseVariable => keys.push(("device_registration".into(), js("{{DeviceRegistration}}"))),
            _ => keys.push(("device_registration".into(), js("{{DEVICEREGISTRATION}}"))),
        }
    }
    keys.push((
        "browser_sso_interaction_enabled".into(),
        if mistake == Mistake::WrongType {
            js("1")
        } else {
            J::Int(1)
        },
    ));
    keys.push(("disable_explicit_app_prompt".into(), J::Int(1)));
    keys.push(("use_most_secure_storage".into(), J::Bool(true)));
    if mistake == Mistake::TypoKey {
        keys.push(("Enable_SSO_On_All_ManagedApp".into(), J::Int(1)));
    }
    if mistake == Mistake::DebugModeOn {
        keys.push(("admin_debug_mode_enabled".into(), J::Int(1)));
    }
    let mut allow = vec!["com.contoso.a"];
    if mistake == Mistake::AuthenticatorListed {
        allow.push("com.microsoft.azureauthenticator");
    }
    if mistake == Mistake::WrongPlatformBundleId {
        allow.push("com.apple.Safari");
    }
    keys.push(("AppAllowList".into(), js(allow.join(","))));

    let (extension, team) = match platform {
        Platform::Ios => ("com.microsoft.azureauthenticator.ssoextension", None),
        Platform::Macos => ("com.microsoft.CompanyPortalMac.ssoextension", Some("UBF8T346G9")),
    };
    let urls = if mistake == Mistake::MissingUrls {
        &LOGIN_URLS[..3]
    } else {
        LOGIN_URLS
    };
    let mut children = vec![
        sc_string(&format!("{SSO}_extensionidentifier"), extension),
        sc_choice(&format!("{SSO}_type"), &format!("{SSO}_type_1"), Vec::new()),
        sc_strings(&format!("{SSO}_urls"), urls),
        sc_group(
            &format!("{SSO}_extensiondata"),
            keys.into_iter().map(|(k, v)| sc_extension_key(&k, v)).collect(),
        ),
        sc_choice(
            &format!("{SSO}_screenlockedbehavior"),
            &format!("{SSO}_screenlockedbehavior_0"),
            Vec::new(),
        ),
    ];
    if let Some(team) = team {
        children.push(sc_string(&format!("{SSO}_teamidentifier"), team));
    }
    let settings = vec![sc_group(&format!("{SSO}_{SSO}"), vec![children])];
    let fields = policy_shell(rng, &id, &name, platform, settings);
    let assignments = config_assignments(
        rng,
        &id,
        "deviceManagementConfigurationPolicyAssignment",
        groups,
        mistake,
    );
    Object {
        json: J::Obj(fields),
        name,
        id,
        odata: "deviceManagementConfigurationPolicy",
        assignments,
    }
}

/// A Settings Catalog policy without SSO (restrictions as choice settings).
pub fn settings_catalog_other(rng: &mut Rng, platform: Platform, groups: &[String], n: usize) -> Object {
    const KEYS: &[&str] = &[
        "allowaccountmodification",
        "allowairdrop",
        "allowappremoval",
        "allowassistant",
        "allowbluetoothmodification",
        "allowcamera",
        "allowcloudbackup",
        "allowclouddocumentsync",
        "allowcloudkeychainsync",
        "allowdefinitionlookup",
        "allowdictation",
        "allowerasecontentandsettings",
        "allowexplicitcontent",
        "allowfindmydevice",
        "allowgamecenter",
        "allowinapppurchases",
        "allowpasscodemodification",
        "allowpasswordautofill",
        "allowscreenshot",
        "allowspellcheck",
        "allowvpncreation",
        "forceencryptedbackup",
    ];
    let id = rng.guid();
    let name = format!(
        "{} - Restrictions {n}",
        if platform == Platform::Ios { "iOS" } else { "macOS" }
    );
    let mut settings = Vec::new();
    for key in KEYS {
        if rng.chance(70) {
            let def = format!("com.apple.applicationaccess_{key}");
            let value = format!("{def}_{}", rng.chance(60));
            settings.push(sc_choice(&def, &value, Vec::new()));
        }
    }
    let fields = policy_shell(rng, &id, &name, platform, settings);
    let assignments = config_assignments(
        rng,
        &id,
        "deviceManagementConfigurationPolicyAssignment",
        groups,
        Mistake::None,
    );
    Object {
        json: J::Obj(fields),
        name,
        id,
        odata: "deviceManagementConfigurationPolicy",
        assignments,
    }
}

/// An `iosCustomConfiguration` / `macOSCustomConfiguration` with a base64 profile.
pub fn custom_profile(
    rng: &mut Rng,
    org: &Org,
    platform: Platform,
    groups: &[String],
    mistake: Mistake,
    n: usize,
) -> Object {
    let id = rng.guid();
    let sso = rng.chance(40);
    let kind = if sso {
        ProfileKind::Sso(platform)
    } else {
        ProfileKind::Other
    };
    let xml = plist_xml(&profile(rng, org, kind, mistake));
    let (odata, label) = match platform {
        Platform::Ios => ("iosCustomConfiguration", "iOS"),
        Platform::Macos => ("macOSCustomConfiguration", "macOS"),
    };
    let name = format!("{label} - Custom {} {n}", if sso { "SSO" } else { "baseline" });
    let mut fields = base_fields(rng, odata, &id, "displayName", &name);
    fields.push(jk("payloadName", js(format!("{} custom", org.name))));
    fields.push(jk("payloadFileName", js(format!("profile-{n}.mobileconfig"))));
    fields.push(jk("payload", js(BASE64.encode(xml.as_bytes()))));
    if platform == Platform::Macos {
        fields.push(jk("deploymentChannel", js("deviceChannel")));
    }
    let assignments = config_assignments(rng, &id, "deviceConfigurationAssignment", groups, mistake);
    Object {
        json: J::Obj(fields),
        name,
        id,
        odata,
        assignments,
    }
}

/// An `iosGeneralDeviceConfiguration` (device restrictions): a large flat object.
pub fn general_configuration(rng: &mut Rng, groups: &[String], n: usize) -> Object {
    const BOOLS: &[&str] = &[
        "accountBlockModification",
        "activationLockAllowWhenSupervised",
        "airDropBlocked",
        "airDropForceUnmanagedDropTarget",
        "airPlayForcePairingPasswordForOutgoingRequests",
        "appleWatchBlockPairing",
        "appleWatchForceWristDetection",
        "appleNewsBlocked",
        "appsVisibilityListType",
        "appStoreBlockAutomaticDownloads",
        "appStoreBlocked",
        "appStoreBlockInAppPurchases",
        "appStoreBlockUIAppInstallation",
        "appStoreRequirePassword",
        "bluetoothBlockModification",
        "cameraBlocked",
        "cellularBlockDataRoaming",
        "cellularBlockGlobalBackgroundFetchWhileRoaming",
        "cellularBlockPerAppDataModification",
        "cellularBlockPersonalHotspot",
        "cellularBlockVoiceRoaming",
        "certificatesBlockUntrustedTlsCertificates",
        "classroomAppBlockRemoteScreenObservation",
        "classroomAppForceUnpromptedScreenObservation",
        "configurationProfileBlockChanges",
        "definitionLookupBlocked",
        "deviceBlockEnableRestrictions",
        "deviceBlockEraseContentAndSettings",
        "deviceBlockNameModification",
        "diagnosticDataBlockSubmission",
        "diagnosticDataBlockSubmissionModification",
        "documentsBlockManagedDocumentsInUnmanagedApps",
        "documentsBlockUnmanagedDocumentsInManagedApps",
        "enterpriseAppBlockTrust",
        "enterpriseAppBlockTrustModification",
        "faceTimeBlocked",
        "findMyFriendsBlocked",
        "gamingBlockGameCenterFriends",
        "gamingBlockMultiplayer",
        "gameCenterBlocked",
        "hostPairingBlocked",
        "iBooksStoreBlocked",
        "iBooksStoreBlockErotica",
        "iCloudBlockActivityContinuation",
        "iCloudBlockBackup",
        "iCloudBlockDocumentSync",
        "iCloudBlockManagedAppsSync",
        "iCloudBlockPhotoLibrary",
        "iCloudBlockPhotoStreamSync",
        "iCloudBlockSharedPhotoStream",
        "iCloudRequireEncryptedBackup",
        "iTunesBlockExplicitContent",
        "iTunesBlockMusicService",
        "iTunesBlockRadio",
        "keyboardBlockAutoCorrect",
        "keyboardBlockDictation",
        "keyboardBlockPredictive",
        "keyboardBlockShortcuts",
        "keyboardBlockSpellCheck",
        "kioskModeAllowAssistiveSpeak",
        "kioskModeAllowAssistiveTouchSettings",
        "lockScreenBlockActivityContinuation",
        "lockScreenBlockControlCenter",
        "lockScreenBlockNotificationView",
        "lockScreenBlockPassbook",
        "lockScreenBlockTodayView",
        "messagesBlocked",
        "notificationsBlockSettingsModification",
        "passcodeBlockFingerprintUnlock",
        "passcodeBlockFingerprintModification",
        "passcodeBlockModification",
        "passcodeBlockSimple",
        "passcodeRequired",
        "podcastsBlocked",
        "safariBlockAutofill",
        "safariBlockJavaScript",
        "safariBlockPopups",
        "safariBlocked",
        "safariRequireFraudWarning",
        "screenCaptureBlocked",
        "siriBlocked",
        "siriBlockedWhenLocked",
        "siriBlockUserGeneratedContent",
        "siriRequireProfanityFilter",
        "spotlightBlockInternetResults",
        "voiceDialingBlocked",
        "wallpaperBlockModification",
        "wiFiConnectOnlyToConfiguredNetworks",
        "classroomForceRequestPermissionToLeaveClasses",
        "keychainBlockCloudSync",
        "pkiBlockOTAUpdates",
        "privacyForceLimitAdTracking",
        "enterpriseBookBlockBackup",
        "enterpriseBookBlockMetadataSync",
        "airPrintBlocked",
        "usbRestrictedModeBlocked",
        "passwordBlockAutoFill",
        "passwordBlockProximityRequests",
        "passwordBlockAirDropSharing",
    ];
    let id = rng.guid();
    let name = format!("iOS - Device restrictions {n}");
    let mut fields = base_fields(rng, "iosGeneralDeviceConfiguration", &id, "displayName", &name);
    for key in BOOLS {
        fields.push(jk(key, J::Bool(rng.chance(30))));
    }
    fields.push(jk("passcodeMinimumLength", J::Int(rng.range(4, 8) as i64)));
    fields.push(jk("passcodeMinutesOfInactivityBeforeLock", J::Int(5)));
    fields.push(jk("passcodeExpirationDays", J::Null));
    fields.push(jk("passcodeRequiredType", js("deviceDefault")));
    fields.push(jk("mediaContentRatingApps", js("allAllowed")));
    fields.push(jk(
        "mediaContentRatingUnitedStates",
        J::Obj(vec![
            jk("@odata.type", js("microsoft.graph.mediaContentRatingUnitedStates")),
            jk("movieRating", js("allAllowed")),
            jk("tvRating", js("allAllowed")),
        ]),
    ));
    fields.push(jk("appsSingleAppModeList", J::Arr(Vec::new())));
    fields.push(jk("appsVisibilityList", J::Arr(Vec::new())));
    fields.push(jk("compliantAppsList", J::Arr(Vec::new())));
    fields.push(jk("emailInDomainSuffixes", J::Arr(Vec::new())));
    fields.push(jk("safariManagedDomains", J::Arr(Vec::new())));
    fields.push(jk("safariPasswordAutoFillDomains", J::Arr(Vec::new())));
    let assignments = config_assignments(rng, &id, "deviceConfigurationAssignment", groups, Mistake::None);
    Object {
        json: J::Obj(fields),
        name,
        id,
        odata: "iosGeneralDeviceConfiguration",
        assignments,
    }
}

/// An app in the tenant's catalogue.
#[derive(Debug, Clone)]
pub struct App {
    /// The Graph object.
    pub object: Object,
    /// Whether it is Microsoft Authenticator.
    pub authenticator: bool,
}

const APPS: &[(&str, &str, &str)] = &[
    (
        "Microsoft Authenticator",
        "com.microsoft.azureauthenticator",
        "983156458",
    ),
    ("Intune Company Portal", "com.microsoft.CompanyPortal", "719171358"),
    ("Microsoft Outlook", "com.microsoft.Office.Outlook", "951937596"),
    ("Microsoft Teams", "com.microsoft.skype.teams", "1113153706"),
    ("Microsoft Word", "com.microsoft.Office.Word", "586447913"),
    ("Microsoft Excel", "com.microsoft.Office.Excel", "586683407"),
    ("Microsoft PowerPoint", "com.microsoft.Office.Powerpoint", "586449534"),
    ("Microsoft OneDrive", "com.microsoft.skydrive", "477537958"),
    ("Microsoft Edge", "com.microsoft.msedge", "1288723196"),
    ("Microsoft Defender", "com.microsoft.scmx", "1526737990"),
    ("Zoom Workplace", "us.zoom.videomeetings", "546505307"),
    ("Adobe Acrobat Reader", "com.adobe.Adobe-Reader", "469337564"),
];

/// The tenant's iOS apps; Authenticator is the first. `authenticator_required` decides its intent.
pub fn apps(rng: &mut Rng, groups: &[String], count: usize, authenticator_required: bool) -> Vec<App> {
    let mut out = Vec::new();
    for i in 0..count {
        let (display, bundle, store_id) = APPS[i % APPS.len()];
        let display = if i < APPS.len() {
            display.to_owned()
        } else {
            format!("{display} ({})", i / APPS.len() + 1)
        };
        let vpp = rng.chance(60);
        let odata = if vpp { "iosVppApp" } else { "iosStoreApp" };
        let id = rng.guid();
        let mut fields = vec![
            jk("@odata.type", js(format!("#microsoft.graph.{odata}"))),
            jk("id", js(id.clone())),
            jk("displayName", js(display.clone())),
            jk("description", js(format!("{display} for iOS"))),
            jk(
                "publisher",
                js(if bundle.starts_with("com.microsoft") {
                    "Microsoft Corporation"
                } else {
                    "Vendor"
                }),
            ),
            jk("largeIcon", J::Null),
            jk("createdDateTime", js(rng.timestamp())),
            jk("lastModifiedDateTime", js(rng.timestamp())),
            jk("isFeatured", J::Bool(false)),
            jk("privacyInformationUrl", J::Null),
            jk("informationUrl", J::Null),
            jk("owner", js("")),
            jk("developer", js("")),
            jk("notes", js("")),
            jk("publishingState", js("published")),
            jk("isAssigned", J::Bool(true)),
            jk("roleScopeTagIds", J::Arr(Vec::new())),
            jk("bundleId", js(bundle)),
            jk("appStoreUrl", js(format!("https://apps.apple.com/us/app/id{store_id}"))),
            jk(
                "applicableDeviceType",
                J::Obj(vec![jk("iPad", J::Bool(true)), jk("iPhoneAndIPod", J::Bool(true))]),
            ),
        ];
        if vpp {
            fields.push(jk("usedLicenseCount", J::Int(rng.range(10, 5000) as i64)));
            fields.push(jk("totalLicenseCount", J::Int(5000)));
            fields.push(jk("releaseDateTime", js(rng.timestamp())));
            fields.push(jk(
                "licensingType",
                J::Obj(vec![
                    jk("supportsUserLicensing", J::Bool(true)),
                    jk("supportsDeviceLicensing", J::Bool(true)),
                ]),
            ));
            fields.push(jk("vppTokenOrganizationName", js("Contoso")));
            fields.push(jk("vppTokenAccountType", js("business")));
            fields.push(jk("vppTokenAppleId", js("admin@contoso.com")));
        }
        let authenticator = i == 0;
        let intent = if authenticator && !authenticator_required {
            "available"
        } else if rng.chance(70) {
            "required"
        } else {
            "available"
        };
        let assignments = (0..rng.range(1, 2))
            .map(|_| {
                J::Obj(vec![
                    jk("@odata.type", js("#microsoft.graph.mobileAppAssignment")),
                    jk("id", js(format!("{}_0_0", rng.guid()))),
                    jk("intent", js(intent)),
                    jk("source", js("direct")),
                    jk(
                        "target",
                        J::Obj(vec![
                            jk("@odata.type", js("#microsoft.graph.groupAssignmentTarget")),
                            jk("deviceAndAppManagementAssignmentFilterId", J::Null),
                            jk("deviceAndAppManagementAssignmentFilterType", js("none")),
                            jk("groupId", js(rng.pick(groups).clone())),
                        ]),
                    ),
                    jk(
                        "settings",
                        J::Obj(vec![
                            jk("@odata.type", js(format!("#microsoft.graph.{odata}AssignmentSettings"))),
                            jk("useDeviceLicensing", J::Bool(true)),
                            jk("vpnConfigurationId", J::Null),
                            jk("uninstallOnDeviceRemoval", J::Bool(false)),
                            jk("isRemovable", J::Bool(true)),
                        ]),
                    ),
                ])
            })
            .collect();
        out.push(App {
            object: Object {
                json: J::Obj(fields),
                name: display,
                id,
                odata,
                assignments,
            },
            authenticator,
        });
    }
    out
}

/// Group ids of a tenant.
pub fn groups(rng: &mut Rng, count: usize) -> Vec<String> {
    (0..count).map(|_| rng.guid()).collect()
}

/// IntuneCD's form of an assignment: no ids, `groupId` replaced by the group's name.
pub fn intunecd_assignment(assignment: &J, group_names: &[(String, String)]) -> J {
    let J::Obj(entries) = assignment else {
        return assignment.clone();
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        match (k.as_str(), v) {
            ("id" | "sourceId" | "@odata.type", _) => {}
            ("target", J::Obj(target)) => {
                let mut t = Vec::new();
                for (tk, tv) in target {
                    match (tk.as_str(), tv) {
                        ("groupId", J::Str(id)) => {
                            let name = group_names
                                .iter()
                                .find(|(g, _)| g == id)
                                .map_or("SG-Unknown", |(_, n)| n.as_str());
                            t.push(jk("groupName", js(name)));
                        }
                        ("deviceAndAppManagementAssignmentFilterId", _) => {}
                        _ => t.push((tk.clone(), tv.clone())),
                    }
                }
                out.push(jk("target", J::Obj(t)));
            }
            _ => out.push((k.clone(), v.clone())),
        }
    }
    if !out.iter().any(|(k, _)| k == "intent") {
        out.insert(0, jk("intent", js("apply")));
    }
    J::Obj(out)
}

/// Removes the keys IntuneCD cleans from exported objects.
pub fn intunecd_clean(object: &J) -> Vec<(String, J)> {
    let J::Obj(entries) = object else { return Vec::new() };
    entries
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "id" | "version" | "createdDateTime" | "lastModifiedDateTime" | "supportsScopeTags" | "@odata.context"
            )
        })
        .cloned()
        .collect()
}

/// Adds `key: value` to an object.
pub fn with(object: &J, key: &str, value: J) -> J {
    let J::Obj(entries) = object else { return object.clone() };
    let mut entries = entries.clone();
    entries.push(jk(key, value));
    J::Obj(entries)
}

/// A configuration object of a tenant, drawn with realistic frequencies: most configurations of
/// a tenant have nothing to do with SSO (6 % Device Features with the SSO extension, 8 % custom
/// profiles, the rest device restrictions).
pub fn configuration(rng: &mut Rng, org: &Org, groups: &[String], n: usize) -> Object {
    configuration_mix(rng, org, groups, n, 6, 8)
}

/// A configuration object: `features` % Device Features with the SSO extension, `custom` % custom
/// profiles (some of them SSO), the rest device restrictions.
pub fn configuration_mix(
    rng: &mut Rng,
    org: &Org,
    groups: &[String],
    n: usize,
    features: usize,
    custom: usize,
) -> Object {
    let platform = if rng.chance(75) { Platform::Ios } else { Platform::Macos };
    let mistake = Mistake::draw(rng, 35);
    let roll = rng.below(1000);
    if roll < features * 10 {
        device_features(rng, org, platform, groups, mistake, n)
    } else if roll < (features + custom) * 10 {
        custom_profile(rng, org, platform, groups, mistake, n)
    } else {
        general_configuration(rng, groups, n)
    }
}

/// A Settings Catalog policy of a tenant.
pub fn policy(rng: &mut Rng, groups: &[String], n: usize) -> Object {
    let platform = if rng.chance(70) { Platform::Ios } else { Platform::Macos };
    if rng.chance(12) {
        let mistake = Mistake::draw(rng, 35);
        settings_catalog_sso(rng, platform, groups, mistake, n)
    } else {
        settings_catalog_other(rng, platform, groups, n)
    }
}

/// A Graph collection response (`{"@odata.context": …, "value": [...]}`, minified) of one large
/// tenant's device configurations, at least `target_bytes` long. In a tenant that size, SSO
/// objects are a small minority (0.5 % Device Features with the extension, 2 % custom profiles).
pub fn collection(rng: &mut Rng, target_bytes: usize) -> String {
    let org = Org::new(rng, 0);
    let groups = groups(rng, 40);
    let mut out = String::with_capacity(target_bytes + 64 * 1024);
    out.push_str("{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations\",\"value\":[");
    let mut n = 0;
    while out.len() < target_bytes {
        if n > 0 {
            out.push(',');
        }
        let object = configuration_mix(rng, &org, &groups, n, 0, 2);
        let object = if rng.below(200) == 0 {
            let platform = if rng.chance(75) { Platform::Ios } else { Platform::Macos };
            let mistake = Mistake::draw(rng, 35);
            device_features(rng, &org, platform, &groups, mistake, n)
        } else {
            object
        };
        let json = with(&object.json, "assignments", J::Arr(object.assignments.clone()));
        out.push_str(&self::json(&json, Style::Compact));
        n += 1;
    }
    out.push_str("]}");
    out
}

/// Sanitises a display name for a file name as the export tools do (invalid characters → `_`).
pub fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect()
}
