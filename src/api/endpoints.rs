//! Where the API lives, and the rule that keeps keys off plain HTTP.

/// The two URLs the client calls, used as given (only `?initData=…` is appended).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    pub auth_url: String,
    pub ingest_url: String,
}

impl Endpoints {
    /// Checks both URLs with [`check_url`].
    pub fn new(auth_url: &str, ingest_url: &str) -> Result<Self, String> {
        check_url(auth_url)?;
        check_url(ingest_url)?;
        Ok(Self {
            auth_url: auth_url.trim().to_string(),
            ingest_url: ingest_url.trim().to_string(),
        })
    }
}

pub use crate::profile::check_url;
