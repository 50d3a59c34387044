//! How an upload ended, from its summary: the word the history and the CLI use, and
//! whether it is left to resume.

use super::events::{RowOutcome, UploadSummary};
use super::stop_reason::StopReason;

/// How an upload ended, in the words the history and the CLI use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UploadEnd {
    #[error("stopped: {0}")]
    Stopped(StopReason),
    #[error("cancelled")]
    Cancelled,
    #[error("finished with rows not accepted")]
    RowsNotAccepted,
    #[error("completed")]
    Completed,
}

impl UploadSummary {
    /// How it ended: a stop wins over a cancel, which wins over refused rows.
    pub fn end(&self) -> UploadEnd {
        match (&self.fatal, self.cancelled) {
            (Some(f), _) => UploadEnd::Stopped(f.clone()),
            (None, true) => UploadEnd::Cancelled,
            (None, false) if self.failed > 0 => UploadEnd::RowsNotAccepted,
            _ => UploadEnd::Completed,
        }
    }

    /// Faults (not the user) stopped it with rows not sent: worth offering to resume.
    pub fn left_to_resume(&self) -> bool {
        !self.cancelled
            && self.fatal.is_some()
            && self
                .outcomes
                .iter()
                .any(|o| matches!(o, RowOutcome::NotSent(_)))
    }
}
