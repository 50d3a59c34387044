//! Text tables (CSV, TSV, TXT): how the bytes are decoded, delimiter detection, the header
//! pre-pass and the parse (two threads on big files).

use std::path::Path;

use encoding_rs::Encoding;

use crate::error::{FileError, FileErrorKind};
use crate::progress::Progress;

use super::decoded::{Decoded, ScanError};
use super::encoding::{self, guess_legacy, resolve_label, sniff_bom};
use super::header::{HEADER_SCAN_ROWS, ScanRow, column_names, detect_header, duplicate_headers};
use super::parallel::{Layout, parse_records};
use super::records::{Dialect, Input, ParseError, Records};
use super::{Format, Loaded, ReadOptions, SourceInfo};

/// Records looked at to choose the delimiter.
const DELIMITER_SAMPLE_RECORDS: usize = 50;
/// Delimiters tried, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How the bytes will be turned into text.
enum Decoding {
    /// UTF-8 parsed in place from the file after `skip` bytes (a BOM). `strict`: the
    /// encoding is certain (chosen, or a BOM), so bad bytes are an error, not a hint.
    Utf8 { skip: usize, strict: bool },
    /// Decoded as it is read; `None` means "guess the legacy encoding".
    Decode {
        encoding: Option<&'static Encoding>,
        skip: usize,
    },
}

/// Reads a text table. `prefix` is the start of the file (for detection);
/// `parallel_min` is the text size from which two threads are used.
pub(crate) fn read_text(
    path: &Path,
    size: u64,
    prefix: &[u8],
    opts: &ReadOptions,
    progress: &Progress,
    parallel_min: u64,
) -> Result<Loaded, FileError> {
    let err = |kind| FileError::new(path, kind);
    let (decoding, detected) = match &opts.encoding {
        Some(label) => {
            let enc = resolve_label(label).map_err(err)?;
            let skip = match sniff_bom(prefix) {
                Some((bom, n)) if bom == enc => n,
                _ => 0,
            };
            if encoding::is_utf8(enc) {
                (Decoding::Utf8 { skip, strict: true }, false)
            } else {
                let encoding = Some(enc);
                (Decoding::Decode { encoding, skip }, false)
            }
        }
        None => match sniff_bom(prefix) {
            Some((enc, skip)) if encoding::is_utf8(enc) => {
                (Decoding::Utf8 { skip, strict: true }, true)
            }
            Some((enc, skip)) => (
                Decoding::Decode {
                    encoding: Some(enc),
                    skip,
                },
                true,
            ),
            None if encoding::invalid_utf8_at(prefix).is_some() => (
                Decoding::Decode {
                    encoding: None,
                    skip: 0,
                },
                true,
            ),
            None => (
                Decoding::Utf8 {
                    skip: 0,
                    strict: false,
                },
                true,
            ),
        },
    };
    progress.set_total(size);
    let (parsed, enc) = match decoding {
        Decoding::Utf8 { skip, strict } => {
            let input = Input::File {
                path,
                start: skip as u64,
                len: size.saturating_sub(skip as u64),
            };
            let sample = encoding::utf8_prefix(&prefix[skip.min(prefix.len())..]);
            let whole = prefix.len() as u64 == size;
            match parse_text(
                &input,
                sample.as_bytes(),
                whole,
                opts,
                progress,
                parallel_min,
            ) {
                Err(ParseError::BadUtf8 { .. }) if !strict => {
                    progress.set_done(0);
                    decode_and_parse(path, None, 0, opts, progress, parallel_min)?
                }
                Err(ParseError::BadUtf8 { row }) => {
                    let e = err(FileErrorKind::BadEncoding {
                        encoding: "UTF-8".into(),
                    });
                    return Err(e.at_row(row));
                }
                other => (other, encoding_rs::UTF_8),
            }
        }
        Decoding::Decode { encoding, skip } => {
            decode_and_parse(path, encoding, skip, opts, progress, parallel_min)?
        }
    };
    let parsed = parsed.map_err(|e| parse_error(path, e))?;
    let info = SourceInfo {
        path: path.to_path_buf(),
        format: Format::Csv,
        encoding: Some(encoding::name(enc)),
        encoding_detected: detected,
        delimiter: Some(parsed.delimiter as char),
        sheets: Vec::new(),
        sheet: None,
        header_row: parsed.table.header_row(),
        header_detected: opts.header_row.is_none(),
        duplicate_headers: parsed.duplicates,
        file_size: size,
    };
    Ok(Loaded {
        table: parsed.table,
        info,
    })
}

/// Decodes the file as it is parsed (guessing the legacy encoding when `encoding`
/// is `None`): a first pass checks and measures the text, the parse decodes again.
fn decode_and_parse(
    path: &Path,
    encoding: Option<&'static Encoding>,
    skip: usize,
    opts: &ReadOptions,
    progress: &Progress,
    parallel_min: u64,
) -> Result<(Result<Parsed, ParseError>, &'static Encoding), FileError> {
    let io = |e: std::io::Error| FileError::new(path, FileErrorKind::Io(e.to_string()));
    let enc = match encoding {
        Some(enc) => enc,
        None => guess_legacy(&non_ascii_sample(path, skip as u64).map_err(io)?),
    };
    let text = Decoded::scan(path, skip as u64, enc).map_err(|e| match e {
        ScanError::Io(e) => io(e),
        ScanError::Malformed { line } => FileError::new(
            path,
            FileErrorKind::BadEncoding {
                encoding: encoding::name(enc).to_string(),
            },
        )
        .at_row(line),
    })?;
    progress.set_total(text.len());
    let sample = text.sample().as_bytes();
    let whole = sample.len() as u64 == text.len();
    let input = Input::Decoded(&text);
    let parsed = parse_text(&input, sample, whole, opts, progress, parallel_min);
    Ok((parsed, enc))
}

/// Up to 4 MiB of the file's 64 KiB blocks (after `skip`) that hold non-ASCII
/// bytes: what tells one legacy encoding from another.
fn non_ascii_sample(path: &Path, skip: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::Start(skip))?;
    let mut out = Vec::new();
    let mut block = Vec::with_capacity(64 * 1024);
    loop {
        block.clear();
        (&mut file).take(64 * 1024).read_to_end(&mut block)?;
        if block.is_empty() {
            return Ok(out);
        }
        if !block.is_ascii() {
            out.extend_from_slice(&block);
            if out.len() >= 4 << 20 {
                return Ok(out);
            }
        }
    }
}

fn parse_error(path: &Path, e: ParseError) -> FileError {
    let (kind, row) = match e {
        ParseError::Io(m) => (FileErrorKind::Io(m), None),
        ParseError::BadUtf8 { row } => (
            FileErrorKind::BadEncoding {
                encoding: "UTF-8".into(),
            },
            Some(row),
        ),
        ParseError::Unterminated { row } => (FileErrorKind::UnterminatedQuote, Some(row)),
        ParseError::TooLarge => (FileErrorKind::TooLarge, None),
        ParseError::Cancelled => (FileErrorKind::Cancelled, None),
        ParseError::File { kind, row } => (kind, row),
    };
    let e = FileError::new(path, kind);
    match row {
        Some(r) => e.at_row(r),
        None => e,
    }
}

/// A parsed text table and what was detected on the way.
struct Parsed {
    table: super::Table,
    delimiter: u8,
    duplicates: Vec<super::DuplicateHeader>,
}

fn file_error(kind: FileErrorKind, row: Option<u32>) -> ParseError {
    ParseError::File { kind, row }
}

/// Delimiter, header and records of UTF-8 text.
fn parse_text(
    input: &Input,
    sample: &[u8],
    whole: bool,
    opts: &ReadOptions,
    progress: &Progress,
    parallel_min: u64,
) -> Result<Parsed, ParseError> {
    let delimiter = opts
        .delimiter
        .unwrap_or_else(|| detect_delimiter(sample, whole));
    let crlf = memchr::memchr(b'\n', sample).is_some_and(|i| i > 0 && sample[i - 1] == b'\r');
    let dialect = Dialect { delimiter, crlf };
    let scan = scan_rows(input, dialect, opts.header_row)?;
    let (header, header_end) = match opts.header_row {
        Some(n) => {
            if n == 0 || n > scan.last_number {
                let rows = scan.last_number;
                return Err(file_error(
                    FileErrorKind::HeaderRowOutOfRange { row: n, rows },
                    None,
                ));
            }
            let end = scan
                .rows
                .iter()
                .zip(&scan.ends)
                .filter(|(r, _)| r.number <= n)
                .map(|(_, e)| *e)
                .next_back();
            let row = scan.rows.iter().find(|r| r.number == n).cloned();
            (
                row.unwrap_or(ScanRow {
                    number: n,
                    ..ScanRow::default()
                }),
                end.unwrap_or(0),
            )
        }
        None => {
            let i = detect_header(&scan.rows).ok_or(file_error(FileErrorKind::Empty, None))?;
            (scan.rows[i].clone(), scan.ends[i])
        }
    };
    let mut width = header.cells.len();
    if header.non_empty() == 0 {
        let below = scan.rows.iter().filter(|r| r.number > header.number);
        width = width.max(below.map(|r| r.cells.len()).max().unwrap_or(1));
    }
    // Rows to expect, from the size of the first records (a generous guess).
    let scanned = scan.ends.last().copied().unwrap_or(0).max(1);
    let per_row = scanned as f64 / scan.rows.len().max(1) as f64;
    let expect = (input.len() as f64 / per_row * 1.2) as usize + 1024;
    let layout = Layout {
        dialect,
        width,
        header: header.number,
        header_end,
        expect,
    };
    let mut builder = parse_records(input, &layout, parallel_min, progress)?;
    if builder.is_empty() {
        return Err(file_error(FileErrorKind::HeaderOnly, Some(header.number)));
    }
    let blank_header = |c: usize| header.cells.get(c).is_none_or(|h| h.trim().is_empty());
    let mut keep = width;
    while keep > 1 && blank_header(keep - 1) && builder.column_is_empty(keep - 1) {
        keep -= 1;
    }
    builder.keep_columns(0..keep);
    let mut cells = header.cells;
    cells.resize(keep, String::new());
    let names = column_names(&cells, 0);
    let duplicates = duplicate_headers(&names, 0);
    Ok(Parsed {
        table: builder.finish(names, header.number),
        delimiter,
        duplicates,
    })
}

/// The delimiter among `,` `;` tab `|` that splits the first records into the
/// most consistent number of fields (more than one); ties go to the earlier one.
pub(crate) fn detect_delimiter(sample: &[u8], whole: bool) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for d in CANDIDATES {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d)
            .from_reader(sample);
        let mut rec = csv::ByteRecord::new();
        let mut counts = Vec::new();
        let mut complete = true;
        while counts.len() <= DELIMITER_SAMPLE_RECORDS {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) if rec.iter().all(|f| f.trim_ascii().is_empty()) => {}
                Ok(true) => counts.push(rec.len()),
                _ => {
                    complete = whole;
                    break;
                }
            }
        }
        if counts.len() > DELIMITER_SAMPLE_RECORDS || (!complete && counts.len() > 1) {
            counts.pop();
        }
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for &c in counts.iter().filter(|&&c| c > 1) {
            match tally.iter_mut().find(|(n, _)| *n == c) {
                Some(t) => t.1 += 1,
                None => tally.push((c, 1)),
            }
        }
        let (mode, freq) = tally
            .into_iter()
            .max_by_key(|&(n, f)| (f, n))
            .unwrap_or((0, 0));
        if freq > best.1 || (freq == best.1 && mode > best.2) {
            best = (d, freq, mode);
        }
    }
    best.0
}

/// The first rows of the text (enough to find the header) with where each ends.
struct Scan {
    rows: Vec<ScanRow>,
    ends: Vec<u64>,
    /// Number of the last line read (the last line of the file when it was read to the end).
    last_number: u32,
}

fn scan_rows(input: &Input, dialect: Dialect, header_row: Option<u32>) -> Result<Scan, ParseError> {
    let scan_limit = HEADER_SCAN_ROWS as u32 + 1;
    let limit = header_row.unwrap_or(0).max(scan_limit);
    let mut r = Records::new(input.open(0, input.len())?, dialect, 0);
    let (mut rows, mut ends) = (Vec::new(), Vec::new());
    let mut at_end = true;
    while r.next()? {
        if r.number <= scan_limit || Some(r.number) == header_row || r.number > limit {
            let cells = r.strings()?;
            rows.push(ScanRow {
                number: r.number,
                cells,
                kinds: Vec::new(),
            });
            ends.push(r.consumed());
        }
        if r.number > limit {
            at_end = false;
            break;
        }
    }
    let last_number = if at_end {
        r.number.saturating_add(r.trailing_blank_lines())
    } else {
        r.number
    };
    Ok(Scan {
        rows,
        ends,
        last_number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(detect_delimiter(b"a,b,c\n1,2,3\n", true), b',');
        assert_eq!(
            detect_delimiter(
                "Họ tên;SĐT;Giá\nAn;09;12,5\nBình;08;7,25\n".as_bytes(),
                true
            ),
            b';'
        );
        assert_eq!(detect_delimiter(b"a\tb\n1\t2\n", true), b'\t');
        assert_eq!(detect_delimiter(b"a|b|c\n1|2|3\n", true), b'|');
        assert_eq!(detect_delimiter(b"name\nan\n", true), b',');
        assert_eq!(detect_delimiter(b"\"a;b\",c\n\"1;2\",3\n", true), b',');
        // A title row and a cut last record do not change the vote.
        assert_eq!(
            detect_delimiter(b"TITLE\na;b;c\n1;2;3\n4;5;6\n7,8", false),
            b';'
        );
    }

    fn parse(text: &str, opts: &ReadOptions, parallel_min: u64) -> Result<Parsed, ParseError> {
        let input = Input::Mem(text.as_bytes());
        parse_text(
            &input,
            text.as_bytes(),
            true,
            opts,
            &Progress::new(),
            parallel_min,
        )
    }

    fn rows(p: &Parsed) -> Vec<(u32, Vec<String>)> {
        let t = &p.table;
        (0..t.len())
            .map(|r| (t.row_number(r), t.row(r).map(String::from).collect()))
            .collect()
    }

    /// A text of `n` records with quoted newlines, doubled quotes, blank lines
    /// and ragged rows scattered through it (also around the middle).
    fn tricky(n: usize) -> String {
        let mut s = String::from("id,name,note\n");
        for i in 0..n {
            match i % 97 {
                0 => s.push_str(&format!("{i},\"multi\nline \"\"{i}\"\"\",x\n")),
                1 => s.push_str("\n\n"),
                2 => s.push_str(&format!("{i},short\n")),
                3 => s.push_str(&format!("{i},Nguye\u{302}\u{303}n,a,extra\n")),
                _ => s.push_str(&format!("{i},\"Tên, {i}\",plain\n")),
            }
        }
        s
    }

    #[test]
    fn two_threads_give_the_same_table_as_one() {
        let text = tricky(20_000);
        let opts = ReadOptions::default();
        let one = parse(&text, &opts, u64::MAX).unwrap();
        let two = parse(&text, &opts, 1).unwrap();
        assert_eq!(rows(&one), rows(&two));
        assert_eq!(one.table.ragged(), two.table.ragged());
        assert_eq!(one.table.len(), 20_000 - 20_000 / 97 - 1);
        let multi = one.table.index_of_row_number(2).unwrap();
        assert_eq!(one.table.cell(multi, 1), "multi\nline \"0\"");
        assert_eq!(
            one.table.cell(one.table.index_of_row_number(6).unwrap(), 1),
            "Nguyễn"
        );
    }

    #[test]
    fn a_stray_quote_that_fools_the_split_falls_back_to_one_thread() {
        // `5"` opens nothing for the csv reader but makes the quote count odd, so
        // the split lands inside the quoted value of the long record after it.
        let mut text = String::from("a,b\n5\",x\n");
        for i in 0..200 {
            text.push_str(&format!("{i},plain\n"));
        }
        text.push_str("long,\"");
        for i in 0..400 {
            text.push_str(&format!("line {i}\n"));
        }
        text.push_str("\"\nlast,row\n");
        let opts = ReadOptions::default();
        let one = parse(&text, &opts, u64::MAX).unwrap();
        let two = parse(&text, &opts, 1).unwrap();
        assert_eq!(rows(&one), rows(&two));
        assert_eq!(one.table.len(), 203);
        assert_eq!(rows(&two).last().unwrap().1, ["last", "row"]);
    }

    #[test]
    fn unterminated_quote_is_named_in_either_half() {
        let mut text = tricky(5_000);
        text.push_str("9999,\"never closed\nmore\n");
        let last = parse(&text, &ReadOptions::default(), u64::MAX);
        let Err(ParseError::Unterminated { row }) = last else {
            panic!("{:?}", last.err())
        };
        assert_eq!(
            parse(&text, &ReadOptions::default(), 1).err(),
            Some(ParseError::Unterminated { row })
        );
    }

    #[test]
    fn header_only_trailing_columns_and_override() {
        let p = parse("TITLE\n\na,b,,\n", &ReadOptions::default(), u64::MAX);
        assert_eq!(
            p.err(),
            Some(file_error(FileErrorKind::HeaderOnly, Some(3)))
        );
        let p = parse("a,b,,\n1,2,,\n3,,,\n", &ReadOptions::default(), u64::MAX).unwrap();
        assert_eq!(p.table.headers(), ["a", "b"]);
        assert!(p.table.ragged().is_empty());
        let p = parse("a,,,\n1,2,,\n3,,,\n", &ReadOptions::default(), u64::MAX).unwrap();
        assert_eq!(p.table.headers(), ["a", "Column B"]);
        let opts = ReadOptions {
            header_row: Some(2),
            ..ReadOptions::default()
        };
        let p = parse("x,y\nA,B\n1,2\n", &opts, u64::MAX).unwrap();
        assert_eq!(p.table.headers(), ["A", "B"]);
        assert_eq!(rows(&p), [(3, vec!["1".to_string(), "2".to_string()])]);
        let opts = ReadOptions {
            header_row: Some(9),
            ..ReadOptions::default()
        };
        let p = parse("x,y\nA,B\n1,2\n", &opts, u64::MAX);
        let kind = FileErrorKind::HeaderRowOutOfRange { row: 9, rows: 3 };
        assert_eq!(p.err(), Some(file_error(kind, None)));
        assert_eq!(
            parse(" \n\n", &ReadOptions::default(), 1).err(),
            Some(file_error(FileErrorKind::Empty, None))
        );
    }
}
