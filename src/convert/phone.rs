//! Vietnamese phone numbers: every way people write them -> the national form
//! `0912345678` (or E.164 `+84912345678`), checked against Vietnam's numbering plan.
//!
//! The plan is libphonenumber's metadata for territory `VN`, taken from
//! `PhoneNumberMetadata.xml` of libphonenumber **9.0.33** (as shipped in the
//! `phonenumber` crate 0.3.10+9.0.33), types `mobile` and `fixedLine`:
//!
//! ```text
//! mobile    (possibleLengths national="9"):
//!   121[0-3]\d{5} | (?:160 | (?:3\d|7[06-9])\d | 5(?:[1689]\d|2[238]|59)
//!                   | 8(?:[1-8]\d|9[6-9]) | 9(?:[0-8]\d|9[013-9]))\d{6}
//! fixedLine (possibleLengths national="10"):
//!   2(?:0[3-9]|1[0-689]|2[0-25-9]|[38][2-9]|4[2-8]|5[124-9]|6[0-39]|7[0-7]|9[0-4679])\d{7}
//! ```
//!
//! Both are "a prefix of three digits (four for 121x), then any digits up to a fixed
//! length", so they are encoded below as a table indexed by the first three digits
//! of the national significant number. A test sweeps prefixes and lengths and
//! compares with the `phonenumber` crate.

use std::borrow::Cow;

use crate::convert::Problem;

/// How a valid number is written out.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PhoneFormat {
    /// `0912345678`
    #[default]
    National,
    /// `+84912345678`
    E164,
}

/// Digits of a national significant number (without the trunk `0`).
const MOBILE_LEN: usize = 9;
const FIXED_LEN: usize = 10;
/// More digits than any form we accept (`0084` + 0 + 10 digits = 15).
const MAX_DIGITS: usize = 16;

/// Class of a three-digit prefix of a national significant number.
const NONE: u8 = 0;
/// Mobile, 9 digits.
const MOBILE: u8 = 1;
/// Mobile, 9 digits, only when the fourth digit is 0–3 (`121[0-3]`).
const MOBILE_121: u8 = 2;
/// Fixed line, 10 digits.
const FIXED: u8 = 3;

/// Inclusive ranges of three-digit prefixes, from the patterns in the module docs.
const MOBILE_RANGES: &[(u16, u16)] = &[
    (160, 160),
    (300, 399),
    (510, 519),
    (522, 523),
    (528, 528),
    (559, 559),
    (560, 569),
    (580, 599),
    (700, 709),
    (760, 799),
    (810, 889),
    (896, 899),
    (900, 989),
    (990, 991),
    (993, 999),
];

const FIXED_RANGES: &[(u16, u16)] = &[
    (203, 209),
    (210, 216),
    (218, 219),
    (220, 222),
    (225, 229),
    (232, 239),
    (242, 248),
    (251, 252),
    (254, 259),
    (260, 263),
    (269, 269),
    (270, 277),
    (282, 289),
    (290, 294),
    (296, 297),
    (299, 299),
];

static PREFIX: [u8; 1000] = build_prefix_table();

const fn build_prefix_table() -> [u8; 1000] {
    let mut t = [NONE; 1000];
    let mut i = 0;
    while i < MOBILE_RANGES.len() {
        let (lo, hi) = MOBILE_RANGES[i];
        let mut p = lo;
        while p <= hi {
            t[p as usize] = MOBILE;
            p += 1;
        }
        i += 1;
    }
    i = 0;
    while i < FIXED_RANGES.len() {
        let (lo, hi) = FIXED_RANGES[i];
        let mut p = lo;
        while p <= hi {
            t[p as usize] = FIXED;
            p += 1;
        }
        i += 1;
    }
    t[121] = MOBILE_121;
    t
}

/// Whether `nsn` (digits only, no trunk `0`) is a Vietnamese mobile or fixed-line number.
fn valid_nsn(nsn: &[u8]) -> bool {
    if nsn.len() < 4 {
        return false;
    }
    let p =
        (nsn[0] - b'0') as usize * 100 + (nsn[1] - b'0') as usize * 10 + (nsn[2] - b'0') as usize;
    match PREFIX[p] {
        MOBILE => nsn.len() == MOBILE_LEN,
        MOBILE_121 => nsn.len() == MOBILE_LEN && nsn[3] <= b'3',
        FIXED => nsn.len() == FIXED_LEN,
        _ => false,
    }
}

/// The digits of a phone cell, and whether it started with `+`.
struct Digits {
    buf: [u8; MAX_DIGITS],
    len: usize,
    plus: bool,
}

impl Digits {
    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    fn push(&mut self, b: u8) -> Option<()> {
        if self.len == MAX_DIGITS {
            return None;
        }
        self.buf[self.len] = b;
        self.len += 1;
        Some(())
    }
}

/// Digits of a number written with separators (spaces, `-`, `.`, parentheses) and
/// an optional leading `+`. None for any other character.
fn scan(raw: &str) -> Option<Digits> {
    let mut d = Digits {
        buf: [0; MAX_DIGITS],
        len: 0,
        plus: false,
    };
    let mut seen = false; // any digit or '+' yet
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'0'..=b'9' => {
                d.push(b)?;
                seen = true;
            }
            b'+' if !seen => {
                d.plus = true;
                seen = true;
            }
            b' ' | b'\t' | b'-' | b'.' | b'(' | b')' => {}
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => i += 1, // U+00A0
            // U+2009 thin space, U+202F narrow no-break space
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(&0x89) | Some(&0xAF)) =>
            {
                i += 2
            }
            _ => return None,
        }
        i += 1;
    }
    Some(d)
}

/// The text of a number cell that spreadsheet software wrote as a number:
/// `912345678.0` or `9.12345678E8`. Its digits, if it is a whole number.
fn scan_number_text(raw: &str) -> Option<Digits> {
    let s = raw.trim().as_bytes();
    let (mantissa, exp) = match s.iter().position(|&b| b == b'e' || b == b'E') {
        Some(e) => {
            let exp = &s[e + 1..];
            let exp = exp.strip_prefix(b"+").unwrap_or(exp);
            if exp.is_empty() || exp.len() > 2 || !exp.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let n = exp.iter().fold(0usize, |n, b| n * 10 + (b - b'0') as usize);
            (&s[..e], n)
        }
        None => (s, 0),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(p) => (&mantissa[..p], &mantissa[p + 1..]),
        None => (mantissa, &[][..]),
    };
    if int.is_empty() || !int.iter().chain(frac).all(u8::is_ascii_digit) {
        return None;
    }
    // The fraction digits that the exponent moves into the integer part; the rest must be zeros.
    let moved = exp.min(frac.len());
    if frac[moved..].iter().any(|&b| b != b'0') {
        return None;
    }
    let mut d = Digits {
        buf: [0; MAX_DIGITS],
        len: 0,
        plus: false,
    };
    for &b in int.iter().chain(&frac[..moved]) {
        d.push(b)?;
    }
    for _ in moved..exp {
        d.push(b'0')?;
    }
    Some(d)
}

/// After the country code, a trunk 0 is tolerated: "+84 (0) 91 234 5678".
fn strip_trunk(rest: &[u8]) -> &[u8] {
    rest.strip_prefix(b"0").unwrap_or(rest)
}

/// The national significant number in `d`, if it is a valid Vietnamese number.
fn nsn(d: &Digits) -> Option<&[u8]> {
    let s = d.as_slice();
    let after_cc = strip_trunk;
    let candidate = if d.plus {
        after_cc(s.strip_prefix(b"84")?)
    } else if let Some(rest) = s.strip_prefix(b"00") {
        // International prefix: only Vietnam's own code.
        after_cc(rest.strip_prefix(b"84")?)
    } else if let Some(rest) = s.strip_prefix(b"0") {
        rest
    } else if s.len() >= 11
        && let Some(rest) = s.strip_prefix(b"84")
        && valid_nsn(after_cc(rest))
    {
        // "84912345678": the country code without '+'. Shorter numbers starting with
        // 84 ("845123456") are national numbers that lost their 0.
        after_cc(rest)
    } else {
        // Excel dropped the leading 0: "912345678".
        s
    };
    valid_nsn(candidate).then_some(candidate)
}

/// Vietnamese phone → national form "0912345678" (or "+84912345678" with E164). Accepts
/// "0912345678", "+84912345678", "84912345678", "0084912345678", "912345678" (Excel dropped the 0),
/// "091 234 5678", "091-234-5678", "(091) 234.5678", "+84 (0) 91 234 5678"; also a number cell's text
/// ("912345678.0", "9.12345678E8").
/// Valid = valid for Vietnam's numbering plan per libphonenumber's metadata: MOBILE or FIXED_LINE
/// (02x landlines have 11 digits with the 0). Anything else (wrong length, unknown prefix, letters,
/// another country's +code) → Err(Problem::InvalidPhone). Borrowed when the input already is the output.
pub fn normalize_phone(raw: &str, format: PhoneFormat) -> Result<Cow<'_, str>, Problem> {
    let digits = match scan(raw) {
        Some(d) if nsn(&d).is_some() => d,
        _ => match scan_number_text(raw) {
            Some(d) if nsn(&d).is_some() => d,
            _ => return Err(Problem::InvalidPhone),
        },
    };
    let n = nsn(&digits).ok_or(Problem::InvalidPhone)?;
    let prefix: &[u8] = match format {
        PhoneFormat::National => b"0",
        PhoneFormat::E164 => b"+84",
    };
    let raw_b = raw.as_bytes();
    if raw_b.len() == prefix.len() + n.len() && raw_b.starts_with(prefix) && raw_b.ends_with(n) {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(prefix.len() + n.len());
    for &b in prefix.iter().chain(n) {
        out.push(b as char);
    }
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nat(s: &str) -> Result<String, Problem> {
        normalize_phone(s, PhoneFormat::National).map(Cow::into_owned)
    }

    fn e164(s: &str) -> Result<String, Problem> {
        normalize_phone(s, PhoneFormat::E164).map(Cow::into_owned)
    }

    #[test]
    fn every_accepted_form_of_a_mobile() {
        for s in [
            "0912345678",
            "+84912345678",
            "84912345678",
            "0084912345678",
            "912345678",
            "091 234 5678",
            "091-234-5678",
            "(091) 234.5678",
            "+84 (0) 91 234 5678",
            "+84 91 234 5678",
            "+84-912-345-678",
            "0912.345.678",
            " 0912345678 ",
            "0912\u{a0}345\u{a0}678",
            "0912\u{202f}345\u{202f}678",
            "00 84 912 345 678",
            "840912345678",
            "912345678.0",
            "9.12345678E8",
            "9.12345678e+08",
        ] {
            assert_eq!(nat(s), Ok("0912345678".into()), "{s}");
            assert_eq!(e164(s), Ok("+84912345678".into()), "{s}");
        }
    }

    #[test]
    fn borrowed_when_already_normal() {
        assert!(matches!(
            normalize_phone("0912345678", PhoneFormat::National),
            Ok(Cow::Borrowed("0912345678"))
        ));
        assert!(matches!(
            normalize_phone("+84912345678", PhoneFormat::E164),
            Ok(Cow::Borrowed("+84912345678"))
        ));
        assert!(matches!(
            normalize_phone("+84912345678", PhoneFormat::National),
            Ok(Cow::Owned(_))
        ));
        assert!(matches!(
            normalize_phone("0912345678", PhoneFormat::E164),
            Ok(Cow::Owned(_))
        ));
    }

    #[test]
    fn landlines_have_eleven_digits() {
        assert_eq!(nat("02838123456"), Ok("02838123456".into()));
        assert_eq!(nat("028 3812 3456"), Ok("02838123456".into()));
        assert_eq!(nat("(028) 3812-3456"), Ok("02838123456".into()));
        assert_eq!(nat("2838123456"), Ok("02838123456".into()));
        assert_eq!(nat("+842838123456"), Ok("02838123456".into()));
        assert_eq!(nat("842838123456"), Ok("02838123456".into()));
        assert_eq!(e164("024 3825 1234"), Ok("+842438251234".into()));
        assert_eq!(nat("02363812345"), Ok("02363812345".into())); // Đà Nẵng
        assert_eq!(nat("0283812345"), Err(Problem::InvalidPhone)); // 10 digits
        assert_eq!(nat("028381234567"), Err(Problem::InvalidPhone)); // 12 digits
        assert_eq!(nat("02018123456"), Err(Problem::InvalidPhone)); // 020 unused
        assert_eq!(nat("02408123456"), Err(Problem::InvalidPhone)); // 240 unused
    }

    #[test]
    fn mobile_prefixes_of_every_network() {
        for p in [
            "0320", "0331", "0342", "0353", "0364", "0375", "0386", "0397", "0522", "0523", "0528",
            "0559", "0562", "0586", "0599", "0703", "0762", "0775", "0789", "0792", "0813", "0828",
            "0839", "0845", "0856", "0865", "0869", "0877", "0888", "0896", "0899", "0901", "0912",
            "0923", "0934", "0945", "0967", "0978", "0989", "0990", "0993", "0998",
        ] {
            let n = format!("{p}123456");
            assert_eq!(nat(&n), Ok(n.clone()), "{n}");
        }
    }

    #[test]
    fn country_code_without_plus_vs_dropped_zero() {
        // 11 digits starting 84: +84 and a 9-digit mobile.
        assert_eq!(nat("84912345678"), Ok("0912345678".into()));
        // 9 digits starting 84: a national 084 mobile that lost its 0.
        assert_eq!(nat("845123456"), Ok("0845123456".into()));
        assert_eq!(nat("841234567"), Ok("0841234567".into()));
        // 10 digits starting 84: 0 dropped -> 10-digit 8x number: invalid.
        assert_eq!(nat("8412345678"), Err(Problem::InvalidPhone));
        // +84 followed by 084...
        assert_eq!(nat("84845123456"), Ok("0845123456".into()));
        assert_eq!(nat("0845123456"), Ok("0845123456".into()));
    }

    #[test]
    fn invalid_numbers() {
        for s in [
            "",
            " ",
            "0",
            "091234567",   // too short
            "09123456789", // too long
            "91234567",    // too short without 0
            "01212345678", // old 11-digit mobile (renumbered in 2018)
            "01662345678", // old 11-digit mobile
            "0123456789",  // 012x: not a mobile range
            "0212345678",  // landline too short
            "0412345678",  // no 04 mobile range
            "0612345678",  // no 06 mobile range
            "0992345678",  // 0992 not in the plan
            "0571234567",  // 057 not in the plan
            "0501234567",  // 050 not in the plan
            "0711234567",  // 071 not in the plan
            "0801234567",  // 080 not in the plan
            "0891234567",  // 089[0-5] not in the plan
            "1800123456",  // toll free
            "19001234",    // premium rate
            "+1 212 555 1234",
            "+44 20 7946 0958",
            "001 212 555 1234",
            "+840912345678x",
            "0912 345 678 ext 1",
            "09l2345678",
            "phone",
            "0912345678/0987654321",
            "0912345678, 0987654321",
            "++84912345678",
            "84+912345678",
            "0912345678+",
            "+",
            "-",
            "()",
            "9.1234567891E8",
            "912345678.5",
            "1e99",
            "1234567890123456789012345",
        ] {
            assert_eq!(nat(s), Err(Problem::InvalidPhone), "{s:?}");
        }
    }

    #[test]
    fn mobile_121x_is_the_only_valid_1x_mobile_range() {
        assert_eq!(nat("0121012345"), Ok("0121012345".into()));
        assert_eq!(nat("0121312345"), Ok("0121312345".into()));
        assert_eq!(nat("0121412345"), Err(Problem::InvalidPhone));
        assert_eq!(nat("0160123456"), Ok("0160123456".into()));
    }

    #[test]
    fn serde_names() {
        assert_eq!(
            serde_json::to_string(&PhoneFormat::E164).unwrap(),
            "\"e164\""
        );
        assert_eq!(
            serde_json::from_str::<PhoneFormat>("\"national\"").unwrap(),
            PhoneFormat::National
        );
        assert_eq!(PhoneFormat::default(), PhoneFormat::National);
    }

    /// Our tables against libphonenumber (the `phonenumber` crate): for every
    /// national significant number prefix of 2–4 digits, lengths 8–11, a few
    /// suffixes each, "valid mobile or fixed line" must agree.
    #[test]
    fn tables_agree_with_libphonenumber() {
        use phonenumber::metadata::DATABASE;
        use phonenumber::{Type, country};

        let mut checked = 0usize;
        let mut disagree = Vec::new();
        let mut valid_seen = 0usize;
        for prefix_len in 2..=4u32 {
            let lo = 10u32.pow(prefix_len - 1);
            let hi = 10u32.pow(prefix_len);
            for prefix in lo..hi {
                let p = prefix.to_string();
                for len in 8..=11usize {
                    let fill = len - p.len();
                    let suffixes: [String; 2] = [
                        "0".repeat(fill),
                        "987654321".chars().cycle().take(fill).collect(),
                    ];
                    // Fewer samples for 4-digit prefixes keep the crate's (slow) check quick.
                    let take = if prefix_len == 4 { 1 } else { 2 };
                    for suffix in suffixes.iter().take(take) {
                        let nsn_text = format!("{p}{suffix}");
                        let ours = valid_nsn(nsn_text.as_bytes());
                        let theirs =
                            match phonenumber::parse(Some(country::VN), format!("+84{nsn_text}")) {
                                Ok(n) => {
                                    n.is_valid()
                                        && matches!(
                                            n.number_type(&DATABASE),
                                            Type::Mobile
                                                | Type::FixedLine
                                                | Type::FixedLineOrMobile
                                        )
                                }
                                Err(_) => false,
                            };
                        checked += 1;
                        valid_seen += usize::from(ours);
                        if ours != theirs {
                            disagree.push((nsn_text.clone(), ours, theirs));
                        }
                        // Our public function agrees too, with the national form.
                        let national = format!("0{nsn_text}");
                        assert_eq!(
                            normalize_phone(&national, PhoneFormat::National).is_ok(),
                            ours,
                            "{national}"
                        );
                    }
                }
            }
        }
        assert!(
            disagree.is_empty(),
            "{} of {checked} differ: {:?}",
            disagree.len(),
            &disagree[..disagree.len().min(20)]
        );
        assert!(
            valid_seen > 1000,
            "only {valid_seen} valid numbers in the sweep"
        );
    }
}
