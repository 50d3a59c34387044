//! `upload`: validate, then build the request bodies batch by batch. With
//! `--dry-run` nothing is sent; `--payload-out` writes each body as it would go
//! on the wire.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

use pango_importer::i18n::Lang;
use pango_importer::payload::{batch_body, batches};
use pango_importer::validate::RowState;
use serde_json::json;

use crate::args::UploadArgs;
use crate::fail::Fail;
use crate::report;
use crate::validate::{prepare, print_summary};

pub fn run(a: &UploadArgs, lang: Lang) -> Result<u8, Fail> {
    if !a.dry_run {
        return Err(Fail::usage(
            "sending to Pango needs the API client, which this version does not include yet; \
             run with --dry-run to check the file and build the request bodies",
        ));
    }
    let started = Instant::now();
    let p = prepare(&a.common)?;
    let v = &p.validation;
    let table = &p.loaded.table;
    let source = a
        .source
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| v.plan.source.clone());
    let mut batch_count = 0usize;
    let mut out =
        match &a.payload_out {
            Some(path) => Some((
                path,
                BufWriter::new(File::create(path).map_err(|e| {
                    Fail::file(path, format!("cannot create the payload file: {e}"))
                })?),
            )),
            None => None,
        };
    for range in batches(v.units.len(), a.batch_size as usize) {
        batch_count += 1;
        if let Some((path, w)) = out.as_mut() {
            let body = batch_body(table, v, &source, range);
            serde_json::to_writer(&mut *w, &body)
                .map_err(|e| Fail::file(path, format!("cannot write the payload file: {e}")))?;
            w.write_all(b"\n")
                .map_err(|e| Fail::file(path, format!("cannot write the payload file: {e}")))?;
        }
    }
    if let Some((path, mut w)) = out {
        w.flush()
            .map_err(|e| Fail::file(path, format!("cannot write the payload file: {e}")))?;
    }
    if let Some(path) = &a.report {
        write_result(path, &p, lang).map_err(|e| Fail::file(path, e))?;
    }
    if a.common.json {
        println!(
            "{}",
            json!({
                "rows": v.rows(),
                "valid": v.valid,
                "invalid": v.invalid,
                "sent": 0,
                "accepted": 0,
                "failed": 0,
                "requests": 0,
                "retries": 0,
                "elapsed_ms": started.elapsed().as_millis() as u64,
                "dry_run": true,
                "entries": v.units.len(),
                "batches": batch_count,
            })
        );
    } else {
        print_summary(&p, lang, 20);
        println!(
            "Dry run: {} entries in {} requests would be sent; nothing was sent.",
            v.units.len(),
            batch_count
        );
    }
    Ok(if v.invalid > 0 { 1 } else { 0 })
}

/// One line per file row: row, key, status, reason.
fn write_result(
    path: &std::path::Path,
    p: &crate::validate::Prepared,
    lang: Lang,
) -> Result<(), String> {
    let v = &p.validation;
    let table = &p.loaded.table;
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let mut w = report::create(path)?;
        w.write_record(["row", "key", "status", "reason"])?;
        let key_of = v.key_reader(table);
        for (r, state) in v.states.iter().enumerate() {
            let row = table.row_number(r);
            let key = key_of(r);
            let (status, reason) = match state {
                RowState::Invalid => (
                    "invalid",
                    v.issues_at(row)
                        .iter()
                        .filter(|i| !i.is_warning())
                        .map(|i| match &i.column {
                            Some(c) => format!("{c}: {}", i.message(lang)),
                            None => i.message(lang),
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                _ => ("not sent", "dry run: nothing was sent".to_string()),
            };
            w.write_record([
                row.to_string().as_str(),
                key.as_str(),
                status,
                reason.as_str(),
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    run().map_err(|e| format!("cannot write the report: {e}"))
}
