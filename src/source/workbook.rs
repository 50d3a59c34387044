//! Workbooks (xlsx, xls, xlsb, ods) through calamine: sheet choice, header row,
//! Excel's row numbers and column letters, cell values raw with their kind.

use std::borrow::Cow;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{
    Data, Ods, OdsError, Range, Reader, Sheets, Xls, XlsError, Xlsb, Xlsx, open_workbook_from_rs,
};

use crate::error::{FileError, FileErrorKind};
use crate::progress::Progress;

use super::encoding::nfc;
use super::header::{HEADER_SCAN_ROWS, ScanRow, column_names, detect_header, duplicate_headers};
use super::{CellKind, Format, Loaded, ReadOptions, SourceInfo, TableBuilder};

/// Rows between progress reports and cancellation checks.
const REPORT_EVERY: usize = 16 * 1024;

type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// Reads the chosen sheet of a workbook held in `bytes`, or else the first that holds a
/// table (a header and a row under it), or else the first with anything in it.
pub(crate) fn read_workbook(
    path: &Path,
    bytes: &[u8],
    format: Format,
    opts: &ReadOptions,
    progress: &Progress,
) -> Result<Loaded, FileError> {
    let bad = |detail: String| {
        FileError::new(
            path,
            FileErrorKind::BadWorkbook {
                format: format.as_str().to_string(),
                detail,
            },
        )
    };
    // calamine must not take the program down on a damaged file.
    match catch_unwind(AssertUnwindSafe(|| {
        read(path, bytes, format, opts, progress)
    })) {
        Ok(Ok(loaded)) => Ok(loaded),
        Ok(Err(Failure::File(e))) => Err(e),
        Ok(Err(Failure::Calamine(detail))) => Err(bad(detail)),
        Ok(Err(Failure::Encrypted)) => Err(FileError::new(
            path,
            FileErrorKind::Encrypted {
                format: format.as_str().to_string(),
            },
        )),
        Err(_) => Err(bad("the reader could not make sense of its contents".into())),
    }
}

enum Failure {
    File(FileError),
    Calamine(String),
    /// Saved with a password (calamine found the encryption record).
    Encrypted,
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Failure::File(e)
    }
}

fn open(bytes: &[u8], format: Format) -> Result<Book<'_>, Failure> {
    let rs = Cursor::new(bytes);
    let other = |e: &dyn std::fmt::Display| Failure::Calamine(e.to_string());
    match format {
        Format::Xlsx => open_workbook_from_rs::<Xlsx<_>, _>(rs)
            .map(Sheets::Xlsx)
            .map_err(|e| other(&e)),
        Format::Xls => open_workbook_from_rs::<Xls<_>, _>(rs)
            .map(Sheets::Xls)
            .map_err(|e| match e {
                XlsError::Password => Failure::Encrypted,
                e => other(&e),
            }),
        Format::Xlsb => open_workbook_from_rs::<Xlsb<_>, _>(rs)
            .map(Sheets::Xlsb)
            .map_err(|e| other(&e)),
        Format::Ods => open_workbook_from_rs::<Ods<_>, _>(rs)
            .map(Sheets::Ods)
            .map_err(|e| match e {
                OdsError::Password => Failure::Encrypted,
                e => other(&e),
            }),
        Format::Csv => Err(Failure::Calamine("not a workbook".to_string())),
    }
}

fn has_data(range: &Range<Data>) -> bool {
    range.used_cells().any(|(_, _, d)| !is_blank(d))
}

/// At least two rows hold something: a header and a row under it. A notes or cover
/// sheet with one line is passed over when the sheet is detected.
fn has_table(range: &Range<Data>) -> bool {
    let mut rows = range
        .used_cells()
        .filter(|(_, _, d)| !is_blank(d))
        .map(|(r, _, _)| r);
    match rows.next() {
        Some(first) => rows.any(|r| r != first),
        None => false,
    }
}

fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn read(
    path: &Path,
    bytes: &[u8],
    format: Format,
    opts: &ReadOptions,
    progress: &Progress,
) -> Result<Loaded, Failure> {
    let err = |kind| Failure::File(FileError::new(path, kind));
    let mut book = open(bytes, format)?;
    let sheets = book.sheet_names();
    let (sheet, range) = match &opts.sheet {
        Some(want) => {
            let name = sheets
                .iter()
                .find(|s| *s == want)
                .or_else(|| {
                    sheets
                        .iter()
                        .find(|s| s.trim().to_lowercase() == want.trim().to_lowercase())
                })
                .cloned()
                .ok_or_else(|| err(FileErrorKind::NoSuchSheet(want.clone())))?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| Failure::Calamine(e.to_string()))?;
            if !has_data(&range) {
                return Err(err(FileErrorKind::EmptySheet(name)));
            }
            (name, range)
        }
        None => {
            let mut first_error = None;
            let mut found = None;
            let mut first_with_data = None;
            for name in &sheets {
                match book.worksheet_range(name) {
                    Ok(range) if has_table(&range) => {
                        found = Some((name.clone(), range));
                        break;
                    }
                    Ok(range) if has_data(&range) => {
                        first_with_data.get_or_insert((name.clone(), range));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        first_error.get_or_insert(e.to_string());
                    }
                }
            }
            match (found.or(first_with_data), first_error) {
                (Some(f), _) => f,
                (None, Some(e)) => return Err(Failure::Calamine(e)),
                (None, None) => {
                    let first = sheets.first().cloned().unwrap_or_default();
                    return Err(err(FileErrorKind::EmptySheet(first)));
                }
            }
        }
    };
    drop(book);
    let (table, header_row, duplicates) = build(path, &sheet, &range, opts, progress)?;
    let info = SourceInfo {
        path: path.to_path_buf(),
        format,
        encoding: None,
        encoding_detected: false,
        delimiter: None,
        sheets,
        sheet: Some(sheet),
        header_row,
        header_detected: opts.header_row.is_none(),
        duplicate_headers: duplicates,
        file_size: bytes.len() as u64,
    };
    Ok(Loaded { table, info })
}

type Built = (super::Table, u32, Vec<super::DuplicateHeader>);

fn build(
    path: &Path,
    sheet: &str,
    range: &Range<Data>,
    opts: &ReadOptions,
    progress: &Progress,
) -> Result<Built, Failure> {
    let err = |kind| Failure::File(FileError::new(path, kind));
    let (start_row, start_col) = range.start().unwrap_or((0, 0));
    let first_number = start_row + 1;
    let rows: Vec<&[Data]> = range.rows().collect();
    let last_number = first_number + rows.len() as u32 - 1;
    let scan_row = |i: usize| {
        let (cells, kinds) = rows[i]
            .iter()
            .map(convert)
            .map(|(t, k)| (t.into_owned(), k))
            .unzip();
        ScanRow {
            number: first_number + i as u32,
            cells,
            kinds,
        }
    };
    // Index of the header row in `rows`; `None` when it is above the used range.
    let header: Option<usize> = match opts.header_row {
        Some(n) if n == 0 || n > last_number => {
            return Err(err(FileErrorKind::HeaderRowOutOfRange {
                row: n,
                rows: last_number,
            }));
        }
        Some(n) => n.checked_sub(first_number).map(|i| i as usize),
        None => {
            let scan: Vec<ScanRow> = (0..rows.len().min(HEADER_SCAN_ROWS + 1))
                .map(scan_row)
                .collect();
            Some(
                detect_header(&scan)
                    .ok_or_else(|| err(FileErrorKind::EmptySheet(sheet.to_string())))?,
            )
        }
    };
    let header_number = header.map_or(opts.header_row.unwrap_or(1), |i| first_number + i as u32);
    let header_cells = header.map(scan_row).map(|r| r.cells).unwrap_or_default();
    let data = header.map_or(0, |i| i + 1);
    // Columns: from the first to the last that has anything in the header or the data.
    let mut lo = usize::MAX;
    let mut hi = 0;
    let mut extent = |cells: &mut dyn Iterator<Item = bool>| {
        for (c, blank) in cells.enumerate() {
            if !blank {
                lo = lo.min(c);
                hi = hi.max(c + 1);
            }
        }
    };
    extent(&mut header_cells.iter().map(|h| h.trim().is_empty()));
    for row in &rows[data.min(rows.len())..] {
        extent(&mut row.iter().map(is_blank));
    }
    if hi == 0 {
        return Err(err(FileErrorKind::HeaderOnly).map_row(header_number));
    }
    let width = hi - lo;
    let mut b = TableBuilder::new(width, true);
    b.set_first_column(start_col as usize + lo);
    progress.set_total(rows.len() as u64);
    for (i, row) in rows.iter().enumerate().skip(data) {
        for d in &row[lo..hi.min(row.len())] {
            let (text, kind) = convert(d);
            b.push(&text, kind)
                .map_err(|_| err(FileErrorKind::TooLarge))?;
        }
        b.end_row(first_number + i as u32);
        if i % REPORT_EVERY == 0 {
            progress.set_done(i as u64);
            if progress.is_cancelled() {
                return Err(err(FileErrorKind::Cancelled));
            }
        }
    }
    progress.set_done(rows.len() as u64);
    if b.is_empty() {
        return Err(err(FileErrorKind::HeaderOnly).map_row(header_number));
    }
    let mut cells = header_cells;
    cells.resize(hi.max(cells.len()), String::new());
    let names = column_names(&cells[lo..hi], start_col as usize + lo);
    let duplicates = duplicate_headers(&names, start_col as usize + lo);
    Ok((b.finish(names, header_number), header_number, duplicates))
}

impl Failure {
    fn map_row(self, row: u32) -> Self {
        match self {
            Failure::File(e) => Failure::File(e.at_row(row)),
            other => other,
        }
    }
}

/// A cell's text and kind (see [`CellKind`]).
pub(crate) fn convert(d: &Data) -> (Cow<'_, str>, CellKind) {
    match d {
        Data::Empty => (Cow::Borrowed(""), CellKind::Text),
        Data::String(s) => (nfc(s), CellKind::Text),
        Data::Int(i) => (Cow::Owned(i.to_string()), CellKind::Number),
        Data::Float(f) => (Cow::Owned(number_text(*f)), CellKind::Number),
        Data::Bool(b) => (
            Cow::Borrowed(if *b { "true" } else { "false" }),
            CellKind::Bool,
        ),
        Data::Error(e) => (Cow::Owned(e.to_string()), CellKind::Error),
        Data::DateTime(d) if d.is_datetime() => match serial_to_iso(d.as_f64(), is_1904(d)) {
            Some(iso) => (Cow::Owned(iso), CellKind::Date),
            None => (Cow::Owned(number_text(d.as_f64())), CellKind::Number),
        },
        Data::DateTime(d) => (Cow::Owned(number_text(d.as_f64())), CellKind::Number),
        Data::DateTimeIso(s) => (Cow::Owned(normalise_iso(s)), CellKind::Date),
        Data::DurationIso(s) => (Cow::Borrowed(s.as_str()), CellKind::Text),
    }
}

/// A number written plainly, as Excel shows it with 15 significant digits:
/// `912345678`, `12.5`, `100000000000000000000`; never exponent form or `.0`.
pub(crate) fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    if rounded == 0.0 {
        return "0".into();
    }
    format!("{rounded}")
}

/// Whether a date cell comes from a workbook using the 1904 date system: calamine
/// knows (its own conversion accounts for it) but does not say, so compare days.
fn is_1904(d: &calamine::ExcelDateTime) -> bool {
    let v = d.as_f64();
    if !(1.0..2_958_466.0).contains(&v) {
        return false;
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    let mine = civil_from_days(excel_days(v.floor() as i64, false));
    mine != (i64::from(y), u32::from(m), u32::from(day))
}

/// Days since 1970-01-01 of Excel day number `serial`.
fn excel_days(serial: i64, is_1904: bool) -> i64 {
    if is_1904 {
        serial + 1462 - 25_569
    } else if (1..60).contains(&serial) {
        // Excel counts the non-existent 1900-02-29 (day 60).
        serial + 1 - 25_569
    } else {
        serial - 25_569
    }
}

/// (year, month, day) of a day count since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// ISO 8601 `YYYY-MM-DDTHH:MM:SS(.fff)` of an Excel serial date-time.
pub(crate) fn serial_to_iso(v: f64, is_1904: bool) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&v) {
        return None;
    }
    let total_ms = (v * 86_400_000.0).round() as i64;
    let (serial, ms) = (
        total_ms.div_euclid(86_400_000),
        total_ms.rem_euclid(86_400_000),
    );
    let (y, m, d) = civil_from_days(excel_days(serial, is_1904));
    let (h, min, s, f) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let mut out = format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}");
    if f != 0 {
        out.push_str(&format!(".{f:03}"));
    }
    Some(out)
}

/// An ISO date or date-time from a workbook, in the form of [`serial_to_iso`]
/// when it can be read (`2024-01-15` → `2024-01-15T00:00:00`); else as given.
fn normalise_iso(s: &str) -> String {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let date_ok = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10);
    if !date_ok {
        return s.to_string();
    }
    if b.len() == 10 {
        return format!("{s}T00:00:00");
    }
    let time_ok = b.len() >= 19
        && (b[10] == b'T' || b[10] == b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !time_ok {
        return s.to_string();
    }
    let mut out = format!("{}T{}", &s[..10], &s[11..19]);
    if let Some(frac) = s[19..].strip_prefix('.') {
        let digits: String = frac
            .chars()
            .take_while(char::is_ascii_digit)
            .take(3)
            .collect();
        let ms: u32 = format!("{digits:0<3}").parse().unwrap_or(0);
        if ms != 0 {
            out.push_str(&format!(".{ms:03}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn numbers_are_plain() {
        assert_eq!(number_text(912345678.0), "912345678");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(0.000001), "0.000001");
        assert_eq!(number_text(-1234.5678), "-1234.5678");
    }

    #[test]
    fn serial_dates_become_iso() {
        assert_eq!(
            serial_to_iso(45306.0, false).unwrap(),
            "2024-01-15T00:00:00"
        );
        assert_eq!(
            serial_to_iso(45943.541, false).unwrap(),
            "2025-10-13T12:59:02.400"
        );
        assert_eq!(serial_to_iso(1.0, false).unwrap(), "1900-01-01T00:00:00");
        assert_eq!(serial_to_iso(61.0, false).unwrap(), "1900-03-01T00:00:00");
        assert_eq!(serial_to_iso(0.75, false).unwrap(), "1899-12-30T18:00:00");
        assert_eq!(serial_to_iso(0.0, true).unwrap(), "1904-01-01T00:00:00");
        assert_eq!(
            serial_to_iso(45306.999999999999, false).unwrap(),
            "2024-01-16T00:00:00"
        );
        assert_eq!(serial_to_iso(-1.0, false), None);
    }

    #[test]
    fn cells_keep_their_kind() {
        let dt = ExcelDateTime::new(45306.5, ExcelDateTimeType::DateTime, false);
        let dt1904 = ExcelDateTime::new(43844.5, ExcelDateTimeType::DateTime, true);
        let dur = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        let cases = [
            (Data::Int(912345678), "912345678", CellKind::Number),
            (Data::Float(912345678.0), "912345678", CellKind::Number),
            (Data::DateTime(dt), "2024-01-15T12:00:00", CellKind::Date),
            (
                Data::DateTime(dt1904),
                "2024-01-15T12:00:00",
                CellKind::Date,
            ),
            (Data::DateTime(dur), "1.5", CellKind::Number),
            (
                Data::DateTimeIso("2024-01-15".into()),
                "2024-01-15T00:00:00",
                CellKind::Date,
            ),
            (
                Data::DateTimeIso("2024-01-15T08:30:00.250".into()),
                "2024-01-15T08:30:00.250",
                CellKind::Date,
            ),
            (Data::DurationIso("PT1H".into()), "PT1H", CellKind::Text),
            (Data::Bool(true), "true", CellKind::Bool),
            (Data::Error(CellErrorType::NA), "#N/A", CellKind::Error),
            (Data::Error(CellErrorType::Div0), "#DIV/0!", CellKind::Error),
            (
                Data::String("Nguye\u{302}\u{303}n".into()),
                "Nguyễn",
                CellKind::Text,
            ),
            (Data::Empty, "", CellKind::Text),
        ];
        for (d, text, kind) in cases {
            let (t, k) = convert(&d);
            assert_eq!((t.as_ref(), k), (text, kind), "{d:?}");
        }
    }
}
