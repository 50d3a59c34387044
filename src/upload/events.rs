//! What an upload reports while it runs, and its result. The GUI and the CLI render
//! the same events.

use std::time::Duration;

use super::stop_reason::{NotSentReason, StopReason};
use super::time_left::TimeLeft;

/// What the upload is doing now, in words a user understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobState {
    LoggingIn,
    Sending,
    /// Waiting so as not to pass the API's rate limits (or because the server said so).
    WaitingForLimit,
    /// A send failed (network, server error); trying again after a pause.
    Retrying,
    RenewingLogin,
    Paused,
    Cancelling,
    Finished,
}

/// Counters at one moment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub state: Option<JobState>,
    /// Rows this run has to send (valid rows not accepted before, per the journal).
    pub rows_to_send: usize,
    /// Rows accepted by an earlier run of this upload (per the journal): a resume
    /// counts them as done, so the progress is of the whole file.
    pub already_accepted_rows: usize,
    pub accepted_rows: usize,
    pub rejected_rows: usize,
    /// Rows given up on after faults, or not sent because of a cancel.
    pub not_sent_rows: usize,
    pub requests: u64,
    pub retries: u64,
    /// Entries in all requests (retries included).
    pub sent: u64,
    pub elapsed: Duration,
    /// Time left as the rate limits allow it (see [`super::time_left`]); `None`
    /// until the job has worked it out.
    pub time_left: Option<TimeLeft>,
}

impl Snapshot {
    pub fn done_rows(&self) -> usize {
        self.accepted_rows + self.rejected_rows + self.not_sent_rows
    }

    /// Rows Pango answered for (accepted or refused) this run.
    pub fn answered_rows(&self) -> usize {
        self.accepted_rows + self.rejected_rows
    }

    /// Rows Pango answered for per second so far (rows left unsent are not sending).
    pub fn rows_per_second(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s <= 0.0 {
            0.0
        } else {
            self.answered_rows() as f64 / s
        }
    }

    /// The valid rows of the whole upload: those accepted by an earlier run and
    /// those this run sends.
    pub fn file_rows(&self) -> usize {
        self.already_accepted_rows + self.rows_to_send
    }

    /// Rows of the whole upload Pango answered for so far (an earlier run's
    /// included); rows left unsent are still to do.
    pub fn file_done_rows(&self) -> usize {
        self.already_accepted_rows + self.answered_rows()
    }

    /// The share of the whole upload done: a resume starts where the stop left it,
    /// a stop shows what is left.
    pub fn fraction(&self) -> f32 {
        if self.file_rows() == 0 {
            1.0
        } else {
            (self.file_done_rows() as f32 / self.file_rows() as f32).min(1.0)
        }
    }
}

/// What became of one file row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowOutcome {
    Accepted,
    /// Refused by the server, with its message.
    Rejected(String),
    /// Had validation errors; never sent.
    Invalid,
    /// Not sent: cancelled, or given up on after faults (the reason says which).
    NotSent(NotSentReason),
}

/// The end of an upload.
#[derive(Clone, Debug, PartialEq)]
pub struct UploadSummary {
    pub rows: usize,
    pub valid: usize,
    pub invalid: usize,
    /// Entries in all ingest requests (retries included).
    pub sent: u64,
    /// Rows accepted in total (on a resume, those the journal already had included).
    pub accepted: usize,
    /// Rows refused by the server or given up on (faults, cancel).
    pub failed: usize,
    pub requests: u64,
    pub retries: u64,
    pub elapsed: Duration,
    pub cancelled: bool,
    /// Why the whole upload stopped early (login refused, journal unwritable …).
    pub fatal: Option<StopReason>,
    /// One per table row.
    pub outcomes: Vec<RowOutcome>,
}

impl UploadSummary {
    /// Rows whose outcome is as `is` says.
    pub fn count(&self, is: impl Fn(&RowOutcome) -> bool) -> u64 {
        self.outcomes.iter().filter(|o| is(o)).count() as u64
    }
}

/// Something that happened during an upload.
#[derive(Clone, Debug, PartialEq)]
pub enum UploadEvent {
    Started {
        rows_to_send: usize,
        entries: usize,
        already_accepted_rows: usize,
    },
    LoggedIn,
    TokenRenewed,
    BatchAccepted {
        entries: usize,
        rows: usize,
    },
    /// Entries the server refused (isolated by splitting the batch), with its message.
    Rejected {
        rows: Vec<u32>,
        reason: String,
    },
    Retrying {
        attempt: u32,
        delay: Duration,
        reason: String,
    },
    /// The server said to wait.
    RateLimited {
        wait: Duration,
    },
    Paused,
    Resumed,
    Cancelling,
    Progress(Snapshot),
    Finished(Box<UploadSummary>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resumed_upload_counts_the_whole_file() {
        // 1,000 rows, 600 accepted before the stop: the resume starts at 600 / 1,000.
        let mut s = Snapshot {
            rows_to_send: 400,
            already_accepted_rows: 600,
            ..Snapshot::default()
        };
        assert_eq!((s.file_done_rows(), s.file_rows()), (600, 1_000));
        assert!((s.fraction() - 0.6).abs() < 1e-6);
        // Stopped again after 100 more: 300 rows are still to send.
        s.accepted_rows = 100;
        s.not_sent_rows = 300;
        assert_eq!((s.file_done_rows(), s.file_rows()), (700, 1_000));
        s.accepted_rows = 400;
        s.not_sent_rows = 0;
        assert_eq!((s.file_done_rows(), s.file_rows()), (1_000, 1_000));
        assert_eq!(s.fraction(), 1.0);
    }
}
