//! Finishing an upload's record, the same for the CLI and the app: one line in the
//! import history, and the app's "pending" record dropped unless the upload is left
//! to resume.

use std::path::Path;

use super::events::{RowOutcome, UploadSummary};
use super::pending::PendingUpload;
use crate::history::{HistoryRecord, append_history};

/// An upload that ended, as its record tells it.
#[derive(Clone, Copy, Debug)]
pub struct FinishedUpload<'a> {
    pub summary: &'a UploadSummary,
    /// When it started, epoch milliseconds.
    pub started_at_ms: i64,
    pub file: &'a Path,
    pub object_type: &'a str,
    pub profile: &'a str,
    pub report: Option<&'a Path>,
    pub journal: Option<&'a Path>,
}

impl FinishedUpload<'_> {
    /// Its line in the history.
    pub fn history_record(&self) -> HistoryRecord {
        let s = self.summary;
        HistoryRecord {
            started_at_ms: self.started_at_ms,
            file: self.file.display().to_string(),
            object_type: self.object_type.to_string(),
            profile: self.profile.to_string(),
            rows: s.rows as u64,
            valid: s.valid as u64,
            invalid: s.invalid as u64,
            sent: s.sent,
            accepted: s.accepted as u64,
            failed: s.failed as u64,
            refused: Some(s.count(|o| matches!(o, RowOutcome::Rejected(_)))),
            not_sent: Some(s.count(|o| matches!(o, RowOutcome::NotSent(_)))),
            report_path: self.report.map(|p| p.display().to_string()),
            journal_path: self.journal.map(|p| p.display().to_string()),
            outcome: s.end().to_string(),
        }
    }
}

/// Appends the upload's line to the history at `history` and, with `pending` (the
/// app's record of an upload under way), forgets that record unless faults left rows
/// to resume. Both are tried; the first error is returned.
pub fn finish_upload_record(
    history: &Path,
    pending: Option<&Path>,
    upload: &FinishedUpload,
) -> std::io::Result<()> {
    let appended = append_history(history, &upload.history_record());
    let cleared = match pending {
        Some(path) if !upload.summary.left_to_resume() => PendingUpload::clear(path),
        _ => Ok(()),
    };
    appended.and(cleared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::load_history;
    use crate::upload::{NotSentReason, StopReason};
    use std::time::Duration;

    fn summary(
        fatal: Option<StopReason>,
        cancelled: bool,
        outcomes: Vec<RowOutcome>,
    ) -> UploadSummary {
        let failed = outcomes
            .iter()
            .filter(|o| **o != RowOutcome::Accepted)
            .count();
        UploadSummary {
            rows: outcomes.len(),
            valid: outcomes.len(),
            invalid: 0,
            sent: outcomes.len() as u64,
            accepted: outcomes.len() - failed,
            failed,
            requests: 1,
            retries: 0,
            elapsed: Duration::ZERO,
            cancelled,
            fatal,
            outcomes,
        }
    }

    fn finish(dir: &Path, s: &UploadSummary) -> (Vec<HistoryRecord>, bool) {
        let pending = dir.join("pending.json");
        std::fs::write(&pending, "{}").unwrap();
        let upload = FinishedUpload {
            summary: s,
            started_at_ms: 1_000,
            file: Path::new("kh.csv"),
            object_type: "customer",
            profile: "sandbox",
            report: Some(Path::new("r.csv")),
            journal: None,
        };
        finish_upload_record(&dir.join("history.jsonl"), Some(&pending), &upload).unwrap();
        (load_history(&dir.join("history.jsonl")), pending.exists())
    }

    #[test]
    fn a_finished_upload_is_in_the_history_and_no_longer_pending() {
        let t = tempfile::tempdir().unwrap();
        let s = summary(
            None,
            false,
            vec![RowOutcome::Accepted, RowOutcome::Rejected("x".into())],
        );
        let (history, pending) = finish(t.path(), &s);
        assert_eq!(history.len(), 1);
        let r = &history[0];
        assert_eq!((r.rows, r.accepted, r.failed), (2, 1, 1));
        assert_eq!((r.refused, r.not_sent), (Some(1), Some(0)));
        assert_eq!(r.outcome, "finished with rows not accepted");
        assert_eq!(r.report_path.as_deref(), Some("r.csv"));
        assert!(!pending);
    }

    #[test]
    fn an_upload_stopped_by_a_fault_stays_offered_for_resume_unless_cancelled() {
        let t = tempfile::tempdir().unwrap();
        let stop = StopReason::Destination("the ingest URL answered HTTP 404".into());
        let left = vec![RowOutcome::NotSent(NotSentReason::Stopped(stop.clone()))];
        let (history, pending) =
            finish(t.path(), &summary(Some(stop.clone()), false, left.clone()));
        assert_eq!(
            history[0].outcome,
            "stopped: the ingest URL answered HTTP 404"
        );
        assert_eq!(
            (history[0].refused, history[0].not_sent),
            (Some(0), Some(1)),
            "rows left by a stop wait; Pango refused none"
        );
        assert!(pending, "kept for resume");
        let t = tempfile::tempdir().unwrap();
        let (_, pending) = finish(t.path(), &summary(Some(stop), true, left));
        assert!(!pending, "the user cancelled");
    }
}
