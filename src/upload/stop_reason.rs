//! Why an upload stopped early, and why a row was not sent: typed, with the words a
//! user reads as their `Display` (the CLI prints them, the report and history hold them).

/// Why the whole upload stopped before every row was sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StopReason {
    /// Logging in failed for good.
    #[error("cannot log in to {service}: {reason}")]
    Login { service: String, reason: String },
    /// A refusal that does not depend on the entries (the request's settings, or the
    /// same refusal for a batch and both its halves).
    #[error(
        "{service} refused the request itself, whatever its entries ({reason}); nothing more was sent"
    )]
    RequestRefused { service: String, reason: String },
    /// A fresh token was refused as well (the destination's words).
    #[error("{0}")]
    TokenRefused(String),
    /// The destination answered so that nothing more can be sent (a wrong address …).
    #[error("{0}")]
    Destination(String),
    /// The destination refuses these settings (found before sending).
    #[error("{0}")]
    Settings(String),
    /// The journal could not record an accepted batch.
    #[error("{0}")]
    Journal(String),
    /// `--payload-out` could not be written.
    #[error("cannot write the payload file: {0}")]
    PayloadFile(String),
    /// No runtime could be started for the job.
    #[error("cannot start the upload: {0}")]
    CouldNotStart(String),
}

/// Why a row was not sent (or sent and given up on).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotSentReason {
    #[error("cancelled before it was sent")]
    Cancelled,
    #[error("not sent: {0}")]
    Stopped(StopReason),
    #[error("the server kept asking to wait")]
    KeptWaiting,
    #[error("gave up after {attempts} attempts: {reason}")]
    GaveUp { attempts: u32, reason: String },
    #[error("the upload could not start")]
    CouldNotStart,
}
