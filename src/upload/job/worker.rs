//! A worker: takes batches from the queue and sends each until it is settled, until
//! nothing is left (or the upload stops and what is left is settled as not sent).

use std::sync::Arc;
use std::time::Duration;

use super::super::events::{JobState, UploadEvent};
use super::Job;
use super::queue::Take;

pub(super) async fn worker(job: Arc<Job>) {
    loop {
        while job.stop.paused() && !job.stop.stopping() {
            job.counters.set_state(JobState::Paused);
            job.stop.nap(Duration::from_millis(200)).await;
        }
        let batch = match job.queue.take() {
            Take::Batch(b) => b,
            Take::Done => return,
            Take::Wait => {
                job.stop.nap(Duration::from_millis(50)).await;
                continue;
            }
        };
        let halves = if job.stop.stopping() {
            job.settle_unsent(&batch.entries);
            Vec::new()
        } else {
            job.send_batch(batch).await
        };
        job.queue.done(halves);
        job.stop.wake_all();
        job.emit(UploadEvent::Progress(job.counters.snapshot()));
    }
}
