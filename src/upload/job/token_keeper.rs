//! The token the workers send with: one login at a time, renewed within its margin
//! before it expires, forgotten when the destination refuses it.

use std::time::Instant;

use super::super::destination::LoginFailure;
use super::super::events::{JobState, UploadEvent};
use super::Job;
use crate::api::Token;

/// The current token, if logged in.
#[derive(Default)]
pub(super) struct TokenKeeper(tokio::sync::Mutex<Option<Token>>);

/// Why no token could be had.
pub(super) enum TokenError {
    /// The upload is stopping.
    Stopped,
    Failed(LoginFailure),
}

impl Job {
    /// A token valid for a send now: logs in (again) within the renewal margin.
    pub(super) async fn token(&self) -> Result<Token, TokenError> {
        let mut guard = self.token.0.lock().await;
        if let Some(t) = guard.as_ref()
            && !t.needs_renewal(Instant::now())
        {
            return Ok(t.clone());
        }
        let renewing = guard.is_some();
        self.counters.set_state(if renewing {
            JobState::RenewingLogin
        } else {
            JobState::LoggingIn
        });
        let token = self.log_in(renewing).await?;
        *guard = Some(token.clone());
        self.counters.set_state(JobState::Sending);
        self.emit(if renewing {
            UploadEvent::TokenRenewed
        } else {
            UploadEvent::LoggedIn
        });
        Ok(token)
    }

    /// Logs in, trying again after transient failures. A first login that cannot
    /// reach the server fails fast (the user may have the wrong URL or no network);
    /// a renewal mid-upload rides out a blip.
    async fn log_in(&self, renewing: bool) -> Result<Token, TokenError> {
        let attempts = if renewing {
            self.cfg.max_attempts
        } else {
            self.cfg.max_attempts.min(3)
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.destination.log_in().await {
                Ok(t) => return Ok(t),
                Err(e) if e.transient && attempt < attempts => {
                    let delay = self.backoff.delay(attempt);
                    self.emit(UploadEvent::Retrying {
                        attempt,
                        delay,
                        reason: e.to_string(),
                    });
                    if !self.stop.sleep(delay).await {
                        return Err(TokenError::Stopped);
                    }
                }
                Err(e) => return Err(TokenError::Failed(e)),
            }
        }
    }

    /// Forgets `token` after it was refused (unless another worker already renewed it).
    pub(super) async fn forget_token(&self, token: &Token) {
        let mut guard = self.token.0.lock().await;
        if guard.as_ref().is_some_and(|t| t.value == token.value) {
            *guard = None;
        }
    }
}
