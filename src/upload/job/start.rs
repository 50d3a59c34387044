//! Starting a job on its own thread and runtime, its workers, and its end.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

use super::super::destination::Destination;
use super::super::events::{JobState, UploadEvent};
use super::super::events::{RowOutcome, UploadSummary};
use super::super::journal::Journal;
use super::super::stop_reason::{NotSentReason, StopReason};
use super::handle::Control;
use super::monitor::monitor;
use super::worker::worker;
use super::{Job, JobInput, UploadConfig, UploadHandle};
use crate::source::Table;
use crate::validate::{RowState, Validation};

/// Starts uploading the valid rows of `validation` to `destination` on a background
/// thread with its own runtime. With a journal, entries it records as accepted are
/// not sent again.
pub fn start(
    table: Arc<Table>,
    validation: Arc<Validation>,
    destination: impl Destination + 'static,
    cfg: UploadConfig,
    journal: Option<Journal>,
) -> UploadHandle {
    let (tx, rx) = channel();
    let control = Arc::new(Control::default());
    let job_control = control.clone();
    let input = JobInput {
        table,
        validation,
        destination: Arc::new(destination),
        cfg,
        journal,
    };
    let thread = std::thread::Builder::new()
        .name("pango-upload".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build();
            match rt {
                Ok(rt) => rt.block_on(run(input, job_control, tx)),
                Err(e) => {
                    let summary = not_started(&input.validation, e.to_string());
                    let _ = tx.send(UploadEvent::Finished(Box::new(summary)));
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

/// Runs the job to its end: its workers and monitor, then the summary.
async fn run(input: JobInput, control: Arc<Control>, tx: Sender<UploadEvent>) {
    let concurrency = input.cfg.concurrency.max(1);
    let job = Arc::new(Job::prepare(input, control, tx));
    let done = Arc::new(AtomicBool::new(false));
    let monitor = tokio::spawn(monitor(job.clone(), done.clone()));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        workers.spawn(worker(job.clone()));
    }
    while let Some(ended) = workers.join_next().await {
        // A worker that panicked leaves its batch in flight for ever, so the others
        // would wait for ever: the job dies instead (its front end sees it end
        // without a summary), and the runtime stops the rest.
        if let Err(e) = ended
            && e.is_panic()
        {
            std::panic::resume_unwind(e.into_panic());
        }
    }
    done.store(true, Ordering::SeqCst);
    let _ = monitor.await;
    job.counters.set_state(JobState::Finished);
    let summary = job.summary();
    job.emit(UploadEvent::Progress(job.counters.snapshot()));
    job.emit(UploadEvent::Finished(Box::new(summary)));
}

/// The end of an upload whose runtime could not start: nothing sent.
fn not_started(v: &Validation, reason: String) -> UploadSummary {
    UploadSummary {
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
        fatal: Some(StopReason::CouldNotStart(reason)),
        outcomes: v
            .states
            .iter()
            .map(|st| match st {
                RowState::Invalid | RowState::Skipped => RowOutcome::Invalid,
                _ => RowOutcome::NotSent(NotSentReason::CouldNotStart),
            })
            .collect(),
    }
}
