//! Which platform an SSO payload targets, and why.
//!
//! The order is this project's decision (rules.md "Platform" lists the sources; this fixes how
//! they rank). The first step that answers wins:
//!
//! 1. **Intune-intrinsic** ([`PlatformSource::Intune`]): the Device Features `@odata.type`
//!    (`ios…`/`macOS…`) or Settings Catalog `platforms`. The Intune extractor sets it on the
//!    payload before this runs and it is never overridden. A payload embedded in the base64
//!    `payload` of an Intune custom profile counts the same: `iosCustomConfiguration` → iOS,
//!    `macOSCustomConfiguration` → macOS. What Intune delivers to is a fact, not a guess.
//! 2. **Config** ([`PlatformSource::Config`]): `platform = …` in the config file or `--platform`.
//!    The user's statement beats guessing from content.
//! 3. **Extension identifier** ([`PlatformSource::ExtensionIdentifier`]): equal to, or within edit
//!    distance 3 (case-insensitive) of, the iOS or macOS Microsoft extension id.
//! 4. **macOS-only keys** ([`PlatformSource::MacosOnlyKey`]): `PlatformSSO`, `RegistrationToken`
//!    or `AuthenticationMethod` in the payload, or `PayloadScope` in the profile's top-level dict.
//!    `TeamIdentifier` is *not* one: it is allowed (and ignored) on iOS.
//! 5. Otherwise [`Platform::Unknown`].

use crate::document::EmbeddingKind;
use crate::lint_set::LintSet;
use crate::syntax::NodeId;

use super::common::microsoft_extension_platform;
use super::types::{Model, Origin, Platform, PlatformSource, SsoPayload};
use super::ModelOptions;

/// Payload-level keys that only macOS defines (Apple's schema: `introduced: n/a` on iOS).
const MACOS_ONLY_PAYLOAD_KEYS: [&str; 3] = ["PlatformSSO", "RegistrationToken", "AuthenticationMethod"];
/// Top-level profile keys that only macOS defines.
const MACOS_ONLY_PROFILE_KEYS: [&str; 1] = ["PayloadScope"];

/// Infers the platform of `payload` (see the module docs for the order). A payload whose platform
/// the Intune extractor already set ([`PlatformSource::Intune`]) keeps it.
pub(crate) fn infer(
    set: &LintSet,
    payload: &SsoPayload,
    model: &Model,
    options: &ModelOptions,
) -> (Platform, PlatformSource) {
    if payload.platform_source == PlatformSource::Intune {
        return (payload.platform, PlatformSource::Intune);
    }
    if let Some(platform) = custom_profile_platform(set, payload, model) {
        return (platform, PlatformSource::Intune);
    }
    if let Some(platform) = options.platform.filter(|p| *p != Platform::Unknown) {
        return (platform, PlatformSource::Config);
    }
    if let Some(platform) = payload
        .extension_identifier
        .as_ref()
        .and_then(|id| microsoft_extension_platform(&id.value))
    {
        return (platform, PlatformSource::ExtensionIdentifier);
    }
    if has_macos_only_key(set, payload, model) {
        return (Platform::Macos, PlatformSource::MacosOnlyKey);
    }
    (Platform::Unknown, PlatformSource::Unknown)
}

/// The Intune object (index into [`Model::objects`]) whose base64 `payload` holds the document of
/// `payload`, for payloads read from an embedded custom profile.
pub(crate) fn holding_object(set: &LintSet, payload: &SsoPayload, model: &Model) -> Option<usize> {
    let (parent, object_node) = holding_object_node(set, payload)?;
    model
        .objects
        .iter()
        .position(|o| o.doc == parent && o.node == object_node)
}

/// The document and node of the JSON object holding the custom profile `payload` came from.
fn holding_object_node(set: &LintSet, payload: &SsoPayload) -> Option<(crate::DocId, NodeId)> {
    let embedding = set.doc(payload.doc)?.embedding?;
    if embedding.kind != EmbeddingKind::Base64Payload {
        return None;
    }
    let parent = set.doc(embedding.parent)?;
    let object = parent.tree.get(embedding.node)?.parent?.parent;
    Some((embedding.parent, object))
}

/// The platform of the Intune custom profile holding `payload`: the recognised object's platform
/// when the Intune extractor knows it, else the object's own `@odata.type`.
fn custom_profile_platform(set: &LintSet, payload: &SsoPayload, model: &Model) -> Option<Platform> {
    if payload.origin != Origin::CustomProfile {
        return None;
    }
    let known = payload
        .object
        .or_else(|| holding_object(set, payload, model))
        .and_then(|i| model.objects.get(i))
        .map(|o| o.platform)
        .filter(|p| *p != Platform::Unknown);
    if known.is_some() {
        return known;
    }
    let (parent, object) = holding_object_node(set, payload)?;
    let odata_type = set.doc(parent)?.tree.str_key(object, "@odata.type")?;
    let name = odata_type.trim_start_matches('#');
    let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
    match name {
        "iosCustomConfiguration" => Some(Platform::Ios),
        "macOSCustomConfiguration" => Some(Platform::Macos),
        _ => None,
    }
}

/// Whether the payload (or, for plists, its profile's top-level dict) holds a macOS-only key.
fn has_macos_only_key(set: &LintSet, payload: &SsoPayload, model: &Model) -> bool {
    if payload.platform_sso.is_some() {
        return true;
    }
    if !matches!(payload.origin, Origin::Mobileconfig | Origin::CustomProfile) {
        return false;
    }
    let Some(doc) = set.doc(payload.doc) else {
        return false;
    };
    let tree = &doc.tree;
    if MACOS_ONLY_PAYLOAD_KEYS
        .iter()
        .any(|k| tree.get_key(payload.node, k).is_some())
    {
        return true;
    }
    payload.profile.and_then(|i| model.profiles.get(i)).is_some_and(|p| {
        MACOS_ONLY_PROFILE_KEYS
            .iter()
            .any(|k| tree.get_key(p.root, k).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;
    use crate::model::common::blank_payload;

    #[test]
    fn intune_platform_is_kept() {
        let set = LintSet::new(Limits::default());
        let model = Model::default();
        let options = ModelOptions {
            platform: Some(Platform::Macos),
            ..ModelOptions::default()
        };
        let mut payload = blank_payload(Origin::SettingsCatalog);
        payload.platform = Platform::Ios;
        payload.platform_source = PlatformSource::Intune;
        // Not even the config or a macOS-only key overrides what Intune states.
        payload.platform_sso = Some(NodeId(0));
        assert_eq!(
            infer(&set, &payload, &model, &options),
            (Platform::Ios, PlatformSource::Intune)
        );
        // Without the Intune platform, the config answers.
        payload.platform_source = PlatformSource::Unknown;
        assert_eq!(
            infer(&set, &payload, &model, &options),
            (Platform::Macos, PlatformSource::Config)
        );
        // Without config, a PlatformSSO group of an Intune payload is a macOS-only key.
        let none = ModelOptions::default();
        assert_eq!(
            infer(&set, &payload, &model, &none),
            (Platform::Macos, PlatformSource::MacosOnlyKey)
        );
        payload.platform_sso = None;
        assert_eq!(
            infer(&set, &payload, &model, &none),
            (Platform::Unknown, PlatformSource::Unknown)
        );
    }
}
