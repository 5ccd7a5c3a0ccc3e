//! SSO504 declaration-not-activated: a DDM configuration declaration that no activation in the
//! lint set references.
//!
//! A device installs a configuration declaration only when an activation names its `Identifier`
//! (`com.apple.activation.simple`: `StandardConfigurations`); Apple's status channel reports an
//! unreferenced one as `Info.NotReferencedByActivation`. The rule runs only when the lint set holds
//! at least one activation: a folder of configurations alone may be activated elsewhere. The
//! referenced identifiers are collected once into a hash set, so the rule is linear in the number
//! of declarations.

use std::collections::HashSet;

use crate::model::DeclarationKind;
use crate::rules::codes::SSO504;
use crate::rules::{Context, Rule, RuleMeta, Scope};

/// See the module docs.
pub struct DeclarationNotActivated;

impl Rule for DeclarationNotActivated {
    fn meta(&self) -> &'static RuleMeta {
        &SSO504
    }

    fn scope(&self) -> Scope {
        Scope::Set
    }

    fn check(&self, cx: &Context<'_>, out: &mut crate::rules::Findings<'_>) {
        let declarations = &cx.model.declarations;
        let mut activations = false;
        let mut referenced: HashSet<&str> = HashSet::new();
        for activation in declarations.iter().filter(|d| d.kind == DeclarationKind::Activation) {
            activations = true;
            crate::work::add_usize(activation.standard_configurations.len() + 1);
            referenced.extend(activation.standard_configurations.iter().map(|c| c.value.as_str()));
        }
        if !activations {
            return;
        }
        for declaration in declarations.iter().filter(|d| d.kind == DeclarationKind::Configuration) {
            crate::work::add(1);
            let Some(identifier) = &declaration.identifier else {
                continue;
            };
            if referenced.contains(identifier.value.as_str()) {
                continue;
            }
            out.push(
                cx.report(
                    &SSO504,
                    format!(
                        "configuration `{}` is not activated: no activation in the lint set references it",
                        identifier.value
                    ),
                    cx.at(identifier),
                )
                .with_label("no activation names this identifier")
                .with_help(format!(
                    "a device installs a configuration declaration only when an activation lists its `Identifier` \
                     (`com.apple.activation.simple`: `StandardConfigurations`); add `{}` to the activation that should \
                     install this `{}`, or remove the declaration",
                    identifier.value, declaration.declaration_type.value
                )),
            );
        }
    }
}
