//! The user's fixes, kept apart from the table they fix: the [`Table`] never changes
//! after reading, and an [`Edits`] overlay (owned by whoever edits, e.g. the Check
//! step) is read through a [`TableView`], a cheap `&Table` + `&Edits` pair.

use std::collections::BTreeMap;

use super::table::{CellKind, Table};

/// Cells the user has typed over, by (table row index, table column).
/// An edited cell is always text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edits {
    cells: BTreeMap<(u32, u32), String>,
}

impl Edits {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the text of cell (`r`, `c`) of `table`. Typing back what the file holds
    /// (in a text cell) clears the edit, so the cell is the file's again.
    pub fn set(&mut self, table: &Table, r: usize, c: usize, value: impl Into<String>) {
        let value = value.into();
        let key = (r as u32, c as u32);
        if value == table.cell(r, c) && table.kind(r, c) == CellKind::Text {
            self.cells.remove(&key);
        } else {
            self.cells.insert(key, value);
        }
    }

    /// Drops the edit of cell (`r`, `c`), if any: the cell shows the file's text again.
    pub fn clear(&mut self, r: usize, c: usize) {
        self.cells.remove(&(r as u32, c as u32));
    }

    /// The text typed into cell (`r`, `c`), if it was edited.
    #[inline]
    pub fn get(&self, r: usize, c: usize) -> Option<&str> {
        self.cells.get(&(r as u32, c as u32)).map(String::as_str)
    }

    /// Number of edited cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// A table as the user sees it now: the file's cells with the edits over them.
/// `Copy` and two pointers wide; validation, payloads and exports read through it.
#[derive(Clone, Copy, Debug)]
pub struct TableView<'a> {
    table: &'a Table,
    /// `None` when there are no edits, so reading an unedited table costs one branch.
    edits: Option<&'a Edits>,
}

impl<'a> From<&'a Table> for TableView<'a> {
    fn from(table: &'a Table) -> Self {
        Self { table, edits: None }
    }
}

impl<'a> TableView<'a> {
    /// `table` with `edits` over it.
    pub fn new(table: &'a Table, edits: &'a Edits) -> Self {
        Self {
            table,
            edits: (!edits.is_empty()).then_some(edits),
        }
    }

    /// The edits over the table (`None` when there are none).
    pub fn edits(&self) -> Option<&'a Edits> {
        self.edits
    }

    /// The table as read, without the edits.
    pub fn table(&self) -> &'a Table {
        self.table
    }

    /// The text of cell (`r`, `c`): the edit if there is one, else the file's.
    #[inline]
    pub fn cell(&self, r: usize, c: usize) -> &'a str {
        if let Some(e) = self.edits
            && let Some(v) = e.get(r, c)
        {
            return v;
        }
        self.table.cell(r, c)
    }

    /// The kind of cell (`r`, `c`): `Text` for an edited cell.
    #[inline]
    pub fn kind(&self, r: usize, c: usize) -> CellKind {
        match self.edits {
            Some(e) if e.get(r, c).is_some() => CellKind::Text,
            _ => self.table.kind(r, c),
        }
    }

    /// The cells of data row `r`, edits included.
    pub fn row(&self, r: usize) -> impl Iterator<Item = &'a str> + 'a {
        let view = *self;
        (0..self.table.width()).map(move |c| view.cell(r, c))
    }

    /// Whether cell (`r`, `c`) was edited.
    pub fn is_edited(&self, r: usize, c: usize) -> bool {
        self.edits.is_some_and(|e| e.get(r, c).is_some())
    }

    /// Number of edited cells.
    pub fn edit_count(&self) -> usize {
        self.edits.map_or(0, Edits::len)
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    pub fn width(&self) -> usize {
        self.table.width()
    }

    pub fn headers(&self) -> &'a [String] {
        self.table.headers()
    }

    /// The 1-based row number the user sees for data row `r`.
    pub fn row_number(&self, r: usize) -> u32 {
        self.table.row_number(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::TableBuilder;

    fn table() -> Table {
        let mut b = TableBuilder::new(2, true);
        b.push("912345678", CellKind::Number).unwrap();
        b.push("An", CellKind::Text).unwrap();
        b.end_row(2);
        b.push("1", CellKind::Number).unwrap();
        b.push("Bình", CellKind::Text).unwrap();
        b.end_row(3);
        b.finish(vec!["SĐT".into(), "Tên".into()], 1)
    }

    #[test]
    fn an_edit_overrides_the_cell_as_text_and_leaves_the_table_alone() {
        let t = table();
        let mut e = Edits::new();
        e.set(&t, 0, 0, "0912 345 678");
        let v = TableView::new(&t, &e);
        assert_eq!(v.cell(0, 0), "0912 345 678");
        assert_eq!(v.kind(0, 0), CellKind::Text);
        assert!(v.is_edited(0, 0));
        assert!(!v.is_edited(0, 1));
        assert_eq!(v.edit_count(), 1);
        assert_eq!(v.row(0).collect::<Vec<_>>(), ["0912 345 678", "An"]);
        assert_eq!(v.cell(1, 0), "1");
        assert_eq!(v.kind(1, 0), CellKind::Number);
        // The table itself still holds what the file holds.
        assert_eq!(t.cell(0, 0), "912345678");
        assert_eq!(t.kind(0, 0), CellKind::Number);
    }

    #[test]
    fn clearing_or_typing_back_the_original_restores_the_file_cell() {
        let t = table();
        let mut e = Edits::new();
        e.set(&t, 0, 1, "Anh");
        assert_eq!(TableView::new(&t, &e).cell(0, 1), "Anh");
        e.set(&t, 0, 1, "An");
        assert!(e.is_empty());
        e.set(&t, 1, 1, "Bính");
        e.clear(1, 1);
        let v = TableView::new(&t, &e);
        assert_eq!(v.cell(1, 1), "Bình");
        assert!(!v.is_edited(1, 1));
        // A number cell typed over with its own text becomes text: it stays an edit.
        e.set(&t, 1, 0, "1");
        assert_eq!(TableView::new(&t, &e).kind(1, 0), CellKind::Text);
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn a_table_without_edits_reads_as_itself() {
        let t = table();
        let v = TableView::from(&t);
        assert_eq!(v.row(1).collect::<Vec<_>>(), ["1", "Bình"]);
        assert_eq!(v.edit_count(), 0);
        assert_eq!((v.len(), v.width(), v.row_number(1)), (2, 2, 3));
    }
}
