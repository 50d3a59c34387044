//! The upload engine against the sandbox server on 127.0.0.1: every valid row stored
//! once, through faults, token expiry, rate limits, refused entries, cancel and resume.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use pango_importer::api::{Client, Credentials, Endpoints, PangoDestination};
use pango_importer::mapping::{CustomField, Mapping, auto_mapping, resolve};
use pango_importer::sandbox::{
    Account, FaultKind, Faults, RateLimit, Sandbox, SandboxConfig, Stats,
};
use pango_importer::schema::{self, CustomKind};
use pango_importer::secret::Secret;
use pango_importer::source::{ReadOptions, Table, read_file};
use pango_importer::upload::{
    Journal, JournalKey, RateWindow, RowOutcome, UploadConfig, UploadEvent, UploadHandle,
    UploadSummary,
};
use pango_importer::validate::{Validation, validate};

fn customers(dir: &Path, n: usize, bad_code_rows: &[usize]) -> (Arc<Table>, Arc<Validation>) {
    let mut csv = String::from("Mã KH,Họ tên,SĐT,Mã lạ\n");
    for i in 0..n {
        let odd = if bad_code_rows.contains(&i) {
            "05/01/1970"
        } else {
            ""
        };
        csv.push_str(&format!("KH{i:05},Khách {i},09{:08},{odd}\n", i));
    }
    let path = dir.join("kh.csv");
    std::fs::write(&path, csv).unwrap();
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    let mut m: Mapping = auto_mapping(
        loaded.table.headers(),
        schema::find("customer-identity").unwrap(),
    )
    .unwrap();
    // A date in the first weeks of 1970 in a custom timestamp: our checks pass (a
    // real date), the server refuses it as epoch seconds.
    m.custom_fields.push(CustomField {
        code: "customFieldTimestamp01".into(),
        kind: CustomKind::Timestamp,
        item: false,
        label: None,
    });
    m.columns
        .iter_mut()
        .find(|c| c.column.as_deref() == Some("Mã lạ"))
        .unwrap()
        .field = Some("customFieldTimestamp01".into());
    let plan = resolve(&m, loaded.table.headers()).unwrap();
    let v = validate(&loaded.table, &plan, None).unwrap();
    assert_eq!(v.invalid, 0, "{:?}", v.issues.first());
    (Arc::new(loaded.table), Arc::new(v))
}

fn sandbox(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).expect("sandbox starts")
}

fn no_limits() -> SandboxConfig {
    SandboxConfig {
        limits: Vec::new(),
        ..SandboxConfig::default()
    }
}

fn client(sb: &Sandbox) -> (Client, Credentials) {
    let demo = Account::demo();
    let endpoints = Endpoints::new(&sb.auth_url(), &sb.ingest_url()).unwrap();
    (
        Client::new(endpoints, Duration::from_secs(2)).unwrap(),
        Credentials {
            username: demo.username,
            api_key: Secret::new(demo.api_key),
            cdp_gkey: demo.cdp_gkey,
            app: None,
        },
    )
}

/// The journal of an upload of `v` to `sb` with the default envelope.
fn journal(sb: &Sandbox, v: &Validation, path: &Path) -> Journal {
    let key = JournalKey {
        ingest_url: sb.ingest_url(),
        org: Account::demo().cdp_gkey,
        envelope: UploadConfig::default().envelope(&v.plan),
    };
    Journal::open(path, &key).unwrap()
}

fn fast(limits: Vec<RateWindow>) -> UploadConfig {
    UploadConfig {
        limits,
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_millis(200),
        ..UploadConfig::default()
    }
}

fn run(
    sb: &Sandbox,
    t: &Arc<Table>,
    v: &Arc<Validation>,
    cfg: UploadConfig,
    journal: Option<Journal>,
) -> (UploadSummary, Vec<UploadEvent>) {
    let (c, creds) = client(sb);
    let h = start(t.clone(), v.clone(), c, creds, cfg, journal);
    let mut events = Vec::new();
    let summary = loop {
        match h
            .next_event(Duration::from_secs(30))
            .expect("events keep coming")
        {
            UploadEvent::Finished(s) => break *s,
            ev => events.push(ev),
        }
    };
    (summary, events)
}

/// Starts an upload of `v` to Pango through `c`.
fn start(
    t: Arc<Table>,
    v: Arc<Validation>,
    c: Client,
    creds: Credentials,
    cfg: UploadConfig,
    journal: Option<Journal>,
) -> UploadHandle {
    let pango = PangoDestination::new(c, creds, &cfg, &v.plan);
    pango_importer::upload::start(t, v, pango, cfg, journal)
}

fn stored(sb: &Sandbox) -> usize {
    sb.records("customer-identity").len()
}

#[test]
fn every_row_is_stored_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 230, &[]);
    let sb = sandbox(no_limits());
    let (s, events) = run(&sb, &t, &v, fast(Vec::new()), None);
    assert_eq!(
        (s.rows, s.accepted, s.failed, s.requests, s.retries, s.sent),
        (230, 230, 0, 5, 0, 230)
    );
    assert_eq!(stored(&sb), 230);
    assert!(events.contains(&UploadEvent::LoggedIn));
    assert_eq!(
        sb.records("customer-identity")["KH00007"]["phone"],
        "0900000007"
    );
}

#[test]
fn exactly_once_under_ten_percent_mixed_faults() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 1000, &[]);
    let sb = sandbox(SandboxConfig {
        faults: Faults {
            rate: 0.10,
            kinds: vec![
                FaultKind::Status500,
                FaultKind::Status502,
                FaultKind::Status503,
                FaultKind::Drop,
                FaultKind::StoredThen500,
                FaultKind::Slow,
            ],
            seed: 20261123,
            slow: Duration::from_millis(2500),
        },
        ..no_limits()
    });
    let (s, _) = run(&sb, &t, &v, fast(Vec::new()), None);
    assert_eq!((s.accepted, s.failed), (1000, 0), "{:?}", s.fatal);
    assert!(
        s.retries > 0,
        "faults were injected: {:?}",
        sb.stats().faults_injected
    );
    assert_eq!(stored(&sb), 1000);
    let stats = sb.stats();
    // A key is written more than once only when its batch was stored and then failed
    // (stored-then-500, or an answer that never came): the upsert keeps one record.
    let rewritten = stats.writes_per_key.values().filter(|w| **w > 1).count();
    assert!(
        rewritten <= 50 * stats.faults_injected as usize,
        "{rewritten}"
    );
    assert_eq!(stats.writes_per_key.len(), 1000);
}

#[test]
fn the_token_is_renewed_before_it_expires() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 60, &[]);
    let sb = sandbox(SandboxConfig {
        token_lifetime: Duration::from_secs(2),
        ..no_limits()
    });
    // One entry a request, 10 requests a second: about 6 s, three token lifetimes.
    let mut cfg = fast(vec![RateWindow {
        max: 10,
        period: Duration::from_secs(1),
    }]);
    cfg.batch_size = 1;
    cfg.margin = 0.0;
    let (s, events) = run(&sb, &t, &v, cfg, None);
    assert_eq!(s.accepted, 60);
    let renewals = events
        .iter()
        .filter(|e| **e == UploadEvent::TokenRenewed)
        .count();
    assert!(renewals >= 2, "{renewals}");
    assert_eq!(
        sb.stats().unauthorized,
        0,
        "an expired token was never sent"
    );
}

#[test]
fn scaled_down_limits_are_honoured_and_nearly_reached() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 120, &[]);
    // The documented shape scaled down: a short window and a longer, tighter one.
    let limits = vec![
        RateLimit {
            max: 10,
            window: Duration::from_millis(200),
        },
        RateLimit {
            max: 40,
            window: Duration::from_secs(1),
        },
    ];
    let sb = sandbox(SandboxConfig {
        limits: limits.clone(),
        ..no_limits()
    });
    let mut cfg = fast(
        limits
            .iter()
            .map(|l| RateWindow {
                max: l.max,
                period: l.window,
            })
            .collect(),
    );
    cfg.batch_size = 1;
    let (s, _) = run(&sb, &t, &v, cfg, None);
    assert_eq!(s.accepted, 120);
    let stats = sb.stats();
    assert_eq!(
        stats.rate_limited, 0,
        "never rate-limited by the server: {:?}",
        stats.arrivals
    );
    assert!(Stats::max_in_window(&stats.admitted, Duration::from_millis(200)) <= 10);
    assert!(Stats::max_in_window(&stats.admitted, Duration::from_secs(1)) <= 40);
    // After the first window, the steady rate stays close to the 40-a-second
    // ceiling: the limiter keeps 2% of each count and 5% of a short window's time
    // in hand (at the documented limits the 1,000-a-minute window binds, and the
    // benchmark measures 98% of it).
    let a = &stats.admitted;
    let steady = (a.len() - 41) as f64 / (a[a.len() - 1] - a[40]).as_secs_f64();
    assert!(steady >= 0.90 * 40.0, "{steady:.1} requests a second");
    assert!(steady <= 40.0, "{steady:.1} requests a second");
}

#[test]
fn a_server_stricter_than_documented_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 40, &[]);
    let sb = sandbox(SandboxConfig {
        limits: vec![RateLimit {
            max: 4,
            window: Duration::from_millis(500),
        }],
        ..no_limits()
    });
    let mut cfg = fast(vec![RateWindow {
        max: 50,
        period: Duration::from_secs(1),
    }]);
    cfg.batch_size = 2;
    let (s, events) = run(&sb, &t, &v, cfg, None);
    assert_eq!((s.accepted, s.failed), (40, 0));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, UploadEvent::RateLimited { .. }))
    );
    assert!(
        s.requests > 20,
        "rate-limited attempts are counted: {}",
        s.requests
    );
}

#[test]
fn refused_entries_are_isolated_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 100, &[7, 33]);
    let sb = sandbox(no_limits());
    let (s, events) = run(&sb, &t, &v, fast(Vec::new()), None);
    assert_eq!((s.accepted, s.failed), (98, 2));
    assert!(
        matches!(&s.outcomes[7], RowOutcome::Rejected(m) if m.contains("customFieldTimestamp01")),
        "{:?}",
        s.outcomes[7]
    );
    assert!(matches!(&s.outcomes[33], RowOutcome::Rejected(_)));
    let mut rejected: Vec<Vec<u32>> = events
        .iter()
        .filter_map(|e| match e {
            UploadEvent::Rejected { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .collect();
    rejected.sort();
    assert_eq!(
        rejected,
        [vec![9], vec![35]],
        "file row numbers (header is row 1)"
    );
    assert_eq!(stored(&sb), 98);
    // Bisection: two batches of 50, each split down to its bad entry (about 2·log2(50) + 2 requests).
    assert!(s.requests <= 30, "{}", s.requests);
}

#[test]
fn cancel_then_resume_with_the_journal_sends_only_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 300, &[]);
    let sb = sandbox(no_limits());
    let journal_path = dir.path().join("upload.journal");
    let mut cfg = fast(vec![RateWindow {
        max: 4,
        period: Duration::from_secs(1),
    }]);
    cfg.batch_size = 10;
    cfg.margin = 0.0;
    let (c, creds) = client(&sb);
    let h = start(
        t.clone(),
        v.clone(),
        c,
        creds,
        cfg.clone(),
        Some(journal(&sb, &v, &journal_path)),
    );
    // Let a few batches through, then cancel.
    let mut accepted_batches = 0;
    while accepted_batches < 6 {
        if let Some(UploadEvent::BatchAccepted { .. }) = h.next_event(Duration::from_secs(10)) {
            accepted_batches += 1;
        }
    }
    h.cancel();
    let first = h.wait();
    assert!(first.cancelled);
    assert!(
        first.accepted >= 60 && first.accepted < 300,
        "{}",
        first.accepted
    );
    assert_eq!(first.accepted + first.failed, 300);
    assert!(
        first
            .outcomes
            .iter()
            .any(|o| matches!(o, RowOutcome::NotSent(m) if m.to_string().contains("cancel")))
    );
    let requests_before = sb.stats().ingest_requests;

    cfg.limits = Vec::new();
    let (second, events) = run(&sb, &t, &v, cfg, Some(journal(&sb, &v, &journal_path)));
    let Some(UploadEvent::Started {
        already_accepted_rows,
        rows_to_send,
        ..
    }) = events.first().cloned()
    else {
        panic!("{events:?}")
    };
    assert_eq!(already_accepted_rows, first.accepted);
    assert_eq!(rows_to_send, 300 - first.accepted);
    assert_eq!((second.accepted, second.failed), (300, 0));
    assert_eq!(
        sb.stats().ingest_requests - requests_before,
        second.requests
    );
    assert_eq!(stored(&sb), 300);
    assert!(
        sb.stats().writes_per_key.values().all(|w| *w == 1),
        "nothing sent twice"
    );
}

#[test]
fn a_wrong_key_stops_the_upload_with_a_plain_reason_and_no_secret_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 20, &[]);
    let sb = sandbox(no_limits());
    let (c, mut creds) = client(&sb);
    creds.api_key = Secret::new("wrong-key-9f8e7d");
    let journal_path = dir.path().join("j.journal");
    let j = journal(&sb, &v, &journal_path);
    let h = start(t, v, c, creds, fast(Vec::new()), Some(j));
    let s = h.wait();
    let fatal = s.fatal.clone().expect("the upload stopped").to_string();
    assert!(fatal.contains("not accepted"), "{fatal}");
    assert!(!fatal.contains("wrong-key-9f8e7d"));
    assert_eq!((s.accepted, s.failed), (0, 20));
    let journal = std::fs::read_to_string(&journal_path).unwrap();
    assert!(!journal.contains("wrong-key") && !journal.contains(&Account::demo().api_key));
    assert!(!format!("{s:?}").contains("wrong-key-9f8e7d"));
}

#[test]
fn every_worker_honours_the_servers_wait() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 200, &[]);
    // A server far stricter than the client believes: 1 request per 2 s.
    let sb = sandbox(SandboxConfig {
        limits: vec![RateLimit {
            max: 1,
            window: Duration::from_secs(2),
        }],
        ..no_limits()
    });
    let mut cfg = fast(vec![RateWindow::new(10, 1)]);
    cfg.concurrency = 4;
    let (s, _) = run(&sb, &t, &v, cfg, None);
    assert_eq!((s.accepted, s.failed), (200, 0));
    let st = sb.stats();
    // After each refusal, nothing arrives before the window the server named frees
    // (50 ms of slack for arrival jitter).
    let mut early = Vec::new();
    for refused in st.arrivals.iter().filter(|a| !st.admitted.contains(a)) {
        let Some(last_ok) = st.admitted.iter().filter(|a| *a < refused).max() else {
            continue;
        };
        let frees = *last_ok + Duration::from_secs(2);
        early.extend(
            st.arrivals
                .iter()
                .filter(|a| {
                    *a > refused
                        && **a + Duration::from_millis(50) < frees
                        && !st.admitted.contains(a)
                })
                .copied(),
        );
    }
    early.sort();
    early.dedup();
    assert!(
        early.len() <= 2,
        "requests sent while told to wait: {early:?}"
    );
}

#[test]
fn a_wrong_ingest_url_stops_at_once_instead_of_splitting_batches() {
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 100, &[]);
    let sb = sandbox(no_limits());
    let demo = Account::demo();
    let endpoints =
        Endpoints::new(&sb.auth_url(), &format!("{}/no-such-path", sb.base_url())).unwrap();
    let c = Client::new(endpoints, Duration::from_secs(2)).unwrap();
    let creds = Credentials {
        username: demo.username,
        api_key: Secret::new(demo.api_key),
        cdp_gkey: demo.cdp_gkey,
        app: None,
    };
    let s = start(t, v, c, creds, fast(Vec::new()), None).wait();
    let fatal = s.fatal.expect("stopped").to_string();
    assert!(
        fatal.contains("404") && fatal.contains("PANGO_INGEST_URL"),
        "{fatal}"
    );
    assert!(s.requests <= 4, "{} requests", s.requests);
    assert_eq!((s.accepted, s.failed), (0, 100));
    assert!(
        s.outcomes
            .iter()
            .all(|o| matches!(o, RowOutcome::NotSent(m) if m.to_string().contains("404")))
    );
}

#[test]
fn the_auth_app_login_stores_every_row_through_the_v2_ingest() {
    use pango_importer::profile::AuthApp;
    use pango_importer::sandbox::AppAccount;
    let dir = tempfile::tempdir().unwrap();
    let (t, v) = customers(dir.path(), 120, &[]);
    let sb = sandbox(no_limits());
    let app = AppAccount::demo();
    let endpoints = Endpoints::new(&sb.auth_app_url(&app.org_id), &sb.ingest_v2_url()).unwrap();
    let c = Client::new(endpoints, Duration::from_secs(2)).unwrap();
    let creds = |token: &str| Credentials {
        username: app.account.clone(),
        api_key: Secret::new(token),
        cdp_gkey: app.org_id.clone(),
        app: Some(AuthApp {
            org_id: app.org_id.clone(),
            app_id: app.app_id.clone(),
            account: app.account.clone(),
        }),
    };
    let s = start(
        t.clone(),
        v.clone(),
        c.clone(),
        creds(&app.refresh_token),
        fast(Vec::new()),
        None,
    )
    .wait();
    assert_eq!(
        (s.accepted, s.failed, s.requests),
        (120, 0, 3),
        "{:?}",
        s.fatal
    );
    assert_eq!(stored(&sb), 120);
    // A wrong refresh token: stopped, and never shown.
    let wrong = "wrong-refresh-7c6b5a";
    let s = start(t, v, c, creds(wrong), fast(Vec::new()), None).wait();
    let fatal = s.fatal.clone().expect("stopped").to_string();
    assert!(
        !fatal.contains(wrong) && !format!("{s:?}").contains(wrong),
        "{fatal}"
    );
    assert_eq!(s.requests, 0);
}

#[test]
fn blank_source_and_journey_settings_are_never_sent_as_empty_strings() {
    // The app passes the mapping's `source` as it is (maybe ""), and a template may
    // hold `"jeConfigId": ""`: the sandbox refuses both, so every row would fail.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kh.csv");
    let mut csv = String::from("Mã KH,Họ tên,SĐT\n");
    for i in 0..60 {
        csv.push_str(&format!("KH{i:05},Khách {i},09{i:08}\n"));
    }
    std::fs::write(&path, csv).unwrap();
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    let mut m = auto_mapping(
        loaded.table.headers(),
        schema::find("customer-identity").unwrap(),
    )
    .unwrap();
    m.source = Some(String::new());
    m.je_config_id = Some(String::new());
    m.je_event_key = Some("  ".into());
    let plan = resolve(&m, loaded.table.headers()).unwrap();
    let v = Arc::new(validate(&loaded.table, &plan, None).unwrap());
    let t = Arc::new(loaded.table);
    let sb = sandbox(no_limits());
    let mut cfg = fast(Vec::new());
    cfg.source = String::new();
    let (s, _) = run(&sb, &t, &v, cfg, None);
    assert_eq!(
        (s.accepted, s.failed, s.requests),
        (60, 0, 2),
        "{:?}",
        s.fatal
    );
    assert_eq!(stored(&sb), 60);
}
