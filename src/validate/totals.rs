//! A totals row at the end of the data ("Tổng cộng", "Total" with the sums under the
//! number columns): one warning, and the row is not sent, instead of the
//! required-field errors it would otherwise get.

use crate::convert::fold;
use crate::source::{CellKind, TableView};

use super::rows::Partial;
use super::{Issue, Problem, RowState};

/// Words that name a totals row, folded (lower case, no accents, no punctuation).
const LABELS: &[&str] = &[
    "tong cong",
    "tong",
    "tong so",
    "tong cong tien",
    "total",
    "totals",
    "grand total",
    "sum",
];

/// At most this many rows at the end are taken as totals (a subtotal, a total, a
/// grand total).
const MAX_ROWS: usize = 3;

/// Whether a cell holds a number as people write sums: digits with separators, a
/// sign or brackets, a currency mark (`1.250.000 đ`, `(300)`, `$1,200`, `12%`).
pub(super) fn looks_numeric(text: &str, kind: CellKind) -> bool {
    if kind == CellKind::Number {
        return true;
    }
    let lower = text.trim().to_lowercase();
    let bare = lower
        .trim_end_matches("vnd")
        .trim_end_matches("vnđ")
        .trim_end_matches(['đ', '₫']);
    let mut digits = false;
    for c in bare.chars() {
        match c {
            '0'..='9' => digits = true,
            ' ' | '\u{a0}' | ',' | '.' | '-' | '+' | '(' | ')' | '%' | '$' => {}
            _ => return false,
        }
    }
    digits
}

/// Whether a cell names a totals row: the word alone ("Tổng cộng", "TOTAL:"), or the
/// word with the count or sum written after it in the same cell ("Tổng cộng: 12 khách
/// hàng", "Total 35 customers"). A word then other text ("Tống Văn Nam") is not one.
fn names_totals(text: &str) -> bool {
    if LABELS.contains(&fold(text).as_str()) {
        return true;
    }
    let has_digit = |s: &str| s.chars().any(|c| c.is_ascii_digit());
    if let Some((word, rest)) = text.split_once([':', '=']) {
        return LABELS.contains(&fold(word).as_str()) && has_digit(rest);
    }
    // "Tổng cộng 12 khách hàng": the word, then a number first thing after it.
    let folded = fold(text);
    LABELS.iter().any(|l| {
        folded
            .strip_prefix(l)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The column of row `r`'s totals word, when the row is a totals word with only
/// numbers (or nothing) in its other cells.
fn totals_label(table: TableView<'_>, r: usize) -> Option<usize> {
    let mut label = None;
    for c in 0..table.width() {
        let text = table.cell(r, c).trim();
        if text.is_empty() {
            continue;
        }
        let kind = table.kind(r, c);
        if label.is_none() && kind == CellKind::Text && names_totals(text) {
            label = Some(c);
        } else if !looks_numeric(text, kind) {
            return None;
        }
    }
    label
}

/// Whether row `r` lacks what makes an entry: its key or a required field.
fn lacks_entry(part: &Partial, r: usize, row_number: u32) -> bool {
    part.key[r] == 0
        || part.issues.iter().any(|i| {
            i.row == row_number
                && matches!(i.problem, Problem::Required | Problem::MissingOneOf { .. })
        })
}

/// Finds the totals rows at the end of the table (the last rows; fully empty rows
/// are not in the table): each gets one [`Problem::TotalsRow`] warning in place of
/// its issues, is marked [`RowState::Skipped`] and has no key, so it joins no entry.
pub(crate) fn mark_totals(table: TableView<'_>, part: &mut Partial, states: &mut [RowState]) {
    for r in (0..table.len()).rev().take(MAX_ROWS) {
        let row_number = table.row_number(r);
        let Some(c) = totals_label(table, r) else {
            return;
        };
        if !lacks_entry(part, r, row_number) {
            return;
        }
        part.issues.retain(|i| i.row != row_number);
        part.issues.push(Issue {
            row: row_number,
            column: table.headers().get(c).cloned(),
            column_index: Some(c),
            field: None,
            value: super::rows::issue_value(table.cell(r, c)),
            problem: Problem::TotalsRow,
        });
        part.invalid[r] = false;
        part.key[r] = 0;
        states[r] = RowState::Skipped;
    }
}
