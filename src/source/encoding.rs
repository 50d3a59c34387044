//! Text encodings: byte-order marks, user labels, guessing between legacy
//! encodings, and NFC normalisation (decoding is in `decoded`).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, WINDOWS_1258};
use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::error::FileErrorKind;

/// The encoding announced by a byte-order mark, and the mark's length.
pub(crate) fn sniff_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// The encoding a user label names (WHATWG labels: `utf-8`, `utf-16le`, `windows-1258`,
/// `latin1` …). Labels that name no usable text encoding are refused.
pub(crate) fn resolve_label(label: &str) -> Result<&'static Encoding, FileErrorKind> {
    let trimmed = label.trim();
    match Encoding::for_label_no_replacement(trimmed.as_bytes()) {
        Some(enc) if enc != encoding_rs::X_USER_DEFINED => Ok(enc),
        _ => Err(FileErrorKind::UnknownEncoding(trimmed.to_string())),
    }
}

/// Guesses the legacy (single-byte) encoding of text that is not UTF-8. Vietnamese
/// files are the common case, so the guess is made as for a `.vn` site and anything
/// other than Windows-1252 ends up as Windows-1258.
pub(crate) fn guess_legacy(sample: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, true);
    let guess = detector.guess(Some(b"vn"), chardetng::Utf8Detection::Deny);
    if guess == WINDOWS_1252 {
        WINDOWS_1252
    } else {
        WINDOWS_1258
    }
}

/// The length of the longest prefix of `bytes` that is valid UTF-8, forgiving a
/// character cut off at the very end (the sample may end mid-character).
/// Returns `None` when the bytes are valid UTF-8 (up to such a cut).
pub(crate) fn invalid_utf8_at(bytes: &[u8]) -> Option<usize> {
    match std::str::from_utf8(bytes) {
        Ok(_) => None,
        Err(e) if e.error_len().is_none() => None,
        Err(e) => Some(e.valid_up_to()),
    }
}

/// The longest prefix of `bytes` that is valid UTF-8 (a cut character at the end is dropped).
pub(crate) fn utf8_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    }
}

/// Whether `s` may need changes to be NFC: a branch-free byte scan (it
/// vectorises). Characters below U+0300 (ASCII, Latin-1, Ă Đ Ơ Ư …) and the
/// precomposed letters of Latin Extended Additional (U+1E00–U+1EFF: ễ ậ ướ …) are
/// NFC whatever surrounds them; anything else starts with a lead byte from 0xCC
/// on (other than 0xE1 0xB8..=0xBB).
#[inline]
pub(crate) fn may_need_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let Some((&last, _)) = b.split_last() else {
        return false;
    };
    let other = b.iter().zip(&b[1..]).fold(false, |acc, (&x, &next)| {
        acc | ((x >= 0xCC) & !((x == 0xE1) & ((next & 0xFC) == 0xB8)))
    });
    other || last >= 0xCC
}

/// Whether `s` must be changed to be NFC (the byte scan, then Unicode's quick check).
#[inline]
pub(crate) fn needs_nfc(s: &str) -> bool {
    may_need_nfc(s) && is_nfc_quick(s.chars()) != IsNormalized::Yes
}

/// `s` in NFC, in `scratch` when it had to change. Text from Windows-1258 (a
/// letter, then one combining tone mark) is composed pair by pair; anything
/// less simple goes through the full Unicode algorithm.
pub(crate) fn to_nfc<'a>(s: &'a str, scratch: &'a mut String) -> &'a str {
    if !may_need_nfc(s) {
        return s;
    }
    if !compose_simple(s, scratch) {
        scratch.clear();
        scratch.extend(s.nfc());
    }
    scratch
}

/// Composes `s` into `out` when every combining mark composes with the letter
/// before it; false when the full algorithm is needed.
fn compose_simple(s: &str, out: &mut String) -> bool {
    out.clear();
    let mut last: Option<char> = None;
    for c in s.chars() {
        let cp = c as u32;
        if cp < 0x300 || (0x1E00..=0x1EFF).contains(&cp) {
            out.push(c);
            last = Some(c);
            continue;
        }
        if canonical_combining_class(c) == 0 {
            if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
                return false;
            }
            out.push(c);
            last = Some(c);
            continue;
        }
        let Some(composed) = last.and_then(|prev| compose_pair(prev, c)) else {
            return false;
        };
        out.pop();
        out.push(composed);
        last = Some(composed);
    }
    true
}

/// The NFC of a letter followed by one combining mark, when it is one character.
/// Besides direct pairs (ê + ◌̃ = ễ) it handles a letter that already carries a
/// mark that sorts after the new one (ă + ◌̣ = ặ: NFC orders the dot below first).
fn compose_pair(prev: char, mark: char) -> Option<char> {
    if let Some(c) = compose(prev, mark) {
        return Some(c);
    }
    let mut parts = [None; 3];
    let mut n = 0;
    decompose_canonical(prev, |p| {
        if n < parts.len() {
            parts[n] = Some(p);
        }
        n += 1;
    });
    let (Some(base), Some(shape), 2) = (parts[0], parts[1], n) else {
        return None;
    };
    let ccc = canonical_combining_class(mark);
    if ccc >= canonical_combining_class(shape) {
        return None;
    }
    compose(compose(base, mark)?, shape)
}

/// `bytes` as text when they are valid UTF-8 (encoding_rs's validator, several
/// times faster than `std::str::from_utf8` on Vietnamese text).
#[inline]
pub(crate) fn as_utf8(bytes: &[u8]) -> Option<&str> {
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes)? {
        Cow::Borrowed(s) => Some(s),
        Cow::Owned(_) => None,
    }
}

/// `s` in NFC, borrowed when it already is.
#[inline]
pub(crate) fn nfc(s: &str) -> Cow<'_, str> {
    if needs_nfc(s) {
        Cow::Owned(s.nfc().collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The name shown for an encoding (`UTF-8`, `UTF-16LE`, `windows-1258` …).
pub(crate) fn name(encoding: &'static Encoding) -> &'static str {
    encoding.name()
}

/// Whether `encoding` is UTF-8.
pub(crate) fn is_utf8(encoding: &'static Encoding) -> bool {
    encoding == UTF_8
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

    #[test]
    fn labels_resolve_or_are_refused() {
        assert_eq!(resolve_label("utf8").unwrap(), UTF_8);
        assert_eq!(resolve_label(" Windows-1258 ").unwrap(), WINDOWS_1258);
        assert_eq!(resolve_label("latin1").unwrap(), WINDOWS_1252);
        assert_eq!(resolve_label("utf-16").unwrap(), UTF_16LE);
        assert_eq!(
            resolve_label("klingon"),
            Err(FileErrorKind::UnknownEncoding("klingon".into()))
        );
        assert!(resolve_label("iso-2022-kr").is_err());
    }

    #[test]
    fn boms_are_sniffed() {
        assert_eq!(sniff_bom(b"\xEF\xBB\xBFa"), Some((UTF_8, 3)));
        assert_eq!(sniff_bom(b"\xFF\xFEa\0"), Some((UTF_16LE, 2)));
        assert_eq!(sniff_bom(b"\xFE\xFF\0a"), Some((UTF_16BE, 2)));
        assert_eq!(sniff_bom(b"abc"), None);
    }

    #[test]
    fn legacy_guess_prefers_vietnamese() {
        let vn = b"Nguy\xEA\xDEn V\xE3n \xD0\xFD\xECc, Tr\xE2\xCCn Thi\xF2 H\xFD\xF5ng, Ha\xCC N\xF4\xF2i";
        assert_eq!(guess_legacy(vn), WINDOWS_1258);
        let (de, _, _) = WINDOWS_1252.encode("Müller, Straße, café, résumé, naïve, Ångström");
        assert_eq!(guess_legacy(&de), WINDOWS_1252);
    }

    #[test]
    fn simple_composition_agrees_with_unicode() {
        let samples = [
            "Nguye\u{302}\u{303}n",
            "Nguyê\u{303}n Thi\u{323} Hu\u{31B}o\u{31B}ng",
            "Đă\u{323}ng, Nguyê\u{323}t, Thâ\u{323}t, Hơ\u{323}p, Lư\u{323}c, ô\u{323}",
            "a\u{306}\u{323} e\u{323}\u{302} o\u{31B}\u{301}",
            "150.000₫ Ω \u{212B} क़ \u{1100}\u{1161} x\u{334}\u{301} \u{301}start",
            "plain ASCII, Latin-1 é, Ă Đ Ơ Ư ễ",
        ];
        let mut scratch = String::new();
        for s in samples {
            let want: String = s.nfc().collect();
            assert_eq!(to_nfc(s, &mut scratch), want, "{s:?}");
        }
    }

    #[test]
    fn windows_1258_decodes_to_nfc() {
        // "Nguyễn Thị" as Windows-1258 writes it: ê, then a combining tilde; i, dot below.
        let bytes = b"Nguy\xEA\xDEn Thi\xF2";
        let text = WINDOWS_1258.decode_without_bom_handling(bytes).0;
        assert!(needs_nfc(&text));
        assert_eq!(nfc(&text), "Nguyễn Thị");
        assert!(matches!(nfc("Nguyễn"), Cow::Borrowed(_)));
        assert!(matches!(nfc("abc"), Cow::Borrowed(_)));
        assert!(!needs_nfc("Đặng Thị Hương, Ưu, Ả, café, ₫"));
        assert!(needs_nfc("Nguye\u{302}\u{303}n"));
        assert!(needs_nfc("\u{1E00}a\u{301}"));
        assert!(needs_nfc("\u{212B}"));
        assert!(needs_nfc("a\u{301}"));
        assert!(!needs_nfc(""));
        assert_eq!(as_utf8("Hương".as_bytes()), Some("Hương"));
        assert_eq!(as_utf8(b"H\xFDng"), None);
    }

    #[test]
    fn invalid_utf8_is_found_but_a_cut_character_is_forgiven() {
        assert_eq!(invalid_utf8_at("aễ".as_bytes()), None);
        assert_eq!(invalid_utf8_at(&"aễ".as_bytes()[..3]), None);
        assert_eq!(invalid_utf8_at(b"ab\xFFcd"), Some(2));
        assert_eq!(utf8_prefix(&"aễ".as_bytes()[..3]), "a");
    }
}
