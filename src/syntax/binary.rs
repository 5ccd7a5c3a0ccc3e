//! Binary property lists, read with the `plist` crate and converted to the shared tree.
//!
//! Binary plists have no text, so nodes carry no spans; diagnostics show key paths instead.

use super::{Entry, NodeId, SyntaxError, Tree, Value};
use crate::limits::Limits;

/// Parses a binary plist (`bplist00…`).
///
/// The `plist` crate rejects cyclic and out-of-range object references, but it builds values
/// recursively: nesting is therefore measured first, without recursion, by [`check_nesting`]. The
/// conversion below walks the result with an explicit stack.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Tree, SyntaxError> {
    check_nesting(bytes, limits)?;
    let value = plist::Value::from_reader(std::io::Cursor::new(bytes))
        .map_err(|e| SyntaxError::plist(format!("invalid binary plist: {e}"), None))?;
    from_plist_value(&value, limits)
}

/// Converts an in-memory `plist::Value` to a span-less [`Tree`], checking the depth and node limits.
pub fn from_plist_value(value: &plist::Value, limits: &Limits) -> Result<Tree, SyntaxError> {
    let mut tree = Tree::new();
    // Pending work: a value to convert, the container slot to fill, and its depth.
    let root = push_shallow(&mut tree, value);
    tree.set_root(root);
    let mut stack: Vec<(&plist::Value, NodeId, usize)> = vec![(value, root, 1)];
    while let Some((v, id, depth)) = stack.pop() {
        if tree.len() > limits.max_nodes {
            return Err(SyntaxError::limit(
                format!("more than {} values (the node limit)", limits.max_nodes),
                None,
            ));
        }
        match v {
            plist::Value::Dictionary(dict) => {
                check_depth(depth, limits)?;
                let mut entries = Vec::with_capacity(dict.len());
                for (slot, (key, child)) in dict.iter().enumerate() {
                    let child_id = push_shallow(&mut tree, child);
                    tree.attach(child_id, id, slot);
                    entries.push(Entry::new(key.as_str(), None, None, child_id));
                    stack.push((child, child_id, depth + 1));
                }
                if let Some(node) = tree.node_mut(id) {
                    node.value = Value::Dict(entries);
                }
            }
            plist::Value::Array(items) => {
                check_depth(depth, limits)?;
                let mut ids = Vec::with_capacity(items.len());
                for (slot, child) in items.iter().enumerate() {
                    let child_id = push_shallow(&mut tree, child);
                    tree.attach(child_id, id, slot);
                    ids.push(child_id);
                    stack.push((child, child_id, depth + 1));
                }
                if let Some(node) = tree.node_mut(id) {
                    node.value = Value::Array(ids);
                }
            }
            _ => {}
        }
    }
    Ok(tree)
}

fn check_depth(depth: usize, limits: &Limits) -> Result<(), SyntaxError> {
    if depth > limits.max_depth {
        return Err(SyntaxError::limit(
            format!("nesting deeper than the limit of {}", limits.max_depth),
            None,
        ));
    }
    Ok(())
}

/// Adds a node for `v`; containers start empty and are filled when popped from the stack.
fn push_shallow(tree: &mut Tree, v: &plist::Value) -> NodeId {
    let value = match v {
        plist::Value::Dictionary(_) => Value::Dict(Vec::new()),
        plist::Value::Array(_) => Value::Array(Vec::new()),
        plist::Value::String(s) => Value::String(s.clone()),
        plist::Value::Integer(i) => match (i.as_signed(), i.as_unsigned()) {
            (Some(s), _) => Value::Integer(i128::from(s)),
            (None, Some(u)) => Value::Integer(i128::from(u)),
            (None, None) => Value::Integer(0),
        },
        plist::Value::Real(r) => Value::Real(*r),
        plist::Value::Boolean(b) => Value::Bool(*b),
        plist::Value::Date(d) => Value::Date(d.to_xml_format()),
        plist::Value::Data(d) => Value::Data(d.clone()),
        plist::Value::Uid(u) => Value::Integer(i128::from(u.get())),
        _ => Value::Null,
    };
    tree.push(value, None, None)
}

/// Reads a big-endian unsigned integer of `size` bytes (1–8) at `at`.
fn read_uint(bytes: &[u8], at: usize, size: usize) -> Option<u64> {
    if size == 0 || size > 8 {
        return None;
    }
    let slice = bytes.get(at..at.checked_add(size)?)?;
    Some(slice.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

/// A container being walked by [`check_nesting`]: the object, its children still to look at, the
/// deepest child container so far, and the values and string/data bytes of the children finished
/// so far.
type Open = (usize, Vec<usize>, u32, (u64, u64));

/// Refuses a binary plist whose containers nest deeper than the limit (or refer to themselves),
/// or whose values, with shared references expanded, would be more than the node limit or hold
/// more string and data bytes than the file size limit, before the `plist` crate's reader sees it:
/// that reader recurses, and it copies a shared object once for every reference to it, so a
/// file of a few hundred bytes whose arrays refer to one another 14 times over 7 levels would
/// become a hundred million values. Works on the object table directly: each object's depth and
/// expanded size are computed once (iteratively, memoised), so the work is linear in the size of
/// the file. Malformed tables are left to the `plist` crate, which reports them.
pub fn check_nesting(bytes: &[u8], limits: &Limits) -> Result<(), SyntaxError> {
    let Some(trailer_at) = bytes.len().checked_sub(32) else {
        return Ok(());
    };
    let (Some(&offset_size), Some(&ref_size)) = (bytes.get(trailer_at + 6), bytes.get(trailer_at + 7)) else {
        return Ok(());
    };
    let (offset_size, ref_size) = (usize::from(offset_size), usize::from(ref_size));
    let (Some(count), Some(top), Some(table)) = (
        read_uint(bytes, trailer_at + 8, 8),
        read_uint(bytes, trailer_at + 16, 8),
        read_uint(bytes, trailer_at + 24, 8),
    ) else {
        return Ok(());
    };
    let (Ok(count), Ok(top), Ok(table)) = (usize::try_from(count), usize::try_from(top), usize::try_from(table)) else {
        return Ok(());
    };
    // Each object takes at least one byte, so a larger count is malformed: the crate will say so.
    if count > bytes.len() || top >= count {
        return Ok(());
    }
    let offset_of = |object: usize| -> Option<usize> {
        let at = table.checked_add(object.checked_mul(offset_size)?)?;
        usize::try_from(read_uint(bytes, at, offset_size)?).ok()
    };
    // The length of the object at `at` (marker `kind`/`low`) and where its content starts.
    let length = |at: usize, low: usize| -> Option<(usize, usize)> {
        if low == 0x0F {
            // The count follows as an integer object: marker 0x1n, 2^n bytes.
            let int_marker = *bytes.get(at + 1)?;
            if int_marker >> 4 != 0x1 || int_marker & 0x0F > 3 {
                return None;
            }
            let size = 1usize << (int_marker & 0x0F);
            Some((usize::try_from(read_uint(bytes, at + 2, size)?).ok()?, at + 2 + size))
        } else {
            Some((low, at + 1))
        }
    };
    // What an object is: the references of a container, or the string or data bytes a scalar
    // holds (`Err`), or `None` for a malformed object.
    let object = |object: usize| -> Option<Result<Vec<usize>, u64>> {
        let at = offset_of(object)?;
        let marker = *bytes.get(at)?;
        let (kind, low) = (marker >> 4, usize::from(marker & 0x0F));
        // Arrays (0xA), sets (0xC) and dicts (0xD, keys then values) hold references.
        let per_entry = match kind {
            0xA | 0xC => 1,
            0xD => 2,
            // Data (0x4), ASCII strings (0x5, one byte a character) and UTF-16 strings (0x6, two).
            0x4 | 0x5 => return Some(Err(length(at, low).map_or(0, |(len, _)| len as u64))),
            0x6 => return Some(Err(length(at, low).map_or(0, |(len, _)| (len as u64).saturating_mul(2)))),
            _ => return Some(Err(0)),
        };
        let (len, refs_at) = length(at, low)?;
        let n = len.checked_mul(per_entry)?;
        if n > bytes.len() {
            return None;
        }
        (0..n)
            .map(|i| usize::try_from(read_uint(bytes, refs_at + i * ref_size, ref_size)?).ok())
            .collect::<Option<Vec<usize>>>()
            .map(|refs| {
                Ok(if per_entry == 2 {
                    refs.get(len..).map(<[usize]>::to_vec).unwrap_or_default()
                } else {
                    refs
                })
            })
    };
    // seen[o]: 0 = not seen, u32::MAX = in progress, otherwise its container depth plus one
    // (scalars: 1). A container's depth counts containers only, as the XML reader does.
    let mut seen = vec![0u32; count];
    // expanded[o]: for a finished object, the values it becomes with shared references expanded
    // (itself included) and the string and data bytes they hold.
    let mut expanded = vec![(0u64, 0u64); count];
    let max_nodes = u64::try_from(limits.max_nodes).unwrap_or(u64::MAX);
    let max_bytes = limits.max_file_size;
    // Open containers: object, children still to look at, deepest child container so far, and
    // the values and bytes of the children finished so far.
    let mut stack: Vec<Open> = Vec::new();
    let limit = u32::try_from(limits.max_depth).unwrap_or(u32::MAX);
    let too_deep = || SyntaxError::limit(format!("nesting deeper than the limit of {}", limits.max_depth), None);
    let too_big = |(nodes, data): (u64, u64)| -> Result<(), SyntaxError> {
        if nodes > max_nodes {
            return Err(SyntaxError::limit(
                format!(
                    "more than {} values (the node limit) once shared references are expanded",
                    limits.max_nodes
                ),
                None,
            ));
        }
        if data > max_bytes {
            return Err(SyntaxError::limit(
                format!(
                    "more than {max_bytes} bytes of strings and data (the size limit) once shared references are expanded"
                ),
                None,
            ));
        }
        Ok(())
    };
    let add = |a: (u64, u64), b: (u64, u64)| (a.0.saturating_add(b.0), a.1.saturating_add(b.1));
    let mut next = Some(top);
    loop {
        if let Some(id) = next.take() {
            match object(id) {
                Some(Ok(kids)) => {
                    if stack.len() as u32 >= limit {
                        return Err(too_deep());
                    }
                    if let Some(s) = seen.get_mut(id) {
                        *s = u32::MAX;
                    }
                    stack.push((id, kids, 0, (0, 0)));
                }
                scalar => {
                    if let Some(s) = seen.get_mut(id) {
                        *s = 1;
                    }
                    let data = match scalar {
                        Some(Err(data)) => data,
                        _ => 0,
                    };
                    if let Some(e) = expanded.get_mut(id) {
                        *e = (1, data);
                    }
                    too_big((1, data))?;
                    if let Some((_, _, _, total)) = stack.last_mut() {
                        *total = add(*total, (1, data));
                    }
                }
            }
        }
        let Some((id, kids, deepest, total)) = stack.last_mut() else {
            break;
        };
        match kids.pop() {
            Some(child) => match seen.get(child).copied() {
                None => {} // out of range: the crate reports it
                Some(u32::MAX) => {
                    return Err(SyntaxError::plist(
                        "invalid binary plist: an object contains itself",
                        None,
                    ));
                }
                Some(0) => next = Some(child),
                Some(s) => {
                    *deepest = (*deepest).max(s - 1);
                    *total = add(*total, expanded.get(child).copied().unwrap_or((0, 0)));
                    too_big(*total)?;
                }
            },
            None => {
                let (id, depth, size) = (*id, deepest.saturating_add(1), add(*total, (1, 0)));
                stack.pop();
                if depth > limit {
                    return Err(too_deep());
                }
                too_big(size)?;
                if let Some(s) = seen.get_mut(id) {
                    *s = depth.saturating_add(1);
                }
                if let Some(e) = expanded.get_mut(id) {
                    *e = size;
                }
                if let Some((_, _, parent_deepest, parent_total)) = stack.last_mut() {
                    *parent_deepest = (*parent_deepest).max(depth);
                    *parent_total = add(*parent_total, size);
                }
            }
        }
    }
    Ok(())
}
