//! Checks one entry against its object type, strictly, the way an independent
//! server that knows the documented tables would.
//!
//! Readings where the docs are silent (the sandbox's own choices):
//! - Unknown keys are refused; the four custom-field containers (`customFieldTexts`,
//!   `customFieldLongs`, `customFieldTimestamps`, `customFieldListTexts`, keys
//!   `customField…`) are allowed on entries and on line items.
//! - `""` (or only spaces) is refused everywhere. `null` is refused for required
//!   fields and inside custom-field containers, and accepted for optional fields
//!   (the docs' own `order-payment` sample sends `"customerPhone": null`).
//! - Identifiers, phones and e-mails must be JSON strings: a phone sent as a
//!   number is refused. Phones: digits with an optional leading `+`, 8–15 digits.
//! - Timestamps must be JSON integers in epoch milliseconds. Values between 10^8
//!   and 5·10^9 look like epoch *seconds* (1973–2128) and are refused, except in
//!   `dob`, where they are birth dates in January–February 1970; values beyond
//!   ±10^14 (year 5138) are refused. Negative values (before 1970) are accepted.
//! - Integer fields must fit 32 bits, Long fields 64 bits; Double/Float accept any
//!   JSON number. Lists and custom-field containers must not be empty.
//! - Rules (`phone` or `email` …) count a field present when it is there and not null.

use serde_json::{Map, Value};

use crate::schema::{FieldDef, FieldType, ItemDef, ObjectType, Rule};

const CUSTOM_CONTAINERS: [&str; 4] = [
    "customFieldTexts",
    "customFieldLongs",
    "customFieldTimestamps",
    "customFieldListTexts",
];

/// The longest string accepted (64 KiB, as the importer's own cell limit).
const MAX_TEXT: usize = 64 * 1024;

/// Checks `entry` (at `path`, e.g. `entries[3]`); the error names the field.
pub(crate) fn check_entry(ty: &ObjectType, entry: &Value, path: &str) -> Result<(), String> {
    let Value::Object(obj) = entry else {
        return Err(format!("{path}: expected an object, got {}", kind(entry)));
    };
    check_object(ty.fields, ty.rules, ty.items, obj, path)?;
    for key in super::fields::key_fields(ty.name) {
        if present(obj, key).is_none() {
            return Err(format!("{path}.{key}: missing key field"));
        }
    }
    Ok(())
}

/// The entry's key: the values of the type's key fields (the sandbox's own, in
/// `fields.json`) joined with " / ".
pub(crate) fn entry_key(ty: &ObjectType, entry: &Value) -> String {
    super::fields::key_fields(ty.name)
        .iter()
        .map(|k| match entry.get(k.as_str()) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

fn present<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.get(name).filter(|v| !v.is_null())
}

fn check_object(
    fields: &[FieldDef],
    rules: &[Rule],
    items: Option<&ItemDef>,
    obj: &Map<String, Value>,
    path: &str,
) -> Result<(), String> {
    for (name, value) in obj {
        let at = format!("{path}.{name}");
        if let Some(field) = fields.iter().find(|f| f.name == name) {
            if value.is_null() {
                if field.required {
                    return Err(format!("{at}: required field is null"));
                }
                continue;
            }
            check_value(field.name, field.ty, value, &at)?;
        } else if CUSTOM_CONTAINERS.contains(&name.as_str()) {
            check_custom(name, value, &at)?;
        } else if let Some(def) = items.filter(|d| d.container == name) {
            check_items(def, value, &at)?;
        } else {
            return Err(format!("{at}: unknown field"));
        }
    }
    for field in fields.iter().filter(|f| f.required) {
        if present(obj, field.name).is_none() {
            return Err(format!("{path}.{}: missing required field", field.name));
        }
    }
    if let Some(def) = items
        && !obj.contains_key(def.container)
    {
        return Err(format!("{path}.{}: missing required field", def.container));
    }
    for rule in rules {
        let met = rule
            .any_of
            .iter()
            .any(|group| group.iter().all(|f| present(obj, f).is_some()));
        if !met {
            return Err(format!("{path}: {}", rule.message.en));
        }
    }
    Ok(())
}

fn check_items(def: &ItemDef, value: &Value, at: &str) -> Result<(), String> {
    match (def.map_key, value) {
        (None, Value::Array(list)) => {
            if list.is_empty() {
                return Err(format!("{at}: must hold at least one item"));
            }
            for (i, item) in list.iter().enumerate() {
                let path = format!("{at}[{i}]");
                let Value::Object(obj) = item else {
                    return Err(format!("{path}: expected an object, got {}", kind(item)));
                };
                check_object(def.fields, def.rules, None, obj, &path)?;
            }
            Ok(())
        }
        (Some(map_key), Value::Object(map)) => {
            if map.is_empty() {
                return Err(format!("{at}: must hold at least one item"));
            }
            for (key, item) in map {
                let path = format!("{at}.{key}");
                let Value::Object(obj) = item else {
                    return Err(format!("{path}: expected an object, got {}", kind(item)));
                };
                check_object(def.fields, def.rules, None, obj, &path)?;
                if obj.get(map_key).and_then(Value::as_str) != Some(key.as_str()) {
                    return Err(format!(
                        "{path}.{map_key}: must equal the item's key {key:?}"
                    ));
                }
            }
            Ok(())
        }
        (None, other) => Err(format!("{at}: expected an array, got {}", kind(other))),
        (Some(_), other) => Err(format!(
            "{at}: expected an object keyed by {}, got {}",
            def.key,
            kind(other)
        )),
    }
}

fn check_custom(container: &str, value: &Value, at: &str) -> Result<(), String> {
    let Value::Object(map) = value else {
        return Err(format!("{at}: expected an object, got {}", kind(value)));
    };
    if map.is_empty() {
        return Err(format!("{at}: empty (send no container instead)"));
    }
    for (code, v) in map {
        let path = format!("{at}.{code}");
        let suffix = code.strip_prefix("customField").unwrap_or("");
        if suffix.is_empty()
            || code.len() > 64
            || !suffix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(format!(
                "{path}: not a custom field code (customField01, customFieldLong01 …)"
            ));
        }
        let ty = match container {
            "customFieldTexts" => FieldType::Text,
            "customFieldLongs" => FieldType::Long,
            "customFieldTimestamps" => FieldType::Timestamp,
            _ => FieldType::List,
        };
        if v.is_null() {
            return Err(format!("{path}: null"));
        }
        check_value(code, ty, v, &path)?;
    }
    Ok(())
}

fn check_value(name: &str, ty: FieldType, value: &Value, at: &str) -> Result<(), String> {
    let wrong = |expected: &str| Err(format!("{at}: expected {expected}, got {}", kind(value)));
    match ty {
        FieldType::Text | FieldType::Phone | FieldType::Email | FieldType::DateText => {
            let Some(s) = value.as_str() else {
                return wrong("a string");
            };
            check_text(s, at)?;
            match ty {
                FieldType::Phone if !is_phone(s) => Err(format!("{at}: not a phone number: {s:?}")),
                FieldType::Email if !is_email(s) => {
                    Err(format!("{at}: not an e-mail address: {s:?}"))
                }
                FieldType::DateText if !is_date(s) => {
                    Err(format!("{at}: not a date written yyyy-MM-dd: {s:?}"))
                }
                _ => Ok(()),
            }
        }
        FieldType::Enum(def) => match value.as_str() {
            Some(s) if def.values.contains(&s) => Ok(()),
            Some(s) => Err(format!(
                "{at}: {s:?} is not one of {}",
                def.values.join(", ")
            )),
            None => wrong("a string"),
        },
        FieldType::Integer => match value.as_i64() {
            Some(n) if i32::try_from(n).is_ok() => Ok(()),
            Some(n) => Err(format!("{at}: {n} does not fit a 32-bit integer")),
            None => wrong("an integer"),
        },
        FieldType::Long => match value.as_i64() {
            Some(_) => Ok(()),
            None => wrong("an integer"),
        },
        FieldType::Timestamp => match value.as_i64() {
            Some(n) => check_timestamp(name, n, at),
            None => wrong("an integer (epoch milliseconds)"),
        },
        FieldType::Double | FieldType::Float => match value {
            Value::Number(_) => Ok(()),
            _ => wrong("a number"),
        },
        FieldType::Boolean => match value {
            Value::Bool(_) => Ok(()),
            _ => wrong("true or false"),
        },
        FieldType::List => {
            let Value::Array(list) = value else {
                return wrong("an array of strings");
            };
            if list.is_empty() {
                return Err(format!("{at}: empty list (send no key instead)"));
            }
            for (i, v) in list.iter().enumerate() {
                let path = format!("{at}[{i}]");
                match v.as_str() {
                    Some(s) => check_text(s, &path)?,
                    None => return Err(format!("{path}: expected a string, got {}", kind(v))),
                }
            }
            Ok(())
        }
    }
}

fn check_text(s: &str, at: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        return Err(format!("{at}: empty string (send no key instead)"));
    }
    if s.len() > MAX_TEXT {
        return Err(format!("{at}: longer than {MAX_TEXT} bytes"));
    }
    Ok(())
}

fn check_timestamp(name: &str, n: i64, at: &str) -> Result<(), String> {
    const SECONDS_LIKE: std::ops::Range<i64> = 100_000_000..5_000_000_000;
    if n.unsigned_abs() >= 100_000_000_000_000 {
        return Err(format!("{at}: {n} is out of range for epoch milliseconds"));
    }
    if name != "dob" && SECONDS_LIKE.contains(&n) {
        return Err(format!(
            "{at}: {n} looks like epoch seconds, not milliseconds"
        ));
    }
    Ok(())
}

fn is_phone(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// How a JSON value is described in messages.
pub(crate) fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) if s.chars().count() > 40 => "a string".to_owned(),
        Value::String(s) => format!("a string ({s:?})"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
