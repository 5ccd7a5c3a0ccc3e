//! Generators of hostile inputs for `tests/it/hostile.rs`. Big inputs are made at test time, never
//! checked in.
//!
//! These are not the benchmark corpus (`benches/corpus`), which draws realistic documents and
//! mistakes from a seed: each input here has one exact shape (the exports scaled by `n`), so that
//! a test can name the findings it must produce and compare the work at two sizes.

/// `<plist>` + `depth` nested `<array>`s.
pub fn nested_xml_arrays(depth: usize) -> String {
    let mut s = String::with_capacity(depth * 15 + 20);
    s.push_str("<plist>");
    s.push_str(&"<array>".repeat(depth));
    s.push_str(&"</array>".repeat(depth));
    s.push_str("</plist>");
    s
}

/// `depth` nested JSON arrays.
pub fn nested_json_arrays(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

/// A profile-shaped XML plist whose `PayloadContent[0]` holds an `ExtensionData`-free dict of
/// `keys` entries under the key `Bulk`, nested where no schema rule looks at each key.
pub fn big_dict_xml(keys: usize) -> String {
    let mut s = String::with_capacity(keys * 40 + 200);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<array>\n<dict>\n");
    for i in 0..keys {
        s.push_str("<key>k");
        s.push_str(&i.to_string());
        s.push_str("</key><string>v</string>\n");
    }
    s.push_str("</dict>\n</array>\n</plist>\n");
    s
}

/// A JSON array holding one object of `keys` entries.
pub fn big_dict_json(keys: usize) -> String {
    let mut s = String::with_capacity(keys * 14 + 10);
    s.push_str("[{");
    for i in 0..keys {
        if i > 0 {
            s.push(',');
        }
        s.push_str("\"k");
        s.push_str(&i.to_string());
        s.push_str("\":1");
    }
    s.push_str("}]");
    s
}

/// The classic "billion laughs": ten levels of entities, each ten times the previous one.
pub fn billion_laughs() -> String {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n  <!ENTITY lol \"lol\">\n");
    let mut previous = "lol".to_owned();
    for level in 1..=9 {
        let name = format!("lol{level}");
        let body = format!("&{previous};").repeat(10);
        s.push_str(&format!("  <!ENTITY {name} \"{body}\">\n"));
        previous = name;
    }
    s.push_str(
        "]>\n<plist version=\"1.0\"><dict><key>PayloadDisplayName</key><string>&lol9;</string></dict></plist>\n",
    );
    s
}

/// A plist whose DOCTYPE declares an internal entity, an external entity on `external` (a
/// `file://` URL), and an external parameter entity on `parameter`, which it also references
/// inside the DTD. The body references `reference` (`&int;`, `&ext;` or nothing when empty).
pub fn doctype_entities(external: &str, parameter: &str, reference: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [\n  <!ENTITY int \"INTERNAL-ENTITY-TEXT\">\n  \
         <!ENTITY ext SYSTEM \"{external}\">\n  <!ENTITY % param SYSTEM \"{parameter}\">\n  %param;\n]>\n\
         <plist version=\"1.0\"><dict><key>PayloadDisplayName</key><string>x{reference}y</string></dict></plist>\n"
    )
}

/// A binary plist from its objects (already encoded), with 1-byte offsets and object references.
/// `num_objects` and `offset_table_offset` can be overridden to lie.
pub fn bplist(objects: &[&[u8]], top: u64, num_objects: Option<u64>, offset_table_offset: Option<u64>) -> Vec<u8> {
    let mut out = b"bplist00".to_vec();
    let mut offsets = Vec::new();
    for object in objects {
        offsets.push(u8::try_from(out.len()).unwrap());
        out.extend_from_slice(object);
    }
    let table = out.len() as u64;
    out.extend_from_slice(&offsets);
    out.extend_from_slice(&[0; 6]);
    out.push(1); // offset int size
    out.push(1); // object ref size
    out.extend_from_slice(&num_objects.unwrap_or(objects.len() as u64).to_be_bytes());
    out.extend_from_slice(&top.to_be_bytes());
    out.extend_from_slice(&offset_table_offset.unwrap_or(table).to_be_bytes());
    out
}

/// A binary plist of `depth` arrays, each holding the next (4-byte offsets and references).
pub fn bplist_deep_arrays(depth: u32) -> Vec<u8> {
    let mut out = b"bplist00".to_vec();
    let mut offsets: Vec<u32> = Vec::with_capacity(depth as usize + 1);
    for i in 0..depth {
        offsets.push(u32::try_from(out.len()).unwrap());
        out.push(0xA1); // array of one element
        out.extend_from_slice(&(i + 1).to_be_bytes());
    }
    offsets.push(u32::try_from(out.len()).unwrap());
    out.push(0xA0); // the innermost: an empty array
    let table = out.len() as u64;
    for o in &offsets {
        out.extend_from_slice(&o.to_be_bytes());
    }
    out.extend_from_slice(&[0; 6]);
    out.push(4);
    out.push(4);
    out.extend_from_slice(&(offsets.len() as u64).to_be_bytes());
    out.extend_from_slice(&0u64.to_be_bytes());
    out.extend_from_slice(&table.to_be_bytes());
    out
}

/// UTF-16 (with BOM) of `text`, little or big endian, with the raw code unit `unit` inserted
/// after `before` (pass a lone surrogate to make it invalid).
pub fn utf16_with_unit(before: &str, unit: u16, after: &str, little: bool) -> Vec<u8> {
    let encode = |u: u16| if little { u.to_le_bytes() } else { u.to_be_bytes() };
    let mut out = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    out.extend(before.encode_utf16().flat_map(encode));
    out.extend(encode(unit));
    out.extend(after.encode_utf16().flat_map(encode));
    out
}

/// A DER header for a SEQUENCE claiming `len` content bytes, long form with `count` length bytes.
pub fn der_sequence_header(len: u64, count: u8) -> Vec<u8> {
    let mut out = vec![0x30, 0x80 | count];
    let bytes = len.to_be_bytes();
    let count = usize::from(count);
    if count <= 8 {
        out.extend_from_slice(&bytes[8 - count..]);
    } else {
        out.extend(std::iter::repeat_n(0xFF, count));
    }
    out
}

/// `id-signedData` as a DER OBJECT IDENTIFIER.
pub const SIGNED_DATA_OID: &[u8] = &[0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

/// A binary plist of `levels` arrays above a `true`, each array holding `refs` references to the
/// one below: a few hundred bytes whose values, with shared references expanded, number
/// `refs ^ levels`.
pub fn bplist_shared_arrays(levels: u8, refs: u8) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![vec![0x09]];
    for level in 1..=levels {
        let mut array = vec![0xA0 | refs];
        array.extend(std::iter::repeat_n(level - 1, usize::from(refs)));
        objects.push(array);
    }
    let objects: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    bplist(&objects, u64::from(levels), None, None)
}

/// An Intune custom profile (JSON) whose base64 `payload` is `payload`.
pub fn custom_profile_json(payload_base64: &str) -> String {
    format!(
        "{{\"@odata.type\": \"#microsoft.graph.iosCustomConfiguration\", \"id\": \"5e0a0a0a-0000-4000-8000-000000000001\", \
         \"displayName\": \"custom\", \"payloadName\": \"custom\", \"payloadFileName\": \"custom.mobileconfig\", \
         \"payload\": \"{payload_base64}\"}}"
    )
}

/// A minified Graph collection of `n` iOS Device Features objects with a Just-in-Time SSO
/// extension, each with `browser_sso_interaction_enabled` set to `browser` (`None`: missing).
pub fn minified_sso_export(n: usize, browser: Option<i64>) -> String {
    let objects: Vec<String> = (0..n)
        .map(|i| {
            let browser = browser
                .map(|v| {
                    format!(
                        ",{{\"@odata.type\":\"#microsoft.graph.keyIntegerValuePair\",\"key\":\"browser_sso_interaction_enabled\",\"value\":{v}}}"
                    )
                })
                .unwrap_or_default();
            format!(
                "{{\"@odata.type\":\"#microsoft.graph.iosDeviceFeaturesConfiguration\",\"id\":\"00000000-0000-4000-8000-{i:012}\",\
                 \"displayName\":\"SSO {i}\",\"iosSingleSignOnExtension\":{{\"@odata.type\":\"#microsoft.graph.iosAzureAdSingleSignOnExtension\",\
                 \"bundleIdAccessControlList\":[],\"enableSharedDeviceMode\":false,\"configurations\":[{{\"@odata.type\":\
                 \"#microsoft.graph.keyStringValuePair\",\"key\":\"device_registration\",\"value\":\"{{{{DEVICEREGISTRATION}}}}\"}}{browser}]}}}}"
            )
        })
        .collect();
    format!("{{\"value\":[{}]}}", objects.join(","))
}

/// A Graph collection of `n` iOS redirect SSO objects that all list the same Microsoft login URL:
/// even ones assigned to all users, odd ones without assignments.
pub fn shared_url_export(n: usize) -> String {
    let objects: Vec<String> = (0..n)
        .map(|i| {
            let assignments = if i % 2 == 0 {
                ",\"assignments\":[{\"id\":\"a\",\"target\":{\"@odata.type\":\"#microsoft.graph.allLicensedUsersAssignmentTarget\"}}]"
            } else {
                ""
            };
            format!(
                "{{\"@odata.type\":\"#microsoft.graph.iosDeviceFeaturesConfiguration\",\"id\":\"00000000-0000-4000-8000-{i:012}\",\
                 \"displayName\":\"Redirect {i}\",\"iosSingleSignOnExtension\":{{\"@odata.type\":\"#microsoft.graph.iosRedirectSingleSignOnExtension\",\
                 \"extensionIdentifier\":\"com.microsoft.azureauthenticator.ssoextension\",\"teamIdentifier\":null,\"configurations\":[],\
                 \"urlPrefixes\":[\"https://login.microsoftonline.com\"]}}{assignments}}}"
            )
        })
        .collect();
    format!("{{\"value\":[{}]}}", objects.join(","))
}

/// A Graph collection of `n` macOS Device Features objects with the Microsoft Entra ID SSO
/// extension: even ones assigned to all users, odd ones to one of ten groups.
pub fn macos_sso_export(n: usize) -> String {
    let objects: Vec<String> = (0..n)
        .map(|i| {
            let target = if i % 2 == 0 {
                "{\"@odata.type\":\"#microsoft.graph.allLicensedUsersAssignmentTarget\"}".to_owned()
            } else {
                format!(
                    "{{\"@odata.type\":\"#microsoft.graph.groupAssignmentTarget\",\"groupId\":\"group-{}\"}}",
                    i % 10
                )
            };
            format!(
                "{{\"@odata.type\":\"#microsoft.graph.macOSDeviceFeaturesConfiguration\",\"id\":\"00000000-0000-4000-8000-{i:012}\",\
                 \"displayName\":\"SSO {i}\",\"macOSSingleSignOnExtension\":{{\"@odata.type\":\"#microsoft.graph.macOSAzureAdSingleSignOnExtension\",\
                 \"configurations\":[]}},\"assignments\":[{{\"id\":\"a\",\"target\":{target}}}]}}"
            )
        })
        .collect();
    format!("{{\"value\":[{}]}}", objects.join(","))
}

/// A Graph collection of `n` macOS Device Features objects with the Microsoft Entra ID SSO
/// extension (run in Company Portal), object `i` assigned to group `i` and, for even `i`, to all
/// users too; and `n` Company Portal records: the first required for all users but excluding every
/// group, record `i` (odd `i`) required for group `i`. The even groups are gaps (SSO406).
pub fn company_portal_export(n: usize) -> String {
    let group = |i: usize, kind: &str| {
        format!(
            "{{\"intent\":\"required\",\"target\":{{\"@odata.type\":\"#microsoft.graph.{kind}\",\"groupId\":\"group-{i}\"}}}}"
        )
    };
    let all_users =
        "{\"intent\":\"required\",\"target\":{\"@odata.type\":\"#microsoft.graph.allLicensedUsersAssignmentTarget\"}}";
    let mut objects: Vec<String> = (0..n)
        .map(|i| {
            let mut assignments = vec![group(i, "groupAssignmentTarget").replace("\"intent\":\"required\",", "")];
            if i % 2 == 0 {
                assignments.push(all_users.replace("\"intent\":\"required\",", ""));
            }
            format!(
                "{{\"@odata.type\":\"#microsoft.graph.macOSDeviceFeaturesConfiguration\",\"id\":\"00000000-0000-4000-8000-{i:012}\",\
                 \"displayName\":\"SSO {i}\",\"macOSSingleSignOnExtension\":{{\"@odata.type\":\"#microsoft.graph.macOSAzureAdSingleSignOnExtension\",\
                 \"configurations\":[]}},\"assignments\":[{}]}}",
                assignments.join(",")
            )
        })
        .collect();
    for j in 0..n {
        let assignments = if j == 0 {
            let mut list = vec![all_users.to_owned()];
            list.extend((0..n).map(|i| group(i, "exclusionGroupAssignmentTarget")));
            list
        } else if j % 2 == 1 {
            vec![group(j, "groupAssignmentTarget")]
        } else {
            Vec::new()
        };
        objects.push(format!(
            "{{\"@odata.type\":\"#microsoft.graph.macOSPkgApp\",\"id\":\"10000000-0000-4000-8000-{j:012}\",\"displayName\":\"Company Portal {j}\",\
             \"primaryBundleId\":\"com.microsoft.CompanyPortalMac\",\"primaryBundleVersion\":\"5.2604.0\",\"assignments\":[{}]}}",
            assignments.join(",")
        ));
    }
    format!("{{\"value\":[{}]}}", objects.join(","))
}

/// A Graph collection of one macOS SSO profile, `n` Company Portal records without assignments
/// and `n` other macOS apps, the last of them with assignments: every Company Portal record is
/// judged unassigned (SSO406), each found once.
pub fn unassigned_company_portals(n: usize) -> String {
    let mut objects = vec![
        "{\"@odata.type\":\"#microsoft.graph.macOSDeviceFeaturesConfiguration\",\"displayName\":\"SSO\",\
         \"macOSSingleSignOnExtension\":{\"@odata.type\":\"#microsoft.graph.macOSAzureAdSingleSignOnExtension\",\
         \"configurations\":[]}}"
            .to_owned(),
    ];
    for j in 0..n {
        objects.push(format!(
            "{{\"@odata.type\":\"#microsoft.graph.macOSPkgApp\",\"displayName\":\"Company Portal {j}\",\
             \"primaryBundleId\":\"com.microsoft.CompanyPortalMac\",\"primaryBundleVersion\":\"5.2604.0\"}}"
        ));
        // Only the last app carries assignments, so finding one walks all the others.
        let assignments = if j + 1 == n {
            ",\"assignments\":[{\"intent\":\"required\",\"target\":{\"@odata.type\":\"#microsoft.graph.allDevicesAssignmentTarget\"}}]"
        } else {
            ""
        };
        objects.push(format!(
            "{{\"@odata.type\":\"#microsoft.graph.macOSDmgApp\",\"displayName\":\"App {j}\",\"primaryBundleId\":\"com.example.app{j}\"{assignments}}}"
        ));
    }
    format!("{{\"value\":[{}]}}", objects.join(","))
}

/// A Graph collection of `n` macOS Platform SSO Settings Catalog policies that register during
/// setup, each assigned to one of ten groups, and `n` macOS ADE profiles with user affinity,
/// each assigned to one of the same groups, the last profile complete (so the profiles are
/// compared once, not per policy).
pub fn psso_enrollment_export(n: usize) -> String {
    let simple = |id: &str, value: &str| {
        format!(
            "{{\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance\",\
             \"settingDefinitionId\":\"{id}\",\"simpleSettingValue\":{{\"value\":\"{value}\"}}}}"
        )
    };
    let choice = |id: &str, value: &str| {
        format!(
            "{{\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance\",\
             \"settingDefinitionId\":\"{id}\",\"choiceSettingValue\":{{\"value\":\"{value}\",\"children\":[]}}}}"
        )
    };
    let group = |id: &str, children: Vec<String>| {
        format!(
            "{{\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance\",\
             \"settingDefinitionId\":\"{id}\",\"groupSettingCollectionValue\":[{{\"children\":[{}]}}]}}",
            children.join(",")
        )
    };
    let sso = group(
        "com.apple.extensiblesso_com.apple.extensiblesso",
        vec![
            simple(
                "com.apple.extensiblesso_extensionidentifier",
                "com.microsoft.CompanyPortalMac.ssoextension",
            ),
            simple("com.apple.extensiblesso_teamidentifier", "UBF8T346G9"),
            group(
                "com.apple.extensiblesso_platformsso",
                vec![choice(
                    "com.apple.extensiblesso_platformsso_enableregistrationduringsetup",
                    "com.apple.extensiblesso_platformsso_enableregistrationduringsetup_true",
                )],
            ),
        ],
    );
    let settings = format!("{{\"id\":\"0\",\"settingInstance\":{sso}}}");
    let target = |i: usize| {
        format!(
            "{{\"@odata.type\":\"#microsoft.graph.groupAssignmentTarget\",\"groupId\":\"group-{}\"}}",
            i % 10
        )
    };
    let mut objects: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{{\"@odata.type\":\"#microsoft.graph.deviceManagementConfigurationPolicy\",\
                 \"id\":\"00000000-0000-4000-8000-{i:012}\",\"name\":\"PSSO {i}\",\"platforms\":\"macOS\",\
                 \"settings\":[{settings}],\"assignments\":[{{\"id\":\"a\",\"target\":{}}}]}}",
                target(i)
            )
        })
        .collect();
    objects.extend((0..n).map(|i| {
        let complete = i + 1 == n;
        format!(
            "{{\"@odata.type\":\"#microsoft.graph.depMacOSEnrollmentProfile\",\"id\":\"10000000-0000-4000-8000-{i:012}\",\
             \"displayName\":\"ADE {i}\",\"requiresUserAuthentication\":true,\
             \"waitForDeviceConfiguredConfirmation\":{complete},\"profileRemovalDisabled\":true,\
             \"assignments\":[{{\"id\":\"p\",\"target\":{}}}]}}",
            target(i)
        )
    }));
    format!("{{\"value\":[{}]}}", objects.join(","))
}

/// A Graph collection of `n` Microsoft Authenticator app records and `n` iOS Just-in-Time SSO
/// objects. With `everyone`, each record is required for all users and excludes its own group
/// `x-<i>` and the shared group `x-all`, and every SSO object is assigned to all users (one gap:
/// `x-all`). Without, record `i` is required for group `g-<i>` and SSO object `i` is assigned to
/// `g-<i>` when `i` is even and to `h-<i>` when odd (a gap for every odd object).
pub fn authenticator_export(n: usize, everyone: bool) -> String {
    let target = |kind: &str, group: Option<String>| match group {
        Some(g) => format!("{{\"target\":{{\"@odata.type\":\"#microsoft.graph.{kind}\",\"groupId\":\"{g}\"}}"),
        None => format!("{{\"target\":{{\"@odata.type\":\"#microsoft.graph.{kind}\"}}"),
    };
    let apps = (0..n).map(|i| {
        let assignments = if everyone {
            vec![
                format!(
                    "{},\"intent\":\"required\"}}",
                    target("allLicensedUsersAssignmentTarget", None)
                ),
                format!(
                    "{},\"intent\":\"required\"}}",
                    target("exclusionGroupAssignmentTarget", Some(format!("x-{i}")))
                ),
                format!(
                    "{},\"intent\":\"required\"}}",
                    target("exclusionGroupAssignmentTarget", Some("x-all".to_owned()))
                ),
            ]
        } else {
            vec![format!(
                "{},\"intent\":\"required\"}}",
                target("groupAssignmentTarget", Some(format!("g-{i}")))
            )]
        };
        format!(
            "{{\"@odata.type\":\"#microsoft.graph.iosStoreApp\",\"id\":\"10000000-0000-4000-8000-{i:012}\",\
             \"displayName\":\"Microsoft Authenticator {i}\",\"bundleId\":\"com.microsoft.azureauthenticator\",\
             \"assignments\":[{}]}}",
            assignments.join(",")
        )
    });
    let objects = (0..n).map(|i| {
        let assignment = match (everyone, i % 2) {
            (true, _) => format!("{}}}", target("allLicensedUsersAssignmentTarget", None)),
            (false, 0) => format!("{}}}", target("groupAssignmentTarget", Some(format!("g-{i}")))),
            (false, _) => format!("{}}}", target("groupAssignmentTarget", Some(format!("h-{i}")))),
        };
        format!(
            "{{\"@odata.type\":\"#microsoft.graph.iosDeviceFeaturesConfiguration\",\"id\":\"00000000-0000-4000-8000-{i:012}\",\
             \"displayName\":\"SSO {i}\",\"iosSingleSignOnExtension\":{{\"@odata.type\":\"#microsoft.graph.iosAzureAdSingleSignOnExtension\",\
             \"bundleIdAccessControlList\":[],\"enableSharedDeviceMode\":false,\"configurations\":[]}},\"assignments\":[{assignment}]}}"
        )
    });
    format!("{{\"value\":[{}]}}", apps.chain(objects).collect::<Vec<_>>().join(","))
}
