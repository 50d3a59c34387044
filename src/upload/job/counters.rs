//! The running figures: what the job is doing, requests, retries, entries sent, and
//! rows accepted, refused and not sent. A progress snapshot reads them.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::super::events::{JobState, Snapshot};
use super::super::time_left::TimeLeft;

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

/// Where settled rows are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Settled {
    Accepted,
    Rejected,
    NotSent,
}

pub(super) struct Counters {
    started: Instant,
    /// Rows this run has to send.
    rows_to_send: usize,
    /// Rows an earlier run of the upload had sent (the journal's).
    already_accepted_rows: usize,
    state: AtomicU8,
    requests: AtomicU64,
    retries: AtomicU64,
    /// Entries in all requests (retries included).
    sent: AtomicU64,
    accepted_rows: AtomicU64,
    rejected_rows: AtomicU64,
    not_sent_rows: AtomicU64,
    /// Answers had, and the time spent waiting for them (nanoseconds).
    answers: AtomicU64,
    answer_nanos: AtomicU64,
    /// The time left as last worked out (the monitor does, twice a second).
    time_left: Mutex<Option<TimeLeft>>,
}

impl Counters {
    pub fn new(rows_to_send: usize, already_accepted_rows: usize) -> Self {
        Self {
            started: Instant::now(),
            rows_to_send,
            already_accepted_rows,
            answers: AtomicU64::new(0),
            answer_nanos: AtomicU64::new(0),
            time_left: Mutex::new(None),
            state: AtomicU8::new(0),
            requests: AtomicU64::new(0),
            retries: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            accepted_rows: AtomicU64::new(0),
            rejected_rows: AtomicU64::new(0),
            not_sent_rows: AtomicU64::new(0),
        }
    }

    pub fn set_state(&self, s: JobState) {
        let i = STATES.iter().position(|x| *x == s).unwrap_or(0) as u8;
        self.state.store(i, Ordering::Relaxed);
    }

    /// A request of `entries` goes out; `retry` when it is not the batch's first.
    pub fn request(&self, entries: usize, retry: bool) {
        if retry {
            self.retries.fetch_add(1, Ordering::Relaxed);
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.sent.fetch_add(entries as u64, Ordering::Relaxed);
    }

    pub fn settled(&self, how: Settled, rows: usize) {
        let counter = match how {
            Settled::Accepted => &self.accepted_rows,
            Settled::Rejected => &self.rejected_rows,
            Settled::NotSent => &self.not_sent_rows,
        };
        counter.fetch_add(rows as u64, Ordering::Relaxed);
    }

    /// An answer came `took` after its request went out.
    pub fn answered(&self, took: Duration) {
        self.answers.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        self.answer_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// The mean time from a request to its answer so far (zero before the first).
    pub fn per_batch(&self) -> Duration {
        let n = self.answers.load(Ordering::Relaxed);
        if n == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(self.answer_nanos.load(Ordering::Relaxed) / n)
    }

    pub fn set_time_left(&self, t: TimeLeft) {
        *self.time_left.lock().expect("time left") = Some(t);
    }

    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    pub fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    pub fn started(&self) -> Instant {
        self.started
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            state: Some(STATES[self.state.load(Ordering::Relaxed) as usize]),
            rows_to_send: self.rows_to_send,
            already_accepted_rows: self.already_accepted_rows,
            accepted_rows: self.accepted_rows.load(Ordering::Relaxed) as usize,
            rejected_rows: self.rejected_rows.load(Ordering::Relaxed) as usize,
            not_sent_rows: self.not_sent_rows.load(Ordering::Relaxed) as usize,
            requests: self.requests(),
            retries: self.retries(),
            sent: self.sent(),
            elapsed: self.started.elapsed(),
            time_left: *self.time_left.lock().expect("time left"),
        }
    }
}
