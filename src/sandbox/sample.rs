//! Minimal valid entries built from the schema: for tests and demos.

use serde_json::{Map, Value, json};

use crate::schema::{self, FieldDef, FieldType, Rule};

/// A minimal entry of `object_type` that the sandbox accepts: its required
/// fields, the first group of each rule and one line item, with every text key
/// field set to `id` (so different ids give different keys). `None` for an
/// unknown type.
pub fn sample_entry(object_type: &str, id: &str) -> Option<Value> {
    let ty = schema::find(object_type)?;
    let mut entry = fill(ty.fields, ty.rules, |name| {
        ty.key.contains(&name).then(|| id.to_owned())
    });
    if let Some(items) = ty.items {
        let item = fill(items.fields, items.rules, |name| {
            (name == items.key).then(|| format!("{id}-1"))
        });
        let container = match items.map_key {
            Some(key) => {
                let k = item
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                Value::Object(Map::from_iter([(k, Value::Object(item))]))
            }
            None => json!([item]),
        };
        entry.insert(items.container.to_owned(), container);
    }
    Some(Value::Object(entry))
}

fn fill(
    fields: &[FieldDef],
    rules: &[Rule],
    text_for: impl Fn(&str) -> Option<String>,
) -> Map<String, Value> {
    let mut out = Map::new();
    let wanted = |f: &FieldDef| {
        f.required
            || rules
                .iter()
                .any(|r| r.any_of.first().is_some_and(|g| g.contains(&f.name)))
    };
    for f in fields.iter().filter(|f| wanted(f)) {
        let value = match f.ty {
            FieldType::Text => json!(text_for(f.name).unwrap_or_else(|| format!("{}-x", f.name))),
            FieldType::Phone => json!("0912345678"),
            FieldType::Email => json!("someone@example.vn"),
            FieldType::Integer | FieldType::Long => json!(1),
            FieldType::Double | FieldType::Float => json!(1.5),
            FieldType::Boolean => json!(true),
            FieldType::Timestamp => json!(1_584_483_275_000_i64),
            FieldType::DateText => json!("2001-10-31"),
            FieldType::Enum(def) => json!(def.values[0]),
            FieldType::List => json!(["a"]),
        };
        out.insert(f.name.to_owned(), value);
    }
    out
}
