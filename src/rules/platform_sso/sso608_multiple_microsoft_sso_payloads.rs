//! SSO608 multiple-microsoft-sso-payloads: two SSO payloads for the Microsoft macOS extension are
//! installed on one Mac together, which macOS refuses with error 10002 ("multiple SSOe payloads
//! configured").
//!
//! "Together" is SSO106's: the same profile, policy or Intune object; Intune objects whose
//! assignments overlap; or, with `[sso] cross-file-urls = true`, any two payloads of the run. The
//! typical case is an old Device Features SSO profile left assigned beside the Settings Catalog
//! Platform SSO policy. One finding per later payload, with the earliest conflicting one as
//! related. Earlier payloads are indexed by unit, by included group and by "all users or all
//! devices", so each payload is compared with a handful of candidates, not with every earlier
//! one (linear in the number of payloads).

use std::collections::HashMap;

use crate::model::{Platform, SsoPayload};
use crate::rules::codes::SSO608;
use crate::rules::identity::together::{unit, Reach, Unit};
use crate::rules::shared::extension_id_anchor;
use crate::rules::{Context, Rule, RuleMeta, Scope};

/// See the module docs.
pub struct MultipleMicrosoftSsoPayloads;

impl Rule for MultipleMicrosoftSsoPayloads {
    fn meta(&self) -> &'static RuleMeta {
        &SSO608
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let reach_of = |u: Unit| match u {
            Unit::Object(o) => cx
                .model
                .objects
                .get(o)
                .and_then(|obj| obj.assignments.as_deref())
                .map(Reach::of),
            _ => None,
        };
        // The first payload seen per unit, per included group, reaching everyone, reaching anyone,
        // and of all (for `cross-file-urls`).
        let mut by_unit: HashMap<Unit, usize> = HashMap::new();
        let mut by_group: HashMap<String, usize> = HashMap::new();
        let (mut everyone, mut anyone, mut first): (Option<usize>, Option<usize>, Option<usize>) = (None, None, None);
        let mut reaches: HashMap<usize, Reach> = HashMap::new();
        let payloads = &cx.model.sso_payloads;
        for (pi, payload) in payloads.iter().enumerate() {
            if !(payload.microsoft && payload.platform == Platform::Macos) {
                continue;
            }
            crate::work::add(1);
            let u = unit(payload, pi);
            let reach = reach_of(u);
            let why = if let Some(&earlier) = by_unit.get(&u) {
                Some((earlier, "both are in the same profile or policy".to_owned()))
            } else if let Some(reach) = &reach {
                let mut candidates: Vec<usize> = reach.groups.iter().filter_map(|g| by_group.get(g).copied()).collect();
                candidates.extend(everyone);
                if reach.everyone {
                    candidates.extend(anyone);
                }
                candidates.sort_unstable();
                candidates.dedup();
                crate::work::add_usize(candidates.len());
                candidates
                    .into_iter()
                    .find_map(|c| Some((c, reaches.get(&c)?.overlap(reach)?)))
            } else {
                None
            };
            let why = why.or_else(|| {
                let earlier = first.filter(|_| cx.config.sso.cross_file_urls)?;
                Some((
                    earlier,
                    "`[sso] cross-file-urls` is on, so the profiles of this run count as installed together".to_owned(),
                ))
            });
            if let Some((earlier, why)) = why {
                if let Some(other) = payloads.get(earlier) {
                    out.push(diagnose(cx, payload, other, &why));
                }
            }
            by_unit.entry(u).or_insert(pi);
            first.get_or_insert(pi);
            if let Some(reach) = reach {
                for g in &reach.groups {
                    by_group.entry(g.clone()).or_insert(pi);
                }
                if reach.everyone {
                    everyone.get_or_insert(pi);
                }
                if reach.everyone || !reach.groups.is_empty() {
                    anyone.get_or_insert(pi);
                }
                reaches.insert(pi, reach);
            }
        }
    }
}

fn diagnose(cx: &Context<'_>, payload: &SsoPayload, earlier: &SsoPayload, why: &str) -> crate::Diagnostic {
    cx.report(
        &SSO608,
        "a second SSO payload for the Microsoft macOS extension is installed with this one",
        extension_id_anchor(cx, payload),
    )
    .with_label("second Microsoft SSO payload")
    .with_related(extension_id_anchor(cx, earlier), "the other payload")
    .with_help(format!(
        "{why}. macOS accepts one SSO payload per extension and fails with error 10002 (\"multiple SSOe payloads \
         configured\"); typically an old SSO profile is still assigned beside the Platform SSO policy. Keep one payload \
         (the Platform SSO one), or assign the two to groups that do not overlap"
    ))
}
