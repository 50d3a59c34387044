//! Validation: every cell of every row -> the value to send, or an [`Issue`] at the
//! row and column the user sees. Nothing is sampled.

mod alternatives;
mod context;
mod error;
mod groups;
mod issue;
mod rows;
mod totals;
mod value;

pub use alternatives::Alternatives;
pub use error::ValidateError;
pub use issue::{Issue, Problem};
pub use value::{CellRules, MAX_CELL_BYTES, Value, cell_value, split_list};

use crate::convert::DecimalMark;
use crate::mapping::Plan;
use crate::progress::Progress;
use crate::source::{Edits, Table, TableView};

use context::Ctx;

/// What became of a file row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowState {
    Valid,
    /// Has at least one issue (not a warning): never sent.
    Invalid,
    /// Identical to the row with this table index: sent once, with that row.
    DuplicateOf(u32),
    /// A totals row at the end of the data (a warning): not sent, neither valid nor
    /// invalid.
    Skipped,
}

/// The entries to send: each is one or more table rows (the line rows of one
/// order …). The upload calls each one a unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entries {
    starts: Vec<u32>,
    rows: Vec<u32>,
}

impl Entries {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Table row indices of entry `i` (its lines, in file order).
    pub fn rows(&self, i: usize) -> &[u32] {
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map(|e| *e as usize)
            .unwrap_or(self.rows.len());
        &self.rows[start..end]
    }

    fn push(&mut self, rows: impl IntoIterator<Item = u32>) {
        self.starts.push(self.rows.len() as u32);
        self.rows.extend(rows);
    }
}

/// The result of validating a table against a plan.
#[derive(Clone, Debug)]
pub struct Validation {
    pub plan: Plan,
    /// The decimal mark in force for each plan column (chosen or decided).
    pub decimal: Vec<Option<DecimalMark>>,
    /// One state per table row.
    pub states: Vec<RowState>,
    /// Every issue and warning, in row order.
    pub issues: Vec<Issue>,
    /// The entries that will be sent.
    pub units: Entries,
    /// The user's edits this validation saw (payloads and exports read the table
    /// through them, so what is sent is what was checked).
    pub edits: Edits,
    /// The JSON value of each of `plan.constants`, converted once.
    pub constants: Vec<serde_json::Value>,
    /// Rows that are sent (with their entry), identical copies included.
    pub valid: usize,
    /// Rows with an error: never sent.
    pub invalid: usize,
    /// Rows left out with a warning (a totals row): neither valid nor invalid.
    pub skipped: usize,
}

impl Validation {
    /// File rows considered (fully empty rows are not counted): valid, invalid and
    /// skipped.
    pub fn rows(&self) -> usize {
        self.states.len()
    }

    /// Issues (not warnings) only.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| !i.is_warning())
    }

    /// The issues of the row the user knows as `row_number`.
    pub fn issues_at(&self, row_number: u32) -> &[Issue] {
        let start = self.issues.partition_point(|i| i.row < row_number);
        let end = self.issues.partition_point(|i| i.row <= row_number);
        &self.issues[start..end]
    }

    /// Reading rules for plan column `ci`.
    pub fn rules(&self, ci: usize) -> CellRules {
        CellRules::for_column(&self.plan.columns[ci], self.decimal[ci])
    }

    /// `table` (the one validated) as this validation saw it: with its edits.
    pub fn view<'a>(&'a self, table: &'a Table) -> TableView<'a> {
        TableView::new(table, &self.edits)
    }

    /// The value that will be sent for plan column `ci` of table row `r`.
    pub fn value<'a>(
        &'a self,
        table: &'a Table,
        r: usize,
        ci: usize,
    ) -> Result<Option<Value<'a>>, Problem> {
        let col = self.plan.columns[ci].index;
        let view = self.view(table);
        cell_value(view.cell(r, col), view.kind(r, col), &self.rules(ci))
    }

    /// A reader of entry keys as shown in reports ("KH001", "M-X / R1"), for any
    /// table row (empty when the row has no complete key).
    pub fn key_reader<'a>(&'a self, table: &'a Table) -> impl Fn(usize) -> String + 'a {
        let ctx = Ctx::new(self.view(table), &self.plan, &self.decimal).ok();
        move |r| ctx.as_ref().and_then(|c| c.key_text(r)).unwrap_or_default()
    }
}

/// Validates every row of `table` (a [`Table`], or a [`TableView`] with the user's
/// edits) against `plan`. A constant that cannot be converted is an error (exit 2);
/// everything about rows is an issue.
pub fn validate<'a>(
    table: impl Into<TableView<'a>>,
    plan: &Plan,
    progress: Option<&Progress>,
) -> Result<Validation, ValidateError> {
    let table: TableView<'a> = table.into();
    if let Some(p) = progress {
        p.set_total(table.len() as u64);
        p.set_done(0);
    }
    let decimal = rows::decide_decimals(table, plan);
    let ctx = Ctx::new(table, plan, &decimal)?;
    let mut part = rows::check_all(&ctx, progress);
    if progress.is_some_and(|p| p.is_cancelled()) {
        return Err(ValidateError::Cancelled);
    }
    let mut states = vec![RowState::Valid; table.len()];
    totals::mark_totals(table, &mut part, &mut states);
    let groups = if ctx.nested {
        Some(groups::check_nested(&ctx, &mut part, &mut states))
    } else {
        groups::check_flat(&ctx, &mut part, &mut states);
        None
    };
    for (state, bad) in states.iter_mut().zip(&part.invalid) {
        if *bad {
            *state = RowState::Invalid;
        }
    }
    let mut units = Entries::default();
    match groups {
        Some(groups) => {
            for g in groups {
                if g.iter().all(|&r| states[r as usize] != RowState::Invalid) {
                    units.push(
                        g.into_iter()
                            .filter(|&r| states[r as usize] == RowState::Valid),
                    );
                }
            }
        }
        None => {
            for (r, s) in states.iter().enumerate() {
                if *s == RowState::Valid {
                    units.push([r as u32]);
                }
            }
        }
    }
    let mut issues = part.issues;
    issues.sort_by_key(|i| (i.row, i.column_index.unwrap_or(usize::MAX)));
    let invalid = states.iter().filter(|s| **s == RowState::Invalid).count();
    let skipped = states.iter().filter(|s| **s == RowState::Skipped).count();
    Ok(Validation {
        plan: plan.clone(),
        decimal,
        valid: states.len() - invalid - skipped,
        invalid,
        skipped,
        states,
        issues,
        units,
        constants: ctx.constants.clone(),
        edits: table.edits().cloned().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod edit_tests;

#[cfg(test)]
mod totals_tests;

#[cfg(test)]
mod words_tests;
