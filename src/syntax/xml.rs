//! XML property list reader (being written).
use super::{SyntaxError, Tree};
use crate::limits::Limits;

/// Parses an XML plist.
pub fn parse(_text: &str, _limits: &Limits) -> Result<Tree, SyntaxError> {
    Err(SyntaxError::plist("XML plist reader not yet written", None))
}
