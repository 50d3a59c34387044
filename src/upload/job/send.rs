//! One batch, from its first attempt until it is settled: log in, wait for a send
//! slot, send, and act on the answer (journal and count it, split it, wait, retry,
//! renew the token, or stop the upload).

use std::time::{Duration, Instant};

use super::super::destination::{Answer, Refusal};
use super::super::events::{JobState, UploadEvent};
use super::super::journal::entry_hash;
use super::super::stop_reason::{NotSentReason, StopReason};
use super::Job;
use super::batch::Batch;
use super::entries::EntryState;
use super::retry::Attempts;
use super::token_keeper::TokenError;
use crate::api::Token;

/// One request as it goes on the wire, and the journal hashes of its entries.
struct Request {
    body: Vec<u8>,
    hashes: Vec<u64>,
}

/// What becomes of a batch after an answer.
enum Next {
    /// Send it again.
    Again,
    /// Settled, leaving these halves to send.
    Settled(Vec<Batch>),
}

const SETTLED: Next = Next::Settled(Vec::new());

impl Job {
    /// Sends one batch until it is settled. Returns halves to send when the
    /// destination refused the batch for its entries and it has more than one.
    pub(super) async fn send_batch(&self, batch: Batch) -> Vec<Batch> {
        let request = self.request(&batch.entries);
        let mut attempts = Attempts::default();
        loop {
            if self.stop.stopping() {
                self.settle_unsent(&batch.entries);
                return Vec::new();
            }
            let Some(token) = self.ready_to_send().await else {
                continue;
            };
            if let Err(e) = self.begin_attempt(&batch, &request, &mut attempts) {
                self.stop.fail(e);
                continue;
            }
            let sent_at = Instant::now();
            let answer = self.destination.send(&token, request.body.clone()).await;
            self.counters.answered(sent_at.elapsed());
            let next = self
                .on_answer(answer, &batch, &request, &token, &mut attempts)
                .await;
            if let Next::Settled(halves) = next {
                return halves;
            }
        }
    }

    fn request(&self, entries: &[u32]) -> Request {
        let entries: Vec<_> = entries.iter().map(|&e| self.entries.json(e)).collect();
        let hashes = entries
            .iter()
            .map(|e| entry_hash(&serde_json::to_vec(e).expect("JSON")))
            .collect();
        Request {
            body: self.destination.request_body(entries),
            hashes,
        }
    }

    /// A token good for a send now, once a send slot is reached; `None` to start the
    /// attempt over (stopping, told to wait, or the token ran into its margin).
    async fn ready_to_send(&self) -> Option<Token> {
        // Log in first (it can take a while), then wait for a send slot, then make
        // sure the token is still good for the send (design.md §4).
        let token = match self.token().await {
            Ok(t) => t,
            Err(TokenError::Failed(e)) if !self.stop.stopping() => {
                self.stop.fail(StopReason::Login {
                    service: self.destination.name().to_string(),
                    reason: e.to_string(),
                });
                return None;
            }
            Err(_) => return None,
        };
        let slot = self
            .limiter
            .lock()
            .expect("limiter")
            .reserve(Instant::now());
        // Never send before the reserved slot, however short the wait.
        let wait = slot.saturating_duration_since(Instant::now());
        if !wait.is_zero() {
            if wait > Duration::from_millis(50) {
                self.counters.set_state(JobState::WaitingForLimit);
            }
            if !self.stop.sleep(wait).await {
                return None;
            }
        }
        // The server may have said to wait while this worker slept: every worker
        // honours it, not only the one that was told (design.md §4).
        let told_to_wait = self
            .limiter
            .lock()
            .expect("limiter")
            .paused_at(Instant::now())
            .is_some();
        // A wait into the renewal margin: log in again and take a new slot (this one
        // stays used, which only slows us a little).
        (!told_to_wait && !token.needs_renewal(Instant::now())).then_some(token)
    }

    /// Counts the attempt about to be made; the first writes the body to
    /// `--payload-out`.
    fn begin_attempt(
        &self,
        batch: &Batch,
        request: &Request,
        attempts: &mut Attempts,
    ) -> Result<(), StopReason> {
        self.counters.set_state(JobState::Sending);
        if attempts.made == 0
            && let Some(out) = &self.cfg.payload_out
        {
            out.write(&request.body)
                .map_err(|e| StopReason::PayloadFile(e.to_string()))?;
        }
        self.counters
            .request(batch.entries.len(), attempts.made > 0);
        attempts.made += 1;
        Ok(())
    }

    async fn on_answer(
        &self,
        answer: Answer,
        batch: &Batch,
        request: &Request,
        token: &Token,
        attempts: &mut Attempts,
    ) -> Next {
        match answer {
            Answer::Accepted => self.accepted(batch, request),
            Answer::Refused(refusal) => self.refused(batch, refusal),
            Answer::Stop { reason } => {
                self.stop.fail(StopReason::Destination(reason));
                Next::Again
            }
            Answer::Unauthorized { stop } => {
                if attempts.reauthorised {
                    self.stop.fail(StopReason::TokenRefused(stop));
                } else {
                    attempts.reauthorised = true;
                    self.forget_token(token).await;
                }
                Next::Again
            }
            Answer::RateLimited { retry_after } => self.rate_limited(batch, retry_after, attempts),
            Answer::Transient { reason } => self.transient(batch, reason, attempts).await,
        }
    }

    fn accepted(&self, batch: &Batch, request: &Request) -> Next {
        self.limiter.lock().expect("limiter").accepted();
        if let Some(j) = &self.journal
            && let Err(e) = j.lock().expect("journal").record(&request.hashes)
        {
            self.stop.fail(StopReason::Journal(e.to_string()));
        }
        self.settle(&batch.entries, EntryState::Accepted);
        self.emit(UploadEvent::BatchAccepted {
            entries: batch.entries.len(),
            rows: self.entries.rows_of(&batch.entries),
        });
        SETTLED
    }

    fn refused(&self, batch: &Batch, refusal: Refusal) -> Next {
        let entries = &batch.entries;
        // The upload was already stopped (most likely for this very cause, by a
        // batch in flight beside this one): these entries were not judged on their
        // own, so they are not sent rather than refused.
        if self.stop.by_fault() {
            self.settle_unsent(entries);
            return SETTLED;
        }
        // Our reading (README): a refusal of the request's settings, or the very same
        // refusal for a batch and both its halves, does not depend on the entries: no
        // more splitting, nothing more sent. No entry was refused for itself: the rows
        // are not sent, and the cause is told once, as the reason the upload stopped.
        if refusal.about_request || batch.both_halves_refused_alike(&refusal) {
            self.stop.fail(StopReason::RequestRefused {
                service: self.destination.name().to_string(),
                reason: refusal.reason(),
            });
            self.settle_unsent(entries);
            return SETTLED;
        }
        if entries.len() > 1 {
            return Next::Settled(batch.halves(refusal));
        }
        let reason = refusal.reason();
        let rows = self.entries.file_rows(entries);
        self.settle(entries, EntryState::Rejected(reason.clone()));
        self.emit(UploadEvent::Rejected { rows, reason });
        SETTLED
    }

    fn rate_limited(&self, batch: &Batch, retry_after: Duration, attempts: &mut Attempts) -> Next {
        attempts.rate_limited += 1;
        self.limiter
            .lock()
            .expect("limiter")
            .server_limited(Instant::now() + retry_after);
        self.emit(UploadEvent::RateLimited { wait: retry_after });
        if attempts.rate_limited > self.cfg.max_rate_limited {
            self.settle(
                &batch.entries,
                EntryState::NotSent(NotSentReason::KeptWaiting),
            );
            return SETTLED;
        }
        Next::Again
    }

    async fn transient(&self, batch: &Batch, reason: String, attempts: &mut Attempts) -> Next {
        attempts.transient += 1;
        let attempt = attempts.transient;
        if attempt >= self.cfg.max_attempts {
            let gave_up = NotSentReason::GaveUp {
                attempts: attempt,
                reason,
            };
            self.settle(&batch.entries, EntryState::NotSent(gave_up));
            return SETTLED;
        }
        let delay = self.backoff.delay(attempt);
        self.counters.set_state(JobState::Retrying);
        self.emit(UploadEvent::Retrying {
            attempt,
            delay,
            reason,
        });
        self.stop.sleep(delay).await;
        Next::Again
    }
}
