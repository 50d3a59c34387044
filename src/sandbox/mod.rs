//! A local stand-in for PangoCDP's Data Ingestion API: the same paths, auth and
//! ingest contract as pango-api.md §0–§2, strict checking of what is sent, the
//! five rate windows, token expiry and seeded fault injection. Records are kept
//! by key (upsert) in memory and, when asked, in a data directory a user can open.
//!
//! It listens on 127.0.0.1 only. `pango-importer-cli sandbox` runs one; the
//! library starts one in-process on a free port (the wizard's "try without an
//! account", and the tests).
//!
//! Where the docs are silent, the choices are the sandbox's own and are written
//! at the top of the file that makes them: `auth.rs` (401 for wrong credentials,
//! the ingest 401 body), `ingest.rs` (429 for rate limiting, the 200 body, the
//! query), `limits.rs` (sliding windows), `envelope.rs` and `entry_check.rs` (what
//! is refused), `store.rs` (keys, files, `ignoredUpdateCfs`).

mod auth;
mod config;
mod entry_check;
#[cfg(test)]
mod entry_check_tests;
mod envelope;
mod faults;
mod fields;
mod ingest;
mod limits;
mod reply;
mod sample;
mod server;
mod store;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

pub use config::{
    Account, AnswerStyle, AppAccount, FaultKind, Faults, RateLimit, SandboxConfig,
    documented_limits, parse_duration, parse_limits,
};
pub use envelope::MAX_ENTRIES;
pub use ingest::RETRY_AFTER_HEADER;
pub use sample::sample_entry;

/// Path of the login endpoint (as observed in third-party clients, pango-api.md §0).
pub const AUTH_PATH: &str = "/api/accounts/authen";
/// Path of the ingest endpoint.
pub const INGEST_PATH: &str = "/dhub-i/api/v1.0/ingest";
/// Path of the auth-app login (observed in public code, pango-api.md §1.3).
pub(crate) const AUTH_APP_ROUTE: &str = "/api/v1.0/auth-app/{org_id}/authen";
pub use crate::profile::INGEST_V2_PATH;

/// A running sandbox server. Dropping it stops it (as [`Sandbox::shutdown`]).
pub struct Sandbox {
    running: server::Running,
}

impl std::fmt::Debug for Sandbox {
    /// Shows where it listens; never its accounts' keys or tokens.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.running.addr)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts on 127.0.0.1 (never another interface) on its own thread with its
    /// own tokio runtime; returns once it is listening. Usable from sync code and
    /// from inside another tokio runtime.
    pub fn start(config: SandboxConfig) -> std::io::Result<Sandbox> {
        Ok(Sandbox {
            running: server::Running::start(config)?,
        })
    }

    /// The address it listens on (127.0.0.1 and the port).
    pub fn addr(&self) -> SocketAddr {
        self.running.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.running.addr)
    }

    /// `{base}/api/accounts/authen`
    pub fn auth_url(&self) -> String {
        format!("{}{AUTH_PATH}", self.base_url())
    }

    /// `{base}/dhub-i/api/v1.0/ingest`
    pub fn ingest_url(&self) -> String {
        format!("{}{INGEST_PATH}", self.base_url())
    }

    /// `{base}/api/v1.0/auth-app/{org_id}/authen` (the auth-app login).
    pub fn auth_app_url(&self, org_id: &str) -> String {
        format!("{}/api/v1.0/auth-app/{org_id}/authen", self.base_url())
    }

    /// `{base}/dhub-i/api/v2.0/ingest` (the auth-app flow's ingest).
    pub fn ingest_v2_url(&self) -> String {
        format!("{}{INGEST_V2_PATH}", self.base_url())
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        self.running.shared.lock().stats.clone()
    }

    /// Records stored for an object type: key text -> entry JSON (the last write).
    /// A key is the values of the type's key fields joined with " / ".
    pub fn records(&self, object_type: &str) -> BTreeMap<String, serde_json::Value> {
        self.running.shared.lock().store.records(object_type)
    }

    /// Stops accepting, finishes in-flight requests, flushes the data dir.
    pub fn shutdown(mut self) {
        self.running.stop();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.running.stop();
    }
}

/// What the sandbox has seen, since it started.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    /// Login requests (any outcome).
    pub auth_requests: u64,
    /// Ingest requests (any outcome, rate-limited ones included).
    pub ingest_requests: u64,
    /// Batches that passed every check and were stored (stored-then-500 included).
    pub accepted_batches: u64,
    /// Batches refused with 400 (envelope, entries or query).
    pub rejected_batches: u64,
    /// Ingest requests answered 429.
    pub rate_limited: u64,
    /// Faults actually injected (a stored-then-500 drawn for a batch refused with
    /// 400 is not counted: the 400 wins).
    pub faults_injected: u64,
    /// Entries written, counting re-writes.
    pub entries_stored: u64,
    /// Ingest requests answered 401.
    pub unauthorized: u64,
    /// Arrival time (since server start) of every ingest request, for window checks in tests.
    pub arrivals: Vec<Duration>,
    /// Arrival time of the ingest requests the rate limits let through.
    pub admitted: Vec<Duration>,
    /// For each key ever written: how many times it was written (exactly-once checks).
    pub writes_per_key: BTreeMap<(String, String), u32>,
}

impl Stats {
    /// The most of `times` that fall in any window of length `window` (a window
    /// holding `t` covers `[t, t + window)`).
    pub fn max_in_window(times: &[Duration], window: Duration) -> usize {
        let mut sorted = times.to_vec();
        sorted.sort();
        let mut start = 0;
        let mut best = 0;
        for end in 0..sorted.len() {
            while sorted[end] - sorted[start] >= window {
                start += 1;
            }
            best = best.max(end - start + 1);
        }
        best
    }
}
