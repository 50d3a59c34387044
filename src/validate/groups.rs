//! Keys across rows: duplicate keys in the file, and line rows grouped into entries
//! (order items …) with their consistency checks.

use std::collections::HashMap;

use super::context::Ctx;
use super::rows::{Partial, requirement_issues};
use super::{Issue, Problem, RowState};

/// At most this many other rows are named in one message.
const NAMED_ROWS: usize = 5;

fn row_list(rows: impl Iterator<Item = u32>) -> String {
    let rows: Vec<u32> = rows.collect();
    let mut s = rows
        .iter()
        .take(NAMED_ROWS)
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if rows.len() > NAMED_ROWS {
        s.push_str(&format!(" (+{} more)", rows.len() - NAMED_ROWS));
    }
    s
}

/// Runs of row indices that share a key hash, each in row order, ordered by their
/// first row; only runs of at least `min` rows. Rows without a key are left out.
/// The rows are split by hash into one bucket per core and each bucket is sorted on
/// its own thread (equal hashes land in the same bucket); a vector only for each
/// run kept.
fn runs_by(hashes: &[u64], min: usize) -> Vec<Vec<u32>> {
    let parts = super::rows::threads() as u64;
    let mut buckets: Vec<Vec<(u64, u32)>> = (0..parts)
        .map(|_| Vec::with_capacity(hashes.len() / parts as usize + 1024))
        .collect();
    for (i, &h) in hashes.iter().enumerate() {
        if h != 0 {
            buckets[(h % parts) as usize].push((h, i as u32));
        }
    }
    let mut out: Vec<Vec<u32>> = std::thread::scope(|s| {
        let handles: Vec<_> = buckets
            .into_iter()
            .map(|mut order| s.spawn(move || runs_of(&mut order, min)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("no panic"))
            .collect()
    });
    out.sort_unstable_by_key(|run| run[0]);
    out
}

/// The runs of at least `min` rows in `order` (hash, row) once sorted.
fn runs_of(order: &mut [(u64, u32)], min: usize) -> Vec<Vec<u32>> {
    order.sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && order[j].0 == order[i].0 {
            j += 1;
        }
        if j - i >= min {
            out.push(order[i..j].iter().map(|(_, r)| *r).collect());
        }
        i = j;
    }
    out
}

/// Splits a run that shares a hash by the real key text (a hash collision is not a duplicate).
fn split_by_text(run: Vec<u32>, text: impl Fn(u32) -> Option<String>) -> Vec<Vec<u32>> {
    if run.len() == 1 {
        return vec![run];
    }
    let mut by: Vec<(String, Vec<u32>)> = Vec::new();
    for r in run {
        let k = text(r).unwrap_or_default();
        match by.iter_mut().find(|(t, _)| *t == k) {
            Some((_, v)) => v.push(r),
            None => by.push((k, vec![r])),
        }
    }
    by.into_iter().map(|(_, v)| v).collect()
}

/// Rows whose mapped cells are the same text (trimmed): the same row written twice.
fn identical(ctx: &Ctx<'_>, a: u32, b: u32) -> bool {
    ctx.plan.columns.iter().all(|c| {
        ctx.table.cell(a as usize, c.index).trim() == ctx.table.cell(b as usize, c.index).trim()
    })
}

/// Rows sharing a key: identical ones are folded into the first (a warning); differing
/// ones are all invalid, each naming the others.
fn duplicates(ctx: &Ctx<'_>, rows: &[u32], key: &str, part: &mut Partial, states: &mut [RowState]) {
    let table = ctx.table;
    let all_same = rows[1..].iter().all(|&r| identical(ctx, rows[0], r));
    if all_same {
        // Copies are folded into the first copy that is valid (a copy can be
        // invalid for a row-level reason, such as an extra field, that the others
        // lack); with no valid copy there is nothing to send and nothing to fold.
        let Some(&first) = rows.iter().find(|&&r| !part.invalid[r as usize]) else {
            return;
        };
        for &r in rows
            .iter()
            .filter(|&&r| r != first && !part.invalid[r as usize])
        {
            states[r as usize] = RowState::DuplicateOf(first);
            part.issues.push(Issue {
                row: table.row_number(r as usize),
                column: None,
                column_index: None,
                field: None,
                value: key.to_string(),
                problem: Problem::DuplicateRow {
                    first_row: table.row_number(first as usize),
                },
            });
        }
        return;
    }
    for &r in rows {
        part.invalid[r as usize] = true;
        let others = row_list(
            rows.iter()
                .filter(|&&o| o != r)
                .map(|&o| table.row_number(o as usize)),
        );
        part.issues.push(Issue {
            row: table.row_number(r as usize),
            column: None,
            column_index: None,
            field: None,
            value: key.to_string(),
            problem: Problem::DuplicateKey {
                key: key.to_string(),
                rows: others,
            },
        });
    }
}

/// Flat object types: one row is one entry; check keys for duplicates.
pub(crate) fn check_flat(ctx: &Ctx<'_>, part: &mut Partial, states: &mut [RowState]) {
    for run in runs_by(&part.key, 2) {
        for rows in split_by_text(run, |r| ctx.key_text(r as usize)) {
            if rows.len() > 1 {
                let key = ctx.key_text(rows[0] as usize).unwrap_or_default();
                duplicates(ctx, &rows, &key, part, states);
            }
        }
    }
}

/// Lines without an entry key. One whose entry-level cells are all blank follows
/// the line above (Excel leaves such lines where the order columns were merged
/// cells): it joins that entry, with a warning naming it, even when the line has
/// an error of its own (the entry then goes back whole, and the lines after it
/// still join it). Any other is an issue on the key. Returns, for every row, the
/// row whose key it carries.
fn continuation_lines(ctx: &Ctx<'_>, part: &mut Partial, states: &[RowState]) -> Vec<u32> {
    let table = ctx.table;
    let mut key_row: Vec<u32> = (0..table.len() as u32).collect();
    for r in 0..table.len() {
        if part.key[r] != 0 || states[r] == RowState::Skipped {
            continue;
        }
        let entry_blank = ctx
            .entry_columns
            .iter()
            .all(|&ci| matches!(ctx.value(r, ci), Ok(None)));
        let above = r.checked_sub(1).filter(|&p| part.key[p] != 0);
        if let (true, Some(p)) = (entry_blank, above) {
            part.key[r] = part.key[p];
            key_row[r] = key_row[p];
            let first = key_row[p] as usize;
            part.issues.push(Issue {
                row: table.row_number(r),
                column: None,
                column_index: None,
                field: None,
                value: String::new(),
                problem: Problem::ContinuesEntry {
                    key: ctx.key_text(first).unwrap_or_default(),
                    first_row: table.row_number(first),
                },
            });
            continue;
        }
        // The key part that is blank (one that holds an error is reported already).
        let blank =
            ctx.key
                .iter()
                .zip(ctx.plan.object.key)
                .find_map(|((src, _), path)| match src {
                    super::context::Source::Column(ci) => {
                        let c = &ctx.plan.columns[*ci];
                        matches!(ctx.value(r, *ci), Ok(None)).then(|| (*path, Some(c)))
                    }
                    super::context::Source::Missing => Some((*path, None)),
                    super::context::Source::Constant => None,
                });
        let (path, column) = match blank {
            Some(b) => b,
            None if part.invalid[r] => continue,
            None => (ctx.plan.object.key[0], None),
        };
        part.invalid[r] = true;
        part.issues.push(Issue {
            row: table.row_number(r),
            column: column.map(|c| c.header.clone()),
            column_index: column.map(|c| c.index),
            field: Some(path.to_string()),
            value: String::new(),
            problem: Problem::Required,
        });
    }
    key_row
}

/// Object types with items: rows grouped by the entry key into entries. Returns the
/// groups (row indices, in file order), ordered by their first row.
pub(crate) fn check_nested(
    ctx: &Ctx<'_>,
    part: &mut Partial,
    states: &mut [RowState],
) -> Vec<Vec<u32>> {
    let table = ctx.table;
    let key_row = continuation_lines(ctx, part, states);
    let mut groups = Vec::new();
    for run in runs_by(&part.key, 1) {
        groups.extend(split_by_text(run, |r| {
            ctx.key_text(key_row[r as usize] as usize)
        }));
    }
    groups.sort_unstable_by_key(|g| g[0]);
    let ncols = ctx.plan.columns.len();
    for group in &groups {
        let key = ctx.key_text(group[0] as usize).unwrap_or_default();
        // Entry-level cells: a blank on a later line takes the group's value; two
        // different non-blank values are a conflict.
        let mut has = vec![false; ncols];
        let mut errored = vec![false; ncols];
        for &ci in &ctx.entry_columns {
            let mut seen: Option<(u32, String)> = None;
            for &r in group {
                match ctx.value(r as usize, ci) {
                    Ok(Some(v)) => {
                        has[ci] = true;
                        let text = v.key_text().into_owned();
                        match &seen {
                            None => seen = Some((r, text)),
                            Some((first, first_text)) if *first_text != text => {
                                let col = &ctx.plan.columns[ci];
                                part.invalid[r as usize] = true;
                                part.issues.push(Issue {
                                    row: table.row_number(r as usize),
                                    column: Some(col.header.clone()),
                                    column_index: Some(col.index),
                                    field: Some(col.target.path.clone()),
                                    value: super::rows::issue_value(
                                        table.cell(r as usize, col.index),
                                    ),
                                    problem: Problem::GroupConflict {
                                        key: key.clone(),
                                        other_row: table.row_number(*first as usize),
                                        other_value: first_text.clone(),
                                    },
                                });
                            }
                            Some(_) => {}
                        }
                    }
                    Ok(None) => {}
                    Err(_) => errored[ci] = true,
                }
            }
        }
        let first_row = table.row_number(group[0] as usize);
        if requirement_issues(
            &ctx.group_required,
            &ctx.group_rules,
            &errored,
            &has,
            ctx,
            first_row,
            &mut part.issues,
        ) {
            part.invalid[group[0] as usize] = true;
        }
        // Duplicate lines inside the entry.
        if group.len() > 1 && ctx.item_key.is_some() {
            duplicate_lines(ctx, group, &key, part, states);
        }
        // One bad line keeps the whole entry back: every line says which lines are wrong.
        let bad: Vec<u32> = group
            .iter()
            .copied()
            .filter(|&r| part.invalid[r as usize])
            .collect();
        if !bad.is_empty() {
            for &r in group {
                let others: Vec<u32> = bad
                    .iter()
                    .filter(|&&b| b != r)
                    .map(|&b| table.row_number(b as usize))
                    .collect();
                if others.is_empty() {
                    continue;
                }
                part.invalid[r as usize] = true;
                part.issues.push(Issue {
                    row: table.row_number(r as usize),
                    column: None,
                    column_index: None,
                    field: None,
                    value: key.clone(),
                    problem: Problem::GroupInvalid {
                        key: key.clone(),
                        rows: row_list(others.into_iter()),
                    },
                });
            }
        }
    }
    groups
}

/// Lines of one entry that share an item key. Where the key is a line id (payment
/// lines by `paymentDetailId`, survey questions by `questionId`, sent as a map) it
/// is as for entries: identical copies are sent once and differing ones are
/// issues. Where it is a SKU (order, cart and purchase-history lines) it may repeat
/// (the docs never say a SKU is unique in an entry; a gift line, a second price,
/// or the same line twice, whose quantity and revenue count twice): every line is
/// sent, identical or not, each with a warning naming the others.
fn duplicate_lines(
    ctx: &Ctx<'_>,
    group: &[u32],
    key: &str,
    part: &mut Partial,
    states: &mut [RowState],
) {
    let table = ctx.table;
    let mut by_item: HashMap<String, Vec<u32>> = HashMap::new();
    for &r in group {
        if let Some(k) = ctx.item_key_text(r as usize) {
            by_item.entry(k).or_default().push(r);
        }
    }
    let mut dup_sets: Vec<(String, Vec<u32>)> =
        by_item.into_iter().filter(|(_, v)| v.len() > 1).collect();
    dup_sets.sort_by_key(|(_, v)| v[0]);
    let sku = ctx.plan.object.items.is_some_and(|i| i.key_is_sku);
    for (item, rows) in dup_sets {
        if !sku {
            duplicates(ctx, &rows, &format!("{key} / {item}"), part, states);
            continue;
        }
        for &r in &rows {
            part.issues.push(Issue {
                row: table.row_number(r as usize),
                column: None,
                column_index: None,
                field: None,
                value: item.clone(),
                problem: Problem::DuplicateItem {
                    key: key.to_string(),
                    item: item.clone(),
                    rows: row_list(
                        rows.iter()
                            .filter(|&&o| o != r)
                            .map(|&o| table.row_number(o as usize)),
                    ),
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_share_a_hash_in_row_order_ordered_by_first_row() {
        let hashes = [8, 0, 7, 8, 7, 9, 8, 0, 4, 3];
        assert_eq!(super::runs_by(&hashes, 2), [vec![0, 3, 6], vec![2, 4]]);
        assert_eq!(
            super::runs_by(&hashes, 1),
            [vec![0, 3, 6], vec![2, 4], vec![5], vec![8], vec![9]]
        );
        assert!(super::runs_by(&[0, 0], 1).is_empty());
    }
}
