//! Reports pause, resume and cancel as they happen, and progress twice a second (so a
//! front end's rate and time left move while the job waits).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::super::events::{JobState, UploadEvent};
use super::Job;

pub(super) async fn monitor(job: Arc<Job>, done: Arc<AtomicBool>) {
    let (mut paused, mut cancelled) = (false, false);
    job.update_time_left();
    let mut tick = 0u32;
    while !done.load(Ordering::SeqCst) {
        let p = job.stop.paused();
        if p != paused {
            paused = p;
            job.emit(if p {
                UploadEvent::Paused
            } else {
                UploadEvent::Resumed
            });
        }
        if !cancelled && job.stop.cancelled_by_user() {
            cancelled = true;
            job.counters.set_state(JobState::Cancelling);
            job.emit(UploadEvent::Cancelling);
        }
        tick += 1;
        if tick.is_multiple_of(5) {
            job.update_time_left();
            job.emit(UploadEvent::Progress(job.counters.snapshot()));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
