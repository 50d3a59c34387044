//! One cell -> the value that will be sent (or a [`Problem`]), typed by its target.

use std::borrow::Cow;

use crate::convert::{
    CivilDateTime, DateOrder, DecimalMark, Offset, PhoneFormat, instant_text, match_enum,
    normalize_email, normalize_phone, parse_bool, parse_date_text, parse_iso_cell, parse_number,
};
use crate::mapping::ColumnPlan;
use crate::schema::FieldType;
use crate::source::CellKind;

use super::Problem;

/// Cells longer than this are an issue, not a crash.
pub const MAX_CELL_BYTES: usize = 64 * 1024;

/// A converted value, borrowing from the table where it did not change.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    /// A timestamp: epoch milliseconds (what is sent), read at this offset (how it
    /// is shown).
    Instant(i64, Offset),
    Float(f64),
    Bool(bool),
    /// A list cell: split on `,` or `;` when turned into JSON.
    List(&'a str),
}

impl Value<'_> {
    /// The JSON value sent on the wire.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) => serde_json::Value::String(s.to_string()),
            Value::Int(n) | Value::Instant(n, _) => serde_json::Value::from(*n),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::List(s) => serde_json::Value::Array(
                split_list(s)
                    .map(|p| serde_json::Value::String(p.to_string()))
                    .collect(),
            ),
        }
    }

    /// The value as the UI shows it ("sent value"): a timestamp as the date and
    /// time it stands for, with its zone ("1990-02-14 00:00 +07:00").
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) => s.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Instant(ms, offset) => instant_text(*ms, *offset),
            Value::Float(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(s) => format!("[{}]", split_list(s).collect::<Vec<_>>().join(", ")),
        }
    }

    /// A text form used to compare values (group consistency, keys).
    pub fn key_text(&self) -> Cow<'_, str> {
        match self {
            Value::Text(s) => Cow::Borrowed(s.as_ref()),
            Value::List(s) => Cow::Borrowed(s),
            Value::Instant(ms, _) => Cow::Owned(ms.to_string()),
            other => Cow::Owned(other.display()),
        }
    }
}

/// The items of a list cell: split on `,` or `;`, trimmed, empty parts dropped.
pub fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ';']).map(str::trim).filter(|p| !p.is_empty())
}

/// How to read the cells of one column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellRules {
    pub ty: FieldType,
    pub date_order: DateOrder,
    pub offset: Offset,
    pub phone_format: PhoneFormat,
    /// The decimal mark in force (chosen or decided from the column); `None` when
    /// undecided, which makes ambiguous values an issue.
    pub decimal: Option<DecimalMark>,
}

impl CellRules {
    pub fn for_column(col: &ColumnPlan, decided: Option<DecimalMark>) -> Self {
        Self {
            ty: col.target.ty,
            date_order: col.date_order,
            offset: col.offset,
            phone_format: col.phone_format,
            decimal: col.decimal_mark.or(decided),
        }
    }
}

/// Converts one cell. `Ok(None)` for an empty (or white-space) cell: no key is sent.
pub fn cell_value<'a>(
    raw: &'a str,
    kind: CellKind,
    rules: &CellRules,
) -> Result<Option<Value<'a>>, Problem> {
    cell_value_trimmed(trim(raw), kind, rules)
}

/// `str::trim`, with a fast path for the common cell that starts and ends with a
/// visible ASCII character (no Unicode white-space tables consulted).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// [`cell_value`] for text already trimmed.
pub(crate) fn cell_value_trimmed<'a>(
    s: &'a str,
    kind: CellKind,
    rules: &CellRules,
) -> Result<Option<Value<'a>>, Problem> {
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() > MAX_CELL_BYTES {
        return Err(Problem::TooLong { bytes: s.len() });
    }
    if kind == CellKind::Error {
        return Err(Problem::ExcelError);
    }
    let v = match rules.ty {
        FieldType::Text => Value::Text(Cow::Borrowed(s)),
        FieldType::Phone => Value::Text(normalize_phone(s, rules.phone_format)?),
        FieldType::Email => Value::Text(normalize_email(s)?),
        FieldType::Integer => Value::Int(integer(s, kind, rules.decimal)?),
        FieldType::Long => Value::Int(whole_number(s, kind, rules.decimal)?),
        FieldType::Double | FieldType::Float => Value::Float(number(s, kind, rules.decimal)?),
        FieldType::Boolean => Value::Bool(match kind {
            CellKind::Bool => s == "true",
            _ => parse_bool(s)?,
        }),
        FieldType::Timestamp => Value::Instant(timestamp(s, kind, rules)?, rules.offset),
        FieldType::DateText => {
            Value::Text(Cow::Owned(civil(s, kind, rules.date_order)?.date_string()))
        }
        FieldType::Enum(def) => Value::Text(Cow::Borrowed(match_enum(s, def)?)),
        // A cell of separators only (",", " ; ,") holds no item: no key is sent.
        FieldType::List if split_list(s).next().is_none() => return Ok(None),
        FieldType::List => Value::List(s),
    };
    Ok(Some(v))
}

fn number(s: &str, kind: CellKind, mark: Option<DecimalMark>) -> Result<f64, Problem> {
    match kind {
        CellKind::Number => s.parse::<f64>().map_err(|_| Problem::InvalidNumber),
        CellKind::Date | CellKind::Bool => Err(Problem::InvalidNumber),
        _ => parse_number(s, mark),
    }
}

/// Largest integer an f64 holds exactly.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// The docs' `Integer` read as Java's `int`: 32-bit signed (our reading; Pango
/// does not state the range). `Long` is 64-bit signed.
const INT32: (i64, i64) = (i32::MIN as i64, i32::MAX as i64);

fn in_range(n: i64, (min, max): (i64, i64)) -> Result<i64, Problem> {
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(Problem::OutOfRange { min, max })
    }
}

fn integer(s: &str, kind: CellKind, mark: Option<DecimalMark>) -> Result<i64, Problem> {
    let n = match whole_number(s, kind, mark) {
        Err(Problem::OutOfRange { .. }) => i64::MAX,
        other => other?,
    };
    in_range(n, INT32)
}

fn whole_number(s: &str, kind: CellKind, mark: Option<DecimalMark>) -> Result<i64, Problem> {
    let long = || Problem::OutOfRange {
        min: i64::MIN,
        max: i64::MAX,
    };
    // Plain digits parse exactly, even past f64's precision.
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().map_err(|_| long());
    }
    let f = number(s, kind, mark)?;
    if !f.is_finite() {
        return Err(Problem::InvalidNumber);
    }
    if f.abs() > MAX_EXACT {
        // Past 2^53 a number written with separators or an exponent is not exact:
        // within a Long's range it cannot be sent as written.
        return Err(if f.abs() >= 9_223_372_036_854_775_808.0 {
            long()
        } else {
            Problem::InvalidNumber
        });
    }
    if f.fract() != 0.0 {
        return Err(Problem::NotWhole);
    }
    Ok(f as i64)
}

fn yyyymmdd(s: &str) -> Option<CivilDateTime> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let iso = format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]);
    parse_iso_cell(&iso)
}

fn civil(s: &str, kind: CellKind, order: DateOrder) -> Result<CivilDateTime, Problem> {
    match kind {
        CellKind::Date => parse_iso_cell(s).ok_or(Problem::InvalidDate),
        CellKind::Number => {
            if let Some(d) = yyyymmdd(s) {
                return Ok(d);
            }
            Err(Problem::InvalidDate)
        }
        _ => {
            if let Some(d) = yyyymmdd(s) {
                return Ok(d);
            }
            parse_date_text(s, order)
        }
    }
}

/// Epoch milliseconds of a date cell read in the column's offset. A 12–13 digit
/// whole number is taken as epoch milliseconds already.
fn timestamp(s: &str, kind: CellKind, rules: &CellRules) -> Result<i64, Problem> {
    let is_digits = s.bytes().all(|b| b.is_ascii_digit());
    if is_digits && (12..=13).contains(&s.len()) {
        return s.parse::<i64>().map_err(|_| Problem::InvalidDate);
    }
    Ok(civil(s, kind, rules.date_order)?.epoch_ms(rules.offset))
}
