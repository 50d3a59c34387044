//! The record loop of text files: csv-crate parsing into a [`TableBuilder`],
//! record numbers as the user sees them, the quote-aware split of big files into
//! two halves parsed on two threads, and the unterminated-quote check.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use csv::ByteRecord;

use crate::progress::Progress;

use super::decoded::{DecodeReader, Decoded};
use super::encoding::{as_utf8, may_need_nfc, nfc, to_nfc};
use super::{CellKind, TableBuilder};

/// Records between progress reports and cancellation checks.
const REPORT_EVERY: u32 = 64 * 1024;
/// Read buffer of the csv reader.
const BUFFER: usize = 64 * 1024;

/// Where the text comes from: a range of the file (UTF-8 read in place), a file
/// in another encoding decoded as it is read, or text in memory (tests).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Input<'a> {
    File {
        path: &'a Path,
        start: u64,
        len: u64,
    },
    Decoded(&'a Decoded),
    #[cfg_attr(not(test), allow(dead_code))]
    Mem(&'a [u8]),
}

/// A reader over part of an [`Input`].
pub(crate) enum RangeReader<'a> {
    File(io::Take<File>),
    Decoded(Box<DecodeReader<File>>),
    Mem(&'a [u8]),
}

impl Read for RangeReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            RangeReader::File(f) => f.read(buf),
            RangeReader::Decoded(d) => d.read(buf),
            RangeReader::Mem(m) => m.read(buf),
        }
    }
}

impl<'a> Input<'a> {
    pub(crate) fn len(&self) -> u64 {
        match self {
            Input::File { len, .. } => *len,
            Input::Decoded(d) => d.len(),
            Input::Mem(m) => m.len() as u64,
        }
    }

    /// A reader over bytes `from..to` of the text.
    pub(crate) fn open(&self, from: u64, to: u64) -> io::Result<RangeReader<'a>> {
        let to = to.min(self.len());
        let from = from.min(to);
        match *self {
            Input::File { path, start, .. } => {
                let mut f = File::open(path)?;
                f.seek(SeekFrom::Start(start + from))?;
                Ok(RangeReader::File(f.take(to - from)))
            }
            Input::Decoded(d) => Ok(RangeReader::Decoded(Box::new(d.open(from, to)?))),
            Input::Mem(m) => Ok(RangeReader::Mem(&m[from as usize..to as usize])),
        }
    }
}

/// Why parsing stopped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ParseError {
    Io(String),
    /// The record (row number) holds bytes that are not UTF-8.
    BadUtf8 {
        row: u32,
    },
    /// The quoted value opened in this record is never closed.
    Unterminated {
        row: u32,
    },
    TooLarge,
    Cancelled,
    /// Any other reason the file cannot be read, with the row where it applies.
    File {
        kind: crate::error::FileErrorKind,
        row: Option<u32>,
    },
}

impl From<csv::Error> for ParseError {
    fn from(e: csv::Error) -> Self {
        ParseError::Io(e.to_string())
    }
}

impl From<io::Error> for ParseError {
    fn from(e: io::Error) -> Self {
        ParseError::Io(e.to_string())
    }
}

/// How the text is cut into records.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dialect {
    pub delimiter: u8,
    /// Lines end with `\r\n` (changes how csv's line count maps to blank lines).
    pub crlf: bool,
}

/// Records of a stream with the numbers the user sees: blank lines, which the csv
/// crate skips, are counted as rows (Excel shows them), and a quoted value spanning
/// lines is one record.
pub(crate) struct Records<R: Read> {
    rdr: csv::Reader<R>,
    pub rec: ByteRecord,
    crlf: bool,
    first: bool,
    line: u64,
    /// Number of the last record returned.
    pub number: u32,
    /// Byte offset (in this stream) where the last record began.
    pub start: u64,
}

impl<R: Read> Records<R> {
    /// Records of `inner`; the first one is numbered `base + 1` (plus blank lines).
    pub(crate) fn new(inner: R, dialect: Dialect, base: u32) -> Self {
        let rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(dialect.delimiter)
            .buffer_capacity(BUFFER)
            .from_reader(inner);
        Self {
            rdr,
            rec: ByteRecord::new(),
            crlf: dialect.crlf,
            first: true,
            line: 1,
            number: base,
            start: 0,
        }
    }

    /// Reads the next record into `self.rec`; false at the end.
    pub(crate) fn next(&mut self) -> Result<bool, ParseError> {
        if !self.rdr.read_byte_record(&mut self.rec)? {
            return Ok(false);
        }
        self.start = self.rec.position().map_or(0, |p| p.byte());
        let now = self.rdr.position().line();
        let delta = now - self.line;
        self.line = now;
        let lead = self.crlf && self.first;
        let mut blanks = 0;
        if delta >= 2 || (lead && delta >= 1) {
            let embedded = memchr::memchr_iter(b'\n', self.rec.as_slice()).count() as u64;
            let n = delta.saturating_sub(embedded);
            blanks = if lead { n } else { n.saturating_sub(1) };
        }
        self.first = false;
        self.number = self
            .number
            .saturating_add(1)
            .saturating_add(u32::try_from(blanks).unwrap_or(u32::MAX));
        Ok(true)
    }

    /// Blank lines after the last record (call at the end of the stream).
    pub(crate) fn trailing_blank_lines(&self) -> u32 {
        let delta = self.rdr.position().line() - self.line;
        let n = if self.crlf && !self.first {
            delta.saturating_sub(1)
        } else {
            delta
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// Bytes of the stream consumed so far.
    pub(crate) fn consumed(&self) -> u64 {
        self.rdr.position().byte()
    }

    /// The current record as text, or `None` when it is not UTF-8.
    pub(crate) fn text(&self) -> Option<&str> {
        as_utf8(self.rec.as_slice())
    }

    /// The current record's fields as NFC strings (for the few rows looked at first).
    pub(crate) fn strings(&self) -> Result<Vec<String>, ParseError> {
        let s = self
            .text()
            .ok_or(ParseError::BadUtf8 { row: self.number })?;
        let mut at = 0;
        Ok(self
            .rec
            .iter()
            .map(|f| {
                let cell = &s[at..at + f.len()];
                at += f.len();
                nfc(cell).into_owned()
            })
            .collect())
    }
}

/// Pushes the current record's fields into `b` (NFC) and ends the row.
fn push_record<R: Read>(
    b: &mut TableBuilder,
    r: &Records<R>,
    scratch: &mut String,
) -> Result<(), ParseError> {
    let s = r.text().ok_or(ParseError::BadUtf8 { row: r.number })?;
    if !may_need_nfc(s) {
        // The fields lie end to end in the record: copy them in one go.
        let ends = r.rec.iter().scan(0, |at, f| {
            *at += f.len();
            Some(*at)
        });
        b.push_joined(s, ends).map_err(|_| ParseError::TooLarge)?;
        b.end_row(r.number);
        return Ok(());
    }
    let mut at = 0;
    for f in r.rec.iter() {
        let cell = &s[at..at + f.len()];
        at += f.len();
        b.push(to_nfc(cell, scratch), CellKind::Text)
            .map_err(|_| ParseError::TooLarge)?;
    }
    b.end_row(r.number);
    Ok(())
}

/// One parsed range of the text.
pub(crate) struct Part {
    /// The rows not yet handed to a sink.
    pub builder: TableBuilder,
    /// Number of the last line of the range (last record plus blank lines after it).
    pub end_number: u32,
    /// Number of the last record, and where it began (offset in the whole input).
    pub last: Option<(u32, u64)>,
}

/// What a part needs to know besides its range.
pub(crate) struct PartSpec<'p> {
    pub dialect: Dialect,
    pub width: usize,
    /// Records numbered up to this one (the header and rows above it) are not data.
    pub skip_through: u32,
    /// Number of the line before the range's first line.
    pub base: u32,
    /// Bytes of text and rows to reserve in the builder (untouched reserved
    /// memory costs nothing; growing a big buffer later costs a copy).
    pub reserve: (usize, usize),
    pub progress: &'p Progress,
    /// Set by the other thread when its failure makes this work useless.
    pub abort: &'p AtomicBool,
}

/// Receives the rows of a part in chunks while it is being parsed.
pub(crate) type Sink<'s> = &'s mut dyn FnMut(TableBuilder);

/// Rows handed to a sink at a time.
pub(crate) const CHUNK_ROWS: usize = 64 * 1024;

/// Parses `reader` (which starts at offset `from` of the input) into a builder.
/// With a sink, full chunks of [`CHUNK_ROWS`] rows go to it as they are made.
pub(crate) fn parse_part<R: Read>(
    reader: R,
    from: u64,
    spec: &PartSpec,
    mut sink: Option<Sink>,
) -> Result<Part, ParseError> {
    let new_builder = |rows: usize| {
        let mut b = TableBuilder::new(spec.width, false);
        b.reserve(spec.reserve.0, rows);
        b
    };
    let mut b = new_builder(spec.reserve.1);
    let mut r = Records::new(reader, spec.dialect, spec.base);
    let mut scratch = String::new();
    let mut last = None;
    let mut since = 0u32;
    let mut reported = 0u64;
    while r.next()? {
        last = Some((r.number, from + r.start));
        if r.number > spec.skip_through {
            push_record(&mut b, &r, &mut scratch)?;
            if let Some(sink) = sink.as_mut()
                && b.len() == CHUNK_ROWS
            {
                let chunk = std::mem::replace(&mut b, new_builder(CHUNK_ROWS));
                sink(chunk);
            }
        }
        since += 1;
        if since == REPORT_EVERY {
            since = 0;
            let now = r.consumed();
            spec.progress.add_done(now - reported);
            reported = now;
            if spec.progress.is_cancelled() || spec.abort.load(Ordering::Relaxed) {
                return Err(ParseError::Cancelled);
            }
        }
    }
    spec.progress
        .add_done(r.consumed().saturating_sub(reported));
    let end_number = r.number.saturating_add(r.trailing_blank_lines());
    Ok(Part {
        builder: b,
        end_number,
        last,
    })
}

/// Whether a record's raw bytes end inside a quoted value (an unterminated quote),
/// read the way the csv crate reads it: a quote opens a quoted value only at the
/// start of a field, and `""` inside one is a literal quote.
pub(crate) fn ends_in_open_quote(raw: &[u8], delimiter: u8) -> bool {
    #[derive(PartialEq)]
    enum S {
        Start,
        Plain,
        Quoted,
        QuoteInQuoted,
    }
    let mut s = S::Start;
    for &b in raw {
        s = match s {
            S::Start | S::Plain | S::QuoteInQuoted
                if b == delimiter || b == b'\n' || b == b'\r' =>
            {
                S::Start
            }
            S::Start if b == b'"' => S::Quoted,
            S::Start | S::Plain => S::Plain,
            S::Quoted if b == b'"' => S::QuoteInQuoted,
            S::Quoted => S::Quoted,
            S::QuoteInQuoted if b == b'"' => S::Quoted,
            S::QuoteInQuoted => S::Plain,
        };
    }
    s == S::Quoted
}

/// Whether the last record of `part` (whose range ends at `to`) leaves a quote open.
pub(crate) fn part_ends_open(
    input: &Input,
    part: &Part,
    to: u64,
    delimiter: u8,
) -> Result<bool, ParseError> {
    let Some((_, start)) = part.last else {
        return Ok(false);
    };
    let mut raw = Vec::new();
    input.open(start, to)?.read_to_end(&mut raw)?;
    Ok(ends_in_open_quote(&raw, delimiter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialect(crlf: bool) -> Dialect {
        Dialect {
            delimiter: b',',
            crlf,
        }
    }

    fn numbers(text: &str, crlf: bool) -> Vec<(u32, Vec<String>)> {
        let mut r = Records::new(text.as_bytes(), dialect(crlf), 0);
        let mut out = Vec::new();
        while r.next().unwrap() {
            out.push((r.number, r.strings().unwrap()));
        }
        out
    }

    #[test]
    fn numbers_count_blank_lines_and_not_quoted_newlines() {
        for crlf in [false, true] {
            let nl = if crlf { "\r\n" } else { "\n" };
            let text = ["\"h\",x", "a,\"1\nline2\nline3\"", "", "", "b,2", "c,3", ""].join(nl);
            let got: Vec<u32> = numbers(&text, crlf).iter().map(|r| r.0).collect();
            assert_eq!(got, [1, 2, 5, 6], "crlf {crlf}");
            let text = ["", "", "h,x", "a,1"].join(nl);
            let got: Vec<u32> = numbers(&text, crlf).iter().map(|r| r.0).collect();
            assert_eq!(got, [3, 4], "crlf {crlf}");
        }
    }

    #[test]
    fn open_quotes_are_found() {
        assert!(ends_in_open_quote(b"a,\"bc\nde", b','));
        assert!(ends_in_open_quote(b"\n\"a\"\"b", b','));
        assert!(!ends_in_open_quote(b"a,\"b\"\"c\"", b','));
        assert!(!ends_in_open_quote(b"a,b\"c", b','));
        assert!(!ends_in_open_quote(b"a;\"b;c\"", b';'));
        assert!(ends_in_open_quote(b"a;\"b;c", b';'));
    }
}
