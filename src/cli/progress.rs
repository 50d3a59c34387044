//! The progress line on stderr: rows, rows/s, ETA and what the upload is doing.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use pango_importer::i18n::Lang;
use pango_importer::upload::{JobState, Snapshot, limit_words};

pub struct ProgressLine {
    tty: bool,
    last: Option<Instant>,
    width: usize,
}

fn state_words(s: Option<JobState>) -> &'static str {
    match s {
        Some(JobState::LoggingIn) => "logging in",
        Some(JobState::Sending) | None => "sending",
        Some(JobState::WaitingForLimit) => "waiting for the rate limit",
        Some(JobState::Retrying) => "retrying after a fault",
        Some(JobState::RenewingLogin) => "renewing the login",
        Some(JobState::Paused) => "paused",
        Some(JobState::Cancelling) => "cancelling (finishing requests in flight)",
        Some(JobState::Finished) => "finished",
    }
}

fn hms(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, (s % 3600) / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

impl ProgressLine {
    pub fn new() -> Self {
        Self {
            tty: std::io::stderr().is_terminal(),
            last: None,
            width: 0,
        }
    }

    /// Draws the line (in place on a terminal; every 5 s otherwise).
    pub fn show(&mut self, s: &Snapshot) {
        let now = Instant::now();
        let every = if self.tty {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(5)
        };
        if self.last.is_some_and(|l| now - l < every) {
            return;
        }
        self.last = Some(now);
        let bar_len = 24;
        let filled = (s.fraction() * bar_len as f32).round() as usize;
        let eta = s.time_left.map_or_else(
            || "…".into(),
            |t| match t.limit {
                Some(w) => format!("{} ({})", hms(t.left), limit_words(w, Lang::En)),
                None => hms(t.left),
            },
        );
        let line = format!(
            "[{}{}] {}/{} rows  {} rejected  {} not sent  {:.0} rows/s  ETA {}  {}",
            "#".repeat(filled),
            ".".repeat(bar_len - filled),
            s.accepted_rows + s.already_accepted_rows,
            s.file_rows(),
            s.rejected_rows,
            s.not_sent_rows,
            s.rows_per_second(),
            eta,
            state_words(s.state)
        );
        let mut err = std::io::stderr();
        if self.tty {
            let pad = self.width.saturating_sub(line.chars().count());
            let _ = write!(err, "\r{line}{}", " ".repeat(pad));
            self.width = line.chars().count();
        } else {
            let _ = writeln!(err, "{line}");
        }
        let _ = err.flush();
    }

    /// Ends the line before other output.
    pub fn finish(&mut self) {
        if self.tty && self.width > 0 {
            eprintln!();
            self.width = 0;
        }
    }
}
