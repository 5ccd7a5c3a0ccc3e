//! Byte spans into a document's text and their line/column positions.

use serde::Serialize;

/// A half-open byte range `start..end` into the text of a document (the text as read, after
/// decoding: for a UTF-16 file the offsets refer to its UTF-8 decoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given in the wrong order).
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span { start: end, end: start }
        }
    }

    /// An empty span at `offset` (a point, for "broke here" labels and insertions).
    pub fn point(offset: usize) -> Self {
        Span { start: offset, end: offset }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and column; the column counts characters (Unicode scalar values), as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Maps byte offsets of one text to lines and columns. Built once per document, lazily.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`. A line ends after `\n`; a `\r\n` pair counts as one line end.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { line_starts }
    }

    /// The line and column of byte `offset` in `text` (the same text this index was built from).
    /// Offsets past the end or inside a character are clamped to the nearest valid position.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or_else(|| {
                // `offset` is inside a multi-byte character: count the characters that start before it.
                text.char_indices()
                    .skip_while(|(i, _)| *i < start)
                    .take_while(|(i, _)| *i < offset)
                    .count()
            });
        LineCol { line: line + 1, column: column + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_crlf() {
        let text = "a\r\nbé c\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // 'c' is after "bé " = 4 bytes, 3 characters.
        assert_eq!(idx.line_col(text, 3 + 4), LineCol { line: 2, column: 4 });
        assert_eq!(idx.line_col(text, text.len()), LineCol { line: 3, column: 2 });
    }
}
