//! The upload job: batches of valid entries sent by a few workers on a background
//! runtime, within the rate limits, with the token renewed before it expires,
//! transient failures retried with backoff and jitter, refused batches split to
//! isolate the entries the server refuses, and every accepted batch journalled.
//! `run.rs` starts a job and turns its end into a summary.

mod batch;
mod run;

use batch::Batch;
pub use run::start;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value as Json;

use super::envelope::Envelope;
use super::events::{JobState, RowOutcome, Snapshot, Summary, UploadEvent};
use super::journal::{Journal, entry_hash};
use super::limiter::{DEFAULT_MARGIN, DOCUMENTED_LIMITS, Limiter, RateWindow};
use super::payload_out::PayloadSink;
use crate::api::{Client, Credentials, LoginError, Outcome, Token};
use crate::mapping::Plan;
use crate::payload::{MAX_BATCH, entry};
use crate::source::Table;
use crate::validate::{RowState, Validation};

/// How to upload.
#[derive(Clone, Debug)]
pub struct UploadConfig {
    /// Entries a request, 1–50.
    pub batch_size: usize,
    /// Requests in flight at once.
    pub concurrency: usize,
    pub limits: Vec<RateWindow>,
    pub margin: f64,
    /// The envelope's `source` (blank: the mapping's, else `PangoImporter`).
    pub source: String,
    pub init_data: bool,
    /// Attempts for a batch that meets transient failures (5xx, timeouts, resets).
    pub max_attempts: u32,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// Rate-limited answers tolerated for one batch before giving up on it.
    pub max_rate_limited: u32,
    /// Where to write each request body as it is first sent (`--payload-out`).
    pub payload_out: Option<PayloadSink>,
}

impl UploadConfig {
    /// The envelope the requests of an upload of `plan` carry.
    pub fn envelope(&self, plan: &Plan) -> Envelope {
        Envelope::new(plan, &self.source, self.init_data)
    }
}

impl Default for UploadConfig {
    fn default() -> Self {
        Self {
            batch_size: MAX_BATCH,
            concurrency: 4,
            limits: DOCUMENTED_LIMITS.to_vec(),
            margin: DEFAULT_MARGIN,
            source: crate::mapping::DEFAULT_SOURCE.to_string(),
            init_data: false,
            max_attempts: 8,
            backoff_base: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            max_rate_limited: 100,
            payload_out: None,
        }
    }
}

/// Pause, resume and cancel, shared between the handle and the workers.
#[derive(Debug, Default)]
struct Control {
    paused: AtomicBool,
    cancelled: AtomicBool,
    wake: tokio::sync::Notify,
}

/// A running upload: poll its events, pause, resume or cancel it.
#[derive(Debug)]
pub struct UploadHandle {
    control: Arc<Control>,
    events: Receiver<UploadEvent>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl UploadHandle {
    pub fn pause(&self) {
        self.control.paused.store(true, Ordering::SeqCst);
        self.control.wake.notify_waiters();
    }

    pub fn resume(&self) {
        self.control.paused.store(false, Ordering::SeqCst);
        self.control.wake.notify_waiters();
    }

    /// Stops sending: batches in flight finish (so their outcome is known), the rest
    /// are reported as not sent.
    pub fn cancel(&self) {
        self.control.cancelled.store(true, Ordering::SeqCst);
        self.control.wake.notify_waiters();
    }

    pub fn is_paused(&self) -> bool {
        self.control.paused.load(Ordering::SeqCst)
    }

    /// Events so far, without waiting (for a UI that polls each frame).
    pub fn poll(&self) -> Vec<UploadEvent> {
        self.events.try_iter().collect()
    }

    /// The next event, waiting up to `timeout`.
    pub fn next_event(&self, timeout: Duration) -> Option<UploadEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Waits for the end and returns the summary.
    pub fn wait(mut self) -> Summary {
        let mut summary = None;
        for ev in self.events.iter() {
            if let UploadEvent::Finished(s) = ev {
                summary = Some(*s);
            }
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        summary.expect("an upload always finishes with a summary")
    }
}

impl Drop for UploadHandle {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.cancel();
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum UnitState {
    Pending,
    Accepted,
    Rejected(String),
    NotSent(String),
}

#[derive(Default)]
struct Queue {
    batches: VecDeque<Batch>,
    in_flight: usize,
}

struct Shared {
    table: Arc<Table>,
    v: Arc<Validation>,
    client: Client,
    creds: Credentials,
    cfg: UploadConfig,
    envelope: Envelope,
    control: Arc<Control>,
    events: Mutex<Sender<UploadEvent>>,
    limiter: Mutex<Limiter>,
    token: tokio::sync::Mutex<Option<Token>>,
    queue: Mutex<Queue>,
    units: Mutex<Vec<UnitState>>,
    journal: Option<Mutex<Journal>>,
    /// Per unit: identical rows folded into it (sent with it).
    folded: Vec<usize>,
    fatal: Mutex<Option<String>>,
    started: Instant,
    rows_to_send: usize,
    state: AtomicU8,
    requests: AtomicU64,
    retries: AtomicU64,
    sent: AtomicU64,
    accepted_rows: AtomicU64,
    rejected_rows: AtomicU64,
    not_sent_rows: AtomicU64,
    seed: AtomicU64,
}

const STATES: [JobState; 8] = [
    JobState::LoggingIn,
    JobState::Sending,
    JobState::WaitingForLimit,
    JobState::Retrying,
    JobState::RenewingLogin,
    JobState::Paused,
    JobState::Cancelling,
    JobState::Finished,
];

impl Shared {
    fn emit(&self, ev: UploadEvent) {
        let _ = self.events.lock().expect("events").send(ev);
    }

    fn set_state(&self, s: JobState) {
        let i = STATES.iter().position(|x| *x == s).unwrap_or(0) as u8;
        self.state.store(i, Ordering::Relaxed);
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            state: Some(STATES[self.state.load(Ordering::Relaxed) as usize]),
            rows_to_send: self.rows_to_send,
            accepted_rows: self.accepted_rows.load(Ordering::Relaxed) as usize,
            rejected_rows: self.rejected_rows.load(Ordering::Relaxed) as usize,
            not_sent_rows: self.not_sent_rows.load(Ordering::Relaxed) as usize,
            requests: self.requests.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
            sent: self.sent.load(Ordering::Relaxed),
            elapsed: self.started.elapsed(),
        }
    }

    /// Why nothing more is sent: the fatal error if there is one, else the cancel.
    fn stop_reason(&self) -> String {
        match self.fatal.lock().expect("fatal").as_ref() {
            Some(f) => format!("not sent: {f}"),
            None => "cancelled before it was sent".into(),
        }
    }

    /// Whether a fault (not the user) stopped the upload.
    fn stopped_by_fault(&self) -> bool {
        self.fatal.lock().expect("fatal").is_some()
    }

    fn cancelled(&self) -> bool {
        self.control.cancelled.load(Ordering::SeqCst) || self.fatal.lock().expect("fatal").is_some()
    }

    /// Rows a unit stands for (its lines plus identical rows folded into it).
    fn unit_rows(&self, u: u32) -> usize {
        self.v.units.rows(u as usize).len() + self.folded.get(u as usize).copied().unwrap_or(0)
    }

    fn settle(&self, units: &[u32], state: UnitState) {
        let rows: usize = units.iter().map(|&u| self.unit_rows(u)).sum();
        let counter = match &state {
            UnitState::Accepted => &self.accepted_rows,
            UnitState::Rejected(_) => &self.rejected_rows,
            _ => &self.not_sent_rows,
        };
        counter.fetch_add(rows as u64, Ordering::Relaxed);
        let mut all = self.units.lock().expect("units");
        for &u in units {
            all[u as usize] = state.clone();
        }
    }

    fn jitter(&self) -> f64 {
        // splitmix64: good enough to spread retries.
        let mut z = self
            .seed
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        0.5 + (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.cfg.backoff_base.as_secs_f64() * 2f64.powi(attempt.saturating_sub(1) as i32);
        Duration::from_secs_f64(exp.min(self.cfg.backoff_max.as_secs_f64()) * self.jitter())
    }

    /// Sleeps, waking early on cancel. Returns false if cancelled.
    async fn sleep(&self, d: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + d;
        loop {
            if self.cancelled() {
                return false;
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return true;
            }
            let step = (deadline - now).min(Duration::from_millis(100));
            tokio::select! {
                _ = tokio::time::sleep(step) => {}
                _ = self.control.wake.notified() => {}
            }
        }
    }

    /// A token valid for a send now: logs in (again) within the renewal margin.
    async fn token(&self) -> Result<Token, LoginError> {
        let mut guard = self.token.lock().await;
        if let Some(t) = guard.as_ref()
            && !t.needs_renewal(Instant::now())
        {
            return Ok(t.clone());
        }
        let renewing = guard.is_some();
        self.set_state(if renewing {
            JobState::RenewingLogin
        } else {
            JobState::LoggingIn
        });
        // A first login that cannot reach the server fails fast (the user may have
        // the wrong URL or no network); a renewal mid-upload rides out a blip.
        let login_attempts = if renewing {
            self.cfg.max_attempts
        } else {
            self.cfg.max_attempts.min(3)
        };
        let mut attempt = 0;
        let token = loop {
            attempt += 1;
            match self.client.login(&self.creds).await {
                Ok(t) => break t,
                Err(e @ (LoginError::Unreachable { .. } | LoginError::Timeout(_)))
                | Err(e @ LoginError::Server { .. })
                    if attempt < login_attempts =>
                {
                    let delay = self.backoff(attempt);
                    self.emit(UploadEvent::Retrying {
                        attempt,
                        delay,
                        reason: e.to_string(),
                    });
                    if !self.sleep(delay).await {
                        return Err(LoginError::Refused("cancelled".into()));
                    }
                }
                Err(e) => return Err(e),
            }
        };
        *guard = Some(token.clone());
        self.set_state(JobState::Sending);
        self.emit(if renewing {
            UploadEvent::TokenRenewed
        } else {
            UploadEvent::LoggedIn
        });
        Ok(token)
    }

    /// Forgets `token` after a 401 (unless another worker already renewed it).
    async fn forget_token(&self, token: &Token) {
        let mut guard = self.token.lock().await;
        if guard.as_ref().is_some_and(|t| t.value == token.value) {
            *guard = None;
        }
    }

    fn fail(&self, message: String) {
        let mut f = self.fatal.lock().expect("fatal");
        if f.is_none() {
            *f = Some(message);
        }
        self.control.wake.notify_waiters();
    }
}

/// Settles a refused batch: its rows are rejected with Pango's reason, reported once.
fn reject(s: &Shared, units: &[u32], reason: String) {
    let rows = units
        .iter()
        .flat_map(|&u| s.v.units.rows(u as usize).iter())
        .map(|&r| s.table.row_number(r as usize))
        .collect();
    s.settle(units, UnitState::Rejected(reason.clone()));
    s.emit(UploadEvent::Rejected { rows, reason });
}

/// Sends one batch until it is settled. Returns halves to send when the server
/// refused the batch for its entries and it has more than one entry.
async fn send_batch(s: &Shared, batch: Batch) -> Vec<Batch> {
    let units = &batch.units;
    let entries: Vec<Json> = units
        .iter()
        .map(|&u| Json::Object(entry(&s.table, &s.v, u as usize)))
        .collect();
    let hashes: Vec<u64> = entries
        .iter()
        .map(|e| entry_hash(&serde_json::to_vec(e).expect("JSON")))
        .collect();
    let body = serde_json::to_vec(&s.envelope.body(entries)).expect("JSON");
    let (mut transient, mut limited, mut reauthorised, mut first) = (0u32, 0u32, false, true);
    loop {
        if s.cancelled() {
            s.settle(units, UnitState::NotSent(s.stop_reason()));
            return Vec::new();
        }
        // Log in first (it can take a while), then wait for a send slot, then make
        // sure the token is still good for the send (design.md §4).
        let token = match s.token().await {
            Ok(t) => t,
            Err(_) if s.cancelled() => continue,
            Err(e) => {
                s.fail(format!("cannot log in to Pango: {e}"));
                continue;
            }
        };
        let slot = s.limiter.lock().expect("limiter").reserve(Instant::now());
        // Never send before the reserved slot, however short the wait.
        let wait = slot.saturating_duration_since(Instant::now());
        if !wait.is_zero() {
            if wait > Duration::from_millis(50) {
                s.set_state(JobState::WaitingForLimit);
            }
            if !s.sleep(wait).await {
                continue;
            }
        }
        // The server may have said to wait while this worker slept: every worker
        // honours it, not only the one that was told (design.md §4).
        if s.limiter
            .lock()
            .expect("limiter")
            .paused_at(Instant::now())
            .is_some()
        {
            continue;
        }
        if token.needs_renewal(Instant::now()) {
            // The wait took us into the renewal margin: the next loop logs in again
            // and takes a new slot (this one stays used, which only slows us a little).
            continue;
        }
        s.set_state(JobState::Sending);
        if !first {
            s.retries.fetch_add(1, Ordering::Relaxed);
        }
        if first
            && let Some(out) = &s.cfg.payload_out
            && let Err(e) = out.write(&body)
        {
            s.fail(format!("cannot write the payload file: {e}"));
            continue;
        }
        first = false;
        s.requests.fetch_add(1, Ordering::Relaxed);
        s.sent.fetch_add(units.len() as u64, Ordering::Relaxed);
        match s
            .client
            .ingest(&token, &s.creds, body.clone(), s.cfg.init_data)
            .await
        {
            Outcome::Accepted => {
                s.limiter.lock().expect("limiter").accepted();
                if let Some(j) = &s.journal
                    && let Err(e) = j.lock().expect("journal").record(&hashes)
                {
                    s.fail(e.to_string());
                }
                s.settle(units, UnitState::Accepted);
                let rows = units.iter().map(|&u| s.unit_rows(u)).sum();
                s.emit(UploadEvent::BatchAccepted {
                    entries: units.len(),
                    rows,
                });
                return Vec::new();
            }
            Outcome::Rejected {
                message,
                error_code,
                status,
                envelope,
            } => {
                let reason = match &error_code {
                    Some(code) => format!("{code}: {message}"),
                    None => format!("HTTP {status}: {message}"),
                };
                // The upload was already stopped (most likely for this very cause, by a
                // batch in flight beside this one): these entries were not judged on
                // their own, so they are not sent rather than refused.
                if s.stopped_by_fault() {
                    s.settle(units, UnitState::NotSent(s.stop_reason()));
                    return Vec::new();
                }
                let refusal = (status, error_code, message);
                // Our reading (README): a refusal naming an envelope setting, or the
                // very same refusal for a batch and both its halves, does not depend on
                // the entries: no more splitting, nothing more sent. No entry was
                // refused for itself: the rows are not sent, and the cause is told
                // once, as the reason the upload stopped.
                if envelope || batch.both_halves_refused_alike(&refusal) {
                    s.fail(format!(
                        "Pango refused the request itself, whatever its entries ({reason}); nothing more was sent"
                    ));
                    s.settle(units, UnitState::NotSent(s.stop_reason()));
                    return Vec::new();
                }
                if units.len() > 1 {
                    return batch.halves(refusal);
                }
                reject(s, units, reason);
                return Vec::new();
            }
            Outcome::Redirected { status, to } => {
                s.fail(format!(
                    "the ingest URL answered with a redirect (HTTP {status}) to {to}; it was not followed (only a 307 or 308 to the same address is): check the ingest URL in the profile or PANGO_INGEST_URL"
                ));
                continue;
            }
            Outcome::WrongEndpoint { status, message } => {
                s.fail(format!(
                    "the ingest URL answered HTTP {status} ({message}): check the URL in the profile or PANGO_INGEST_URL"
                ));
                continue;
            }
            Outcome::Unauthorized { status, message } => {
                if reauthorised {
                    s.fail(format!(
                        "Pango refused the login token twice (HTTP {status}: {message}); check the API key and organisation key"
                    ));
                    continue;
                }
                reauthorised = true;
                s.forget_token(&token).await;
            }
            Outcome::RateLimited { retry_after } => {
                limited += 1;
                s.limiter
                    .lock()
                    .expect("limiter")
                    .server_limited(Instant::now() + retry_after);
                s.emit(UploadEvent::RateLimited { wait: retry_after });
                if limited > s.cfg.max_rate_limited {
                    s.settle(
                        units,
                        UnitState::NotSent("the server kept asking to wait".into()),
                    );
                    return Vec::new();
                }
            }
            Outcome::Transient { reason } => {
                transient += 1;
                if transient >= s.cfg.max_attempts {
                    s.settle(
                        units,
                        UnitState::NotSent(format!("gave up after {transient} attempts: {reason}")),
                    );
                    return Vec::new();
                }
                let delay = s.backoff(transient);
                s.set_state(JobState::Retrying);
                s.emit(UploadEvent::Retrying {
                    attempt: transient,
                    delay,
                    reason,
                });
                s.sleep(delay).await;
            }
        }
    }
}

async fn worker(s: Arc<Shared>) {
    loop {
        while s.control.paused.load(Ordering::SeqCst) && !s.cancelled() {
            s.set_state(JobState::Paused);
            let _ =
                tokio::time::timeout(Duration::from_millis(200), s.control.wake.notified()).await;
        }
        let next = {
            let mut q = s.queue.lock().expect("queue");
            match q.batches.pop_front() {
                Some(b) => {
                    q.in_flight += 1;
                    Some(b)
                }
                None if q.in_flight == 0 => return,
                None => None,
            }
        };
        let Some(batch) = next else {
            let _ =
                tokio::time::timeout(Duration::from_millis(50), s.control.wake.notified()).await;
            continue;
        };
        let halves = if s.cancelled() {
            s.settle(&batch.units, UnitState::NotSent(s.stop_reason()));
            Vec::new()
        } else {
            send_batch(&s, batch).await
        };
        {
            let mut q = s.queue.lock().expect("queue");
            // Halves go to the back: a batch's two halves are both tried before either
            // is split again, so a refusal that does not depend on the entries is seen
            // after three requests, not after a walk down to one entry.
            q.batches.extend(halves);
            q.in_flight -= 1;
        }
        s.control.wake.notify_waiters();
        s.emit(UploadEvent::Progress(s.snapshot()));
    }
}
