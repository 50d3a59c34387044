//! Why a validation run could not finish (everything about rows is an [`super::Issue`]).

use crate::error::FileErrorKind;
use crate::mapping::MappingError;

use super::Problem;

/// A validation that stopped: a constant of the mapping that cannot be sent, or a cancel.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ValidateError {
    /// A constant (a value typed in the mapping for every entry) is empty.
    #[error("the constant for '{field}' is empty")]
    EmptyConstant { field: String },
    /// A constant cannot be read as its field's type.
    #[error("the constant for '{field}' (\"{value}\"): {}", .problem.message(crate::i18n::Lang::En))]
    BadConstant {
        field: String,
        value: String,
        problem: Problem,
    },
    #[error("the operation was cancelled")]
    Cancelled,
}

/// For the file-level report (CLI exit codes): a bad constant is a mapping error.
impl From<ValidateError> for FileErrorKind {
    fn from(e: ValidateError) -> Self {
        match e {
            ValidateError::Cancelled => FileErrorKind::Cancelled,
            ValidateError::EmptyConstant { field } => {
                FileErrorKind::Mapping(MappingError::EmptyConstant { field })
            }
            ValidateError::BadConstant {
                field,
                value,
                problem,
            } => FileErrorKind::Mapping(MappingError::BadConstant {
                field,
                value,
                reason: problem.message(crate::i18n::Lang::En).to_string(),
            }),
        }
    }
}
