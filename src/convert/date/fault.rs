//! Why a text shaped like a date is no date in the calendar (31/02/1990, 29/02/2023,
//! 31/04, month 13, day 0), in words that say so, in English and Vietnamese. Text
//! that is not a date at all stays [`Problem::InvalidDate`] ("use day/month/year").

use serde::Serialize;

use crate::convert::Problem;
use crate::i18n::Lang;

use super::DateOrder;

/// What makes a date-shaped text no real date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum CalendarFault {
    /// A month of 0 or above 12, the text read in `read_as` order.
    NoSuchMonth { month: u8, read_as: DateOrder },
    /// Day 0.
    DayZero,
    /// A day past the month's last (31/04, 30/02).
    PastMonthEnd { month: u8 },
    /// 29 February of a year that is not a leap year.
    NotLeapYear { year: i32 },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl CalendarFault {
    /// The fault of day `d`, month `m`, year `y` read in `read_as` order, or `None` for a
    /// real date. The year is 1..=9999 (the parser reads four digits; 0000 is no date).
    pub(super) fn of(y: i32, m: u8, d: u8, read_as: DateOrder) -> Option<CalendarFault> {
        if !(1..=12).contains(&m) {
            return Some(CalendarFault::NoSuchMonth { month: m, read_as });
        }
        if d == 0 {
            return Some(CalendarFault::DayZero);
        }
        if d <= super::days_in_month(y, m) {
            return None;
        }
        Some(if m == 2 && d == 29 {
            CalendarFault::NotLeapYear { year: y }
        } else {
            CalendarFault::PastMonthEnd { month: m }
        })
    }

    /// "not a real date (February has 28 or 29 days)", or the Vietnamese.
    pub fn message(&self, lang: Lang) -> String {
        let why = match (self, lang) {
            (CalendarFault::NoSuchMonth { month, read_as }, Lang::En) => format!(
                "there is no month {month}; this column is read as {}",
                order_words(*read_as, lang)
            ),
            (CalendarFault::NoSuchMonth { month, read_as }, Lang::Vi) => format!(
                "không có tháng {month}; cột này được đọc theo {}",
                order_words(*read_as, lang)
            ),
            (CalendarFault::DayZero, Lang::En) => "there is no day 0".to_string(),
            (CalendarFault::DayZero, Lang::Vi) => "không có ngày 0".to_string(),
            (CalendarFault::PastMonthEnd { month: 2 }, Lang::En) => {
                "February has 28 or 29 days".to_string()
            }
            (CalendarFault::PastMonthEnd { month: 2 }, Lang::Vi) => {
                "tháng 2 có 28 hoặc 29 ngày".to_string()
            }
            (CalendarFault::PastMonthEnd { month }, Lang::En) => format!(
                "{} has {} days",
                MONTHS
                    .get(usize::from(month.wrapping_sub(1)))
                    .unwrap_or(&"the month"),
                super::days_in_month(2000, *month)
            ),
            (CalendarFault::PastMonthEnd { month }, Lang::Vi) => format!(
                "tháng {month} có {} ngày",
                super::days_in_month(2000, *month)
            ),
            (CalendarFault::NotLeapYear { year }, Lang::En) => {
                format!("{year} is not a leap year: February has 28 days")
            }
            (CalendarFault::NotLeapYear { year }, Lang::Vi) => {
                format!("năm {year} không nhuận: tháng 2 có 28 ngày")
            }
        };
        match lang {
            Lang::En => format!("not a real date ({why})"),
            Lang::Vi => format!("ngày không có thật ({why})"),
        }
    }
}

impl From<CalendarFault> for Problem {
    fn from(fault: CalendarFault) -> Problem {
        Problem::NotARealDate { fault }
    }
}

/// "day/month/year", "month/day/year" or "year-month-day".
fn order_words(order: DateOrder, lang: Lang) -> &'static str {
    match (order, lang) {
        (DateOrder::Dmy, Lang::En) => "day/month/year",
        (DateOrder::Mdy, Lang::En) => "month/day/year",
        (DateOrder::Ymd, Lang::En) => "year-month-day",
        (DateOrder::Dmy, Lang::Vi) => "ngày/tháng/năm",
        (DateOrder::Mdy, Lang::Vi) => "tháng/ngày/năm",
        (DateOrder::Ymd, Lang::Vi) => "năm-tháng-ngày",
    }
}
