//! Binary property lists, read with the `plist` crate and converted to the shared tree.
//!
//! Binary plists have no text, so nodes carry no spans; diagnostics show key paths instead.

use super::{Entry, NodeId, SyntaxError, Tree, Value};
use crate::limits::Limits;

/// Parses a binary plist (`bplist00…`).
///
/// The `plist` crate rejects cyclic and out-of-range object references; the conversion below
/// walks the result with an explicit stack, so even a deep but valid plist cannot overflow ours.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Tree, SyntaxError> {
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
                    entries.push(Entry { key: key.clone(), key_span: None, key_inner: None, value: child_id });
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
