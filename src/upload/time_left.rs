//! Time left for an upload, from the rate limiter rather than from the rate of the last
//! seconds: the batches left are given send slots as the engine gives them (every
//! window at once, the sends already made counted), each worker busy for the observed
//! send time of a batch. A window that fills (the 5-minute or the hourly one) is seen
//! before it makes the engine wait, so "1 min" does not turn into 3.

use std::time::{Duration, Instant};

use super::limiter::{Limiter, RateWindow};
use crate::i18n::Lang;

/// How long the rest of an upload should take, and the limit that decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeLeft {
    pub left: Duration,
    /// The rate window that makes it take clearly longer than without it, if one does.
    pub limit: Option<RateWindow>,
}

impl TimeLeft {
    /// In words: "about 3 min (Pango's 5-minute limit)", "khoảng 3 phút (giới hạn
    /// 5 phút của Pango)".
    pub fn words(&self, lang: Lang) -> String {
        let about = about(self.left, lang);
        match self.limit {
            None => about,
            Some(w) => format!("{about} ({})", limit_words(w, lang)),
        }
    }
}

/// "about 3 min": rounded up to the minute, to 10 s below 50 s.
fn about(d: Duration, lang: Lang) -> String {
    let secs = d.as_secs();
    let (en, vi) = match secs {
        0..51 => {
            let s = (secs.div_ceil(10) * 10).max(10);
            (format!("{s} s"), format!("{s} giây"))
        }
        51..3_600 => {
            let m = secs.div_ceil(60);
            (format!("{m} min"), format!("{m} phút"))
        }
        _ => {
            let m = secs.div_ceil(60);
            (
                format!("{} h {:02} min", m / 60, m % 60),
                format!("{} giờ {:02} phút", m / 60, m % 60),
            )
        }
    };
    match lang {
        Lang::En => format!("about {en}"),
        Lang::Vi => format!("khoảng {vi}"),
    }
}

/// The limit a window is, as a user reads it: "Pango's 5-minute limit".
pub fn limit_words(w: RateWindow, lang: Lang) -> String {
    let secs = w.period.as_secs();
    let (en, vi) = match secs {
        1 => ("per-second".to_string(), "mỗi giây".to_string()),
        60 => ("per-minute".to_string(), "mỗi phút".to_string()),
        3_600 => ("hourly".to_string(), "mỗi giờ".to_string()),
        86_400 => ("daily".to_string(), "mỗi ngày".to_string()),
        s if s % 3_600 == 0 => (format!("{}-hour", s / 3_600), format!("{} giờ", s / 3_600)),
        s if s % 60 == 0 => (format!("{}-minute", s / 60), format!("{} phút", s / 60)),
        s => (format!("{s}-second"), format!("{s} giây")),
    };
    match lang {
        Lang::En => format!("Pango's {en} limit"),
        Lang::Vi => format!("giới hạn {vi} của Pango"),
    }
}

/// What is left to send and how sending goes so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkLeft {
    /// Requests still to make (batches queued or in flight).
    pub batches: usize,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// The observed time from sending a batch to its answer.
    pub per_batch: Duration,
}

/// A limit decides when dropping it saves at least this share of the time left...
const DECIDES_SHARE: f64 = 0.2;
/// ...and at least this much time.
const DECIDES_AT_LEAST: Duration = Duration::from_secs(10);

/// The time left at `now` for `work`, given the limiter's state (its send history,
/// any wait the server asked for, its slow-down).
pub fn time_left(limiter: &Limiter, now: Instant, work: WorkLeft) -> TimeLeft {
    let left = finish(limiter.clone(), now, work).saturating_duration_since(now);
    TimeLeft {
        left,
        limit: deciding_limit(limiter, now, work, left),
    }
}

/// The limit that decides the time left: the longer windows are dropped one by one,
/// longest first, and the first whose dropping clearly shortens the time is it (a
/// full hour is named before the minute's pace, which a long upload always has).
/// Dropped one at a time instead, two windows that allow the same rate (Pango's
/// minute and 5 minutes) would each hide the other. The shortest window only paces
/// the sends.
fn deciding_limit(
    limiter: &Limiter,
    now: Instant,
    work: WorkLeft,
    left: Duration,
) -> Option<RateWindow> {
    let shortest = limiter.windows().iter().map(|w| w.period).min();
    let mut longer: Vec<RateWindow> = limiter
        .windows()
        .iter()
        .copied()
        .filter(|w| Some(w.period) != shortest)
        .collect();
    longer.sort_by_key(|w| std::cmp::Reverse(w.period));
    let mut fewer = limiter.clone();
    let mut before = left;
    for w in longer {
        fewer = fewer.without(w);
        let t = finish(fewer.clone(), now, work).saturating_duration_since(now);
        let saved = before.saturating_sub(t);
        if saved >= DECIDES_AT_LEAST && saved.as_secs_f64() >= left.as_secs_f64() * DECIDES_SHARE {
            return Some(w);
        }
        before = t;
    }
    None
}

/// When the last of the batches would be answered: each worker, once free, takes the
/// next slot and is busy for a batch's send time.
fn finish(mut limiter: Limiter, now: Instant, work: WorkLeft) -> Instant {
    let mut free = vec![now; work.concurrency.max(1)];
    let mut end = now;
    for _ in 0..work.batches {
        let (i, at) = free
            .iter()
            .copied()
            .enumerate()
            .min_by_key(|(_, t)| *t)
            .expect("a worker");
        let done = limiter.reserve(at) + work.per_batch;
        free[i] = done;
        end = end.max(done);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upload::{DEFAULT_MARGIN, DOCUMENTED_LIMITS};

    fn work(batches: usize) -> WorkLeft {
        WorkLeft {
            batches,
            concurrency: 4,
            per_batch: Duration::from_millis(50),
        }
    }

    /// A limiter that already made `n` sends as fast as it allowed, from `t0`; the
    /// time of the last one.
    fn after_sends(limiter: &mut Limiter, t0: Instant, n: usize) -> Instant {
        let mut now = t0;
        for _ in 0..n {
            now = limiter.reserve(now);
        }
        now
    }

    #[test]
    fn a_full_window_is_waited_for_not_the_rate_of_the_last_seconds() {
        // 10 a second and 100 a minute: 100 sends went in the first 10 s; 50 more
        // must wait for the minute to pass, though the rate so far says 5 s.
        let windows = [RateWindow::new(10, 1), RateWindow::new(100, 60)];
        let mut l = Limiter::new(&windows, 0.0);
        let t0 = Instant::now();
        let now = after_sends(&mut l, t0, 100);
        let t = time_left(&l, now, work(50));
        let secs = t.left.as_secs_f64();
        assert!((50.0..58.0).contains(&secs), "{secs}");
        assert_eq!(t.limit, Some(RateWindow::new(100, 60)));
    }

    #[test]
    fn with_pangos_limits_the_minute_window_paces_a_fresh_upload() {
        // 2,000 batches (100,000 rows): 980 a minute with the margin, so a little
        // over two minutes, where 49 a second alone would take 41 s.
        let l = Limiter::new(&DOCUMENTED_LIMITS, DEFAULT_MARGIN);
        let t = time_left(&l, Instant::now(), work(2_000));
        let secs = t.left.as_secs_f64();
        assert!((118.0..128.0).contains(&secs), "{secs}");
        assert_eq!(t.limit.map(|w| w.period.as_secs()), Some(60));
    }

    #[test]
    fn windows_that_allow_the_same_rate_do_not_hide_each_other() {
        // 1,000,000 rows: the minute (980) and the 5 minutes (4,900) allow the same
        // rate; sending without limits would take 7 minutes, not 21.
        let l = Limiter::new(&DOCUMENTED_LIMITS, DEFAULT_MARGIN);
        let t = time_left(&l, Instant::now(), work(20_000));
        let mins = t.left.as_secs_f64() / 60.0;
        assert!((20.0..22.0).contains(&mins), "{mins}");
        assert_eq!(t.limit.map(|w| w.period.as_secs()), Some(60));
    }

    #[test]
    fn the_hourly_window_is_named_when_it_is_full() {
        // 49,000 requests in the last 50 minutes fill the hour (50,000 less the
        // margin): the rest waits until the first of them is an hour old.
        let mut l = Limiter::new(&DOCUMENTED_LIMITS, DEFAULT_MARGIN);
        let t0 = Instant::now();
        let now = after_sends(&mut l, t0, 49_000);
        let t = time_left(&l, now, work(500));
        let secs = t.left.as_secs_f64();
        let until_the_hour = (t0 + Duration::from_secs(3_600)).duration_since(now);
        assert!(secs >= until_the_hour.as_secs_f64(), "{secs}");
        assert!(secs < until_the_hour.as_secs_f64() + 120.0, "{secs}");
        assert_eq!(t.limit.map(|w| w.period.as_secs()), Some(3_600));
        // Still the hour with 20,000 batches left, though the minute's pace then
        // takes longer than the wait.
        let t = time_left(&l, now, work(20_000));
        assert_eq!(t.limit.map(|w| w.period.as_secs()), Some(3_600));
    }

    #[test]
    fn in_words_with_the_limit_that_decides() {
        let t = TimeLeft {
            left: Duration::from_secs(161),
            limit: Some(RateWindow::new(5_000, 300)),
        };
        assert_eq!(t.words(Lang::En), "about 3 min (Pango's 5-minute limit)");
        assert_eq!(
            t.words(Lang::Vi),
            "khoảng 3 phút (giới hạn 5 phút của Pango)"
        );
        let t = TimeLeft {
            left: Duration::from_secs(3_725),
            limit: Some(RateWindow::new(50_000, 3_600)),
        };
        assert_eq!(
            t.words(Lang::Vi),
            "khoảng 1 giờ 03 phút (giới hạn mỗi giờ của Pango)"
        );
        let t = TimeLeft {
            left: Duration::from_secs(12),
            limit: None,
        };
        assert_eq!(t.words(Lang::En), "about 20 s");
        let t = TimeLeft {
            left: Duration::from_secs(59),
            limit: None,
        };
        assert_eq!(t.words(Lang::Vi), "khoảng 1 phút", "not '60 giây'");
    }

    #[test]
    fn a_short_upload_names_no_limit_and_the_send_time_counts() {
        let l = Limiter::new(&DOCUMENTED_LIMITS, DEFAULT_MARGIN);
        let slow = WorkLeft {
            batches: 8,
            concurrency: 4,
            per_batch: Duration::from_secs(2),
        };
        let t = time_left(&l, Instant::now(), slow);
        // Two rounds of four requests of 2 s each.
        let secs = t.left.as_secs_f64();
        assert!((4.0..4.5).contains(&secs), "{secs}");
        assert_eq!(t.limit, None);
        let none = time_left(&l, Instant::now(), work(0));
        assert_eq!(none.left, Duration::ZERO);
    }
}
