//! Yes/no cells.

use unicode_normalization::char::is_combining_mark;

use crate::convert::Problem;
use crate::convert::fold::SmallFold;

/// true/false, yes/no, y/n, t/f, 1/0, có/không (also "co"/"khong"), đúng/sai, x (→ true), case- and
/// accent-insensitive. Anything else → Err(Problem::InvalidBoolean).
///
/// `raw` is already trimmed and non-empty.
pub fn parse_bool(raw: &str) -> Result<bool, Problem> {
    // No word is longer than 5 letters; anything much longer cannot match.
    if raw.len() > 32 {
        return Err(Problem::InvalidBoolean);
    }
    // Only letters (with their accents) and digits: "-1" or "(x)" are not yes/no words.
    let word_like = if raw.is_ascii() {
        raw.bytes().all(|b| b.is_ascii_alphanumeric())
    } else {
        raw.chars()
            .all(|c| c.is_alphanumeric() || is_combining_mark(c))
    };
    if !word_like {
        return Err(Problem::InvalidBoolean);
    }
    let mut buf = SmallFold::new();
    buf.fill(raw);
    match buf.as_str() {
        "true" | "yes" | "y" | "t" | "1" | "co" | "dung" | "x" => Ok(true),
        "false" | "no" | "n" | "f" | "0" | "khong" | "sai" => Ok(false),
        _ => Err(Problem::InvalidBoolean),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn english_words_any_case() {
        for t in [
            "true", "TRUE", "True", "yes", "YES", "Yes", "y", "Y", "t", "T", "1",
        ] {
            assert_eq!(parse_bool(t), Ok(true), "{t}");
        }
        for f in [
            "false", "FALSE", "False", "no", "NO", "No", "n", "N", "f", "F", "0",
        ] {
            assert_eq!(parse_bool(f), Ok(false), "{f}");
        }
    }

    #[test]
    fn x_marks_true() {
        assert_eq!(parse_bool("x"), Ok(true));
        assert_eq!(parse_bool("X"), Ok(true));
    }

    #[test]
    fn vietnamese_words_nfc_and_nfd() {
        for (w, want) in [
            ("Có", true),
            ("có", true),
            ("CÓ", true),
            ("co", true),
            ("Co", true),
            ("đúng", true),
            ("Đúng", true),
            ("ĐÚNG", true),
            ("dung", true),
            ("không", false),
            ("Không", false),
            ("KHÔNG", false),
            ("khong", false),
            ("sai", false),
            ("Sai", false),
        ] {
            let nfc: String = w.nfc().collect();
            let nfd: String = w.nfd().collect();
            assert_eq!(parse_bool(&nfc), Ok(want), "NFC {w}");
            assert_eq!(parse_bool(&nfd), Ok(want), "NFD {w}");
        }
    }

    #[test]
    fn anything_else_is_an_error() {
        for bad in [
            "2",
            "-1",
            "10",
            "00",
            "yess",
            "tru",
            "nope",
            "có không",
            "có thể",
            "ok",
            "on",
            "xx",
            "1.0",
            "true false",
            "maybe",
            "-",
            "?",
            &"y".repeat(1000),
        ] {
            assert_eq!(parse_bool(bad), Err(Problem::InvalidBoolean), "{bad}");
        }
    }

    #[test]
    fn punctuation_is_not_ignored() {
        for bad in ["(x)", "Yes.", "-0", "+1", "y/n", "có!", "\u{2014}1", "đ"] {
            assert_eq!(parse_bool(bad), Err(Problem::InvalidBoolean), "{bad}");
        }
    }
}
