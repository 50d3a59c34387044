use super::*;
use DecimalMark::*;

fn none(s: &str) -> Result<f64, Problem> {
    parse_number(s, None)
}

#[test]
fn plain_forms_with_no_mark() {
    for (s, v) in [
        ("0", 0.0),
        ("42", 42.0),
        ("-3", -3.0),
        ("+3", 3.0),
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("0,250", 0.25),
        ("0.250", 0.25),
        ("1,2345", 1.2345),
        ("1234,567", 1234.567),
        ("1.234.567", 1_234_567.0),
        ("1,234,567", 1_234_567.0),
        ("1.234.567,5", 1_234_567.5),
        ("1,234,567.5", 1_234_567.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1 234 567", 1_234_567.0),
        ("1\u{a0}234\u{a0}567", 1_234_567.0),
        ("1\u{202f}234\u{202f}567", 1_234_567.0),
        ("1\u{2009}234", 1234.0),
        ("1 234 567,89", 1_234_567.89),
        ("1 234,567", 1234.567),
        ("1e3", 1000.0),
        ("1E3", 1000.0),
        ("1.5e-3", 0.0015),
        ("2,5E+2", 250.0),
        ("-0", 0.0),
        (".5", 0.5),
        (",5", 0.5),
        ("-,5", -0.5),
        ("007", 7.0),
        ("12345678901234567890", 12345678901234567890.0),
        ("−5", -5.0),
    ] {
        assert_eq!(none(s), Ok(v), "{s}");
    }
}

#[test]
fn currency_and_percent() {
    let comma = Some(Comma);
    for (s, v) in [
        ("100.000đ", 100_000.0),
        ("100.000 đ", 100_000.0),
        ("100.000 Đ", 100_000.0),
        ("100.000₫", 100_000.0),
        ("₫ 100.000", 100_000.0),
        ("100.000 VND", 100_000.0),
        ("100.000vnd", 100_000.0),
        ("100.000 VNĐ", 100_000.0),
        ("100.000 vnđ", 100_000.0),
        ("100.000 Vnđ", 100_000.0),
        ("VND 1.500.000", 1_500_000.0),
        ("vnđ1.500.000", 1_500_000.0),
        ("-100.000đ", -100_000.0),
        ("đ-100.000", -100_000.0),
        ("-đ 100.000", -100_000.0),
        ("15%", 15.0),
        ("15 %", 15.0),
        ("12,5%", 12.5),
        ("-2,5%", -2.5),
        ("1 500 000 đ", 1_500_000.0),
        ("100.000 đ %", 100_000.0),
    ] {
        assert_eq!(parse_number(s, comma), Ok(v), "{s}");
    }
    // Without a mark, the same rules as for bare numbers.
    assert_eq!(none("1.500.000đ"), Ok(1_500_000.0));
    assert_eq!(none("25.000,50 ₫"), Ok(25_000.5));
    assert_eq!(none("12.5%"), Ok(12.5));
    assert_eq!(none("100.000 VND"), Err(Problem::AmbiguousDecimal));
    for s in [
        "đ",
        "%",
        "VND",
        "đđ100",
        "100 đ đ",
        "100%%",
        "100 USD",
        "$100",
        "100d",
        "%15",
    ] {
        assert_eq!(none(s), Err(Problem::InvalidNumber), "{s}");
    }
}

#[test]
fn ambiguous_without_a_mark() {
    for s in [
        "1,250", "1.250", "12.500", "999,000", "-1,250", "1,250 đ", "1.000", "1,250e3",
    ] {
        assert_eq!(none(s), Err(Problem::AmbiguousDecimal), "{s}");
    }
}

#[test]
fn with_a_mark() {
    assert_eq!(parse_number("1,250", Some(Dot)), Ok(1250.0));
    assert_eq!(parse_number("1,250", Some(Comma)), Ok(1.25));
    assert_eq!(parse_number("1.250", Some(Dot)), Ok(1.25));
    assert_eq!(parse_number("1.250", Some(Comma)), Ok(1250.0));
    assert_eq!(parse_number("1.234.567,5", Some(Comma)), Ok(1_234_567.5));
    assert_eq!(parse_number("1,234,567.5", Some(Dot)), Ok(1_234_567.5));
    assert_eq!(parse_number("1 234,5", Some(Comma)), Ok(1234.5));
    assert_eq!(parse_number("12,5", Some(Comma)), Ok(12.5));
    assert_eq!(parse_number("42", Some(Comma)), Ok(42.0));
    assert_eq!(parse_number("1e3", Some(Comma)), Ok(1000.0));
    assert_eq!(parse_number("12,5", Some(Dot)), Err(Problem::InvalidNumber));
    assert_eq!(
        parse_number("12.5", Some(Comma)),
        Err(Problem::InvalidNumber)
    );
    assert_eq!(
        parse_number("1.234.567", Some(Dot)),
        Err(Problem::InvalidNumber)
    );
    assert_eq!(parse_number("1.234.567", Some(Comma)), Ok(1_234_567.0));
    assert_eq!(
        parse_number("1.234,5", Some(Dot)),
        Err(Problem::InvalidNumber)
    );
    assert_eq!(
        parse_number("1234,567", Some(Dot)),
        Err(Problem::InvalidNumber)
    );
    assert_eq!(
        parse_number("12,34,567", Some(Dot)),
        Err(Problem::InvalidNumber)
    );
}

#[test]
fn not_numbers() {
    for s in [
        "",
        " ",
        "-",
        "+",
        "abc",
        "12a",
        "1 2",
        "1  234",
        "12 34",
        "1234 567",
        "1.2.3",
        "1,23,456",
        "1.234.56",
        "1..2",
        "1,,234",
        "1.",
        "1,",
        ".",
        ",",
        "1.234,5.6",
        "1,234.5,6",
        "1.5.234,5",
        "1e",
        "e3",
        "1e3.5",
        "1e+",
        "--1",
        "+-1",
        "1-",
        "inf",
        "NaN",
        "infinity",
        "0x10",
        "1e999",
        "(100)",
        "1/2",
        "١٢٣",
        "12 .5",
    ] {
        assert_eq!(none(s), Err(Problem::InvalidNumber), "{s:?}");
    }
}

#[test]
fn huge_and_tiny() {
    assert_eq!(none("1e-99999999"), Ok(0.0));
    assert_eq!(none("1e99999999"), Err(Problem::InvalidNumber));
    let long = "1".repeat(300);
    assert_eq!(none(&long), Ok(long.parse::<f64>().unwrap()));
    let long = format!("0.{}", "5".repeat(500));
    assert!((none(&long).unwrap() - 0.5555).abs() < 0.001);
}

#[test]
fn stats_observe() {
    let cases: &[(&str, NumberStats)] = &[
        (
            "1.234.567",
            NumberStats {
                comma_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "1,234,567",
            NumberStats {
                dot_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "1.234,5",
            NumberStats {
                comma_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "1,234.5",
            NumberStats {
                dot_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "12,5",
            NumberStats {
                comma_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "0,250",
            NumberStats {
                comma_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "1,2345",
            NumberStats {
                comma_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "12.5",
            NumberStats {
                dot_decimal: 1,
                ..Default::default()
            },
        ),
        (
            "1,250",
            NumberStats {
                ambiguous: 1,
                ..Default::default()
            },
        ),
        (
            "12.500",
            NumberStats {
                ambiguous: 1,
                ..Default::default()
            },
        ),
        (
            "999,000",
            NumberStats {
                ambiguous: 1,
                ..Default::default()
            },
        ),
        (
            "1,250 đ",
            NumberStats {
                ambiguous: 1,
                ..Default::default()
            },
        ),
        ("150000", NumberStats::default()),
        ("-3", NumberStats::default()),
        ("1 234 567", NumberStats::default()),
        ("1\u{a0}234", NumberStats::default()),
        ("abc", NumberStats::default()),
        ("1.2.3", NumberStats::default()),
        ("", NumberStats::default()),
        (
            "100.000.000 VNĐ",
            NumberStats {
                comma_decimal: 1,
                ..Default::default()
            },
        ),
    ];
    for (s, want) in cases {
        let mut st = NumberStats::default();
        st.observe(s);
        assert_eq!(&st, want, "{s}");
    }
}

#[test]
fn stats_decide_and_merge() {
    let mut a = NumberStats::default();
    assert_eq!(a.decide(), None);
    a.observe("1,250");
    a.observe("2,500");
    assert_eq!(a.decide(), None, "only ambiguous");
    a.observe("12,5");
    assert_eq!(a.decide(), Some(Comma));
    let mut b = NumberStats::default();
    b.observe("1.5");
    b.observe("2.25");
    assert_eq!(b.decide(), Some(Dot));
    a.merge(&b);
    assert_eq!(
        a,
        NumberStats {
            dot_decimal: 2,
            comma_decimal: 1,
            ambiguous: 2
        }
    );
    assert_eq!(a.decide(), Some(Dot));
    a.observe("1.234.567");
    assert_eq!(a.decide(), None, "tie");
    let big = NumberStats {
        dot_decimal: u32::MAX,
        ..Default::default()
    };
    a.merge(&big);
    assert_eq!(a.dot_decimal, u32::MAX);
}

#[test]
fn a_decided_column_parses_its_ambiguous_values() {
    let values = ["1.250", "3.500.000", "12"];
    let mut st = NumberStats::default();
    for v in values {
        st.observe(v);
    }
    let mark = st.decide();
    assert_eq!(mark, Some(Comma));
    let parsed: Vec<f64> = values
        .iter()
        .map(|v| parse_number(v, mark).unwrap())
        .collect();
    assert_eq!(parsed, [1250.0, 3_500_000.0, 12.0]);
}

#[test]
fn fast_path_rounds_like_from_str() {
    let mut x: u64 = 0x1234_5678_9ABC_DEF1;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let digits = (x % 17) as usize + 1;
        let text: String = format!("{:017}", x % 100_000_000_000_000_000)[17 - digits..].into();
        let point = (x >> 40) as usize % (digits + 1);
        let s = if point == digits {
            text.clone()
        } else {
            format!("{}.{}", &text[..point], &text[point..])
        };
        let want: f64 = s.parse().unwrap();
        // Leading zeros aside, "0.250"-like values are not ambiguous; "1.250" is, so use a mark.
        assert_eq!(parse_number(&s, Some(Dot)), Ok(want), "{s}");
    }
}

#[test]
fn simple_path_agrees_with_general_path() {
    let alphabet = b"0123456789.,";
    let mut x: u64 = 0xDEAD_BEEF_1234_5678;
    for _ in 0..50_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = (x % 17) as usize + 1;
        let mut y = x;
        let s: String = (0..len)
            .map(|i| {
                y = y.rotate_left(7) ^ (i as u64).wrapping_mul(0x9E37_79B9);
                // Mostly digits, a separator now and then.
                let k = (y % 40) as usize;
                alphabet[if k < 36 { k % 10 } else { 10 + k % 2 }] as char
            })
            .collect();
        for mark in [None, Some(Dot), Some(Comma)] {
            if let Some(fast) = simple(s.as_bytes(), mark) {
                assert_eq!(fast, parse_body(&s, mark), "{s} {mark:?}");
            }
        }
    }
}

#[test]
fn serde_names() {
    assert_eq!(serde_json::to_string(&Comma).unwrap(), "\"comma\"");
    assert_eq!(serde_json::from_str::<DecimalMark>("\"dot\"").unwrap(), Dot);
}
