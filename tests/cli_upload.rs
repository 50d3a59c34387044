//! `pango-importer-cli upload` run as a process against an in-process sandbox on
//! 127.0.0.1: killed mid-upload and rerun with the journal, Ctrl-C, rows the server
//! refuses (exit 3), the exit-2 errors (wrong key, unreachable server, plain http to
//! another computer, no key), the `--json` summary and error object, the result
//! report and the history file.
//!
//! The engine itself (faults, token expiry, bisecting) is covered in tests/upload.rs;
//! here it is the command-line contract of design.md §3.
#![cfg(unix)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::{
    Ran, cli_command, finish, read_result_report, run_captured, spawn_captured, unique_secret,
    wait_until, write_customers,
};
use pango_importer::mapping::{CustomField, auto_mapping};
use pango_importer::sandbox::{Account, RateLimit, Sandbox, SandboxConfig};
use pango_importer::schema::{self, CustomKind};
use pango_importer::source::{ReadOptions, read_file};
use serde_json::Value;

const OBJECT: &str = "customer-identity";
/// How long one command may take before the test gives up on it (a loaded machine).
const RUN: Duration = Duration::from_secs(60);

/// An account with a key nobody else uses, so a leak would be recognisable.
fn account() -> Account {
    Account {
        username: "uploader@acme.vn".into(),
        api_key: unique_secret("k3y-"),
        cdp_gkey: "e7402a2f14aaaaa27488373a60355e0c".into(),
    }
}

fn sandbox(account: &Account, limits: Vec<RateLimit>) -> Sandbox {
    Sandbox::start(SandboxConfig {
        accounts: vec![account.clone()],
        limits,
        ..SandboxConfig::default()
    })
    .expect("the sandbox starts")
}

/// At most `max` requests a second: a 1,000-row upload in batches of 50 (20
/// requests) takes about 20 / max seconds, long enough to interrupt.
fn per_second(max: u32) -> Vec<RateLimit> {
    vec![RateLimit {
        max,
        window: Duration::from_secs(1),
    }]
}

/// One test's world: a working folder, the app's home folder in it, a sandbox.
struct World {
    dir: tempfile::TempDir,
    account: Account,
    sb: Sandbox,
}

impl World {
    fn new(limits: Vec<RateLimit>) -> World {
        let account = account();
        let sb = sandbox(&account, limits);
        World {
            dir: tempfile::tempdir().unwrap(),
            account,
            sb,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn home(&self) -> PathBuf {
        self.path("home")
    }

    fn history(&self) -> Vec<Value> {
        history_lines(&self.home())
    }

    /// `upload FILE --object customer-identity ARGS…` with the connection in the
    /// environment and the app's folders under `home`.
    fn upload(&self, file: &Path, args: &[&str]) -> Command {
        let mut c = cli_command();
        c.arg("upload")
            .arg(file)
            .args(["--object", OBJECT])
            .args(args)
            .env("PANGO_IMPORTER_HOME", self.home())
            .env("PANGO_AUTH_URL", self.sb.auth_url())
            .env("PANGO_INGEST_URL", self.sb.ingest_url())
            .env("PANGO_USERNAME", &self.account.username)
            .env("PANGO_API_KEY", &self.account.api_key)
            .env("PANGO_CDP_GKEY", &self.account.cdp_gkey);
        c
    }

    fn keys_stored(&self) -> usize {
        self.sb.records(OBJECT).len()
    }
}

fn history_lines(home: &Path) -> Vec<Value> {
    let path = home.join("data").join("history.jsonl");
    match std::fs::read_to_string(&path) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn keys(n: usize) -> BTreeSet<String> {
    (0..n).map(|i| format!("KH{i:05}")).collect()
}

/// The `--json` figures as numbers.
fn figures(j: &Value) -> BTreeMap<&'static str, u64> {
    [
        "rows",
        "valid",
        "invalid",
        "sent",
        "accepted",
        "failed",
        "requests",
        "retries",
        "elapsed_ms",
    ]
    .into_iter()
    .map(|k| {
        (
            k,
            j[k].as_u64()
                .unwrap_or_else(|| panic!("--json has no number {k}: {j}")),
        )
    })
    .collect()
}

/// Status counts of a result report.
fn statuses(report: &[(u32, String, String, String)]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (_, _, status, _) in report {
        *out.entry(status.clone()).or_default() += 1;
    }
    out
}

fn assert_secret_free(ran: &Ran, secrets: &[&str]) {
    for s in secrets {
        assert!(
            !ran.stdout.contains(s) && !ran.stderr.contains(s),
            "a secret was printed:\n{}\n{}",
            ran.stdout,
            ran.stderr
        );
    }
}

/// Whether the process has a handler for SIGINT (Linux: `SigCgt` in /proc).
/// Elsewhere, assume it has once it has sent something.
fn catches_sigint(pid: u32) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return true;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (2 - 1)) != 0)
}

/// Waits until the sandbox holds at least `min` keys while `child` still runs.
fn wait_for_progress(w: &World, child: &mut Child, min: usize) {
    let reached = wait_until(RUN, || {
        w.keys_stored() >= min || child.try_wait().unwrap().is_some()
    });
    assert!(reached, "no progress within {RUN:?}");
    assert!(
        child.try_wait().unwrap().is_none(),
        "the upload ended before it could be interrupted"
    );
}

#[test]
fn killed_mid_upload_then_rerun_with_the_journal_stores_each_row_once() {
    let w = World::new(per_second(5));
    let file = w.path("kh.csv");
    write_customers(&file, 1000, &[]);
    let journal = w.path("kh.journal");
    let report = w.path("result.csv");
    let j = journal.to_str().unwrap();
    let args = ["--auto-map", "--journal", j, "--json", "--report"];
    let mut cmd = w.upload(&file, &args);
    cmd.arg(&report);

    let mut child = spawn_captured(&mut cmd);
    // Past the first burst (5 batches of 50), so the journal has lines.
    wait_for_progress(&w, &mut child, 300);
    child.kill().unwrap();
    let killed = finish(child, RUN);
    assert_eq!(killed.code, None, "killed by a signal: {killed:?}");
    let before = w.keys_stored();
    assert!((300..1000).contains(&before), "{before} keys at the kill");

    let ran = run_captured(w.upload(&file, &args).arg(&report), RUN);
    assert_eq!(ran.code, Some(0), "{ran:?}");
    let f = figures(&ran.json());
    assert_eq!(
        (
            f["rows"],
            f["valid"],
            f["invalid"],
            f["accepted"],
            f["failed"]
        ),
        (1000, 1000, 0, 1000, 0),
        "{}",
        ran.stdout
    );

    let records = w.sb.records(OBJECT);
    assert_eq!(records.keys().cloned().collect::<BTreeSet<_>>(), keys(1000));
    assert_eq!(records["KH00999"]["phone"], "0900000999");
    let stats = w.sb.stats();
    let writes: u64 = stats.writes_per_key.values().map(|&n| u64::from(n)).sum();
    assert_eq!(stats.writes_per_key.len(), 1000);
    assert_eq!(writes, stats.entries_stored);
    // Only the batches in flight at the kill (4 workers × 50) may have been sent twice.
    assert!(
        writes <= 1000 + 4 * 50,
        "{writes} entries written for 1000 rows: the journal was not used"
    );
    let again: Vec<_> = stats
        .writes_per_key
        .iter()
        .filter(|(_, n)| **n > 1)
        .collect();
    assert!(again.len() <= 200, "{} keys written twice", again.len());

    let report = read_result_report(&report);
    assert_eq!(report.len(), 1000);
    assert_eq!(
        statuses(&report),
        BTreeMap::from([("accepted".into(), 1000)])
    );
    assert_eq!(
        report[0].0, 2,
        "row numbers as in the file (header = row 1)"
    );
    assert_eq!(report[0].1, "KH00000");
    assert_secret_free(&ran, &[&w.account.api_key]);

    // The killed run never wrote its history line; the rerun did.
    let history = w.history();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["accepted"], 1000);
    assert_eq!(history[0]["outcome"], "completed");
}

#[test]
fn a_rerun_after_a_complete_run_sends_nothing() {
    let w = World::new(Vec::new());
    let file = w.path("kh.csv");
    write_customers(&file, 120, &[]);
    let journal = w.path("journals/kh.journal");
    let report = w.path("result.csv");
    let run = || {
        let mut cmd = w.upload(&file, &["--auto-map", "--json", "--journal"]);
        cmd.arg(&journal).arg("--report").arg(&report);
        run_captured(&mut cmd, RUN)
    };

    let first = run();
    assert_eq!(first.code, Some(0), "{first:?}");
    let f = figures(&first.json());
    assert_eq!(
        (
            f["rows"],
            f["accepted"],
            f["failed"],
            f["sent"],
            f["requests"]
        ),
        (120, 120, 0, 120, 3)
    );
    assert_eq!(w.keys_stored(), 120);
    let requests = w.sb.stats().ingest_requests;
    assert_eq!(requests, 3);

    let second = run();
    assert_eq!(second.code, Some(0), "{second:?}");
    let f = figures(&second.json());
    assert_eq!(
        (f["rows"], f["valid"], f["accepted"], f["failed"]),
        (120, 120, 120, 0)
    );
    assert_eq!((f["sent"], f["requests"], f["retries"]), (0, 0, 0));
    assert_eq!(w.sb.stats().ingest_requests, requests, "nothing was sent");
    assert_eq!(
        statuses(&read_result_report(&report)),
        BTreeMap::from([("accepted".into(), 120)])
    );

    let history = w.history();
    assert_eq!(history.len(), 2, "one line per upload: {history:?}");
    for h in &history {
        assert_eq!(h["object_type"], OBJECT);
        assert_eq!(h["file"], file.display().to_string());
        assert_eq!(h["rows"], 120);
        assert_eq!(h["accepted"], 120);
        assert_eq!(h["outcome"], "completed");
        assert_eq!(h["journal_path"], journal.display().to_string());
        assert_eq!(h["report_path"], report.display().to_string());
    }
    assert_eq!(history[0]["sent"], 120);
    assert_eq!(history[1]["sent"], 0);
}

/// A mapping that sends the `Mã lạ` column as the custom timestamp
/// `customFieldTimestamp01`: our checks let its dates in the first weeks of 1970
/// pass (real dates), the sandbox refuses them as epoch seconds.
fn mapping_with_a_strange_code(file: &Path, out: &Path) {
    let loaded = read_file(file, &ReadOptions::default()).unwrap();
    let mut m = auto_mapping(loaded.table.headers(), schema::find(OBJECT).unwrap()).unwrap();
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
    std::fs::write(out, m.to_json()).unwrap();
}

#[test]
fn rows_the_server_refuses_end_in_exit_3_and_are_reported() {
    let w = World::new(Vec::new());
    let file = w.path("kh.csv");
    let refused = [3usize, 17, 42, 59];
    write_customers(&file, 60, &refused);
    // One row without a key: invalid, never sent; exit 3 still wins over 1.
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(",Không mã,0911111111,\n");
    std::fs::write(&file, text).unwrap();
    let mapping = w.path("map.json");
    mapping_with_a_strange_code(&file, &mapping);
    let report = w.path("result.csv");

    let mut cmd = w.upload(&file, &["--json", "--mapping"]);
    cmd.arg(&mapping).arg("--report").arg(&report);
    let ran = run_captured(&mut cmd, RUN);
    assert_eq!(ran.code, Some(3), "{ran:?}");
    let f = figures(&ran.json());
    assert_eq!(
        (
            f["rows"],
            f["valid"],
            f["invalid"],
            f["accepted"],
            f["failed"]
        ),
        (61, 60, 1, 56, 4),
        "{}",
        ran.stdout
    );

    let refused_rows: Vec<u32> = refused.iter().map(|&i| i as u32 + 2).collect();
    let report = read_result_report(&report);
    assert_eq!(report.len(), 61);
    for (row, key, status, reason) in &report {
        if refused_rows.contains(row) {
            assert_eq!(status, "rejected", "row {row}");
            assert_eq!(key, &format!("KH{:05}", row - 2));
            assert!(
                reason.contains("customFieldTimestamp01") && reason.contains("epoch seconds"),
                "row {row}: the server's reason, got {reason:?}"
            );
        } else if *row == 62 {
            assert_eq!(status, "invalid", "row {row}");
            assert!(!reason.is_empty());
        } else {
            assert_eq!(
                (status.as_str(), reason.as_str()),
                ("accepted", ""),
                "row {row}"
            );
        }
    }
    for row in &refused_rows {
        assert!(
            ran.stderr.contains(&format!("row {row}:")),
            "stderr names refused row {row}:\n{}",
            ran.stderr
        );
    }
    let stored = w.sb.records(OBJECT);
    assert_eq!(stored.len(), 56);
    for i in refused {
        assert!(!stored.contains_key(&format!("KH{i:05}")));
    }
    let history = w.history();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["failed"], 4);
    assert_eq!(history[0]["invalid"], 1);
    assert_eq!(history[0]["outcome"], "finished with rows not accepted");
}

#[test]
fn ctrl_c_cancels_with_exit_3_and_a_rerun_completes() {
    let w = World::new(per_second(5));
    let file = w.path("kh.csv");
    write_customers(&file, 1000, &[]);
    let journal = w.path("kh.journal");
    let report = w.path("result.csv");
    let cmd = || {
        let mut c = w.upload(&file, &["--auto-map", "--json", "--journal"]);
        c.arg(&journal).arg("--report").arg(&report);
        c
    };

    let mut child = spawn_captured(&mut cmd());
    let pid = child.id();
    assert!(
        wait_until(RUN, || catches_sigint(pid)),
        "the CLI never handles Ctrl-C"
    );
    wait_for_progress(&w, &mut child, 100);
    let sent_int = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent_int.success());
    let ran = finish(child, RUN);
    assert_eq!(ran.code, Some(3), "{ran:?}");
    let j = ran.json();
    assert_eq!(j["cancelled"], true, "{j}");
    let f = figures(&j);
    assert_eq!(f["rows"], 1000);
    assert!(f["accepted"] >= 100 && f["accepted"] < 1000, "{j}");
    assert_eq!(f["accepted"] + f["failed"], 1000, "{j}");
    // What was in flight at the cancel finished; nothing was stored beyond it.
    assert_eq!(w.keys_stored() as u64, f["accepted"]);

    let rows = read_result_report(&report);
    let counts = statuses(&rows);
    assert_eq!(counts["accepted"] as u64, f["accepted"], "{counts:?}");
    assert_eq!(counts["not sent"] as u64, f["failed"], "{counts:?}");
    assert_eq!(counts.len(), 2, "{counts:?}");
    let not_sent = rows.iter().find(|r| r.2 == "not sent").unwrap();
    assert!(not_sent.3.contains("cancel"), "{not_sent:?}");

    let again = run_captured(&mut cmd(), RUN);
    assert_eq!(again.code, Some(0), "{again:?}");
    let f2 = figures(&again.json());
    assert_eq!((f2["accepted"], f2["failed"]), (1000, 0));
    assert!(f2["sent"] >= 1000 - f["accepted"]);
    assert_eq!(
        w.sb.records(OBJECT)
            .keys()
            .cloned()
            .collect::<BTreeSet<_>>(),
        keys(1000)
    );
    // A cancel loses nothing and sends nothing twice.
    let stats = w.sb.stats();
    assert!(stats.writes_per_key.values().all(|&n| n == 1));
    assert_eq!(stats.entries_stored, 1000);
    assert_eq!(
        statuses(&read_result_report(&report)),
        BTreeMap::from([("accepted".into(), 1000)])
    );

    let history = w.history();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0]["outcome"], "cancelled");
    assert_eq!(history[1]["outcome"], "completed");
    assert_secret_free(&ran, &[&w.account.api_key]);
    assert_secret_free(&again, &[&w.account.api_key]);
}

/// The exit-2 contract: exit 2, `{"error": {"message": …}}` as the only stdout with
/// `--json`, and the same message on stderr.
fn error_message(ran: &Ran) -> String {
    assert_eq!(ran.code, Some(2), "{ran:?}");
    let j = ran.json();
    let message = j["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message: {j}"))
        .to_string();
    assert!(
        ran.stderr.contains(&format!("error: {message}")),
        "stderr has the message:\n{}",
        ran.stderr
    );
    message
}

#[test]
fn a_wrong_api_key_is_exit_2_and_never_printed() {
    let w = World::new(Vec::new());
    let file = w.path("kh.csv");
    write_customers(&file, 30, &[]);
    let report = w.path("result.csv");
    let wrong = unique_secret("wrong-k3y-");
    let mut cmd = w.upload(&file, &["--auto-map", "--json", "--report"]);
    cmd.arg(&report).env("PANGO_API_KEY", &wrong);
    let ran = run_captured(&mut cmd, RUN);
    let message = error_message(&ran);
    assert!(
        message.contains("API key was not accepted"),
        "the message says the key was not accepted: {message}"
    );
    assert_secret_free(&ran, &[&wrong, &w.account.api_key]);
    let stats = w.sb.stats();
    assert!(stats.auth_requests >= 1);
    assert_eq!(stats.ingest_requests, 0);
    // The report still says what became of each row.
    let rows = read_result_report(&report);
    assert_eq!(statuses(&rows), BTreeMap::from([("not sent".into(), 30)]));
    // Each row says why: the login was refused, not a cancel nobody made.
    assert!(
        rows.iter()
            .all(|r| r.3.contains("not accepted") && !r.3.contains("cancel")),
        "{:?}",
        rows.first()
    );
    let history = w.history();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["accepted"], 0);
    assert!(
        history[0]["outcome"]
            .as_str()
            .unwrap()
            .starts_with("stopped"),
        "{history:?}"
    );
}

#[test]
fn an_unreachable_server_is_exit_2() {
    let w = World::new(Vec::new());
    let file = w.path("kh.csv");
    write_customers(&file, 10, &[]);
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{closed}");
    let mut cmd = w.upload(&file, &["--auto-map", "--json"]);
    cmd.env("PANGO_AUTH_URL", format!("{base}/api/accounts/authen"))
        .env("PANGO_INGEST_URL", format!("{base}/dhub-i/api/v1.0/ingest"));
    let started = Instant::now();
    // Login retries a refused connection with backoff (up to ~48 s) before giving up.
    let ran = run_captured(&mut cmd, Duration::from_secs(120));
    let message = error_message(&ran);
    assert!(
        message.contains("cannot reach the server"),
        "the message says the server cannot be reached: {message} (after {:?})",
        started.elapsed()
    );
    assert_secret_free(&ran, &[&w.account.api_key]);
}

#[test]
fn plain_http_to_another_computer_is_refused_before_anything_is_sent() {
    let w = World::new(Vec::new());
    let file = w.path("kh.csv");
    write_customers(&file, 10, &[]);
    let cases = [
        (
            "PANGO_INGEST_URL",
            "http://pango.example.com/dhub-i/api/v1.0/ingest",
            "ingest URL",
        ),
        (
            "PANGO_AUTH_URL",
            "http://203.0.113.7/api/accounts/authen",
            "auth URL",
        ),
    ];
    for (var, url, what) in cases {
        let mut cmd = w.upload(&file, &["--auto-map", "--json"]);
        cmd.env(var, url);
        let ran = run_captured(&mut cmd, RUN);
        let message = error_message(&ran);
        assert!(
            message.contains(what) && message.contains("plain http://"),
            "{var}: {message}"
        );
        assert_secret_free(&ran, &[&w.account.api_key]);
    }
    // The other URL was the sandbox's: it heard nothing, not even a login.
    let stats = w.sb.stats();
    assert_eq!((stats.auth_requests, stats.ingest_requests), (0, 0));
}

#[test]
fn no_api_key_is_exit_2_and_says_what_to_do() {
    let w = World::new(Vec::new());
    let file = w.path("kh.csv");
    write_customers(&file, 10, &[]);

    // No profile saved, no key: production has no username yet.
    let mut cmd = cli_command();
    cmd.args(["upload", "--object", OBJECT, "--auto-map", "--json"])
        .arg(&file)
        .env("PANGO_IMPORTER_HOME", w.home());
    let message = error_message(&run_captured(&mut cmd, RUN));
    assert!(
        message.contains("production") && message.contains("PANGO_USERNAME"),
        "{message}"
    );

    // A saved profile for the sandbox whose key is in no keychain.
    let profile = "uptest-nokey";
    let settings = serde_json::json!({
        "profiles": [{
            "name": profile,
            "auth_url": w.sb.auth_url(),
            "ingest_url": w.sb.ingest_url(),
            "username": w.account.username,
            "cdpGKey": w.account.cdp_gkey,
        }],
        "last_profile": profile,
    });
    std::fs::create_dir_all(w.home().join("config")).unwrap();
    std::fs::write(
        w.home().join("config/settings.json"),
        serde_json::to_vec_pretty(&settings).unwrap(),
    )
    .unwrap();
    for with_flag in [false, true] {
        let mut cmd = cli_command();
        cmd.args(["upload", "--object", OBJECT, "--auto-map", "--json"])
            .arg(&file)
            .env("PANGO_IMPORTER_HOME", w.home());
        if with_flag {
            cmd.args(["--profile", profile]);
        }
        let message = error_message(&run_captured(&mut cmd, RUN));
        let keychain = pango_importer::keychain::OsKeyStore::new();
        if keychain.status().is_err() {
            assert!(
                message.contains("No system keychain is available")
                    && message.contains("PANGO_API_KEY"),
                "headless: says so plainly and how to go on: {message}"
            );
        } else {
            assert!(
                message.contains(&format!("no API key is stored for profile '{profile}'")),
                "{message}"
            );
        }
        assert!(message.contains(profile), "{message}");
    }
    let stats = w.sb.stats();
    assert_eq!((stats.auth_requests, stats.ingest_requests), (0, 0));
}

/// A machine without trusted root certificates (a minimal Linux without `ca-certificates`):
/// the sandbox over plain http still works, and an https server gets a message that says what
/// is missing and how to install it, before anything is sent. rustls reads only
/// SSL_CERT_FILE / SSL_CERT_DIR when they are set, so empty ones stand for an empty system store.
#[test]
fn no_trusted_certificates_still_uploads_to_the_sandbox_and_says_what_to_install_for_https() {
    let w = World::new(Vec::new());
    let file = w.path("kh.csv");
    write_customers(&file, 5, &[]);
    let empty_file = w.path("no-certs.pem");
    std::fs::write(&empty_file, "").unwrap();
    let empty_dir = w.path("no-certs");
    std::fs::create_dir(&empty_dir).unwrap();
    let no_certs = |cmd: &mut Command| {
        cmd.env("SSL_CERT_FILE", &empty_file)
            .env("SSL_CERT_DIR", &empty_dir);
    };

    let mut cmd = w.upload(&file, &["--auto-map", "--json"]);
    no_certs(&mut cmd);
    let ran = run_captured(&mut cmd, RUN);
    assert_eq!(
        ran.code,
        Some(0),
        "the sandbox (plain http) needs no certificates: {ran:?}"
    );
    assert_eq!(w.sb.stats().ingest_requests, 1);

    let mut cmd = w.upload(&file, &["--auto-map", "--json"]);
    no_certs(&mut cmd);
    cmd.env("PANGO_AUTH_URL", "https://127.0.0.1:9/api/accounts/authen")
        .env(
            "PANGO_INGEST_URL",
            "https://127.0.0.1:9/dhub-i/api/v1.0/ingest",
        );
    let ran = run_captured(&mut cmd, RUN);
    let message = error_message(&ran);
    assert!(
        message.contains("no trusted root certificates") && message.contains("ca-certificates"),
        "{message}"
    );
    assert_secret_free(&ran, &[&w.account.api_key]);
}
