//! Why a request got no answer, told by the error's type (never by its text): the
//! reqwest error's flags and its chain of sources (`io::ErrorKind`, a rustls error, the
//! name lookup's own error type from [`NameLookup`]).

use std::error::Error as StdError;
use std::io;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// What went wrong on the way to an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetFailure {
    /// The server's name could not be looked up: this computer (or its DNS) is offline,
    /// or the name does not exist.
    NameNotFound,
    /// No route to the network or to the host.
    NoRoute,
    /// The host was reached but nothing answers at that port (refused, or reset while
    /// connecting).
    Refused,
    /// No answer in time; `connecting` when not even the connection was made.
    TimedOut { connecting: bool },
    /// The secure connection could not be set up (certificate, TLS handshake).
    Tls,
    /// Connected, but the HTTP exchange failed (closed early, not HTTP, too many redirects).
    Protocol,
}

impl NetFailure {
    /// Classifies a failed request by the types in its error chain.
    pub fn of(e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            return Self::TimedOut {
                connecting: e.is_connect(),
            };
        }
        let mut source: Option<&(dyn StdError + 'static)> = Some(e);
        while let Some(err) = source {
            if let Some(kind) = Self::of_one(err, e.is_connect()) {
                return kind;
            }
            source = under(err);
        }
        if e.is_connect() {
            Self::Refused
        } else {
            Self::Protocol
        }
    }

    /// What one error of the chain says, if it says anything.
    fn of_one(err: &(dyn StdError + 'static), connecting: bool) -> Option<Self> {
        if err.is::<NameNotFound>() {
            return Some(Self::NameNotFound);
        }
        if err.is::<rustls::Error>() {
            return Some(Self::Tls);
        }
        let io = err.downcast_ref::<io::Error>()?;
        if io.get_ref().is_some() {
            // Wraps another error, which says more (a TLS error is wrapped twice).
            return None;
        }
        match io.kind() {
            io::ErrorKind::ConnectionRefused => Some(Self::Refused),
            io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkDown
            | io::ErrorKind::AddrNotAvailable => Some(Self::NoRoute),
            io::ErrorKind::TimedOut => Some(Self::TimedOut { connecting }),
            io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted if connecting => {
                Some(Self::Refused)
            }
            _ => None,
        }
    }

    /// The server could not be reached at all: no name, no route, nothing listening, or
    /// no connection in time. A TLS or HTTP failure means a server was there.
    pub fn is_offline(self) -> bool {
        matches!(
            self,
            Self::NameNotFound
                | Self::NoRoute
                | Self::Refused
                | Self::TimedOut { connecting: true }
        )
    }

    /// This computer looks offline (rather than the server): the name lookup or the
    /// route failed.
    pub fn is_no_internet(self) -> bool {
        matches!(self, Self::NameNotFound | Self::NoRoute)
    }
}

/// The error under `err`: an io::Error's `source` skips the error it wraps, so that
/// one is taken instead.
fn under<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    match err.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
        Some(inner) => Some(inner as &(dyn StdError + 'static)),
        None => err.source(),
    }
}

/// A failed name lookup, as its own type so that [`NetFailure::of`] can find it.
#[derive(Debug, thiserror::Error)]
#[error("the name '{name}' could not be looked up: {source}")]
pub struct NameNotFound {
    name: String,
    source: io::Error,
}

/// The system's name lookup (getaddrinfo, as reqwest's own), whose failures are a
/// [`NameNotFound`].
#[derive(Debug, Default, Clone, Copy)]
pub struct NameLookup;

impl Resolve for NameLookup {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: io::Result<Vec<_>> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map(Iterator::collect);
            match found {
                Ok(addrs) => Ok(Box::new(addrs.into_iter()) as Addrs),
                Err(source) => Err(Box::new(NameNotFound { name: host, source }) as _),
            }
        })
    }
}

/// The error and every source under it, joined: what happened (refused, DNS, TLS …)
/// without any secret. For messages only; decisions use [`NetFailure`].
pub(crate) fn error_chain_text(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    let mut src = StdError::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

#[cfg(test)]
mod tests;
