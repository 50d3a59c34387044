//! The seam between the upload job and the service it sends to. The job knows
//! batches, limits, retries and the journal; a destination knows how to log in,
//! how a request body looks on the wire, how to send one, and what an answer means.
//! Pango's client implements it (`api::PangoDestination`); another service is
//! another implementation, and the job does not change.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use serde_json::Value as Json;

use super::limiter::RateWindow;
use crate::api::Token;

/// A future a destination returns (boxed, so a job holds any destination as `dyn`).
pub type DestinationFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a destination takes, at most.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Entries in one request.
    pub max_batch: usize,
    /// Requests in any window (documented by the service).
    pub rate_windows: Vec<RateWindow>,
}

/// Why a login failed, as the job acts on it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct LoginFailure {
    /// The service's own words (never a secret).
    pub reason: String,
    /// Trying again may succeed (unreachable, no answer in time, a server error).
    pub transient: bool,
}

/// A request refused for what it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    /// The service's error code, if it gave one.
    pub code: Option<String>,
    pub message: String,
    /// The refusal is about the request itself (its settings), whatever its entries:
    /// splitting the batch cannot help.
    pub about_request: bool,
    /// The message names an entry: a refusal of entries, however alike two of them are.
    pub names_entry: bool,
}

impl Refusal {
    /// The reason each refused row is given.
    pub fn reason(&self) -> String {
        match &self.code {
            Some(code) => format!("{code}: {}", self.message),
            None => format!("HTTP {}: {}", self.status, self.message),
        }
    }

    /// The very same answer (status, code and message).
    pub fn same_as(&self, other: &Refusal) -> bool {
        (self.status, &self.code, &self.message) == (other.status, &other.code, &other.message)
    }
}

/// The meaning of one answer to a send (or of its absence).
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Stored: never sent again.
    Accepted,
    /// Refused: for its entries (split the batch to find them) or for itself.
    Refused(Refusal),
    /// The token was not accepted: log in again once; `stop` is what the upload
    /// stops with if a fresh token is refused too.
    Unauthorized { stop: String },
    /// Told to wait before sending again.
    RateLimited { retry_after: Duration },
    /// May or may not have been stored (5xx, timeout, reset): send again after a pause.
    Transient { reason: String },
    /// Nothing more can be sent (a wrong address …): the upload stops with this text.
    Stop { reason: String },
}

/// A service the upload job sends to.
pub trait Destination: Send + Sync {
    /// The service's name, as messages say it ("Pango").
    fn name(&self) -> &str;

    /// Its documented limits.
    fn limits(&self) -> Limits;

    /// Why nothing can be sent with these settings, found before sending anything.
    fn settings_problem(&self) -> Option<String> {
        None
    }

    /// The body of one request carrying `entries`, exactly as it goes on the wire.
    fn request_body(&self, entries: Vec<Json>) -> Vec<u8>;

    /// Logs in (again): a token to send with.
    fn log_in(&self) -> DestinationFuture<'_, Result<Token, LoginFailure>>;

    /// Sends one request body with `token`.
    fn send<'a>(&'a self, token: &'a Token, body: Vec<u8>) -> DestinationFuture<'a, Answer>;
}
