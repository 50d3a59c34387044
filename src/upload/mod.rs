//! The upload: rate limiter, journal, and the job that sends every valid entry once.

mod events;
mod job;
mod journal;
mod limiter;
pub mod pending;

pub use events::{JobState, RowOutcome, Snapshot, Summary, UploadEvent};
pub use job::{UploadConfig, UploadHandle, start};
pub use journal::{Journal, JournalError, entry_hash};
pub use limiter::{DEFAULT_MARGIN, DOCUMENTED_LIMITS, Limiter, RateWindow};
