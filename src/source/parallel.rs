//! Big text on both cores: the first thread starts parsing at once; the second
//! finds a record boundary a little past the middle (quote-aware), tells the first
//! where to stop, and parses the rest in chunks that the first thread appends
//! to its table as soon as its own part is done.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

use crate::progress::Progress;

use super::TableBuilder;
use super::records::{
    CHUNK_ROWS, Dialect, Input, ParseError, Part, PartSpec, parse_part, part_ends_open,
};

/// Share of the text the first thread parses: a little less than half, since it
/// also copies the second thread's rows into the table.
const FIRST_SHARE: f64 = 0.46;

/// What the record parse needs to know about the text.
pub(crate) struct Layout {
    pub dialect: Dialect,
    pub width: usize,
    /// Number of the header row (it and the rows above are not data).
    pub header: u32,
    /// Offset where the header record ends.
    pub header_end: u64,
    /// About how many rows the text holds (a generous guess, to reserve memory).
    pub expect: usize,
}

/// Parses every record after the header row into a builder: on two threads when
/// the text is at least `parallel_min` bytes long.
pub(crate) fn parse_records(
    input: &Input,
    layout: &Layout,
    parallel_min: u64,
    progress: &Progress,
) -> Result<TableBuilder, ParseError> {
    let len = input.len();
    if len >= parallel_min.max(2) {
        if let Some(builder) = parse_two(input, layout, progress)? {
            return Ok(builder);
        }
        progress.set_done(0);
    }
    let abort = AtomicBool::new(false);
    let spec = PartSpec {
        dialect: layout.dialect,
        width: layout.width,
        skip_through: layout.header,
        base: 0,
        reserve: (len as usize, layout.expect),
        progress,
        abort: &abort,
    };
    let part = parse_part(input.open(0, len)?, 0, &spec, None)?;
    check_closed(input, &part, len, layout.dialect.delimiter, 0)?;
    Ok(part.builder)
}

enum Msg {
    Chunk(TableBuilder),
    Done(Result<Part, ParseError>),
}

/// The two-thread parse; `None` when the split turned out to be inside a quoted
/// value (text that is not RFC 4180), so the text must be parsed in one go.
fn parse_two(
    input: &Input,
    layout: &Layout,
    progress: &Progress,
) -> Result<Option<TableBuilder>, ParseError> {
    let len = input.len();
    let mid = ((len as f64 * FIRST_SHARE) as u64).max(1);
    let gate = Gate::default();
    let abort = AtomicBool::new(false);
    let delimiter = layout.dialect.delimiter;
    let spec = |skip_through, reserve| PartSpec {
        dialect: layout.dialect,
        width: layout.width,
        skip_through,
        base: 0,
        reserve,
        progress,
        abort: &abort,
    };
    let (tx, rx) = mpsc::channel::<Msg>();
    std::thread::scope(|s| {
        let (gate, spec) = (&gate, &spec);
        s.spawn(move || {
            // Whatever happens here, the first thread must learn where to stop.
            let _guard = GateGuard(gate, len);
            let split = match find_split(input, mid) {
                Ok(Some(split)) if split > layout.header_end => split,
                Ok(_) => return gate.set(len),
                Err(e) => {
                    gate.set(len);
                    let _ = tx.send(Msg::Done(Err(e)));
                    return;
                }
            };
            gate.set(split);
            let per_row = len as usize / layout.expect.max(1) + 1;
            let spec = spec(0, (per_row * CHUNK_ROWS * 5 / 4, CHUNK_ROWS));
            let mut send = |chunk| {
                let _ = tx.send(Msg::Chunk(chunk));
            };
            let done = input
                .open(split, len)
                .map_err(ParseError::from)
                .and_then(|r| parse_part(r, split, &spec, Some(&mut send)));
            let _ = tx.send(Msg::Done(done));
        });
        let reader = Gated {
            inner: input.open(0, len)?,
            pos: 0,
            mid,
            limit: None,
            gate,
        };
        let first = parse_part(
            reader,
            0,
            &spec(layout.header, (len as usize, layout.expect)),
            None,
        );
        let first = first.inspect_err(|_| abort.store(true, Ordering::Relaxed))?;
        let split = gate.wait();
        if split >= len {
            // No split: the first thread read everything.
            check_closed(input, &first, len, delimiter, 0)?;
            return Ok(Some(first.builder));
        }
        if part_ends_open(input, &first, split, delimiter)? {
            abort.store(true, Ordering::Relaxed);
            return Ok(None);
        }
        let offset = first.end_number;
        let mut builder = first.builder;
        let append =
            |b: &mut TableBuilder, chunk| b.append(chunk, offset).map_err(|_| ParseError::TooLarge);
        for msg in rx {
            match msg {
                Msg::Chunk(chunk) => append(&mut builder, chunk)?,
                Msg::Done(Ok(last)) => {
                    check_closed(input, &last, len, delimiter, offset)?;
                    append(&mut builder, last.builder)?;
                    return Ok(Some(builder));
                }
                Msg::Done(Err(e)) => return Err(shift(e, offset)),
            }
        }
        Err(ParseError::Io("the second reader stopped early".into()))
    })
}

/// An error of the second part, with its row made absolute.
fn shift(e: ParseError, offset: u32) -> ParseError {
    match e {
        ParseError::BadUtf8 { row } => ParseError::BadUtf8 { row: row + offset },
        ParseError::Unterminated { row } => ParseError::Unterminated { row: row + offset },
        other => other,
    }
}

/// An error when the last record of `part` (ending at `to`) leaves a quote open.
fn check_closed(
    input: &Input,
    part: &Part,
    to: u64,
    delimiter: u8,
    offset: u32,
) -> Result<(), ParseError> {
    match part.last {
        Some((row, _)) if part_ends_open(input, part, to, delimiter)? => {
            Err(ParseError::Unterminated { row: row + offset })
        }
        _ => Ok(()),
    }
}

/// Where the first thread must stop, once the second has found it.
#[derive(Default)]
struct Gate {
    split: Mutex<Option<u64>>,
    ready: Condvar,
}

impl Gate {
    /// Sets the split (only the first call counts).
    fn set(&self, split: u64) {
        let mut g = self.split.lock().unwrap_or_else(|e| e.into_inner());
        if g.is_none() {
            *g = Some(split);
        }
        self.ready.notify_all();
    }

    fn wait(&self) -> u64 {
        let mut g = self.split.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(split) = *g {
                return split;
            }
            g = self.ready.wait(g).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Opens the gate at the end of the text if nothing else did (an early return or a panic).
struct GateGuard<'g>(&'g Gate, u64);

impl Drop for GateGuard<'_> {
    fn drop(&mut self) {
        self.0.set(self.1);
    }
}

/// Reads freely up to `mid`, then only up to the split the gate gives.
struct Gated<'g, R> {
    inner: R,
    pos: u64,
    mid: u64,
    limit: Option<u64>,
    gate: &'g Gate,
}

impl<R: Read> Read for Gated<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.limit.is_none() && self.pos >= self.mid {
            self.limit = Some(self.gate.wait());
        }
        let cap = self.limit.unwrap_or(self.mid);
        let want = (cap.saturating_sub(self.pos) as usize).min(buf.len());
        if want == 0 {
            return Ok(0);
        }
        let n = self.inner.read(&mut buf[..want])?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// The record boundary after `mid`: the first newline outside quotes, found by
/// quote parity (RFC 4180 text: an odd count of `"` before a point means inside
/// a quoted value). `None` when there is none before the end.
pub(crate) fn find_split(input: &Input, mid: u64) -> Result<Option<u64>, ParseError> {
    let len = input.len();
    let mut reader = input.open(0, len)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut pos = 0u64;
    let mut quotes = 0u64;
    while pos < mid {
        let want = ((mid - pos) as usize).min(buf.len());
        let n = reader.read(&mut buf[..want])?;
        if n == 0 {
            return Ok(None);
        }
        quotes += memchr::memchr_iter(b'"', &buf[..n]).count() as u64;
        pos += n as u64;
    }
    let mut inside = quotes % 2 == 1;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        for i in memchr::memchr2_iter(b'"', b'\n', &buf[..n]) {
            if buf[i] == b'"' {
                inside = !inside;
            } else if !inside {
                let split = pos + i as u64 + 1;
                return Ok((split < len).then_some(split));
            }
        }
        pos += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_outside_quotes() {
        let text = "h\n\"a\nb\nc\nd\ne\nf\ng\nh\"\nz\n";
        let input = Input::Mem(text.as_bytes());
        let split = find_split(&input, text.len() as u64 / 2).unwrap().unwrap() as usize;
        assert_eq!(&text[split..], "z\n");
        assert_eq!(find_split(&Input::Mem(b"a,b,c,d"), 3).unwrap(), None);
    }

    #[test]
    fn the_gated_reader_waits_for_the_split() {
        let gate = Gate::default();
        let text = b"0123456789abcdef";
        let mut out = Vec::new();
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(std::time::Duration::from_millis(20));
                gate.set(12);
            });
            let mut r = Gated {
                inner: &text[..],
                pos: 0,
                mid: 5,
                limit: None,
                gate: &gate,
            };
            r.read_to_end(&mut out).unwrap();
        });
        assert_eq!(out, b"0123456789ab");
    }
}
