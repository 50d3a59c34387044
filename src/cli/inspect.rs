//! `inspect`: what was detected in a file.

use pango_importer::error::column_letter;
use pango_importer::source::read_file;
use serde_json::json;

use crate::args::InspectArgs;
use crate::fail::Fail;

pub fn run(a: &InspectArgs) -> Result<u8, Fail> {
    let loaded = read_file(&a.file, &a.read.options())?;
    let info = &loaded.info;
    let t = &loaded.table;
    if a.json {
        let out = json!({
            "format": info.format.as_str(),
            "encoding": info.encoding,
            "delimiter": info.delimiter.map(|d| d.to_string()),
            "sheets": info.sheets,
            "sheet": info.sheet,
            "header_row": info.header_row,
            "columns": t.headers(),
            "rows": t.len(),
            "duplicate_headers": info.duplicate_headers,
            "ragged_rows": t.ragged().iter().map(|g| t.row_number(g.index)).collect::<Vec<_>>(),
        });
        println!("{out}");
        return Ok(0);
    }
    println!("File:       {}", info.path.display());
    println!("Format:     {}", info.format.as_str());
    if let Some(enc) = info.encoding {
        let how = if info.encoding_detected {
            "detected"
        } else {
            "chosen"
        };
        println!("Encoding:   {enc} ({how})");
    }
    if let Some(d) = info.delimiter {
        let name = match d {
            '\t' => "tab".to_string(),
            other => format!("'{other}'"),
        };
        println!("Delimiter:  {name}");
    }
    if !info.sheets.is_empty() {
        println!("Sheets:     {}", info.sheets.join(", "));
        println!("Sheet:      {}", info.sheet.as_deref().unwrap_or(""));
    }
    let how = if info.header_detected {
        "detected"
    } else {
        "chosen"
    };
    println!("Header row: {} ({how})", info.header_row);
    println!("Data rows:  {}", t.len());
    println!("Columns:");
    for (i, h) in t.headers().iter().enumerate() {
        let sample = (0..t.len().min(50))
            .map(|r| t.cell(r, i).trim())
            .find(|v| !v.is_empty())
            .unwrap_or("");
        println!("  {:>3}  {h:<30} e.g. {sample}", column_letter(i));
    }
    for d in &info.duplicate_headers {
        println!(
            "Warning: the header '{}' appears in columns {}",
            d.header,
            d.columns.join(", ")
        );
    }
    if !t.ragged().is_empty() {
        let rows: Vec<String> = t
            .ragged()
            .iter()
            .take(10)
            .map(|g| t.row_number(g.index).to_string())
            .collect();
        println!(
            "Warning: {} rows have a different number of fields than the header (rows {}{})",
            t.ragged().len(),
            rows.join(", "),
            if t.ragged().len() > 10 { ", …" } else { "" }
        );
    }
    Ok(0)
}
