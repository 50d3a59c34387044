//! Background work for the UI, the one way the app runs it: a closure on its own
//! thread, its outcome polled each frame, with shared progress and cancellation. The
//! UI thread never waits on it.
//!
//! Every end is an answer: the value, or a [`Broken`] task (the work panicked, with the
//! panic's message, or the worker vanished without a word). Nothing polls "not yet"
//! forever, so no spinner turns forever and the window can always close.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use eframe::egui;

use crate::i18n::Lang;
use crate::progress::Progress;

use super::text::tr;

/// Where a task stands, as its [`Task::poll`] says.
#[must_use]
#[derive(Debug)]
pub enum Poll<T> {
    /// Still working.
    Running,
    /// Finished with this value (given once).
    Done(T),
    /// The work panicked; the panic's message.
    Failed(String),
    /// The worker ended without an answer (it could not start, or went away).
    Lost,
}

/// How a task ended without a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Broken {
    /// The work panicked, with this message.
    Panicked(String),
    /// No answer came back.
    Lost,
}

impl Broken {
    /// What the user reads: `what` stopped, why, and that they can try again or go back.
    pub fn message(&self, what: &str, lang: Lang) -> String {
        let why = match self {
            Broken::Panicked(m) => match lang {
                Lang::En => format!("an internal error: {m}"),
                Lang::Vi => format!("lỗi bên trong ứng dụng: {m}"),
            },
            Broken::Lost => tr(
                lang,
                "the background work ended without an answer",
                "tác vụ nền kết thúc mà không trả lời",
            )
            .to_string(),
        };
        match lang {
            Lang::En => format!(
                "{what} stopped unexpectedly ({why}). Nothing was sent because of it: try again, or go back."
            ),
            Lang::Vi => format!(
                "{what} dừng bất ngờ ({why}). Không có gì bị gửi vì lỗi này: hãy thử lại hoặc quay lại."
            ),
        }
    }
}

/// One piece of work running off the UI thread.
pub struct Task<T> {
    rx: Receiver<Result<T, String>>,
    progress: Arc<Progress>,
    started: Instant,
    ended: bool,
}

/// The names of tasks that must panic (a test's way to break each step).
#[derive(Clone, Default)]
struct FailNames(Arc<Vec<String>>);

fn fail_id() -> egui::Id {
    egui::Id::unique("pango-task-fail-names")
}

/// Test hook: every task named `name` started from now on with this context panics
/// instead of working (names: `read-file`, `validate`, `revalidate`, `export`,
/// `map-templates`, `save-template`, `login`, `sandbox`, `prepare-upload`, …).
#[doc(hidden)]
pub fn fail_tasks_named(ctx: &egui::Context, name: &str) {
    ctx.data_mut(|d| {
        let mut names: Vec<String> = d
            .get_temp::<FailNames>(fail_id())
            .map(|f| f.0.to_vec())
            .unwrap_or_default();
        names.push(name.to_string());
        d.insert_temp(fail_id(), FailNames(Arc::new(names)));
    });
}

/// Whether tasks named `name` are to fail (the test hook above).
pub(crate) fn must_fail(ctx: &egui::Context, name: &str) -> bool {
    ctx.data(|d| d.get_temp::<FailNames>(fail_id()))
        .is_some_and(|f| f.0.iter().any(|n| n == name))
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "no message".to_string()
    }
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a new thread; the context is asked to repaint when it ends, however
    /// it ends.
    pub fn spawn(
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let progress = Arc::new(Progress::new());
        let p = progress.clone();
        let ctx2 = ctx.clone();
        let fail = must_fail(ctx, name);
        let label = name.to_string();
        let spawned = std::thread::Builder::new()
            .name(format!("pango-{name}"))
            .spawn(move || {
                let out = catch_unwind(AssertUnwindSafe(|| {
                    if fail {
                        panic!("test fault in {label}");
                    }
                    work(&p)
                }))
                .map_err(|e| panic_message(e.as_ref()));
                let _ = tx.send(out);
                ctx2.request_repaint();
            });
        // No thread: the receiver reports a disconnect, which `poll` says is `Lost`.
        drop(spawned);
        Self {
            rx,
            progress,
            started: Instant::now(),
            ended: false,
        }
    }
}

impl<T> Task<T> {
    /// Where the work stands, without waiting. The end (`Done`, `Failed` or `Lost`) is
    /// given once; a task polled again after it says `Lost`.
    pub fn poll(&mut self) -> Poll<T> {
        if self.ended {
            return Poll::Lost;
        }
        let out = match self.rx.try_recv() {
            Err(TryRecvError::Empty) => return Poll::Running,
            Ok(Ok(v)) => Poll::Done(v),
            Ok(Err(m)) => Poll::Failed(m),
            Err(TryRecvError::Disconnected) => Poll::Lost,
        };
        self.ended = true;
        out
    }

    /// The outcome once the work has ended (given once), `None` while it runs.
    pub fn ended(&mut self) -> Option<Result<T, Broken>> {
        match self.poll() {
            Poll::Running => None,
            Poll::Done(v) => Some(Ok(v)),
            Poll::Failed(m) => Some(Err(Broken::Panicked(m))),
            Poll::Lost => Some(Err(Broken::Lost)),
        }
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

/// Polls the task in `slot`: once it has ended, takes it out and gives its outcome.
pub fn finished<T>(slot: &mut Option<Task<T>>) -> Option<Result<T, Broken>> {
    let out = slot.as_mut()?.ended()?;
    *slot = None;
    Some(out)
}

impl<T> Drop for Task<T> {
    fn drop(&mut self) {
        // Work nobody waits for any more should stop as soon as it can.
        if !self.ended {
            self.progress.cancel();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T>(slot: &mut Option<Task<T>>) -> Result<T, Broken> {
        for _ in 0..2000 {
            if let Some(r) = finished(slot) {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("the task never ended");
    }

    #[test]
    fn a_value_comes_back_once_and_the_slot_is_emptied() {
        let ctx = egui::Context::default();
        let mut slot = Some(Task::spawn(&ctx, "t", |_| 7));
        assert_eq!(wait(&mut slot), Ok(7));
        assert!(slot.is_none());
    }

    #[test]
    fn a_panic_becomes_a_failure_with_its_message() {
        let ctx = egui::Context::default();
        let mut slot = Some(Task::spawn(&ctx, "t", |_| -> u8 { panic!("boom {}", 1) }));
        assert_eq!(wait(&mut slot), Err(Broken::Panicked("boom 1".into())));
    }

    #[test]
    fn a_worker_gone_without_an_answer_is_lost_not_running() {
        let (tx, rx) = channel::<Result<u8, String>>();
        drop(tx);
        let mut slot = Some(Task {
            rx,
            progress: Arc::new(Progress::new()),
            started: Instant::now(),
            ended: false,
        });
        assert_eq!(finished(&mut slot), Some(Err(Broken::Lost)));
    }

    #[test]
    fn the_test_hook_breaks_only_tasks_of_that_name() {
        let ctx = egui::Context::default();
        fail_tasks_named(&ctx, "validate");
        let mut other = Some(Task::spawn(&ctx, "read-file", |_| 1));
        let mut broken = Some(Task::spawn(&ctx, "validate", |_| 1));
        assert_eq!(wait(&mut other), Ok(1));
        assert!(matches!(wait(&mut broken), Err(Broken::Panicked(m)) if m.contains("validate")));
    }
}
