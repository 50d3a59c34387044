//! The batches left to send, shared by the workers: a worker takes one, and puts
//! back the halves of a refused one.

use std::collections::VecDeque;
use std::sync::Mutex;

use super::batch::Batch;

/// What a worker gets from the queue.
pub(super) enum Take {
    Batch(Batch),
    /// Nothing queued, but batches in flight may still be split: ask again.
    Wait,
    /// Nothing queued and nothing in flight: the upload is done.
    Done,
}

#[derive(Default)]
struct Batches {
    queued: VecDeque<Batch>,
    in_flight: usize,
}

pub(super) struct BatchQueue(Mutex<Batches>);

impl BatchQueue {
    /// `entries` cut into batches of `size`.
    pub fn new(entries: &[u32], size: usize) -> Self {
        Self(Mutex::new(Batches {
            queued: entries
                .chunks(size)
                .map(|c| Batch::new(c.to_vec()))
                .collect(),
            in_flight: 0,
        }))
    }

    pub fn take(&self) -> Take {
        let mut q = self.0.lock().expect("queue");
        match q.queued.pop_front() {
            Some(b) => {
                q.in_flight += 1;
                Take::Batch(b)
            }
            None if q.in_flight == 0 => Take::Done,
            None => Take::Wait,
        }
    }

    /// Batches left: queued or in flight.
    pub fn left(&self) -> usize {
        let q = self.0.lock().expect("queue");
        q.queued.len() + q.in_flight
    }

    /// A batch taken is settled, leaving `halves` to send.
    pub fn done(&self, halves: Vec<Batch>) {
        let mut q = self.0.lock().expect("queue");
        // Halves go to the back: a batch's two halves are both tried before either
        // is split again, so a refusal that does not depend on the entries is seen
        // after three requests, not after a walk down to one entry.
        q.queued.extend(halves);
        q.in_flight -= 1;
    }
}
