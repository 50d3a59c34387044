//! Reading files end to end: encodings, delimiters, quoting, header rows,
//! workbooks (generated .xlsx and the converted .xls/.xlsb/.ods in tests/fixtures).

use std::path::{Path, PathBuf};

use pango_importer::error::{FileError, FileErrorKind};
use pango_importer::progress::Progress;
use pango_importer::source::{CellKind, Format, Loaded, ReadOptions, read_file, read_file_with};
use unicode_normalization::UnicodeNormalization;

#[path = "../benches/common/legacy.rs"]
mod legacy;
use legacy::windows_1258;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(path: &Path) -> Loaded {
    read_file(path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn read_err(path: &Path, opts: &ReadOptions) -> FileError {
    match read_file(path, opts) {
        Ok(l) => panic!("read {} rows from {}", l.table.len(), path.display()),
        Err(e) => e,
    }
}

fn rows(l: &Loaded) -> Vec<(u32, Vec<String>)> {
    let t = &l.table;
    (0..t.len())
        .map(|r| (t.row_number(r), t.row(r).map(String::from).collect()))
        .collect()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn utf8_with_bom_and_nfd_text_comes_out_nfc() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}Mã KH,Họ tên\nKH1,Nguye\u{302}\u{303}n Văn An\n"
        .nfd()
        .collect::<String>();
    let l = read(&write(dir.path(), "a.csv", text));
    assert_eq!(l.info.encoding, Some("UTF-8"));
    assert!(l.info.encoding_detected);
    assert_eq!(l.table.headers(), ["Mã KH", "Họ tên"]);
    assert_eq!(l.table.cell(0, 1), "Nguyễn Văn An");
    assert_eq!(l.info.format, Format::Csv);
}

#[test]
fn windows_1258_is_detected_and_composed() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Họ tên;Địa chỉ;Ghi chú\nNguyễn Văn Đức;Hà Nội;ưu tiên\nTrần Thị Hương;Hồ Chí Minh;mới\n";
    let bytes = windows_1258(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    let l = read(&write(dir.path(), "vn.csv", &bytes));
    assert_eq!(l.info.encoding, Some("windows-1258"));
    assert_eq!(l.info.delimiter, Some(';'));
    assert_eq!(l.table.headers(), ["Họ tên", "Địa chỉ", "Ghi chú"]);
    assert_eq!(
        rows(&l)[0].1,
        strings(&["Nguyễn Văn Đức", "Hà Nội", "ưu tiên"])
    );
    assert_eq!(l.table.cell(1, 0), "Trần Thị Hương");
    // A user choice overrides detection.
    let opts = ReadOptions {
        encoding: Some("windows-1252".into()),
        ..ReadOptions::default()
    };
    let l = read_file(&dir.path().join("vn.csv"), &opts).unwrap();
    assert_eq!(l.info.encoding, Some("windows-1252"));
    assert!(!l.info.encoding_detected);
}

#[test]
fn windows_1252_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let text = "name,city,note\nMüller,Köln,Straße\nRenée,Besançon,café crème\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let l = read(&write(dir.path(), "de.csv", &bytes));
    assert_eq!(l.info.encoding, Some("windows-1252"));
    assert_eq!(rows(&l)[1].1, strings(&["Renée", "Besançon", "café crème"]));
}

#[test]
fn legacy_bytes_far_into_a_file_switch_from_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"id,name\n".to_vec();
    for i in 0..5000 {
        bytes.extend_from_slice(format!("{i},Nguyen Van A\n").as_bytes());
    }
    bytes.extend(windows_1258("9999,Nguyễn Thị Hương\n"));
    let l = read(&write(dir.path(), "late.csv", &bytes));
    assert_eq!(l.info.encoding, Some("windows-1258"));
    assert_eq!(l.table.cell(l.table.len() - 1, 1), "Nguyễn Thị Hương");
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_unicode_text_with_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Mã KH\tHọ tên\tSĐT\r\nKH1\tPhạm Thị Mai\t0912345678\r\nKH2\t\"Lê, Văn\"\t0987654321\r\n";
    let l = read(&write(dir.path(), "unicode.txt", utf16(text, true)));
    assert_eq!(l.info.encoding, Some("UTF-16LE"));
    assert_eq!(l.info.delimiter, Some('\t'));
    assert_eq!(
        rows(&l),
        [
            (2, strings(&["KH1", "Phạm Thị Mai", "0912345678"])),
            (3, strings(&["KH2", "Lê, Văn", "0987654321"])),
        ]
    );
    let l = read(&write(dir.path(), "be.txt", utf16(text, false)));
    assert_eq!(l.info.encoding, Some("UTF-16BE"));
    assert_eq!(l.table.cell(0, 1), "Phạm Thị Mai");
}

#[test]
fn each_delimiter_is_detected_and_a_chosen_one_is_used() {
    let dir = tempfile::tempdir().unwrap();
    for (d, name) in [
        (',', "c.csv"),
        (';', "s.csv"),
        ('\t', "t.tsv"),
        ('|', "p.txt"),
    ] {
        let text = format!("Mã{d}Tên{d}Giá\nK1{d}An{d}12,5\nK2{d}Bình{d}7\n");
        let l = read(&write(dir.path(), name, text));
        assert_eq!(l.info.delimiter, Some(d), "{name}");
        assert_eq!(l.table.width(), 3, "{name}");
    }
    let path = write(dir.path(), "hash.txt", "a#b\n1#2\n");
    let opts = ReadOptions {
        delimiter: Some(b'#'),
        ..ReadOptions::default()
    };
    let l = read_file(&path, &opts).unwrap();
    assert_eq!(l.info.delimiter, Some('#'));
    assert_eq!(rows(&l), [(2, strings(&["1", "2"]))]);
}

#[test]
fn quoting_record_numbers_and_ragged_rows() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,note,city\r\n\
                1,\"line one\r\nline two\r\nline three\",HN\r\n\
                2,\"she said \"\"hi\"\", ok\",HCM\r\n\
                \r\n\
                3,short\r\n\
                4,a,b,extra\r\n\
                5,  spaced  ,DN\r\n";
    let l = read(&write(dir.path(), "q.csv", text));
    assert_eq!(
        rows(&l),
        [
            (
                2,
                strings(&["1", "line one\r\nline two\r\nline three", "HN"])
            ),
            (3, strings(&["2", "she said \"hi\", ok", "HCM"])),
            (5, strings(&["3", "short", ""])),
            (6, strings(&["4", "a", "b"])),
            (7, strings(&["5", "  spaced  ", "DN"])),
        ]
    );
    let ragged: Vec<(usize, usize)> = l
        .table
        .ragged()
        .iter()
        .map(|g| (g.index, g.found))
        .collect();
    assert_eq!(ragged, [(2, 2), (3, 4)]);
}

#[test]
fn an_unterminated_quote_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "cut.csv",
        "id,note\n1,ok\n2,\"fine\nstill fine\"\n3,\"never closed\n4,more\n",
    );
    let e = read_err(&path, &ReadOptions::default());
    assert_eq!(e.kind, FileErrorKind::UnterminatedQuote);
    assert_eq!(e.row, Some(4));
    assert!(e.to_string().contains("cut.csv"));
}

#[test]
fn invalid_utf8_forced_as_utf8_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"id,name\n1,An\n2,\"multi\nline\"\n".to_vec();
    bytes.extend(windows_1258("3,Hương\n"));
    let path = write(dir.path(), "bad.csv", &bytes);
    let opts = ReadOptions {
        encoding: Some("utf-8".into()),
        ..ReadOptions::default()
    };
    let e = read_err(&path, &opts);
    assert!(matches!(e.kind, FileErrorKind::BadEncoding { .. }), "{e}");
    assert_eq!(e.row, Some(4));
    let opts = ReadOptions {
        encoding: Some("klingon".into()),
        ..ReadOptions::default()
    };
    let e = read_err(&path, &opts);
    assert_eq!(e.kind, FileErrorKind::UnknownEncoding("klingon".into()));
}

#[test]
fn files_are_recognised_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let html =
        "\r\n  <!DOCTYPE html>\n<HTML><body><table><tr><td>Tên</td></tr></table></body></HTML>";
    let e = read_err(
        &write(dir.path(), "export.xls", html),
        &ReadOptions::default(),
    );
    assert_eq!(e.kind, FileErrorKind::HtmlDisguised);
    assert!(e.to_string().contains("Save As"), "{e}");
    assert!(e.to_string().contains("export.xls"));

    let l = read(&write(dir.path(), "really.xlsx", "a;b\n1;2\n"));
    assert_eq!(l.info.format, Format::Csv);
    assert_eq!(l.info.delimiter, Some(';'));

    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let e = read_err(
        &write(dir.path(), "garbage.csv", &garbage),
        &ReadOptions::default(),
    );
    assert_eq!(e.kind, FileErrorKind::Binary);

    let e = read_err(&write(dir.path(), "empty.csv", ""), &ReadOptions::default());
    assert_eq!(e.kind, FileErrorKind::Empty);
    let e = read_err(
        &write(dir.path(), "blank.csv", "\u{feff}\n \n"),
        &ReadOptions::default(),
    );
    assert_eq!(e.kind, FileErrorKind::Empty);

    let e = read_err(
        &write(dir.path(), "head.csv", "BÁO CÁO\n\nMã,Tên\n"),
        &ReadOptions::default(),
    );
    assert_eq!((e.kind, e.row), (FileErrorKind::HeaderOnly, Some(3)));

    let e = read_err(&dir.path().join("missing.csv"), &ReadOptions::default());
    assert!(matches!(e.kind, FileErrorKind::Io(_)));
}

#[test]
fn a_huge_single_field_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("id,blob\n1,\"");
    text.push_str(&"Nguyễn ".repeat(20 * 1024 * 1024 / 9 + 1));
    text.push_str("\"\n2,small\n");
    let l = read(&write(dir.path(), "big.csv", &text));
    assert_eq!(l.table.len(), 2);
    assert!(l.table.cell(0, 1).len() > 20_000_000);
    assert_eq!(rows(&l)[1], (3, strings(&["2", "small"])));
}

#[test]
fn title_rows_duplicates_and_header_override() {
    let dir = tempfile::tempdir().unwrap();
    let text = "DANH SÁCH KHÁCH HÀNG THÁNG 10,,,\n,,,\n Email ,Tên,email,\nx@a.vn,An,y@a.vn,\n";
    let path = write(dir.path(), "dup.csv", text);
    let l = read(&path);
    assert_eq!(l.info.header_row, 3);
    assert!(l.info.header_detected);
    assert_eq!(l.table.headers(), ["Email", "Tên", "email"]);
    assert_eq!(l.info.duplicate_headers.len(), 1);
    assert_eq!(l.info.duplicate_headers[0].columns, ["A", "C"]);
    assert_eq!(rows(&l), [(4, strings(&["x@a.vn", "An", "y@a.vn"]))]);

    let opts = ReadOptions {
        header_row: Some(1),
        ..ReadOptions::default()
    };
    let l = read_file(&path, &opts).unwrap();
    assert!(!l.info.header_detected);
    assert_eq!(l.table.header_row(), 1);
    assert_eq!(l.table.headers()[0], "DANH SÁCH KHÁCH HÀNG THÁNG 10");
    assert_eq!(l.table.headers()[1], "Column B");
    assert_eq!(l.table.row_number(0), 3);

    let opts = ReadOptions {
        header_row: Some(40),
        ..ReadOptions::default()
    };
    let e = read_err(&path, &opts);
    assert_eq!(
        e.kind,
        FileErrorKind::HeaderRowOutOfRange { row: 40, rows: 4 }
    );
}

#[test]
fn cancelling_stops_the_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "c.csv", "a,b\n1,2\n");
    let progress = Progress::new();
    progress.cancel();
    let e = read_file_with(&path, &ReadOptions::default(), &progress).unwrap_err();
    assert_eq!(e.kind, FileErrorKind::Cancelled);
}

/// A ~3 MB file (two-thread path) with quoted newlines, doubled quotes and
/// blank lines all through it, including around the middle. Row numbers are
/// record numbers: a value spanning lines is one row, a blank line is a row.
#[test]
fn a_big_file_reads_the_same_as_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("customerId,fullName,note\n");
    let mut expected = Vec::new();
    let mut line = 1u32;
    for i in 0..60_000u32 {
        if i % 1000 == 7 {
            text.push('\n');
            line += 1;
        }
        line += 1;
        let note = if i % 10 == 3 {
            format!("dòng 1\ndòng \"\"{i}\"\"")
        } else {
            format!("ghi chú {i}")
        };
        text.push_str(&format!("KH{i:06},Nguyễn Văn {i},\"{note}\"\n"));
        expected.push((
            line,
            strings(&[
                &format!("KH{i:06}"),
                &format!("Nguyễn Văn {i}"),
                &note.replace("\"\"", "\""),
            ]),
        ));
    }
    assert!(text.len() > 2_000_000);
    // UTF-8 read in place; Windows-1258 and UTF-16 decoded as they are read (on
    // two threads, the second starting mid-file), never decoded whole.
    for (name, bytes, encoding) in [
        ("big.csv", text.as_bytes().to_vec(), "UTF-8"),
        ("big-1258.csv", windows_1258(&text), "windows-1258"),
        ("big-16.txt", utf16(&text, true), "UTF-16LE"),
    ] {
        let path = write(dir.path(), name, &bytes);
        let l = read(&path);
        assert_eq!(l.info.encoding, Some(encoding));
        assert_eq!(l.table.len(), expected.len(), "{name}");
        let got = rows(&l);
        if let Some(i) = (0..got.len()).find(|&i| got[i] != expected[i]) {
            panic!(
                "{name} row {i}: read {:?}, expected {:?}",
                got[i], expected[i]
            );
        }
    }
    // An odd byte at the end of the UTF-16 text: an error on the (empty) last line.
    let mut cut = utf16(&text, true);
    cut.push(b'x');
    let e = read_err(&write(dir.path(), "cut.txt", cut), &ReadOptions::default());
    let last_line = text.matches('\n').count() as u32 + 1;
    assert_eq!(e.row, Some(last_line), "{e}");
}

fn customer_book(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Formula, Workbook};
    let mut wb = Workbook::new();
    let date = XFormat::new().set_num_format("dd/mm/yyyy");
    let datetime = XFormat::new().set_num_format("dd/mm/yyyy hh:mm");
    wb.add_worksheet().set_name("Trống").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Khách hàng").unwrap();
    ws.write_string(0, 0, "DANH SÁCH KHÁCH HÀNG THÁNG 10")
        .unwrap();
    for (c, h) in ["Mã KH", "Họ tên", "SĐT", "Ngày sinh", "Điểm", "VIP"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, 1 + c as u16, *h).unwrap();
    }
    ws.write_string(3, 1, "KH001").unwrap();
    ws.write_string(3, 2, "Nguyễn Văn An").unwrap();
    ws.write_number(3, 3, 912345678.0).unwrap();
    let d = ExcelDateTime::from_ymd(1990, 5, 15).unwrap();
    ws.write_datetime_with_format(3, 4, &d, &date).unwrap();
    ws.write_formula(3, 5, Formula::new("=10*5").set_result("50"))
        .unwrap();
    ws.write_boolean(3, 6, true).unwrap();
    ws.write_string(4, 1, "KH002").unwrap();
    ws.write_string(4, 2, "Trần Thị Bình").unwrap();
    ws.write_number(4, 3, 987654321.0).unwrap();
    let d = ExcelDateTime::from_ymd(1985, 12, 1)
        .unwrap()
        .and_hms(8, 30, 0)
        .unwrap();
    ws.write_datetime_with_format(4, 4, &d, &datetime).unwrap();
    ws.write_number(4, 5, 12.5).unwrap();
    ws.write_boolean(4, 6, false).unwrap();
    ws.write_string(5, 1, "KH003").unwrap();
    ws.write_string(5, 2, "Lê Hương").unwrap();
    ws.write_string(5, 3, "0912 345 678").unwrap();
    ws.write_number(5, 5, 1e20).unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Ghi chú").unwrap();
    ws.write_string(0, 0, "Mục").unwrap();
    ws.write_string(0, 1, "Nội dung").unwrap();
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "Khách VIP được ưu tiên").unwrap();
    wb.save(path).unwrap();
}

/// What every copy of the customer workbook must read as.
fn check_customer_sheet(l: &Loaded, format: Format) {
    let t = &l.table;
    assert_eq!(l.info.format, format);
    assert_eq!(
        l.info.sheets,
        ["Trống", "Khách hàng", "Ghi chú"],
        "{format:?}"
    );
    assert_eq!(l.info.sheet.as_deref(), Some("Khách hàng"));
    assert_eq!(l.info.encoding, None);
    assert_eq!(l.info.header_row, 3);
    assert_eq!(
        t.headers(),
        ["Mã KH", "Họ tên", "SĐT", "Ngày sinh", "Điểm", "VIP"]
    );
    assert_eq!(t.first_column(), 1);
    assert_eq!(t.column_letter(0), "B");
    assert_eq!((t.row_number(0), t.row_number(2)), (4, 6));
    assert_eq!(t.cell(0, 1), "Nguyễn Văn An");
    assert_eq!(
        (t.cell(0, 2), t.kind(0, 2)),
        ("912345678", CellKind::Number),
        "{format:?}"
    );
    assert_eq!(
        (t.cell(0, 3), t.kind(0, 3)),
        ("1990-05-15T00:00:00", CellKind::Date),
        "{format:?}"
    );
    assert_eq!(
        (t.cell(1, 3), t.kind(1, 3)),
        ("1985-12-01T08:30:00", CellKind::Date),
        "{format:?}"
    );
    assert_eq!(
        (t.cell(0, 4), t.kind(0, 4)),
        ("50", CellKind::Number),
        "{format:?}"
    );
    assert_eq!((t.cell(1, 4), t.kind(1, 4)), ("12.5", CellKind::Number));
    assert_eq!(
        (t.cell(2, 4), t.kind(2, 4)),
        ("100000000000000000000", CellKind::Number)
    );
    // LibreOffice has no boolean cells: its .ods holds TRUE as the number 1.
    let vip = if format == Format::Ods {
        ("1", CellKind::Number)
    } else {
        ("true", CellKind::Bool)
    };
    assert_eq!((t.cell(0, 5), t.kind(0, 5)), vip, "{format:?}");
    assert_eq!(
        (t.cell(2, 2), t.kind(2, 2)),
        ("0912 345 678", CellKind::Text)
    );
    assert_eq!((t.cell(2, 3), t.kind(2, 3)), ("", CellKind::Text));
}

#[test]
fn xlsx_sheets_header_values_and_positions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khach_hang.xlsx");
    customer_book(&path);
    let l = read(&path);
    check_customer_sheet(&l, Format::Xlsx);

    let opts = ReadOptions {
        sheet: Some("Ghi chú".into()),
        ..ReadOptions::default()
    };
    let l = read_file(&path, &opts).unwrap();
    assert_eq!(l.info.sheet.as_deref(), Some("Ghi chú"));
    assert_eq!(l.table.headers(), ["Mục", "Nội dung"]);
    assert_eq!(rows(&l), [(2, strings(&["1", "Khách VIP được ưu tiên"]))]);

    let opts = ReadOptions {
        sheet: Some("Trống".into()),
        ..ReadOptions::default()
    };
    assert_eq!(
        read_err(&path, &opts).kind,
        FileErrorKind::EmptySheet("Trống".into())
    );
    let opts = ReadOptions {
        sheet: Some("Không có".into()),
        ..ReadOptions::default()
    };
    assert_eq!(
        read_err(&path, &opts).kind,
        FileErrorKind::NoSuchSheet("Không có".into())
    );
    let opts = ReadOptions {
        header_row: Some(4),
        ..ReadOptions::default()
    };
    let l = read_file(&path, &opts).unwrap();
    assert_eq!(l.table.headers()[0], "KH001");
    assert_eq!(l.table.row_number(0), 5);

    // A workbook cut short is refused, not a panic.
    let bytes = std::fs::read(&path).unwrap();
    let cut = write(dir.path(), "cut.xlsx", &bytes[..bytes.len() / 2]);
    let e = read_err(&cut, &ReadOptions::default());
    assert!(matches!(e.kind, FileErrorKind::BadWorkbook { .. }), "{e}");
    let zip = write(
        dir.path(),
        "other.xlsx",
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    );
    let e = read_err(&zip, &ReadOptions::default());
    assert!(matches!(e.kind, FileErrorKind::BadWorkbook { .. }), "{e}");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn converted_workbooks_read_like_the_original() {
    for (name, format) in [
        ("khach_hang.xlsx", Format::Xlsx),
        ("khach_hang.xls", Format::Xls),
        ("khach_hang.ods", Format::Ods),
    ] {
        let l = read(&fixture(name));
        check_customer_sheet(&l, format);
    }
}

#[test]
fn a_damaged_legacy_workbook_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("khach_hang.xls")).unwrap();
    let path = write(dir.path(), "cut.xls", &bytes[..bytes.len() / 3]);
    let e = read_err(&path, &ReadOptions::default());
    assert!(matches!(e.kind, FileErrorKind::BadWorkbook { .. }), "{e}");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0xFFu8, 600));
    let e = read_err(
        &write(dir.path(), "fake.xls", &ole),
        &ReadOptions::default(),
    );
    assert!(matches!(e.kind, FileErrorKind::BadWorkbook { .. }), "{e}");
}

/// A zip archive holding `names` (stored, empty entries).
fn zip_with(names: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for name in names {
        let offset = out.len() as u32;
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0");
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        central.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0");
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    let n = names.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

#[test]
fn zip_contents_decide_the_workbook_kind() {
    let dir = tempfile::tempdir().unwrap();
    let bad_as = |name: &str, entries: &[&str]| {
        let e = read_err(
            &write(dir.path(), name, zip_with(entries)),
            &ReadOptions::default(),
        );
        match e.kind {
            FileErrorKind::BadWorkbook { format, .. } => format,
            other => panic!("{other:?}"),
        }
    };
    // Named .xlsx, but the inside says binary workbook, OpenDocument, or neither.
    assert_eq!(
        bad_as("a.xlsx", &["[Content_Types].xml", "xl/workbook.bin"]),
        "xlsb"
    );
    assert_eq!(bad_as("b.xlsx", &["mimetype", "content.xml"]), "ods");
    assert_eq!(
        bad_as("c.xlsb", &["[Content_Types].xml", "xl/workbook.xml"]),
        "xlsx"
    );
    assert_eq!(bad_as("d.xlsx", &["word/document.xml"]), "xlsx");
}
