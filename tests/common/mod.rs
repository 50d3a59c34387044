//! Helpers shared by the integration tests.
#![allow(dead_code)]

use unicode_normalization::UnicodeNormalization;

/// Vietnamese tone marks, which Windows-1258 writes as separate combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Encodes text as Vietnamese Windows writes Windows-1258: each letter's
/// circumflex/breve/horn composed with it (â, ơ, ư …), its tone mark after it as a
/// combining character. Panics if a character cannot be written (a test bug).
pub fn to_windows_1258(text: &str) -> Vec<u8> {
    let mut out = String::new();
    for ch in text.chars() {
        let parts: Vec<char> = ch.to_string().nfd().collect();
        let (tones, rest): (Vec<char>, Vec<char>) = parts.iter().partition(|c| TONES.contains(c));
        out.extend(rest.into_iter().collect::<String>().nfc());
        out.extend(tones);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&out);
    assert!(!unmappable, "cannot write {text:?} in windows-1258");
    bytes.into_owned()
}

pub mod cli;
