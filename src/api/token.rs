//! The login token and when to renew it.

use std::time::{Duration, Instant};

use crate::secret::Secret;

/// A token from the Authentication API. Its lifetime is measured on this machine's
/// monotonic clock from the moment it arrived (the server's clock may differ).
#[derive(Clone, Debug)]
pub struct Token {
    pub value: Secret,
    /// `expiredAfter`: lifetime in seconds (1800 = 30 min).
    pub lifetime: Duration,
    pub received: Instant,
    /// `expiredAt` as the server sent it (epoch ms), for display.
    pub expired_at_ms: i64,
}

impl Token {
    /// When it stops being valid, on the local clock.
    pub fn expires(&self) -> Instant {
        self.received + self.lifetime
    }

    /// The renewal margin: min(60 s, 20% of the lifetime) (design.md §4).
    pub fn margin(&self) -> Duration {
        Duration::from_secs(60).min(self.lifetime / 5)
    }

    /// Whether to log in again before sending at `now`.
    pub fn needs_renewal(&self, now: Instant) -> bool {
        now + self.margin() >= self.expires()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(lifetime: u64) -> Token {
        Token {
            value: Secret::new("t"),
            lifetime: Duration::from_secs(lifetime),
            received: Instant::now(),
            expired_at_ms: 0,
        }
    }

    #[test]
    fn renews_within_the_margin() {
        let t = token(1800);
        assert_eq!(t.margin(), Duration::from_secs(60));
        assert!(!t.needs_renewal(t.received + Duration::from_secs(1739)));
        assert!(t.needs_renewal(t.received + Duration::from_secs(1740)));
        let short = token(10);
        assert_eq!(short.margin(), Duration::from_secs(2));
        assert!(!short.needs_renewal(short.received + Duration::from_secs(7)));
        assert!(short.needs_renewal(short.received + Duration::from_secs(8)));
    }
}
