//! The types that describe an object type's fields and rules.

use serde::{Deserialize, Serialize};

use crate::i18n::Text2;

/// A field's value type, as the API documents it, refined where the importer must
/// treat the value specially (phones, e-mails, enumerations, date text).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldType {
    /// Free text (identifiers included: never turned into numbers).
    Text,
    /// A phone number: normalised to Vietnam's national form (or E.164) and checked.
    Phone,
    /// An e-mail address: checked, domain lower-cased.
    Email,
    /// Whole number (JSON integer), documented as Integer.
    Integer,
    /// Whole number (JSON integer), documented as Long.
    Long,
    /// Decimal number (JSON number), documented as Double.
    Double,
    /// Decimal number (JSON number), documented as Float.
    Float,
    Boolean,
    /// Epoch milliseconds (JSON integer).
    Timestamp,
    /// A date sent as text `yyyy-MM-dd` (customer `dob2`).
    DateText,
    /// One of a fixed list of values (see [`EnumDef`]).
    Enum(&'static EnumDef),
    /// A list of strings; a cell is split on `,` or `;`.
    List,
}

impl FieldType {
    /// Short name for the UI and `objects --json`.
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Phone => "phone",
            FieldType::Email => "email",
            FieldType::Integer => "integer",
            FieldType::Long => "long",
            FieldType::Double => "double",
            FieldType::Float => "float",
            FieldType::Boolean => "boolean",
            FieldType::Timestamp => "timestamp",
            FieldType::DateText => "date-text",
            FieldType::Enum(_) => "enum",
            FieldType::List => "list",
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(
            self,
            FieldType::Integer | FieldType::Long | FieldType::Double | FieldType::Float
        )
    }

    pub fn is_whole(&self) -> bool {
        matches!(self, FieldType::Integer | FieldType::Long)
    }
}

/// The values an enumerated field accepts: the documented ones, sent as written,
/// plus aliases users type (matched without regard to case or accents).
#[derive(Debug, PartialEq)]
pub struct EnumDef {
    pub values: &'static [&'static str],
    /// (alias, documented value), e.g. ("nữ", "female"). Aliases are written in
    /// lower case; matching folds case and accents.
    pub aliases: &'static [(&'static str, &'static str)],
}

/// One field of an entry or of a line item.
#[derive(Debug, PartialEq)]
pub struct FieldDef {
    /// The API's field name, case-exact (`customerId`).
    pub name: &'static str,
    pub ty: FieldType,
    /// Required on every entry (or item). Conditional rules are [`Rule`]s.
    pub required: bool,
    /// A short label for the UI.
    pub label: Text2,
    /// One sentence on what the field holds.
    pub help: Text2,
    /// An example value, as the docs show it.
    pub example: &'static str,
    /// Header texts that mean this field, written in lower case without accents
    /// (`so dien thoai`, `sdt`, `phone`); auto-matching folds headers the same way.
    pub synonyms: &'static [&'static str],
}

/// A rule across fields: at least one of the groups must be fully present.
/// `[["phone"], ["email"]]` is "phone or email";
/// `[["fullName"], ["firstName", "lastName"]]` is "full name, or first and last name".
#[derive(Debug, PartialEq)]
pub struct Rule {
    pub any_of: &'static [&'static [&'static str]],
    pub message: Text2,
}

/// Line items nested in an entry (order items, cart items …): one file row per
/// item, rows grouped into one entry by the parent key.
#[derive(Debug, PartialEq)]
pub struct ItemDef {
    /// The entry key that holds the items (`items`, or `questions` for surveys).
    pub container: &'static str,
    /// Items are sent as a JSON object keyed by this field's value instead of a list
    /// (survey questions keyed by `questionId`); `None` sends a list.
    pub map_key: Option<&'static str>,
    /// The field that identifies an item within its entry (`productSku`), used to
    /// find duplicate lines.
    pub key: &'static str,
    /// The item key is a product's SKU, which the docs never call unique in an
    /// entry: two differing lines with one SKU are a warning and both are sent (our
    /// reading). Otherwise (a line id, a map key) they are issues.
    pub key_is_sku: bool,
    pub label: Text2,
    pub fields: &'static [FieldDef],
    pub rules: &'static [Rule],
}

/// An object type (`objectType` value) and its documented fields.
#[derive(Debug, PartialEq)]
pub struct ObjectType {
    /// The `objectType` value, e.g. `customer-identity`.
    pub name: &'static str,
    pub label: Text2,
    /// What it is for, in plain words, for the type picker.
    pub description: Text2,
    /// The field(s) that identify an entry (`customerId`; `momCode` + `refId`).
    /// For types with items, rows sharing this key are one entry.
    pub key: &'static [&'static str],
    pub fields: &'static [FieldDef],
    pub rules: &'static [Rule],
    pub items: Option<&'static ItemDef>,
    /// The docs tag this type `SUPPORT_IGNORED_UPDATE_CFS`.
    pub ignored_update_cfs: bool,
}

impl ObjectType {
    /// The entry-level field called `name`.
    pub fn field(&self, name: &str) -> Option<&'static FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The item-level field called `name` (without the `items.` prefix).
    pub fn item_field(&self, name: &str) -> Option<&'static FieldDef> {
        self.items?.fields.iter().find(|f| f.name == name)
    }
}

/// The type of a custom field the user declares; it decides the container the
/// value is sent in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CustomKind {
    /// `customFieldTexts` (string)
    Text,
    /// `customFieldLongs` (whole number)
    Long,
    /// `customFieldTimestamps` (epoch ms)
    Timestamp,
    /// `customFieldListTexts` (list of strings)
    List,
}

impl CustomKind {
    /// The JSON container the value goes in.
    pub fn container(self) -> &'static str {
        match self {
            CustomKind::Text => "customFieldTexts",
            CustomKind::Long => "customFieldLongs",
            CustomKind::Timestamp => "customFieldTimestamps",
            CustomKind::List => "customFieldListTexts",
        }
    }

    /// The field type its values are validated as.
    pub fn field_type(self) -> FieldType {
        match self {
            CustomKind::Text => FieldType::Text,
            CustomKind::Long => FieldType::Long,
            CustomKind::Timestamp => FieldType::Timestamp,
            CustomKind::List => FieldType::List,
        }
    }

    /// What every code of this container starts with.
    pub fn code_prefix(self) -> &'static str {
        match self {
            CustomKind::Text => "customField",
            CustomKind::Long => "customFieldLong",
            CustomKind::Timestamp => "customFieldTimestamp",
            CustomKind::List => "customFieldList",
        }
    }

    /// Whether `code` is a code of this container: its prefix, then two or more
    /// digits (`customField01`, `customFieldLong03`, `customFieldTimestamp01`,
    /// `customFieldList01`). The docs only show such codes (pango-api.md §5, seen
    /// up to `customField67`) and never state the rule: this is our reading.
    pub fn fits(self, code: &str) -> bool {
        code.strip_prefix(self.code_prefix())
            .is_some_and(|n| n.len() >= 2 && n.bytes().all(|b| b.is_ascii_digit()))
    }

    /// An example code of this container, for messages.
    pub fn example(self) -> String {
        format!("{}01", self.code_prefix())
    }

    pub const ALL: [CustomKind; 4] = [
        CustomKind::Text,
        CustomKind::Long,
        CustomKind::Timestamp,
        CustomKind::List,
    ];
}

// Enumerations shared by several object types.

pub static GENDER: EnumDef = EnumDef {
    values: &["male", "female", "undefined"],
    aliases: &[
        ("nam", "male"),
        ("m", "male"),
        ("men", "male"),
        ("trai", "male"),
        ("nu", "female"),
        ("f", "female"),
        ("women", "female"),
        ("gai", "female"),
        ("ong", "male"),
        ("ba", "female"),
        ("khac", "undefined"),
        ("khong xac dinh", "undefined"),
        ("other", "undefined"),
        ("unknown", "undefined"),
    ],
};

pub static RECORD_STATUS: EnumDef = EnumDef {
    values: &["Active", "Deleted"],
    aliases: &[
        ("hoat dong", "Active"),
        ("da xoa", "Deleted"),
        ("xoa", "Deleted"),
    ],
};

pub static SOURCE_CHANNEL: EnumDef = EnumDef {
    values: &["Online", "Offline"],
    aliases: &[("truc tuyen", "Online"), ("truc tiep", "Offline")],
};

pub static YES_NO: EnumDef = EnumDef {
    values: &["Yes", "No"],
    aliases: &[
        ("co", "Yes"),
        ("khong", "No"),
        ("y", "Yes"),
        ("n", "No"),
        ("true", "Yes"),
        ("false", "No"),
        ("1", "Yes"),
        ("0", "No"),
    ],
};
