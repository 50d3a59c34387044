//! How to upload: batch size, concurrency, limits, retries.

use std::time::Duration;

use super::super::destination::Limits;
use super::super::envelope::Envelope;
use super::super::limiter::{DEFAULT_MARGIN, DOCUMENTED_LIMITS, RateWindow};
use super::super::payload_out::PayloadSink;
use crate::mapping::Plan;
use crate::payload::MAX_BATCH;

/// How to upload.
#[derive(Clone, Debug)]
pub struct UploadConfig {
    /// Entries a request, 1–50 (and never more than the destination takes).
    pub batch_size: usize,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// The windows the job keeps under (the default: Pango's documented limits).
    pub limits: Vec<RateWindow>,
    pub margin: f64,
    /// The envelope's `source` (blank: the mapping's, else `PangoImporter`).
    pub source: String,
    pub init_data: bool,
    /// Attempts for a batch that meets transient failures (5xx, timeouts, resets).
    pub max_attempts: u32,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// Rate-limited answers tolerated for one batch before giving up on it.
    pub max_rate_limited: u32,
    /// Where to write each request body as it is first sent (`--payload-out`).
    pub payload_out: Option<PayloadSink>,
}

impl UploadConfig {
    /// The envelope the requests of an upload of `plan` carry.
    pub fn envelope(&self, plan: &Plan) -> Envelope {
        Envelope::new(plan, &self.source, self.init_data)
    }

    /// The defaults, within a destination's limits.
    pub fn within(limits: &Limits) -> Self {
        Self {
            batch_size: limits.max_batch,
            limits: limits.rate_windows.clone(),
            ..Self::default()
        }
    }
}

impl Default for UploadConfig {
    fn default() -> Self {
        Self {
            batch_size: MAX_BATCH,
            concurrency: 4,
            limits: DOCUMENTED_LIMITS.to_vec(),
            margin: DEFAULT_MARGIN,
            source: crate::mapping::DEFAULT_SOURCE.to_string(),
            init_data: false,
            max_attempts: 8,
            backoff_base: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            max_rate_limited: 100,
            payload_out: None,
        }
    }
}
