//! HTTP calls: login and ingest. One client per upload, shared by its workers.

use std::time::{Duration, Instant};

use serde::Deserialize;

use super::endpoints::Endpoints;
use super::network::{NameLookup, error_chain_text};
use super::outcome::{LoginError, Outcome, RETRY_AFTER_HEADER, classify_ingest};
use super::token::Token;
use crate::profile::AuthApp;
use crate::secret::Secret;

/// What logs in: `{username, apiKey, cdpGKey}` (documented), or with `app` set the
/// auth-app flow (observed, not documented): then `api_key` holds the refresh token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub api_key: Secret,
    pub cdp_gkey: String,
    pub app: Option<AuthApp>,
}

/// The auth-app answer's token, wherever the answer puts it: the places a public
/// client looks (pango-api.md §1.3), in its order.
fn app_token(json: &serde_json::Value) -> Option<String> {
    [
        "/data/accessToken",
        "/accessToken",
        "/data/token",
        "/token",
        "/data/access_token",
    ]
    .iter()
    .find_map(|p| json.pointer(p).and_then(|v| v.as_str()))
    .filter(|t| !t.is_empty())
    .map(str::to_string)
}

/// The auth-app answer's lifetime in seconds, if it gives one.
fn app_lifetime(json: &serde_json::Value) -> Option<f64> {
    [
        "/data/expiredAfter",
        "/expiredAfter",
        "/data/expiresIn",
        "/expiresIn",
    ]
    .iter()
    .find_map(|p| json.pointer(p).and_then(|v| v.as_f64()))
    .filter(|s| s.is_finite() && *s > 0.0)
}

/// The API client.
#[derive(Clone, Debug)]
pub struct Client {
    /// Ingest: follows a redirect only within the same origin (scheme, host, port).
    http: reqwest::Client,
    /// Login: follows no redirect at all (its body holds the API key).
    login_http: reqwest::Client,
    endpoints: Endpoints,
}

/// Where a redirect answer points, as an origin only (`https://host:port`): the path
/// and query of a `Location` are never repeated (they could hold anything).
fn redirect_target(answer: &reqwest::Response) -> String {
    answer
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|loc| answer.url().join(loc).ok())
        .map(|u| u.origin().ascii_serialization())
        .filter(|o| o != "null")
        .unwrap_or_else(|| "an address it did not give".into())
}

/// Follows a redirect only to the same origin as the request, at most 5 times, and
/// only a 307 or 308: on a 301, 302 or 303 the POST would be repeated as a GET without
/// its body, and a 2xx to that GET would be taken for a stored batch.
fn same_origin_only() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        let keeps_body = matches!(attempt.status().as_u16(), 307 | 308);
        if !same || !keeps_body {
            attempt.stop()
        } else if attempt.previous().len() > 5 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
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

/// Reads an auth-app login answer (its shape is not documented; our reading, README):
/// `success: false` is a refusal, else the token where public code looks for it; the
/// lifetime from `expiredAfter`/`expiresIn` (s), else 30 minutes.
fn app_login_answer(status: u16, bytes: &[u8]) -> Result<Token, LoginError> {
    let json: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| LoginError::BadAnswer(json_error(&e)))?;
    let refused = json.get("success").and_then(|v| v.as_bool()) == Some(false);
    match app_token(&json) {
        Some(t) if !refused => Ok(Token {
            value: Secret::new(t),
            lifetime: Duration::from_secs_f64(app_lifetime(&json).unwrap_or(1800.0).min(86_400.0)),
            received: Instant::now(),
            expired_at_ms: 0,
        }),
        Some(t) => {
            drop(t);
            Err(LoginError::NotConfirmed {
                status,
                said: Some(false),
            })
        }
        None => Err(LoginError::from_answer(status, bytes)),
    }
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
        let plain_http = [&endpoints.auth_url, &endpoints.ingest_url]
            .iter()
            .all(|u| u.starts_with("http://"));
        // With plain http only, no TLS is ever used, so the system's certificates are not
        // loaded: the sandbox works on a machine that has none.
        let builder = Self::base_builder(timeout, plain_http);
        let build = |b: reqwest::ClientBuilder| {
            b.build().map_err(|e| {
                let text = error_chain_text(&e);
                // rustls-platform-verifier's words when the system store is empty (Linux).
                if text.contains("No CA certificates were loaded") {
                    SetupError::NoTrustedCertificates
                } else {
                    SetupError::Other(text)
                }
            })
        };
        let login_http = build(
            Self::base_builder(timeout, plain_http).redirect(reqwest::redirect::Policy::none()),
        )?;
        let http = build(builder.redirect(same_origin_only()))?;
        Ok(Self {
            http,
            login_http,
            endpoints,
        })
    }

    fn base_builder(timeout: Duration, plain_http: bool) -> reqwest::ClientBuilder {
        let builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10).min(timeout))
            .timeout(timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .user_agent(concat!("PangoImporter/", env!("CARGO_PKG_VERSION")))
            // The system's lookup, with failures of a type of their own (NetFailure).
            .dns_resolver(NameLookup);
        if plain_http {
            builder.tls_certs_only([])
        } else {
            builder
        }
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// Logs in and returns a token.
    pub async fn login(&self, creds: &Credentials) -> Result<Token, LoginError> {
        let url = &self.endpoints.auth_url;
        let request = match &creds.app {
            None => self.login_http.post(url).body(
                serde_json::to_vec(&serde_json::json!({
                    "username": creds.username,
                    "apiKey": creds.api_key.expose(),
                    "cdpGKey": creds.cdp_gkey,
                }))
                .expect("JSON"),
            ),
            Some(app) => self
                .login_http
                .post(url)
                .header("refreshToken", creds.api_key.expose())
                .body(
                    serde_json::to_vec(
                        &serde_json::json!({"appId": app.app_id, "account": app.account}),
                    )
                    .expect("JSON"),
                ),
        };
        let answer = request
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .send()
            .await
            .map_err(|e| LoginError::no_answer(url, &e))?;
        let status = answer.status().as_u16();
        if (300..400).contains(&status) {
            return Err(LoginError::Redirected {
                status,
                to: redirect_target(&answer),
            });
        }
        let bytes = answer
            .bytes()
            .await
            .map_err(|e| LoginError::no_answer(url, &e))?;
        if !(200..300).contains(&status) {
            return Err(LoginError::from_answer(status, &bytes));
        }
        if creds.app.is_some() {
            return app_login_answer(status, &bytes);
        }
        let a: LoginAnswer =
            serde_json::from_slice(&bytes).map_err(|e| LoginError::BadAnswer(json_error(&e)))?;
        // Our reading (README): only `success: true` with a token is a login. A token
        // without it (absent or false) is refused and dropped here, unread and unquoted:
        // the error carries the answer's `message` at most.
        let token = match (a.success, a.token) {
            (Some(true), Some(t)) if !t.is_empty() => t,
            (_, Some(t)) if !t.is_empty() => {
                drop(t);
                return Err(LoginError::NotConfirmed {
                    status,
                    said: a.success,
                });
            }
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
        let request = self
            .http
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/json");
        let request = match &creds.app {
            None => request
                .header("TOKEN", token.value.expose())
                .header("API_KEY", creds.api_key.expose()),
            Some(app) => request
                .header("AccessToken", format!("Bearer {}", token.value.expose()))
                .header("OrgId", &app.org_id),
        };
        let sent = request.body(body).send().await;
        let answer = match sent {
            Ok(a) => a,
            Err(e) => {
                return Outcome::Transient {
                    reason: if e.is_timeout() {
                        "no answer in time (the batch may have been stored; it is safe to send again)".into()
                    } else {
                        format!("connection failed: {}", error_chain_text(&e))
                    },
                };
            }
        };
        let status = answer.status().as_u16();
        if (300..400).contains(&status) {
            return Outcome::Redirected {
                status,
                to: redirect_target(&answer),
            };
        }
        let retry_after = answer
            .headers()
            .get(RETRY_AFTER_HEADER)
            .map(|v| v.to_str().unwrap_or("").to_string());
        match answer.bytes().await {
            Ok(bytes) => classify_ingest(status, retry_after.as_deref(), &bytes),
            // A 2xx is stored unless its JSON says `success: false` (design.md §4); a
            // body cut off while being read cannot say that: stored, never re-sent.
            Err(_) if (200..300).contains(&status) => Outcome::Accepted,
            Err(e) => Outcome::Transient {
                reason: format!("the answer was cut off: {}", error_chain_text(&e)),
            },
        }
    }
}

/// What was wrong with a JSON answer, by kind and position only. serde's own message quotes
/// a value it could not read as the expected type ("invalid type: integer `…`"), and in a
/// login answer that value can be the token.
fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let kind = match e.classify() {
        Category::Io => "it could not be read",
        Category::Syntax => "it is not valid JSON",
        Category::Data => "a field has an unexpected type or value",
        Category::Eof => "it ends too early",
    };
    format!("{kind} (line {}, column {})", e.line(), e.column())
}
