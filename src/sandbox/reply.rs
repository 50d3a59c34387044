//! JSON answers in the API's envelope (`success`, `errorCode`, `message`, sometimes
//! `requestId`), and request helpers shared by the handlers.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

/// The largest request body read (50 entries with many items fit easily).
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// `{"success": false, "errorCode", "message"}`.
pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(
        status,
        &json!({"success": false, "errorCode": code, "message": message}),
    )
}

/// `{"success": false, "requestId", "errorCode", "message"}`.
pub(crate) fn error_with_id(
    status: StatusCode,
    request_id: &str,
    code: &str,
    message: &str,
) -> Response {
    json_response(
        status,
        &json!({"success": false, "requestId": request_id, "errorCode": code, "message": message}),
    )
}

/// The body is JSON (`application/json`, any parameters such as `charset`).
pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

pub(crate) fn not_json() -> Response {
    error(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "UNSUPPORTED_MEDIA_TYPE",
        "Content-type must be application/json",
    )
}

pub(crate) fn too_large() -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        "The request body is too large",
    )
}

/// Any path the sandbox does not serve.
pub(crate) async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "NOT_FOUND", "No such path")
}

/// `307 Temporary Redirect` to `to` (a POST is re-sent with its body by clients
/// that follow it, which is what a login must never do).
pub(crate) fn redirect(to: &str) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
    if let Ok(v) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}
