//! Seeded randomness: the fault dice, and ids for tokens and requests.

use std::time::{SystemTime, UNIX_EPOCH};

use super::config::{FaultKind, Faults};

/// SplitMix64 (Steele, Lea & Flood): small, fast, and good enough to spread faults.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// Seeded from the clock: for ids that must differ between runs.
    pub(crate) fn from_clock() -> SplitMix64 {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        SplitMix64(nanos ^ (std::process::id() as u64).rotate_left(32))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Decides, request after request, which fault (if any) to inject.
#[derive(Clone, Debug)]
pub(crate) struct FaultDice {
    rng: SplitMix64,
    rate: f64,
    kinds: Vec<FaultKind>,
}

impl FaultDice {
    pub(crate) fn new(faults: &Faults) -> FaultDice {
        FaultDice {
            rng: SplitMix64::new(faults.seed),
            rate: faults.rate.clamp(0.0, 1.0),
            kinds: faults.kinds.clone(),
        }
    }

    /// The next request's fault. Always draws twice, so the sequence of draws does
    /// not depend on the outcome.
    pub(crate) fn roll(&mut self) -> Option<FaultKind> {
        let hit = self.rng.next_f64();
        let pick = self.rng.next_u64();
        if self.kinds.is_empty() || hit >= self.rate {
            return None;
        }
        Some(self.kinds[(pick % self.kinds.len() as u64) as usize])
    }
}

/// Makes tokens and request ids: random-looking and never repeated (a counter is
/// mixed in).
#[derive(Debug)]
pub(crate) struct IdMaker {
    rng: SplitMix64,
    counter: u64,
}

impl IdMaker {
    pub(crate) fn new() -> IdMaker {
        IdMaker {
            rng: SplitMix64::from_clock(),
            counter: 0,
        }
    }

    /// 48 characters of `[A-Za-z0-9]`, ending in a base-62 counter so two are never equal.
    pub(crate) fn token(&mut self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        self.counter += 1;
        let mut out = String::with_capacity(48);
        let mut n = self.counter;
        let mut tail = Vec::new();
        while n > 0 {
            tail.push(ALPHABET[(n % 62) as usize]);
            n /= 62;
        }
        while out.len() + tail.len() < 48 {
            out.push(ALPHABET[(self.rng.next_u64() % 62) as usize] as char);
        }
        out.extend(tail.iter().rev().map(|&b| b as char));
        out
    }

    /// A UUID-shaped id (`8-4-4-4-12` hex digits).
    pub(crate) fn request_id(&mut self) -> String {
        self.counter += 1;
        let a = self.rng.next_u64();
        let b = self.rng.next_u64() ^ self.counter;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::time::Duration;

    fn faults(rate: f64, seed: u64) -> Faults {
        Faults {
            rate,
            kinds: FaultKind::ALL.to_vec(),
            seed,
            slow: Duration::from_millis(10),
        }
    }

    #[test]
    fn same_seed_same_plan() {
        assert_eq!(faults(0.3, 7).plan(200), faults(0.3, 7).plan(200));
        assert_ne!(faults(0.3, 7).plan(200), faults(0.3, 8).plan(200));
    }

    #[test]
    fn rate_is_roughly_honoured_and_every_kind_occurs() {
        let plan = faults(0.1, 42).plan(10_000);
        let hits = plan.iter().filter(|f| f.is_some()).count();
        assert!((800..1200).contains(&hits), "{hits}");
        for kind in FaultKind::ALL {
            assert!(plan.contains(&Some(kind)), "{kind:?}");
        }
        assert!(faults(0.0, 42).plan(1000).iter().all(Option::is_none));
        assert!(faults(1.0, 42).plan(1000).iter().all(Option::is_some));
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = IdMaker::new();
        let tokens: HashSet<String> = (0..5000).map(|_| ids.token()).collect();
        assert_eq!(tokens.len(), 5000);
        assert!(tokens.iter().all(|t| t.len() == 48));
        let rid = ids.request_id();
        assert_eq!(rid.len(), 36, "{rid}");
    }
}
