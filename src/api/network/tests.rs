//! Failures made for real on this computer (no internet needed), classified by type.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use super::*;
use crate::api::{Client, Credentials, Endpoints, LoginError};
use crate::secret::Secret;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A plain (no TLS) client with the app's name lookup, as the API client builds it.
fn client() -> reqwest::Client {
    crate::api::install_tls_provider();
    reqwest::Client::builder()
        .tls_certs_only([])
        .dns_resolver(NameLookup)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn failure_of(url: &str) -> NetFailure {
    let e = runtime()
        .block_on(async { client().get(url).send().await })
        .expect_err("the request fails");
    NetFailure::of(&e)
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A server that answers one connection with `answer` (not HTTP), then closes it.
fn answers_once_with(answer: &'static [u8]) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut s, _)) = l.accept() {
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            let _ = s.write_all(answer);
        }
    });
    port
}

#[test]
fn a_closed_port_is_offline_but_not_no_internet() {
    let f = failure_of(&format!("http://127.0.0.1:{}/", closed_port()));
    assert_eq!(f, NetFailure::Refused);
    assert!(f.is_offline());
    assert!(!f.is_no_internet());
}

#[test]
fn a_name_that_cannot_resolve_is_offline_and_no_internet() {
    let f = failure_of("http://nosuchhost.invalid/");
    assert_eq!(f, NetFailure::NameNotFound);
    assert!(f.is_offline() && f.is_no_internet());
}

#[test]
fn a_server_that_answers_wrongly_is_not_offline() {
    // A plain HTTP answer to a TLS handshake; an answer that is not HTTP at all.
    for (scheme, answer, want) in [
        (
            "https",
            &b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"[..],
            NetFailure::Tls,
        ),
        (
            "http",
            &b"SSH-2.0-OpenSSH_9.6\r\n\r\n"[..],
            NetFailure::Protocol,
        ),
    ] {
        let port = answers_once_with(answer);
        let f = failure_of(&format!("{scheme}://127.0.0.1:{port}/"));
        assert_eq!(f, want);
        assert!(!f.is_offline() && !f.is_no_internet());
    }
}

#[test]
fn the_login_reports_an_unreachable_server_by_type() {
    let port = closed_port();
    let auth = format!("http://127.0.0.1:{port}/api/accounts/authen");
    let ingest = format!("http://127.0.0.1:{port}/dhub-i/api/v1.0/ingest");
    let client = Client::new(
        Endpoints::new(&auth, &ingest).unwrap(),
        Duration::from_secs(5),
    )
    .unwrap();
    let creds = Credentials {
        username: "demo".into(),
        api_key: Secret::new("k"),
        cdp_gkey: "g".into(),
        app: None,
    };
    let e = runtime().block_on(client.login(&creds)).unwrap_err();
    assert!(
        matches!(
            e,
            LoginError::Unreachable {
                failure: NetFailure::Refused,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.net_failure().map(NetFailure::is_offline), Some(true));
}
