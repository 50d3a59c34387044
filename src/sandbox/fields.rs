//! The sandbox's own copy of the documented field tables (`fields.json`, written from
//! shared/pango-api.md §4 and shared/seeds/pango-transaction-entities.txt), so that
//! what it checks first does not come from the client's `schema`: documented fields
//! with their documented JSON types, required fields, the either-or rules of the
//! tables' notes, and — where the stored table is complete — no undocumented field.
//!
//! The sandbox's readings on top (phones, e-mails, enumerations, key fields, epoch
//! seconds) stay in `entry_check.rs`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::entry_check::kind;

/// A type as the docs write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub(crate) enum DocType {
    String,
    Text,
    Integer,
    Long,
    Double,
    Float,
    Boolean,
    Timestamp,
    List,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DocField {
    #[serde(rename = "type")]
    pub ty: DocType,
    pub required: bool,
    /// Where the docs disagree with themselves, which reading this copy takes.
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DocItems {
    pub container: String,
    #[serde(default)]
    pub map_key: Option<String>,
    pub fields: BTreeMap<String, DocField>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DocTable {
    /// The fields a record is kept by (the sandbox's reading: the docs name none).
    pub key: Vec<String>,
    /// Tagged `SUPPORT_IGNORED_UPDATE_CFS` (pango-api.md §3).
    pub ignored_update_cfs: bool,
    #[allow(dead_code)]
    pub from: String,
    /// The stored page is cut off: fields beyond the table are not refused.
    pub truncated: bool,
    /// Either-or requirements from the notes: one group of each list must be present.
    #[serde(default)]
    pub any_of: Vec<Vec<Vec<String>>>,
    pub fields: BTreeMap<String, DocField>,
    #[serde(default)]
    pub items: Option<DocItems>,
}

#[derive(Deserialize)]
struct Tables {
    types: BTreeMap<String, DocTable>,
}

const CUSTOM_CONTAINERS: [&str; 4] = [
    "customFieldTexts",
    "customFieldLongs",
    "customFieldTimestamps",
    "customFieldListTexts",
];

/// The documented tables by `objectType`.
pub(crate) fn tables() -> &'static BTreeMap<String, DocTable> {
    static TABLES: OnceLock<BTreeMap<String, DocTable>> = OnceLock::new();
    TABLES.get_or_init(|| {
        serde_json::from_str::<Tables>(include_str!("fields.json"))
            .expect("src/sandbox/fields.json is valid")
            .types
    })
}

/// The key fields of `object_type` (none for a type without a table).
pub(crate) fn key_fields(object_type: &str) -> &'static [String] {
    tables()
        .get(object_type)
        .map_or(&[][..], |t| t.key.as_slice())
}

/// Whether `object_type` takes `ignoredUpdateCfs` (documented tag).
pub(crate) fn supports_ignored_update_cfs(object_type: &str) -> bool {
    tables()
        .get(object_type)
        .is_some_and(|t| t.ignored_update_cfs)
}

/// Checks `entry` (at `path`) against the documented table of `object_type`; a type
/// without a table passes.
pub(crate) fn check_documented(object_type: &str, entry: &Value, path: &str) -> Result<(), String> {
    let (Some(table), Value::Object(obj)) = (tables().get(object_type), entry) else {
        return Ok(());
    };
    let container = table.items.as_ref().map(|i| i.container.as_str());
    check_object(
        &table.fields,
        &table.any_of,
        !table.truncated,
        container,
        obj,
        path,
    )?;
    let (Some(items), Some(value)) = (&table.items, obj.get(container.unwrap_or_default())) else {
        if let Some(c) = container {
            return Err(format!("{path}.{c}: missing required field"));
        }
        return Ok(());
    };
    let list: Vec<(String, &Value)> = match (value, &items.map_key) {
        (Value::Array(list), None) => list
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("[{i}]"), v))
            .collect(),
        (Value::Object(map), Some(_)) => map.iter().map(|(k, v)| (format!(".{k}"), v)).collect(),
        (other, _) => {
            return Err(format!(
                "{path}.{}: expected a list of items, got {}",
                items.container,
                kind(other)
            ));
        }
    };
    for (at, item) in list {
        let at = format!("{path}.{}{at}", items.container);
        let Value::Object(obj) = item else {
            return Err(format!("{at}: expected an object, got {}", kind(item)));
        };
        check_object(&items.fields, &[], true, None, obj, &at)?;
    }
    Ok(())
}

fn check_object(
    fields: &BTreeMap<String, DocField>,
    any_of: &[Vec<Vec<String>>],
    complete: bool,
    container: Option<&str>,
    obj: &Map<String, Value>,
    path: &str,
) -> Result<(), String> {
    for (name, value) in obj {
        let at = format!("{path}.{name}");
        match fields.get(name) {
            Some(field) if !value.is_null() => check_type(field.ty, value, &at)?,
            Some(_) => {}
            None if CUSTOM_CONTAINERS.contains(&name.as_str())
                || Some(name.as_str()) == container => {}
            None if complete => return Err(format!("{at}: unknown field")),
            None => {}
        }
    }
    let present = |f: &str| obj.get(f).is_some_and(|v| !v.is_null());
    for (name, field) in fields {
        if field.required && !present(name) {
            return Err(format!("{path}.{name}: missing required field"));
        }
    }
    for groups in any_of {
        if !groups.iter().any(|g| g.iter().all(|f| present(f))) {
            let text: Vec<String> = groups.iter().map(|g| g.join(" + ")).collect();
            return Err(format!("{path}: one of {} is required", text.join(" or ")));
        }
    }
    Ok(())
}

/// The JSON shape a documented type takes on the wire.
fn check_type(ty: DocType, value: &Value, at: &str) -> Result<(), String> {
    let ok = match ty {
        DocType::String | DocType::Text => value.is_string(),
        DocType::Integer | DocType::Long | DocType::Timestamp => value.is_i64() || value.is_u64(),
        DocType::Double | DocType::Float => value.is_number(),
        DocType::Boolean => value.is_boolean(),
        DocType::List => value.is_array(),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{at}: expected {ty:?} as documented, got {}",
            kind(value)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{self, FieldDef, FieldType};

    fn agrees(doc: DocType, ours: FieldType) -> bool {
        match doc {
            DocType::String | DocType::Text => matches!(
                ours,
                FieldType::Text
                    | FieldType::Phone
                    | FieldType::Email
                    | FieldType::DateText
                    | FieldType::Enum(_)
            ),
            DocType::Integer => ours == FieldType::Integer,
            DocType::Long => ours == FieldType::Long,
            DocType::Double => ours == FieldType::Double,
            DocType::Float => ours == FieldType::Float,
            DocType::Boolean => ours == FieldType::Boolean,
            DocType::Timestamp => ours == FieldType::Timestamp,
            DocType::List => ours == FieldType::List,
        }
    }

    /// Where the docs list a field, the client's schema has it with the same type and
    /// the same required flag; where the docs' table is complete, the client sends no
    /// field the table does not list.
    fn compare(
        what: &str,
        doc: &BTreeMap<String, DocField>,
        complete: bool,
        conditional: &[String],
        ours: &[FieldDef],
        out: &mut Vec<String>,
    ) {
        for (name, d) in doc {
            match ours.iter().find(|f| f.name == name) {
                None => out.push(format!("{what}.{name}: documented, missing in src/schema")),
                Some(f) if !agrees(d.ty, f.ty) => out.push(format!(
                    "{what}.{name}: documented {:?}, src/schema has {:?}",
                    d.ty, f.ty
                )),
                Some(f) if f.required != d.required && !conditional.contains(name) => {
                    out.push(format!(
                        "{what}.{name}: documented required={}, src/schema says {}",
                        d.required, f.required
                    ))
                }
                Some(_) => {}
            }
        }
        if complete {
            for f in ours.iter().filter(|f| !doc.contains_key(f.name)) {
                out.push(format!(
                    "{what}.{}: in src/schema, not in the documented table",
                    f.name
                ));
            }
        }
    }

    #[test]
    fn the_documented_tables_and_the_clients_schema_agree_where_the_docs_speak() {
        let mut out = Vec::new();
        assert_eq!(
            tables().len(),
            schema::all().len(),
            "a table for every type"
        );
        for (name, table) in tables() {
            let Some(ty) = schema::find(name) else {
                out.push(format!("{name}: documented, not in src/schema"));
                continue;
            };
            let conditional: Vec<String> =
                table.any_of.iter().flatten().flatten().cloned().collect();
            compare(
                name,
                &table.fields,
                !table.truncated,
                &conditional,
                ty.fields,
                &mut out,
            );
            if table
                .key
                .iter()
                .map(String::as_str)
                .ne(ty.key.iter().copied())
            {
                out.push(format!(
                    "{name}: key {:?} here, {:?} in src/schema",
                    table.key, ty.key
                ));
            }
            if table.ignored_update_cfs != ty.ignored_update_cfs {
                out.push(format!("{name}: SUPPORT_IGNORED_UPDATE_CFS differs"));
            }
            match (&table.items, ty.items) {
                (Some(d), Some(i)) => {
                    assert_eq!(d.container, i.container, "{name}");
                    assert_eq!(d.map_key.as_deref(), i.map_key, "{name}");
                    compare(
                        &format!("{name}.{}", d.container),
                        &d.fields,
                        true,
                        &[],
                        i.fields,
                        &mut out,
                    );
                }
                (None, None) => {}
                _ => out.push(format!("{name}: items differ")),
            }
        }
        assert!(
            out.is_empty(),
            "{} disagreements:\n{}",
            out.len(),
            out.join("\n")
        );
    }

    #[test]
    fn entries_are_checked_against_the_documented_table() {
        let ok = serde_json::json!({"orderId": "O1", "orderStatus": "New", "customerId": "C1",
            "customerName": "An", "customerEmail": "an@x.vn",
            "items": [{"productSku": "S1", "productName": "Cà phê"}]});
        assert_eq!(check_documented("order", &ok, "entries[0]"), Ok(()));
        let mut bad = ok.clone();
        bad["orderDate"] = serde_json::json!("2024-01-15");
        let e = check_documented("order", &bad, "entries[0]").unwrap_err();
        assert!(
            e.contains("entries[0].orderDate") && e.contains("Timestamp"),
            "{e}"
        );
        let mut bad = ok.clone();
        bad["items"][0]["colour"] = serde_json::json!("red");
        let e = check_documented("order", &bad, "entries[0]").unwrap_err();
        assert!(e.contains("items[0].colour: unknown field"), "{e}");
        let e = check_documented(
            "customer-identity",
            &serde_json::json!({"customerId": "1", "fullName": "A"}),
            "e",
        )
        .unwrap_err();
        assert!(e.contains("phone or email"), "{e}");
    }
}
