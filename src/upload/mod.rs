//! The upload: the job that sends every valid entry once to a destination, within its
//! rate limits, journalled; and the record of an upload when it ends.

mod destination;
mod end;
mod envelope;
mod events;
mod finish;
mod job;
mod journal;
mod limiter;
mod payload_out;
pub mod pending;
mod stop_reason;
mod time_left;

pub use destination::{Answer, Destination, DestinationFuture, Limits, LoginFailure, Refusal};
pub use end::UploadEnd;
pub use envelope::{Envelope, EnvelopeError};
pub use events::{JobState, RowOutcome, Snapshot, UploadEvent, UploadSummary};
pub use finish::{FinishedUpload, finish_upload_record};
pub use job::{UploadConfig, UploadHandle, start};
pub use journal::{HASH_NAME, JOURNAL_FORMAT, Journal, JournalKey, entry_hash};
pub use limiter::{DEFAULT_MARGIN, DOCUMENTED_LIMITS, Limiter, RateWindow};
pub use payload_out::PayloadSink;
pub use stop_reason::{NotSentReason, StopReason};
pub use time_left::{TimeLeft, WorkLeft, limit_words, time_left};
