//! Recognising a file by its content (the extension is only a hint).

use crate::error::FileErrorKind;

use super::Format;

/// How many bytes from the start of a file are enough to recognise it.
pub(crate) const SNIFF_LEN: usize = 8 * 1024;

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A text table (CSV, TSV, TXT) in some encoding.
    Text,
    /// A zip container: xlsx, xlsb or ods (look inside with [`zip_workbook_format`]).
    Zip,
    /// An OLE2 compound file: a legacy .xls workbook.
    Ole,
}

/// Recognises a file from its first bytes (at most [`SNIFF_LEN`] are looked at).
/// An empty prefix is for the caller to report as an empty file.
pub(crate) fn sniff(prefix: &[u8]) -> Result<Sniffed, FileErrorKind> {
    let prefix = &prefix[..prefix.len().min(SNIFF_LEN)];
    if prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(b"PK\x05\x06") {
        return Ok(Sniffed::Zip);
    }
    if prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Sniffed::Ole);
    }
    if looks_like_markup(prefix) {
        return Err(FileErrorKind::HtmlDisguised);
    }
    if looks_binary(prefix) {
        return Err(FileErrorKind::Binary);
    }
    Ok(Sniffed::Text)
}

/// An HTML page (or Excel's XML spreadsheet) saved under a spreadsheet name.
fn looks_like_markup(prefix: &[u8]) -> bool {
    let mut start = prefix;
    if let Some(rest) = start.strip_prefix(b"\xEF\xBB\xBF") {
        start = rest;
    }
    let skip = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len());
    let start = &start[skip..];
    if start.first() != Some(&b'<') {
        return false;
    }
    let head: Vec<u8> = start[..start.len().min(2048)].to_ascii_lowercase();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    has(b"<html")
        || has(b"<!doctype html")
        || has(b"<table")
        || has(b"urn:schemas-microsoft-com:office:spreadsheet")
}

/// Binary data: NUL bytes (other than those of UTF-16 text) or many control bytes.
fn looks_binary(prefix: &[u8]) -> bool {
    if prefix.starts_with(b"\xFF\xFE") || prefix.starts_with(b"\xFE\xFF") {
        return false;
    }
    if prefix.is_empty() {
        return false;
    }
    let nul = prefix.iter().filter(|&&b| b == 0).count();
    let control = prefix
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A | 0))
        .count();
    // Text has no NUL at all; a few stray ones are tolerated in large samples.
    nul * 100 > prefix.len() || nul > 0 && prefix.len() < 100 || control * 10 > prefix.len()
}

/// Which workbook a zip container holds, from the names of its entries.
/// `None` when it holds none of them (some other zip file).
pub(crate) fn zip_workbook_format(bytes: &[u8]) -> Option<Format> {
    let names = zip_entry_names(bytes);
    let has = |n: &str| names.iter().any(|e| e.eq_ignore_ascii_case(n.as_bytes()));
    if has("xl/workbook.xml") {
        Some(Format::Xlsx)
    } else if has("xl/workbook.bin") {
        Some(Format::Xlsb)
    } else if has("content.xml") || has("mimetype") {
        Some(Format::Ods)
    } else if has("[Content_Types].xml") || names.iter().any(|n| n.starts_with(b"xl/")) {
        // An Office Open XML package cut short: let the xlsx reader say what is wrong.
        Some(Format::Xlsx)
    } else {
        None
    }
}

fn u16_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize)
}

/// Entry names of a zip file: from the central directory when it can be found,
/// else from the local headers (a truncated file still names its first entries).
fn zip_entry_names(bytes: &[u8]) -> Vec<&[u8]> {
    let mut names = central_directory_names(bytes).unwrap_or_default();
    if names.is_empty() {
        let mut i = 0;
        while let Some(p) = memchr::memmem::find(&bytes[i..], b"PK\x03\x04") {
            let at = i + p;
            let (Some(len), Some(extra)) = (u16_at(bytes, at + 26), u16_at(bytes, at + 28)) else {
                break;
            };
            if let Some(name) = bytes.get(at + 30..at + 30 + len) {
                names.push(name);
            }
            i = at + 30 + len + extra;
            if i >= bytes.len() || names.len() > 10_000 {
                break;
            }
        }
    }
    names
}

fn central_directory_names(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
    let from = bytes.len().saturating_sub(65_557);
    let eocd = from + memchr::memmem::rfind(&bytes[from..], b"PK\x05\x06")?;
    let count = u16_at(bytes, eocd + 10)?;
    let mut at = u32_at(bytes, eocd + 16)?;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        if bytes.get(at..at + 4)? != b"PK\x01\x02" {
            break;
        }
        let len = u16_at(bytes, at + 28)?;
        let extra = u16_at(bytes, at + 30)?;
        let comment = u16_at(bytes, at + 32)?;
        names.push(bytes.get(at + 46..at + 46 + len)?);
        at += 46 + len + extra + comment;
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_refused_in_any_case() {
        for s in [
            "<html><body><table>",
            "\u{feff}  \r\n<!DOCTYPE HTML>\n<html>",
            "<TABLE border=1><tr><td>a</td></tr>",
            "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
        ] {
            assert_eq!(
                sniff(s.as_bytes()),
                Err(FileErrorKind::HtmlDisguised),
                "{s}"
            );
        }
        assert_eq!(sniff(b"name,note\nAn,<table> tag"), Ok(Sniffed::Text));
    }

    #[test]
    fn binary_and_containers() {
        assert_eq!(
            sniff(b"\x00\x01\x02\x03garbage\x00\x00\xff"),
            Err(FileErrorKind::Binary)
        );
        assert_eq!(sniff(b"\xFF\xFEa\x00,\x00b\x00"), Ok(Sniffed::Text));
        assert_eq!(sniff(b"PK\x03\x04rest"), Ok(Sniffed::Zip));
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Ok(Sniffed::Ole)
        );
        assert_eq!(sniff("Họ tên;SĐT\nAn;09".as_bytes()), Ok(Sniffed::Text));
    }

    fn local_entry(name: &str) -> Vec<u8> {
        let mut v = b"PK\x03\x04".to_vec();
        v.extend_from_slice(&[0; 22]);
        v.extend_from_slice(&(name.len() as u16).to_le_bytes());
        v.extend_from_slice(&0u16.to_le_bytes());
        v.extend_from_slice(name.as_bytes());
        v
    }

    #[test]
    fn zip_contents_name_the_workbook() {
        let mut z = local_entry("[Content_Types].xml");
        z.extend(local_entry("xl/workbook.xml"));
        assert_eq!(zip_workbook_format(&z), Some(Format::Xlsx));
        let z = local_entry("xl/workbook.bin");
        assert_eq!(zip_workbook_format(&z), Some(Format::Xlsb));
        let z = local_entry("mimetype");
        assert_eq!(zip_workbook_format(&z), Some(Format::Ods));
        let z = local_entry("word/document.xml");
        assert_eq!(zip_workbook_format(&z), None);
    }
}
