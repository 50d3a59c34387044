//! Sliding-window rate limits on ingest requests.
//!
//! The docs give five windows but not their kind (fixed, sliding, bucket). The
//! sandbox uses the strictest reading: a request is refused when any window of
//! the last `window` already holds `max` admitted requests. Refused requests do
//! not enter the windows (otherwise a window could hold more than `max`), so the
//! count of admitted requests in any window never exceeds its `max`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::config::RateLimit;

#[derive(Debug)]
pub(crate) struct Limiter {
    windows: Vec<(RateLimit, VecDeque<Instant>)>,
}

impl Limiter {
    pub(crate) fn new(limits: &[RateLimit]) -> Limiter {
        Limiter {
            windows: limits.iter().map(|&l| (l, VecDeque::new())).collect(),
        }
    }

    /// Admits a request arriving at `now`, or says how long until the fullest
    /// window frees a slot.
    pub(crate) fn admit(&mut self, now: Instant) -> Result<(), Duration> {
        let mut wait = Duration::ZERO;
        for (limit, times) in &mut self.windows {
            while let Some(&first) = times.front() {
                if now.saturating_duration_since(first) >= limit.window {
                    times.pop_front();
                } else {
                    break;
                }
            }
            if times.len() >= limit.max as usize {
                // The window frees a slot when its oldest admitted request leaves it.
                let first = times[times.len() - limit.max as usize];
                let frees = (first + limit.window).saturating_duration_since(now);
                wait = wait.max(frees);
            }
        }
        if wait > Duration::ZERO {
            return Err(wait);
        }
        // A full window whose oldest request leaves exactly now is free (handled
        // by the `>=` above), so a zero wait never refuses.
        for (_, times) in &mut self.windows {
            times.push_back(now);
        }
        Ok(())
    }
}

/// Seconds as the `X-Rate-Limit-Retry-After-Seconds` header writes them: a
/// decimal number, never 0 (a refused client must wait a little).
pub(crate) fn retry_after_text(wait: Duration) -> String {
    // Rounded up, so a client that waits exactly this long finds the slot free.
    let ms = wait.as_nanos().div_ceil(1_000_000).max(1);
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> Limiter {
        Limiter::new(&[
            RateLimit {
                max: 3,
                window: Duration::from_millis(100),
            },
            RateLimit {
                max: 5,
                window: Duration::from_millis(1000),
            },
        ])
    }

    #[test]
    fn refuses_the_fourth_in_a_window_and_says_when() {
        let mut l = limiter();
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(l.admit(t0 + Duration::from_millis(i * 10)).is_ok());
        }
        let wait = l.admit(t0 + Duration::from_millis(30)).unwrap_err();
        assert_eq!(wait, Duration::from_millis(70));
        // Refusals do not count: at 100 ms the first one left the window.
        assert!(l.admit(t0 + Duration::from_millis(100)).is_ok());
        assert!(l.admit(t0 + Duration::from_millis(110)).is_ok());
        // Now the long window holds 5.
        let wait = l.admit(t0 + Duration::from_millis(500)).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        assert!(l.admit(t0 + Duration::from_millis(1000)).is_ok());
    }

    #[test]
    fn no_limits_admits_everything() {
        let mut l = Limiter::new(&[]);
        let t0 = Instant::now();
        assert!((0..10_000).all(|_| l.admit(t0).is_ok()));
    }

    #[test]
    fn header_text() {
        assert_eq!(retry_after_text(Duration::from_millis(70)), "0.070");
        assert_eq!(retry_after_text(Duration::from_millis(12_345)), "12.345");
        assert_eq!(retry_after_text(Duration::from_micros(10)), "0.001");
    }
}
