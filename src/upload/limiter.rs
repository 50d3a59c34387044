//! Client-side rate limiting: sliding windows over send times, for every window at
//! once, with a small margin (design.md §4). Sends are reserved in order, so the
//! check of the window ending at each new send covers every window.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// At most `max` requests in any `period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateWindow {
    pub max: u32,
    pub period: Duration,
}

impl RateWindow {
    pub const fn new(max: u32, period_secs: u64) -> Self {
        Self {
            max,
            period: Duration::from_secs(period_secs),
        }
    }
}

/// The documented limits (pango-api.md §2.4).
pub const DOCUMENTED_LIMITS: [RateWindow; 5] = [
    RateWindow::new(50, 1),
    RateWindow::new(1_000, 60),
    RateWindow::new(5_000, 300),
    RateWindow::new(50_000, 3_600),
    RateWindow::new(400_000, 86_400),
];

/// Kept under each limit by this share (the server counts on arrival).
pub const DEFAULT_MARGIN: f64 = 0.02;

/// Send-time bookkeeping for all windows.
#[derive(Debug)]
pub struct Limiter {
    windows: Vec<RateWindow>,
    margin: f64,
    /// Shrinks when the server limits us anyway (its limits are tighter than documented).
    factor: f64,
    sends: VecDeque<Instant>,
    paused_until: Option<Instant>,
    longest: Duration,
}

impl Limiter {
    pub fn new(windows: &[RateWindow], margin: f64) -> Self {
        let longest = windows
            .iter()
            .map(|w| w.period)
            .max()
            .unwrap_or(Duration::ZERO);
        Self {
            windows: windows.to_vec(),
            margin: margin.clamp(0.0, 0.5),
            factor: 1.0,
            sends: VecDeque::new(),
            paused_until: None,
            longest,
        }
    }

    fn effective(&self, w: &RateWindow) -> usize {
        ((w.max as f64 * (1.0 - self.margin) * self.factor).floor() as usize).max(1)
    }

    /// The earliest time at or after `now` at which one more send keeps every window
    /// within its (effective) limit.
    pub fn next_slot(&self, now: Instant) -> Instant {
        let mut t = now;
        if let Some(p) = self.paused_until {
            t = t.max(p);
        }
        if let Some(last) = self.sends.back() {
            t = t.max(*last);
        }
        let len = self.sends.len();
        for w in &self.windows {
            let m = self.effective(w);
            if len >= m {
                // The m-th most recent send must have left the window.
                let free = self.sends[len - m] + w.period + Duration::from_millis(1);
                t = t.max(free);
            }
        }
        t
    }

    /// Reserves the next slot: records a send at it and returns it.
    pub fn reserve(&mut self, now: Instant) -> Instant {
        let t = self.next_slot(now);
        self.sends.push_back(t);
        while let Some(first) = self.sends.front() {
            if t.duration_since(*first) > self.longest {
                self.sends.pop_front();
            } else {
                break;
            }
        }
        t
    }

    /// The server said to wait: no send before `until`, and send a little slower.
    pub fn server_limited(&mut self, until: Instant) {
        self.paused_until = Some(self.paused_until.map_or(until, |p| p.max(until)));
        self.factor = (self.factor * 0.8).max(0.05);
    }

    /// A batch got through: creep back towards the documented limits.
    pub fn accepted(&mut self) {
        self.factor = (self.factor * 1.005).min(1.0);
    }

    /// Whether sends are paused by the server until a time after `now`.
    pub fn paused_at(&self, now: Instant) -> Option<Instant> {
        self.paused_until.filter(|p| *p > now)
    }

    pub fn factor(&self) -> f64 {
        self.factor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The largest number of sends in any window of `period` (closed interval).
    fn max_in_window(sends: &[Instant], period: Duration) -> usize {
        let mut best = 0;
        let mut start = 0;
        for end in 0..sends.len() {
            while sends[end].duration_since(sends[start]) >= period {
                start += 1;
            }
            best = best.max(end - start + 1);
        }
        best
    }

    #[test]
    fn never_more_than_the_limit_in_any_window_and_close_to_the_ceiling() {
        let windows = [RateWindow { max: 10, period: Duration::from_millis(100) }, RateWindow { max: 50, period: Duration::from_secs(1) }];
        let mut l = Limiter::new(&windows, 0.0);
        let t0 = Instant::now();
        // Greedy sender: always asks at the time of its last send.
        let mut now = t0;
        let mut sends = Vec::new();
        for _ in 0..500 {
            now = l.reserve(now);
            sends.push(now);
        }
        assert!(max_in_window(&sends, Duration::from_millis(100)) <= 10);
        assert!(max_in_window(&sends, Duration::from_secs(1)) <= 50);
        // 500 sends at 50/s take about 9 s (the first 50 go at once).
        let span = sends.last().unwrap().duration_since(t0).as_secs_f64();
        assert!((8.9..9.2).contains(&span), "{span}");
    }

    #[test]
    fn documented_limits_with_margin_reach_98_percent_of_the_minute_ceiling() {
        let mut l = Limiter::new(&DOCUMENTED_LIMITS, DEFAULT_MARGIN);
        let t0 = Instant::now();
        let mut now = t0;
        let mut sends = Vec::new();
        while now.duration_since(t0) < Duration::from_secs(600) {
            now = l.reserve(now);
            sends.push(now);
        }
        for w in DOCUMENTED_LIMITS {
            assert!(max_in_window(&sends, w.period) <= w.max as usize, "{w:?}");
        }
        // Over 10 minutes the 5-minute window (5,000 → 4,900) binds: about 9,800 sends.
        let n = sends.len();
        assert!(n >= 9_700, "{n}");
    }

    #[test]
    fn server_limits_pause_everyone_and_slow_down() {
        let mut l = Limiter::new(&[RateWindow::new(100, 1)], 0.0);
        let now = Instant::now();
        l.server_limited(now + Duration::from_millis(1500));
        assert_eq!(l.paused_at(now), Some(now + Duration::from_millis(1500)));
        assert!(l.reserve(now) >= now + Duration::from_millis(1500));
        assert!(l.factor() < 1.0);
        for _ in 0..1000 {
            l.accepted();
        }
        assert_eq!(l.factor(), 1.0);
    }
}
