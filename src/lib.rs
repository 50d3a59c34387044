//! Pango Importer core: file -> table -> mapping -> validation -> payloads.
//!
//! The core never draws and never prints: front ends (the CLI binary, later the
//! desktop wizard) render what it returns.

pub mod api;
pub mod convert;
pub mod error;
pub mod history;
pub mod i18n;
pub mod keychain;
pub mod mapping;
pub mod payload;
pub mod profile;
pub mod progress;
pub mod sandbox;
pub mod schema;
pub mod secret;
pub mod source;
pub mod upload;
pub mod validate;
