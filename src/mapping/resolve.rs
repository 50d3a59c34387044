//! Resolving a [`Mapping`] against a file's headers and the object type's schema:
//! the [`Plan`] validation and payload building run on.

use std::collections::HashSet;

use crate::convert::{DateOrder, DecimalMark, Offset, PhoneFormat};
use crate::error::{FileErrorKind, column_letter, parse_column_ref};
use crate::schema::{self, CustomKind, FieldDef, FieldType, ObjectType};

use super::error::MappingError;
use super::header::{find_column, names_header};
use super::model::{ImportOptions, Mapping};

/// Where a value goes: on the entry or on each line item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Entry,
    Item,
}

/// A resolved destination for a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// As written in the mapping: `phone`, `items.productSku`, `customField01`.
    pub path: String,
    /// The JSON key on the wire: `phone`, `productSku`, `customField01`.
    pub name: String,
    pub level: Level,
    pub ty: FieldType,
    /// `Some` for a custom field: the container it is sent in.
    pub custom: Option<CustomKind>,
    /// The schema field, for built-in fields.
    pub def: Option<&'static FieldDef>,
}

/// A mapped column with its effective options.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnPlan {
    /// 0-based column index in the table.
    pub index: usize,
    pub header: String,
    pub target: Target,
    pub date_order: DateOrder,
    pub offset: Offset,
    pub phone_format: PhoneFormat,
    /// The decimal mark the user chose (column option, else import option); when
    /// `None`, validation decides it from the column's values.
    pub decimal_mark: Option<DecimalMark>,
}

/// A constant sent with every entry (or item).
#[derive(Clone, Debug, PartialEq)]
pub struct ConstantPlan {
    pub target: Target,
    pub value: String,
}

/// A mapping applied to one file: everything validation needs, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub object: &'static ObjectType,
    pub columns: Vec<ColumnPlan>,
    pub constants: Vec<ConstantPlan>,
    pub options: ImportOptions,
    /// The envelope's `source`.
    pub source: String,
    pub ignored_update_cfs: Vec<String>,
    pub je_config_id: Option<String>,
    pub je_event_key: Option<String>,
}

/// The envelope `source` when none is given.
pub const DEFAULT_SOURCE: &str = "PangoImporter";

impl Plan {
    /// Whether some column or constant feeds `path`.
    pub fn feeds(&self, path: &str) -> bool {
        self.columns.iter().any(|c| c.target.path == path)
            || self.constants.iter().any(|c| c.target.path == path)
    }

    /// The mapped column feeding `path`, if any.
    pub fn column_for(&self, path: &str) -> Option<&ColumnPlan> {
        self.columns.iter().find(|c| c.target.path == path)
    }
}

/// Finds the target a mapping names. `path` is a field, `<container>.<field>` for item
/// fields, or a declared custom-field code (`items.<code>` for item-level ones).
pub fn resolve_target(
    object: &'static ObjectType,
    mapping: &Mapping,
    path: &str,
) -> Result<Target, FileErrorKind> {
    let (level, name) = match (object.items, path.split_once('.')) {
        (Some(items), Some((container, rest))) if container == items.container => {
            (Level::Item, rest)
        }
        _ => (Level::Entry, path),
    };
    if let Some(custom) = mapping.custom_fields.iter().find(|c| c.code == name) {
        let custom_level = if custom.item {
            Level::Item
        } else {
            Level::Entry
        };
        if custom_level == level {
            return Ok(Target {
                path: path.to_string(),
                name: name.to_string(),
                level,
                ty: custom.kind.field_type(),
                custom: Some(custom.kind),
                def: None,
            });
        }
    }
    let def = match level {
        Level::Entry => object.field(name),
        Level::Item => object.item_field(name),
    };
    match def {
        Some(def) => Ok(Target {
            path: path.to_string(),
            name: def.name.to_string(),
            level,
            ty: def.ty,
            custom: None,
            def: Some(def),
        }),
        None => Err(MappingError::NotAField {
            path: path.to_string(),
            object: object.name,
        }
        .into()),
    }
}

/// Checks a mapping against the file's headers and builds the [`Plan`].
pub fn resolve(mapping: &Mapping, headers: &[String]) -> Result<Plan, FileErrorKind> {
    let object = schema::find(&mapping.object_type)
        .ok_or_else(|| MappingError::UnknownObject(mapping.object_type.clone()))?;
    for custom in &mapping.custom_fields {
        if !custom.kind.fits(&custom.code) {
            return Err(MappingError::CustomCodeMisfit {
                code: custom.code.clone(),
                container: custom.kind.container(),
                prefix: custom.kind.code_prefix(),
                example: custom.kind.example(),
            }
            .into());
        }
        if custom.item && object.items.is_none() {
            return Err(MappingError::CustomItemWithoutItems {
                code: custom.code.clone(),
                object: object.name,
            }
            .into());
        }
    }
    let opts = mapping.options;
    let mut used_columns = HashSet::new();
    let mut used_paths = HashSet::new();
    let mut columns = Vec::new();
    for cm in &mapping.columns {
        let Some(path) = cm.field.as_deref().filter(|_| !cm.ignore) else {
            continue;
        };
        let index = column_index(cm.column.as_deref(), cm.position.as_deref(), headers)?;
        let target = resolve_target(object, mapping, path)?;
        if !used_columns.insert(index) {
            return Err(MappingError::ColumnMappedTwice {
                column: column_letter(index),
                header: headers[index].clone(),
            }
            .into());
        }
        if !used_paths.insert(target.path.clone()) {
            return Err(MappingError::FieldFedTwice {
                field: path.to_string(),
            }
            .into());
        }
        let o = cm.options;
        columns.push(ColumnPlan {
            index,
            header: headers[index].clone(),
            target,
            date_order: o.date_order.unwrap_or(opts.date_order),
            offset: o.timezone.unwrap_or(opts.timezone),
            phone_format: o.phone_format.unwrap_or(opts.phone_format),
            decimal_mark: o.decimal_mark.or(opts.decimal_mark),
        });
    }
    columns.sort_by_key(|c| c.index);
    let mut constants = Vec::new();
    for (path, value) in &mapping.constants {
        let target = resolve_target(object, mapping, path)?;
        if !used_paths.insert(target.path.clone()) {
            return Err(MappingError::ColumnAndConstant {
                field: path.to_string(),
            }
            .into());
        }
        constants.push(ConstantPlan {
            target,
            value: value.clone(),
        });
    }
    Ok(Plan {
        object,
        columns,
        constants,
        options: opts,
        source: mapping
            .source
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_SOURCE.to_string()),
        ignored_update_cfs: mapping.ignored_update_cfs.clone(),
        je_config_id: mapping.je_config_id.clone(),
        je_event_key: mapping.je_event_key.clone(),
    })
}

/// The column a mapping entry names: by position (checked against the header when both
/// are given), else by header under the one rule of [`find_column`].
fn column_index(
    column: Option<&str>,
    position: Option<&str>,
    headers: &[String],
) -> Result<usize, FileErrorKind> {
    let Some(pos) = position else {
        let name = column.ok_or(MappingError::NoColumn)?;
        return find_column(headers, name);
    };
    let index = parse_column_ref(pos).ok_or_else(|| MappingError::BadPosition {
        position: pos.to_string(),
    })?;
    if index >= headers.len() {
        return Err(MappingError::PositionPastEnd {
            position: pos.to_string(),
            last: column_letter(headers.len().saturating_sub(1)),
        }
        .into());
    }
    if let Some(name) = column
        && !names_header(&headers[index], name)
    {
        return Err(MappingError::PositionHeaderMismatch {
            column: column_letter(index),
            header: headers[index].clone(),
            named: name.to_string(),
        }
        .into());
    }
    Ok(index)
}
