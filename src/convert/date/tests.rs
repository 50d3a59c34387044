use super::*;
use crate::i18n::Lang;

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

fn fault(f: CalendarFault) -> Result<CivilDateTime, Problem> {
    Err(Problem::NotARealDate { fault: f })
}

fn no_month(month: u8, read_as: DateOrder) -> Result<CivilDateTime, Problem> {
    fault(CalendarFault::NoSuchMonth { month, read_as })
}

fn past_end(month: u8) -> Result<CivilDateTime, Problem> {
    fault(CalendarFault::PastMonthEnd { month })
}

fn not_leap(year: i32) -> Result<CivilDateTime, Problem> {
    fault(CalendarFault::NotLeapYear { year })
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
    assert_eq!(dmy("01/15/2024"), no_month(15, DateOrder::Dmy));
    assert_eq!(
        parse_date_text("15/01/2024", DateOrder::Mdy),
        no_month(15, DateOrder::Mdy)
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
    assert_eq!(dmy("29/02/2023"), not_leap(2023));
    assert_eq!(dmy("29/02/1900"), not_leap(1900));
    assert_eq!(dmy("31/02/2024"), past_end(2));
    assert_eq!(dmy("30/02/2024"), past_end(2));
    assert_eq!(dmy("31/04/2024"), past_end(4));
    assert_eq!(dmy("30/04/2024"), Ok(day(2024, 4, 30)));
    assert_eq!(dmy("31/12/2024"), Ok(day(2024, 12, 31)));
    assert_eq!(dmy("31/01/2024"), Ok(day(2024, 1, 31)));
    assert_eq!(dmy("32/01/2024"), past_end(1));
    assert_eq!(dmy("00/01/2024"), fault(CalendarFault::DayZero));
    assert_eq!(dmy("01/13/2024"), no_month(13, DateOrder::Dmy));
    assert_eq!(dmy("01/00/2024"), no_month(0, DateOrder::Dmy));
    assert_eq!(dmy("2024-13-01"), no_month(13, DateOrder::Ymd));
    assert_eq!(dmy("31/02/1990 08:30"), past_end(2));
    // A time that is no time keeps the date-shaped text "not a date".
    assert_eq!(dmy("31/02/1990 25:00"), Err(Problem::InvalidDate));
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
        "15/01/2024 08:30 AMX",
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

#[test]
fn twelve_hour_clocks_in_english_and_vietnamese() {
    let at = |s: &str| {
        let d = parse_date_text(s, DateOrder::Mdy).unwrap();
        (d.hour, d.minute)
    };
    assert_eq!(at("1/15/2024 8:30 AM"), (8, 30));
    assert_eq!(at("1/15/2024 8:30 PM"), (20, 30));
    assert_eq!(at("1/15/2024 12:05 am"), (0, 5));
    assert_eq!(at("1/15/2024 12:05 PM"), (12, 5));
    assert_eq!(at("1/15/2024 08:30:15 CH"), (20, 30));
    assert_eq!(at("1/15/2024 7:00 SA"), (7, 0));
    for bad in [
        "1/15/2024 13:00 PM",
        "1/15/2024 0:30 AM",
        "1/15/2024 8:30 XM",
        "1/15/2024 8:30 PM x",
    ] {
        assert_eq!(
            parse_date_text(bad, DateOrder::Mdy),
            Err(Problem::InvalidDate),
            "{bad}"
        );
    }
}

/// (text, order it is read in, English message, Vietnamese message).
const NOT_REAL: &[(&str, DateOrder, &str, &str)] = &[
    (
        "31/02/1990",
        DateOrder::Dmy,
        "not a real date (February has 28 or 29 days)",
        "ngày không có thật (tháng 2 có 28 hoặc 29 ngày)",
    ),
    (
        "1990-02-30",
        DateOrder::Dmy,
        "not a real date (February has 28 or 29 days)",
        "ngày không có thật (tháng 2 có 28 hoặc 29 ngày)",
    ),
    (
        "29/02/2023",
        DateOrder::Dmy,
        "not a real date (2023 is not a leap year: February has 28 days)",
        "ngày không có thật (năm 2023 không nhuận: tháng 2 có 28 ngày)",
    ),
    (
        "31/04/2024",
        DateOrder::Dmy,
        "not a real date (April has 30 days)",
        "ngày không có thật (tháng 4 có 30 ngày)",
    ),
    (
        "32/12/2024",
        DateOrder::Dmy,
        "not a real date (December has 31 days)",
        "ngày không có thật (tháng 12 có 31 ngày)",
    ),
    (
        "15/13/2024",
        DateOrder::Dmy,
        "not a real date (there is no month 13; this column is read as day/month/year)",
        "ngày không có thật (không có tháng 13; cột này được đọc theo ngày/tháng/năm)",
    ),
    (
        "13/15/2024",
        DateOrder::Mdy,
        "not a real date (there is no month 13; this column is read as month/day/year)",
        "ngày không có thật (không có tháng 13; cột này được đọc theo tháng/ngày/năm)",
    ),
    (
        "2024-13-01",
        DateOrder::Dmy,
        "not a real date (there is no month 13; this column is read as year-month-day)",
        "ngày không có thật (không có tháng 13; cột này được đọc theo năm-tháng-ngày)",
    ),
    (
        "00/01/2024",
        DateOrder::Dmy,
        "not a real date (there is no day 0)",
        "ngày không có thật (không có ngày 0)",
    ),
];

#[test]
fn dates_that_are_not_in_the_calendar_say_why_in_both_languages() {
    for (text, order, en, vi) in NOT_REAL {
        let p = parse_date_text(text, *order).unwrap_err();
        assert_eq!(p.message(Lang::En), *en, "{text}");
        assert_eq!(p.message(Lang::Vi), *vi, "{text}");
    }
}

#[test]
fn text_that_is_no_date_still_asks_for_day_month_year() {
    for text in ["15/01/24", "today", "15 tháng 1 2024", "0000-01-01"] {
        let p = dmy(text).unwrap_err();
        assert_eq!(p, Problem::InvalidDate, "{text}");
        assert!(p.message(Lang::En).contains("use day/month/year"), "{text}");
        assert!(
            p.message(Lang::Vi).contains("dùng ngày/tháng/năm"),
            "{text}"
        );
    }
    // Both kinds are invalid dates to filters and reports.
    assert_eq!(dmy("31/02/1990").unwrap_err().code(), "invalid_date");
}
