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
        Span {
            start: offset,
            end: offset,
        }
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
///
/// Building is one pass over the text; a lookup is a binary search plus, for non-ASCII text, a
/// count over at most 4 KiB, so columns stay cheap on very long lines (a minified
/// 50 MB Graph export is one line).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// For non-ASCII text, the number of characters that start before each multiple of [`BLOCK`]
    /// bytes; empty for ASCII text, where characters and bytes coincide.
    block_chars: Vec<usize>,
}

/// Granularity of [`LineIndex::block_chars`].
const BLOCK: usize = 4096;

/// Whether `b` starts a UTF-8 character (is not a continuation byte).
fn starts_char(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

impl LineIndex {
    /// Indexes `text`. A line ends after `\n`, after a `\r\n` pair (one line end) and after a
    /// `\r` alone (classic Mac OS line endings, which some editors still write).
    pub fn new(text: &str) -> Self {
        // A pass over the text: counted, so that a test can tell an index built per lookup.
        crate::work::add_usize(text.len());
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        if bytes.contains(&b'\r') {
            line_starts.extend(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                    .map(|(i, _)| i + 1),
            );
        } else {
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        }
        let mut block_chars = Vec::new();
        if !text.is_ascii() {
            block_chars.reserve(text.len() / BLOCK + 1);
            let mut before = 0;
            block_chars.push(0);
            for block in text.as_bytes().chunks(BLOCK) {
                before += block.iter().filter(|b| starts_char(**b)).count();
                block_chars.push(before);
            }
        }
        LineIndex {
            line_starts,
            block_chars,
        }
    }

    /// The number of characters that start in `text[..offset]` (`offset <= text.len()`).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.block_chars.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        let base = self.block_chars.get(block).copied().unwrap_or(0);
        let tail = text.as_bytes().get(block * BLOCK..offset).unwrap_or_default();
        base + tail.iter().filter(|b| starts_char(**b)).count()
    }

    /// The number of lines (a text without a line end has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that byte `offset` is on (offsets past the end are on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset where 0-based `line` starts, `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// The line and column of byte `offset` in `text` (the same text this index was built from).
    /// Offsets past the end or inside a character are clamped to the nearest valid position.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        // Characters that start in `start..offset`: for an offset inside a multi-byte character,
        // the ones that start before it.
        let column = self.chars_before(text, offset) - self.chars_before(text, start);
        LineCol {
            line: line + 1,
            column: column + 1,
        }
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

    /// The column as the original definition counts it.
    fn reference_column(text: &str, start: usize, offset: usize) -> usize {
        text.get(start..offset).map(|s| s.chars().count()).unwrap_or_else(|| {
            text.char_indices()
                .skip_while(|(i, _)| *i < start)
                .take_while(|(i, _)| *i < offset)
                .count()
        })
    }

    #[test]
    fn line_col_matches_a_character_count_on_long_mixed_lines() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["a", "é", "😀", "\r\n", "bcd", "\n", "€"][i % 7]);
            if i % 500 == 0 {
                text.push_str(&"x".repeat(5000));
            }
        }
        let idx = LineIndex::new(&text);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for offset in (0..=text.len() + 3)
            .step_by(7)
            .chain([BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK])
        {
            let clamped = offset.min(text.len());
            let line = starts.iter().rposition(|s| *s <= clamped).unwrap();
            let expected = LineCol {
                line: line + 1,
                column: reference_column(&text, starts[line], clamped) + 1,
            };
            assert_eq!(idx.line_col(&text, offset), expected, "offset {offset}");
        }
    }
}

/// A span kept in 8 bytes instead of the 24 of an `Option<Span>`: trees hold several per value
/// (a 50 MB Graph export has 1.4 million nodes and as many keys), so the difference is hundreds
/// of megabytes; the model keeps two per value it reads, for every file of a streaming check. Offsets past `u32::MAX - 1`, which no input within the size limits has, are
/// kept as no span.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedSpan {
    start: u32,
    end: u32,
}

impl PackedSpan {
    /// No span (the start is `u32::MAX`).
    pub(crate) const NONE: PackedSpan = PackedSpan {
        start: u32::MAX,
        end: u32::MAX,
    };

    pub(crate) fn pack(span: Option<Span>) -> Self {
        match span.map(|s| (u32::try_from(s.start), u32::try_from(s.end))) {
            Some((Ok(start), Ok(end))) if start != u32::MAX => PackedSpan { start, end },
            _ => PackedSpan::NONE,
        }
    }

    pub(crate) fn get(self) -> Option<Span> {
        (self.start != u32::MAX).then_some(Span {
            start: self.start as usize,
            end: self.end as usize,
        })
    }
}

impl std::fmt::Debug for PackedSpan {
    /// As the `Option<Span>` it stands for.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}
