//! Why a validation run could not finish (everything about rows is an [`super::Issue`]).

use crate::error::FileErrorKind;
use crate::i18n::{Lang, Text2};
use crate::mapping::MappingError;

use super::Problem;

/// A validation that stopped: a constant of the mapping that cannot be sent, or a cancel.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ValidateError {
    /// A constant (a value typed in the mapping for every entry) is empty.
    #[error("the constant for '{field}' is empty")]
    EmptyConstant {
        field: String,
        /// The field's label (built-in fields), for the app's message.
        label: Option<&'static Text2>,
    },
    /// A constant cannot be read as its field's type.
    #[error("the constant for '{field}' (\"{value}\"): {}", .problem.message(crate::i18n::Lang::En))]
    BadConstant {
        field: String,
        label: Option<&'static Text2>,
        value: String,
        problem: Box<Problem>,
    },
    #[error("the operation was cancelled")]
    Cancelled,
}

impl ValidateError {
    /// The message the app shows, in `lang`, naming the field by its label (the
    /// CLI prints the `Display`, which names it as the mapping file does).
    pub fn message(&self, lang: Lang) -> String {
        let name = |field: &str, label: &Option<&Text2>| {
            label.map_or_else(|| field.to_string(), |l| l.get(lang).to_string())
        };
        match (self, lang) {
            (ValidateError::EmptyConstant { field, label }, Lang::En) => {
                format!("the fixed value for {} is empty", name(field, label))
            }
            (ValidateError::EmptyConstant { field, label }, Lang::Vi) => {
                format!("giá trị cố định của {} đang trống", name(field, label))
            }
            (
                ValidateError::BadConstant {
                    field,
                    label,
                    value,
                    problem,
                },
                Lang::En,
            ) => format!(
                "the fixed value for {} (\"{value}\"): {}",
                name(field, label),
                problem.message(lang)
            ),
            (
                ValidateError::BadConstant {
                    field,
                    label,
                    value,
                    problem,
                },
                Lang::Vi,
            ) => format!(
                "giá trị cố định của {} (\"{value}\"): {}",
                name(field, label),
                problem.message(lang)
            ),
            (ValidateError::Cancelled, _) => FileErrorKind::Cancelled.message(lang),
        }
    }
}

/// For the file-level report (CLI exit codes): a bad constant is a mapping error.
impl From<ValidateError> for FileErrorKind {
    fn from(e: ValidateError) -> Self {
        match e {
            ValidateError::Cancelled => FileErrorKind::Cancelled,
            ValidateError::EmptyConstant { field, .. } => {
                FileErrorKind::Mapping(MappingError::EmptyConstant { field })
            }
            ValidateError::BadConstant {
                field,
                value,
                problem,
                ..
            } => FileErrorKind::Mapping(MappingError::BadConstant {
                field,
                value,
                reason: problem.message(crate::i18n::Lang::En).to_string(),
            }),
        }
    }
}
