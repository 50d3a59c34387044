//! A batch of entries to send, and how a refused batch is split: each half knows its
//! parent's refusal, so the very same refusal for a batch and both its halves is
//! seen (it does not depend on the entries, and splitting further cannot help).

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use super::super::destination::Refusal;

/// A batch to send; a half of a refused batch knows the refusal of its parent.
pub(super) struct Batch {
    /// Indices of the entries it carries.
    pub entries: Vec<u32>,
    parent: Option<Arc<Split>>,
}

/// A refused batch that was split: how many of its halves got the very same refusal.
struct Split {
    refusal: Refusal,
    same: AtomicU8,
}

impl Batch {
    /// A batch as first queued.
    pub fn new(entries: Vec<u32>) -> Batch {
        Batch {
            entries,
            parent: None,
        }
    }

    /// Records `refusal` of this half; true when it is the second half refused exactly
    /// as its parent was. A refusal naming an entry never counts: it is about entries,
    /// however alike.
    pub fn both_halves_refused_alike(&self, refusal: &Refusal) -> bool {
        !refusal.names_entry
            && self.parent.as_ref().is_some_and(|p| {
                p.refusal.same_as(refusal) && p.same.fetch_add(1, Ordering::SeqCst) + 1 == 2
            })
    }

    /// The two halves of a refused batch of two or more entries.
    pub fn halves(&self, refusal: Refusal) -> Vec<Batch> {
        let mid = self.entries.len() / 2;
        let split = Arc::new(Split {
            refusal,
            same: AtomicU8::new(0),
        });
        vec![
            Batch {
                entries: self.entries[..mid].to_vec(),
                parent: Some(split.clone()),
            },
            Batch {
                entries: self.entries[mid..].to_vec(),
                parent: Some(split),
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(message: &str) -> Refusal {
        Refusal {
            status: 400,
            code: None,
            message: message.into(),
            about_request: false,
            names_entry: message.contains("entries["),
        }
    }

    #[test]
    fn the_same_refusal_for_both_halves_is_seen_once_both_answered() {
        let locked = refusal("Organization is locked");
        let halves = Batch::new((0..10).collect()).halves(locked.clone());
        assert_eq!(halves[0].entries, (0..5).collect::<Vec<_>>());
        assert!(!halves[0].both_halves_refused_alike(&locked));
        assert!(halves[1].both_halves_refused_alike(&locked));
        // Another answer, or one naming an entry, is about the entries.
        let halves = Batch::new((0..10).collect()).halves(locked.clone());
        assert!(!halves[0].both_halves_refused_alike(&refusal("other")));
        assert!(!halves[1].both_halves_refused_alike(&locked));
        let entry = refusal("entries[0].x: bad");
        let halves = Batch::new((0..10).collect()).halves(entry.clone());
        assert!(!halves[0].both_halves_refused_alike(&entry));
        assert!(!halves[1].both_halves_refused_alike(&entry));
        assert!(!Batch::new(vec![1]).both_halves_refused_alike(&locked));
    }
}
