//! Mapping: which column feeds which field, constants, per-column options and
//! custom fields; auto-matching from headers; saved templates.

mod automatch;
mod error;
mod header;
mod model;
mod object_fit;
mod resolve;
mod template;

pub use automatch::{MIN_CONFIDENCE, Suggestion, auto_mapping, suggest};
pub use error::MappingError;
pub use header::{find_column, header_key, names_header};
pub use model::{ColumnMap, ColumnOptions, CustomField, ImportOptions, MAPPING_VERSION, Mapping};
pub use object_fit::{
    RequiredSlot, TypeFit, better_fit, choose_object_type, rank_object_types, suggest_object_type,
};
pub use resolve::{
    ColumnPlan, ConstantPlan, DEFAULT_SOURCE, Level, Plan, Target, resolve, resolve_target,
};
pub use template::{
    TemplateMatch, adapt_to_headers, file_name_for, find_template, header_changes, list_templates,
    save_template,
};

#[cfg(test)]
mod tests;
