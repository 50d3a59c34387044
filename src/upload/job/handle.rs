//! The handle a front end holds on a running upload: its events, pause, resume, cancel.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use super::super::events::UploadEvent;
use super::super::events::UploadSummary;

/// Pause, resume and cancel, shared between the handle and the job.
#[derive(Debug, Default)]
pub(super) struct Control {
    pub paused: AtomicBool,
    pub cancelled: AtomicBool,
    pub wake: tokio::sync::Notify,
}

/// A running upload: poll its events, pause, resume or cancel it.
#[derive(Debug)]
pub struct UploadHandle {
    pub(super) control: Arc<Control>,
    pub(super) events: Receiver<UploadEvent>,
    pub(super) thread: Option<std::thread::JoinHandle<()>>,
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

    /// The job's thread has ended, so every event it sent is waiting in `poll`: when no
    /// `Finished` is among them, the job died without one (it panicked).
    pub fn worker_ended(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }

    /// The next event, waiting up to `timeout`.
    pub fn next_event(&self, timeout: Duration) -> Option<UploadEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Waits for the end and returns the summary.
    pub fn wait(mut self) -> UploadSummary {
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
