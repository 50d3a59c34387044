//! Which rows the table shows. A filter is turned into a list of table row indices
//! once, when it or the validation changes; drawing only reads that list.

use crate::validate::{RowState, Validation};

use super::summary::{CheckSummary, KindKey};

/// What the user asked to see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    /// Rows that will not be sent because of an error.
    Errors,
    /// Rows with one kind of issue (clicked in the summary).
    Kind(KindKey),
    /// Rows the server rejected (after "Fix rejected rows").
    Rejected,
}

/// The rows shown, in file order: `None` means every row (no list is built for that).
#[derive(Clone, Debug, Default)]
pub struct View {
    rows: Option<Vec<u32>>,
    total: usize,
}

impl View {
    pub fn compute(
        filter: &Filter,
        v: &Validation,
        summary: &CheckSummary,
        rejected: &[u32],
    ) -> Self {
        let total = v.rows();
        let rows = match filter {
            Filter::All => None,
            Filter::Errors => Some(
                v.states
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| **s == RowState::Invalid)
                    .map(|(r, _)| r as u32)
                    .collect(),
            ),
            Filter::Kind(key) => Some(
                summary
                    .group(key)
                    .map(|g| g.rows.clone())
                    .unwrap_or_default(),
            ),
            Filter::Rejected => Some(rejected.to_vec()),
        };
        Self { rows, total }
    }

    /// Number of rows shown.
    pub fn len(&self) -> usize {
        self.rows.as_ref().map_or(self.total, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Table row index of the `i`-th shown row.
    pub fn row(&self, i: usize) -> usize {
        match &self.rows {
            Some(rows) => rows[i] as usize,
            None => i,
        }
    }

    /// Position of table row `r` among the shown rows, if it is shown.
    pub fn position(&self, r: usize) -> Option<usize> {
        match &self.rows {
            Some(rows) => rows.binary_search(&(r as u32)).ok(),
            None => (r < self.total).then_some(r),
        }
    }
}
