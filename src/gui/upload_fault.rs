//! A test hook for the upload itself: when tasks named `upload` are made to fail
//! ([`super::task::fail_tasks_named`]), the destination panics as it logs in, inside
//! the upload's own worker, so tests can see the app survive a job that dies.

use serde_json::Value as Json;

use crate::api::Token;
use crate::upload::{Answer, Destination, DestinationFuture, Limits, LoginFailure};

/// A destination that behaves like `D` but panics when asked to log in.
pub struct PanicsOnLogin<D>(pub D);

impl<D: Destination> Destination for PanicsOnLogin<D> {
    fn name(&self) -> &str {
        self.0.name()
    }

    fn limits(&self) -> Limits {
        self.0.limits()
    }

    fn settings_problem(&self) -> Option<String> {
        self.0.settings_problem()
    }

    fn request_body(&self, entries: Vec<Json>) -> Vec<u8> {
        self.0.request_body(entries)
    }

    fn log_in(&self) -> DestinationFuture<'_, Result<Token, LoginFailure>> {
        panic!("test fault in upload")
    }

    fn send<'a>(&'a self, token: &'a Token, body: Vec<u8>) -> DestinationFuture<'a, Answer> {
        self.0.send(token, body)
    }
}
