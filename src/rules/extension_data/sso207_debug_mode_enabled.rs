//! SSO207 debug-mode-enabled: `admin_debug_mode_enabled` is 1 in a Microsoft payload's extension
//! data.
//!
//! Microsoft documents the key as a temporary troubleshooting switch (the extension logs the bundle
//! ids it sees) to disable when done; published baselines have shipped with it on. `1`, `"1"` and
//! `true` all count as on (the latter two are also SSO204's type finding); 0 is quiet. The fix
//! (safe: removing the key restores the default, off) deletes the entry.

use crate::diagnostic::Applicability;
use crate::rules::codes::SSO207;
use crate::rules::shared::microsoft_payloads;
use crate::rules::{Context, Rule, RuleMeta};

use super::support::{as_flag, remove_entry};

/// See the module docs.
pub struct DebugModeEnabled;

/// The key.
const KEY: &str = "admin_debug_mode_enabled";

impl Rule for DebugModeEnabled {
    fn meta(&self) -> &'static RuleMeta {
        &SSO207
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        for payload in microsoft_payloads(cx) {
            for entry in payload.extension_data.entries.iter().filter(|e| e.key.value == KEY) {
                let on = match &entry.value.value {
                    crate::model::ExtensionValue::String(s) => s.trim() == "1",
                    other => as_flag(other) == Some(1),
                };
                if !on {
                    continue;
                }
                let mut d = cx
                    .report(&SSO207, format!("`{KEY}` is on"), cx.at(&entry.value))
                    .with_label("debug logging left on")
                    .with_help(
                        "Microsoft documents `admin_debug_mode_enabled` as temporary troubleshooting (the extension logs the bundle \
                         ids of the apps it sees) and says to disable it when done; remove the key. For a deliberate short \
                         troubleshooting profile, suppress this warning with a reason",
                    );
                if let Some(edit) = cx.doc(payload.doc).and_then(|doc| remove_entry(doc, entry)) {
                    d = d.with_fix(Applicability::Safe, format!("Remove `{KEY}`"), vec![edit]);
                }
                out.push(d);
            }
        }
    }
}
