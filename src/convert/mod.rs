//! Value converters: one cell's text -> the value sent to Pango, or a [`Problem`].
//!
//! These are pure functions on `&str` with no allocation when the value does not
//! change (they return `Cow::Borrowed`), because validation calls them for every
//! cell of every row.

mod boolean;
mod date;
mod email;
mod fold;
mod number;
mod phone;

pub use boolean::parse_bool;
pub use date::{
    CalendarFault, CivilDateTime, DateOrder, Offset, civil_from_excel_serial, instant_text,
    parse_date_text, parse_iso_cell,
};
pub use email::normalize_email;
pub use fold::{fold, fold_into, match_enum};
pub use number::{DecimalMark, NumberStats, parse_number};
pub use phone::{PhoneFormat, normalize_phone};

pub use crate::validate::Problem;

#[cfg(test)]
mod tests {
    //! Fuzz-ish: random inputs through every converter, asserting no panic and the
    //! invariants that must hold whatever the input.

    use super::*;
    use crate::schema::{GENDER, YES_NO};

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// Pieces that reach deep into the parsers, mixed with arbitrary bytes.
    const PIECES: &[&str] = &[
        "0", "1", "2", "5", "8", "9", "84", "09", "028", "2024", "12", "31", ".", ",", "-", "+",
        "/", ":", " ", "T", "e", "E", "%", "đ", "Đ", "₫", "vnd", "VNĐ", "@", "a", "Z", "(", ")",
        "\u{a0}", "\u{202f}", "\u{2009}", "ữ", "Ó", "\u{301}", "ư", "co", "x", "UTC", "com", "..",
        "\u{2212}", "İ", "ß",
    ];

    fn random_input(rng: &mut XorShift) -> String {
        let len = rng.below(24);
        let mut bytes = Vec::new();
        for _ in 0..len {
            if rng.below(3) == 0 {
                bytes.push(rng.next() as u8);
            } else {
                bytes.extend_from_slice(PIECES[rng.below(PIECES.len())].as_bytes());
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[test]
    fn random_inputs_never_panic() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut folded = String::new();
        for _ in 0..6000 {
            let s = random_input(&mut rng);
            let t = s.trim();

            let f = fold(&s);
            assert_eq!(fold(&f), f, "fold not idempotent on {s:?}");
            fold_into(&s, &mut folded);
            assert_eq!(folded, f);
            let _ = match_enum(&s, &GENDER);
            let _ = match_enum(&s, &YES_NO);

            if !t.is_empty() {
                let _ = parse_bool(t);
                if let Ok(e) = normalize_email(t) {
                    assert_eq!(normalize_email(&e).as_deref(), Ok(&*e), "{s:?}");
                }
            }

            for format in [PhoneFormat::National, PhoneFormat::E164] {
                if let Ok(p) = normalize_phone(&s, format) {
                    let again = normalize_phone(&p, format);
                    assert!(
                        matches!(again, Ok(std::borrow::Cow::Borrowed(_))),
                        "{s:?} -> {p}"
                    );
                }
            }

            for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
                if let Ok(d) = parse_date_text(&s, order) {
                    let _ = d.epoch_ms(Offset::VIETNAM);
                    assert_eq!(d.date_string().len(), 10);
                }
            }
            if let Some(d) = parse_iso_cell(&s) {
                assert_eq!(parse_date_text(&s, DateOrder::Dmy), Ok(d), "{s:?}");
            }
            let _ = Offset::parse(&s);

            let mut stats = NumberStats::default();
            stats.observe(&s);
            let _ = stats.decide();
            for mark in [None, Some(DecimalMark::Dot), Some(DecimalMark::Comma)] {
                if let Ok(v) = parse_number(&s, mark) {
                    assert!(v.is_finite(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn random_serials_never_panic() {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for i in 0..6000 {
            let x = if i % 2 == 0 {
                f64::from_bits(rng.next())
            } else {
                (rng.next() % 4_000_000_000) as f64 / 1000.0
            };
            if let Some(d) = civil_from_excel_serial(x) {
                assert!((1899..=9999).contains(&d.year), "{x}");
                assert!(d.hour < 24 && d.minute < 60 && d.second < 60 && d.millis < 1000);
                let _ = d.epoch_ms(Offset { minutes: -840 });
            }
        }
    }
}
