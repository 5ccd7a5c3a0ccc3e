//! The documents the benches compare profilelint on, each with its floor (what a plain loader does
//! with the same bytes): shared by the criterion benches (`benches/lint.rs`) and the instruction
//! counts (`benches/instructions.rs`), so both measure exactly the same inputs.

use std::io::Cursor;

use super::{Mistake, Org, Platform, ProfileKind, Rng, Style, J};

/// What a plain loader does with a document.
#[derive(Debug, Clone)]
pub enum Floor {
    /// `plist::Value::from_reader_xml`.
    PlistXml,
    /// `plist::Value::from_reader` (binary or XML, detected).
    PlistAny,
    /// `plist::Value::from_reader_xml` on the content of a signed profile, already unwrapped.
    PlistXmlUnwrapped(Vec<u8>),
    /// `serde_json::from_slice::<serde_json::Value>`.
    SerdeJson,
}

impl Floor {
    /// The name of the floor in reports.
    pub fn name(&self) -> &'static str {
        match self {
            Floor::PlistXml => "plist/from_reader_xml",
            Floor::PlistAny => "plist/from_reader",
            Floor::PlistXmlUnwrapped(_) => "plist/from_reader_xml(unwrapped)",
            Floor::SerdeJson => "serde_json/Value",
        }
    }

    /// Runs the floor on `bytes` (or on the unwrapped content); returns a size so that nothing is
    /// optimised away.
    pub fn run(&self, bytes: &[u8]) -> usize {
        let plist_len = |value: Result<plist::Value, plist::Error>| match value {
            Ok(plist::Value::Dictionary(d)) => d.len(),
            Ok(_) => 1,
            Err(e) => panic!("the floor cannot read its input: {e}"),
        };
        match self {
            Floor::PlistXml => plist_len(plist::Value::from_reader_xml(Cursor::new(bytes))),
            Floor::PlistAny => plist_len(plist::Value::from_reader(Cursor::new(bytes))),
            Floor::PlistXmlUnwrapped(content) => plist_len(plist::Value::from_reader_xml(Cursor::new(content))),
            Floor::SerdeJson => match serde_json::from_slice::<serde_json::Value>(bytes) {
                Ok(serde_json::Value::Object(o)) => o.len(),
                Ok(serde_json::Value::Array(a)) => a.len(),
                Ok(_) => 1,
                Err(e) => panic!("the floor cannot read its input: {e}"),
            },
        }
    }
}

/// One document and its floor.
#[derive(Debug, Clone)]
pub struct Case {
    /// The benchmark group (`xml_profile`, …).
    pub group: &'static str,
    /// The file name given to profilelint.
    pub file: &'static str,
    /// The document.
    pub bytes: Vec<u8>,
    /// What a plain loader does with it.
    pub floor: Floor,
}

/// The profile `gen_corpus --seed 1` writes as `one.mobileconfig`: an iOS Just-in-Time SSO
/// profile (5 KB), sometimes with a certificate payload.
pub fn one_profile() -> super::P {
    let mut rng = Rng::new(1);
    let org = Org::new(&mut rng, 0);
    super::profile(&mut rng, &org, ProfileKind::Sso(Platform::Ios), Mistake::None)
}

/// The signed fixture: CMS SignedData (DER) around a small SSO profile.
pub const SIGNED: &[u8] = include_bytes!("../../tests/fixtures/signed/sso-der.mobileconfig");

/// Every case, in report order.
pub fn all() -> Vec<Case> {
    let profile = one_profile();
    let content = profilelint::internals::source::signed::unwrap(SIGNED).unwrap_or_default();

    let mut rng = Rng::new(2);
    let org = Org::new(&mut rng, 0);
    let groups = super::groups(&mut rng, 12);
    let features = super::device_features(&mut rng, &org, Platform::Ios, &groups, Mistake::None, 1);
    let features = super::json(
        &super::with(&features.json, "assignments", J::Arr(features.assignments)),
        Style::PowerShell,
    );
    let catalog = super::settings_catalog_sso(&mut rng, Platform::Ios, &groups, Mistake::None, 1);
    let catalog = super::json(
        &super::with(&catalog.json, "assignments", J::Arr(catalog.assignments)),
        Style::Pretty(4),
    );
    let collection = super::collection(&mut rng, 1_000_000);

    vec![
        Case {
            group: "xml_profile",
            file: "one.mobileconfig",
            bytes: super::plist_xml(&profile).into_bytes(),
            floor: Floor::PlistXml,
        },
        Case {
            group: "binary_profile",
            file: "one.mobileconfig",
            bytes: super::plist_binary(&profile),
            floor: Floor::PlistAny,
        },
        Case {
            group: "signed_profile",
            file: "sso-der.mobileconfig",
            bytes: SIGNED.to_vec(),
            floor: Floor::PlistXmlUnwrapped(content),
        },
        Case {
            group: "device_features_json",
            file: "features.json",
            bytes: features.into_bytes(),
            floor: Floor::SerdeJson,
        },
        Case {
            group: "settings_catalog_json",
            file: "catalog.json",
            bytes: catalog.into_bytes(),
            floor: Floor::SerdeJson,
        },
        Case {
            group: "graph_collection_1mb",
            file: "collection.json",
            bytes: collection.into_bytes(),
            floor: Floor::SerdeJson,
        },
    ]
}
