//! The running server: its own thread and tokio runtime, an accept loop on
//! 127.0.0.1 serving HTTP/1 connections, graceful stop, snapshot flushing.
//!
//! The accept loop is written out (rather than `axum::serve`) so the `Drop` fault
//! can cut one connection: each connection carries a [`ConnKill`] its handler can
//! fire, and the connection task then drops the socket without an answer.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::sync::{Arc, Mutex, MutexGuard, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::post;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, oneshot, watch};
use tokio::task::JoinSet;
use tower_service::Service;

use super::auth::{self, Token};
use super::config::{Account, AnswerStyle, AppAccount, SandboxConfig};
use super::faults::{FaultDice, IdMaker};
use super::limits::Limiter;
use super::store::{self, Store};
use super::{AUTH_APP_ROUTE, AUTH_PATH, INGEST_PATH, INGEST_V2_PATH, Stats, ingest, reply};

/// What the handlers share. (No `Debug`: it holds tokens.)
pub(crate) struct Shared {
    pub accounts: Vec<Account>,
    pub apps: Vec<AppAccount>,
    pub token_lifetime: Duration,
    pub slow: Duration,
    pub started: Instant,
    pub answer_style: AnswerStyle,
    pub login_redirect: Option<String>,
    pub ingest_redirect: Option<String>,
    pub refuse_all: Option<String>,
    state: Mutex<State>,
}

pub(crate) struct State {
    pub tokens: HashMap<String, Token>,
    pub limiter: Limiter,
    pub dice: FaultDice,
    pub ids: IdMaker,
    pub store: Store,
    pub stats: Stats,
}

impl Shared {
    /// The state; a handler that panicked while holding it leaves it usable.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the changed snapshots of the data directory.
    pub(crate) fn flush(&self) {
        let dirty = self.lock().store.take_dirty();
        for (path, text) in dirty {
            if store::write_snapshot(&path, &text).is_err() {
                self.lock().store.mark_dirty(&path);
            }
        }
    }
}

/// Cuts the connection a request came on (request extension).
#[derive(Clone, Debug)]
pub(crate) struct ConnKill(pub Arc<Notify>);

/// The handle kept by [`super::Sandbox`].
pub(crate) struct Running {
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    pub(crate) fn start(config: SandboxConfig) -> io::Result<Running> {
        if config.accounts.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the sandbox needs at least one account",
            ));
        }
        let listener = StdListener::bind((Ipv4Addr::LOCALHOST, config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            accounts: config.accounts.clone(),
            apps: config.apps.clone(),
            token_lifetime: config.token_lifetime,
            slow: config.faults.slow,
            started: Instant::now(),
            answer_style: config.answer_style,
            login_redirect: config.login_redirect.clone(),
            ingest_redirect: config.ingest_redirect.clone(),
            refuse_all: config.refuse_all.clone(),
            state: Mutex::new(State {
                tokens: HashMap::new(),
                limiter: Limiter::new(&config.limits),
                dice: FaultDice::new(&config.faults),
                ids: IdMaker::new(),
                store: Store::open(config.data_dir.clone())?,
                stats: Stats::default(),
            }),
        });
        let (stop_tx, stop_rx) = oneshot::channel();
        let (ready_tx, ready_rx) = mpsc::channel::<io::Result<()>>();
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name(format!("pango-sandbox-{}", addr.port()))
            .spawn(move || run(listener, thread_shared, stop_rx, ready_tx))?;
        match ready_rx.recv() {
            Ok(Ok(())) => Ok(Running {
                addr,
                shared,
                stop: Some(stop_tx),
                thread: Some(thread),
            }),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => {
                let _ = thread.join();
                Err(io::Error::other(
                    "the sandbox thread stopped while starting",
                ))
            }
        }
    }

    /// Stops accepting, lets in-flight requests finish, flushes; idempotent.
    pub(crate) fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The server thread.
fn run(
    listener: StdListener,
    shared: Arc<Shared>,
    stop: oneshot::Receiver<()>,
    ready: mpsc::Sender<io::Result<()>>,
) {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("pango-sandbox-worker")
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    runtime.block_on(async {
        let listener = match TcpListener::from_std(listener) {
            Ok(l) => l,
            Err(e) => {
                let _ = ready.send(Err(e));
                return;
            }
        };
        let _ = ready.send(Ok(()));
        serve(listener, shared.clone(), stop).await;
    });
    // Anything still running (a request slower than the grace period) is cut here.
    runtime.shutdown_timeout(Duration::from_millis(100));
    shared.flush();
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stop: oneshot::Receiver<()>) {
    let router = Router::new()
        .route(AUTH_PATH, post(auth::authen))
        .route(INGEST_PATH, post(ingest::ingest))
        .route(AUTH_APP_ROUTE, post(auth::authen_app))
        .route(INGEST_V2_PATH, post(ingest::ingest))
        .fallback(reply::not_found)
        .with_state(shared.clone());
    let (closing_tx, closing_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(connection(stream, router.clone(), closing_rx.clone()));
                }
                // Out of file descriptors and the like: wait a little, go on.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = tick.tick() => shared.flush(),
        }
    }
    drop(listener);
    let _ = closing_tx.send(true);
    let grace = shared.slow + Duration::from_secs(5);
    let drained = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(grace, drained).await.is_err() {
        connections.abort_all();
    }
}

/// Serves one connection until it ends, is cut by a `Drop` fault, or the server
/// closes (then in-flight requests finish first).
async fn connection(stream: TcpStream, router: Router, mut closing: watch::Receiver<bool>) {
    let kill = Arc::new(Notify::new());
    let handle = ConnKill(kill.clone());
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(handle.clone());
        let mut router = router.clone();
        async move { router.call(request).await }
    });
    let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = kill.notified() => return,
        _ = closing.changed() => conn.as_mut().graceful_shutdown(),
    }
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = kill.notified() => {}
    }
}
