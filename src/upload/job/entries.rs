//! The entries an upload sends (each one or more file rows, plus identical rows folded
//! into it), and what became of each: the rows' outcomes at the end.

use std::sync::{Arc, Mutex};

use serde_json::Value as Json;

use super::super::events::RowOutcome;
use super::super::journal::{Journal, entry_hash};
use super::super::stop_reason::NotSentReason;
use super::counters::{Counters, Settled};
use crate::payload::entry;
use crate::source::Table;
use crate::validate::{RowState, Validation};

/// What became of one entry.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum EntryState {
    Pending,
    Accepted,
    Rejected(String),
    NotSent(NotSentReason),
}

impl EntryState {
    fn counted_as(&self) -> Settled {
        match self {
            EntryState::Accepted => Settled::Accepted,
            EntryState::Rejected(_) => Settled::Rejected,
            _ => Settled::NotSent,
        }
    }
}

/// No entry: an invalid row's.
const NO_ENTRY: u32 = u32::MAX;

/// The entries of one upload and their states.
pub(super) struct Entries {
    table: Arc<Table>,
    validation: Arc<Validation>,
    /// Per table row: the entry it is sent with.
    entry_of_row: Vec<u32>,
    /// Per entry: identical rows folded into it (sent with it).
    folded: Vec<usize>,
    states: Mutex<Vec<EntryState>>,
}

impl Entries {
    pub fn new(table: Arc<Table>, validation: Arc<Validation>) -> Self {
        let n = validation.units.len();
        let mut entry_of_row = vec![NO_ENTRY; table.len()];
        for e in 0..n {
            for &r in validation.units.rows(e) {
                entry_of_row[r as usize] = e as u32;
            }
        }
        let mut folded = vec![0usize; n];
        for (r, st) in validation.states.iter().enumerate() {
            if let RowState::DuplicateOf(of) = st {
                let e = entry_of_row[*of as usize];
                if e != NO_ENTRY {
                    folded[e as usize] += 1;
                    entry_of_row[r] = e;
                }
            }
        }
        Self {
            table,
            validation,
            entry_of_row,
            folded,
            states: Mutex::new(vec![EntryState::Pending; n]),
        }
    }

    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    /// Entry `e` as it is sent.
    pub fn json(&self, e: u32) -> Json {
        Json::Object(entry(&self.table, &self.validation, e as usize))
    }

    /// Rows entry `e` stands for (its lines plus identical rows folded into it).
    pub fn row_count(&self, e: u32) -> usize {
        self.validation.units.rows(e as usize).len() + self.folded[e as usize]
    }

    pub fn rows_of(&self, entries: &[u32]) -> usize {
        entries.iter().map(|&e| self.row_count(e)).sum()
    }

    /// The file row numbers (as the user sees them) of the lines of `entries`.
    pub fn file_rows(&self, entries: &[u32]) -> Vec<u32> {
        entries
            .iter()
            .flat_map(|&e| self.validation.units.rows(e as usize).iter())
            .map(|&r| self.table.row_number(r as usize))
            .collect()
    }

    /// Marks the entries the journal holds as accepted; returns their rows and the
    /// entries left to send, in order.
    pub fn skip_journalled(&self, journal: Option<&Journal>) -> (usize, Vec<u32>) {
        let mut states = self.states.lock().expect("entries");
        let mut already = 0;
        if let Some(j) = journal.filter(|j| !j.is_empty()) {
            for (e, state) in states.iter_mut().enumerate() {
                let json = serde_json::to_vec(&self.json(e as u32)).expect("JSON");
                if j.contains(entry_hash(&json)) {
                    *state = EntryState::Accepted;
                    already += self.row_count(e as u32);
                }
            }
        }
        let todo = (0..states.len() as u32)
            .filter(|&e| states[e as usize] == EntryState::Pending)
            .collect();
        (already, todo)
    }

    /// Settles `entries` and counts their rows.
    pub fn settle(&self, entries: &[u32], state: EntryState, counters: &Counters) {
        counters.settled(state.counted_as(), self.rows_of(entries));
        let mut all = self.states.lock().expect("entries");
        for &e in entries {
            all[e as usize] = state.clone();
        }
    }

    /// Every table row's outcome; `unsettled` for entries never settled.
    pub fn outcomes(&self, unsettled: &NotSentReason) -> Vec<RowOutcome> {
        let states = self.states.lock().expect("entries");
        let v = &self.validation;
        v.states
            .iter()
            .enumerate()
            .map(|(r, st)| {
                // A skipped row (a totals row) is never sent, like an invalid one;
                // it must not count as failed.
                if matches!(st, RowState::Invalid | RowState::Skipped) {
                    return RowOutcome::Invalid;
                }
                match states.get(self.entry_of_row[r] as usize) {
                    Some(EntryState::Accepted) => RowOutcome::Accepted,
                    Some(EntryState::Rejected(m)) => RowOutcome::Rejected(m.clone()),
                    Some(EntryState::NotSent(m)) => RowOutcome::NotSent(m.clone()),
                    _ => RowOutcome::NotSent(unsettled.clone()),
                }
            })
            .collect()
    }
}
