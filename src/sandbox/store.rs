//! What "Pango" holds: records by object type and key (upsert, last write wins),
//! mirrored to a data directory when one is set:
//! - `<objectType>.jsonl`: one line per stored entry, appended as it arrives:
//!   `{"receivedAt": ms, "requestId", "source", "initData", "key", "entry"}`;
//! - `<objectType>.json`: the current records (key → entry), rewritten at most once
//!   a second and at shutdown. Existing `.json` files are loaded at start, so the
//!   sandbox remembers what it held.
//!
//! Upsert (our reading; the docs say records are upserted by key but not how): an
//! entry's fields replace the stored ones, the fields it leaves out are kept, custom
//! fields are merged code by code inside their containers; nested `items` are
//! replaced as a whole. So an entry that leaves a field out never blanks it.
//!
//! `ignoredUpdateCfs`: for the types the docs tag `SUPPORT_IGNORED_UPDATE_CFS`, a
//! listed custom field that an existing record already holds keeps its old value.
//! Tokens and API keys are never written.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::entry_check::entry_key;
use super::envelope::Envelope;
use crate::schema;

const CUSTOM_CONTAINERS: [&str; 4] = [
    "customFieldTexts",
    "customFieldLongs",
    "customFieldTimestamps",
    "customFieldListTexts",
];

/// Where a batch came from, for the journal lines.
pub(crate) struct Receipt<'a> {
    pub received_at_ms: u64,
    pub request_id: &'a str,
    pub init_data: bool,
}

#[derive(Debug)]
pub(crate) struct Store {
    records: BTreeMap<String, BTreeMap<String, Value>>,
    dir: Option<PathBuf>,
    dirty: BTreeSet<String>,
}

impl Store {
    /// Creates the data directory if needed and loads the records it holds.
    pub(crate) fn open(dir: Option<PathBuf>) -> io::Result<Store> {
        let mut records = BTreeMap::new();
        if let Some(dir) = &dir {
            fs::create_dir_all(dir)?;
            for ty in schema::all() {
                let path = snapshot_path(dir, ty.name);
                let text = match fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e),
                };
                let map: BTreeMap<String, Value> = serde_json::from_str(&text).map_err(|e| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("{}: {e}", path.display()),
                    )
                })?;
                records.insert(ty.name.to_owned(), map);
            }
        }
        Ok(Store {
            records,
            dir,
            dirty: BTreeSet::new(),
        })
    }

    /// Stores every entry of a checked batch; returns the keys written, in order.
    /// The journal line is written first: if that fails, nothing is stored.
    pub(crate) fn put(&mut self, env: &Envelope, receipt: &Receipt<'_>) -> io::Result<Vec<String>> {
        let ty = env.object_type;
        let keys: Vec<String> = env.entries.iter().map(|e| entry_key(ty, e)).collect();
        if let Some(dir) = &self.dir {
            let mut lines = String::new();
            for (key, entry) in keys.iter().zip(&env.entries) {
                let line = json!({
                    "receivedAt": receipt.received_at_ms,
                    "requestId": receipt.request_id,
                    "source": env.source,
                    "initData": receipt.init_data,
                    "key": key,
                    "entry": entry,
                });
                lines.push_str(&line.to_string());
                lines.push('\n');
            }
            let path = dir.join(format!("{}.jsonl", ty.name));
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?
                .write_all(lines.as_bytes())?;
        }
        let table = self.records.entry(ty.name.to_owned()).or_default();
        for (key, entry) in keys.iter().zip(&env.entries) {
            let entry = match table.get(key) {
                Some(old) => {
                    let mut merged = upsert(old, entry);
                    if super::fields::supports_ignored_update_cfs(ty.name) {
                        keep_ignored(&mut merged, old, &env.ignored_update_cfs);
                    }
                    merged
                }
                None => entry.clone(),
            };
            table.insert(key.clone(), entry);
        }
        self.dirty.insert(ty.name.to_owned());
        Ok(keys)
    }

    pub(crate) fn records(&self, object_type: &str) -> BTreeMap<String, Value> {
        self.records.get(object_type).cloned().unwrap_or_default()
    }

    /// The snapshots to write since the last call: (path, JSON text).
    pub(crate) fn take_dirty(&mut self) -> Vec<(PathBuf, String)> {
        let Some(dir) = &self.dir else {
            self.dirty.clear();
            return Vec::new();
        };
        let dirty = std::mem::take(&mut self.dirty);
        dirty
            .into_iter()
            .map(|name| {
                let map = self.records.get(&name).cloned().unwrap_or_default();
                let text = serde_json::to_string_pretty(&map).unwrap_or_else(|_| "{}".to_owned());
                (snapshot_path(dir, &name), text)
            })
            .collect()
    }

    /// Marks a table dirty again (its snapshot could not be written).
    pub(crate) fn mark_dirty(&mut self, path: &Path) {
        if let Some(name) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|n| self.records.contains_key(*n))
        {
            self.dirty.insert(name.to_owned());
        }
    }
}

fn snapshot_path(dir: &Path, object_type: &str) -> PathBuf {
    dir.join(format!("{object_type}.json"))
}

/// Writes a snapshot through a temporary file, so a reader never sees half of it.
pub(crate) fn write_snapshot(path: &Path, text: &str) -> io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    fs::write(&tmp, text)?;
    fs::rename(&tmp, path)
}

/// The stored record after writing `new` over `old`: fields `new` leaves out keep their
/// old values; custom-field containers are merged code by code.
fn upsert(old: &Value, new: &Value) -> Value {
    let (Some(old_obj), Some(new_obj)) = (old.as_object(), new.as_object()) else {
        return new.clone();
    };
    let mut out = old_obj.clone();
    for (k, v) in new_obj {
        match (out.get_mut(k), v) {
            (Some(Value::Object(stored)), Value::Object(given))
                if CUSTOM_CONTAINERS.contains(&k.as_str()) =>
            {
                for (code, value) in given {
                    stored.insert(code.clone(), value.clone());
                }
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}

/// Puts back into `entry` the old values of the `ignored` custom fields.
fn keep_ignored(entry: &mut Value, old: &Value, ignored: &[String]) {
    for code in ignored {
        for container in CUSTOM_CONTAINERS {
            let Some(old_value) = old.get(container).and_then(|c| c.get(code)) else {
                continue;
            };
            if let Some(obj) = entry.as_object_mut() {
                let target = obj
                    .entry(container)
                    .or_insert_with(|| Value::Object(Default::default()));
                if let Some(map) = target.as_object_mut() {
                    map.insert(code.clone(), old_value.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upsert_keeps_the_fields_an_entry_leaves_out() {
        let old = json!({"customerId": "1", "phone": "0912345678", "email": "a@b.vn",
            "customFieldTexts": {"customField01": "a", "customField02": "b"}});
        let new = json!({"customerId": "1", "email": "c@d.vn",
            "customFieldTexts": {"customField02": "B"}});
        let merged = upsert(&old, &new);
        assert_eq!(merged["phone"], "0912345678");
        assert_eq!(merged["email"], "c@d.vn");
        assert_eq!(merged["customFieldTexts"]["customField01"], "a");
        assert_eq!(merged["customFieldTexts"]["customField02"], "B");
    }

    #[test]
    fn ignored_fields_keep_their_old_values() {
        let old = json!({"refId": "1", "customFieldTexts": {"customField01": "old", "customField02": "x"}});
        let mut new = json!({"refId": "1", "customFieldTexts": {"customField01": "new"}});
        keep_ignored(&mut new, &old, &["customField01".to_owned()]);
        assert_eq!(new["customFieldTexts"]["customField01"], "old");
        assert!(new["customFieldTexts"].get("customField02").is_none());
        let mut bare = json!({"refId": "1"});
        keep_ignored(&mut bare, &old, &["customField02".to_owned()]);
        assert_eq!(bare["customFieldTexts"]["customField02"], "x");
    }
}
