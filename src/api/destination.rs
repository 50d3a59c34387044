//! Pango as an upload destination: the client's login and ingest behind the upload
//! job's [`Destination`] seam, with Pango's envelope, limits and answers.

use serde_json::Value as Json;

use super::client::{Client, Credentials};
use super::outcome::{LoginError, Outcome};
use super::token::Token;
use crate::mapping::Plan;
use crate::payload::MAX_BATCH;
use crate::upload::{
    Answer, DOCUMENTED_LIMITS, Destination, DestinationFuture, Envelope, Limits, LoginFailure,
    Refusal, UploadConfig,
};

/// Pango's Data Ingestion API, for one upload (its envelope settled).
#[derive(Clone, Debug)]
pub struct PangoDestination {
    client: Client,
    creds: Credentials,
    envelope: Envelope,
    /// Why the envelope cannot be sent, if it cannot.
    envelope_problem: Option<String>,
}

impl PangoDestination {
    /// The destination for an upload of `plan` with `cfg` (its envelope checked).
    pub fn new(client: Client, creds: Credentials, cfg: &UploadConfig, plan: &Plan) -> Self {
        let envelope = cfg.envelope(plan);
        let envelope_problem = envelope.check(plan).err().map(|e| e.to_string());
        Self {
            client,
            creds,
            envelope,
            envelope_problem,
        }
    }
}

/// Whether trying to log in again may help: the server was not reached, or failed.
fn login_failure(e: LoginError) -> LoginFailure {
    let transient = matches!(
        e,
        LoginError::Unreachable { .. } | LoginError::Timeout(_) | LoginError::Server { .. }
    );
    LoginFailure {
        reason: e.to_string(),
        transient,
    }
}

/// What an ingest outcome means to the upload job.
fn answer(outcome: Outcome) -> Answer {
    match outcome {
        Outcome::Accepted => Answer::Accepted,
        Outcome::Rejected {
            status,
            error_code,
            message,
            envelope,
        } => Answer::Refused(Refusal {
            status,
            code: error_code,
            names_entry: message.contains("entries["),
            message,
            about_request: envelope,
        }),
        Outcome::Redirected { status, to } => Answer::Stop {
            reason: format!(
                "the ingest URL answered with a redirect (HTTP {status}) to {to}; it was not followed (only a 307 or 308 to the same address is): check the ingest URL in the profile or PANGO_INGEST_URL"
            ),
        },
        Outcome::WrongEndpoint { status, message } => Answer::Stop {
            reason: format!(
                "the ingest URL answered HTTP {status} ({message}): check the URL in the profile or PANGO_INGEST_URL"
            ),
        },
        Outcome::Unauthorized { status, message } => Answer::Unauthorized {
            stop: format!(
                "Pango refused the login token twice (HTTP {status}: {message}); check the API key and organisation key"
            ),
        },
        Outcome::RateLimited { retry_after } => Answer::RateLimited { retry_after },
        Outcome::Transient { reason } => Answer::Transient { reason },
    }
}

impl Destination for PangoDestination {
    fn name(&self) -> &str {
        "Pango"
    }

    fn limits(&self) -> Limits {
        Limits {
            max_batch: MAX_BATCH,
            rate_windows: DOCUMENTED_LIMITS.to_vec(),
        }
    }

    fn settings_problem(&self) -> Option<String> {
        self.envelope_problem.clone()
    }

    fn request_body(&self, entries: Vec<Json>) -> Vec<u8> {
        serde_json::to_vec(&self.envelope.body(entries)).expect("JSON")
    }

    fn log_in(&self) -> DestinationFuture<'_, Result<Token, LoginFailure>> {
        Box::pin(async move { self.client.login(&self.creds).await.map_err(login_failure) })
    }

    fn send<'a>(&'a self, token: &'a Token, body: Vec<u8>) -> DestinationFuture<'a, Answer> {
        let init_data = self.envelope.init_data;
        Box::pin(async move {
            answer(
                self.client
                    .ingest(token, &self.creds, body, init_data)
                    .await,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::classify_ingest;
    use std::time::Duration;

    #[test]
    fn pangos_answers_mean_what_the_job_acts_on() {
        let refused = answer(classify_ingest(
            400,
            None,
            br#"{"success":false,"errorCode":"MISSING_INFO","message":"entries[2].phone: bad"}"#,
        ));
        let Answer::Refused(r) = refused else {
            panic!("{refused:?}")
        };
        assert!(r.names_entry && !r.about_request);
        assert_eq!(r.reason(), "MISSING_INFO: entries[2].phone: bad");
        assert!(matches!(
            answer(classify_ingest(404, None, b"")),
            Answer::Stop { reason } if reason.contains("404") && reason.contains("PANGO_INGEST_URL")
        ));
        assert!(matches!(
            answer(classify_ingest(401, None, b"")),
            Answer::Unauthorized { stop } if stop.starts_with("Pango refused the login token twice")
        ));
        assert_eq!(
            answer(classify_ingest(429, Some("2"), b"")),
            Answer::RateLimited {
                retry_after: Duration::from_secs(2)
            }
        );
    }

    #[test]
    fn only_a_login_that_did_not_reach_a_verdict_is_tried_again() {
        let unreachable = LoginError::Unreachable {
            url: "http://127.0.0.1:9".into(),
            reason: "refused".into(),
            failure: crate::api::NetFailure::Refused,
        };
        assert!(login_failure(unreachable).transient);
        assert!(login_failure(LoginError::Timeout("10 s".into())).transient);
        assert!(!login_failure(LoginError::WrongKey("no".into())).transient);
    }
}
