//! `upload`: validate, then send the valid rows in batches (or, with `--dry-run`,
//! build the request bodies and send nothing). `--payload-out` writes each body as
//! it goes (or would go) on the wire; `--journal` makes the upload resumable.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use pango_importer::api::{Client, Credentials, Endpoints};
use pango_importer::history::{HistoryRecord, append_history, now_ms};
use pango_importer::i18n::Lang;
use pango_importer::keychain::OsKeyStore;
use pango_importer::payload::{batches, entry};
use pango_importer::profile::resolve::process_env;
use pango_importer::profile::{AppDirs, Settings, resolve_connection};
use pango_importer::upload::{
    Envelope, Journal, JournalKey, PayloadSink, Summary, UploadConfig, UploadEvent, start,
};
use serde_json::json;

use crate::args::UploadArgs;
use crate::fail::Fail;
use crate::progress::ProgressLine;
use crate::validate::{Prepared, prepare, print_summary};
use pango_importer::report;

/// Writes every request body a dry run would send to `path`, one JSON object per line,
/// built as the upload builds them.
fn write_payloads(
    path: &Path,
    p: &Prepared,
    envelope: &Envelope,
    batch_size: usize,
) -> Result<usize, Fail> {
    let err = |e: std::io::Error| Fail::file(path, format!("cannot write the payload file: {e}"));
    let mut w = BufWriter::new(File::create(path).map_err(err)?);
    let v = &p.validation;
    let mut n = 0;
    for range in batches(v.units.len(), batch_size) {
        let entries = range
            .map(|i| serde_json::Value::Object(entry(&p.loaded.table, v, i)))
            .collect();
        serde_json::to_writer(&mut w, &envelope.body(entries)).map_err(|e| err(e.into()))?;
        w.write_all(b"\n").map_err(err)?;
        n += 1;
    }
    w.flush().map_err(err)?;
    Ok(n)
}

/// The upload's settings, with the envelope checked as the app checks it.
fn upload_config(a: &UploadArgs, p: &Prepared) -> Result<(UploadConfig, Envelope), Fail> {
    let cfg = UploadConfig {
        batch_size: a.batch_size as usize,
        concurrency: a.concurrency.max(1) as usize,
        source: a.source.clone().unwrap_or_default(),
        init_data: p.validation.plan.options.init_data,
        ..UploadConfig::default()
    };
    let envelope = cfg.envelope(&p.validation.plan);
    if let Err(e) = envelope.check(&p.validation.plan) {
        return Err(match &a.common.mapping {
            Some(map) => Fail::file(map, e),
            None => Fail::usage(e.to_string()),
        });
    }
    Ok((cfg, envelope))
}

pub fn run(a: &UploadArgs, lang: Lang) -> Result<u8, Fail> {
    let started = Instant::now();
    let p = prepare(&a.common)?;
    let (mut cfg, envelope) = upload_config(a, &p)?;
    if a.dry_run {
        return dry_run(a, &p, &envelope, lang, started);
    }
    let dirs = AppDirs::from_env().map_err(Fail::usage)?;
    let settings = Settings::load(&dirs).map_err(|e| Fail::usage(e.to_string()))?;
    let conn = resolve_connection(
        &settings,
        a.profile.as_deref(),
        &process_env,
        &OsKeyStore::new(),
    )
    .map_err(|e| Fail::usage(e.to_string()))?;
    let endpoints = Endpoints::new(&conn.auth_url, &conn.ingest_url).map_err(Fail::usage)?;
    let client = Client::new(endpoints, Duration::from_secs(60)).map_err(Fail::usage)?;
    let creds = Credentials {
        username: conn.username.clone(),
        api_key: conn.api_key.clone(),
        cdp_gkey: conn.cdp_gkey.clone(),
        app: conn.auth_app.clone(),
    };
    let journal = match &a.journal {
        Some(path) => {
            let key = JournalKey {
                ingest_url: conn.ingest_url.clone(),
                org: conn.cdp_gkey.clone(),
                envelope,
            };
            Some(Journal::open(path, &key).map_err(|e| Fail::file(path, e))?)
        }
        None => None,
    };
    // Written as each body goes on the wire (a bisected half is a body of its own).
    if let Some(path) = &a.payload_out {
        let file = File::create(path)
            .map_err(|e| Fail::file(path, format!("cannot write the payload file: {e}")))?;
        cfg.payload_out = Some(PayloadSink::new(BufWriter::new(file)));
    }
    let Prepared { loaded, validation } = p;
    let table = Arc::new(loaded.table);
    let v = Arc::new(validation);
    let handle = start(table.clone(), v.clone(), client, creds, cfg, journal);
    let interrupts = ctrl_c_counter();
    let mut line = ProgressLine::new();
    let mut cancelled_by_user = false;
    let summary: Summary = loop {
        if !cancelled_by_user && interrupts.load(Ordering::SeqCst) > 0 {
            cancelled_by_user = true;
            line.finish();
            eprintln!(
                "Cancelling: requests in flight finish, nothing more is sent. Ctrl-C again to stop at once (the journal keeps what was accepted)."
            );
            handle.cancel();
        }
        if interrupts.load(Ordering::SeqCst) > 1 {
            line.finish();
            eprintln!("Stopped.");
            std::process::exit(3);
        }
        let Some(ev) = handle.next_event(Duration::from_millis(100)) else {
            continue;
        };
        match ev {
            UploadEvent::Started {
                rows_to_send,
                already_accepted_rows,
                ..
            } if !a.common.json => {
                if already_accepted_rows > 0 {
                    eprintln!(
                        "Resuming: {already_accepted_rows} rows were accepted before (journal); {rows_to_send} rows to send."
                    );
                } else {
                    eprintln!("Sending {rows_to_send} rows to {} …", conn.ingest_url);
                }
            }
            UploadEvent::Progress(s) => line.show(&s),
            UploadEvent::Rejected { rows, reason } => {
                line.finish();
                let rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
                eprintln!("Refused by Pango, row {}: {reason}", rows.join(", "));
            }
            UploadEvent::Retrying {
                attempt,
                delay,
                reason,
            } if !a.common.json => {
                line.finish();
                eprintln!(
                    "Attempt {attempt} failed ({reason}); trying again in {:.1} s.",
                    delay.as_secs_f64()
                );
            }
            UploadEvent::TokenRenewed if !a.common.json => {
                line.finish();
                eprintln!("Login renewed.");
            }
            UploadEvent::Finished(s) => break *s,
            _ => {}
        }
    };
    line.finish();
    let report_path = a.report.clone();
    if let Some(path) = &report_path {
        report::write_result(path, &table, &v, Some(&summary), lang)
            .map_err(|e| Fail::file(path, e))?;
    }
    let outcome = match (&summary.fatal, summary.cancelled) {
        (Some(f), _) => format!("stopped: {f}"),
        (None, true) => "cancelled".into(),
        (None, false) if summary.failed > 0 => "finished with rows not accepted".into(),
        _ => "completed".into(),
    };
    let _ = dirs.create_all().and_then(|_| {
        append_history(
            &dirs.history_file(),
            &HistoryRecord {
                started_at_ms: now_ms() - started.elapsed().as_millis() as i64,
                file: a.common.file.display().to_string(),
                object_type: v.plan.object.name.to_string(),
                profile: conn.profile.clone(),
                rows: summary.rows as u64,
                valid: summary.valid as u64,
                invalid: summary.invalid as u64,
                sent: summary.sent,
                accepted: summary.accepted as u64,
                failed: summary.failed as u64,
                report_path: report_path.as_ref().map(|p| p.display().to_string()),
                journal_path: a.journal.as_ref().map(|p| p.display().to_string()),
                outcome: outcome.clone(),
            },
        )
    });
    if let Some(f) = &summary.fatal
        && summary.requests == 0
    {
        return Err(Fail::usage(f.clone()));
    }
    // Why the upload stopped, told once (the rows it left carry it in the report).
    if let Some(f) = &summary.fatal {
        eprintln!("The upload stopped: {f}");
    }
    if a.common.json {
        println!(
            "{}",
            json!({
                "rows": summary.rows,
                "valid": summary.valid,
                "invalid": summary.invalid,
                "sent": summary.sent,
                "accepted": summary.accepted,
                "failed": summary.failed,
                "requests": summary.requests,
                "retries": summary.retries,
                "elapsed_ms": started.elapsed().as_millis() as u64,
                "cancelled": summary.cancelled,
                "error": summary.fatal,
            })
        );
    } else {
        println!(
            "Rows: {}   valid: {}   invalid: {}   accepted: {}   not accepted: {}   ({} requests, {} retries, {:.1} s) — {outcome}",
            summary.rows,
            summary.valid,
            summary.invalid,
            summary.accepted,
            summary.failed,
            summary.requests,
            summary.retries,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if summary.failed > 0 {
        3
    } else if summary.invalid > 0 {
        1
    } else {
        0
    })
}

fn dry_run(
    a: &UploadArgs,
    p: &Prepared,
    envelope: &Envelope,
    lang: Lang,
    started: Instant,
) -> Result<u8, Fail> {
    let v = &p.validation;
    let batch_count = match &a.payload_out {
        Some(path) => write_payloads(path, p, envelope, a.batch_size as usize)?,
        None => batches(v.units.len(), a.batch_size as usize).count(),
    };
    if let Some(path) = &a.report {
        report::write_result(path, &p.loaded.table, v, None, lang)
            .map_err(|e| Fail::file(path, e))?;
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
        print_summary(p, lang, 20);
        println!(
            "Dry run: {} entries in {} requests would be sent; nothing was sent.",
            v.units.len(),
            batch_count
        );
    }
    Ok(if v.invalid > 0 { 1 } else { 0 })
}

/// One line per file row: row, key, status, reason. Without a summary (dry run),
/// valid rows are "not sent".
/// Counts Ctrl-C presses (a background thread waits for the signal).
fn ctrl_c_counter() -> Arc<AtomicU32> {
    let count = Arc::new(AtomicU32::new(0));
    let c = count.clone();
    let _ = std::thread::Builder::new()
        .name("ctrl-c".into())
        .spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                while tokio::signal::ctrl_c().await.is_ok() {
                    c.fetch_add(1, Ordering::SeqCst);
                }
            });
        });
    count
}
