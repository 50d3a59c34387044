//! `POST /dhub-i/api/v1.0/ingest[?initData=true|false]` (pango-api.md §2).
//!
//! Order of checks: rate limits (every arrival is counted first, as the real
//! server counts on arrival) → `TOKEN`/`API_KEY` → Content-Type → query → fault
//! dice → envelope and entries → store.
//!
//! The sandbox's own choices where the docs say nothing:
//! - Rate limited → **429** (the status is undocumented) with
//!   `X-Rate-Limit-Retry-After-Seconds: <decimal seconds>` and
//!   `{"success":false,"errorCode":"RATE_LIMITED","message":…}`.
//! - 200 body (undocumented): `{"success":true,"requestId":"…"}`.
//! - 401 body (undocumented): `{"success":false,"errorCode":"UNAUTHORIZED","message":…}`.
//! - Query: only `initData`, and only `true` or `false`; anything else → 400.
//! - Answer styles the docs leave open (`SandboxConfig::answer_style`): `header-always`
//!   puts `X-Rate-Limit-Retry-After-Seconds: 1` on every answer, 2xx included;
//!   `no-success` answers 200 with `{"requestId":"…"}` only.
//! - `refuse_all`: every request that passes the token check is refused with 400
//!   `{"success":false,"errorCode":"INVALID_DATA","message":…}`, whatever its entries;
//!   `ingest_redirect`: every request is answered `307` to that address.
//! - Injected 500/502/503 carry `{"success":false,"requestId","errorCode":"INTERNAL_ERROR"|
//!   "BAD_GATEWAY"|"SERVICE_UNAVAILABLE","message"}`.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::auth::{self, epoch_ms};
use super::envelope::{self, Refusal};
use super::limits::retry_after_text;
use super::reply::{self, MAX_BODY};
use super::server::{ConnKill, Shared};
use super::store::Receipt;
use super::{AnswerStyle, FaultKind};

/// The rate-limit header of pango-api.md §2.4.
pub const RETRY_AFTER_HEADER: &str = "X-Rate-Limit-Retry-After-Seconds";

pub(crate) async fn ingest(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let mut response = answer(&shared, request).await;
    if shared.answer_style == AnswerStyle::HeaderAlways
        && !response.headers().contains_key(RETRY_AFTER_HEADER)
    {
        response
            .headers_mut()
            .insert(RETRY_AFTER_HEADER, HeaderValue::from_static("1"));
    }
    response
}

async fn answer(shared: &Arc<Shared>, request: Request) -> Response {
    let now = Instant::now();
    {
        let mut state = shared.lock();
        let since_start = now.saturating_duration_since(shared.started);
        state.stats.ingest_requests += 1;
        state.stats.arrivals.push(since_start);
        if let Err(wait) = state.limiter.admit(now) {
            state.stats.rate_limited += 1;
            drop(state);
            return rate_limited(wait);
        }
        state.stats.admitted.push(since_start);
    }
    if let Some(to) = &shared.ingest_redirect {
        return reply::redirect(to);
    }
    let (parts, body) = request.into_parts();
    let checked = if parts.uri.path() == super::INGEST_V2_PATH {
        auth::check_app(shared, &parts.headers, now)
    } else {
        auth::check(shared, &parts.headers, now)
    };
    if let Err(message) = checked {
        shared.lock().stats.unauthorized += 1;
        return reply::error(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", message);
    }
    if !reply::is_json(&parts.headers) {
        return reply::not_json();
    }
    let request_id = shared.lock().ids.request_id();
    let init_data = match init_data(parts.uri.query()) {
        Ok(flag) => flag,
        Err(message) => {
            shared.lock().stats.rejected_batches += 1;
            return reply::error_with_id(
                StatusCode::BAD_REQUEST,
                &request_id,
                "MISSING_INFO",
                &message,
            );
        }
    };
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return reply::too_large();
    };
    if let Some(message) = &shared.refuse_all {
        shared.lock().stats.rejected_batches += 1;
        return reply::error_with_id(
            StatusCode::BAD_REQUEST,
            &request_id,
            "INVALID_DATA",
            message,
        );
    }

    let fault = shared.lock().dice.roll();
    match fault {
        Some(FaultKind::Drop) => {
            if let Some(kill) = parts.extensions.get::<ConnKill>() {
                shared.lock().stats.faults_injected += 1;
                kill.0.notify_one();
                // The connection task drops the socket; this future is dropped with it.
                std::future::pending::<()>().await;
            }
            return server_error(StatusCode::INTERNAL_SERVER_ERROR, &request_id);
        }
        Some(kind @ (FaultKind::Status500 | FaultKind::Status502 | FaultKind::Status503)) => {
            shared.lock().stats.faults_injected += 1;
            let status = match kind {
                FaultKind::Status502 => StatusCode::BAD_GATEWAY,
                FaultKind::Status503 => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            return server_error(status, &request_id);
        }
        Some(FaultKind::Slow) => {
            shared.lock().stats.faults_injected += 1;
            tokio::time::sleep(shared.slow).await;
        }
        Some(FaultKind::StoredThen500) | None => {}
    }

    let envelope = match envelope::parse(&bytes) {
        Ok(envelope) => envelope,
        Err(refusal) => {
            shared.lock().stats.rejected_batches += 1;
            return match refusal {
                Refusal::ObjectType => reply::error(
                    StatusCode::BAD_REQUEST,
                    "MISSING_INFO",
                    "Invalid value of: objectType",
                ),
                Refusal::MissingInfo(m) => {
                    reply::error_with_id(StatusCode::BAD_REQUEST, &request_id, "MISSING_INFO", &m)
                }
                Refusal::InvalidData(m) => {
                    reply::error_with_id(StatusCode::BAD_REQUEST, &request_id, "INVALID_DATA", &m)
                }
            };
        }
    };

    let receipt = Receipt {
        received_at_ms: epoch_ms(SystemTime::now()),
        request_id: &request_id,
        init_data,
    };
    {
        let mut state = shared.lock();
        let keys = match state.store.put(&envelope, &receipt) {
            Ok(keys) => keys,
            Err(e) => {
                drop(state);
                return reply::error_with_id(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &request_id,
                    "STORAGE_ERROR",
                    &format!("The sandbox could not write its data directory: {e}"),
                );
            }
        };
        let stats = &mut state.stats;
        stats.accepted_batches += 1;
        stats.entries_stored += keys.len() as u64;
        for key in keys {
            *stats
                .writes_per_key
                .entry((envelope.object_type.name.to_owned(), key))
                .or_insert(0) += 1;
        }
        if fault == Some(FaultKind::StoredThen500) {
            stats.faults_injected += 1;
        }
    }
    if fault == Some(FaultKind::StoredThen500) {
        return server_error(StatusCode::INTERNAL_SERVER_ERROR, &request_id);
    }
    let body = match shared.answer_style {
        AnswerStyle::NoSuccess => json!({"requestId": request_id}),
        _ => json!({"success": true, "requestId": request_id}),
    };
    reply::json_response(StatusCode::OK, &body)
}

fn rate_limited(wait: std::time::Duration) -> Response {
    let seconds = retry_after_text(wait);
    let mut response = reply::error(
        StatusCode::TOO_MANY_REQUESTS,
        "RATE_LIMITED",
        &format!("Too many requests: retry after {seconds} s"),
    );
    if let Ok(value) = HeaderValue::from_str(&seconds) {
        response.headers_mut().insert(RETRY_AFTER_HEADER, value);
    }
    response
}

fn server_error(status: StatusCode, request_id: &str) -> Response {
    let (code, message) = match status {
        StatusCode::BAD_GATEWAY => ("BAD_GATEWAY", "Bad gateway (injected by the sandbox)"),
        StatusCode::SERVICE_UNAVAILABLE => (
            "SERVICE_UNAVAILABLE",
            "Service unavailable (injected by the sandbox)",
        ),
        _ => (
            "INTERNAL_ERROR",
            "Internal server error (injected by the sandbox)",
        ),
    };
    reply::error_with_id(status, request_id, code, message)
}

/// Reads the query: nothing, or `initData=true|false`.
fn init_data(query: Option<&str>) -> Result<bool, String> {
    let mut flag = None;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name != "initData" {
            return Err(format!("Unknown query parameter: {name}"));
        }
        if flag.is_some() {
            return Err("initData given twice".to_owned());
        }
        flag = Some(match value {
            "true" => true,
            "false" => false,
            _ => return Err("Invalid value of: initData (true or false)".to_owned()),
        });
    }
    Ok(flag.unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use super::init_data;

    #[test]
    fn query() {
        assert_eq!(init_data(None), Ok(false));
        assert_eq!(init_data(Some("")), Ok(false));
        assert_eq!(init_data(Some("initData=true")), Ok(true));
        assert_eq!(init_data(Some("initData=false")), Ok(false));
        for bad in [
            "initData=1",
            "initData",
            "initData=TRUE",
            "x=1",
            "initData=true&initData=false",
        ] {
            assert!(init_data(Some(bad)).is_err(), "{bad}");
        }
    }
}
