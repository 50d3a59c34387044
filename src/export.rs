//! Writing the rows that have errors back out as a file the user can fix in Excel and
//! import again: the file's own header and columns, each invalid row as it stands now
//! (with the user's edits), and a last column listing what is wrong with it.
//!
//! A CSV is UTF-8 with a byte-order mark, so Excel shows Vietnamese right; a path
//! ending in `.xlsx` gets a workbook whose cells are all text, as the file had them.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::i18n::Lang;
use crate::report::xlsx::{self, Cell, SheetWriter};
use crate::source::{Table, header_text};
use crate::validate::{RowState, Validation};

/// The header of the last column.
pub fn errors_header(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Errors",
        Lang::Vi => "Lỗi",
    }
}

/// What is wrong with the row the user knows as `row_number`: every error (not
/// warnings), each prefixed by its column's header, joined by `; `.
pub fn row_errors(validation: &Validation, row_number: u32, lang: Lang) -> String {
    let mut out = String::new();
    for issue in validation.issues_at(row_number) {
        if issue.is_warning() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&issue.located_message(lang));
    }
    out
}

/// The invalid rows of `table` in file order: (table row index, its errors).
fn invalid_rows<'a>(
    table: &'a Table,
    validation: &'a Validation,
    lang: Lang,
) -> impl Iterator<Item = (usize, String)> + 'a {
    let states = validation.states.iter().enumerate();
    states
        .filter(|(_, state)| **state == RowState::Invalid)
        .map(move |(r, _)| (r, row_errors(validation, table.row_number(r), lang)))
}

/// The file's headers as the user reads them ("Cột C" for a column without one in
/// Vietnamese, which reads back as the same column) and the errors column.
fn header(table: &Table, lang: Lang) -> Vec<Cow<'_, str>> {
    let mut header: Vec<Cow<'_, str>> = table
        .headers()
        .iter()
        .map(|h| header_text(h, lang))
        .collect();
    header.push(Cow::Borrowed(errors_header(lang)));
    header
}

/// Writes the invalid rows of `table` to `out` (BOM, header + "Errors", one line per
/// invalid row in file order). Returns the number of rows written.
pub fn write_error_rows_to<W: Write>(
    mut out: W,
    table: &Table,
    validation: &Validation,
    lang: Lang,
) -> std::io::Result<usize> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header(table, lang).iter().map(|h| h.as_bytes()))?;
    let view = validation.view(table);
    let mut written = 0;
    for (r, errors) in invalid_rows(table, validation, lang) {
        for cell in view.row(r) {
            w.write_field(cell)?;
        }
        w.write_field(&errors)?;
        w.write_record(None::<&[u8]>)?;
        written += 1;
    }
    w.flush()?;
    Ok(written)
}

/// Writes the invalid rows of `table` as a workbook at `path` (the same columns as
/// [`write_error_rows_to`], every cell text). Returns the number of rows written.
fn write_error_rows_xlsx(
    path: &Path,
    table: &Table,
    validation: &Validation,
    lang: Lang,
) -> Result<usize, rust_xlsxwriter::XlsxError> {
    let mut w = SheetWriter::new(errors_header(lang), &header(table, lang))?;
    let view = validation.view(table);
    let mut written = 0;
    for (r, errors) in invalid_rows(table, validation, lang) {
        let mut cells: Vec<Cell<'_>> = view.row(r).map(Cell::Text).collect();
        cells.push(Cell::Text(&errors));
        w.push(&cells)?;
        written += 1;
    }
    w.save(path)?;
    Ok(written)
}

/// Creates `path` and writes the invalid rows to it: a workbook when `path` ends in
/// `.xlsx` (any case), else a CSV (see [`write_error_rows_to`]).
pub fn write_error_rows(
    path: &Path,
    table: &Table,
    validation: &Validation,
    lang: Lang,
) -> std::io::Result<usize> {
    if xlsx::is_xlsx(path) {
        return write_error_rows_xlsx(path, table, validation, lang).map_err(std::io::Error::other);
    }
    let file = File::create(path)?;
    let mut out = BufWriter::new(file);
    let n = write_error_rows_to(&mut out, table, validation, lang)?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{auto_mapping, resolve};
    use crate::schema;
    use crate::source::{ReadOptions, read_file};
    use crate::validate::validate;

    fn load(csv: &str) -> (tempfile::TempDir, Table, Validation) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kh.csv");
        std::fs::write(&path, csv).unwrap();
        let table = read_file(&path, &ReadOptions::default()).unwrap().table;
        let object = schema::find("customer-identity").unwrap();
        let mapping = auto_mapping(table.headers(), object).unwrap();
        let plan = resolve(&mapping, table.headers()).unwrap();
        let v = validate(&table, &plan, None).unwrap();
        (dir, table, v)
    }

    const CSV: &str = "Mã KH,Họ và tên,Số điện thoại,Email\n\
        KH1,Nguyễn Văn Ánh,0912345678,anh@example.vn\n\
        KH2,Trần Thị Bích,12345,bich@example.vn\n\
        KH3,\"Lê, Minh Đức\",0987654321,duc@mail\n\
        KH4,Phạm Thu Hà,0901234567,ha@example.vn\n";

    #[test]
    fn writes_invalid_rows_with_their_errors_and_a_bom() {
        let (dir, table, v) = load(CSV);
        assert_eq!(v.invalid, 2, "{:?}", v.issues);
        let path = dir.path().join("loi.csv");
        let n = write_error_rows(&path, &table, &v, Lang::Vi).unwrap();
        assert_eq!(n, 2);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let mut rd = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header,
            ["Mã KH", "Họ và tên", "Số điện thoại", "Email", "Lỗi"]
        );
        let rows: Vec<Vec<String>> = rd
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            &rows[0][..4],
            ["KH2", "Trần Thị Bích", "12345", "bich@example.vn"]
        );
        assert!(
            rows[0][4].starts_with("Số điện thoại: số điện thoại không hợp lệ"),
            "{}",
            rows[0][4]
        );
        // A quoted comma survives the round trip.
        assert_eq!(
            &rows[1][..4],
            ["KH3", "Lê, Minh Đức", "0987654321", "duc@mail"]
        );
        assert!(
            rows[1][4].contains("Email: email không hợp lệ"),
            "{}",
            rows[1][4]
        );
    }

    #[test]
    fn english_header_and_no_rows_when_all_valid() {
        let (_dir, table, v) = load("Mã KH,Họ và tên,Số điện thoại\nKH1,An,0912345678\n");
        let mut buf = Vec::new();
        let n = write_error_rows_to(&mut buf, &table, &v, Lang::En).unwrap();
        assert_eq!(n, 0);
        let text = String::from_utf8(buf[3..].to_vec()).unwrap();
        assert_eq!(text, "Mã KH,Họ và tên,Số điện thoại,Errors\n");
    }

    #[test]
    fn edited_rows_are_written_as_they_stand_now() {
        let (_dir, table, _) = load(CSV);
        let mut edits = crate::source::Edits::new();
        // KH2 keeps its bad phone but gets a new name; KH3's email is fixed.
        edits.set(&table, 1, 1, "Trần Thị Bích Ngọc");
        edits.set(&table, 2, 3, "duc@mail.vn");
        let plan = resolve(
            &auto_mapping(table.headers(), schema::find("customer-identity").unwrap()).unwrap(),
            table.headers(),
        )
        .unwrap();
        let v = validate(crate::source::TableView::new(&table, &edits), &plan, None).unwrap();
        let mut buf = Vec::new();
        let n = write_error_rows_to(&mut buf, &table, &v, Lang::En).unwrap();
        assert_eq!(n, 1);
        let text = String::from_utf8(buf[3..].to_vec()).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert!(line.starts_with("KH2,Trần Thị Bích Ngọc,12345,"), "{text}");
        assert_eq!(table.cell(1, 1), "Trần Thị Bích", "the table is untouched");
    }

    #[test]
    fn the_xlsx_export_reimports_with_the_same_headers_and_cells() {
        let csv = "Mã KH,Họ và tên,Số điện thoại,Email,Ghi chú\n\
            KH1,Nguyễn Văn Ánh,0912345678,anh@example.vn,1/2\n\
            007,Trần Thị Bích,012345,bich@example.vn,1/2\n\
            KH3,\"Lê, Minh Đức\",0987654321,duc@mail,3-4\n";
        let (dir, table, v) = load(csv);
        assert_eq!(v.invalid, 2, "{:?}", v.issues);
        let path = dir.path().join("lỗi.XLSX");
        assert_eq!(write_error_rows(&path, &table, &v, Lang::Vi).unwrap(), 2);
        assert!(
            std::fs::read(&path).unwrap().starts_with(b"PK"),
            "a workbook"
        );

        let back = read_file(&path, &ReadOptions::default()).unwrap().table;
        assert_eq!(
            back.headers(),
            [
                "Mã KH",
                "Họ và tên",
                "Số điện thoại",
                "Email",
                "Ghi chú",
                "Lỗi"
            ]
        );
        let rows: Vec<Vec<&str>> = (0..back.len()).map(|r| back.row(r).collect()).collect();
        assert_eq!(rows.len(), 2);
        // Leading zeros, a date-looking note and Vietnamese come back as they were.
        assert_eq!(
            rows[0][..5],
            ["007", "Trần Thị Bích", "012345", "bich@example.vn", "1/2"]
        );
        assert_eq!(
            rows[1][..5],
            ["KH3", "Lê, Minh Đức", "0987654321", "duc@mail", "3-4"]
        );
        assert!(rows[0][5].starts_with("Số điện thoại: "), "{}", rows[0][5]);
        assert!(
            rows[1][5].contains("Email: email không hợp lệ"),
            "{}",
            rows[1][5]
        );
    }

    #[test]
    fn a_column_without_a_header_is_cot_in_vietnamese_and_reads_back_as_the_same_column() {
        let csv = "Mã KH,Họ và tên,Số điện thoại,\n\
            KH1,Nguyễn Văn Ánh,0912345678,a\n\
            KH2,Trần Thị Bích,12345,b\n";
        let (dir, table, v) = load(csv);
        assert_eq!(table.headers()[3], "Column D");
        let path = dir.path().join("lỗi.xlsx");
        write_error_rows(&path, &table, &v, Lang::Vi).unwrap();
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&path).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let first: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            first,
            ["Mã KH", "Họ và tên", "Số điện thoại", "Cột D", "Lỗi"]
        );
        // Read back, it is the column a mapping or template knows as "Column D".
        let back = read_file(&path, &ReadOptions::default()).unwrap().table;
        assert_eq!(back.headers()[3], "Column D");
        let mut buf = Vec::new();
        write_error_rows_to(&mut buf, &table, &v, Lang::En).unwrap();
        let text = String::from_utf8(buf[3..].to_vec()).unwrap();
        assert!(
            text.starts_with("Mã KH,Họ và tên,Số điện thoại,Column D,Errors\n"),
            "{text}"
        );
    }
}
