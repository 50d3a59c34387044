//! HTTP calls: login and ingest. One client per upload, shared by its workers.

use std::time::{Duration, Instant};

use serde::Deserialize;

use super::endpoints::Endpoints;
use super::outcome::{LoginError, Outcome, RETRY_AFTER_HEADER, classify_ingest};
use super::token::Token;
use crate::secret::Secret;

/// What logs in: `{username, apiKey, cdpGKey}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub api_key: Secret,
    pub cdp_gkey: String,
}

/// The API client.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    endpoints: Endpoints,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoginAnswer {
    success: Option<bool>,
    token: Option<String>,
    expired_after: Option<f64>,
    expired_at: Option<i64>,
    issued_at: Option<i64>,
}

fn describe(e: &reqwest::Error) -> String {
    // The error chain says what happened (refused, DNS, TLS …) without any secret.
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

/// Why a client could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The system has no trusted root certificates (on Linux: no `ca-certificates`), so an
    /// https server's identity cannot be checked. A plain-http server (the sandbox) needs none.
    #[error(
        "this computer has no trusted root certificates, so the identity of an https server cannot be checked; install them (Debian/Ubuntu: sudo apt install ca-certificates)"
    )]
    NoTrustedCertificates,
    #[error("cannot set up HTTP: {0}")]
    Other(String),
}

impl From<SetupError> for String {
    fn from(e: SetupError) -> Self {
        e.to_string()
    }
}

/// reqwest is built without a default TLS crypto provider (to avoid aws-lc's C
/// build): installs ring's for the process. Harmless to call more than once.
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Client {
    /// A client for `endpoints`, with `timeout` per request.
    pub fn new(endpoints: Endpoints, timeout: Duration) -> Result<Self, SetupError> {
        install_tls_provider();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10).min(timeout))
            .timeout(timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .user_agent(concat!("PangoImporter/", env!("CARGO_PKG_VERSION")));
        let plain_http = [&endpoints.auth_url, &endpoints.ingest_url]
            .iter()
            .all(|u| u.starts_with("http://"));
        if plain_http {
            // No TLS is ever used, so the system's certificates are not loaded: the sandbox
            // works on a machine that has none.
            builder = builder.tls_certs_only([]);
        }
        let http = builder.build().map_err(|e| {
            let text = describe(&e);
            // rustls-platform-verifier's words when the system store is empty (Linux).
            if text.contains("No CA certificates were loaded") {
                SetupError::NoTrustedCertificates
            } else {
                SetupError::Other(text)
            }
        })?;
        Ok(Self { http, endpoints })
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// Logs in and returns a token.
    pub async fn login(&self, creds: &Credentials) -> Result<Token, LoginError> {
        let body = serde_json::json!({
            "username": creds.username,
            "apiKey": creds.api_key.expose(),
            "cdpGKey": creds.cdp_gkey,
        });
        let url = &self.endpoints.auth_url;
        let answer = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(&body).expect("JSON"))
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    LoginError::Timeout(describe(&e))
                } else {
                    LoginError::Unreachable {
                        url: url.clone(),
                        reason: describe(&e),
                    }
                }
            })?;
        let status = answer.status().as_u16();
        let bytes = answer.bytes().await.map_err(|e| LoginError::Unreachable {
            url: url.clone(),
            reason: describe(&e),
        })?;
        if !(200..300).contains(&status) {
            return Err(LoginError::from_answer(status, &bytes));
        }
        let a: LoginAnswer =
            serde_json::from_slice(&bytes).map_err(|e| LoginError::BadAnswer(format!("{e}")))?;
        let token = match (a.success, a.token) {
            (Some(true), Some(t)) if !t.is_empty() => t,
            _ => return Err(LoginError::from_answer(status, &bytes)),
        };
        // expiredAfter (s) is the lifetime; expiredAt − issuedAt (ms) is the same when it is absent.
        let lifetime = match (a.expired_after, a.expired_at, a.issued_at) {
            (Some(s), _, _) if s.is_finite() && s > 0.0 => Duration::from_secs_f64(s.min(86_400.0)),
            (_, Some(exp), Some(iss)) if exp > iss => Duration::from_millis((exp - iss) as u64),
            _ => Duration::from_secs(1800),
        };
        Ok(Token {
            value: Secret::new(token),
            lifetime,
            received: Instant::now(),
            expired_at_ms: a.expired_at.unwrap_or_default(),
        })
    }

    /// Sends one request body (already serialised) to the ingest endpoint.
    pub async fn ingest(
        &self,
        token: &Token,
        creds: &Credentials,
        body: Vec<u8>,
        init_data: bool,
    ) -> Outcome {
        let mut url = self.endpoints.ingest_url.clone();
        if init_data {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str("initData=true");
        }
        let sent = self
            .http
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("TOKEN", token.value.expose())
            .header("API_KEY", creds.api_key.expose())
            .body(body)
            .send()
            .await;
        let answer = match sent {
            Ok(a) => a,
            Err(e) => {
                return Outcome::Transient {
                    reason: if e.is_timeout() {
                        "no answer in time (the batch may have been stored; it is safe to send again)".into()
                    } else {
                        format!("connection failed: {}", describe(&e))
                    },
                };
            }
        };
        let status = answer.status().as_u16();
        let retry_after = answer
            .headers()
            .get(RETRY_AFTER_HEADER)
            .map(|v| v.to_str().unwrap_or("").to_string());
        match answer.bytes().await {
            Ok(bytes) => classify_ingest(status, retry_after.as_deref(), &bytes),
            Err(e) => Outcome::Transient {
                reason: format!("the answer was cut off: {}", describe(&e)),
            },
        }
    }
}
