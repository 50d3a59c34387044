//! Every string the app shows is written in English and Vietnamese, side by side at
//! the place it is used: `tr(lang, "Next", "Tiếp")`.

use crate::i18n::Lang;

/// The string for `lang`.
pub fn tr(lang: Lang, en: &'static str, vi: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Vi => vi,
    }
}

/// A count with a thousands separator as the language writes it: 1,234 / 1.234.
pub fn count(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ',',
        Lang::Vi => '.',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A duration as a person reads it: "45 s", "3 min 20 s", "1 h 05 min".
pub fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min {:02} s", secs / 60, secs % 60),
        _ => format!("{} h {:02} min", secs / 3600, (secs % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_language_separator() {
        assert_eq!(count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(count(Lang::Vi, 1_234_567), "1.234.567");
        assert_eq!(count(Lang::En, 999), "999");
        assert_eq!(count(Lang::En, 0), "0");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(200), "3 min 20 s");
        assert_eq!(duration(3900), "1 h 05 min");
    }
}
