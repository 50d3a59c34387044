//! The loaded table: every cell's text in one buffer, cells addressed by end
//! offsets, row positions kept as the user sees them.
//!
//! Memory is one copy of the text plus 4 bytes a cell (plus 1 byte a cell for
//! workbooks, which carry a cell kind), so a 100 MB CSV needs well under 2x its size.

/// What a cell held in the source. CSV cells are all `Text`; workbook cells keep
/// Excel's own type, so a date cell is a date and a number cell a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum CellKind {
    #[default]
    Text = 0,
    /// A numeric cell; its text is the number written plainly (`912345678`, `12.5`),
    /// never in exponent form and without a trailing `.0`.
    Number = 1,
    /// A date/time cell; its text is ISO 8601 `YYYY-MM-DDTHH:MM:SS(.fff)` (no zone).
    Date = 2,
    /// A boolean cell; its text is `true` or `false`.
    Bool = 3,
    /// An error cell (`#N/A`, `#DIV/0!` …); its text is the error as Excel shows it.
    Error = 4,
}

/// A data row whose number of fields did not match the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaggedRow {
    /// Table row index (0-based, data rows only).
    pub index: usize,
    pub found: usize,
}

/// A rectangular table of text cells, never changed once read (the user's fixes
/// are an [`super::Edits`] overlay). Row `r` is a data row (the header is kept
/// apart); `row_number(r)` is the number the user sees in Excel or in the CSV.
#[derive(Clone, Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    header_row: u32,
    text: String,
    ends: Vec<u32>,
    kinds: Vec<CellKind>,
    rows: Vec<u32>,
    width: usize,
    ragged: Vec<RaggedRow>,
    first_column: usize,
}

impl Table {
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The header row's number as the user sees it (1-based).
    pub fn header_row(&self) -> u32 {
        self.header_row
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// The sheet column (0-based) of table column 0: 1 for a table that starts at
    /// column B. Always 0 for text files.
    pub fn first_column(&self) -> usize {
        self.first_column
    }

    /// The column letter the user sees for table column `c` (`A`, `B` … `AA`).
    pub fn column_letter(&self, c: usize) -> String {
        crate::error::column_letter(self.first_column + c)
    }

    /// Number of data rows (fully empty rows are already left out).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The 1-based row number the user sees for data row `r`.
    pub fn row_number(&self, r: usize) -> u32 {
        self.rows[r]
    }

    /// Index of the data row the user knows as `row_number`, if any.
    pub fn index_of_row_number(&self, row_number: u32) -> Option<usize> {
        self.rows.binary_search(&row_number).ok()
    }

    /// Rows whose field count differed from the header's.
    pub fn ragged(&self) -> &[RaggedRow] {
        &self.ragged
    }

    /// The text of cell (`r`, `c`), as read (decoded, NFC; not trimmed). The user's
    /// fixes are not here: read them through a [`super::TableView`].
    #[inline]
    pub fn cell(&self, r: usize, c: usize) -> &str {
        let i = r * self.width + c;
        let end = self.ends[i] as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..end]
    }

    /// The kind of cell (`r`, `c`): always `Text` for CSV files.
    #[inline]
    pub fn kind(&self, r: usize, c: usize) -> CellKind {
        if self.kinds.is_empty() {
            CellKind::Text
        } else {
            self.kinds[r * self.width + c]
        }
    }

    /// Bytes of memory the table holds (text, offsets, kinds, rows), for reports.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * 4
            + self.kinds.capacity()
            + self.rows.capacity() * 4
            + self.headers.iter().map(|h| h.capacity()).sum::<usize>()
    }

    /// The cells of data row `r`.
    pub fn row(&self, r: usize) -> impl Iterator<Item = &str> + '_ {
        (0..self.width).map(move |c| self.cell(r, c))
    }
}

/// Builds a [`Table`] cell by cell. Used by the CSV and workbook readers.
#[derive(Debug, Default)]
pub struct TableBuilder {
    text: String,
    ends: Vec<u32>,
    kinds: Vec<CellKind>,
    rows: Vec<u32>,
    width: usize,
    with_kinds: bool,
    ragged: Vec<RaggedRow>,
    in_row: usize,
    row_start_text: usize,
    first_column: usize,
}

/// The text buffer would pass what 32-bit offsets address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl TableBuilder {
    /// A builder for rows of `width` cells. `with_kinds` keeps a [`CellKind`] per cell.
    pub fn new(width: usize, with_kinds: bool) -> Self {
        Self {
            width,
            with_kinds,
            ..Self::default()
        }
    }

    /// Number of cells a row holds.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Sets the sheet column (0-based) of the first table column (see [`Table::first_column`]).
    pub fn set_first_column(&mut self, first_column: usize) {
        self.first_column = first_column;
    }

    /// Whether every kept cell of column `c` is empty (zero length).
    pub fn column_is_empty(&self, c: usize) -> bool {
        (0..self.rows.len()).all(|r| {
            let i = r * self.width + c;
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            self.ends[i] == start
        })
    }

    /// Keeps only columns `keep` (a range of the current columns), dropping the
    /// others, which must all be empty ([`TableBuilder::column_is_empty`]). Rows
    /// that were ragged only by the dropped empty cells are ragged no more.
    /// Call between rows (not in the middle of one).
    pub fn keep_columns(&mut self, keep: std::ops::Range<usize>) {
        debug_assert_eq!(self.in_row, 0);
        debug_assert!(keep.end <= self.width && keep.start <= keep.end);
        let old = self.width;
        let new = keep.end - keep.start;
        if new == old {
            return;
        }
        let mut w = 0;
        for i in 0..self.ends.len() {
            if keep.contains(&(i % old)) {
                self.ends[w] = self.ends[i];
                if self.with_kinds {
                    self.kinds[w] = self.kinds[i];
                }
                w += 1;
            }
        }
        self.ends.truncate(w);
        if self.with_kinds {
            self.kinds.truncate(w);
        }
        self.width = new;
        self.ragged.retain(|g| g.found < keep.end || g.found > old);
    }

    /// Reserves room for about `bytes` of text and `rows` rows.
    pub fn reserve(&mut self, bytes: usize, rows: usize) {
        self.text.reserve(bytes);
        self.ends.reserve(rows * self.width);
        self.rows.reserve(rows);
        if self.with_kinds {
            self.kinds.reserve(rows * self.width);
        }
    }

    /// Appends one cell to the current row. Cells past the width are counted, not kept.
    #[inline]
    pub fn push(&mut self, text: &str, kind: CellKind) -> Result<(), TooLarge> {
        if self.in_row < self.width {
            self.text.push_str(text);
            let end = u32::try_from(self.text.len()).map_err(|_| TooLarge)?;
            self.ends.push(end);
            if self.with_kinds {
                self.kinds.push(kind);
            }
        }
        self.in_row += 1;
        Ok(())
    }

    /// Appends the cells of a whole row at once: `text` is their texts joined and
    /// `cell_ends` where each cell ends in it (increasing, at char boundaries).
    /// The same as [`TableBuilder::push`] for each cell, with one copy of the text.
    pub fn push_joined(
        &mut self,
        text: &str,
        cell_ends: impl Iterator<Item = usize>,
    ) -> Result<(), TooLarge> {
        let base = self.text.len();
        let mut kept_end = 0;
        for end in cell_ends {
            if self.in_row < self.width {
                let at = u32::try_from(base + end).map_err(|_| TooLarge)?;
                self.ends.push(at);
                if self.with_kinds {
                    self.kinds.push(CellKind::Text);
                }
                kept_end = end;
            }
            self.in_row += 1;
        }
        self.text.push_str(&text[..kept_end]);
        Ok(())
    }

    /// Ends the current row, which the user knows as `row_number`. A row with fewer
    /// cells is padded with empty ones; a row whose cells are all empty (or only
    /// white space) is dropped. Returns whether the row was kept.
    pub fn end_row(&mut self, row_number: u32) -> bool {
        let found = self.in_row;
        self.in_row = 0;
        let kept = found.min(self.width);
        let row_text = &self.text[self.row_start_text..];
        if row_text.trim().is_empty() {
            // Fully empty row: skipped, not counted.
            self.text.truncate(self.row_start_text);
            let new_len = self.ends.len() - kept;
            self.ends.truncate(new_len);
            if self.with_kinds {
                self.kinds.truncate(new_len);
            }
            return false;
        }
        let end = self.text.len() as u32;
        for _ in kept..self.width {
            self.ends.push(end);
            if self.with_kinds {
                self.kinds.push(CellKind::Text);
            }
        }
        if found != self.width {
            self.ragged.push(RaggedRow {
                index: self.rows.len(),
                found,
            });
        }
        self.rows.push(row_number);
        self.row_start_text = self.text.len();
        true
    }

    /// Number of rows kept so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Appends everything `other` built, shifting its row numbers by `row_offset`
    /// (used to join the halves of a file parsed on two threads).
    pub fn append(&mut self, other: TableBuilder, row_offset: u32) -> Result<(), TooLarge> {
        debug_assert_eq!(self.width, other.width);
        let base = self.text.len();
        u32::try_from(base + other.text.len()).map_err(|_| TooLarge)?;
        let base = base as u32;
        let first_index = self.rows.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|e| e + base));
        self.kinds.extend_from_slice(&other.kinds);
        self.rows.extend(other.rows.iter().map(|r| r + row_offset));
        self.ragged
            .extend(other.ragged.into_iter().map(|g| RaggedRow {
                index: g.index + first_index,
                found: g.found,
            }));
        self.row_start_text = self.text.len();
        Ok(())
    }

    /// Finishes the table with its headers and the header's row number.
    pub fn finish(mut self, headers: Vec<String>, header_row: u32) -> Table {
        debug_assert_eq!(headers.len(), self.width);
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.kinds.shrink_to_fit();
        self.rows.shrink_to_fit();
        Table {
            headers,
            header_row,
            text: self.text,
            ends: self.ends,
            kinds: if self.with_kinds {
                self.kinds
            } else {
                Vec::new()
            },
            rows: self.rows,
            width: self.width,
            ragged: self.ragged,
            first_column: self.first_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(rows: &[(&[&str], u32)], width: usize) -> Table {
        let mut b = TableBuilder::new(width, false);
        for (cells, n) in rows {
            for c in *cells {
                b.push(c, CellKind::Text).unwrap();
            }
            b.end_row(*n);
        }
        b.finish((0..width).map(|i| format!("h{i}")).collect(), 1)
    }

    #[test]
    fn cells_pad_truncate_and_skip_empty_rows() {
        let t = build(
            &[
                (&["a", "bb", ""], 2),
                (&["", " ", ""], 3),
                (&["x"], 4),
                (&["1", "2", "3", "4"], 5),
            ],
            3,
        );
        assert_eq!(t.len(), 3);
        assert_eq!(t.row(0).collect::<Vec<_>>(), ["a", "bb", ""]);
        assert_eq!(t.row(1).collect::<Vec<_>>(), ["x", "", ""]);
        assert_eq!(t.row(2).collect::<Vec<_>>(), ["1", "2", "3"]);
        assert_eq!(t.row_number(1), 4);
        assert_eq!(t.index_of_row_number(5), Some(2));
        assert_eq!(t.index_of_row_number(3), None);
        assert_eq!(
            t.ragged(),
            [
                RaggedRow { index: 1, found: 1 },
                RaggedRow { index: 2, found: 4 }
            ]
        );
    }

    #[test]
    fn append_shifts_offsets_and_rows() {
        let mut a = TableBuilder::new(2, true);
        a.push("a", CellKind::Text).unwrap();
        a.push("1", CellKind::Number).unwrap();
        a.end_row(2);
        let mut b = TableBuilder::new(2, true);
        b.push("b", CellKind::Text).unwrap();
        b.end_row(1);
        a.append(b, 2).unwrap();
        let t = a.finish(vec!["x".into(), "y".into()], 1);
        assert_eq!(t.cell(1, 0), "b");
        assert_eq!(t.cell(1, 1), "");
        assert_eq!(t.row_number(1), 3);
        assert_eq!(t.kind(0, 1), CellKind::Number);
        assert_eq!(t.ragged(), [RaggedRow { index: 1, found: 1 }]);
    }

    #[test]
    fn joined_rows_are_like_cell_by_cell() {
        let mut a = TableBuilder::new(2, false);
        let mut b = TableBuilder::new(2, false);
        for cells in [&["x", "yy", "zzz"][..], &["Hương"], &["", "ab"]] {
            let joined: String = cells.concat();
            let ends = cells.iter().scan(0, |at, c| {
                *at += c.len();
                Some(*at)
            });
            a.push_joined(&joined, ends).unwrap();
            a.end_row(1);
            for c in cells {
                b.push(c, CellKind::Text).unwrap();
            }
            b.end_row(1);
        }
        let (a, b) = (
            a.finish(vec!["p".into(), "q".into()], 1),
            b.finish(vec!["p".into(), "q".into()], 1),
        );
        for r in 0..3 {
            assert_eq!(a.row(r).collect::<Vec<_>>(), b.row(r).collect::<Vec<_>>());
        }
        assert_eq!(a.ragged(), b.ragged());
        assert_eq!(a.heap_bytes() > 0, b.heap_bytes() > 0);
    }
}
