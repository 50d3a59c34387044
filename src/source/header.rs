//! Finding the header row (title and blank rows above it are common), naming the
//! columns and spotting duplicate header texts. Shared by text files and workbooks.

use std::borrow::Cow;

use crate::error::column_letter;
use crate::i18n::Lang;

use super::encoding::nfc;
use super::{CellKind, DuplicateHeader};

/// How many rows from the top are considered when looking for the header.
pub(crate) const HEADER_SCAN_ROWS: usize = 30;

/// One of the first rows of a file or sheet, as seen while looking for the header.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ScanRow {
    /// Row number as the user sees it (1-based).
    pub number: u32,
    pub cells: Vec<String>,
    /// Kind of each cell; empty when every cell is text (CSV).
    pub kinds: Vec<CellKind>,
}

impl ScanRow {
    pub(crate) fn non_empty(&self) -> usize {
        self.cells.iter().filter(|c| !c.trim().is_empty()).count()
    }

    fn kind(&self, i: usize) -> CellKind {
        self.kinds.get(i).copied().unwrap_or_default()
    }

    fn is_word(&self, i: usize) -> bool {
        let t = self.cells[i].trim();
        self.kind(i) == CellKind::Text && !looks_numeric(t)
    }

    /// Whether every non-empty cell is text that does not read as a number or date.
    fn all_text(&self) -> bool {
        (0..self.cells.len()).all(|i| self.cells[i].trim().is_empty() || self.is_word(i))
    }

    /// Whether most of the non-empty cells (half or more) are such text.
    fn mostly_text(&self) -> bool {
        let words = (0..self.cells.len())
            .filter(|&i| !self.cells[i].trim().is_empty() && self.is_word(i))
            .count();
        words * 2 >= self.non_empty()
    }
}

/// A value made of digits and number/date punctuation (`0912 345 678`, `15/01/2024`,
/// `1.234,5`, `+84…`): data, not a column name.
fn looks_numeric(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b" +-.,/:()%'".contains(&b))
}

/// Index (into `rows`) of the header among the first [`HEADER_SCAN_ROWS`] rows: the
/// first row whose non-empty cells number at least 2 and at least 60% of the widest
/// row's, are all text, and that is followed by a non-empty row. Otherwise a row
/// that leaves data under it is preferred to one that leaves none: the first as
/// wide as that whose cells are mostly text (a header may hold a year, `2024`).
/// Only then the first header-like row without data under it (a file that is only
/// a header, perhaps under a title), else the first non-empty row. `None` when
/// every row is empty.
pub(crate) fn detect_header(rows: &[ScanRow]) -> Option<usize> {
    let candidates = &rows[..rows.len().min(HEADER_SCAN_ROWS)];
    let counts: Vec<usize> = rows.iter().map(ScanRow::non_empty).collect();
    let widest = counts[..candidates.len()]
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    let wide = |i: usize| {
        let n = counts[i];
        n >= 2 && n * 10 >= widest * 6
    };
    let header_like = |i: usize| wide(i) && candidates[i].all_text();
    let with_data_below = |i: usize| counts[i] > 0 && counts[i + 1..].iter().any(|&c| c > 0);
    let first = |test: &dyn Fn(usize) -> bool| (0..candidates.len()).find(|&i| test(i));
    first(&|i| header_like(i) && with_data_below(i))
        .or_else(|| first(&|i| wide(i) && candidates[i].mostly_text() && with_data_below(i)))
        // No data below any row: the file is probably only a header.
        .or_else(|| first(&header_like))
        .or_else(|| counts.iter().position(|&c| c > 0))
}

/// The word a blank header's name starts with in each language.
const BLANK_EN: &str = "Column ";
const BLANK_VI: &str = "Cột ";

/// Column names from the header cells: trimmed, NFC; an empty one becomes
/// `Column X` (X its letter), the name mappings and templates match whatever the
/// app's language. A header that is that name in Vietnamese (`Cột X` in column X,
/// as the app's error export writes it) is the same name. `first_column` is the
/// sheet column of cell 0.
pub(crate) fn column_names(cells: &[String], first_column: usize) -> Vec<String> {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let t = c.trim();
            let letter = column_letter(first_column + i);
            if t.is_empty() || t.strip_prefix(BLANK_VI) == Some(letter.as_str()) {
                format!("{BLANK_EN}{letter}")
            } else {
                nfc(t).into_owned()
            }
        })
        .collect()
}

/// A column name as the user reads it in `lang`: a blank header's name
/// (`Column B`) is `Cột B` in Vietnamese; any other header is shown as written.
pub fn header_text(name: &str, lang: Lang) -> Cow<'_, str> {
    match (lang, name.strip_prefix(BLANK_EN)) {
        (Lang::Vi, Some(letter))
            if !letter.is_empty() && letter.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            Cow::Owned(format!("{BLANK_VI}{letter}"))
        }
        _ => Cow::Borrowed(name),
    }
}

/// Header texts that appear more than once (compared without regard to case),
/// with the letters of every column that has them, in order of first appearance.
pub(crate) fn duplicate_headers(names: &[String], first_column: usize) -> Vec<DuplicateHeader> {
    let keys: Vec<String> = names.iter().map(|n| n.trim().to_lowercase()).collect();
    let mut out: Vec<DuplicateHeader> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, key) in keys.iter().enumerate() {
        if key.is_empty() || !seen.insert(key.as_str()) {
            continue;
        }
        let columns: Vec<String> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| *k == key)
            .map(|(j, _)| column_letter(first_column + j))
            .collect();
        if columns.len() > 1 {
            out.push(DuplicateHeader {
                header: names[i].clone(),
                columns,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, cells: &[&str]) -> ScanRow {
        ScanRow {
            number,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            kinds: Vec::new(),
        }
    }

    #[test]
    fn title_and_blank_rows_are_skipped() {
        let rows = [
            row(1, &["DANH SÁCH KHÁCH HÀNG THÁNG 10", "", "", ""]),
            row(2, &["", "", "", ""]),
            row(3, &["Mã KH", "Họ tên", "SĐT", "Email"]),
            row(4, &["KH001", "Nguyễn Văn An", "0912345678", "an@x.vn"]),
        ];
        assert_eq!(detect_header(&rows), Some(2));
    }

    #[test]
    fn numeric_rows_and_rows_without_data_below_are_not_headers() {
        let rows = [
            row(1, &["Báo cáo", "10/2024"]),
            row(2, &["Mã", "Tên", "Điểm"]),
            row(3, &["1", "An", "5"]),
        ];
        assert_eq!(detect_header(&rows), Some(1));
        let rows = [row(1, &["", ""]), row(2, &["a", "b"]), row(3, &["", ""])];
        assert_eq!(detect_header(&rows), Some(1));
        let rows = [row(1, &["x"]), row(2, &["1", "2"])];
        assert_eq!(detect_header(&rows), Some(0));
        let mut kinds = row(1, &["2024-01-01T00:00:00", "x"]);
        kinds.kinds = vec![CellKind::Date, CellKind::Text];
        let rows = [kinds, row(2, &["Ngày", "Tên"]), row(3, &["a", "b"])];
        assert_eq!(detect_header(&rows), Some(1));
        assert_eq!(detect_header(&[row(1, &["", ""])]), None);
    }

    #[test]
    fn a_row_that_leaves_no_data_is_not_chosen_while_an_earlier_one_leaves_some() {
        // The header has a year in it (not all text); a signature line at the bottom
        // looks like a header but has nothing under it.
        let rows = [
            row(1, &["Mã KH", "Họ và tên", "2024"]),
            row(2, &["KH1", "An", "5"]),
            row(3, &["KH2", "Bình", "6"]),
            row(4, &["", "", ""]),
            row(5, &["Người lập", "Kế toán", "Giám đốc"]),
        ];
        assert_eq!(detect_header(&rows), Some(0));
        // A title above such a header is still passed over.
        let rows = [
            row(1, &["DOANH SỐ", "", ""]),
            row(2, &["Mã KH", "Họ và tên", "2024"]),
            row(3, &["KH1", "An", "5"]),
            row(4, &["Người lập", "Kế toán", ""]),
        ];
        assert_eq!(detect_header(&rows), Some(1));
    }

    #[test]
    fn a_narrow_row_is_not_the_header_of_a_wide_table() {
        let rows = [
            row(1, &["Kỳ", "Tháng 10", "", "", ""]),
            row(2, &["Mã", "Tên", "SĐT", "Email", "Ghi chú"]),
            row(3, &["K1", "An", "09", "a@b.vn", ""]),
        ];
        assert_eq!(detect_header(&rows), Some(1));
    }

    #[test]
    fn names_are_trimmed_and_blank_ones_named_by_letter() {
        let cells = vec![" Họ tên ".to_string(), "".into(), "Email".into()];
        assert_eq!(column_names(&cells, 1), ["Họ tên", "Column C", "Email"]);
    }

    #[test]
    fn a_blank_header_reads_in_the_language_and_its_vietnamese_name_is_the_same_column() {
        assert_eq!(header_text("Column C", Lang::Vi), "Cột C");
        assert_eq!(header_text("Column AB", Lang::Vi), "Cột AB");
        assert_eq!(header_text("Column C", Lang::En), "Column C");
        assert_eq!(header_text("Email", Lang::Vi), "Email");
        assert_eq!(header_text("Column total", Lang::Vi), "Column total");
        // The error export in Vietnamese heads the blank column "Cột C": read back,
        // it is the column the mapping knows as "Column C". At another letter it is
        // a header like any other.
        let cells = vec!["Mã".to_string(), "Cột B".into(), "Cột B".into()];
        assert_eq!(column_names(&cells, 0), ["Mã", "Column B", "Cột B"]);
    }

    #[test]
    fn duplicates_list_every_column() {
        let names: Vec<String> = ["Email", "Tên", "email", "Tên", "EMAIL"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let d = duplicate_headers(&names, 0);
        assert_eq!(
            d,
            [
                DuplicateHeader {
                    header: "Email".into(),
                    columns: vec!["A".into(), "C".into(), "E".into()]
                },
                DuplicateHeader {
                    header: "Tên".into(),
                    columns: vec!["B".into(), "D".into()]
                },
            ]
        );
    }
}
