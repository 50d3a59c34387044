//! Background work for the UI: a closure on its own thread, its result polled each
//! frame, with shared progress and cancellation. The UI thread never waits on it.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use eframe::egui;

use crate::progress::Progress;

/// One piece of work running off the UI thread.
pub struct Task<T> {
    rx: Receiver<T>,
    progress: Arc<Progress>,
    started: Instant,
    done: bool,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a new thread; the context is asked to repaint when it ends.
    pub fn spawn(
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let progress = Arc::new(Progress::new());
        let p = progress.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("pango-{name}"))
            .spawn(move || {
                let out = work(&p);
                let _ = tx.send(out);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            // No thread: the receiver reports a disconnect, which `poll` turns into a panic-free end.
            eprintln!("cannot start background work: {e}");
        }
        Self {
            rx,
            progress,
            started: Instant::now(),
            done: false,
        }
    }
}

impl<T> Task<T> {
    /// The result once the work has finished (exactly once), without waiting.
    pub fn poll(&mut self) -> Option<T> {
        if self.done {
            return None;
        }
        match self.rx.try_recv() {
            Ok(v) => {
                self.done = true;
                Some(v)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.done = true;
                None
            }
        }
    }

    /// True once the work ended (its result taken, or the thread gone).
    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn cancel(&self) {
        self.progress.cancel();
    }

    pub fn elapsed_secs(&self) -> f32 {
        self.started.elapsed().as_secs_f32()
    }
}

impl<T> Drop for Task<T> {
    fn drop(&mut self) {
        // Work nobody waits for any more should stop as soon as it can.
        if !self.done {
            self.progress.cancel();
        }
    }
}
