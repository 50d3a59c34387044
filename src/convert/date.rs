//! Dates and times: text cells, workbook date cells, Excel serials, and the fixed
//! UTC offset they are read in. Byte-level parsing, civil-calendar arithmetic by
//! hand (no chrono).

use std::fmt;

use crate::convert::Problem;

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
/// each optionally followed by (space or 'T') "HH:mm", "HH:mm:ss" or "HH:mm:ss.fff" (also "8:05").
/// `order` decides d/m vs m/d for the non-ISO forms (a leading 4-digit year is always y-m-d;
/// with [`DateOrder::Ymd`] a form that ends in the year is read day-first).
/// Checks real calendar dates (31/02 is an error, leap years right), hours < 24 etc. Two-digit years,
/// words, or trailing garbage → Err(Problem::InvalidDate).
pub fn parse_date_text(raw: &str, order: DateOrder) -> Result<CivilDateTime, Problem> {
    parse_date_opt(raw.trim(), order).ok_or(Problem::InvalidDate)
}

fn parse_date_opt(s: &str, order: DateOrder) -> Option<CivilDateTime> {
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
    let mut dt = if an == 4 {
        // y-m-d
        let (m, _) = c.digits(2)?;
        if !c.eat(sep) {
            return None;
        }
        let (d, _) = c.digits(2)?;
        check_date(a as i32, m as u8, d as u8)?
    } else if an <= 2 {
        let (b, _) = c.digits(2)?;
        if !c.eat(sep) {
            return None;
        }
        let y = c.exact(4)?;
        let (d, m) = match order {
            DateOrder::Mdy => (b, a),
            DateOrder::Dmy | DateOrder::Ymd => (a, b),
        };
        check_date(y as i32, m as u8, d as u8)?
    } else {
        return None;
    };
    if c.done() {
        return Some(dt);
    }
    // A digit right after the date ("2024-01-155") is not a separator.
    match c.peek()? {
        b'T' | b't' => c.i += 1,
        b' ' => while c.eat(b' ') {},
        _ => return None,
    }
    parse_time(&mut c, &mut dt, false)?;
    c.done().then_some(dt)
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
mod tests {
    use super::*;

    fn dt(y: i32, mo: u8, d: u8, h: u8, mi: u8, s: u8, ms: u16) -> CivilDateTime {
        CivilDateTime {
            year: y,
            month: mo,
            day: d,
            hour: h,
            minute: mi,
            second: s,
            millis: ms,
        }
    }

    fn day(y: i32, mo: u8, d: u8) -> CivilDateTime {
        dt(y, mo, d, 0, 0, 0, 0)
    }

    fn dmy(s: &str) -> Result<CivilDateTime, Problem> {
        parse_date_text(s, DateOrder::Dmy)
    }

    #[test]
    fn every_date_form() {
        for s in [
            "15/01/2024",
            "15-01-2024",
            "15.01.2024",
            "2024-01-15",
            "2024/01/15",
            "2024.01.15",
            "2024-1-15",
            " 15/01/2024 ",
        ] {
            assert_eq!(dmy(s), Ok(day(2024, 1, 15)), "{s}");
        }
        assert_eq!(dmy("5/1/2024"), Ok(day(2024, 1, 5)));
        assert_eq!(dmy("05/1/2024"), Ok(day(2024, 1, 5)));
    }

    #[test]
    fn order_decides_day_and_month() {
        assert_eq!(dmy("05/01/2024"), Ok(day(2024, 1, 5)));
        assert_eq!(
            parse_date_text("05/01/2024", DateOrder::Mdy),
            Ok(day(2024, 5, 1))
        );
        assert_eq!(
            parse_date_text("01/15/2024", DateOrder::Mdy),
            Ok(day(2024, 1, 15))
        );
        assert_eq!(dmy("01/15/2024"), Err(Problem::InvalidDate));
        assert_eq!(
            parse_date_text("15/01/2024", DateOrder::Mdy),
            Err(Problem::InvalidDate)
        );
        // A leading year is always y-m-d.
        for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
            assert_eq!(parse_date_text("2024-02-03", order), Ok(day(2024, 2, 3)));
        }
        // Ymd with a trailing year: read day-first.
        assert_eq!(
            parse_date_text("03/02/2024", DateOrder::Ymd),
            Ok(day(2024, 2, 3))
        );
    }

    #[test]
    fn calendar_checks() {
        assert_eq!(dmy("29/02/2024"), Ok(day(2024, 2, 29)));
        assert_eq!(dmy("29/02/2000"), Ok(day(2000, 2, 29)));
        assert_eq!(dmy("29/02/2023"), Err(Problem::InvalidDate));
        assert_eq!(dmy("29/02/1900"), Err(Problem::InvalidDate));
        assert_eq!(dmy("31/02/2024"), Err(Problem::InvalidDate));
        assert_eq!(dmy("30/02/2024"), Err(Problem::InvalidDate));
        assert_eq!(dmy("31/04/2024"), Err(Problem::InvalidDate));
        assert_eq!(dmy("30/04/2024"), Ok(day(2024, 4, 30)));
        assert_eq!(dmy("31/12/2024"), Ok(day(2024, 12, 31)));
        assert_eq!(dmy("31/01/2024"), Ok(day(2024, 1, 31)));
        assert_eq!(dmy("32/01/2024"), Err(Problem::InvalidDate));
        assert_eq!(dmy("00/01/2024"), Err(Problem::InvalidDate));
        assert_eq!(dmy("01/13/2024"), Err(Problem::InvalidDate));
        assert_eq!(dmy("01/00/2024"), Err(Problem::InvalidDate));
        assert_eq!(dmy("0000-01-01"), Err(Problem::InvalidDate));
    }

    #[test]
    fn time_parts() {
        assert_eq!(dmy("15/01/2024 08:30"), Ok(dt(2024, 1, 15, 8, 30, 0, 0)));
        assert_eq!(dmy("15/01/2024 8:05"), Ok(dt(2024, 1, 15, 8, 5, 0, 0)));
        assert_eq!(
            dmy("15/01/2024 23:59:59"),
            Ok(dt(2024, 1, 15, 23, 59, 59, 0))
        );
        assert_eq!(
            dmy("2024-01-15T08:30:15.250"),
            Ok(dt(2024, 1, 15, 8, 30, 15, 250))
        );
        assert_eq!(
            dmy("2024-01-15 08:30:15.5"),
            Ok(dt(2024, 1, 15, 8, 30, 15, 500))
        );
        assert_eq!(
            dmy("2024-01-15 08:30:15.123456"),
            Ok(dt(2024, 1, 15, 8, 30, 15, 123))
        );
        assert_eq!(dmy("15/01/2024  08:30"), Ok(dt(2024, 1, 15, 8, 30, 0, 0)));
        for bad in [
            "15/01/2024 24:00",
            "15/01/2024 12:60",
            "15/01/2024 12:00:60",
            "15/01/2024 12",
            "15/01/2024 12:",
            "15/01/2024 12:5",
            "15/01/2024 123:00",
            "15/01/2024 08:30 AM",
            "15/01/2024 08:30:00.",
            "15/01/2024T",
            "15/01/2024 T08:30",
            "2024-01-15T08:30:00Z",
            "2024-01-15T08:30:00+07:00",
        ] {
            assert_eq!(dmy(bad), Err(Problem::InvalidDate), "{bad}");
        }
    }

    #[test]
    fn rejected_forms() {
        for bad in [
            "",
            "15/01/24",
            "15/01/202",
            "15/01/20245",
            "15/01-2024",
            "15-01/2024",
            "2024-01/15",
            "Jan 15 2024",
            "15 tháng 1 2024",
            "15/Jan/2024",
            "15012024",
            "20240115",
            "2024-01-15x",
            "2024-01-155",
            "2024-001-15",
            "15//2024",
            "15/01/",
            "/01/2024",
            "123/01/2024",
            "15/123/2024",
            "-15/01/2024",
            "45306",
            "2024",
            "today",
        ] {
            assert_eq!(dmy(bad), Err(Problem::InvalidDate), "{bad}");
        }
    }

    #[test]
    fn epoch_ms_at_offsets() {
        let d = dmy("15/01/2024 08:30").unwrap();
        assert_eq!(d.epoch_ms(Offset::VIETNAM), 1_705_282_200_000);
        assert_eq!(d.epoch_ms(Offset { minutes: 0 }), 1_705_307_400_000);
        assert_eq!(day(1970, 1, 1).epoch_ms(Offset { minutes: 0 }), 0);
        assert_eq!(day(1970, 1, 1).epoch_ms(Offset::VIETNAM), -7 * 3_600_000);
        // A 1968 birth date is midnight at +07:00 too: 1968-03-05T00:00+07:00.
        let b = dmy("05/03/1968").unwrap();
        assert_eq!(b.epoch_ms(Offset::VIETNAM), -57_654_000_000);
        assert_eq!(
            day(2000, 3, 1).epoch_ms(Offset { minutes: 0 }),
            951_868_800_000
        );
        assert_eq!(
            dt(2024, 1, 15, 8, 30, 15, 250).epoch_ms(Offset { minutes: -330 }),
            1_705_307_415_250 + 330 * 60_000
        );
    }

    #[test]
    fn days_round_trip() {
        for z in (-800_000..3_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y as i32, m, d), z);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(
            days_from_civil(2024, 2, 29) + 1,
            days_from_civil(2024, 3, 1)
        );
    }

    #[test]
    fn date_string() {
        assert_eq!(day(2024, 1, 5).date_string(), "2024-01-05");
        assert_eq!(day(968, 12, 31).date_string(), "0968-12-31");
    }

    #[test]
    fn iso_cells() {
        assert_eq!(
            parse_iso_cell("2024-01-15T12:00:00"),
            Some(dt(2024, 1, 15, 12, 0, 0, 0))
        );
        assert_eq!(
            parse_iso_cell("2024-01-15 12:00:00.125"),
            Some(dt(2024, 1, 15, 12, 0, 0, 125))
        );
        assert_eq!(parse_iso_cell("2024-01-15"), Some(day(2024, 1, 15)));
        assert_eq!(parse_iso_cell("1968-03-05T00:00:00"), Some(day(1968, 3, 5)));
        for bad in [
            "2024-1-15",
            "15/01/2024",
            "2024-02-30T00:00:00",
            "2024-01-15T12:00",
            "2024-01-15T1:00:00",
            "2024-01-15T24:00:00",
            "2024-01-15T12:00:00Z",
            "2024-01-15X12:00:00",
            "2024-01-15T",
            "",
            "45306.5",
        ] {
            assert_eq!(parse_iso_cell(bad), None, "{bad}");
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(
            civil_from_excel_serial(45306.5),
            Some(dt(2024, 1, 15, 12, 0, 0, 0))
        );
        assert_eq!(civil_from_excel_serial(45306.0), Some(day(2024, 1, 15)));
        assert_eq!(civil_from_excel_serial(25569.0), Some(day(1970, 1, 1)));
        assert_eq!(civil_from_excel_serial(0.0), Some(day(1899, 12, 30)));
        assert_eq!(civil_from_excel_serial(61.0), Some(day(1900, 3, 1)));
        assert_eq!(civil_from_excel_serial(24_902.0), Some(day(1968, 3, 5)));
        // 08:30:15.250, and float noise rounds to the ms.
        let s = 45306.0 + (8.0 * 3600.0 + 30.0 * 60.0 + 15.25) / 86400.0;
        assert_eq!(
            civil_from_excel_serial(s),
            Some(dt(2024, 1, 15, 8, 30, 15, 250))
        );
        assert_eq!(
            civil_from_excel_serial(45306.0 + 86_399_999.6 / 86_400_000.0),
            Some(day(2024, 1, 16))
        );
        assert_eq!(
            civil_from_excel_serial(2_958_465.0),
            Some(day(9999, 12, 31))
        );
        for bad in [
            -1.0,
            -0.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            2_958_466.0,
            1e300,
        ] {
            assert_eq!(civil_from_excel_serial(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets_parse() {
        let h7 = Some(Offset { minutes: 420 });
        for s in [
            "+07:00",
            "+7",
            "7",
            "07",
            "+0700",
            "UTC+7",
            "GMT+07:00",
            "utc +7",
            " +07:00 ",
        ] {
            assert_eq!(Offset::parse(s), h7, "{s}");
        }
        let zero = Some(Offset { minutes: 0 });
        for s in ["Z", "z", "UTC", "GMT", "+00:00", "0", "-00:00", "UTC+0"] {
            assert_eq!(Offset::parse(s), zero, "{s}");
        }
        assert_eq!(Offset::parse("-05:30"), Some(Offset { minutes: -330 }));
        assert_eq!(Offset::parse("+0530"), Some(Offset { minutes: 330 }));
        assert_eq!(Offset::parse("+530"), Some(Offset { minutes: 330 }));
        assert_eq!(Offset::parse("UTC-3"), Some(Offset { minutes: -180 }));
        assert_eq!(Offset::parse("+14:00"), Some(Offset { minutes: 840 }));
        assert_eq!(Offset::parse("-14:00"), Some(Offset { minutes: -840 }));
        for bad in [
            "",
            "+",
            "+14:01",
            "+15",
            "-15:00",
            "+07:60",
            "+7:0",
            "+07:000",
            "UTCZ",
            "ICT",
            "Asia/Ho_Chi_Minh",
            "+07:00:00",
            "7.5",
            "++7",
            "+-7",
            "+12345",
            "GMT+",
            "utc7x",
        ] {
            assert_eq!(Offset::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets_show_and_round_trip() {
        assert_eq!(Offset::VIETNAM.to_string(), "+07:00");
        assert_eq!(Offset::default(), Offset::VIETNAM);
        assert_eq!(Offset { minutes: -330 }.to_string(), "-05:30");
        assert_eq!(Offset { minutes: 0 }.to_string(), "+00:00");
        assert_eq!(Offset::VIETNAM.whole_hours(), Some(7));
        assert_eq!(Offset { minutes: -300 }.whole_hours(), Some(-5));
        assert_eq!(Offset { minutes: 330 }.whole_hours(), None);
        for m in -840..=840 {
            let o = Offset { minutes: m };
            assert_eq!(Offset::parse(&o.to_string()), Some(o));
        }
    }

    #[test]
    fn offsets_serde() {
        assert_eq!(
            serde_json::to_string(&Offset::VIETNAM).unwrap(),
            "\"+07:00\""
        );
        assert_eq!(
            serde_json::from_str::<Offset>("\"UTC-5\"").unwrap(),
            Offset { minutes: -300 }
        );
        let err = serde_json::from_str::<Offset>("\"Mars/Olympus\"").unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus"), "{err}");
        assert!(serde_json::from_str::<Offset>("7").is_err());
        assert_eq!(serde_json::to_string(&DateOrder::Mdy).unwrap(), "\"mdy\"");
        assert_eq!(DateOrder::default(), DateOrder::Dmy);
    }
}
