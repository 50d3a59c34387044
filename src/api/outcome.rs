//! What an answer from the API means.

use std::time::Duration;

/// The header the API sets when a client is rate limited (pango-api.md §2.4).
pub const RETRY_AFTER_HEADER: &str = "X-Rate-Limit-Retry-After-Seconds";

/// The meaning of one ingest answer (or of its absence).
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// 2xx and `success: true`: stored (asynchronously) by Pango.
    Accepted,
    /// The batch was refused as a whole (400, or 2xx without `success: true`).
    Rejected {
        status: u16,
        error_code: Option<String>,
        message: String,
    },
    /// 401/403: the token is missing, expired or not accepted.
    Unauthorized { status: u16, message: String },
    /// 404/405/410: the URL is not an ingest endpoint. Splitting the batch would
    /// not help; nothing more should be sent.
    WrongEndpoint { status: u16, message: String },
    /// 429, or any answer carrying the retry-after header.
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

/// Classifies an ingest answer from its status, retry-after header and body.
pub fn classify_ingest(status: u16, retry_after: Option<&str>, body: &[u8]) -> Outcome {
    if status == 429 || retry_after.is_some() {
        return Outcome::RateLimited {
            retry_after: parse_retry_after(retry_after),
        };
    }
    let json: serde_json::Value = serde_json::from_slice(body).unwrap_or(serde_json::Value::Null);
    let message = text_field(&json, "message")
        .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned());
    match status {
        200..=299 => {
            if json.get("success").and_then(|v| v.as_bool()) == Some(true) {
                Outcome::Accepted
            } else {
                Outcome::Rejected {
                    status,
                    error_code: text_field(&json, "errorCode"),
                    message: if message.is_empty() {
                        "the answer did not say success: true".into()
                    } else {
                        message
                    },
                }
            }
        }
        401 | 403 => Outcome::Unauthorized { status, message },
        404 | 405 | 410 => Outcome::WrongEndpoint { status, message },
        408 | 500..=599 => Outcome::Transient {
            reason: format!("HTTP {status}: {message}"),
        },
        _ => Outcome::Rejected {
            status,
            error_code: text_field(&json, "errorCode"),
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
    #[error("cannot reach the server at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the server did not answer in time ({0})")]
    Timeout(String),
    #[error("the server answered HTTP {status}: {message}")]
    Server { status: u16, message: String },
    #[error("the server's answer is not a login answer: {0}")]
    BadAnswer(String),
    #[error("{0}")]
    Refused(String),
}

impl LoginError {
    /// From an auth answer that was not a success.
    pub fn from_answer(status: u16, body: &[u8]) -> LoginError {
        let json: serde_json::Value =
            serde_json::from_slice(body).unwrap_or(serde_json::Value::Null);
        let message = text_field(&json, "message")
            .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned());
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
                message: "Invalid value of: objectType".into()
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
