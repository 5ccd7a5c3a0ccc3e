//! PL105 duplicate-payload-identifier: two profiles of the lint set share a top-level
//! `PayloadIdentifier`.
//!
//! The system uses the top-level `PayloadIdentifier` to decide whether a profile replaces an
//! installed one, so two such profiles cannot be installed together: the second replaces the
//! first. Only whole profiles' top-level identifiers are compared (exactly, as the device does),
//! and only across different documents (files, or custom profiles embedded in one export). A
//! warning: repositories often keep alternative versions of one profile on purpose. Two copies of
//! the same content (a signed and an unsigned copy) are one profile and are not reported, and
//! identifiers holding an unrendered template placeholder are not compared.

use std::collections::HashMap;

use crate::model::PlistProfile;
use crate::rules::codes::PL105;
use crate::rules::{Context, Rule, RuleMeta, Scope};

/// See the module docs.
pub struct DuplicatePayloadIdentifier;

impl Rule for DuplicatePayloadIdentifier {
    fn meta(&self) -> &'static RuleMeta {
        &PL105
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        // The first profile with each identifier. Only the model's facts are read until two
        // profiles share one: no tree of a profile that is not reported.
        let mut seen: HashMap<&str, &PlistProfile, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(cx.model.profiles.len(), Default::default());
        for profile in cx.model.profiles.iter().filter(|p| p.is_profile) {
            crate::work::add(1);
            let Some(identifier) = &profile.identifier else {
                continue;
            };
            let value = identifier.value.as_str();
            // An unrendered placeholder (`${identifier}`) says nothing about the rendered value.
            if value.trim().is_empty() || super::template_placeholder(value).is_some() {
                continue;
            }
            let Some(&first) = seen.get(value) else {
                seen.insert(value, profile);
                continue;
            };
            if first.doc == profile.doc || cx.same_profile(first, profile) {
                continue;
            }
            let Some(first_node) = first.identifier.as_ref().map(|i| i.node) else {
                continue;
            };
            let path = cx.doc(profile.doc).map(|d| d.path.clone());
            let other = match cx.doc(first.doc) {
                Some(d) if Some(&d.path) == path.as_ref() => "another profile in this file".to_owned(),
                Some(d) => format!("the profile in `{}`", d.path),
                None => "another profile".to_owned(),
            };
            out.push(
                cx.report(
                    &PL105,
                    format!("profile identifier `{value}` is also used by {other}"),
                    cx.at_node(profile.doc, identifier.node),
                )
                .with_label("same identifier as another profile")
                .with_related(cx.at_node(first.doc, first_node), "first used here")
                .with_help(
                    "installing one of these profiles replaces the other; give each profile that may \
                     be installed alongside the others its own reverse-DNS identifier, or suppress \
                     this with a reason if the files are alternatives",
                ),
            );
        }
    }
}
