//! PL109 unsupported-on-platform: a key Apple's schema marks as not supported on the payload's
//! platform (`introduced: n/a`, computed with the YAML's inheritance rule in the schema data).
//!
//! Checked in `com.apple.extensiblesso` payloads whose platform is known (see
//! [`crate::model::SsoPayload::platform`]); payloads of other types and payloads of unknown
//! platform are skipped. In practice: `PlatformSSO`, `RegistrationToken` and `AuthenticationMethod`
//! in an iOS/iPadOS payload (a warning), and `TeamIdentifier` on iOS, which is only **info**:
//! Apple's schema says it is required on macOS and ignored elsewhere, and Microsoft says iOS needs
//! none. Keys inside an unsupported dict (`PlatformSSO` on iOS) are not reported again.

use crate::diagnostic::Severity;
use crate::model::{Platform, PlatformSource, SsoPayload};
use crate::rules::codes::PL109;
use crate::rules::{Context, Rule, RuleMeta};

use super::schema;

/// The key Apple ignores (rather than rejects) outside macOS: reported as info on iOS.
const IGNORED_ON_IOS: &str = "TeamIdentifier";

/// See the module docs.
pub struct UnsupportedOnPlatform;

impl Rule for UnsupportedOnPlatform {
    fn meta(&self) -> &'static RuleMeta {
        &PL109
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for dict in schema::schema_dicts(cx) {
            let Some(payload) = dict.sso else { continue };
            let platform = payload.platform;
            if platform == Platform::Unknown {
                continue;
            }
            if dict.via.is_some_and(|via| !via.supported_on(platform)) {
                continue;
            }
            for entry in dict.doc.tree.entries(dict.node) {
                let Some(key) = dict.lookup(&entry.key) else {
                    continue;
                };
                if key.supported_on(platform) {
                    continue;
                }
                let location = cx.at_span(dict.doc_id, entry.value, entry.key_span());
                let name = platform.display_name();
                let why = platform_reason(payload);
                let d = if platform == Platform::Ios && key.key == IGNORED_ON_IOS {
                    cx.report(&PL109, format!("`{}` is ignored on iOS", key.key), location)
                        .with_severity(Severity::Info)
                        .with_label("ignored on iOS")
                        .with_help(format!(
                            "the payload is iOS because of {why}; Apple's schema requires \
                             `TeamIdentifier` on macOS and ignores it elsewhere, and Microsoft's \
                             documentation says iOS needs none, so it can go"
                        ))
                } else {
                    let other = match platform {
                        Platform::Ios => Platform::Macos,
                        _ => Platform::Ios,
                    };
                    let label = if key.supported_on(other) {
                        format!("{} only", other.display_name())
                    } else {
                        format!("not supported on {name}")
                    };
                    cx.report(&PL109, format!("`{}` is not supported on {name}", key.key), location)
                        .with_label(label)
                        .with_help(format!(
                            "the payload is {name} because of {why}; on {name} this key does \
                             nothing, so remove it and check the payload for other settings copied \
                             from a profile for another platform; {}",
                            otherwise(payload, other)
                        ))
                };
                out.push(d);
            }
        }
    }
}

/// What to do if the payload is really meant for `other`, by where its platform came from.
fn otherwise(payload: &SsoPayload, other: Platform) -> String {
    let other = other.display_name();
    match payload.platform_source {
        PlatformSource::Intune => {
            format!("if it is meant for {other}, deliver it with a {other} profile")
        }
        PlatformSource::Config => {
            format!("if it is meant for {other}, change the configured platform")
        }
        PlatformSource::ExtensionIdentifier => {
            format!("if it is meant for {other}, use the {other} extension identifier")
        }
        PlatformSource::MacosOnlyKey | PlatformSource::Unknown => {
            format!("if it is meant for {other}, set the platform (`platform` or `--platform`)")
        }
    }
}

/// Why the payload has its platform, for help texts.
fn platform_reason(payload: &SsoPayload) -> String {
    match payload.platform_source {
        PlatformSource::Config => "the configured platform (`platform` / `--platform`)".to_owned(),
        PlatformSource::Intune => "the Intune profile that delivers it".to_owned(),
        PlatformSource::ExtensionIdentifier => match &payload.extension_identifier {
            Some(id) => format!("its extension identifier `{}`", id.value),
            None => "its extension identifier".to_owned(),
        },
        PlatformSource::MacosOnlyKey => "a macOS-only key".to_owned(),
        PlatformSource::Unknown => "how it was read".to_owned(),
    }
}
