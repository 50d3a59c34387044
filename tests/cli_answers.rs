//! `pango-importer-cli upload` against answers the docs leave open (design.md §4):
//! 200 bodies without `success`, the retry-after header on every answer, a refusal of
//! the whole envelope, redirects, a login token without `success: true`; and what an
//! upload writes and keeps: `--payload-out` at send time, a journal tied to its
//! destination and settings, no empty envelope settings, upserts that keep fields.
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Ran, cli_command, run_captured, unique_secret, write_customers};
use pango_importer::mapping::{Mapping, auto_mapping};
use pango_importer::sandbox::{Account, AnswerStyle, Sandbox, SandboxConfig};
use pango_importer::schema;
use pango_importer::source::{ReadOptions, read_file};
use serde_json::Value;

const OBJECT: &str = "customer-identity";
const RUN: Duration = Duration::from_secs(60);

fn account() -> Account {
    Account {
        username: "uploader@acme.vn".into(),
        api_key: unique_secret("k3y-"),
        cdp_gkey: "e7402a2f14aaaaa27488373a60355e0c".into(),
    }
}

fn sandbox(account: &Account, edit: impl FnOnce(&mut SandboxConfig)) -> Sandbox {
    let mut config = SandboxConfig {
        accounts: vec![account.clone()],
        limits: Vec::new(),
        ..SandboxConfig::default()
    };
    edit(&mut config);
    Sandbox::start(config).expect("the sandbox starts")
}

/// `upload FILE --object customer-identity ARGS…` against `auth` and `ingest`.
fn upload(dir: &Path, account: &Account, auth: &str, ingest: &str, file: &Path) -> Command {
    let mut c = cli_command();
    c.arg("upload")
        .arg(file)
        .args(["--object", OBJECT, "--json"])
        .env("PANGO_IMPORTER_HOME", dir.join("home"))
        .env("PANGO_AUTH_URL", auth)
        .env("PANGO_INGEST_URL", ingest)
        .env("PANGO_USERNAME", &account.username)
        .env("PANGO_API_KEY", &account.api_key)
        .env("PANGO_CDP_GKEY", &account.cdp_gkey);
    c
}

fn to(sb: &Sandbox, dir: &Path, account: &Account, file: &Path) -> Command {
    upload(dir, account, &sb.auth_url(), &sb.ingest_url(), file)
}

fn n(j: &Value, key: &str) -> u64 {
    j[key]
        .as_u64()
        .unwrap_or_else(|| panic!("no number {key}: {j}"))
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn auto_map(file: &Path) -> Mapping {
    let loaded = read_file(file, &ReadOptions::default()).unwrap();
    auto_mapping(loaded.table.headers(), schema::find(OBJECT).unwrap()).unwrap()
}

fn write_mapping(path: &Path, m: &Mapping) -> PathBuf {
    std::fs::write(path, m.to_json()).unwrap();
    path.to_path_buf()
}

#[test]
fn every_answer_style_stores_each_row_once_with_one_request_a_batch() {
    for style in [
        AnswerStyle::Plain,
        AnswerStyle::HeaderAlways,
        AnswerStyle::NoSuccess,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let account = account();
        let sb = sandbox(&account, |c| c.answer_style = style);
        let file = dir.path().join("kh.csv");
        write_customers(&file, 120, &[]);
        let ran = run_captured(to(&sb, dir.path(), &account, &file).arg("--auto-map"), RUN);
        assert_eq!(ran.code, Some(0), "{style:?}: {ran:?}");
        let j = ran.json();
        assert_eq!(
            (n(&j, "accepted"), n(&j, "failed"), n(&j, "retries")),
            (120, 0, 0),
            "{style:?}: {j}"
        );
        // 3 batches of 50: 3 requests, no retries, no bisecting.
        assert_eq!(n(&j, "requests"), 3, "{style:?}: {j}");
        let stats = sb.stats();
        assert_eq!(stats.ingest_requests, 3, "{style:?}");
        assert_eq!(sb.records(OBJECT).len(), 120, "{style:?}");
        assert!(
            stats.writes_per_key.values().all(|w| *w == 1),
            "{style:?}: a row was stored twice"
        );
    }
}

#[test]
fn a_refusal_that_does_not_depend_on_the_entries_stops_the_upload_at_once() {
    for (message, most) in [
        // The same answer for a batch and both its halves: 3 requests a batch at most.
        ("This organization may not ingest data", 3 + 2),
        // An answer about the envelope: no splitting at all.
        ("Invalid value of: source", 1),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let account = account();
        let sb = sandbox(&account, |c| c.refuse_all = Some(message.into()));
        let file = dir.path().join("kh.csv");
        write_customers(&file, 120, &[]);
        let report = dir.path().join("result.csv");
        let ran = run_captured(
            to(&sb, dir.path(), &account, &file)
                .args(["--auto-map", "--concurrency", "1", "--report"])
                .arg(&report),
            RUN,
        );
        assert_eq!(ran.code, Some(3), "{message}: {ran:?}");
        let j = ran.json();
        assert_eq!((n(&j, "accepted"), n(&j, "failed")), (0, 120), "{j}");
        assert!(
            n(&j, "requests") <= most,
            "{message}: {} requests",
            n(&j, "requests")
        );
        assert_eq!(sb.stats().ingest_requests, n(&j, "requests"));
        assert!(
            j["error"].as_str().is_some_and(|e| e.contains(message)),
            "{j}"
        );
        assert_eq!(
            ran.stderr.matches(message).count(),
            1,
            "reported once:\n{}",
            ran.stderr
        );
        let rows = common::read_result_report(&report);
        assert!(rows.iter().all(|r| r.3.contains(message)), "{rows:?}");
    }
}

#[test]
fn with_batches_in_flight_a_refusal_of_the_request_itself_is_reported_once_and_no_row_rejected() {
    for message in [
        "This organization may not ingest data",
        "Invalid value of: source",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let account = account();
        let sb = sandbox(&account, |c| c.refuse_all = Some(message.into()));
        let file = dir.path().join("kh.csv");
        // 8 batches of 50 with the default concurrency (4): several in flight at once.
        write_customers(&file, 400, &[]);
        let report = dir.path().join("result.csv");
        let ran = run_captured(
            to(&sb, dir.path(), &account, &file)
                .args(["--auto-map", "--report"])
                .arg(&report),
            RUN,
        );
        assert_eq!(ran.code, Some(3), "{message}: {ran:?}");
        let j = ran.json();
        assert_eq!((n(&j, "accepted"), n(&j, "failed")), (0, 400), "{j}");
        assert!(
            j["error"].as_str().is_some_and(|e| e.contains(message)),
            "{j}"
        );
        assert_eq!(
            ran.stderr.matches(message).count(),
            1,
            "{message}: reported once:\n{}",
            ran.stderr
        );
        assert!(!ran.stderr.contains("Refused by Pango"), "{}", ran.stderr);
        let rows = common::read_result_report(&report);
        assert_eq!(rows.len(), 400);
        assert!(
            rows.iter()
                .all(|r| r.2 == "not sent" && r.3.contains(message)),
            "{message}: {:?}",
            rows.iter()
                .find(|r| r.2 != "not sent" || !r.3.contains(message))
        );
    }
}

#[test]
fn a_2xx_whose_body_is_cut_off_is_stored_and_not_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let account = account();
    let sb = sandbox(&account, |_| {});
    let (tx, rx) = std::sync::mpsc::channel();
    // Promises 1000 bytes, sends a few, closes.
    let ingest = serve(
        |_| {
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{\"succ".to_string()
        },
        tx,
    );
    let file = dir.path().join("kh.csv");
    write_customers(&file, 10, &[]);
    let ran = run_captured(
        upload(dir.path(), &account, &sb.auth_url(), &ingest, &file).arg("--auto-map"),
        RUN,
    );
    assert_eq!(ran.code, Some(0), "{ran:?}");
    let j = ran.json();
    assert_eq!(
        (n(&j, "accepted"), n(&j, "failed"), n(&j, "requests")),
        (10, 0, 1),
        "{j}"
    );
    assert_eq!(rx.try_iter().count(), 1, "sent once");
}

#[test]
fn a_login_redirect_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let account = account();
    let elsewhere = sandbox(&account, |_| {});
    let sb = sandbox(&account, |c| c.login_redirect = Some(elsewhere.auth_url()));
    let file = dir.path().join("kh.csv");
    write_customers(&file, 10, &[]);
    let ran = run_captured(to(&sb, dir.path(), &account, &file).arg("--auto-map"), RUN);
    assert_eq!(ran.code, Some(2), "{ran:?}");
    let message = ran.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("redirect") && message.contains("PANGO_AUTH_URL"),
        "{message}"
    );
    assert_eq!(
        elsewhere.stats().auth_requests,
        0,
        "the API key went elsewhere"
    );
    assert!(!ran.stderr.contains(&account.api_key));
}

#[test]
fn an_ingest_redirect_to_another_origin_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let account = account();
    let elsewhere = sandbox(&account, |_| {});
    let sb = sandbox(&account, |c| {
        c.ingest_redirect = Some(elsewhere.ingest_url())
    });
    let file = dir.path().join("kh.csv");
    write_customers(&file, 10, &[]);
    let ran = run_captured(to(&sb, dir.path(), &account, &file).arg("--auto-map"), RUN);
    assert_eq!(ran.code, Some(3), "{ran:?}");
    let j = ran.json();
    let error = j["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("redirect") && error.contains("PANGO_INGEST_URL"),
        "{j}"
    );
    assert!(
        error.contains(&elsewhere.base_url()),
        "names where: {error}"
    );
    assert_eq!(
        elsewhere.stats().ingest_requests,
        0,
        "the token went elsewhere"
    );
}

/// A server that reads each request (head and body) and answers what `answer` makes of
/// its request line; every request line is sent on `seen`.
fn serve(
    answer: impl Fn(&str) -> String + Send + 'static,
    seen: std::sync::mpsc::Sender<String>,
) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            while let Ok(k) = s.read(&mut chunk) {
                if k == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..k]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let len = text[..end]
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("content-length")
                                .then(|| v.trim().parse::<usize>().ok())?
                        })
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len {
                        break;
                    }
                }
            }
            let text = String::from_utf8_lossy(&buf).to_string();
            let line = text.lines().next().unwrap_or_default().to_string();
            let _ = seen.send(line.clone());
            let _ = s.write_all(answer(&line).as_bytes());
        }
    });
    format!("http://{addr}/ingest")
}

#[test]
fn an_ingest_redirect_is_followed_only_as_a_307_or_308_to_the_same_origin() {
    for status in [301u16, 302, 303, 307, 308] {
        let dir = tempfile::tempdir().unwrap();
        let account = account();
        let sb = sandbox(&account, |_| {});
        let (tx, rx) = std::sync::mpsc::channel();
        // POST /ingest → `status` to /stored (same origin); anything at /stored → 200.
        let ingest = serve(
            move |line| {
                if line.contains(" /ingest") {
                    format!(
                        "HTTP/1.1 {status} Moved\r\nLocation: /stored\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    )
                } else {
                    let body = r#"{"success":true}"#;
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    )
                }
            },
            tx,
        );
        let file = dir.path().join("kh.csv");
        write_customers(&file, 10, &[]);
        let ran = run_captured(
            upload(dir.path(), &account, &sb.auth_url(), &ingest, &file).arg("--auto-map"),
            RUN,
        );
        let lines: Vec<String> = rx.try_iter().collect();
        let j = ran.json();
        if matches!(status, 307 | 308) {
            assert_eq!(ran.code, Some(0), "{status}: {ran:?}");
            assert_eq!(n(&j, "accepted"), 10, "{status}: {j}");
            assert!(
                lines.iter().any(|l| l.starts_with("POST /stored")),
                "{status}: {lines:?}"
            );
        } else {
            // Followed, the POST would become a GET without its body, and its 200
            // would be taken for a stored batch.
            assert_eq!(ran.code, Some(3), "{status}: {ran:?}");
            assert_eq!(
                (n(&j, "accepted"), n(&j, "failed")),
                (0, 10),
                "{status}: {j}"
            );
            let error = j["error"].as_str().unwrap_or_default();
            assert!(
                error.contains("redirect") && error.contains("PANGO_INGEST_URL"),
                "{status}: {j}"
            );
            assert!(
                !lines.iter().any(|l| l.contains("/stored")),
                "{status}: followed: {lines:?}"
            );
        }
    }
}

/// A server that answers every request with 200 and `body` (a login answer that is
/// not a documented one).
fn answer_always(body: String) -> String {
    let (seen, _) = std::sync::mpsc::channel();
    let url = serve(
        move |_| {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        },
        seen,
    );
    url.replace("/ingest", "/api/accounts/authen")
}

#[test]
fn a_login_token_without_success_true_is_refused_and_never_shown() {
    let token = unique_secret("t0ken");
    for body in [
        format!(r#"{{"token":"{token}","expiredAfter":1800}}"#),
        format!(r#"{{"success":false,"token":"{token}"}}"#),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let account = account();
        let url = answer_always(body.clone());
        let file = dir.path().join("kh.csv");
        write_customers(&file, 5, &[]);
        let report = dir.path().join("result.csv");
        let ran: Ran = run_captured(
            upload(dir.path(), &account, &url, &url, &file)
                .args(["--auto-map", "--report"])
                .arg(&report),
            RUN,
        );
        assert_eq!(ran.code, Some(2), "{body}: {ran:?}");
        let message = ran.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains("success"), "{message}");
        assert!(
            !ran.stdout.contains(&token) && !ran.stderr.contains(&token),
            "the token was printed: {ran:?}"
        );
        for f in common::files_under(dir.path()) {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            assert!(!text.contains(&token), "{} holds the token", f.display());
        }
    }
}

/// A login answer whose token is not a string (or whose other fields have a wrong type) is
/// refused without quoting it: serde's own message would name the value it could not read.
#[test]
fn a_login_answer_of_the_wrong_shape_never_quotes_its_values() {
    let secret = "987654321987654321";
    for body in [
        format!(r#"{{"success":true,"token":{secret},"expiredAfter":1800}}"#),
        format!(r#"{{"success":true,"token":"{secret}","expiredAfter":"{secret}"}}"#),
        format!(r#"{{"success":"{secret}","token":"x"}}"#),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let account = account();
        let url = answer_always(body.clone());
        let file = dir.path().join("kh.csv");
        write_customers(&file, 5, &[]);
        let ran: Ran = run_captured(
            upload(dir.path(), &account, &url, &url, &file).arg("--auto-map"),
            RUN,
        );
        assert_eq!(ran.code, Some(2), "{body}: {ran:?}");
        assert!(
            !ran.stdout.contains(secret) && !ran.stderr.contains(secret),
            "{body}: a value of the answer was printed: {ran:?}"
        );
    }
}

#[test]
fn payload_out_holds_each_body_as_it_was_sent() {
    let dir = tempfile::tempdir().unwrap();
    let account = account();
    let sb = sandbox(&account, |_| {});
    let file = dir.path().join("kh.csv");
    write_customers(&file, 120, &[]);
    let journal = dir.path().join("kh.journal");
    let out = dir.path().join("sent.jsonl");
    // A first run sends the first 40 rows only (a file cut short), through the journal.
    let first = dir.path().join("first.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    let head: Vec<&str> = text.lines().take(41).collect();
    std::fs::write(&first, head.join("\n") + "\n").unwrap();
    let m = write_mapping(&dir.path().join("map.json"), &auto_map(&file));
    let ran = run_captured(
        to(&sb, dir.path(), &account, &first)
            .arg("--mapping")
            .arg(&m)
            .arg("--journal")
            .arg(&journal),
        RUN,
    );
    assert_eq!(ran.code, Some(0), "{ran:?}");
    // The whole file with the same journal: only the 80 other rows go, in 2 requests.
    let ran = run_captured(
        to(&sb, dir.path(), &account, &file)
            .arg("--mapping")
            .arg(&m)
            .arg("--journal")
            .arg(&journal)
            .arg("--payload-out")
            .arg(&out),
        RUN,
    );
    assert_eq!(ran.code, Some(0), "{ran:?}");
    let j = ran.json();
    let bodies = lines(&out);
    assert_eq!(bodies.len() as u64, n(&j, "requests"), "{j}");
    // Two requests in flight at once: the lines are in the order they were sent.
    let mut sent: Vec<&str> = bodies
        .iter()
        .flat_map(|b| b["entries"].as_array().unwrap())
        .map(|e| e["customerId"].as_str().unwrap())
        .collect();
    sent.sort();
    let expected: Vec<String> = (40..120).map(|i| format!("KH{i:05}")).collect();
    assert_eq!(sent, expected);
    assert_eq!(sb.stats().writes_per_key.len(), 120);
    assert!(sb.stats().writes_per_key.values().all(|w| *w == 1));
}

#[test]
fn a_journal_of_another_destination_or_settings_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let account = account();
    let a = sandbox(&account, |_| {});
    let b = sandbox(&account, |_| {});
    let file = dir.path().join("kh.csv");
    write_customers(&file, 30, &[]);
    let journal = dir.path().join("kh.journal");
    let ran = run_captured(
        to(&a, dir.path(), &account, &file)
            .arg("--auto-map")
            .arg("--journal")
            .arg(&journal),
        RUN,
    );
    assert_eq!(ran.code, Some(0), "{ran:?}");
    // The same journal for another server: refused, nothing skipped, nothing sent.
    let ran = run_captured(
        to(&b, dir.path(), &account, &file)
            .arg("--auto-map")
            .arg("--journal")
            .arg(&journal),
        RUN,
    );
    assert_eq!(ran.code, Some(2), "{ran:?}");
    let message = ran.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(message.contains(&b.ingest_url()), "{message}");
    assert_eq!(b.stats().ingest_requests, 0);
    // The same server with another source: refused too.
    let ran = run_captured(
        to(&a, dir.path(), &account, &file)
            .args(["--auto-map", "--source", "CRM", "--journal"])
            .arg(&journal),
        RUN,
    );
    assert_eq!(ran.code, Some(2), "{ran:?}");
    let message = ran.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("source") && message.contains("CRM"),
        "{message}"
    );
    // An old-format journal: refused with a clear message.
    let old = dir.path().join("old.journal");
    std::fs::write(
        &old,
        "{\"journal\":1,\"object_type\":\"customer-identity\"}\n",
    )
    .unwrap();
    let ran = run_captured(
        to(&a, dir.path(), &account, &file)
            .arg("--auto-map")
            .arg("--journal")
            .arg(&old),
        RUN,
    );
    assert_eq!(ran.code, Some(2), "{ran:?}");
    assert!(ran.stderr.contains("older version"), "{}", ran.stderr);
}

#[test]
fn blank_envelope_settings_are_left_out_and_ignored_update_cfs_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let account = account();
    let sb = sandbox(&account, |_| {});
    let file = dir.path().join("kh.csv");
    write_customers(&file, 20, &[]);
    let mut m = auto_map(&file);
    m.source = Some(String::new());
    m.je_config_id = Some(String::new());
    m.je_event_key = Some(" ".into());
    let map = write_mapping(&dir.path().join("map.json"), &m);
    let out = dir.path().join("sent.jsonl");
    let ran = run_captured(
        to(&sb, dir.path(), &account, &file)
            .arg("--mapping")
            .arg(&map)
            .arg("--payload-out")
            .arg(&out),
        RUN,
    );
    assert_eq!(ran.code, Some(0), "{ran:?}");
    for body in lines(&out) {
        assert_eq!(body["source"], "PangoImporter", "{body}");
        assert!(body.get("jeConfigId").is_none(), "{body}");
        assert!(body.get("jeEventKey").is_none(), "{body}");
    }
    // ignoredUpdateCfs that the app would not allow: exit 2 naming the mapping file.
    m.ignored_update_cfs = vec!["fullName".into()];
    let map = write_mapping(&dir.path().join("map2.json"), &m);
    let before = sb.stats().ingest_requests;
    let ran = run_captured(
        to(&sb, dir.path(), &account, &file)
            .arg("--mapping")
            .arg(&map),
        RUN,
    );
    assert_eq!(ran.code, Some(2), "{ran:?}");
    assert!(
        ran.stderr.contains("map2.json") && ran.stderr.contains("ignoredUpdateCfs"),
        "{}",
        ran.stderr
    );
    assert_eq!(sb.stats().ingest_requests, before, "nothing was sent");
}

#[test]
fn an_empty_cell_never_blanks_a_stored_field() {
    let dir = tempfile::tempdir().unwrap();
    let account = account();
    let sb = sandbox(&account, |_| {});
    let first = dir.path().join("a.csv");
    std::fs::write(
        &first,
        "Mã KH,Họ tên,SĐT,Email\nKH00001,Khách 1,0912345678,\nKH00002,Khách 2,0912345679,\n",
    )
    .unwrap();
    let second = dir.path().join("b.csv");
    std::fs::write(
        &second,
        "Mã KH,Họ tên,SĐT,Email\nKH00001,Khách Một,,mot@acme.vn\n",
    )
    .unwrap();
    for file in [&first, &second] {
        let ran = run_captured(to(&sb, dir.path(), &account, file).arg("--auto-map"), RUN);
        assert_eq!(ran.code, Some(0), "{ran:?}");
    }
    let stored = sb.records(OBJECT);
    assert_eq!(stored["KH00001"]["phone"], "0912345678", "{stored:?}");
    assert_eq!(stored["KH00001"]["email"], "mot@acme.vn");
    assert_eq!(stored["KH00001"]["fullName"], "Khách Một");
    assert_eq!(stored["KH00002"]["phone"], "0912345679", "{stored:?}");
}
