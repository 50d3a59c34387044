//! Whether the job goes on: the user's pause and cancel, the fault that stopped it,
//! and waits that end early when it stops.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::super::stop_reason::{NotSentReason, StopReason};
use super::handle::Control;

/// The user's controls and the first fault that stopped the upload.
pub(super) struct Stop {
    control: Arc<Control>,
    fault: Mutex<Option<StopReason>>,
}

impl Stop {
    pub fn new(control: Arc<Control>) -> Self {
        Self {
            control,
            fault: Mutex::new(None),
        }
    }

    /// Stops the upload for `reason` (the first fault is the one told).
    pub fn fail(&self, reason: StopReason) {
        let mut f = self.fault.lock().expect("fault");
        if f.is_none() {
            *f = Some(reason);
        }
        self.control.wake.notify_waiters();
    }

    /// The fault that stopped the upload, if one did.
    pub fn fault(&self) -> Option<StopReason> {
        self.fault.lock().expect("fault").clone()
    }

    /// Whether a fault (not the user) stopped the upload.
    pub fn by_fault(&self) -> bool {
        self.fault.lock().expect("fault").is_some()
    }

    /// The user cancelled.
    pub fn cancelled_by_user(&self) -> bool {
        self.control.cancelled.load(Ordering::SeqCst)
    }

    /// Nothing more is to be sent: cancelled, or stopped by a fault.
    pub fn stopping(&self) -> bool {
        self.cancelled_by_user() || self.by_fault()
    }

    pub fn paused(&self) -> bool {
        self.control.paused.load(Ordering::SeqCst)
    }

    /// Why what is left is not sent: the fault if there is one, else the cancel.
    pub fn not_sent(&self) -> NotSentReason {
        not_sent_for(self.fault())
    }

    /// Wakes every worker waiting for work or for the end of a pause.
    pub fn wake_all(&self) {
        self.control.wake.notify_waiters();
    }

    /// Waits up to `d` or until woken.
    pub async fn nap(&self, d: Duration) {
        let _ = tokio::time::timeout(d, self.control.wake.notified()).await;
    }

    /// Sleeps `d`, waking early on a stop. Returns false if stopped.
    pub async fn sleep(&self, d: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + d;
        loop {
            if self.stopping() {
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
}

/// Why rows left unsent were not sent, given the fault (if any) that stopped the upload.
pub(super) fn not_sent_for(fault: Option<StopReason>) -> NotSentReason {
    match fault {
        Some(f) => NotSentReason::Stopped(f),
        None => NotSentReason::Cancelled,
    }
}
