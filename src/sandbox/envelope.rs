//! The ingest body (pango-api.md §2.2), checked strictly.
//!
//! Readings where the docs are silent (the sandbox's own choices):
//! - `source` is required (the payload table says so) and must be a non-empty string.
//! - `entries` holds 1–50 objects (the safe reading of "Max 100" vs "1-50").
//! - `jeConfigId` / `jeEventKey` are null or a non-empty string; `ignoredUpdateCfs`
//!   an array of custom-field codes (`customField…`).
//! - Any other top-level key is refused.
//! - One bad entry refuses the whole batch (`INVALID_DATA`, the message names the
//!   first bad entry and field) and nothing of it is stored.

use serde_json::{Map, Value};

use super::entry_check::{check_entry, kind};
use super::fields::check_documented;
use crate::schema::{self, ObjectType};

/// The most entries one request may carry.
pub const MAX_ENTRIES: usize = 50;

const ENVELOPE_KEYS: [&str; 6] = [
    "objectType",
    "source",
    "jeConfigId",
    "jeEventKey",
    "entries",
    "ignoredUpdateCfs",
];

/// A checked ingest body.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub object_type: &'static ObjectType,
    pub source: String,
    pub entries: Vec<Value>,
    pub ignored_update_cfs: Vec<String>,
}

/// Why a body was refused (all answered with 400).
#[derive(Debug, PartialEq)]
pub(crate) enum Refusal {
    /// The documented `MISSING_INFO` "Invalid value of: objectType" (no requestId).
    ObjectType,
    /// `MISSING_INFO` with a message.
    MissingInfo(String),
    /// `INVALID_DATA` with a message naming the place.
    InvalidData(String),
}

pub(crate) fn parse(body: &[u8]) -> Result<Envelope, Refusal> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Refusal::MissingInfo(format!("Body is not valid JSON: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err(Refusal::MissingInfo(format!(
            "Body must be a JSON object, got {}",
            kind(&value)
        )));
    };
    let object_type = obj
        .get("objectType")
        .and_then(Value::as_str)
        .and_then(schema::find)
        .ok_or(Refusal::ObjectType)?;
    if let Some(key) = obj.keys().find(|k| !ENVELOPE_KEYS.contains(&k.as_str())) {
        return Err(Refusal::InvalidData(format!("{key}: unknown field")));
    }
    let source = match obj.get("source") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => return Err(invalid_value("source")),
    };
    for key in ["jeConfigId", "jeEventKey"] {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(_) => return Err(invalid_value(key)),
        }
    }
    let ignored_update_cfs = ignored_cfs(&obj)?;
    let entries = match obj.remove("entries") {
        Some(Value::Array(list)) => list,
        _ => return Err(invalid_value("entries")),
    };
    if entries.is_empty() {
        return Err(Refusal::MissingInfo(
            "Invalid value of: entries (at least 1 entry is required)".to_owned(),
        ));
    }
    if entries.len() > MAX_ENTRIES {
        return Err(Refusal::MissingInfo(format!(
            "Invalid value of: entries (at most {MAX_ENTRIES} entries per request, got {})",
            entries.len()
        )));
    }
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("entries[{i}]");
        // The documented tables first (the sandbox's own copy), then its readings.
        check_documented(object_type.name, entry, &at).map_err(Refusal::InvalidData)?;
        check_entry(object_type, entry, &at).map_err(Refusal::InvalidData)?;
    }
    Ok(Envelope {
        object_type,
        source,
        entries,
        ignored_update_cfs,
    })
}

fn invalid_value(key: &str) -> Refusal {
    Refusal::MissingInfo(format!("Invalid value of: {key}"))
}

fn ignored_cfs(obj: &Map<String, Value>) -> Result<Vec<String>, Refusal> {
    match obj.get("ignoredUpdateCfs") {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => list
            .iter()
            .map(|v| match v.as_str() {
                Some(code) if code.starts_with("customField") && code.len() > 11 => {
                    Ok(code.to_owned())
                }
                _ => Err(invalid_value("ignoredUpdateCfs")),
            })
            .collect(),
        Some(_) => Err(invalid_value("ignoredUpdateCfs")),
    }
}
