//! Starting a job on its own thread and runtime, and its end: every row's outcome.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value as Json;

use super::*;

/// Starts uploading the valid rows of `v` on a background thread with its own
/// runtime. With a journal, entries it records as accepted are not sent again.
pub fn start(
    table: Arc<Table>,
    v: Arc<Validation>,
    client: Client,
    creds: Credentials,
    cfg: UploadConfig,
    journal: Option<Journal>,
) -> UploadHandle {
    let (tx, rx) = channel();
    let control = Arc::new(Control::default());
    let worker_control = control.clone();
    let thread = std::thread::Builder::new()
        .name("pango-upload".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build();
            match rt {
                Ok(rt) => rt.block_on(run(
                    table,
                    v,
                    client,
                    creds,
                    cfg,
                    journal,
                    worker_control,
                    tx,
                )),
                Err(e) => {
                    let _ = tx.send(UploadEvent::Finished(Box::new(Summary {
                        rows: v.rows(),
                        valid: v.valid,
                        invalid: v.invalid,
                        sent: 0,
                        accepted: 0,
                        failed: v.valid,
                        requests: 0,
                        retries: 0,
                        elapsed: Duration::ZERO,
                        cancelled: false,
                        fatal: Some(format!("cannot start the upload: {e}")),
                        outcomes: v
                            .states
                            .iter()
                            .map(|st| match st {
                                RowState::Invalid => RowOutcome::Invalid,
                                _ => RowOutcome::NotSent("the upload could not start".into()),
                            })
                            .collect(),
                    })));
                }
            }
        })
        .expect("a thread for the upload");
    UploadHandle {
        control,
        events: rx,
        thread: Some(thread),
    }
}

#[allow(clippy::too_many_arguments)]
async fn run(
    table: Arc<Table>,
    v: Arc<Validation>,
    client: Client,
    creds: Credentials,
    cfg: UploadConfig,
    journal: Option<Journal>,
    control: Arc<Control>,
    tx: Sender<UploadEvent>,
) {
    let n_units = v.units.len();
    let mut unit_of = vec![u32::MAX; table.len()];
    for u in 0..n_units {
        for &r in v.units.rows(u) {
            unit_of[r as usize] = u as u32;
        }
    }
    let mut folded = vec![0usize; n_units];
    for (r, st) in v.states.iter().enumerate() {
        if let RowState::DuplicateOf(of) = st {
            let u = unit_of[*of as usize];
            if u != u32::MAX {
                folded[u as usize] += 1;
                unit_of[r] = u;
            }
        }
    }
    let rows_of = |u: usize| v.units.rows(u).len() + folded[u];
    let mut states = vec![UnitState::Pending; n_units];
    let mut already = 0usize;
    if let Some(j) = journal.as_ref().filter(|j| !j.is_empty()) {
        for (u, state) in states.iter_mut().enumerate() {
            let e = Json::Object(entry(&table, &v, u));
            if j.contains(entry_hash(&serde_json::to_vec(&e).expect("JSON"))) {
                *state = UnitState::Accepted;
                already += rows_of(u);
            }
        }
    }
    let todo: Vec<u32> = (0..n_units as u32)
        .filter(|&u| states[u as usize] == UnitState::Pending)
        .collect();
    let rows_to_send: usize = todo.iter().map(|&u| rows_of(u as usize)).sum();
    let size = cfg.batch_size.clamp(1, MAX_BATCH);
    let queue = Queue {
        batches: todo.chunks(size).map(|c| Batch::new(c.to_vec())).collect(),
        in_flight: 0,
    };
    let _ = tx.send(UploadEvent::Started {
        rows_to_send,
        entries: todo.len(),
        already_accepted_rows: already,
    });
    let limiter = Limiter::new(
        if cfg.limits.is_empty() {
            &[]
        } else {
            &cfg.limits
        },
        cfg.margin,
    );
    let concurrency = cfg.concurrency.max(1);
    let envelope = cfg.envelope(&v.plan);
    let bad_envelope = envelope.check(&v.plan).err();
    let shared = Arc::new(Shared {
        table: table.clone(),
        v: v.clone(),
        client,
        creds,
        cfg,
        envelope,
        control: control.clone(),
        events: Mutex::new(tx.clone()),
        limiter: Mutex::new(limiter),
        token: tokio::sync::Mutex::new(None),
        queue: Mutex::new(queue),
        units: Mutex::new(states),
        journal: journal.map(Mutex::new),
        folded,
        fatal: Mutex::new(None),
        started: Instant::now(),
        rows_to_send,
        state: AtomicU8::new(0),
        requests: AtomicU64::new(0),
        retries: AtomicU64::new(0),
        sent: AtomicU64::new(0),
        accepted_rows: AtomicU64::new(0),
        rejected_rows: AtomicU64::new(0),
        not_sent_rows: AtomicU64::new(0),
        seed: AtomicU64::new(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(7),
        ),
    });
    if let Some(e) = bad_envelope {
        shared.fail(e.to_string());
    }
    let done = Arc::new(AtomicBool::new(false));
    let monitor = tokio::spawn(monitor(shared.clone(), done.clone()));
    let workers: Vec<_> = (0..concurrency)
        .map(|_| tokio::spawn(worker(shared.clone())))
        .collect();
    for w in workers {
        let _ = w.await;
    }
    done.store(true, Ordering::SeqCst);
    let _ = monitor.await;
    shared.set_state(JobState::Finished);
    let fatal = shared.fatal.lock().expect("fatal").clone();
    let units = shared.units.lock().expect("units").clone();
    let outcomes: Vec<RowOutcome> = v
        .states
        .iter()
        .enumerate()
        .map(|(r, st)| {
            if *st == RowState::Invalid {
                return RowOutcome::Invalid;
            }
            match units.get(unit_of[r] as usize) {
                Some(UnitState::Accepted) => RowOutcome::Accepted,
                Some(UnitState::Rejected(m)) => RowOutcome::Rejected(m.clone()),
                Some(UnitState::NotSent(m)) => RowOutcome::NotSent(m.clone()),
                _ => RowOutcome::NotSent(
                    fatal
                        .clone()
                        .map(|f| format!("not sent: {f}"))
                        .unwrap_or_else(|| "cancelled before it was sent".into()),
                ),
            }
        })
        .collect();
    let accepted = outcomes
        .iter()
        .filter(|o| **o == RowOutcome::Accepted)
        .count();
    let failed = outcomes
        .iter()
        .filter(|o| matches!(o, RowOutcome::Rejected(_) | RowOutcome::NotSent(_)))
        .count();
    let summary = Summary {
        rows: v.rows(),
        valid: v.valid,
        invalid: v.invalid,
        sent: shared.sent.load(Ordering::Relaxed),
        accepted,
        failed,
        requests: shared.requests.load(Ordering::Relaxed),
        retries: shared.retries.load(Ordering::Relaxed),
        elapsed: shared.started.elapsed(),
        cancelled: control.cancelled.load(Ordering::SeqCst),
        fatal,
        outcomes,
    };
    let _ = tx.send(UploadEvent::Progress(shared.snapshot()));
    let _ = tx.send(UploadEvent::Finished(Box::new(summary)));
}

/// Reports pause/resume/cancel as they happen, and progress twice a second (so a
/// front end's rate and ETA move while the job waits).
async fn monitor(s: Arc<Shared>, done: Arc<AtomicBool>) {
    let (mut paused, mut cancelled) = (false, false);
    let mut tick = 0u32;
    while !done.load(Ordering::SeqCst) {
        let p = s.control.paused.load(Ordering::SeqCst);
        if p != paused {
            paused = p;
            s.emit(if p {
                UploadEvent::Paused
            } else {
                UploadEvent::Resumed
            });
        }
        if !cancelled && s.control.cancelled.load(Ordering::SeqCst) {
            cancelled = true;
            s.set_state(JobState::Cancelling);
            s.emit(UploadEvent::Cancelling);
        }
        tick += 1;
        if tick.is_multiple_of(5) {
            s.emit(UploadEvent::Progress(s.snapshot()));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
