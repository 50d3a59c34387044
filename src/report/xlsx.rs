//! One-sheet workbooks for people who open reports in Excel: a bold header row that
//! stays in view, columns as wide as their contents (within reason), every text cell
//! stored as text (so "0901234567" keeps its 0 and "1/2" never becomes a date) and
//! row numbers as numbers.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on the rows of one sheet (the header row included).
const MAX_ROWS: u32 = 1_048_576;
/// Column widths (in characters) never go past this: long messages wrap off-screen
/// instead of pushing every other column away.
const MAX_WIDTH: usize = 60;

/// Whether `path` asks for a workbook: its extension is `xlsx`, in any case.
pub fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// A cell of a report row.
#[derive(Clone, Copy, Debug)]
pub enum Cell<'a> {
    /// Written as a number (row numbers).
    Number(u32),
    /// Written as text, whatever it looks like.
    Text(&'a str),
}

/// A sheet being filled row by row, then saved as a workbook.
pub struct SheetWriter {
    book: Workbook,
    sheet: Worksheet,
    text: Format,
    next_row: u32,
    widths: Vec<usize>,
}

impl SheetWriter {
    /// A sheet named `name` whose first row is `headers`, bold and frozen.
    pub fn new(name: &str, headers: &[impl AsRef<str>]) -> Result<Self, XlsxError> {
        let mut sheet = Worksheet::new();
        sheet.set_name(name)?;
        let bold = Format::new().set_bold();
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col(c)?, clip(h.as_ref()), &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Self {
            book: Workbook::new(),
            sheet,
            text: Format::new().set_num_format("@"),
            next_row: 1,
            widths: headers.iter().map(|h| h.as_ref().chars().count()).collect(),
        })
    }

    /// Appends one row.
    pub fn push(&mut self, cells: &[Cell<'_>]) -> Result<(), XlsxError> {
        if self.next_row >= MAX_ROWS {
            return Err(XlsxError::RowColumnLimitError);
        }
        let row = self.next_row;
        for (c, cell) in cells.iter().enumerate() {
            let (column, chars) = (col(c)?, self.width_of(cell));
            match *cell {
                Cell::Number(n) => {
                    self.sheet.write_number(row, column, f64::from(n))?;
                }
                Cell::Text("") => {}
                Cell::Text(s) => {
                    self.sheet
                        .write_string_with_format(row, column, clip(s), &self.text)?;
                }
            }
            if c >= self.widths.len() {
                self.widths.resize(c + 1, 0);
            }
            self.widths[c] = self.widths[c].max(chars);
        }
        self.next_row += 1;
        Ok(())
    }

    fn width_of(&self, cell: &Cell<'_>) -> usize {
        match cell {
            Cell::Number(n) => n.to_string().len(),
            Cell::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        }
    }

    /// Sets the column widths and writes the workbook to `path`.
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            let width = (*w).clamp(4, MAX_WIDTH) + 2;
            self.sheet.set_column_width(col(c)?, width as f64)?;
        }
        self.book.push_worksheet(self.sheet);
        self.book.save(path)
    }
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

/// `s` cut to what one Excel cell holds.
fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_in_any_case() {
        assert!(is_xlsx(Path::new("kết quả.XLSX")));
        assert!(is_xlsx(Path::new("r.xlsx")));
        assert!(!is_xlsx(Path::new("r.csv")));
        assert!(!is_xlsx(Path::new("r.xls")));
        assert!(!is_xlsx(Path::new("xlsx")));
    }

    #[test]
    fn an_over_long_cell_is_cut_to_excels_limit() {
        let long = "ă".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(clip(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clip("0901234567"), "0901234567");
    }
}
