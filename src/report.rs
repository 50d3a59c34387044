//! CSV reports for Excel: UTF-8 with a byte-order mark so Vietnamese shows right.
//! The CLI's `--report` and the app's "Open report" write the same files.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::i18n::Lang;
use crate::source::Table;
use crate::upload::{RowOutcome, UploadSummary};
use crate::validate::{RowState, Validation};

/// Creates `path` and writes the UTF-8 BOM.
pub fn create(path: &Path) -> std::io::Result<csv::Writer<BufWriter<File>>> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(b"\xEF\xBB\xBF")?;
    Ok(csv::Writer::from_writer(out))
}

/// Every issue: row, column, field, value, message, kind, severity.
pub fn write_issues(path: &Path, v: &Validation, lang: Lang) -> Result<(), String> {
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let mut w = create(path)?;
        w.write_record([
            "row", "column", "field", "value", "message", "kind", "severity",
        ])?;
        for i in &v.issues {
            w.write_record([
                i.row.to_string().as_str(),
                i.column.as_deref().unwrap_or(""),
                i.field.as_deref().unwrap_or(""),
                i.value.as_str(),
                i.message(lang).as_str(),
                i.problem.code(),
                if i.is_warning() { "warning" } else { "error" },
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    run().map_err(|e| format!("cannot write the report: {e}"))
}

/// Every row with what became of it: row, key, status (accepted, rejected, invalid,
/// not sent), reason. Without a summary (dry run) valid rows are "not sent".
pub fn write_result(
    path: &Path,
    table: &Table,
    v: &Validation,
    summary: Option<&UploadSummary>,
    lang: Lang,
) -> Result<(), String> {
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let mut w = create(path)?;
        w.write_record(["row", "key", "status", "reason"])?;
        let key_of = v.key_reader(table);
        for (r, state) in v.states.iter().enumerate() {
            let row = table.row_number(r);
            let invalid_reason = || {
                v.issues_at(row)
                    .iter()
                    .filter(|i| !i.is_warning())
                    .map(|i| match &i.column {
                        Some(c) => format!("{c}: {}", i.message(lang)),
                        None => i.message(lang),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let (status, reason) = match (summary.map(|s| &s.outcomes[r]), state) {
                (_, RowState::Invalid) | (Some(RowOutcome::Invalid), _) => {
                    ("invalid", invalid_reason())
                }
                (None, _) => ("not sent", "dry run: nothing was sent".to_string()),
                (Some(RowOutcome::Accepted), _) => ("accepted", String::new()),
                (Some(RowOutcome::Rejected(m)), _) => ("rejected", m.clone()),
                (Some(RowOutcome::NotSent(m)), _) => ("not sent", m.to_string()),
            };
            w.write_record([
                row.to_string().as_str(),
                key_of(r).as_str(),
                status,
                reason.as_str(),
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    run().map_err(|e| format!("cannot write the report: {e}"))
}
