//! Reports: a CSV for scripts (UTF-8 with a byte-order mark, the columns of
//! design.md §3) or, for a path ending in `.xlsx`, a workbook for people, with
//! headers and statuses in their language. The CLI's `--report` and the app's
//! "Open report" write the same files.

pub mod xlsx;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::i18n::{Lang, Text2};
use crate::source::{Table, header_text};
use crate::upload::{RowOutcome, UploadSummary};
use crate::validate::{Issue, Problem, RowState, Validation};
use xlsx::{Cell, SheetWriter};

type AnyError = Box<dyn std::error::Error>;

/// Creates `path` and writes the UTF-8 BOM.
pub fn create(path: &Path) -> std::io::Result<csv::Writer<BufWriter<File>>> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(b"\xEF\xBB\xBF")?;
    Ok(csv::Writer::from_writer(out))
}

const ISSUE_SHEET: Text2 = Text2::new("Issues", "Vấn đề");
/// The CSV's columns (design.md §3); the workbook's headers are these, capitalised,
/// in English, or the Vietnamese ones.
const ISSUE_COLUMNS: [&str; 7] = [
    "row", "column", "field", "value", "message", "kind", "severity",
];
const ISSUE_COLUMNS_VI: [&str; 7] = [
    "Dòng",
    "Cột",
    "Trường",
    "Giá trị",
    "Thông báo",
    "Loại",
    "Mức độ",
];
/// The workbook's headers in `lang`.
fn headers(columns: &[&str], vi: &[&'static str], lang: Lang) -> Vec<String> {
    match lang {
        Lang::Vi => vi.iter().map(|h| h.to_string()).collect(),
        Lang::En => columns
            .iter()
            .map(|c| c[..1].to_uppercase() + &c[1..])
            .collect(),
    }
}

const ERROR: Text2 = Text2::new("error", "lỗi");
const WARNING: Text2 = Text2::new("warning", "cảnh báo");

/// Every issue: row, column, field, value, message, kind, severity. A `.xlsx` path
/// gets a workbook with the headers and severities in `lang`.
pub fn write_issues(path: &Path, v: &Validation, lang: Lang) -> Result<(), String> {
    let run = || -> Result<(), AnyError> {
        let severity = |i: &Issue| if i.is_warning() { WARNING } else { ERROR };
        if xlsx::is_xlsx(path) {
            let headers = headers(&ISSUE_COLUMNS, &ISSUE_COLUMNS_VI, lang);
            let mut w = SheetWriter::new(ISSUE_SHEET.get(lang), &headers)?;
            for i in &v.issues {
                let message = i.message(lang);
                w.push(&[
                    Cell::Number(i.row),
                    Cell::Text(&header_text(i.column.as_deref().unwrap_or(""), lang)),
                    Cell::Text(i.field.as_deref().unwrap_or("")),
                    Cell::Text(&i.value),
                    Cell::Text(&message),
                    Cell::Text(i.problem.code()),
                    Cell::Text(severity(i).get(lang)),
                ])?;
            }
            return Ok(w.save(path)?);
        }
        let mut w = create(path)?;
        w.write_record(ISSUE_COLUMNS)?;
        for i in &v.issues {
            w.write_record([
                i.row.to_string().as_str(),
                i.column.as_deref().unwrap_or(""),
                i.field.as_deref().unwrap_or(""),
                i.value.as_str(),
                i.message(lang).as_str(),
                i.problem.code(),
                severity(i).en,
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    run().map_err(|e| format!("cannot write the report: {e}"))
}

const RESULT_SHEET: Text2 = Text2::new("Result", "Kết quả");
const RESULT_COLUMNS: [&str; 4] = ["row", "key", "status", "reason"];
const RESULT_COLUMNS_VI: [&str; 4] = ["Dòng", "Mã", "Trạng thái", "Lý do"];
const ACCEPTED: Text2 = Text2::new("accepted", "đã nhận");
const REJECTED: Text2 = Text2::new("rejected", "bị từ chối");
const INVALID: Text2 = Text2::new("invalid", "lỗi");
const NOT_SENT: Text2 = Text2::new("not sent", "chưa gửi");
const DRY_RUN: Text2 = Text2::new(
    "dry run: nothing was sent",
    "chạy thử: chưa gửi gì lên Pango",
);

/// One line of the result report.
struct ResultLine {
    row: u32,
    key: String,
    status: Text2,
    reason: String,
}

/// Every row with what became of it, in file order. A continuation line (one left
/// blank under merged order cells) carries the key of the entry it joined.
fn result_lines<'a>(
    table: &'a Table,
    v: &'a Validation,
    summary: Option<&'a UploadSummary>,
    lang: Lang,
    dry_run: &'static str,
) -> impl Iterator<Item = ResultLine> + 'a {
    let key_of = v.key_reader(table);
    v.states.iter().enumerate().map(move |(r, state)| {
        let row = table.row_number(r);
        let invalid_reason = || {
            v.issues_at(row)
                .iter()
                .filter(|i| !i.is_warning())
                .map(|i| i.located_message(lang))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let skipped_reason = || {
            let warnings = v.issues_at(row).iter().filter(|i| i.is_warning());
            warnings
                .map(|i| i.message(lang))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (status, reason) = match (summary.map(|s| &s.outcomes[r]), state) {
            // A totals row: never sent, and the warning says why.
            (_, RowState::Skipped) => (NOT_SENT, skipped_reason()),
            (_, RowState::Invalid) | (Some(RowOutcome::Invalid), _) => (INVALID, invalid_reason()),
            (None, _) => (NOT_SENT, dry_run.to_string()),
            (Some(RowOutcome::Accepted), _) => (ACCEPTED, String::new()),
            (Some(RowOutcome::Rejected(m)), _) => (REJECTED, m.clone()),
            (Some(RowOutcome::NotSent(m)), _) => (NOT_SENT, m.to_string()),
        };
        let mut key = key_of(r);
        if key.is_empty() {
            key = joined_key(v, row).unwrap_or_default();
        }
        ResultLine {
            row,
            key,
            status,
            reason,
        }
    })
}

/// The key of the entry the row `row_number` joined as a continuation line.
fn joined_key(v: &Validation, row_number: u32) -> Option<String> {
    v.issues_at(row_number)
        .iter()
        .find_map(|i| match &i.problem {
            Problem::ContinuesEntry { key, .. } => Some(key.clone()),
            _ => None,
        })
}

/// Every row with what became of it: row, key, status (accepted, rejected, invalid,
/// not sent), reason. Without a summary (dry run) valid rows are "not sent". A
/// `.xlsx` path gets a workbook with the headers and statuses in `lang`.
pub fn write_result(
    path: &Path,
    table: &Table,
    v: &Validation,
    summary: Option<&UploadSummary>,
    lang: Lang,
) -> Result<(), String> {
    let run = || -> Result<(), AnyError> {
        if xlsx::is_xlsx(path) {
            let lines = result_lines(table, v, summary, lang, DRY_RUN.get(lang));
            let headers = headers(&RESULT_COLUMNS, &RESULT_COLUMNS_VI, lang);
            let mut w = SheetWriter::new(RESULT_SHEET.get(lang), &headers)?;
            for l in lines {
                w.push(&[
                    Cell::Number(l.row),
                    Cell::Text(&l.key),
                    Cell::Text(l.status.get(lang)),
                    Cell::Text(&l.reason),
                ])?;
            }
            return Ok(w.save(path)?);
        }
        let lines = result_lines(table, v, summary, lang, DRY_RUN.en);
        let mut w = create(path)?;
        w.write_record(RESULT_COLUMNS)?;
        for l in lines {
            // The CSV is for scripts: its statuses are the words of design.md §3.
            w.write_record([
                l.row.to_string().as_str(),
                l.key.as_str(),
                l.status.en,
                l.reason.as_str(),
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    run().map_err(|e| format!("cannot write the report: {e}"))
}
