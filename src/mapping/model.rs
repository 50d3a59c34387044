//! The mapping file: which column feeds which field, constants, per-column options
//! and custom fields. The GUI saves and loads this same JSON (see README).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::convert::{DateOrder, DecimalMark, Offset, PhoneFormat};
use crate::schema::CustomKind;

/// Current version of the mapping file format.
pub const MAPPING_VERSION: u32 = 1;

/// A complete mapping of a file's columns onto one object type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default = "default_version")]
    pub version: u32,
    /// The `objectType`, e.g. `customer-identity`.
    pub object_type: String,
    /// Column -> field pairs, in column order.
    #[serde(default)]
    pub columns: Vec<ColumnMap>,
    /// Field -> fixed value sent on every entry (`systemName`, `momCode` …). Item fields
    /// are written `items.unit`. Values are text, converted like cells.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub constants: BTreeMap<String, String>,
    /// Custom fields the user declared (code + type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<CustomField>,
    #[serde(default)]
    pub options: ImportOptions,
    /// The envelope's `source`; default `PangoImporter` (the CLI's `--source` wins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Custom-field codes Pango must not overwrite on existing records (`ignoredUpdateCfs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored_update_cfs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub je_config_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub je_event_key: Option<String>,
    /// The file's headers when the mapping was saved: how a template is recognised
    /// when next month's file comes back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
}

fn default_version() -> u32 {
    MAPPING_VERSION
}

impl Mapping {
    /// An empty mapping for `object_type`.
    pub fn new(object_type: &str) -> Self {
        Self {
            version: MAPPING_VERSION,
            object_type: object_type.to_string(),
            columns: Vec::new(),
            constants: BTreeMap::new(),
            custom_fields: Vec::new(),
            options: ImportOptions::default(),
            source: None,
            ignored_update_cfs: Vec::new(),
            je_config_id: None,
            je_event_key: None,
            headers: Vec::new(),
        }
    }

    /// Reads a mapping file's JSON.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let m: Mapping = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if m.version > MAPPING_VERSION {
            return Err(format!(
                "mapping format version {} is newer than this app understands ({MAPPING_VERSION})",
                m.version
            ));
        }
        Ok(m)
    }

    /// Pretty JSON, as saved to disk.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a mapping always serialises")
    }

    /// The entry for the column called `header`, if any.
    pub fn column(&self, header: &str) -> Option<&ColumnMap> {
        self.columns
            .iter()
            .find(|c| c.column.as_deref() == Some(header))
    }
}

/// One column's mapping. The column is named by its header (`column`) or by its
/// position (`position`: Excel letters `C` or a 1-based number `3`), which is how
/// files with duplicate headers are mapped.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// The target: a field (`phone`), an item field (`items.productSku`) or a declared
    /// custom-field code (`customField01`). `None` (or `ignore: true`) ignores the column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub ignore: bool,
    #[serde(flatten)]
    pub options: ColumnOptions,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Per-column choices that override the import-wide ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<DateOrder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<Offset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_format: Option<PhoneFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimal_mark: Option<DecimalMark>,
}

/// Import-wide choices.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportOptions {
    /// The fixed UTC offset text dates and Excel date cells are read in (default +07:00).
    #[serde(default)]
    pub timezone: Offset,
    #[serde(default)]
    pub date_order: DateOrder,
    #[serde(default)]
    pub phone_format: PhoneFormat,
    /// Decimal mark for every number column; `None` decides per column from its values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimal_mark: Option<DecimalMark>,
    /// Also send `timezoneGmt` (the offset in whole hours) on each entry. Off by default:
    /// timestamps are already true UTC instants, and the docs do not say whether Pango
    /// shifts timestamps by `timezoneGmt` (pango-api.md §9, question 11).
    #[serde(default)]
    pub send_timezone_gmt: bool,
    /// The ingest call's `initData` query parameter (initial/historical load).
    #[serde(default)]
    pub init_data: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            timezone: Offset::VIETNAM,
            date_order: DateOrder::Dmy,
            phone_format: PhoneFormat::National,
            decimal_mark: None,
            send_timezone_gmt: false,
            init_data: false,
        }
    }
}

/// A custom field the user declares: Pango's code (from the model's sample payload
/// in Pango's "Data Ingestion API" tester) and its type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomField {
    /// The code, e.g. `customField01`, `customFieldLong03`.
    pub code: String,
    #[serde(rename = "type")]
    pub kind: CustomKind,
    /// On line items instead of the entry (types with items only).
    #[serde(default, skip_serializing_if = "is_false")]
    pub item: bool,
    /// What the user calls it ("Hạng thẻ"), for the UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}
