//! Retrying: the pause before another attempt (exponential, capped, with jitter so
//! workers do not retry in step), and what one batch has met so far.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Exponential backoff with jitter, shared by the workers.
pub(super) struct Backoff {
    base: Duration,
    max: Duration,
    seed: AtomicU64,
}

impl Backoff {
    pub fn new(base: Duration, max: Duration) -> Self {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(7);
        Self {
            base,
            max,
            seed: AtomicU64::new(seed),
        }
    }

    /// A factor in [0.5, 1.5).
    fn jitter(&self) -> f64 {
        // splitmix64: good enough to spread retries.
        let mut z = self
            .seed
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        0.5 + (z >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The pause before attempt `attempt + 1`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self.base.as_secs_f64() * 2f64.powi(attempt.saturating_sub(1) as i32);
        Duration::from_secs_f64(exp.min(self.max.as_secs_f64()) * self.jitter())
    }
}

/// What one batch has met so far.
#[derive(Debug, Default)]
pub(super) struct Attempts {
    /// Requests made for it.
    pub made: u32,
    /// Transient failures (5xx, timeouts, resets).
    pub transient: u32,
    /// Answers saying to wait.
    pub rate_limited: u32,
    /// A refused token was already replaced once.
    pub reauthorised: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_doubles_up_to_the_cap_with_jitter_around_it() {
        let b = Backoff::new(Duration::from_millis(100), Duration::from_secs(1));
        for _ in 0..50 {
            let first = b.delay(1).as_secs_f64();
            assert!((0.05..0.15).contains(&first), "{first}");
            let third = b.delay(3).as_secs_f64();
            assert!((0.2..0.6).contains(&third), "{third}");
            let capped = b.delay(30).as_secs_f64();
            assert!((0.5..1.5).contains(&capped), "{capped}");
        }
    }
}
