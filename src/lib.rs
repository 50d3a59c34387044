//! Pango Importer core: file -> table -> mapping -> validation -> payloads.
//!
//! The core never draws and never prints: front ends (the CLI binary and the
//! desktop wizard in `gui`, behind the `gui` feature) render what it returns.

pub mod api;
pub mod convert;
pub mod error;
pub mod export;
pub mod history;
pub mod i18n;
pub mod keychain;
pub mod mapping;
pub mod payload;
pub mod profile;
pub mod progress;
pub mod report;
pub mod sandbox;
pub mod schema;
pub mod secret;
pub mod source;
pub mod upload;
pub mod validate;

#[cfg(feature = "gui")]
pub mod gui;

/// The version and build date, as `--version` and the About box show them: `0.1.0 (built 2026-11-23)`.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (built ",
    env!("PANGO_BUILD_DATE"),
    ")"
);
