//! The upload job against a destination in memory (no HTTP): the job's paths through
//! the `Destination` seam, as a second service would drive them: accepted, refused
//! entries isolated by splitting, rate limited, transient failures retried, the token
//! renewed before it expires and replaced when refused, and the stops.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pango_importer::api::Token;
use pango_importer::mapping::{auto_mapping, resolve};
use pango_importer::schema;
use pango_importer::secret::Secret;
use pango_importer::source::{ReadOptions, Table, read_file};
use pango_importer::upload::{
    Answer, Destination, DestinationFuture, Limits, LoginFailure, RateWindow, Refusal, RowOutcome,
    UploadConfig, UploadEvent, UploadSummary, start,
};
use pango_importer::validate::{Validation, validate};
use serde_json::Value as Json;

/// A service in memory: stores entries by `customerId`, refuses the ids in `refuse`,
/// gives the scripted answers first, and refuses a token past its lifetime.
#[derive(Default)]
struct Memory {
    refuse: HashSet<String>,
    script: Mutex<VecDeque<Answer>>,
    token_lifetime: Option<Duration>,
    login_refused: bool,
    logins: AtomicU32,
    sends: AtomicU32,
    expired_sends: AtomicU32,
    stored: Mutex<HashMap<String, u32>>,
}

impl Memory {
    fn judge(&self, token: &Token, body: &[u8]) -> Answer {
        if Instant::now() >= token.expires() {
            self.expired_sends.fetch_add(1, Ordering::SeqCst);
            return Answer::Unauthorized {
                stop: "Memory refused a fresh token".into(),
            };
        }
        if let Some(answer) = self.script.lock().unwrap().pop_front() {
            return answer;
        }
        let entries: Vec<Json> = serde_json::from_slice(body).unwrap();
        let ids: Vec<String> = entries
            .iter()
            .map(|e| e["customerId"].as_str().unwrap().to_string())
            .collect();
        if let Some(i) = ids.iter().position(|id| self.refuse.contains(id)) {
            return Answer::Refused(Refusal {
                status: 400,
                code: Some("BAD_ENTRY".into()),
                message: format!("entries[{i}].customerId: refused"),
                about_request: false,
                names_entry: true,
            });
        }
        let mut stored = self.stored.lock().unwrap();
        for id in ids {
            *stored.entry(id).or_default() += 1;
        }
        Answer::Accepted
    }

    fn stored(&self) -> usize {
        self.stored.lock().unwrap().len()
    }
}

/// The job holds its destination; the test keeps a look at it.
struct Shared(Arc<Memory>);

impl Destination for Shared {
    fn name(&self) -> &str {
        "Memory"
    }

    fn limits(&self) -> Limits {
        Limits {
            max_batch: 20,
            rate_windows: Vec::new(),
        }
    }

    fn request_body(&self, entries: Vec<Json>) -> Vec<u8> {
        serde_json::to_vec(&entries).unwrap()
    }

    fn log_in(&self) -> DestinationFuture<'_, Result<Token, LoginFailure>> {
        Box::pin(async move {
            let n = self.0.logins.fetch_add(1, Ordering::SeqCst);
            if self.0.login_refused {
                return Err(LoginFailure {
                    reason: "the key was not accepted".into(),
                    transient: false,
                });
            }
            Ok(Token {
                value: Secret::new(format!("token-{n}")),
                lifetime: self.0.token_lifetime.unwrap_or(Duration::from_secs(1800)),
                received: Instant::now(),
                expired_at_ms: 0,
            })
        })
    }

    fn send<'a>(&'a self, token: &'a Token, body: Vec<u8>) -> DestinationFuture<'a, Answer> {
        Box::pin(async move {
            self.0.sends.fetch_add(1, Ordering::SeqCst);
            self.0.judge(token, &body)
        })
    }
}

fn customers(n: usize) -> (Arc<Table>, Arc<Validation>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.csv");
    let rows: String = (0..n)
        .map(|i| format!("C{i:04},Customer {i},09{i:08}\n"))
        .collect();
    std::fs::write(&path, format!("Mã KH,Họ tên,SĐT\n{rows}")).unwrap();
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    let object = schema::find("customer-identity").unwrap();
    let plan = resolve(
        &auto_mapping(loaded.table.headers(), object).unwrap(),
        loaded.table.headers(),
    )
    .unwrap();
    let v = validate(&loaded.table, &plan, None).unwrap();
    assert_eq!(v.valid, n);
    (Arc::new(loaded.table), Arc::new(v))
}

fn quick() -> UploadConfig {
    UploadConfig {
        limits: Vec::new(),
        concurrency: 2,
        backoff_base: Duration::from_millis(5),
        backoff_max: Duration::from_millis(40),
        ..UploadConfig::default()
    }
}

fn upload(
    memory: &Arc<Memory>,
    rows: usize,
    cfg: UploadConfig,
) -> (UploadSummary, Vec<UploadEvent>) {
    let (t, v) = customers(rows);
    let h = start(t, v, Shared(memory.clone()), cfg, None);
    let mut events = Vec::new();
    loop {
        match h
            .next_event(Duration::from_secs(20))
            .expect("events keep coming")
        {
            UploadEvent::Finished(s) => return (*s, events),
            ev => events.push(ev),
        }
    }
}

fn count(events: &[UploadEvent], what: fn(&UploadEvent) -> bool) -> usize {
    events.iter().filter(|e| what(e)).count()
}

#[test]
fn every_entry_is_accepted_in_batches_the_destination_takes() {
    let memory = Arc::new(Memory::default());
    // 50 asked, 20 taken: the destination's limit wins.
    let (s, events) = upload(&memory, 70, quick());
    assert_eq!((s.accepted, s.failed, s.requests, s.retries), (70, 0, 4, 0));
    assert_eq!(memory.stored(), 70);
    assert_eq!(memory.logins.load(Ordering::SeqCst), 1);
    assert!(events.contains(&UploadEvent::LoggedIn));
    assert!(s.fatal.is_none());
}

#[test]
fn refused_entries_are_isolated_by_splitting_and_the_rest_accepted() {
    let memory = Arc::new(Memory {
        refuse: ["C0005".to_string(), "C0031".to_string()].into(),
        ..Memory::default()
    });
    let (s, events) = upload(&memory, 40, quick());
    assert_eq!((s.accepted, s.failed), (38, 2));
    assert_eq!(memory.stored(), 38);
    assert_eq!(
        s.outcomes[5],
        RowOutcome::Rejected("BAD_ENTRY: entries[0].customerId: refused".into())
    );
    // Each alone in its last batch, so at entries[0].
    for row in [7, 33] {
        let refused = UploadEvent::Rejected {
            rows: vec![row],
            reason: "BAD_ENTRY: entries[0].customerId: refused".into(),
        };
        assert!(
            events.contains(&refused),
            "file row {row} (the header is row 1)"
        );
    }
    assert_eq!(
        count(&events, |e| matches!(e, UploadEvent::Rejected { .. })),
        2
    );
    // Two batches of 20, each split down to its refused entry: 2 + 2·(2 + 2 + 2 + 2 + 2).
    assert!(s.requests <= 22, "{}", s.requests);
}

#[test]
fn a_wait_asked_for_is_honoured_and_the_batch_sent_again() {
    let wait = Answer::RateLimited {
        retry_after: Duration::from_millis(30),
    };
    let memory = Arc::new(Memory {
        script: Mutex::new([wait.clone(), wait].into()),
        ..Memory::default()
    });
    let started = Instant::now();
    let (s, events) = upload(&memory, 20, quick());
    assert_eq!((s.accepted, s.requests, s.retries), (20, 3, 2));
    assert!(started.elapsed() >= Duration::from_millis(60));
    assert_eq!(
        count(&events, |e| matches!(e, UploadEvent::RateLimited { .. })),
        2
    );
}

#[test]
fn transient_failures_are_retried_then_given_up_on() {
    let blip = || Answer::Transient {
        reason: "HTTP 503: busy".into(),
    };
    let memory = Arc::new(Memory {
        script: Mutex::new([blip(), blip()].into()),
        ..Memory::default()
    });
    let (s, events) = upload(&memory, 20, quick());
    assert_eq!((s.accepted, s.retries), (20, 2));
    assert_eq!(
        count(&events, |e| matches!(e, UploadEvent::Retrying { .. })),
        2
    );
    // Always failing: given up after the configured attempts, rows not sent.
    let memory = Arc::new(Memory {
        script: Mutex::new((0..3).map(|_| blip()).collect()),
        ..Memory::default()
    });
    let cfg = UploadConfig {
        max_attempts: 3,
        ..quick()
    };
    let (s, _) = upload(&memory, 20, cfg);
    assert_eq!((s.accepted, s.failed, s.requests), (0, 20, 3));
    assert_eq!(
        s.outcomes[0].clone(),
        RowOutcome::NotSent(pango_importer::upload::NotSentReason::GaveUp {
            attempts: 3,
            reason: "HTTP 503: busy".into()
        })
    );
    assert!(
        s.fatal.is_none(),
        "one batch given up on does not stop the rest"
    );
}

#[test]
fn the_token_is_renewed_before_it_expires() {
    let memory = Arc::new(Memory {
        token_lifetime: Some(Duration::from_millis(250)),
        ..Memory::default()
    });
    // One entry every 40 ms: about a second, four token lifetimes.
    let cfg = UploadConfig {
        batch_size: 1,
        concurrency: 1,
        limits: vec![RateWindow {
            max: 1,
            period: Duration::from_millis(40),
        }],
        margin: 0.0,
        ..quick()
    };
    let (s, events) = upload(&memory, 25, cfg);
    assert_eq!(s.accepted, 25);
    assert!(count(&events, |e| *e == UploadEvent::TokenRenewed) >= 2);
    assert_eq!(
        memory.expired_sends.load(Ordering::SeqCst),
        0,
        "no expired token sent"
    );
}

#[test]
fn a_refused_token_is_replaced_once_and_twice_stops_the_upload() {
    let refused = || Answer::Unauthorized {
        stop: "Memory refused a fresh token".into(),
    };
    let memory = Arc::new(Memory {
        script: Mutex::new([refused()].into()),
        ..Memory::default()
    });
    let cfg = UploadConfig {
        concurrency: 1,
        ..quick()
    };
    let (s, _) = upload(&memory, 20, cfg.clone());
    assert_eq!((s.accepted, s.failed), (20, 0));
    assert_eq!(memory.logins.load(Ordering::SeqCst), 2);

    let memory = Arc::new(Memory {
        script: Mutex::new([refused(), refused()].into()),
        ..Memory::default()
    });
    let (s, _) = upload(&memory, 20, cfg);
    let fatal = s.fatal.clone().expect("stopped");
    assert_eq!(fatal.to_string(), "Memory refused a fresh token");
    assert_eq!((s.accepted, s.failed), (0, 20));
    assert!(
        matches!(&s.outcomes[0], RowOutcome::NotSent(r) if r.to_string() == "not sent: Memory refused a fresh token")
    );
}

#[test]
fn a_refusal_of_the_request_itself_or_of_the_login_stops_with_the_services_name() {
    let memory = Arc::new(Memory {
        script: Mutex::new(
            [Answer::Refused(Refusal {
                status: 400,
                code: None,
                message: "source is not allowed".into(),
                about_request: true,
                names_entry: false,
            })]
            .into(),
        ),
        ..Memory::default()
    });
    let cfg = UploadConfig {
        concurrency: 1,
        ..quick()
    };
    let (s, _) = upload(&memory, 30, cfg.clone());
    assert_eq!(
        s.fatal.map(|f| f.to_string()).as_deref(),
        Some(
            "Memory refused the request itself, whatever its entries (HTTP 400: source is not allowed); nothing more was sent"
        )
    );
    assert_eq!((s.accepted, s.failed, s.requests), (0, 30, 1));

    let memory = Arc::new(Memory {
        login_refused: true,
        ..Memory::default()
    });
    let (s, _) = upload(&memory, 30, cfg);
    assert_eq!(
        s.fatal.map(|f| f.to_string()).as_deref(),
        Some("cannot log in to Memory: the key was not accepted")
    );
    assert_eq!((s.requests, memory.sends.load(Ordering::SeqCst)), (0, 0));
}
