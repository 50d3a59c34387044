//! A batch of units to send, and how a refused batch is split: each half knows its
//! parent's refusal, so the very same refusal for a batch and both its halves is
//! seen (it does not depend on the entries, and splitting further cannot help).

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

/// A refusal as compared between a batch and its halves: status, `errorCode`, message.
pub(super) type Refusal = (u16, Option<String>, String);

/// A batch to send; a half of a refused batch knows the refusal of its parent.
pub(super) struct Batch {
    pub units: Vec<u32>,
    parent: Option<Arc<Split>>,
}

/// A refused batch that was split: how many of its halves got the very same refusal.
struct Split {
    refusal: Refusal,
    same: AtomicU8,
}

impl Batch {
    /// A batch as first queued.
    pub fn new(units: Vec<u32>) -> Batch {
        Batch {
            units,
            parent: None,
        }
    }

    /// Records `refusal` of this half; true when it is the second half refused exactly
    /// as its parent was. A message naming an entry (`entries[3]…`) never counts: it
    /// is about entries, however alike.
    pub fn both_halves_refused_alike(&self, refusal: &Refusal) -> bool {
        !refusal.2.contains("entries[")
            && self.parent.as_ref().is_some_and(|p| {
                p.refusal == *refusal && p.same.fetch_add(1, Ordering::SeqCst) + 1 == 2
            })
    }

    /// The two halves of a refused batch of two or more units.
    pub fn halves(&self, refusal: Refusal) -> Vec<Batch> {
        let mid = self.units.len() / 2;
        let split = Arc::new(Split {
            refusal,
            same: AtomicU8::new(0),
        });
        vec![
            Batch {
                units: self.units[..mid].to_vec(),
                parent: Some(split.clone()),
            },
            Batch {
                units: self.units[mid..].to_vec(),
                parent: Some(split),
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_refusal_for_both_halves_is_seen_once_both_answered() {
        let refusal: Refusal = (400, None, "Organization is locked".into());
        let halves = Batch::new((0..10).collect()).halves(refusal.clone());
        assert_eq!(halves[0].units, (0..5).collect::<Vec<_>>());
        assert!(!halves[0].both_halves_refused_alike(&refusal));
        assert!(halves[1].both_halves_refused_alike(&refusal));
        // Another answer, or one naming an entry, is about the entries.
        let halves = Batch::new((0..10).collect()).halves(refusal.clone());
        assert!(!halves[0].both_halves_refused_alike(&(400, None, "other".into())));
        assert!(!halves[1].both_halves_refused_alike(&refusal));
        let entry: Refusal = (400, None, "entries[0].x: bad".into());
        let halves = Batch::new((0..10).collect()).halves(entry.clone());
        assert!(!halves[0].both_halves_refused_alike(&entry));
        assert!(!halves[1].both_halves_refused_alike(&entry));
        assert!(!Batch::new(vec![1]).both_halves_refused_alike(&refusal));
    }
}
