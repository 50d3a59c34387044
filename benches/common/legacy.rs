//! Vietnamese text as legacy Windows software writes it (shared by the pipeline
//! bench and tests/source_read.rs).

use unicode_normalization::UnicodeNormalization;

/// Vietnamese text as Windows-1258 writes it: letters with a circumflex, breve or
/// horn are single bytes, tone marks are combining characters after them.
pub fn windows_1258(text: &str) -> Vec<u8> {
    let mut out: Vec<char> = Vec::new();
    for c in text.nfd() {
        if matches!(c, '\u{302}' | '\u{306}' | '\u{31B}') {
            let base = out
                .iter()
                .rposition(|b| !matches!(b, '\u{300}'..='\u{36F}'))
                .unwrap();
            let composed: String = [out[base], c].iter().collect::<String>().nfc().collect();
            out[base] = composed.chars().next().unwrap();
        } else {
            out.push(c);
        }
    }
    let s: String = out.into_iter().collect();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&s);
    assert!(!unmappable, "{s}");
    bytes.into_owned()
}
