//! An error that ends the command with exit 2, reported once: a message naming the
//! file on stderr, and with --json the `{"error": …}` object on stdout.

use std::path::Path;

use pango_importer::error::FileError;
use serde_json::json;

#[derive(Debug)]
pub struct Fail {
    pub message: String,
    pub file: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
}

impl Fail {
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            file: None,
            row: None,
            column: None,
        }
    }

    pub fn file(path: &Path, message: impl std::fmt::Display) -> Self {
        Self {
            message: format!("{}: {message}", path.display()),
            file: Some(path.display().to_string()),
            row: None,
            column: None,
        }
    }

    pub fn report(&self, json: bool) {
        eprintln!("error: {}", self.message);
        if json {
            let mut err = serde_json::Map::new();
            err.insert("message".into(), json!(self.message));
            if let Some(f) = &self.file {
                err.insert("file".into(), json!(f));
            }
            if let Some(r) = self.row {
                err.insert("row".into(), json!(r));
            }
            if let Some(c) = &self.column {
                err.insert("column".into(), json!(c));
            }
            println!("{}", json!({ "error": err }));
        }
    }
}

impl From<FileError> for Fail {
    fn from(e: FileError) -> Self {
        Self {
            message: e.to_string(),
            file: Some(e.file.display().to_string()),
            row: e.row,
            column: e.column.clone(),
        }
    }
}
