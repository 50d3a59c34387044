//! The upload job: batches of valid entries sent by a few workers on a background
//! runtime to a [`Destination`], within the rate limits, with the token renewed
//! before it expires, transient failures retried with backoff and jitter, refused
//! batches split to isolate the entries the destination refuses, and every accepted
//! batch journalled.
//!
//! In parts: `config` (how to upload), `handle` (what a front end holds), `start`
//! (a job on its own thread, and its end), `entries` (what is sent and what became
//! of it), `queue` and `batch` (the batches left, and how a refused one is split),
//! `worker` (takes batches), `send` (one batch until it is settled),
//! `token_keeper` (logs in and renews), `retry` (backoff, a batch's attempts),
//! `counters` (the figures), `stop` (pause, cancel and faults), `monitor`
//! (periodic progress).

mod batch;
mod config;
mod counters;
mod entries;
mod handle;
mod monitor;
mod queue;
mod retry;
mod send;
mod start;
mod stop;
mod token_keeper;
mod worker;

pub use config::UploadConfig;
pub use handle::UploadHandle;
pub use start::start;

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::destination::Destination;
use super::events::UploadEvent;
use super::events::{RowOutcome, UploadSummary};
use super::journal::Journal;
use super::limiter::Limiter;
use super::stop_reason::StopReason;
use super::time_left::{WorkLeft, time_left};
use crate::source::Table;
use crate::validate::Validation;
use counters::Counters;
use entries::{Entries, EntryState};
use handle::Control;
use queue::BatchQueue;
use retry::Backoff;
use stop::{Stop, not_sent_for};
use token_keeper::TokenKeeper;

/// What a job is started with.
struct JobInput {
    table: Arc<Table>,
    validation: Arc<Validation>,
    destination: Arc<dyn Destination>,
    cfg: UploadConfig,
    journal: Option<Journal>,
}

/// A running upload, as its workers share it.
struct Job {
    destination: Arc<dyn Destination>,
    cfg: UploadConfig,
    entries: Entries,
    queue: BatchQueue,
    counters: Counters,
    stop: Stop,
    events: Sender<UploadEvent>,
    limiter: Mutex<Limiter>,
    token: TokenKeeper,
    backoff: Backoff,
    journal: Option<Mutex<Journal>>,
}

impl Job {
    /// The job for `input`: entries the journal holds are skipped, the rest queued in
    /// batches; `Started` is reported.
    fn prepare(input: JobInput, control: Arc<Control>, events: Sender<UploadEvent>) -> Job {
        let JobInput {
            table,
            validation,
            destination,
            cfg,
            journal,
        } = input;
        let entries = Entries::new(table, validation);
        let (already, todo) = entries.skip_journalled(journal.as_ref());
        let rows_to_send = entries.rows_of(&todo);
        let size = cfg
            .batch_size
            .clamp(1, destination.limits().max_batch.max(1));
        let _ = events.send(UploadEvent::Started {
            rows_to_send,
            entries: todo.len(),
            already_accepted_rows: already,
        });
        let stop = Stop::new(control);
        if let Some(problem) = destination.settings_problem() {
            stop.fail(StopReason::Settings(problem));
        }
        Job {
            limiter: Mutex::new(Limiter::new(&cfg.limits, cfg.margin)),
            backoff: Backoff::new(cfg.backoff_base, cfg.backoff_max),
            queue: BatchQueue::new(&todo, size),
            counters: Counters::new(rows_to_send, already),
            token: TokenKeeper::default(),
            journal: journal.map(Mutex::new),
            destination,
            cfg,
            entries,
            stop,
            events,
        }
    }

    /// Works the time left out again from the limiter and the batches left.
    fn update_time_left(&self) {
        let work = WorkLeft {
            batches: self.queue.left(),
            concurrency: self.cfg.concurrency.max(1),
            per_batch: self.counters.per_batch(),
        };
        let limiter = self.limiter.lock().expect("limiter").clone();
        self.counters
            .set_time_left(time_left(&limiter, Instant::now(), work));
    }

    fn emit(&self, ev: UploadEvent) {
        let _ = self.events.send(ev);
    }

    fn settle(&self, entries: &[u32], state: EntryState) {
        self.entries.settle(entries, state, &self.counters);
    }

    /// Settles `entries` as not sent because the upload is stopping.
    fn settle_unsent(&self, entries: &[u32]) {
        self.settle(entries, EntryState::NotSent(self.stop.not_sent()));
    }

    /// The end: every row's outcome and the figures.
    fn summary(&self) -> UploadSummary {
        let fatal = self.stop.fault();
        let outcomes = self.entries.outcomes(&not_sent_for(fatal.clone()));
        let accepted = outcomes
            .iter()
            .filter(|o| **o == RowOutcome::Accepted)
            .count();
        let failed = outcomes
            .iter()
            .filter(|o| matches!(o, RowOutcome::Rejected(_) | RowOutcome::NotSent(_)))
            .count();
        let v = self.entries.validation();
        UploadSummary {
            rows: v.rows(),
            valid: v.valid,
            invalid: v.invalid,
            sent: self.counters.sent(),
            accepted,
            failed,
            requests: self.counters.requests(),
            retries: self.counters.retries(),
            elapsed: self.counters.started().elapsed(),
            cancelled: self.stop.cancelled_by_user(),
            fatal,
            outcomes,
        }
    }
}
