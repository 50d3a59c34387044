//! Payloads: valid rows -> entries exactly as documented (field names case-exact,
//! ids and phones as strings, timestamps as integer ms) -> batches -> request bodies.

use serde_json::{Map, Value as Json};

use crate::mapping::{ConstantPlan, Level, Plan, Target};
use crate::source::Table;
use crate::validate::Validation;

/// The API takes 1–50 entries a request (pango-api.md §2.2).
pub const MAX_BATCH: usize = 50;

fn put(obj: &mut Map<String, Json>, target: &Target, value: Json) {
    match target.custom {
        Some(kind) => {
            let container = obj
                .entry(kind.container())
                .or_insert_with(|| Json::Object(Map::new()));
            if let Json::Object(m) = container {
                m.insert(target.name.clone(), value);
            }
        }
        None => {
            obj.insert(target.name.clone(), value);
        }
    }
}

/// The constants of one level with their values (converted once, by validation).
fn constants(v: &Validation, level: Level) -> impl Iterator<Item = (&ConstantPlan, &Json)> {
    v.plan
        .constants
        .iter()
        .zip(&v.constants)
        .filter(move |(k, _)| k.target.level == level)
}

fn fill(
    obj: &mut Map<String, Json>,
    table: &Table,
    v: &Validation,
    r: usize,
    level: Level,
    only_missing: bool,
) {
    for (ci, col) in v.plan.columns.iter().enumerate() {
        if col.target.level != level {
            continue;
        }
        if only_missing && obj.contains_key(&col.target.name) && col.target.custom.is_none() {
            continue;
        }
        if let Ok(Some(val)) = v.value(table, r, ci) {
            put(obj, &col.target, val.to_json());
        }
    }
}

/// The JSON entry for unit `i` of the validation.
pub fn entry(table: &Table, v: &Validation, i: usize) -> Map<String, Json> {
    let rows = v.units.rows(i);
    let plan = &v.plan;
    let mut obj = Map::new();
    // Entry-level values: the first line that has each one (later lines may leave it blank).
    for &r in rows {
        fill(&mut obj, table, v, r as usize, Level::Entry, true);
    }
    for (k, val) in constants(v, Level::Entry) {
        put(&mut obj, &k.target, val.clone());
    }
    if plan.options.send_timezone_gmt
        && !obj.contains_key("timezoneGmt")
        && plan.object.field("timezoneGmt").is_some()
        && let Some(h) = plan.options.timezone.whole_hours()
    {
        obj.insert("timezoneGmt".into(), Json::from(h));
    }
    if let Some(items) = plan.object.items {
        let mut list = Vec::new();
        let mut map = Map::new();
        for &r in rows {
            let mut item = Map::new();
            fill(&mut item, table, v, r as usize, Level::Item, false);
            for (k, val) in constants(v, Level::Item) {
                put(&mut item, &k.target, val.clone());
            }
            match items.map_key {
                Some(key) => {
                    let id = item
                        .get(key)
                        .and_then(|j| j.as_str())
                        .unwrap_or_default()
                        .to_string();
                    map.insert(id, Json::Object(item));
                }
                None => list.push(Json::Object(item)),
            }
        }
        let value = match items.map_key {
            Some(_) => Json::Object(map),
            None => Json::Array(list),
        };
        obj.insert(items.container.to_string(), value);
    }
    obj
}

/// The request body for a batch of entries.
pub fn envelope(plan: &Plan, source: &str, entries: Vec<Json>) -> Json {
    let mut body = Map::new();
    body.insert("objectType".into(), Json::from(plan.object.name));
    body.insert("source".into(), Json::from(source));
    if let Some(id) = &plan.je_config_id {
        body.insert("jeConfigId".into(), Json::from(id.as_str()));
    }
    if let Some(key) = &plan.je_event_key {
        body.insert("jeEventKey".into(), Json::from(key.as_str()));
    }
    body.insert("entries".into(), Json::Array(entries));
    if !plan.ignored_update_cfs.is_empty() {
        body.insert(
            "ignoredUpdateCfs".into(),
            Json::Array(
                plan.ignored_update_cfs
                    .iter()
                    .map(|c| Json::from(c.as_str()))
                    .collect(),
            ),
        );
    }
    Json::Object(body)
}

/// Unit index ranges of batches of at most `size` entries (clamped to 1..=50).
pub fn batches(units: usize, size: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    let size = size.clamp(1, MAX_BATCH);
    (0..units)
        .step_by(size)
        .map(move |s| s..(s + size).min(units))
}

/// The request body of one batch of units.
pub fn batch_body(
    table: &Table,
    v: &Validation,
    source: &str,
    range: std::ops::Range<usize>,
) -> Json {
    let entries = range.map(|i| Json::Object(entry(table, v, i))).collect();
    envelope(&v.plan, source, entries)
}
