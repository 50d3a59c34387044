//! The upload: rate limiter, journal, and the job that sends every valid entry once.

mod envelope;
mod events;
mod job;
mod journal;
mod limiter;
mod payload_out;
pub mod pending;

pub use envelope::{Envelope, EnvelopeError};
pub use events::{JobState, RowOutcome, Snapshot, Summary, UploadEvent};
pub use job::{UploadConfig, UploadHandle, start};
pub use journal::{HASH_NAME, JOURNAL_FORMAT, Journal, JournalError, JournalKey, entry_hash};
pub use limiter::{DEFAULT_MARGIN, DOCUMENTED_LIMITS, Limiter, RateWindow};
pub use payload_out::PayloadSink;
