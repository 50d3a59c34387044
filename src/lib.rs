//! Pango Importer core: file -> table -> mapping -> validation -> payloads.
//!
//! The core never draws and never prints: front ends (the CLI binary, later the
//! desktop wizard) render what it returns.

pub mod api;
pub mod convert;
pub mod error;
pub mod i18n;
pub mod mapping;
pub mod payload;
pub mod progress;
pub mod sandbox;
pub mod schema;
pub mod secret;
pub mod source;
pub mod upload;
pub mod validate;
