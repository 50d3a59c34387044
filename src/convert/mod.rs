//! Value converters: one cell's text -> the value sent to Pango, or a [`Problem`].
//!
//! These are pure functions on `&str` with no allocation when the value does not
//! change (they return `Cow::Borrowed`), because validation calls them for every
//! cell of every row.

pub use crate::validate::Problem;
