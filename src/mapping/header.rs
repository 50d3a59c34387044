//! Finding a column by its header: the one rule the CLI, the app and templates share.
//!
//! A header names a column when it is the same text (Unicode NFC, spaces around trimmed,
//! runs of spaces inside as one), or, failing that, when it folds alike: without regard
//! to case, accents (Vietnamese too, NFC or NFD) and punctuation, so "So dien thoai"
//! finds "Số điện thoại". An exact match wins over a folded one; two columns with the
//! same text are a duplicate header, two that only fold alike are ambiguous.

use unicode_normalization::UnicodeNormalization;

use crate::convert::fold;
use crate::error::{FileErrorKind, column_letter};

use super::error::MappingError;

/// The header as written, for exact matching: NFC, trimmed, inner spaces collapsed.
fn exact_key(header: &str) -> String {
    header
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect()
}

/// The header folded (case, accents and punctuation set aside): what templates compare.
pub fn header_key(header: &str) -> String {
    fold(header)
}

/// The 0-based index of the column `name` names in `headers` (see the module rule).
pub fn find_column(headers: &[String], name: &str) -> Result<usize, FileErrorKind> {
    let want = exact_key(name);
    let exact: Vec<usize> = positions(headers, |h| exact_key(h) == want);
    match exact.as_slice() {
        [i] => return Ok(*i),
        [a, b, ..] => {
            return Err(FileErrorKind::DuplicateHeader {
                header: name.to_string(),
                first: column_letter(*a),
                second: column_letter(*b),
            });
        }
        [] => {}
    }
    let folded = header_key(name);
    if folded.is_empty() {
        return Err(FileErrorKind::NoSuchColumn(name.to_string()));
    }
    match positions(headers, |h| header_key(h) == folded).as_slice() {
        [i] => Ok(*i),
        [] => Err(FileErrorKind::NoSuchColumn(name.to_string())),
        [a, b, ..] => Err(MappingError::AmbiguousHeader {
            header: name.to_string(),
            first: column_letter(*a),
            first_header: headers[*a].clone(),
            second: column_letter(*b),
            second_header: headers[*b].clone(),
        }
        .into()),
    }
}

/// Whether `header` is named by `name` under the rule (for a column given by position
/// and header both).
pub fn names_header(header: &str, name: &str) -> bool {
    exact_key(header) == exact_key(name) || header_key(header) == header_key(name)
}

fn positions(headers: &[String], hit: impl Fn(&str) -> bool) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .filter(|(_, h)| hit(h))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn accents_case_and_spacing_are_set_aside() {
        let headers = h(&["Mã KH", "Số điện thoại", " Email  khách "]);
        assert_eq!(find_column(&headers, "So dien thoai"), Ok(1));
        assert_eq!(find_column(&headers, "SỐ ĐIỆN THOẠI"), Ok(1));
        assert_eq!(find_column(&headers, "ma kh"), Ok(0));
        assert_eq!(find_column(&headers, "Email khách"), Ok(2));
        // NFD input (as Windows-1258 decodes) finds the NFC header, and the other way.
        let nfd: String = "Số điện thoại".nfd().collect();
        assert_eq!(find_column(&headers, &nfd), Ok(1));
        assert_eq!(find_column(&h(&["a", &nfd]), "Số điện thoại"), Ok(1));
    }

    #[test]
    fn an_exact_match_wins_over_a_folded_one() {
        let headers = h(&["Số điện thoại", "So dien thoai"]);
        assert_eq!(find_column(&headers, "So dien thoai"), Ok(1));
        assert_eq!(find_column(&headers, "Số điện thoại"), Ok(0));
    }

    #[test]
    fn two_columns_that_fold_alike_are_ambiguous_and_both_are_named() {
        let headers = h(&["Tên", "Email", "Ten"]);
        let e = find_column(&headers, "TEN").unwrap_err();
        assert_eq!(
            e,
            FileErrorKind::Mapping(MappingError::AmbiguousHeader {
                header: "TEN".into(),
                first: "A".into(),
                first_header: "Tên".into(),
                second: "C".into(),
                second_header: "Ten".into(),
            })
        );
        let text = e.to_string();
        assert!(
            text.contains("A ('Tên')") && text.contains("C ('Ten')"),
            "{text}"
        );
    }

    #[test]
    fn the_same_header_twice_is_a_duplicate_and_none_is_no_such_column() {
        let headers = h(&["Email", "Email"]);
        assert!(matches!(
            find_column(&headers, "Email"),
            Err(FileErrorKind::DuplicateHeader { .. })
        ));
        assert_eq!(
            find_column(&headers, "Phone"),
            Err(FileErrorKind::NoSuchColumn("Phone".into()))
        );
        assert_eq!(
            find_column(&headers, " -- "),
            Err(FileErrorKind::NoSuchColumn(" -- ".into()))
        );
    }
}
