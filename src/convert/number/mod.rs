//! Numbers as people type them: `1.234.567`, `12,5`, `1 234 567 đ`, `-3`, `15%`,
//! with the decimal mark decided per column (design §2).

use crate::convert::Problem;

/// Which of `.` and `,` is a column's decimal mark (the other groups thousands).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalMark {
    Dot,
    Comma,
}

impl DecimalMark {
    fn byte(self) -> u8 {
        match self {
            DecimalMark::Dot => b'.',
            DecimalMark::Comma => b',',
        }
    }
}

/// Evidence about a column's decimal mark, gathered over ALL its text values (design.md §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumberStats {
    pub dot_decimal: u32,
    pub comma_decimal: u32,
    pub ambiguous: u32,
}

impl NumberStats {
    /// Looks at one trimmed cell: "1.234.567" says comma is the decimal mark (dot groups thousands);
    /// "1,234,567" says dot; "1.234,5"/"1,234.5": the last separator is the decimal mark; "12,5",
    /// "0,250", "1,2345" (a single separator NOT followed by exactly 3 digits, or with a leading "0"
    /// group) say that separator is decimal; "1,250" / "12.500" / "999,000" (one separator, 1–3 digits
    /// before, exactly 3 after) are ambiguous; plain digits say nothing. Spaces (incl. U+00A0, U+202F)
    /// are thousands separators and say nothing. Values that are not numbers under the reading
    /// their separators suggest say nothing either.
    pub fn observe(&mut self, raw: &str) {
        let Some((_, body)) = strip_affixes(raw) else {
            return;
        };
        // Fast path: digits with at most one separator between them.
        let b = body.as_bytes();
        let mut sep = None;
        let mut simple = true;
        for (i, &d) in b.iter().enumerate() {
            if d.is_ascii_digit() {
                continue;
            }
            if (d == b'.' || d == b',') && sep.is_none() && i > 0 && i + 1 < b.len() {
                sep = Some((d, i));
            } else {
                simple = false;
                break;
            }
        }
        if simple {
            match sep {
                None => {}
                Some((_, pos)) if pos <= 3 && b.len() - pos - 1 == 3 && b[0] != b'0' => {
                    self.ambiguous += 1
                }
                Some((b'.', _)) => self.dot_decimal += 1,
                Some(_) => self.comma_decimal += 1,
            }
            return;
        }
        let (mantissa, exp) = split_exponent(b);
        match classify(mantissa) {
            Class::Plain => {}
            Class::Ambiguous => self.ambiguous += 1,
            Class::Mark(mark) => {
                if assemble(mantissa, exp, mark.byte(), &mut NumBuf::new()).is_some() {
                    match mark {
                        DecimalMark::Dot => self.dot_decimal += 1,
                        DecimalMark::Comma => self.comma_decimal += 1,
                    }
                }
            }
        }
    }

    pub fn merge(&mut self, other: &NumberStats) {
        self.dot_decimal = self.dot_decimal.saturating_add(other.dot_decimal);
        self.comma_decimal = self.comma_decimal.saturating_add(other.comma_decimal);
        self.ambiguous = self.ambiguous.saturating_add(other.ambiguous);
    }

    /// Some(mark) when the evidence points one way (if both ways, the majority; ties → None);
    /// None when there is no evidence (only plain or ambiguous values).
    pub fn decide(&self) -> Option<DecimalMark> {
        use std::cmp::Ordering::*;
        match self.dot_decimal.cmp(&self.comma_decimal) {
            Greater => Some(DecimalMark::Dot),
            Less => Some(DecimalMark::Comma),
            Equal => None,
        }
    }
}

/// Parses a trimmed number cell. With Some(mark): that is the decimal mark and the other of '.'/','
/// is a thousands separator that must group by 3 ("1.234.567,5"); spaces also group. With None:
/// unambiguous forms parse ("12.5", "12,5", "1.234.567", "1 234 567", "-3", "1e3" too) and ambiguous
/// ones ("1,250", "1.250") → Err(Problem::AmbiguousDecimal). Optional leading +/-; optional currency
/// "đ", "₫", "vnd", "vnđ" (any case, before or after, with or without space) and a trailing "%" are
/// stripped (the number is kept as written: "15%" is 15). Anything else → Err(Problem::InvalidNumber).
/// Never panics on any input.
pub fn parse_number(raw: &str, mark: Option<DecimalMark>) -> Result<f64, Problem> {
    let (neg, body) = strip_affixes(raw).ok_or(Problem::InvalidNumber)?;
    let r = match simple(body.as_bytes(), mark) {
        Some(r) => r,
        None => parse_body(body, mark),
    };
    r.map(|v| if neg { -v } else { v })
}

/// The general path of [`parse_number`], for the body without sign and affixes.
fn parse_body(body: &str, mark: Option<DecimalMark>) -> Result<f64, Problem> {
    let (mantissa, exp) = split_exponent(body.as_bytes());
    let mark = match mark {
        Some(m) => m,
        None => match classify(mantissa) {
            // No '.' or ',': either reading gives the same digits.
            Class::Plain => DecimalMark::Dot,
            Class::Mark(m) => m,
            Class::Ambiguous => {
                // Still say "not a number" for garbage around an ambiguous-looking core.
                return Err(
                    if assemble(mantissa, exp, b'.', &mut NumBuf::new()).is_some() {
                        Problem::AmbiguousDecimal
                    } else {
                        Problem::InvalidNumber
                    },
                );
            }
        },
    };
    let mut buf = NumBuf::new();
    assemble(mantissa, exp, mark.byte(), &mut buf).ok_or(Problem::InvalidNumber)?;
    let v: f64 = match buf.exact_value() {
        Some(v) => v,
        None => buf.as_str().parse().map_err(|_| Problem::InvalidNumber)?,
    };
    if !v.is_finite() {
        return Err(Problem::InvalidNumber);
    }
    Ok(v)
}

/// The common cases in one pass: up to 15 digits with at most one '.' or ',' between
/// digits ("150000", "12.5", "12,5", "1,250"). None for anything else, which takes
/// the general path.
#[inline]
fn simple(b: &[u8], mark: Option<DecimalMark>) -> Option<Result<f64, Problem>> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let mut v = 0u64;
    let mut sep: Option<(u8, usize)> = None;
    for (i, &d) in b.iter().enumerate() {
        if d.is_ascii_digit() {
            v = v * 10 + (d - b'0') as u64;
        } else if (d == b'.' || d == b',') && sep.is_none() && i > 0 && i + 1 < b.len() {
            sep = Some((d, i));
        } else {
            return None;
        }
    }
    let Some((sep, pos)) = sep else {
        // 16 plain digits may not be exact.
        return (b.len() <= 15).then_some(Ok(v as f64));
    };
    let after = b.len() - pos - 1;
    let grouping = pos <= 3 && after == 3;
    let decimal = match mark {
        Some(m) => sep == m.byte(),
        None if grouping && b[0] != b'0' => return Some(Err(Problem::AmbiguousDecimal)),
        None => true,
    };
    Some(if decimal {
        Ok(v as f64 / POW10[after])
    } else if grouping {
        Ok(v as f64)
    } else {
        Err(Problem::InvalidNumber)
    })
}

/// What the separators of a mantissa say, before checking it in detail.
#[derive(Debug, PartialEq)]
enum Class {
    /// No '.' or ','.
    Plain,
    /// One '.' or ',' with 1–3 digits (not starting with 0) before it and exactly 3 after.
    Ambiguous,
    /// The decimal mark is this one.
    Mark(DecimalMark),
}

fn classify(m: &[u8]) -> Class {
    let mut dots = 0usize;
    let mut commas = 0usize;
    let mut last_dot = 0usize;
    let mut last_comma = 0usize;
    for (i, &b) in m.iter().enumerate() {
        match b {
            b'.' => {
                dots += 1;
                last_dot = i;
            }
            b',' => {
                commas += 1;
                last_comma = i;
            }
            _ => {}
        }
    }
    let other = |mark: DecimalMark| match mark {
        DecimalMark::Dot => DecimalMark::Comma,
        DecimalMark::Comma => DecimalMark::Dot,
    };
    match (dots, commas) {
        (0, 0) => Class::Plain,
        (d, c) if d > 0 && c > 0 => Class::Mark(if last_dot > last_comma {
            DecimalMark::Dot
        } else {
            DecimalMark::Comma
        }),
        (d, c) => {
            let (sep, pos) = if d > 0 {
                (DecimalMark::Dot, last_dot)
            } else {
                (DecimalMark::Comma, last_comma)
            };
            if d + c > 1 {
                // Repeated: it groups thousands, so the other one is the decimal mark.
                return Class::Mark(other(sep));
            }
            let (before, after) = (&m[..pos], &m[pos + 1..]);
            let groupish = (1..=3).contains(&before.len())
                && before[0] != b'0'
                && before.iter().all(u8::is_ascii_digit)
                && after.len() == 3
                && after.iter().all(u8::is_ascii_digit);
            if groupish {
                Class::Ambiguous
            } else {
                Class::Mark(sep)
            }
        }
    }
}

/// A stack buffer for the plain ASCII text handed to `f64::from_str`, spilling to
/// the heap for absurdly long numbers.
struct NumBuf {
    stack: [u8; 64],
    len: usize,
    heap: Vec<u8>,
    /// The digits pushed so far as an integer (meaningful while `digits` <= 15).
    mantissa: u64,
    digits: usize,
    /// Digits after the '.', or None before it.
    frac: Option<usize>,
    exponent: bool,
}

impl NumBuf {
    fn new() -> Self {
        NumBuf {
            stack: [0; 64],
            len: 0,
            heap: Vec::new(),
            mantissa: 0,
            digits: 0,
            frac: None,
            exponent: false,
        }
    }

    /// The value without going through `f64::from_str` when that is exact: at most
    /// 15 digits and no exponent, so the digits and 10^frac are exact doubles and one
    /// division rounds correctly.
    fn exact_value(&self) -> Option<f64> {
        const POW10: [f64; 16] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        ];
        if self.exponent || self.digits > 15 {
            return None;
        }
        Some(self.mantissa as f64 / POW10[self.frac.unwrap_or(0)])
    }

    /// Pushes a digit of the mantissa.
    #[inline]
    fn digit(&mut self, b: u8) {
        if self.digits < 16 {
            self.mantissa = self.mantissa * 10 + (b - b'0') as u64;
        }
        self.digits += 1;
        if let Some(f) = &mut self.frac {
            *f += 1;
        }
        self.push(b);
    }

    #[inline]
    fn push(&mut self, b: u8) {
        if self.heap.is_empty() && self.len < self.stack.len() {
            self.stack[self.len] = b;
            self.len += 1;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.stack[..self.len]);
            }
            self.heap.push(b);
        }
    }

    fn as_str(&self) -> &str {
        let bytes = if self.heap.is_empty() {
            &self.stack[..self.len]
        } else {
            &self.heap[..]
        };
        // Only ASCII digits, '.', 'e', '+' and '-' are ever pushed.
        std::str::from_utf8(bytes).unwrap_or("")
    }
}

/// Length of a space that groups thousands at the start of `b`: ' ', U+00A0,
/// U+202F (narrow no-break) or U+2009 (thin).
fn space_len(b: &[u8]) -> usize {
    match b {
        [b' ', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80, 0xAF | 0x89, ..] => 3,
        _ => 0,
    }
}

/// Checks a mantissa under a decimal mark (`dec`, the other of '.'/',' and spaces
/// group thousands by 3) and writes the plain form ("1234567.5e3") into `buf`.
fn assemble(m: &[u8], exp: Option<&[u8]>, dec: u8, buf: &mut NumBuf) -> Option<()> {
    let thou = if dec == b'.' { b',' } else { b'.' };
    let mut groups = 0usize; // separators seen in the integer part
    let mut cur = 0usize; // digits in the current group
    let mut in_frac = false;
    let mut frac = 0usize;
    let mut i = 0;
    while i < m.len() {
        let b = m[i];
        if b.is_ascii_digit() {
            buf.digit(b);
            if in_frac {
                frac += 1;
            } else {
                cur += 1;
            }
            i += 1;
            continue;
        }
        let sp = space_len(&m[i..]);
        if b == thou || sp > 0 {
            if in_frac || cur == 0 || (groups == 0 && cur > 3) || (groups > 0 && cur != 3) {
                return None;
            }
            groups += 1;
            cur = 0;
            i += sp.max(1);
        } else if b == dec {
            if in_frac || (groups > 0 && cur != 3) {
                return None;
            }
            if cur == 0 {
                buf.digit(b'0');
            }
            buf.push(b'.');
            buf.frac = Some(0);
            in_frac = true;
            i += 1;
        } else {
            return None;
        }
    }
    if in_frac {
        if frac == 0 {
            return None;
        }
    } else if cur == 0 || (groups > 0 && cur != 3) {
        return None;
    }
    if let Some(e) = exp {
        let (sign, digits) = match e.first() {
            Some(b'+') => (None, &e[1..]),
            Some(b'-') => (Some(b'-'), &e[1..]),
            _ => (None, e),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        buf.push(b'e');
        buf.exponent = true;
        if let Some(s) = sign {
            buf.push(s);
        }
        // Keep huge exponents short; beyond 99999 the value is 0 or infinite anyway.
        let digits = trim_zeros(digits);
        if digits.len() > 5 {
            for _ in 0..5 {
                buf.push(b'9');
            }
        } else {
            for &d in digits {
                buf.push(d);
            }
            if digits.is_empty() {
                buf.push(b'0');
            }
        }
    }
    Some(())
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().take_while(|&&b| b == b'0').count();
    &d[n..]
}

/// Splits "1,5e3" into the mantissa and the exponent after 'e'/'E'.
fn split_exponent(b: &[u8]) -> (&[u8], Option<&[u8]>) {
    match b.iter().position(|&c| c == b'e' || c == b'E') {
        Some(p) => (&b[..p], Some(&b[p + 1..])),
        None => (b, None),
    }
}

/// Currency marks, lower-case, longest first.
const CURRENCY: [&str; 4] = ["vnđ", "vnd", "đ", "₫"];

/// Lower-case for the characters of currency marks.
fn lower(c: char) -> char {
    match c {
        'Đ' => 'đ',
        c => c.to_ascii_lowercase(),
    }
}

fn strip_currency_suffix(s: &str) -> Option<&str> {
    CURRENCY.iter().find_map(|w| {
        let n = w.chars().count();
        let (start, _) = s.char_indices().rev().nth(n - 1)?;
        s[start..]
            .chars()
            .map(lower)
            .eq(w.chars())
            .then(|| &s[..start])
    })
}

fn strip_currency_prefix(s: &str) -> Option<&str> {
    CURRENCY.iter().find_map(|w| {
        let n = w.chars().count();
        let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
        s[..end].chars().map(lower).eq(w.chars()).then(|| &s[end..])
    })
}

/// Takes a leading '+', '-' or U+2212 MINUS SIGN: Some(negative) if there was one.
fn strip_sign(s: &str) -> (Option<bool>, &str) {
    if let Some(r) = s.strip_prefix('-') {
        (Some(true), r)
    } else if let Some(r) = s.strip_prefix('+') {
        (Some(false), r)
    } else if let Some(r) = s.strip_prefix('\u{2212}') {
        (Some(true), r)
    } else {
        (None, s)
    }
}

/// Removes a sign, currency marks and a trailing '%': (negative, the number's body).
fn strip_affixes(raw: &str) -> Option<(bool, &str)> {
    let mut s = raw.trim();
    let mut pct = false;
    let mut cur = false;
    loop {
        if !pct && let Some(r) = s.strip_suffix('%') {
            s = r.trim_end();
            pct = true;
        } else if !cur
            && s.as_bytes().last().is_some_and(|b| !b.is_ascii_digit())
            && let Some(r) = strip_currency_suffix(s)
        {
            s = r.trim_end();
            cur = true;
        } else {
            break;
        }
    }
    let (mut sign, rest) = strip_sign(s);
    s = rest;
    if !cur
        && s.as_bytes().first().is_some_and(|b| !b.is_ascii_digit())
        && let Some(r) = strip_currency_prefix(s)
    {
        s = r.trim_start();
        if sign.is_none() {
            let (sg, rest) = strip_sign(s);
            sign = sg;
            s = rest;
        }
    }
    if s.is_empty() {
        return None;
    }
    Some((sign == Some(true), s))
}

#[cfg(test)]
mod tests;
