//! Intune assignments: reading assignment objects, and linking assignments files to the objects
//! they assign.
//!
//! Assignments come inline (`assignments` on the object: IntuneManagement, IntuneCD) or in files
//! of their own (IntuneBackupAndRestore, raw Graph `…/assignments` responses): a JSON array or
//! Graph collection of assignment objects, or a single assignment object (PowerShell's
//! `ConvertTo-Json` writes a one-element pipeline as a bare object). [`link`] attaches each file
//! to its object by, first that answers (cli.md):
//!
//! 1. an `@odata.context` naming `deviceConfigurations('<id>')`, `configurationPolicies('<id>')`
//!    or `mobileApps('<id>')`: every object with that id;
//! 2. an `Assignments/` folder beside the object's file, with the same file stem
//!    (`Device Configurations/Assignments/<displayName>.json`): the one object of that file;
//! 3. a file name starting with an object's `id` followed by a separator or the end of the stem
//!    (`Client Apps/Assignments/<appId> - <displayName>.json`): every object with that id.
//!
//! Ids are compared case-insensitively (Graph ids are GUIDs). Linking is linear in the number of
//! objects and files: objects are indexed by id and by (folder, stem) first.

use std::collections::HashMap;

use crate::document::DocId;
use crate::lint_set::LintSet;
use crate::syntax::{NodeId, Tree, Value};

use super::intune::{get_ci, odata_name, odata_type_node};
use super::types::{Assignment, AssignmentsFile, Intent, Model, Spanned, TargetKind};

/// Graph navigation segments whose `('<id>')` names the assigned object in an `@odata.context`.
const CONTEXT_SEGMENTS: [&str; 3] = ["deviceconfigurations('", "configurationpolicies('", "mobileapps('"];

/// Whether a dict is an assignment object: it has a `target`, and an `intent` (apps) or an
/// `@odata.type` ending in `Assignment` (`deviceConfigurationAssignment`, …).
pub(super) fn is_assignment(tree: &Tree, node: NodeId) -> bool {
    let Some(target) = get_ci(tree, node, "target") else {
        return false;
    };
    matches!(tree.value(node), Some(Value::Dict(_)))
        && (get_ci(tree, node, "intent").is_some()
            || odata_type_node(tree, node)
                .and_then(|t| tree.str(t))
                .is_some_and(|t| odata_name(t).ends_with("assignment"))
            // Configuration-policy assignments (`{id, source, sourceId, target}`) carry neither:
            // their target says what they are.
            || is_assignment_target(tree, target))
}

/// Whether `node` is an assignment target: its `@odata.type` ends in `AssignmentTarget`, or it
/// names a group (`groupId`, IntuneCD's `groupName`).
fn is_assignment_target(tree: &Tree, node: NodeId) -> bool {
    matches!(tree.value(node), Some(Value::Dict(_)))
        && (odata_type_node(tree, node)
            .and_then(|t| tree.str(t))
            .is_some_and(|t| odata_name(t).ends_with("assignmenttarget"))
            || get_ci(tree, node, "groupId").is_some()
            || get_ci(tree, node, "groupName").is_some())
}

/// Whether a document whose candidate objects (see
/// [`root_candidates`](super::intune::root_candidates)) are `candidates` is an assignments file:
/// a non-empty array or Graph collection (`{"value": [...]}`) of assignment objects only, or a
/// single assignment object.
pub(super) fn is_assignments_file(tree: &Tree, candidates: &[NodeId]) -> bool {
    !candidates.is_empty() && candidates.iter().all(|&e| is_assignment(tree, e))
}

/// Reads an assignments file (see [`is_assignments_file`]) whose root is `root` and whose
/// candidate objects are `candidates`: what [`link`] needs, so that linking reads no tree.
pub(super) fn read_file(doc: DocId, tree: &Tree, root: NodeId, candidates: &[NodeId]) -> AssignmentsFile {
    AssignmentsFile {
        doc,
        context_id: get_ci(tree, root, "@odata.context")
            .and_then(|c| tree.str(c))
            .and_then(context_id),
        assignments: read_nodes(doc, tree, candidates),
    }
}

/// Reads the assignment objects among the elements of `array` (other elements are skipped).
pub(super) fn read_list(doc: DocId, tree: &Tree, array: NodeId) -> Vec<Assignment> {
    read_nodes(doc, tree, tree.elements(array))
}

/// Reads the given nodes as assignments, skipping those that are not dicts.
fn read_nodes(doc: DocId, tree: &Tree, nodes: &[NodeId]) -> Vec<Assignment> {
    nodes
        .iter()
        .filter_map(|&node| read_assignment(doc, tree, node))
        .collect()
}

/// One assignment object: its `intent` and its `target` (kind from the target's `@odata.type`;
/// group from `groupId`, or IntuneCD's `groupName`). A target without `@odata.type` that names a
/// group counts as a group target. A target that PowerShell's depth limit turned into a string
/// (`@{@odata.type=#microsoft.graph.groupAssignmentTarget; groupId=…}`) is read from that text.
fn read_assignment(doc: DocId, tree: &Tree, node: NodeId) -> Option<Assignment> {
    if !matches!(tree.value(node), Some(Value::Dict(_))) {
        return None;
    }
    let intent = get_ci(tree, node, "intent").and_then(|i| {
        let raw = tree.str(i)?;
        let n = tree.get(i)?;
        Some(Spanned::new(intent_of(raw), doc, i, n.span(), n.inner()))
    });
    let (target_type, group) = match get_ci(tree, node, "target") {
        Some(t) => match tree.value(t) {
            Some(Value::Dict(_)) => {
                let ty = odata_type_node(tree, t).and_then(|n| tree.str(n)).map(str::to_owned);
                let group = ["groupId", "groupName"]
                    .iter()
                    .find_map(|k| get_ci(tree, t, k).and_then(|g| tree.str(g)))
                    .map(str::to_owned);
                (ty, group)
            }
            Some(Value::String(s)) => powershell_target(s),
            _ => (None, None),
        },
        None => (None, None),
    };
    let target = match target_type.as_deref().map(odata_name).as_deref() {
        Some("groupassignmenttarget") => TargetKind::Group,
        Some("exclusiongroupassignmenttarget") => TargetKind::ExclusionGroup,
        Some("alllicensedusersassignmenttarget") => TargetKind::AllUsers,
        Some("alldevicesassignmenttarget") => TargetKind::AllDevices,
        None if group.is_some() => TargetKind::Group,
        _ => TargetKind::Other,
    };
    Some(Assignment {
        doc,
        node,
        intent,
        target,
        group,
    })
}

/// The intent of an app assignment (compared case-insensitively; anything else kept raw).
fn intent_of(raw: &str) -> Intent {
    match raw.trim().to_ascii_lowercase().as_str() {
        "required" => Intent::Required,
        "available" => Intent::Available,
        "uninstall" => Intent::Uninstall,
        "availablewithoutenrollment" => Intent::AvailableWithoutEnrollment,
        _ => Intent::Other(raw.to_owned()),
    }
}

/// The `@odata.type` and group of a target that PowerShell serialised as a hashtable string
/// (`@{@odata.type=#microsoft.graph.groupAssignmentTarget; groupId=…}`).
fn powershell_target(text: &str) -> (Option<String>, Option<String>) {
    let Some(inner) = text.trim().strip_prefix("@{").and_then(|t| t.strip_suffix('}')) else {
        return (None, None);
    };
    let mut ty = None;
    let mut group = None;
    for (key, value) in inner.split(';').filter_map(|kv| kv.split_once('=')) {
        let value = value.trim();
        match key.trim() {
            "@odata.type" => ty = Some(value.to_owned()),
            "groupId" | "groupName" if group.is_none() && !value.is_empty() => {
                group = Some(value.to_owned());
            }
            _ => {}
        }
    }
    (ty, group)
}

/// The folder and file stem of a display path (`a/b/c.json` → (`a/b`, `c`)); the folder is empty
/// for a bare file name, and a name without a dot (or only a leading one) is its own stem.
fn folder_and_stem(path: &str) -> (&str, &str) {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => name.get(..dot).unwrap_or(name),
        _ => name,
    };
    (folder, stem)
}

/// The id named by an `@odata.context` of an assignments response
/// (`…/deviceConfigurations('<id>')/assignments`), lower-cased.
fn context_id(context: &str) -> Option<String> {
    let lower = context.to_ascii_lowercase();
    CONTEXT_SEGMENTS.iter().find_map(|segment| {
        let start = lower.find(segment)? + segment.len();
        let rest = lower.get(start..)?;
        let id = rest.get(..rest.find('\'')?)?;
        (!id.is_empty()).then(|| id.to_owned())
    })
}

/// Attaches every assignments file of the model ([`Model::assignment_files`]) to its object(s)
/// (see the module docs for the order), appending to inline assignments if the object has some.
/// A file that matches no object is left unlinked. Reads the files' facts and paths only, no
/// tree.
pub(crate) fn link(set: &LintSet, model: &mut Model) {
    if model.assignment_files.is_empty() {
        return;
    }
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_file: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (index, object) in model.objects.iter().enumerate() {
        if let Some(id) = object.id.as_deref().filter(|id| !id.is_empty()) {
            by_id.entry(id.to_ascii_lowercase()).or_default().push(index);
        }
        if let Some(doc) = set.doc(object.doc) {
            by_file.entry(folder_and_stem(&doc.path)).or_default().push(index);
        }
    }
    let mut links: Vec<(usize, Vec<Assignment>)> = Vec::new();
    for file in &model.assignment_files {
        let Some(document) = set.doc(file.doc) else {
            continue;
        };
        // Rule 1: the objects whose id the `@odata.context` names; then rules 2 and 3.
        let targets = file
            .context_id
            .as_ref()
            .and_then(|id| by_id.get(id))
            .or_else(|| by_folder(&document.path, &by_file))
            .or_else(|| by_name(&document.path, &by_id));
        let Some(targets) = targets else {
            continue;
        };
        links.extend(targets.iter().map(|&t| (t, file.assignments.clone())));
    }
    for (index, list) in links {
        if let Some(object) = model.objects.get_mut(index) {
            object.assignments.get_or_insert_with(Vec::new).extend(list);
        }
    }
}

/// Rule 2: the single object whose file sits in the parent of this file's `Assignments/` folder
/// and has the same stem. Several objects in that file make the match ambiguous: none is taken.
fn by_folder<'m>(path: &'m str, by_file: &'m HashMap<(&str, &str), Vec<usize>>) -> Option<&'m Vec<usize>> {
    let (folder, stem) = folder_and_stem(path);
    let (parent, last) = folder.rsplit_once('/').unwrap_or(("", folder));
    if !last.eq_ignore_ascii_case("Assignments") {
        return None;
    }
    by_file.get(&(parent, stem)).filter(|objects| objects.len() == 1)
}

/// Rule 3: the objects whose id is the longest prefix of the file name that ends at a separator
/// (space, `_`, `-`, `.`, `(`) or at the end of the stem.
fn by_name<'m>(path: &str, by_id: &'m HashMap<String, Vec<usize>>) -> Option<&'m Vec<usize>> {
    let (_, stem) = folder_and_stem(path);
    let lower = stem.to_ascii_lowercase();
    let ends = lower
        .char_indices()
        .filter(|&(_, c)| matches!(c, ' ' | '_' | '-' | '.' | '('))
        .map(|(i, _)| i)
        .chain(std::iter::once(lower.len()));
    ends.filter(|&end| end > 0)
        .filter_map(|end| by_id.get(lower.get(..end)?).map(|objects| (end, objects)))
        .max_by_key(|&(end, _)| end)
        .map(|(_, objects)| objects)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split() {
        assert_eq!(
            folder_and_stem("export/Device Configurations/Assignments/X.json"),
            ("export/Device Configurations/Assignments", "X")
        );
        assert_eq!(folder_and_stem("X.json"), ("", "X"));
        assert_eq!(folder_and_stem("a/.hidden"), ("a", ".hidden"));
        assert_eq!(folder_and_stem("a/b.c.json"), ("a", "b.c"));
    }

    #[test]
    fn contexts_name_ids() {
        assert_eq!(
            context_id(
                "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations('AB-12')/assignments"
            ),
            Some("ab-12".to_owned())
        );
        assert_eq!(
            context_id("…#deviceAppManagement/mobileApps('x')/assignments"),
            Some("x".to_owned())
        );
        assert_eq!(context_id("…#deviceManagement/configurationPolicies('')"), None);
        assert_eq!(context_id("…#deviceManagement/configurationPolicies/$entity"), None);
    }

    #[test]
    fn powershell_targets() {
        assert_eq!(
            powershell_target("@{@odata.type=#microsoft.graph.groupAssignmentTarget; groupId=g1}"),
            (
                Some("#microsoft.graph.groupAssignmentTarget".to_owned()),
                Some("g1".to_owned())
            )
        );
        assert_eq!(powershell_target("group"), (None, None));
    }
}
