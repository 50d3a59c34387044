//! The sandbox server over real HTTP on 127.0.0.1.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

use pango_importer::sandbox::{
    Account, FaultKind, Faults, RETRY_AFTER_HEADER, RateLimit, Sandbox, SandboxConfig, Stats,
    sample_entry,
};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

fn client() -> Client {
    pango_importer::api::install_tls_provider();
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn start(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).expect("sandbox starts")
}

fn no_limits() -> SandboxConfig {
    SandboxConfig {
        limits: Vec::new(),
        ..SandboxConfig::default()
    }
}

fn faulty(kinds: &[FaultKind], rate: f64, seed: u64) -> SandboxConfig {
    SandboxConfig {
        faults: Faults {
            rate,
            kinds: kinds.to_vec(),
            seed,
            slow: Duration::from_millis(300),
        },
        ..no_limits()
    }
}

fn demo_login() -> Value {
    let demo = Account::demo();
    json!({"username": demo.username, "apiKey": demo.api_key, "cdpGKey": demo.cdp_gkey})
}

async fn post_json(c: &Client, url: &str, body: &Value) -> (StatusCode, Value) {
    let response = c.post(url).json(body).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn login(c: &Client, sb: &Sandbox) -> String {
    let (status, body) = post_json(c, &sb.auth_url(), &demo_login()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["token"].as_str().unwrap().to_owned()
}

fn customer(id: &str, name: &str) -> Value {
    json!({"customerId": id, "phone": "0912345678", "fullName": name})
}

fn batch(entries: Vec<Value>) -> Value {
    json!({"objectType": "customer-identity", "source": "Test", "entries": entries})
}

async fn send(
    c: &Client,
    url: &str,
    token: &str,
    body: &Value,
) -> reqwest::Result<reqwest::Response> {
    c.post(url)
        .header("TOKEN", token)
        .header("API_KEY", Account::demo().api_key)
        .json(body)
        .send()
        .await
}

async fn ingest(c: &Client, sb: &Sandbox, token: &str, body: &Value) -> (StatusCode, Value) {
    let response = send(c, &sb.ingest_url(), token, body).await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn login_answers_the_documented_shape() {
    let sb = start(no_limits());
    let c = client();
    let (status, body) = post_json(&c, &sb.auth_url(), &demo_login()).await;
    assert_eq!(status, StatusCode::OK);
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "expiredAt",
            "success",
            "expiredAfter",
            "issuedAt",
            "token",
            "status"
        ]
    );
    assert_eq!(body["success"], true);
    assert_eq!(body["status"], "authenticated");
    assert_eq!(body["expiredAfter"], 1800);
    let issued = body["issuedAt"].as_u64().unwrap();
    assert_eq!(body["expiredAt"].as_u64().unwrap() - issued, 1_800_000);
    assert!(issued > 1_600_000_000_000, "milliseconds: {issued}");
    let again = login(&c, &sb).await;
    assert_ne!(body["token"].as_str().unwrap(), again);
    assert_eq!(sb.stats().auth_requests, 2);
}

#[tokio::test]
async fn login_errors_have_the_documented_bodies() {
    let sb = start(no_limits());
    let c = client();
    let required = json!({"success": false, "errorCode": "MISSING_INFO", "message": "Username and ApiKey are required"});
    let org = json!({"success": false, "errorCode": "MISSING_INFO", "message": "Organization Context is not set"});
    let wrong = json!({"success": false, "errorCode": "INVALID_CREDENTIALS", "message": "Username or ApiKey is incorrect"});
    let with = |key: &str, value: Value| {
        let mut body = demo_login();
        body[key] = value;
        body
    };
    let without = |key: &str| {
        let mut body = demo_login();
        body.as_object_mut().unwrap().remove(key);
        body
    };
    let cases = [
        (without("username"), 400, &required),
        (with("apiKey", json!("")), 400, &required),
        (without("apiKey"), 400, &required),
        (without("cdpGKey"), 400, &org),
        (
            with("cdpGKey", json!("ffffffffffffffffffffffffffffffff")),
            400,
            &org,
        ),
        (with("apiKey", json!("not-the-key")), 401, &wrong),
        (with("username", json!("someone")), 401, &wrong),
    ];
    for (body, status, expected) in cases {
        let (got_status, got) = post_json(&c, &sb.auth_url(), &body).await;
        assert_eq!((got_status.as_u16(), &got), (status, expected), "{body}");
    }
    let response = c
        .post(sb.auth_url())
        .body("username=demo")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn ingest_stores_by_key_and_upserts() {
    let sb = start(no_limits());
    let c = client();
    let token = login(&c, &sb).await;
    let first = batch(vec![customer("C1", "An"), customer("C2", "Bình")]);
    let (status, body) = ingest(&c, &sb, &token, &first).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["success"], true);
    assert!(body["requestId"].as_str().is_some_and(|id| !id.is_empty()));
    let url = format!("{}?initData=true", sb.ingest_url());
    let again = batch(vec![customer("C1", "An Nguyễn")]);
    let response = send(&c, &url, &token, &again).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let records = sb.records("customer-identity");
    assert_eq!(records.keys().collect::<Vec<_>>(), ["C1", "C2"]);
    assert_eq!(records["C1"]["fullName"], "An Nguyễn");
    let stats = sb.stats();
    let key = |k: &str| ("customer-identity".to_owned(), k.to_owned());
    assert_eq!(stats.writes_per_key[&key("C1")], 2);
    assert_eq!(stats.writes_per_key[&key("C2")], 1);
    assert_eq!((stats.accepted_batches, stats.entries_stored), (2, 3));

    // A two-part key.
    let model = json!({"objectType": "custom-model", "source": "T",
        "entries": [{"momCode": "M-1", "refId": "R1", "customFieldLongs": {"customFieldLong01": 5}}]});
    assert_eq!(ingest(&c, &sb, &token, &model).await.0, StatusCode::OK);
    assert!(sb.records("custom-model").contains_key("M-1 / R1"));

    let bad_query = format!("{}?initData=yes", sb.ingest_url());
    let response = send(&c, &bad_query, &token, &first).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_object_type_accepts_its_sample() {
    let sb = start(no_limits());
    let c = client();
    let token = login(&c, &sb).await;
    for ty in pango_importer::schema::all() {
        let entries: Vec<Value> = (0..3)
            .map(|i| sample_entry(ty.name, &format!("K{i}")).unwrap())
            .collect();
        let body = json!({"objectType": ty.name, "source": "T", "entries": entries});
        let (status, answer) = ingest(&c, &sb, &token, &body).await;
        assert_eq!(status, StatusCode::OK, "{}: {answer}", ty.name);
        assert_eq!(sb.records(ty.name).len(), 3, "{}", ty.name);
    }
}

#[tokio::test]
async fn ingest_without_good_credentials_is_401() {
    let sb = start(no_limits());
    let c = client();
    let token = login(&c, &sb).await;
    let body = batch(vec![customer("C1", "An")]);
    let key = Account::demo().api_key;
    let requests = [
        c.post(sb.ingest_url()).header("API_KEY", &key),
        c.post(sb.ingest_url()).header("TOKEN", &token),
        c.post(sb.ingest_url())
            .header("TOKEN", "made-up")
            .header("API_KEY", &key),
        c.post(sb.ingest_url())
            .header("TOKEN", &token)
            .header("API_KEY", "other-key"),
    ];
    for request in requests {
        let response = request.json(&body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["success"], false);
        assert_eq!(answer["errorCode"], "UNAUTHORIZED");
    }
    // Header names are case-insensitive.
    let response = c
        .post(sb.ingest_url())
        .header("token", &token)
        .header("api_key", &key)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let stats = sb.stats();
    assert_eq!((stats.unauthorized, stats.entries_stored), (4, 1));
}

#[tokio::test]
async fn an_expired_token_is_401() {
    let sb = start(SandboxConfig {
        token_lifetime: Duration::from_secs(1),
        ..no_limits()
    });
    let c = client();
    let (_, answer) = post_json(&c, &sb.auth_url(), &demo_login()).await;
    assert_eq!(answer["expiredAfter"], 1);
    let token = answer["token"].as_str().unwrap();
    let body = batch(vec![customer("C1", "An")]);
    assert_eq!(ingest(&c, &sb, token, &body).await.0, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, answer) = ingest(&c, &sb, token, &body).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["message"], "Token expired");
    let fresh = login(&c, &sb).await;
    assert_eq!(ingest(&c, &sb, &fresh, &body).await.0, StatusCode::OK);
}

#[tokio::test]
async fn envelope_errors_are_400() {
    let sb = start(no_limits());
    let c = client();
    let token = login(&c, &sb).await;
    let mut body = batch(vec![customer("C1", "An")]);
    body["objectType"] = json!("shoe");
    assert_eq!(
        ingest(&c, &sb, &token, &body).await,
        (
            StatusCode::BAD_REQUEST,
            json!({"success": false, "errorCode": "MISSING_INFO", "message": "Invalid value of: objectType"})
        )
    );
    for n in [0, 51] {
        let entries = (0..n).map(|i| customer(&format!("C{i}"), "A")).collect();
        let (status, answer) = ingest(&c, &sb, &token, &batch(entries)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{n}");
        let keys: Vec<&str> = answer
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["success", "requestId", "errorCode", "message"]);
        assert_eq!(answer["errorCode"], "MISSING_INFO");
    }
    let response = c
        .post(sb.ingest_url())
        .header("TOKEN", &token)
        .header("API_KEY", Account::demo().api_key)
        .header("Content-Type", "text/plain")
        .body(batch(vec![customer("C1", "An")]).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(sb.records("customer-identity").is_empty());
    assert_eq!(sb.stats().rejected_batches, 3);
}

/// Makes one entry bad.
type Breaker = fn(&mut Value);

#[tokio::test]
async fn one_bad_entry_refuses_the_whole_batch() {
    let sb = start(no_limits());
    let c = client();
    let token = login(&c, &sb).await;
    let breakers: [(&str, Breaker); 4] = [
        ("phone", |e| e["phone"] = json!(912345678)),
        ("dob", |e| e["dob"] = json!("1990-01-01")),
        ("customerId", |e| {
            e.as_object_mut().unwrap().remove("customerId");
        }),
        ("favouriteColour", |e| e["favouriteColour"] = json!("blue")),
    ];
    for (field, breaker) in breakers {
        let mut entries: Vec<Value> = (0..5).map(|i| customer(&format!("C{i}"), "A")).collect();
        breaker(&mut entries[3]);
        let (status, answer) = ingest(&c, &sb, &token, &batch(entries)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field}");
        assert_eq!(answer["errorCode"], "INVALID_DATA", "{answer}");
        let message = answer["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("entries[3].{field}")),
            "{message}"
        );
    }
    assert!(sb.records("customer-identity").is_empty());
    let stats = sb.stats();
    assert_eq!((stats.entries_stored, stats.rejected_batches), (0, 4));
}

#[tokio::test]
async fn rate_limits_refuse_bursts_and_never_admit_too_many() {
    let short = RateLimit {
        max: 5,
        window: Duration::from_millis(200),
    };
    let long = RateLimit {
        max: 20,
        window: Duration::from_secs(1),
    };
    let sb = start(SandboxConfig {
        limits: vec![short, long],
        ..SandboxConfig::default()
    });
    let c = client();
    let token = login(&c, &sb).await;
    let body = batch(vec![customer("C1", "An")]);

    // A burst of 30 at once: at most 5 get in.
    let key = Account::demo().api_key;
    let burst = (0..30).map(|_| {
        c.post(sb.ingest_url())
            .header("TOKEN", &token)
            .header("API_KEY", &key)
            .json(&body)
            .send()
    });
    let answers = futures_join(burst).await;
    let mut ok = 0;
    let mut waits = Vec::new();
    for response in answers {
        let response = response.unwrap();
        match response.status() {
            StatusCode::OK => ok += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                let header = response.headers()[RETRY_AFTER_HEADER]
                    .to_str()
                    .unwrap()
                    .to_owned();
                let secs: f64 = header.parse().unwrap();
                assert!(secs > 0.0 && secs <= 1.0, "{header}");
                let answer: Value = response.json().await.unwrap();
                assert_eq!(answer["errorCode"], "RATE_LIMITED");
                waits.push(secs);
            }
            other => panic!("unexpected {other}"),
        }
    }
    // Normally exactly 5; a loaded machine may spread the burst over more than
    // 200 ms, but never past the long window's 20.
    assert!((1..=20).contains(&ok), "{ok}");
    assert!(waits.len() >= 10, "{}", waits.len());

    // Then a greedy client that honours Retry-After for about 1.2 s.
    let until = Instant::now() + Duration::from_millis(1200);
    while Instant::now() < until {
        let response = send(&c, &sb.ingest_url(), &token, &body).await.unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            let secs: f64 = response.headers()[RETRY_AFTER_HEADER]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            tokio::time::sleep(Duration::from_secs_f64(secs)).await;
        }
    }
    let stats = sb.stats();
    assert!(Stats::max_in_window(&stats.admitted, short.window) <= 5);
    assert!(Stats::max_in_window(&stats.admitted, long.window) <= 20);
    // The long window filled up: 20 got in within the first second.
    assert!(stats.admitted.len() >= 20, "{}", stats.admitted.len());
    assert_eq!(stats.admitted.len() as u64, stats.accepted_batches);
    assert_eq!(stats.arrivals.len() as u64, stats.ingest_requests);
    assert_eq!(
        stats.ingest_requests - stats.accepted_batches,
        stats.rate_limited
    );
}

/// Runs futures concurrently (no `futures` crate needed).
async fn futures_join<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

async fn statuses(sb: &Sandbox, n: usize) -> Vec<u16> {
    let c = client();
    let token = login(&c, sb).await;
    let mut out = Vec::new();
    for i in 0..n {
        let body = batch(vec![customer(&format!("C{i}"), "A")]);
        out.push(
            send(&c, &sb.ingest_url(), &token, &body)
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    out
}

#[tokio::test]
async fn faults_follow_the_seed() {
    use FaultKind::*;
    let kinds = [Status500, Status502, Status503, StoredThen500];
    let a = start(faulty(&kinds, 0.5, 99));
    let b = start(faulty(&kinds, 0.5, 99));
    let first = statuses(&a, 24).await;
    assert_eq!(first, statuses(&b, 24).await);
    assert_eq!(first, plan_statuses(&faulty(&kinds, 0.5, 99), 24));
    assert!(
        first.contains(&200) && first.iter().any(|&s| s >= 500),
        "{first:?}"
    );
    let stats = a.stats();
    let faults = first.iter().filter(|&&s| s != 200).count() as u64;
    assert_eq!(stats.faults_injected, faults);
    // Stored-then-500 stored its batch; the other faults did not.
    let plan = faulty(&kinds, 0.5, 99).faults.plan(24);
    let stored: BTreeSet<String> = a.records("customer-identity").into_keys().collect();
    for (i, fault) in plan.iter().enumerate() {
        let expect = matches!(fault, None | Some(StoredThen500));
        assert_eq!(stored.contains(&format!("C{i}")), expect, "{i}: {fault:?}");
    }
}

/// The statuses a fault plan gives for valid batches.
fn plan_statuses(config: &SandboxConfig, n: usize) -> Vec<u16> {
    config
        .faults
        .plan(n)
        .into_iter()
        .map(|f| match f {
            None | Some(FaultKind::Slow) => 200,
            Some(FaultKind::Status502) => 502,
            Some(FaultKind::Status503) => 503,
            Some(_) => 500,
        })
        .collect()
}

#[tokio::test]
async fn a_dropped_connection_is_an_error_not_a_status() {
    let sb = start(faulty(&[FaultKind::Drop], 1.0, 1));
    let c = client();
    let token = login(&c, &sb).await;
    let result = send(
        &c,
        &sb.ingest_url(),
        &token,
        &batch(vec![customer("C1", "A")]),
    )
    .await;
    let err = result.expect_err("no answer");
    assert!(!err.is_status() && err.status().is_none(), "{err:?}");
    // The server carries on.
    login(&c, &sb).await;
    let stats = sb.stats();
    assert_eq!((stats.faults_injected, stats.entries_stored), (1, 0));
}

#[tokio::test]
async fn stored_then_500_stores_and_slow_answers_late() {
    let sb = start(faulty(&[FaultKind::StoredThen500], 1.0, 1));
    let c = client();
    let token = login(&c, &sb).await;
    let (status, answer) = ingest(&c, &sb, &token, &batch(vec![customer("C1", "A")])).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(answer["success"], false);
    assert!(sb.records("customer-identity").contains_key("C1"));

    let slow = start(faulty(&[FaultKind::Slow], 1.0, 1));
    let token = login(&c, &slow).await;
    let t0 = Instant::now();
    let (status, _) = ingest(&c, &slow, &token, &batch(vec![customer("C1", "A")])).await;
    assert_eq!(status, StatusCode::OK);
    assert!(t0.elapsed() >= Duration::from_millis(300));
    assert!(slow.records("customer-identity").contains_key("C1"));
}

#[tokio::test]
async fn the_data_dir_holds_what_was_received_and_no_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        data_dir: Some(dir.path().join("pango")),
        ..no_limits()
    };
    let sb = start(config.clone());
    let c = client();
    let token = login(&c, &sb).await;
    let body = batch(vec![customer("C1", "An"), customer("C2", "Bình")]);
    assert_eq!(ingest(&c, &sb, &token, &body).await.0, StatusCode::OK);
    assert_eq!(
        ingest(&c, &sb, &token, &batch(vec![customer("C1", "Ân")]))
            .await
            .0,
        StatusCode::OK
    );
    sb.shutdown();

    let journal =
        std::fs::read_to_string(dir.path().join("pango/customer-identity.jsonl")).unwrap();
    let lines: Vec<Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l["receivedAt"].as_u64().is_some()));
    assert_eq!(lines[2]["key"], "C1");
    let current = std::fs::read_to_string(dir.path().join("pango/customer-identity.json")).unwrap();
    let current: Value = serde_json::from_str(&current).unwrap();
    assert_eq!(current["C1"]["fullName"], "Ân");
    assert_eq!(current["C2"]["fullName"], "Bình");
    for entry in std::fs::read_dir(dir.path().join("pango")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains(&Account::demo().api_key));
        assert!(!text.contains(&token));
    }
    // A new sandbox on the same directory remembers.
    let again = start(config);
    assert_eq!(again.records("customer-identity").len(), 2);
}

#[tokio::test]
async fn it_listens_on_loopback_only() {
    let sb = start(no_limits());
    let shown = format!("{sb:?}");
    assert!(shown.contains("127.0.0.1") && !shown.contains(&Account::demo().api_key));
    assert!(sb.addr().ip().is_loopback());
    assert!(sb.base_url().starts_with("http://127.0.0.1:"));
    assert!(sb.auth_url().ends_with("/api/accounts/authen"));
    assert!(sb.ingest_url().ends_with("/dhub-i/api/v1.0/ingest"));
    // From another address of this machine (if it has one) the port is closed.
    if let Some(ip) = outward_ip() {
        let addr = std::net::SocketAddr::new(ip, sb.addr().port());
        assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err());
    }
    // The port is taken.
    let port = sb.addr().port();
    assert!(
        Sandbox::start(SandboxConfig {
            port,
            ..no_limits()
        })
        .is_err()
    );
    let c = client();
    assert_eq!(
        c.get(sb.ingest_url()).send().await.unwrap().status(),
        StatusCode::METHOD_NOT_ALLOWED
    );
    let response = c
        .post(format!("{}/nope", sb.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// This machine's address towards the outside, if any (no packet is sent).
fn outward_ip() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("10.255.255.255:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn it_runs_from_plain_sync_code() {
    let sb = start(no_limits());
    let mut stream = std::net::TcpStream::connect(sb.addr()).unwrap();
    let body = demo_login().to_string();
    write!(
        stream,
        "POST /api/accounts/authen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"status\":\"authenticated\""));
    sb.shutdown();
}

#[tokio::test]
async fn shutdown_lets_in_flight_requests_finish() {
    let sb = start(faulty(&[FaultKind::Slow], 1.0, 1));
    let c = client();
    let token = login(&c, &sb).await;
    let request = c
        .post(sb.ingest_url())
        .header("TOKEN", &token)
        .header("API_KEY", Account::demo().api_key)
        .json(&batch(vec![customer("C1", "A")]))
        .send();
    let in_flight = tokio::spawn(request);
    // Wait until the server has the request (it is then sleeping 300 ms).
    while sb.stats().faults_injected == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let url = sb.auth_url();
    tokio::task::spawn_blocking(move || sb.shutdown())
        .await
        .unwrap();
    let response = in_flight.await.unwrap().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // Closed now.
    assert!(c.post(url).json(&demo_login()).send().await.is_err());
}

#[tokio::test]
async fn a_retrying_client_gets_everything_stored_under_mixed_faults() {
    let mut config = faulty(&FaultKind::ALL, 0.3, 5);
    config.faults.slow = Duration::from_millis(50);
    let sb = start(config);
    let c = client();
    let token = login(&c, &sb).await;
    let mut tasks = Vec::new();
    for worker in 0..4 {
        let (c, token, url) = (c.clone(), token.clone(), sb.ingest_url());
        tasks.push(tokio::spawn(async move {
            for i in 0..10 {
                let body = batch(vec![customer(&format!("W{worker}-{i}"), "A")]);
                loop {
                    match send(&c, &url, &token, &body).await {
                        Ok(r) if r.status() == StatusCode::OK => break,
                        Ok(r) => assert!(r.status().is_server_error(), "{}", r.status()),
                        Err(_) => {}
                    }
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let stats = sb.stats();
    assert_eq!(sb.records("customer-identity").len(), 40);
    assert_eq!(stats.writes_per_key.len(), 40);
    assert!(stats.faults_injected > 0);
    let writes: u32 = stats.writes_per_key.values().sum();
    assert_eq!(u64::from(writes), stats.entries_stored);
}
