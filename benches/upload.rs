//! Upload benchmark against the in-process sandbox (loopback only), in one run:
//! (a) requests a second the client sustains with rate limits off — must be far
//!     above the API's 50/s, so the API, not the client, is the bottleneck;
//! (b) the share of the documented ceiling reached with the documented limits on
//!     both sides, over `BENCH_LIMITED_SECS` (default 125 s: two full minutes are
//!     counted), on the server.
//!
//! `cargo bench --bench upload`; `BENCH_LIMITED_SECS=0` skips (b).

use std::sync::Arc;
use std::time::{Duration, Instant};

use pango_importer::api::{Client, Credentials, Endpoints, PangoDestination};
use pango_importer::mapping::{auto_mapping, resolve};
use pango_importer::sandbox::{Account, Sandbox, SandboxConfig, Stats, documented_limits};
use pango_importer::schema;
use pango_importer::secret::Secret;
use pango_importer::source::{ReadOptions, Table, read_file};
use pango_importer::upload::{DOCUMENTED_LIMITS, UploadConfig, UploadEvent, start};
use pango_importer::validate::{Validation, validate};

fn customers(rows: usize) -> (Arc<Table>, Arc<Validation>) {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("Mã KH,Họ và tên,SĐT,Email,Ngày sinh\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "KH{i:07},Nguyễn Văn {i},09{:08},kh{i}@example.vn,{:02}/{:02}/19{:02}\n",
            i % 100_000_000,
            1 + i % 28,
            1 + i % 12,
            50 + i % 50
        ));
    }
    let path = dir.path().join("kh.csv");
    std::fs::write(&path, csv).unwrap();
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    let m = auto_mapping(
        loaded.table.headers(),
        schema::find("customer-identity").unwrap(),
    )
    .unwrap();
    let plan = resolve(&m, loaded.table.headers()).unwrap();
    let v = validate(&loaded.table, &plan, None).unwrap();
    assert_eq!(v.invalid, 0);
    (Arc::new(loaded.table), Arc::new(v))
}

fn upload(
    sb: &Sandbox,
    t: &Arc<Table>,
    v: &Arc<Validation>,
    cfg: UploadConfig,
    stop_after: Option<Duration>,
) -> (u64, f64) {
    let demo = Account::demo();
    let client = Client::new(
        Endpoints::new(&sb.auth_url(), &sb.ingest_url()).unwrap(),
        Duration::from_secs(30),
    )
    .unwrap();
    let creds = Credentials {
        username: demo.username,
        api_key: Secret::new(demo.api_key),
        cdp_gkey: demo.cdp_gkey,
        app: None,
    };
    let started = Instant::now();
    let pango = PangoDestination::new(client, creds, &cfg, &v.plan);
    let h = start(t.clone(), v.clone(), pango, cfg, None);
    loop {
        if stop_after.is_some_and(|d| started.elapsed() >= d) {
            h.cancel();
        }
        if let Some(UploadEvent::Finished(s)) = h.next_event(Duration::from_millis(200)) {
            assert!(s.fatal.is_none(), "{:?}", s.fatal);
            return (s.requests, started.elapsed().as_secs_f64());
        }
    }
}

fn main() {
    let rows: usize = std::env::var("BENCH_UPLOAD_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let limited_secs: u64 = std::env::var("BENCH_LIMITED_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(125);
    eprintln!("preparing {rows} customer rows …");
    let (t, v) = customers(rows);

    println!(
        "== (a) client throughput, limits off, sandbox on 127.0.0.1 ({rows} rows, 50 a request)"
    );
    for concurrency in [1, 4, 8] {
        let sb = Sandbox::start(SandboxConfig {
            limits: Vec::new(),
            ..SandboxConfig::default()
        })
        .unwrap();
        let cfg = UploadConfig {
            limits: Vec::new(),
            concurrency,
            ..UploadConfig::default()
        };
        let (requests, secs) = upload(&sb, &t, &v, cfg, None);
        assert_eq!(sb.records("customer-identity").len(), rows);
        println!(
            "concurrency {concurrency}: {requests} requests in {secs:.2} s = {:.0} requests/s = {:.0} rows/s ({:.1}x the API's 50 requests/s)",
            requests as f64 / secs,
            rows as f64 / secs,
            requests as f64 / secs / 50.0
        );
    }

    if limited_secs == 0 {
        return;
    }
    println!("== (b) documented limits on both sides, {limited_secs} s");
    let sb = Sandbox::start(SandboxConfig {
        limits: documented_limits(),
        ..SandboxConfig::default()
    })
    .unwrap();
    let cfg = UploadConfig {
        limits: DOCUMENTED_LIMITS.to_vec(),
        ..UploadConfig::default()
    };
    let (requests, secs) = upload(&sb, &t, &v, cfg, Some(Duration::from_secs(limited_secs)));
    let stats = sb.stats();
    let a = &stats.admitted;
    // Over whole minutes from the first request, no sliding 60 s window may hold
    // more than 1,000: the ceiling for N minutes is N × 1,000 (the per-second limit
    // allows more). Count what the server admitted in the first N full minutes.
    let minutes = (limited_secs / 60).max(1);
    let end = a[0] + Duration::from_secs(60 * minutes);
    let counted = a.iter().filter(|t| **t < end).count();
    println!(
        "{requests} requests in {secs:.1} s; server: rate-limited {} times, max in any 1 s {} (limit 50), any 60 s {} (limit 1,000), any 300 s {} (limit 5,000)",
        stats.rate_limited,
        Stats::max_in_window(a, Duration::from_secs(1)),
        Stats::max_in_window(a, Duration::from_secs(60)),
        Stats::max_in_window(a, Duration::from_secs(300))
    );
    println!(
        "share of the ceiling: {counted} requests admitted in the first {minutes} full minutes, of at most {} = {:.1}%",
        1000 * minutes,
        100.0 * counted as f64 / (1000 * minutes) as f64
    );
}
