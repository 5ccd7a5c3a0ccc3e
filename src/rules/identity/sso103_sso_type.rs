//! SSO103 sso-type: the `Type` of a Microsoft SSO payload is not `Redirect`.
//!
//! The Microsoft Enterprise SSO plug-in is a Redirect extension. A Credential payload is keyed on
//! `Hosts` and ignores `URLs`, so the plug-in is never asked to handle the Microsoft login URLs. In
//! the Settings Catalog the type is an index (`com.apple.extensiblesso_type_0` Credential, `_1`
//! Redirect), which third-party guides have mislabelled. Intune Device Features express the type
//! through `@odata.type` (SSO102) and are not checked here. A missing `Type` is PL101's. The fix
//! (safe) writes `Redirect` / `_1`.

use crate::diagnostic::Applicability;
use crate::edits;
use crate::model::Origin;
use crate::rules::codes::SSO103;
use crate::rules::{Context, Rule, RuleMeta};

use crate::rules::shared::microsoft_payloads;

/// See the module docs.
pub struct SsoType;

/// The Settings Catalog choice value of the Redirect type.
const CATALOG_REDIRECT: &str = "com.apple.extensiblesso_type_1";

impl Rule for SsoType {
    fn meta(&self) -> &'static RuleMeta {
        &SSO103
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx) {
            let catalog = match payload.origin {
                Origin::Mobileconfig | Origin::CustomProfile | Origin::Declaration => false,
                Origin::SettingsCatalog => true,
                // Device Features: the `@odata.type` is the type (SSO102).
                Origin::DeviceFeatures => continue,
            };
            let Some(ty) = &payload.sso_type else {
                continue;
            };
            if ty.value == "Redirect" {
                continue;
            }
            let Some(doc) = cx.doc(payload.doc) else {
                continue;
            };
            let (message, label, new) = if catalog {
                let raw = doc.tree.str(ty.node).unwrap_or_default();
                let what = if ty.value == "Credential" {
                    "Credential".to_owned()
                } else {
                    format!("`{raw}`")
                };
                (
                    format!("Settings Catalog SSO type is {what}, not Redirect: the Microsoft plug-in is a Redirect extension"),
                    format!("expected `{CATALOG_REDIRECT}` (Redirect)"),
                    CATALOG_REDIRECT,
                )
            } else {
                (
                    format!("`Type` of a Microsoft SSO payload is `{}`, not `Redirect`", ty.value),
                    "expected `Redirect`".to_owned(),
                    "Redirect",
                )
            };
            let help = if catalog {
                "the Microsoft Enterprise SSO plug-in is a Redirect-type extension and a Credential payload ignores `URLs`, so \
                 the plug-in never handles the Microsoft sign-ins; in the Settings Catalog `com.apple.extensiblesso_type_1` is \
                 Redirect and `_0` Credential (some third-party guides label them the other way round)"
            } else if ty.value.trim().eq_ignore_ascii_case("Redirect") {
                "`Type` is case-sensitive and Apple accepts only `Credential` and `Redirect`: the device rejects any other value"
            } else {
                "the Microsoft Enterprise SSO plug-in is a Redirect-type extension: a Credential payload ignores `URLs`, so the \
                 plug-in never handles the Microsoft sign-ins (`Hosts` and `Realm` can go once the type is Redirect)"
            };
            let mut d = cx.report(&SSO103, message, cx.at(ty)).with_label(label).with_help(help);
            if let Some(edit) = edits::replace_string(doc, ty.node, new) {
                d = d.with_fix(Applicability::Safe, format!("Set the type to `{new}`"), vec![edit]);
            }
            out.push(d);
        }
    }
}
