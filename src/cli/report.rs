//! CSV reports for Excel: UTF-8 with a byte-order mark so Vietnamese shows right.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use pango_importer::i18n::Lang;
use pango_importer::validate::Validation;

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
