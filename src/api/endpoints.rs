//! Where the API lives, and the rule that keeps keys off plain HTTP.

use std::net::IpAddr;

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

/// `https://` is required; plain `http://` only to this machine (127.0.0.0/8,
/// `localhost`, `[::1]`), where the sandbox runs.
pub fn check_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("'{url}' is not a URL ({e})"))?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = match parsed.host() {
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
                Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
                None => false,
            };
            if loopback {
                Ok(())
            } else {
                Err(format!(
                    "'{url}' uses plain http, which would send the API key unencrypted; use https:// (plain http is allowed only for this computer, e.g. the sandbox on 127.0.0.1)"
                ))
            }
        }
        other => Err(format!("'{url}' is not an http(s) URL (scheme '{other}')")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        for ok in [
            "https://account.mydatalakes.com/api/accounts/authen",
            "http://127.0.0.1:8787/api/accounts/authen",
            "http://127.8.9.10/x",
            "http://localhost:1/x",
            "http://[::1]:99/x",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.0.0.5/x",
            "http://example.com/x",
            "ftp://127.0.0.1/x",
            "not a url",
            "",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
