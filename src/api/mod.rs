//! The Pango API client: login (token), ingest, and what each answer means.
//! pango-api.md §1–2; where the docs are silent, design.md §4 is our reading.

mod client;
mod destination;
mod endpoints;
mod network;
mod outcome;
mod token;

pub use client::{Client, Credentials, SetupError, install_tls_provider};
pub use destination::PangoDestination;
pub use endpoints::{Endpoints, check_url};
pub use network::{NameLookup, NameNotFound, NetFailure};
pub use outcome::{LoginError, Outcome, RETRY_AFTER_HEADER, classify_ingest, parse_retry_after};
pub use token::Token;
