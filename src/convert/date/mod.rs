//! Dates and times: text cells, workbook date cells, Excel serials, and the fixed
//! UTC offset they are read in. Byte-level parsing, civil-calendar arithmetic by
//! hand (no chrono).

use std::fmt;

use crate::convert::Problem;

mod fault;

pub use fault::CalendarFault;

/// The order of day, month and year in text dates like `05/01/2024`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 15/01/2024 (Vietnam's and the default).
    #[default]
    Dmy,
    /// 01/15/2024
    Mdy,
    /// 2024/01/15 (a leading 4-digit year is read this way whatever the order).
    Ymd,
}

/// A wall-clock date and time, with no zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CivilDateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub millis: u16,
}

const MS_PER_DAY: i64 = 86_400_000;

impl CivilDateTime {
    fn date(year: i32, month: u8, day: u8) -> CivilDateTime {
        CivilDateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            millis: 0,
        }
    }

    /// The true UTC instant, in epoch ms, of this wall-clock time at `offset`.
    pub fn epoch_ms(&self, offset: Offset) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let ms_of_day = ((self.hour as i64 * 60 + self.minute as i64) * 60 + self.second as i64)
            * 1000
            + self.millis as i64;
        days * MS_PER_DAY + ms_of_day - offset.minutes as i64 * 60_000
    }

    /// "yyyy-MM-dd"
    pub fn date_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An epoch-milliseconds instant as a person reads it, on the wall clock of
/// `offset`: "1990-02-14 00:00 +07:00" (seconds shown only when not zero).
pub fn instant_text(ms: i64, offset: Offset) -> String {
    let local = ms + offset.minutes as i64 * 60_000;
    let (y, m, d) = civil_from_days(local.div_euclid(MS_PER_DAY));
    let secs = local.rem_euclid(MS_PER_DAY) / 1000;
    let (h, min, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let time = if s == 0 {
        format!("{h:02}:{min:02}")
    } else {
        format!("{h:02}:{min:02}:{s:02}")
    };
    format!("{y:04}-{m:02}-{d:02} {time} {offset}")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = y as i64 - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A real calendar date with a 4-digit year (1..=9999).
fn check_date(y: i32, m: u8, d: u8) -> Option<CivilDateTime> {
    ((1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then(|| CivilDateTime::date(y, m, d))
}

/// A fixed UTC offset (not a tz-database zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Offset {
    pub minutes: i32,
}

impl Offset {
    pub const VIETNAM: Offset = Offset { minutes: 420 };

    const MAX_MINUTES: i32 = 14 * 60;

    /// "+07:00", "+7", "7", "+0700", "UTC+7", "GMT+07:00", "-05:30", "Z", "UTC", "+00:00"; range ±14:00.
    pub fn parse(s: &str) -> Option<Offset> {
        let s = s.trim();
        let b = s.as_bytes();
        let (named, rest) = if b.len() >= 3
            && (b[..3].eq_ignore_ascii_case(b"UTC") || b[..3].eq_ignore_ascii_case(b"GMT"))
        {
            (true, s[3..].trim_start().as_bytes())
        } else {
            (false, b)
        };
        if rest.is_empty() {
            return named.then_some(Offset { minutes: 0 });
        }
        if !named && rest.eq_ignore_ascii_case(b"Z") {
            return Some(Offset { minutes: 0 });
        }
        let (sign, rest) = match rest[0] {
            b'+' => (1, &rest[1..]),
            b'-' => (-1, &rest[1..]),
            // U+2212 MINUS SIGN
            0xE2 if rest.starts_with("\u{2212}".as_bytes()) => (-1, &rest[3..]),
            _ => (1, rest),
        };
        let digits = |x: &[u8]| !x.is_empty() && x.iter().all(u8::is_ascii_digit);
        let num = |x: &[u8]| x.iter().fold(0i32, |n, b| n * 10 + (b - b'0') as i32);
        let (h, m): (&[u8], &[u8]) = match rest.iter().position(|&c| c == b':') {
            Some(p) => {
                let (h, m) = (&rest[..p], &rest[p + 1..]);
                if m.len() != 2 {
                    return None;
                }
                (h, m)
            }
            None => match rest.len() {
                1 | 2 => (rest, &[][..]),
                3 => (&rest[..1], &rest[1..]),
                4 => (&rest[..2], &rest[2..]),
                _ => return None,
            },
        };
        if !digits(h) || h.len() > 2 || !(m.is_empty() || digits(m)) {
            return None;
        }
        let (h, m) = (num(h), num(m));
        if m >= 60 {
            return None;
        }
        let minutes = h * 60 + m;
        (minutes <= Self::MAX_MINUTES).then_some(Offset {
            minutes: sign * minutes,
        })
    }

    /// Whole hours for the API's `timezoneGmt` when the offset is whole hours.
    pub fn whole_hours(&self) -> Option<i32> {
        (self.minutes % 60 == 0).then_some(self.minutes / 60)
    }
}

impl Default for Offset {
    fn default() -> Self {
        Offset::VIETNAM
    }
}

impl fmt::Display for Offset {
    /// "+07:00", "-05:30", "+00:00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let m = self.minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

impl serde::Serialize for Offset {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Offset {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Offset;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a UTC offset such as \"+07:00\"")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Offset, E> {
                Offset::parse(s).ok_or_else(|| {
                    E::custom(format!(
                        "\"{s}\" is not a UTC offset (use e.g. +07:00, -05:30 or UTC), within ±14:00"
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// A small cursor over ASCII bytes.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i == self.b.len()
    }

    /// 1..=max digits; their value and how many there were.
    fn digits(&mut self, max: usize) -> Option<(u32, usize)> {
        let start = self.i;
        let mut v = 0u32;
        while self.i - start < max
            && let Some(c @ b'0'..=b'9') = self.peek()
        {
            v = v * 10 + (c - b'0') as u32;
            self.i += 1;
        }
        let n = self.i - start;
        (n > 0).then_some((v, n))
    }

    /// Exactly `n` digits.
    fn exact(&mut self, n: usize) -> Option<u32> {
        let (v, got) = self.digits(n)?;
        (got == n).then_some(v)
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
}

/// Time part: "H:mm", "HH:mm", "HH:mm:ss", "HH:mm:ss.f" (1–9 fraction digits,
/// truncated to ms). `strict` wants "HH:MM:SS": two hour digits and the seconds.
fn parse_time(c: &mut Cur<'_>, dt: &mut CivilDateTime, strict: bool) -> Option<()> {
    let (h, hn) = c.digits(2)?;
    if strict && hn != 2 {
        return None;
    }
    if !c.eat(b':') {
        return None;
    }
    let mi = c.exact(2)?;
    let mut s = 0;
    let mut ms = 0;
    if c.eat(b':') {
        s = c.exact(2)?;
        if c.eat(b'.') {
            let (f, n) = c.digits(9)?;
            // Keep the first three digits: 5 -> 500 ms, 1234 -> 123 ms.
            ms = match n {
                1 => f * 100,
                2 => f * 10,
                3 => f,
                _ => f / 10u32.pow(n as u32 - 3),
            };
        }
    } else if strict {
        return None;
    }
    if h > 23 || mi > 59 || s > 59 {
        return None;
    }
    dt.hour = h as u8;
    dt.minute = mi as u8;
    dt.second = s as u8;
    dt.millis = ms as u16;
    Some(())
}

/// Text dates: "15/01/2024", "15-01-2024", "15.01.2024", "5/1/2024", "2024-01-15", "2024/01/15",
/// each optionally followed by (space or 'T') "HH:mm", "HH:mm:ss" or "HH:mm:ss.fff" (also "8:05"),
/// and that by AM/PM (or the Vietnamese SA/CH) for a 12-hour clock.
/// `order` decides d/m vs m/d for the non-ISO forms (a leading 4-digit year is always y-m-d;
/// with [`DateOrder::Ymd`] a form that ends in the year is read day-first).
/// Checks real calendar dates: a date-shaped text that is none (31/02, 29/02/2023, month 13,
/// day 0) → Err(Problem::NotARealDate) saying why. Hours < 24 etc.; two-digit years, words,
/// or trailing garbage → Err(Problem::InvalidDate).
pub fn parse_date_text(raw: &str, order: DateOrder) -> Result<CivilDateTime, Problem> {
    let (dt, read_as) = parse_date_shape(raw.trim(), order).ok_or(Problem::InvalidDate)?;
    if dt.year == 0 {
        return Err(Problem::InvalidDate);
    }
    match CalendarFault::of(dt.year, dt.month, dt.day, read_as) {
        None => Ok(dt),
        Some(fault) => Err(fault.into()),
    }
}

/// A text date's parts, the calendar not yet checked, and the order it was read in.
fn parse_date_shape(s: &str, order: DateOrder) -> Option<(CivilDateTime, DateOrder)> {
    let mut c = Cur {
        b: s.as_bytes(),
        i: 0,
    };
    let (a, an) = c.digits(4)?;
    let sep = c.peek()?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    c.i += 1;
    let (mut dt, read_as) = if an == 4 {
        // y-m-d
        let (m, _) = c.digits(2)?;
        if !c.eat(sep) {
            return None;
        }
        let (d, _) = c.digits(2)?;
        (
            CivilDateTime::date(a as i32, m as u8, d as u8),
            DateOrder::Ymd,
        )
    } else if an <= 2 {
        let (b, _) = c.digits(2)?;
        if !c.eat(sep) {
            return None;
        }
        let y = c.exact(4)?;
        let (d, m, read_as) = match order {
            DateOrder::Mdy => (b, a, DateOrder::Mdy),
            DateOrder::Dmy | DateOrder::Ymd => (a, b, DateOrder::Dmy),
        };
        (CivilDateTime::date(y as i32, m as u8, d as u8), read_as)
    } else {
        return None;
    };
    parse_time_tail(&mut c, s, &mut dt)?;
    Some((dt, read_as))
}

/// What may follow a text date: nothing, or a time with an optional AM/PM.
fn parse_time_tail(c: &mut Cur<'_>, s: &str, dt: &mut CivilDateTime) -> Option<()> {
    if c.done() {
        return Some(());
    }
    // A digit right after the date ("2024-01-155") is not a separator.
    match c.peek()? {
        b'T' | b't' => c.i += 1,
        b' ' => while c.eat(b' ') {},
        _ => return None,
    }
    parse_time(c, dt, false)?;
    if c.done() {
        return Some(());
    }
    // A 12-hour clock as US-locale ("8:30 PM") or Vietnamese-locale ("8:30 CH",
    // chiều; "SA" is sáng) exports write it.
    while c.eat(b' ') {}
    let rest = &s[c.i..];
    let pm = if rest.eq_ignore_ascii_case("am") || rest.eq_ignore_ascii_case("sa") {
        false
    } else if rest.eq_ignore_ascii_case("pm") || rest.eq_ignore_ascii_case("ch") {
        true
    } else {
        return None;
    };
    if !(1..=12).contains(&dt.hour) {
        return None;
    }
    dt.hour = match (dt.hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(())
}

/// The text of a workbook date cell: "YYYY-MM-DDTHH:MM:SS" with optional ".fff" (also accept a
/// date-only "YYYY-MM-DD" and a space instead of 'T'). None if not of that form.
pub fn parse_iso_cell(raw: &str) -> Option<CivilDateTime> {
    let mut c = Cur {
        b: raw.trim().as_bytes(),
        i: 0,
    };
    let y = c.exact(4)?;
    if !c.eat(b'-') {
        return None;
    }
    let m = c.exact(2)?;
    if !c.eat(b'-') {
        return None;
    }
    let d = c.exact(2)?;
    let mut dt = check_date(y as i32, m as u8, d as u8)?;
    if c.done() {
        return Some(dt);
    }
    if !(c.eat(b'T') || c.eat(b' ')) {
        return None;
    }
    parse_time(&mut c, &mut dt, true)?;
    c.done().then_some(dt)
}

/// Excel serial (1900 date system: days since 1899-12-30, fraction = time of day, rounded to the ms)
/// to civil time. None for negative/NaN/absurd (> year 9999).
pub fn civil_from_excel_serial(serial: f64) -> Option<CivilDateTime> {
    // 9999-12-31 is serial 2958465; the whole of that day is accepted.
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let total_ms = (serial * MS_PER_DAY as f64).round() as i64;
    let days = total_ms.div_euclid(MS_PER_DAY);
    let ms = total_ms.rem_euclid(MS_PER_DAY);
    // 1899-12-30 is 25569 days before 1970-01-01.
    let (y, m, d) = civil_from_days(days - 25_569);
    if y > 9999 {
        return None;
    }
    Some(CivilDateTime {
        year: y as i32,
        month: m,
        day: d,
        hour: (ms / 3_600_000) as u8,
        minute: (ms / 60_000 % 60) as u8,
        second: (ms / 1000 % 60) as u8,
        millis: (ms % 1000) as u16,
    })
}

#[cfg(test)]
mod tests;
