//! What an answer from the API means.

use std::time::Duration;

use super::network::{NetFailure, error_chain_text};

/// The header the API sets when a client is rate limited (pango-api.md §2.4).
pub const RETRY_AFTER_HEADER: &str = "X-Rate-Limit-Retry-After-Seconds";

/// The meaning of one ingest answer (or of its absence).
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// 2xx, unless its JSON says `success: false`: stored (asynchronously) by Pango.
    /// The 200 body is not documented, so a 2xx without `success` (or with no JSON at
    /// all) is stored too, never re-sent (design.md §4).
    Accepted,
    /// The batch was refused as a whole (400, or 2xx with `success: false`).
    Rejected {
        status: u16,
        error_code: Option<String>,
        message: String,
        /// The message is about the envelope (objectType, source, jeConfigId,
        /// jeEventKey, ignoredUpdateCfs, initData), not about any entry: splitting
        /// the batch cannot help.
        envelope: bool,
    },
    /// 401/403: the token is missing, expired or not accepted.
    Unauthorized { status: u16, message: String },
    /// 404/405/410: the URL is not an ingest endpoint. Splitting the batch would
    /// not help; nothing more should be sent.
    WrongEndpoint { status: u16, message: String },
    /// A redirect that was not followed: to another origin (scheme, host or port), or
    /// one other than 307/308 (which would turn the POST into a GET without its body).
    Redirected { status: u16, to: String },
    /// 429, or another non-2xx answer carrying the retry-after header.
    RateLimited { retry_after: Duration },
    /// 5xx, a timeout, a reset: the batch may or may not have been stored.
    Transient { reason: String },
}

/// Reads the retry-after header as decimal seconds; 0, missing or unreadable → 1 s.
pub fn parse_retry_after(value: Option<&str>) -> Duration {
    value
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| Duration::from_secs_f64(s.min(24.0 * 3600.0)))
        .unwrap_or(Duration::from_secs(1))
}

fn text_field(body: &serde_json::Value, key: &str) -> Option<String> {
    body.get(key).and_then(|v| v.as_str()).map(str::to_string)
}

/// What an answer says about itself, for a message: its JSON `message` only. The raw
/// body is never quoted (it may hold a token); its size is said instead.
pub(crate) fn answer_message(json: &serde_json::Value, body: &[u8]) -> String {
    match text_field(json, "message").filter(|m| !m.trim().is_empty()) {
        Some(m) => m,
        None if body.is_empty() => "the answer was empty".into(),
        None => format!("the answer ({} bytes) carried no message", body.len()),
    }
}

/// The envelope keys a refusal can name (pango-api.md §2.2, plus the query's `initData`).
const ENVELOPE_KEYS: [&str; 6] = [
    "objecttype",
    "source",
    "jeconfigid",
    "jeeventkey",
    "ignoredupdatecfs",
    "initdata",
];

/// Whether a refusal's message is about the envelope rather than about an entry: it
/// names an envelope key, as a whole word, and no entry (`entries[3].source` is an
/// entry's field; so are `sourceChannel` and `resource`, which only contain a key).
fn about_envelope(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    !lower.contains("entries[")
        && lower
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|word| ENVELOPE_KEYS.contains(&word))
}

/// Classifies an ingest answer from its status, retry-after header and body.
pub fn classify_ingest(status: u16, retry_after: Option<&str>, body: &[u8]) -> Outcome {
    let json: serde_json::Value = serde_json::from_slice(body).unwrap_or(serde_json::Value::Null);
    let success = json.get("success").and_then(|v| v.as_bool());
    // On a 2xx the header means nothing: servers may send it on every answer.
    if (200..300).contains(&status) && success != Some(false) {
        return Outcome::Accepted;
    }
    if status == 429 || (retry_after.is_some() && !(200..300).contains(&status)) {
        return Outcome::RateLimited {
            retry_after: parse_retry_after(retry_after),
        };
    }
    let message = answer_message(&json, body);
    match status {
        401 | 403 => Outcome::Unauthorized { status, message },
        404 | 405 | 410 => Outcome::WrongEndpoint { status, message },
        408 | 500..=599 => Outcome::Transient {
            reason: format!("HTTP {status}: {message}"),
        },
        _ => Outcome::Rejected {
            status,
            error_code: text_field(&json, "errorCode"),
            envelope: about_envelope(&message),
            message,
        },
    }
}

/// Why logging in failed, in terms a user can act on.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoginError {
    #[error("the username or API key was not accepted: {0}")]
    WrongKey(String),
    #[error("the organisation key (cdpGKey) is missing or not known to Pango: {0}")]
    Organisation(String),
    #[error("username and API key are required: {0}")]
    MissingInfo(String),
    /// No answer came: `failure` says why, by type (offline, refused, TLS …).
    #[error("cannot reach the server at {url}: {reason}")]
    Unreachable {
        url: String,
        reason: String,
        failure: NetFailure,
    },
    #[error("the server did not answer in time ({0})")]
    Timeout(String),
    #[error("the server answered HTTP {status}: {message}")]
    Server { status: u16, message: String },
    #[error("the server's answer is not a login answer: {0}")]
    BadAnswer(String),
    #[error(
        "the login URL answered with a redirect (HTTP {status}) to {to}; a login is never redirected (its body holds the API key), so nothing was sent there: check the login (auth) URL in the profile or PANGO_AUTH_URL"
    )]
    Redirected { status: u16, to: String },
    #[error(
        "the login answer (HTTP {status}) held a token but {}; it was not used: check the login (auth) URL in the profile or PANGO_AUTH_URL",
        match said { Some(false) => "said success: false", _ => "did not say success: true" }
    )]
    NotConfirmed { status: u16, said: Option<bool> },
    #[error("{0}")]
    Refused(String),
}

impl LoginError {
    /// A login request that got no answer: a timeout, or the server unreachable (with
    /// why, classified by type).
    pub fn no_answer(url: &str, e: &reqwest::Error) -> LoginError {
        let failure = NetFailure::of(e);
        match failure {
            NetFailure::TimedOut { .. } => LoginError::Timeout(error_chain_text(e)),
            _ => LoginError::Unreachable {
                url: url.to_string(),
                reason: error_chain_text(e),
                failure,
            },
        }
    }

    /// The network failure behind this error, when no answer came.
    pub fn net_failure(&self) -> Option<NetFailure> {
        match self {
            LoginError::Unreachable { failure, .. } => Some(*failure),
            LoginError::Timeout(_) => Some(NetFailure::TimedOut { connecting: false }),
            _ => None,
        }
    }

    /// From an auth answer that was not a success.
    pub fn from_answer(status: u16, body: &[u8]) -> LoginError {
        let json: serde_json::Value =
            serde_json::from_slice(body).unwrap_or(serde_json::Value::Null);
        let message = answer_message(&json, body);
        let code = text_field(&json, "errorCode").unwrap_or_default();
        let lower = message.to_lowercase();
        if lower.contains("organization")
            || lower.contains("organisation")
            || lower.contains("cdpgkey")
        {
            LoginError::Organisation(message)
        } else if code == "MISSING_INFO" || lower.contains("required") {
            LoginError::MissingInfo(message)
        } else if matches!(status, 400 | 401 | 403) {
            LoginError::WrongKey(message)
        } else {
            LoginError::Server { status, message }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_classified_as_the_docs_and_our_reading_say() {
        assert_eq!(
            classify_ingest(200, None, br#"{"success":true}"#),
            Outcome::Accepted
        );
        assert!(matches!(
            classify_ingest(200, None, br#"{"success":false,"message":"x"}"#),
            Outcome::Rejected { status: 200, .. }
        ));
        assert_eq!(
            classify_ingest(
                400,
                None,
                br#"{"success":false,"errorCode":"MISSING_INFO","message":"Invalid value of: objectType"}"#
            ),
            Outcome::Rejected {
                status: 400,
                error_code: Some("MISSING_INFO".into()),
                message: "Invalid value of: objectType".into(),
                envelope: true,
            }
        );
        assert!(matches!(
            classify_ingest(401, None, b""),
            Outcome::Unauthorized { .. }
        ));
        assert_eq!(
            classify_ingest(429, Some("2.5"), b""),
            Outcome::RateLimited {
                retry_after: Duration::from_millis(2500)
            }
        );
        // Any status with the header is rate limiting (the status is undocumented).
        assert_eq!(
            classify_ingest(503, Some("0"), b""),
            Outcome::RateLimited {
                retry_after: Duration::from_secs(1)
            }
        );
        assert!(matches!(
            classify_ingest(502, None, b"<html>"),
            Outcome::Transient { .. }
        ));
    }

    #[test]
    fn a_2xx_is_stored_unless_it_says_success_false_and_ignores_the_retry_header() {
        // The 200 body is not documented: no `success`, no JSON, nothing at all.
        for body in [&br#"{"requestId":"r1"}"#[..], b"", b"OK", b"<html></html>"] {
            assert_eq!(classify_ingest(200, None, body), Outcome::Accepted);
            assert_eq!(classify_ingest(202, Some("1"), body), Outcome::Accepted);
        }
        // A server that sends the header on every answer does not make a 2xx a wait.
        assert_eq!(
            classify_ingest(200, Some("3"), br#"{"success":true}"#),
            Outcome::Accepted
        );
        assert!(matches!(
            classify_ingest(200, Some("3"), br#"{"success":false,"message":"no"}"#),
            Outcome::Rejected { status: 200, .. }
        ));
        // On a non-2xx it still means "wait".
        assert!(matches!(
            classify_ingest(400, Some("2"), b""),
            Outcome::RateLimited { .. }
        ));
    }

    #[test]
    fn refusals_about_the_envelope_are_told_apart_from_refusals_of_entries() {
        let env = |m: &str| match classify_ingest(
            400,
            None,
            serde_json::json!({"success": false, "message": m})
                .to_string()
                .as_bytes(),
        ) {
            Outcome::Rejected { envelope, .. } => envelope,
            other => panic!("{other:?}"),
        };
        assert!(env("Invalid value of: source"));
        assert!(env("Invalid value of: jeConfigId"));
        assert!(env("ignoredUpdateCfs: customFieldX is not allowed"));
        assert!(!env("entries[3].source: unknown model"));
        assert!(!env("entries[0].email: not an e-mail address"));
        assert!(!env("Bad request"));
    }

    #[test]
    fn an_entry_field_that_begins_like_an_envelope_key_is_not_the_envelope() {
        for m in [
            "Invalid value of: sourceChannel",
            "Invalid value of: sourceId",
            "Invalid value of: resource",
            "resourceName is too long",
            "Invalid value of: objectTypeCode",
            "Invalid value of: dataSource",
        ] {
            assert!(!about_envelope(m), "{m}");
        }
        for m in [
            "Invalid value of: source",
            "Invalid value of: objectType",
            "source is required",
            "Invalid value of: jeConfigId.",
            "'initData' must be a boolean",
            "ignoredUpdateCfs: customFieldX is not allowed",
        ] {
            assert!(about_envelope(m), "{m}");
        }
    }

    #[test]
    fn messages_never_quote_a_raw_body() {
        let secret = "tok3n-abcdefghijklmnop";
        for status in [200u16, 400, 401, 404, 500] {
            let body = format!(r#"{{"success":false,"token":"{secret}"}}"#);
            let text = format!("{:?}", classify_ingest(status, None, body.as_bytes()));
            assert!(!text.contains(secret), "{status}: {text}");
            let text = format!("{:?}", classify_ingest(status, None, secret.as_bytes()));
            assert!(!text.contains(secret), "{status}: {text}");
        }
        let e = LoginError::from_answer(400, format!("token={secret}").as_bytes());
        assert!(!e.to_string().contains(secret), "{e}");
    }

    #[test]
    fn retry_after_is_decimal_seconds_with_a_floor() {
        assert_eq!(parse_retry_after(Some("0.25")), Duration::from_millis(250));
        assert_eq!(parse_retry_after(Some("abc")), Duration::from_secs(1));
        assert_eq!(parse_retry_after(Some("-3")), Duration::from_secs(1));
        assert_eq!(parse_retry_after(None), Duration::from_secs(1));
    }

    #[test]
    fn login_errors_say_what_to_fix() {
        assert!(matches!(
            LoginError::from_answer(400, br#"{"success":false,"errorCode":"MISSING_INFO","message":"Organization Context is not set"}"#),
            LoginError::Organisation(_)
        ));
        assert!(matches!(
            LoginError::from_answer(400, br#"{"success":false,"errorCode":"MISSING_INFO","message":"Username and ApiKey are required"}"#),
            LoginError::MissingInfo(_)
        ));
        assert!(matches!(
            LoginError::from_answer(401, br#"{"success":false,"errorCode":"INVALID_CREDENTIALS","message":"Username or ApiKey is incorrect"}"#),
            LoginError::WrongKey(_)
        ));
    }
}
