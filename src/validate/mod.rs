//! Validation: every cell of every row -> the value to send, or an [`Issue`].

mod issue;

pub use issue::{Issue, Problem};
