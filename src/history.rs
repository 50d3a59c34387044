//! The import history: one JSON line per import in `<data>/history.jsonl`, appended
//! and flushed to disk. Holds counts and paths, never a key or a token.

use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// One import, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRecord {
    /// When the import started, epoch milliseconds (UTC); see [`format_utc`].
    pub started_at_ms: i64,
    /// The file imported (its path as the user chose it).
    pub file: String,
    pub object_type: String,
    pub profile: String,
    pub rows: u64,
    pub valid: u64,
    pub invalid: u64,
    pub sent: u64,
    pub accepted: u64,
    /// Rows not accepted: refused by Pango, or not sent (yet).
    pub failed: u64,
    /// Of `failed`, the rows Pango answered with a refusal (absent in older records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<u64>,
    /// Of `failed`, the rows never sent or given up on: waiting, not refused
    /// (absent in older records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_sent: Option<u64>,
    #[serde(default)]
    pub report_path: Option<String>,
    #[serde(default)]
    pub journal_path: Option<String>,
    /// How it ended, in a word or a short sentence (e.g. `completed`, `cancelled`).
    pub outcome: String,
}

impl HistoryRecord {
    /// Rows Pango refused. An older record (without the split) counts its failed
    /// rows as refused only when the upload ran to its end; a stopped or cancelled
    /// one left them unsent.
    pub fn refused_rows(&self) -> u64 {
        self.refused.unwrap_or(if self.ran_to_its_end() {
            self.failed
        } else {
            0
        })
    }

    /// Rows not sent (yet): the upload stopped, was cancelled or gave up on them.
    pub fn not_sent_rows(&self) -> u64 {
        self.not_sent.unwrap_or(if self.ran_to_its_end() {
            0
        } else {
            self.failed
        })
    }

    fn ran_to_its_end(&self) -> bool {
        self.outcome != "cancelled" && !self.outcome.starts_with("stopped")
    }
}

/// Now, in epoch milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Epoch milliseconds as RFC 3339 UTC, e.g. `2024-01-15T03:04:05.678Z`.
pub fn format_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

/// Appends one record as a JSON line and flushes it to disk. If the file ends in a
/// torn line (a crash mid-write), a line break is written first so the new record
/// stands on its own line.
pub fn append_history(path: &Path, record: &HistoryRecord) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut line = serde_json::to_vec(record).map_err(std::io::Error::other)?;
    line.push(b'\n');
    let mut f = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    let len = f.metadata()?.len();
    if len > 0 {
        let mut last = [0u8; 1];
        f.seek(SeekFrom::Start(len - 1))?;
        f.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.insert(0, b'\n');
        }
    }
    f.write_all(&line)?;
    f.sync_all()
}

/// Every readable record, newest first. A missing or unreadable file gives an empty
/// list; torn or damaged lines are skipped.
pub fn load_history(path: &Path) -> Vec<HistoryRecord> {
    let Ok(bytes) = fs::read(path) else {
        return Vec::new();
    };
    let mut records: Vec<HistoryRecord> = bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect();
    records.reverse();
    records.sort_by_key(|r| std::cmp::Reverse(r.started_at_ms));
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(at: i64, file: &str) -> HistoryRecord {
        HistoryRecord {
            started_at_ms: at,
            file: file.to_string(),
            object_type: "customer".to_string(),
            profile: "sandbox".to_string(),
            rows: 10,
            valid: 9,
            invalid: 1,
            sent: 9,
            accepted: 9,
            failed: 0,
            refused: Some(0),
            not_sent: Some(0),
            report_path: Some("/tmp/r.csv".to_string()),
            journal_path: None,
            outcome: "completed".to_string(),
        }
    }

    #[test]
    fn append_and_load_newest_first() {
        let t = tempfile::tempdir().unwrap();
        let path = t.path().join("data").join("history.jsonl");
        assert!(load_history(&path).is_empty());
        append_history(&path, &record(1_000, "a.csv")).unwrap();
        append_history(&path, &record(2_000, "b.csv")).unwrap();
        let got = load_history(&path);
        assert_eq!(got, [record(2_000, "b.csv"), record(1_000, "a.csv")]);
    }

    #[test]
    fn torn_and_damaged_lines_are_skipped() {
        let t = tempfile::tempdir().unwrap();
        let path = t.path().join("history.jsonl");
        append_history(&path, &record(1_000, "a.csv")).unwrap();
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"not json\n{\"started_at_ms\": 5, \"file\": \"tor")
            .unwrap();
        drop(f);
        assert_eq!(load_history(&path), [record(1_000, "a.csv")]);
        // The next record does not glue onto the torn line.
        append_history(&path, &record(3_000, "c.csv")).unwrap();
        assert_eq!(
            load_history(&path),
            [record(3_000, "c.csv"), record(1_000, "a.csv")]
        );
    }

    #[test]
    fn a_record_has_only_its_documented_fields() {
        let v = serde_json::to_value(record(1, "a.csv")).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "started_at_ms",
                "file",
                "object_type",
                "profile",
                "rows",
                "valid",
                "invalid",
                "sent",
                "accepted",
                "failed",
                "refused",
                "not_sent",
                "report_path",
                "journal_path",
                "outcome"
            ]
        );
    }

    #[test]
    fn rows_not_sent_are_kept_apart_from_rows_refused_even_in_older_records() {
        let split = HistoryRecord {
            failed: 5,
            refused: Some(2),
            not_sent: Some(3),
            outcome: "cancelled".into(),
            ..record(1, "a.csv")
        };
        assert_eq!((split.refused_rows(), split.not_sent_rows()), (2, 3));
        // Written before the split: a cancelled or stopped upload left its rows unsent.
        let old = |outcome: &str| {
            let line = serde_json::to_string(&HistoryRecord {
                failed: 4,
                refused: None,
                not_sent: None,
                outcome: outcome.into(),
                ..record(1, "a.csv")
            })
            .unwrap();
            assert!(!line.contains("not_sent"), "{line}");
            let r: HistoryRecord = serde_json::from_str(&line).unwrap();
            (r.refused_rows(), r.not_sent_rows())
        };
        assert_eq!(old("cancelled"), (0, 4));
        assert_eq!(old("stopped: the network is gone"), (0, 4));
        assert_eq!(old("finished with rows not accepted"), (4, 0));
    }

    #[test]
    fn utc_formatting() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_utc(1_584_416_719_000), "2020-03-17T03:45:19.000Z");
        assert_eq!(format_utc(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(format_utc(-1), "1969-12-31T23:59:59.999Z");
        assert!(now_ms() > 1_700_000_000_000);
    }
}
