//! `upload`: validate, then send the valid rows in batches (or, with `--dry-run`,
//! build the request bodies and send nothing). `--payload-out` writes each body as
//! it goes (or would go) on the wire; `--journal` makes the upload resumable.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use pango_importer::api::PangoDestination;
use pango_importer::history::now_ms;
use pango_importer::i18n::Lang;
use pango_importer::keychain::OsKeyStore;
use pango_importer::payload::{batches, entry};
use pango_importer::profile::resolve::process_env;
use pango_importer::profile::{AppDirs, Connection, Settings, resolve_connection};
use pango_importer::upload::{
    Envelope, FinishedUpload, Journal, JournalKey, PayloadSink, UploadConfig, UploadEvent,
    UploadHandle, UploadSummary, finish_upload_record, start,
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
    let p = prepare(&a.common, lang)?;
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
    let client = conn
        .client(Duration::from_secs(60))
        .map_err(|e| Fail::usage(e.to_string()))?;
    let creds = conn.credentials();
    let journal = open_journal(a, &conn, envelope)?;
    // Written as each body goes on the wire (a bisected half is a body of its own).
    if let Some(path) = &a.payload_out {
        let file = File::create(path)
            .map_err(|e| Fail::file(path, format!("cannot write the payload file: {e}")))?;
        cfg.payload_out = Some(PayloadSink::new(BufWriter::new(file)));
    }
    let Prepared { loaded, validation } = p;
    let table = Arc::new(loaded.table);
    let v = Arc::new(validation);
    let pango = PangoDestination::new(client, creds, &cfg, &v.plan);
    let handle = start(table.clone(), v.clone(), pango, cfg, journal);
    let summary = follow(&handle, a.common.json, &conn.ingest_url);
    if let Some(path) = &a.report {
        report::write_result(path, &table, &v, Some(&summary), lang)
            .map_err(|e| Fail::file(path, e))?;
    }
    let _ = dirs.create_all();
    let _ = finish_upload_record(
        &dirs.history_file(),
        None,
        &FinishedUpload {
            summary: &summary,
            started_at_ms: now_ms() - started.elapsed().as_millis() as i64,
            file: &a.common.file,
            object_type: v.plan.object.name,
            profile: &conn.profile,
            report: a.report.as_deref(),
            journal: a.journal.as_deref(),
        },
    );
    print_result(&summary, a.common.json, started)
}

/// The journal at `--journal`, keyed to this destination and envelope.
fn open_journal(
    a: &UploadArgs,
    conn: &Connection,
    envelope: Envelope,
) -> Result<Option<Journal>, Fail> {
    let Some(path) = &a.journal else {
        return Ok(None);
    };
    let key = JournalKey {
        ingest_url: conn.ingest_url.clone(),
        org: conn.cdp_gkey.clone(),
        envelope,
    };
    Journal::open(path, &key)
        .map(Some)
        .map_err(|e| Fail::file(path, e))
}

/// Shows the upload's events on stderr until it ends (Ctrl-C cancels, twice stops at
/// once), and returns its summary.
fn follow(handle: &UploadHandle, json: bool, ingest_url: &str) -> UploadSummary {
    let interrupts = ctrl_c_counter();
    let mut line = ProgressLine::new();
    let mut cancelled_by_user = false;
    let summary = loop {
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
        match handle.next_event(Duration::from_millis(100)) {
            Some(UploadEvent::Finished(s)) => break *s,
            Some(ev) => show_event(ev, &mut line, json, ingest_url),
            None => {}
        }
    };
    line.finish();
    summary
}

/// One event on stderr (with --json, only progress and refusals).
fn show_event(ev: UploadEvent, line: &mut ProgressLine, json: bool, ingest_url: &str) {
    match ev {
        UploadEvent::Started {
            rows_to_send,
            already_accepted_rows,
            ..
        } if !json => {
            if already_accepted_rows > 0 {
                eprintln!(
                    "Resuming: {already_accepted_rows} rows were accepted before (journal); {rows_to_send} rows to send."
                );
            } else {
                eprintln!("Sending {rows_to_send} rows to {ingest_url} …");
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
        } if !json => {
            line.finish();
            eprintln!(
                "Attempt {attempt} failed ({reason}); trying again in {:.1} s.",
                delay.as_secs_f64()
            );
        }
        UploadEvent::TokenRenewed if !json => {
            line.finish();
            eprintln!("Login renewed.");
        }
        _ => {}
    }
}

/// The result on stdout (and why it stopped on stderr); the exit code.
fn print_result(summary: &UploadSummary, json: bool, started: Instant) -> Result<u8, Fail> {
    if let Some(f) = &summary.fatal
        && summary.requests == 0
    {
        return Err(Fail::usage(f.to_string()));
    }
    // Why the upload stopped, told once (the rows it left carry it in the report).
    if let Some(f) = &summary.fatal {
        eprintln!("The upload stopped: {f}");
    }
    if json {
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
                "error": summary.fatal.as_ref().map(ToString::to_string),
            })
        );
    } else {
        println!(
            "Rows: {}   valid: {}   invalid: {}   accepted: {}   not accepted: {}   ({} requests, {} retries, {:.1} s) — {}",
            summary.rows,
            summary.valid,
            summary.invalid,
            summary.accepted,
            summary.failed,
            summary.requests,
            summary.retries,
            started.elapsed().as_secs_f64(),
            summary.end()
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
