//! Why a mapping does not fit a file or an object type, naming the column, field or
//! code it is about. Carried as [`crate::error::FileErrorKind::Mapping`].

/// A mapping that cannot be applied. The messages are those the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("unknown object type '{0}' (run `pango-importer-cli objects` to list them)")]
    UnknownObject(String),
    #[error(
        "'{path}' is not a field of {object} (run `pango-importer-cli objects` to list them, or declare it under custom_fields)"
    )]
    NotAField { path: String, object: &'static str },
    #[error(
        "custom field code '{code}' does not fit {container}: its codes are {prefix} then two or more digits, like {example} (copy the code from the model's sample payload in Pango)"
    )]
    CustomCodeMisfit {
        code: String,
        container: &'static str,
        prefix: &'static str,
        example: String,
    },
    #[error("custom field '{code}' is marked as a line-item field, but {object} has no line items")]
    CustomItemWithoutItems { code: String, object: &'static str },
    #[error("column {column} ('{header}') is mapped twice")]
    ColumnMappedTwice { column: String, header: String },
    #[error("field '{field}' is fed by two columns; map it from one")]
    FieldFedTwice { field: String },
    #[error("field '{field}' has both a column and a constant; keep one")]
    ColumnAndConstant { field: String },
    #[error("'{position}' is not a column position (use letters like C or a number like 3)")]
    BadPosition { position: String },
    #[error("column {position} is past the last column ({last})")]
    PositionPastEnd { position: String, last: String },
    #[error("column {column} is headed '{header}', not '{named}'")]
    PositionHeaderMismatch {
        column: String,
        header: String,
        named: String,
    },
    #[error("a column entry needs \"column\" (its header) or \"position\"")]
    NoColumn,
    #[error("the constant for '{field}' is empty")]
    EmptyConstant { field: String },
    #[error("the constant for '{field}' (\"{value}\"): {reason}")]
    BadConstant {
        field: String,
        value: String,
        reason: String,
    },
    #[error(
        "the header '{header}' names two columns when accents, case and spacing are set aside: {first} ('{first_header}') and {second} ('{second_header}'); write the header exactly as in the file, or map the column by position"
    )]
    AmbiguousHeader {
        header: String,
        first: String,
        first_header: String,
        second: String,
        second_header: String,
    },
}
