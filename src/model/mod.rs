//! Typed views of what matters for SSO, one shape per concept whatever the source format.
//!
//! A rule is written once against these views: an [`SsoPayload`] looks the same whether it came
//! from a `.mobileconfig`, an Intune Device Features object, a Settings Catalog policy or the
//! base64 payload of a custom profile. Every field remembers its document and node, so a
//! diagnostic can point at the exact text.
//!
//! [`build`] reads a whole [`LintSet`] into one [`Model`]:
//!
//! 1. every plist document (XML, binary, signed, and the embedded base64 payloads of Intune custom
//!    profiles) is read as a profile or bare payload; every JSON document as DDM declarations
//!    (see the `declaration` module), or else as Intune objects;
//!    inline Intune assignments are read with their objects;
//! 2. each SSO payload gets its platform (see the `platform` module for the order), its MDM and
//!    whether it is a *Microsoft SSO payload*, all from its own file;
//! 3. documents that yielded nothing are listed in [`Model::unrecognized`];
//! 4. assignments files are linked to their objects, across files.
//!
//! Steps 1 to 3 work on one file at a time as well (`build_file`): a check builds each file's
//! model with its file rules and joins them (`join`), which step 4 ends.

mod assignments;
pub(crate) mod common;
pub(crate) mod declaration;
mod intune;
mod mdm_marks;
mod platform;
mod plist;
mod psso;
mod settings_catalog;
mod types;

pub use types::*;

use std::collections::HashSet;
use std::ops::Range;

use crate::document::{DocId, EmbeddingKind};
use crate::lint_set::LintSet;
use crate::source::Format;

/// What the model needs from the configuration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ModelOptions {
    /// The platform of inputs whose platform Intune does not state (`platform = …` in the config
    /// file, or `--platform`). It ranks above what the content suggests (extension id, macOS-only
    /// keys) but below an Intune `@odata.type` / `platforms`.
    pub platform: Option<Platform>,
    /// The MDM that delivers plain profiles (`[sso] mdm`); Intune exports are always Intune.
    /// `None`: Intune, unless a profile bears another MDM's marks.
    pub mdm: Option<Mdm>,
}

/// Reads every document of `set` into one [`Model`].
///
/// Never fails: a document that is not a profile, payload, Intune object or assignments file is
/// listed in [`Model::unrecognized`] (embedded JSON strings excepted: those are just strings that
/// happened to look like JSON). A file whose embedded documents yielded something is not
/// unrecognized itself (e.g. a backup wrapper holding a Graph policy in a string).
pub fn build(set: &LintSet, options: &ModelOptions) -> Model {
    let mut model = build_file(set, 0..set.documents.len(), options);
    link(set, &mut model);
    model
}

/// Reads the documents `docs` of `set` (one file's: its document and the payloads embedded in
/// it, for what the file rules see; or all of them, for [`build`]) into a model of their own.
/// Assignments files are not linked (the objects they name may be in other files): [`join`] and
/// [`build`] link them once every file is read.
pub(crate) fn build_file(set: &LintSet, docs: Range<usize>, options: &ModelOptions) -> Model {
    let mut model = Model::default();
    for index in docs.clone() {
        extract_document(set, doc_id(index), &mut model);
    }
    // A payload's object, platform and MDM come from its own file (the object holding it, its
    // keys, the configuration), never from assignments: they are resolved before assignments
    // files are linked, and a file's model resolves them as the whole set's would.
    let resolved: Vec<Resolved> = (0..model.sso_payloads.len())
        .map(|index| resolve_payload(set, &model, options, index))
        .collect();
    finish(set, model, resolved, docs)
}

/// The model of the whole set from the models of its files ([`build_file`], in file order): the
/// parts appended, assignments files linked to their objects. The same as [`build`].
pub(crate) fn join(set: &LintSet, parts: Vec<Model>) -> Model {
    let mut model = Model::default();
    for part in parts {
        append(&mut model, part);
    }
    link(set, &mut model);
    model
}

/// Links the assignments files of a model [`append`]ed from files to their objects: the last
/// step of [`join`].
pub(crate) fn link(set: &LintSet, model: &mut Model) {
    assignments::link(set, model);
}

fn doc_id(index: usize) -> DocId {
    DocId(u32::try_from(index).unwrap_or(u32::MAX))
}

/// Reads one document's profiles, payloads and Intune objects into `model`. Extractors only
/// append, and the indices they record (`SsoPayload::object`, `AppRecord::object`, …) are
/// positions in `model` at the time, so a part read alone can be [`append`]ed later.
fn extract_document(set: &LintSet, id: DocId, model: &mut Model) {
    let Some(doc) = set.doc(id) else {
        return;
    };
    match doc.format {
        Format::XmlPlist | Format::BinaryPlist | Format::SignedXmlPlist | Format::SignedBinaryPlist => {
            plist::extract(set, id, model);
        }
        Format::Json => {
            if !declaration::extract(set, id, model) {
                intune::extract(set, id, model);
            }
        }
    }
}

/// Appends a part read by [`extract_document`] (or [`build_file`]) into a model, shifting its
/// indices.
pub(crate) fn append(model: &mut Model, part: Model) {
    let (profiles, objects, payloads) = (model.profiles.len(), model.objects.len(), model.sso_payloads.len());
    model.declarations.extend(part.declarations.into_iter().map(|mut d| {
        d.sso_payload = d.sso_payload.map(|i| i + payloads);
        d
    }));
    model.profiles.extend(part.profiles);
    model.objects.extend(part.objects);
    model.sso_payloads.extend(part.sso_payloads.into_iter().map(|mut p| {
        p.object = p.object.map(|o| o + objects);
        p.profile = p.profile.map(|i| i + profiles);
        p
    }));
    model.apps.extend(part.apps.into_iter().map(|mut a| {
        a.object += objects;
        a
    }));
    model
        .enrollment_profiles
        .extend(part.enrollment_profiles.into_iter().map(|mut e| {
            e.object += objects;
            e
        }));
    model.assignment_files.extend(part.assignment_files);
    model.unrecognized.extend(part.unrecognized);
}

/// What step 2 finds for one SSO payload: its Intune object, platform (and why), MDM and whether it
/// is a Microsoft SSO payload.
type Resolved = (Option<usize>, Platform, PlatformSource, bool, (Mdm, MdmSource));

fn resolve_payload(set: &LintSet, model: &Model, options: &ModelOptions, index: usize) -> Resolved {
    let Some(payload) = model.sso_payloads.get(index) else {
        return (
            None,
            Platform::Unknown,
            PlatformSource::Unknown,
            false,
            (Mdm::Intune, MdmSource::Config),
        );
    };
    let object = match payload.object {
        Some(o) => Some(o),
        None if payload.origin == Origin::CustomProfile => platform::holding_object(set, payload, model),
        None => None,
    };
    let (platform, source) = platform::infer(set, payload, model, options);
    let mdm = delivering_mdm(set, payload, options);
    (object, platform, source, common::is_microsoft_payload(payload), mdm)
}

/// The MDM that delivers `payload`: Intune for anything read from an Intune export (a Device
/// Features object, a Settings Catalog policy, a custom profile's payload, or any document
/// embedded in a JSON file), otherwise the configured one.
fn delivering_mdm(set: &LintSet, payload: &SsoPayload, options: &ModelOptions) -> (Mdm, MdmSource) {
    let embedded = set.doc(payload.doc).is_some_and(|d| d.embedding.is_some());
    let in_declarations_payload = set
        .doc(payload.doc)
        .and_then(|d| d.embedding)
        .is_some_and(|e| e.kind == EmbeddingKind::Declaration);
    if in_declarations_payload {
        // Apple: a `com.apple.declarations` profile "can only be manually installed, and cannot
        // be installed via an MDM server".
        (Mdm::Other, MdmSource::ManualInstall)
    } else if payload.origin == Origin::Declaration {
        // A declaration file is no Intune export: the configured MDM.
        (options.mdm.unwrap_or(Mdm::Intune), MdmSource::Config)
    } else if payload.origin != Origin::Mobileconfig || embedded {
        (Mdm::Intune, MdmSource::IntuneExport)
    } else if let Some(mdm) = options.mdm {
        (mdm, MdmSource::Config)
    } else if set
        .doc(payload.doc)
        .is_some_and(|d| mdm_marks::other_mdm_marks(&d.tree, d.tree.root(), payload.node))
    {
        (Mdm::Other, MdmSource::OtherMdmMarks)
    } else {
        (Mdm::Intune, MdmSource::Config)
    }
}

/// Applies what step 2 found for each payload, and lists what yielded nothing among `docs` (step 3).
fn finish(set: &LintSet, mut model: Model, resolved: Vec<Resolved>, docs: Range<usize>) -> Model {
    for (payload, (object, platform, source, microsoft, (mdm, mdm_source))) in
        model.sso_payloads.iter_mut().zip(resolved)
    {
        payload.object = object;
        payload.mdm = mdm;
        payload.mdm_source = mdm_source;
        payload.platform = platform;
        payload.platform_source = source;
        payload.microsoft = microsoft;
    }
    model.unrecognized = unrecognized(set, &model, docs);
    model
}

/// The documents among `docs` that yielded no profile, payload, object or assignments, in
/// document order.
fn unrecognized(set: &LintSet, model: &Model, docs: Range<usize>) -> Vec<DocId> {
    let mut produced: HashSet<DocId> = HashSet::new();
    produced.extend(model.profiles.iter().map(|p| p.doc));
    produced.extend(model.sso_payloads.iter().map(|p| p.doc));
    produced.extend(model.objects.iter().map(|o| o.doc));
    produced.extend(
        model
            .objects
            .iter()
            .filter_map(|o| o.assignments.as_ref())
            .flatten()
            .map(|a| a.doc),
    );
    produced.extend(model.assignment_files.iter().map(|f| f.doc));
    produced.extend(model.declarations.iter().map(|d| d.doc));

    // A document whose embedded documents yielded something counts as recognised too. Walk each
    // embedding chain upwards; the loop bound keeps a corrupt chain from spinning.
    let seeds: Vec<DocId> = produced.iter().copied().collect();
    for seed in seeds {
        let mut current = seed;
        for _ in 0..set.documents.len() {
            let Some(parent) = set.doc(current).and_then(|d| d.embedding).map(|e| e.parent) else {
                break;
            };
            if !produced.insert(parent) {
                break;
            }
            current = parent;
        }
    }

    set.documents
        .iter()
        .enumerate()
        .skip(docs.start)
        .take(docs.len())
        .filter_map(|(index, doc)| {
            let id = DocId(u32::try_from(index).ok()?);
            let json_string = doc.embedding.is_some_and(|e| e.kind == EmbeddingKind::JsonString);
            (!produced.contains(&id) && !json_string).then_some(id)
        })
        .collect()
}
