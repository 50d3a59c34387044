//! `POST /api/accounts/authen` (pango-api.md §1.1) and the token check of ingest.
//!
//! Documented: the 200 body and the two 400 `MISSING_INFO` bodies. The sandbox's
//! own choices where the docs say nothing:
//! - wrong username or API key for the organization → 401
//!   `{"success":false,"errorCode":"INVALID_CREDENTIALS","message":"Username or ApiKey is incorrect"}`;
//! - username and API key are checked before `cdpGKey` (both 400s are documented,
//!   their order is not); an unknown `cdpGKey` is "Organization Context is not set";
//! - a body that is not JSON is read as an empty one (so: "Username and ApiKey are
//!   required"); a Content-Type other than JSON → 415;
//! - with `login_redirect` set, every login is answered `307` to that address (a test
//!   of clients: the login body holds the API key and must never be re-sent);
//! - ingest's 401 body is undocumented: `{"success":false,"errorCode":"UNAUTHORIZED","message":…}`.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::to_bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use super::reply::{self, MAX_BODY};
use super::server::Shared;

/// A token handed out by a login.
#[derive(Debug)]
pub(crate) struct Token {
    /// Index into the configured accounts (or, with `app`, the configured apps).
    pub account: usize,
    /// Handed out by the auth-app login: good for the v2 ingest only.
    pub app: bool,
    pub expires: Instant,
}

/// What both logins do first: count the request, answer with the configured redirect, and
/// read a JSON body (a body that is not JSON reads as `null`); the early answer otherwise.
async fn login_request(
    shared: &Shared,
    request: Request,
) -> Result<(axum::http::request::Parts, Value), Response> {
    shared.lock().stats.auth_requests += 1;
    if let Some(to) = &shared.login_redirect {
        return Err(reply::redirect(to));
    }
    let (parts, body) = request.into_parts();
    if !reply::is_json(&parts.headers) {
        return Err(reply::not_json());
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return Err(reply::too_large());
    };
    Ok((parts, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
}

pub(crate) async fn authen(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (_, body) = match login_request(&shared, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let (Some(username), Some(api_key)) = (text("username"), text("apiKey")) else {
        return reply::error(
            StatusCode::BAD_REQUEST,
            "MISSING_INFO",
            "Username and ApiKey are required",
        );
    };
    let gkey = text("cdpGKey").unwrap_or("");
    if !shared.accounts.iter().any(|a| a.cdp_gkey == gkey) {
        return reply::error(
            StatusCode::BAD_REQUEST,
            "MISSING_INFO",
            "Organization Context is not set",
        );
    }
    let Some(account) = shared
        .accounts
        .iter()
        .position(|a| a.cdp_gkey == gkey && a.username == username && same(&a.api_key, api_key))
    else {
        return reply::error(
            StatusCode::UNAUTHORIZED,
            "INVALID_CREDENTIALS",
            "Username or ApiKey is incorrect",
        );
    };

    let (token, lifetime, issued_at) = issue_token(&shared, account, false);
    reply::json_response(
        StatusCode::OK,
        &json!({
            "expiredAt": issued_at + lifetime.as_millis() as u64,
            "success": true,
            "expiredAfter": lifetime.as_secs(),
            "issuedAt": issued_at,
            "token": token,
            "status": "authenticated",
        }),
    )
}

/// A new token for account (or app) `account`, kept until its lifetime ends (expired ones
/// are dropped on the way): the token, its lifetime and when it was issued (epoch ms).
fn issue_token(shared: &Shared, account: usize, app: bool) -> (String, Duration, u64) {
    let lifetime = shared.token_lifetime;
    let issued_at = epoch_ms(SystemTime::now());
    let now = Instant::now();
    let mut state = shared.lock();
    state.tokens.retain(|_, t| t.expires > now);
    let token = state.ids.token();
    state.tokens.insert(
        token.clone(),
        Token {
            account,
            app,
            expires: now + lifetime,
        },
    );
    (token, lifetime, issued_at)
}

/// Checks the `TOKEN` and `API_KEY` headers of an ingest request; the error is the
/// 401 answer's message.
pub(crate) fn check(
    shared: &Shared,
    headers: &HeaderMap,
    now: Instant,
) -> Result<(), &'static str> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let token = header("token").ok_or("Missing TOKEN header")?;
    let api_key = header("api_key").ok_or("Missing API_KEY header")?;
    let state = shared.lock();
    let found = state
        .tokens
        .get(token)
        .filter(|t| !t.app)
        .ok_or("Invalid token")?;
    if found.expires <= now {
        return Err("Token expired");
    }
    if !same(&shared.accounts[found.account].api_key, api_key) {
        return Err("API_KEY does not belong to the token's account");
    }
    Ok(())
}

/// `POST /api/v1.0/auth-app/{orgId}/authen` (observed in public code, not documented:
/// pango-api.md §1.3): header `refreshToken`, body `{appId, account}`. The answer's
/// shape is the sandbox's own choice: `{"success": true, "data": {"accessToken",
/// "expiredAfter", "expiredAt"}}`; unknown app → 401 `INVALID_CREDENTIALS`; missing
/// parts → 400 `MISSING_INFO`.
pub(crate) async fn authen_app(
    State(shared): State<Arc<Shared>>,
    Path(org_id): Path<String>,
    request: Request,
) -> Response {
    let (parts, body) = match login_request(&shared, request).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let refresh = parts
        .headers
        .get("refreshtoken")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty());
    let (Some(app_id), Some(account), Some(refresh)) = (text("appId"), text("account"), refresh)
    else {
        return reply::error(
            StatusCode::BAD_REQUEST,
            "MISSING_INFO",
            "appId, account and the refreshToken header are required",
        );
    };
    let Some(index) = shared.apps.iter().position(|a| {
        a.org_id == org_id
            && a.app_id == app_id
            && a.account == account
            && same(&a.refresh_token, refresh)
    }) else {
        return reply::error(
            StatusCode::UNAUTHORIZED,
            "INVALID_CREDENTIALS",
            "The app, account or refresh token is not accepted",
        );
    };
    let (token, lifetime, issued_at) = issue_token(&shared, index, true);
    reply::json_response(
        StatusCode::OK,
        &json!({
            "success": true,
            "data": {
                "accessToken": token,
                "expiredAfter": lifetime.as_secs(),
                "expiredAt": issued_at + lifetime.as_millis() as u64,
            },
        }),
    )
}

/// Checks the `AccessToken: Bearer …` and `OrgId` headers of a v2 ingest request.
pub(crate) fn check_app(
    shared: &Shared,
    headers: &HeaderMap,
    now: Instant,
) -> Result<(), &'static str> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let bearer = header("accesstoken").ok_or("Missing AccessToken header")?;
    let token = bearer
        .strip_prefix("Bearer ")
        .ok_or("AccessToken must be 'Bearer <token>'")?;
    let org = header("orgid").ok_or("Missing OrgId header")?;
    let state = shared.lock();
    let found = state
        .tokens
        .get(token.trim())
        .filter(|t| t.app)
        .ok_or("Invalid token")?;
    if found.expires <= now {
        return Err("Token expired");
    }
    if shared.apps[found.account].org_id != org {
        return Err("OrgId does not belong to the token's app");
    }
    Ok(())
}

/// Compares secrets without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub(crate) fn epoch_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_millis() as u64
}
