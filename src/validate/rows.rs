//! The row pass: every mapped cell of every row converted and checked, on all cores.

use std::hash::{BuildHasher, Hasher};
use std::ops::Range;

use crate::convert::{DecimalMark, NumberStats};
use crate::progress::Progress;
use crate::source::{CellKind, TableView};

use super::context::{Ctx, Requirement, RuleCheck, Source};
use super::{Issue, Problem};
use crate::mapping::Plan;

/// What the row pass found for a range of rows.
#[derive(Default)]
pub(crate) struct Partial {
    pub issues: Vec<Issue>,
    pub invalid: Vec<bool>,
    /// Hash of the entry key (0: a key part is missing).
    pub key: Vec<u64>,
}

pub(crate) fn hasher() -> foldhash::fast::FoldHasher<'static> {
    foldhash::fast::FixedState::with_seed(0x5eed_9a96_0c0d_e11a).build_hasher()
}

/// Splits `0..n` into `parts` nearly equal ranges.
pub(crate) fn split(n: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.max(1);
    let step = n.div_ceil(parts).max(1);
    (0..n).step_by(step).map(|s| s..(s + step).min(n)).collect()
}

pub(crate) fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
}

/// Decides the decimal mark of every number column without one chosen, from all its
/// text values.
pub(crate) fn decide_decimals(table: TableView<'_>, plan: &Plan) -> Vec<Option<DecimalMark>> {
    let cols: Vec<(usize, usize)> = plan
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.target.ty.is_number() && c.decimal_mark.is_none())
        .map(|(i, c)| (i, c.index))
        .collect();
    let mut out = vec![None; plan.columns.len()];
    if cols.is_empty() {
        return out;
    }
    let ranges = split(table.len(), threads());
    let partials: Vec<Vec<NumberStats>> = std::thread::scope(|s| {
        let handles: Vec<_> = ranges
            .into_iter()
            .map(|range| {
                let cols = &cols;
                s.spawn(move || {
                    let mut stats = vec![NumberStats::default(); cols.len()];
                    for r in range {
                        for (k, &(_, col)) in cols.iter().enumerate() {
                            if table.kind(r, col) == CellKind::Text {
                                let t = super::value::trim(table.cell(r, col));
                                if !t.is_empty() {
                                    stats[k].observe(t);
                                }
                            }
                        }
                    }
                    stats
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    for (k, &(ci, _)) in cols.iter().enumerate() {
        let mut total = NumberStats::default();
        for p in &partials {
            total.merge(&p[k]);
        }
        out[ci] = total.decide();
    }
    out
}

/// Runs the row pass over all rows on all cores.
pub(crate) fn check_all(ctx: &Ctx<'_>, progress: Option<&Progress>) -> Partial {
    let n = ctx.table.len();
    // One vector of each for the whole file; each thread fills its own slice.
    let mut invalid = vec![false; n];
    let mut key = vec![0u64; n];
    let ranges = split(n, threads());
    let issues: Vec<Vec<Issue>> = std::thread::scope(|s| {
        let mut handles = Vec::new();
        let (mut inv_rest, mut key_rest) = (&mut invalid[..], &mut key[..]);
        for range in ranges {
            let (inv, inv_tail) = std::mem::take(&mut inv_rest).split_at_mut(range.len());
            let (k, key_tail) = std::mem::take(&mut key_rest).split_at_mut(range.len());
            inv_rest = inv_tail;
            key_rest = key_tail;
            handles.push(s.spawn(move || check_rows(ctx, range, inv, k, progress)));
        }
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    Partial {
        issues: issues.into_iter().flatten().collect(),
        invalid,
        key,
    }
}

/// Whether a requirement is met in row `r`. `None`: unknown because its cell had an
/// error (already reported).
fn present(src: Source, errored: &[bool], present: &[bool]) -> Option<bool> {
    match src {
        Source::Column(ci) if errored[ci] => None,
        Source::Column(ci) => Some(present[ci]),
        Source::Constant => Some(true),
        Source::Missing => Some(false),
    }
}

pub(crate) fn requirement_issues(
    reqs: &[Requirement],
    rules: &[RuleCheck],
    errored: &[bool],
    has: &[bool],
    ctx: &Ctx<'_>,
    row_number: u32,
    out: &mut Vec<Issue>,
) -> bool {
    let mut bad = false;
    for req in reqs {
        if present(req.source, errored, has) == Some(false) {
            let (column, column_index) = column_of(ctx, req.source);
            out.push(Issue {
                row: row_number,
                column,
                column_index,
                field: Some(req.path.clone()),
                value: String::new(),
                problem: Problem::Required,
            });
            bad = true;
        }
    }
    for rule in rules {
        let mut unknown = false;
        let mut satisfied = false;
        for group in &rule.groups {
            let mut all = true;
            for src in group {
                match present(*src, errored, has) {
                    Some(true) => {}
                    Some(false) => all = false,
                    None => {
                        all = false;
                        unknown = true;
                    }
                }
            }
            satisfied |= all;
        }
        if !satisfied && !unknown {
            out.push(Issue {
                row: row_number,
                column: None,
                column_index: None,
                field: Some(rule.text.clone()),
                value: String::new(),
                problem: Problem::MissingOneOf {
                    alternatives: rule.labels.clone(),
                },
            });
            bad = true;
        }
    }
    bad
}

/// The value an issue quotes: the cell as written, cut at 200 characters (a 20 MB
/// cell must not be copied into every report line).
pub(crate) fn issue_value(raw: &str) -> String {
    const SHOWN: usize = 200;
    match raw.char_indices().nth(SHOWN) {
        None => raw.to_string(),
        Some((cut, _)) => format!("{}… ({} bytes in all)", &raw[..cut], raw.len()),
    }
}

fn column_of(ctx: &Ctx<'_>, src: Source) -> (Option<String>, Option<usize>) {
    match src {
        Source::Column(ci) => {
            let c = &ctx.plan.columns[ci];
            (Some(c.header.clone()), Some(c.index))
        }
        _ => (None, None),
    }
}

/// Checks the rows of `range`, writing each row's verdict and key hash into
/// `invalid` and `keys` (slices of the whole file's vectors); returns the issues.
fn check_rows(
    ctx: &Ctx<'_>,
    range: Range<usize>,
    invalid: &mut [bool],
    keys: &mut [u64],
    progress: Option<&Progress>,
) -> Vec<Issue> {
    let table = ctx.table;
    let ncols = ctx.plan.columns.len();
    let len = range.len();
    let mut issues = Vec::new();
    let mut errored = vec![false; ncols];
    let mut has = vec![false; ncols];
    let ragged = table.table().ragged();
    let mut ragged_i = ragged.partition_point(|g| g.index < range.start);
    for (done, r) in range.enumerate() {
        let row_number = table.row_number(r);
        let mut bad = false;
        if ragged.get(ragged_i).is_some_and(|g| g.index == r) {
            issues.push(Issue {
                row: row_number,
                column: None,
                column_index: None,
                field: None,
                value: String::new(),
                problem: Problem::RaggedRow {
                    expected: table.width(),
                    found: ragged[ragged_i].found,
                },
            });
            ragged_i += 1;
            bad = true;
        }
        for (ci, col) in ctx.plan.columns.iter().enumerate() {
            let raw = table.cell(r, col.index);
            let text = super::value::trim(raw);
            match super::value::cell_value_trimmed(text, table.kind(r, col.index), &ctx.rules[ci]) {
                Ok(v) => {
                    errored[ci] = false;
                    has[ci] = v.is_some();
                }
                Err(problem) => {
                    errored[ci] = true;
                    has[ci] = false;
                    bad = true;
                    issues.push(Issue {
                        row: row_number,
                        column: Some(col.header.clone()),
                        column_index: Some(col.index),
                        field: Some(col.target.path.clone()),
                        value: issue_value(raw),
                        problem,
                    });
                }
            }
        }
        bad |= requirement_issues(
            &ctx.row_required,
            &ctx.row_rules,
            &errored,
            &has,
            ctx,
            row_number,
            &mut issues,
        );
        keys[done] = key_hash(ctx, r, &errored, &has);
        invalid[done] = bad;
        if done % 65_536 == 65_535
            && let Some(p) = progress
        {
            p.add_done(65_536);
        }
    }
    if let Some(p) = progress {
        p.add_done((len % 65_536) as u64);
    }
    issues
}

fn key_hash(ctx: &Ctx<'_>, r: usize, errored: &[bool], has: &[bool]) -> u64 {
    let mut h = hasher();
    for (src, constant) in &ctx.key {
        match (src, constant) {
            (Source::Column(ci), _) => {
                if errored[*ci] || !has[*ci] {
                    return 0;
                }
                match ctx.value(r, *ci) {
                    Ok(Some(v)) => h.write(v.key_text().as_bytes()),
                    _ => return 0,
                }
            }
            (Source::Constant, Some(c)) => h.write(c.as_bytes()),
            _ => return 0,
        }
        h.write_u8(0xff);
    }
    h.finish().max(1)
}
