//! Text in another encoding than UTF-8 (Windows-1258, UTF-16 …), decoded as it is
//! read rather than all at once: a first pass checks the bytes, measures the UTF-8
//! text and notes where decoding may restart; the parse then reads any range of the
//! text through a [`DecodeReader`]. The whole decoded text is never in memory (it
//! would take up to 1.5x the file beside the table built from it).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_16BE, UTF_16LE};

/// Bytes of the file decoded at a time.
const BLOCK: usize = 64 * 1024;
/// Source bytes between restart points.
const MARK_EVERY: u64 = 1 << 20;
/// Decoded bytes kept from the start, to detect the delimiter and the header.
const SAMPLE: usize = 64 * 1024;

/// A file's text in `encoding`, measured: its UTF-8 length and restart points.
#[derive(Debug)]
pub(crate) struct Decoded {
    path: PathBuf,
    /// Bytes before the text (a byte-order mark).
    skip: u64,
    encoding: &'static Encoding,
    /// Length of the text in UTF-8.
    len: u64,
    /// (source offset after `skip`, UTF-8 offset) where a fresh decoder may start.
    marks: Vec<(u64, u64)>,
    /// The start of the text (at most [`SAMPLE`] bytes, whole characters).
    sample: String,
}

/// Why the text cannot be decoded.
#[derive(Debug)]
pub(crate) enum ScanError {
    Io(io::Error),
    /// A malformed sequence (a lone UTF-16 surrogate, an odd byte at the end …) on
    /// this 1-based line: garbled text is never passed on as U+FFFD.
    Malformed {
        line: u32,
    },
}

impl Decoded {
    /// Decodes the file once (nothing kept but the sample) to check and measure it.
    pub(crate) fn scan(
        path: &Path,
        skip: u64,
        encoding: &'static Encoding,
    ) -> Result<Self, ScanError> {
        let mut file = File::open(path).map_err(ScanError::Io)?;
        file.seek(SeekFrom::Start(skip)).map_err(ScanError::Io)?;
        let mut rd = DecodeReader::new(file, encoding, 0, u64::MAX);
        let mut marks = vec![(0, 0)];
        let (mut len, mut lines, mut sample) = (0u64, 0usize, Vec::new());
        loop {
            let filled = rd.fill();
            let out = &rd.out[..];
            lines += memchr::memchr_iter(b'\n', out).count();
            if sample.len() < SAMPLE {
                sample.extend_from_slice(&out[..out.len().min(SAMPLE - sample.len())]);
            }
            len += out.len() as u64;
            match filled {
                Err(e) if rd.malformed => {
                    drop(e);
                    let line = u32::try_from(lines + 1).unwrap_or(u32::MAX);
                    return Err(ScanError::Malformed { line });
                }
                Err(e) => return Err(ScanError::Io(e)),
                Ok(()) if rd.done => break,
                Ok(()) => {}
            }
            let last_mark = marks.last().map_or(0, |m| m.0);
            if rd.src_pos - last_mark >= MARK_EVERY && rd.restartable() {
                marks.push((rd.src_pos, len));
            }
        }
        let sample = super::encoding::utf8_prefix(&sample).to_string();
        Ok(Self {
            path: path.to_path_buf(),
            skip,
            encoding,
            len,
            marks,
            sample,
        })
    }

    /// Length of the text in UTF-8.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// The start of the text (whole characters).
    pub(crate) fn sample(&self) -> &str {
        &self.sample
    }

    /// A reader of UTF-8 bytes `from..to` of the text, decoding from the nearest
    /// restart point before `from`.
    pub(crate) fn open(&self, from: u64, to: u64) -> io::Result<DecodeReader<File>> {
        let i = self
            .marks
            .partition_point(|m| m.1 <= from)
            .saturating_sub(1);
        let (src, dec) = self.marks[i];
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(self.skip + src))?;
        Ok(DecodeReader::new(
            file,
            self.encoding,
            from - dec,
            to - from,
        ))
    }
}

/// UTF-8 from bytes in another encoding, decoded a block at a time.
pub(crate) struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    /// Decoded bytes still to drop (the part before the range asked for).
    skip: u64,
    /// Decoded bytes still to hand out.
    limit: u64,
    /// Source bytes consumed.
    src_pos: u64,
    /// The last two source bytes consumed (to tell a UTF-16 surrogate cut in two).
    tail: [u8; 2],
    done: bool,
    malformed: bool,
}

impl<R: Read> DecodeReader<R> {
    /// Decodes `inner` (at a character boundary) in `encoding`, drops `skip` decoded
    /// bytes, then hands out at most `limit`.
    pub(crate) fn new(inner: R, encoding: &'static Encoding, skip: u64, limit: u64) -> Self {
        Self {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; BLOCK],
            out: Vec::new(),
            out_pos: 0,
            skip,
            limit,
            src_pos: 0,
            tail: [0; 2],
            done: false,
            malformed: false,
        }
    }

    /// Whether a fresh decoder could start where this one stands.
    fn restartable(&self) -> bool {
        let enc = self.decoder.encoding();
        if enc.is_single_byte() {
            return true;
        }
        let unit = if enc == UTF_16LE {
            u16::from_le_bytes(self.tail)
        } else if enc == UTF_16BE {
            u16::from_be_bytes(self.tail)
        } else {
            return false;
        };
        self.src_pos.is_multiple_of(2) && !(0xD800..0xDC00).contains(&unit)
    }

    /// Decodes the next block into `out` (replacing what it held).
    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_pos = 0;
        let mut n = 0;
        while n < BLOCK {
            match self.inner.read(&mut self.input[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let last = n == 0;
        let mut block = &self.input[..n];
        loop {
            let room = self
                .decoder
                .max_utf8_buffer_length_without_replacement(block.len())
                .unwrap_or(block.len() * 3 + 16);
            let at = self.out.len();
            self.out.resize(at + room, 0);
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(block, &mut self.out[at..], last);
            self.out.truncate(at + written);
            block = &block[read..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) => {
                    self.malformed = true;
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the text is not valid in its encoding",
                    ));
                }
            }
        }
        self.src_pos += n as u64;
        if n >= 2 {
            self.tail = [self.input[n - 2], self.input[n - 1]];
        } else if n == 1 {
            self.tail = [self.tail[1], self.input[0]];
        }
        self.done = last;
        Ok(())
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.limit == 0 || buf.is_empty() {
                return Ok(0);
            }
            let avail = &self.out[self.out_pos..];
            if !avail.is_empty() {
                if self.skip > 0 {
                    let n = (self.skip as usize).min(avail.len());
                    self.out_pos += n;
                    self.skip -= n as u64;
                    continue;
                }
                let n = avail.len().min(buf.len()).min(self.limit as usize);
                buf[..n].copy_from_slice(&avail[..n]);
                self.out_pos += n;
                self.limit -= n as u64;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            self.fill()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{SHIFT_JIS, WINDOWS_1258};

    fn encode(text: &str, enc: &'static Encoding) -> Vec<u8> {
        if enc == UTF_16LE {
            text.encode_utf16().flat_map(u16::to_le_bytes).collect()
        } else if enc == UTF_16BE {
            text.encode_utf16().flat_map(u16::to_be_bytes).collect()
        } else {
            enc.encode(text).0.into_owned()
        }
    }

    fn scanned(
        bytes: &[u8],
        enc: &'static Encoding,
    ) -> (tempfile::TempDir, Result<Decoded, ScanError>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        let mut with_bom = b"XY".to_vec();
        with_bom.extend_from_slice(bytes);
        std::fs::write(&path, with_bom).unwrap();
        let d = Decoded::scan(&path, 2, enc);
        (dir, d)
    }

    fn read_range(d: &Decoded, from: u64, to: u64) -> String {
        let mut s = String::new();
        d.open(from, to).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn any_range_reads_as_the_same_slice_of_the_whole_text() {
        // Past several restart points, with 4-byte characters (surrogate pairs in UTF-16).
        let text = "Nguyễn Thị Hương,€,₫,😀\n".repeat(120_000);
        for enc in [WINDOWS_1258, UTF_16LE, UTF_16BE, SHIFT_JIS] {
            let text = if enc == SHIFT_JIS {
                "カタカナ,abc\n".repeat(150_000)
            } else {
                text.clone()
            };
            let expect = enc
                .decode_without_bom_handling(&encode(&text, enc))
                .0
                .into_owned();
            let (_dir, d) = scanned(&encode(&text, enc), enc);
            let d = d.unwrap();
            assert_eq!(d.len(), expect.len() as u64, "{}", enc.name());
            assert!(expect.starts_with(d.sample()) && d.sample().len() > 60_000);
            if enc != SHIFT_JIS {
                assert!(d.marks.len() > 2, "{} has restart points", enc.name());
            }
            assert_eq!(read_range(&d, 0, d.len()), expect);
            let n = expect.len();
            let boundary = |i: usize| (i..=n).find(|&i| expect.is_char_boundary(i)).unwrap();
            for (from, to) in [(n * 2 / 5, n / 2), (n * 9 / 10, n), (7, 9)] {
                let (from, to) = (boundary(from), boundary(to));
                assert_eq!(
                    read_range(&d, from as u64, to as u64),
                    expect[from..to],
                    "{} {from}..{to}",
                    enc.name()
                );
            }
        }
    }

    #[test]
    fn malformed_text_is_an_error_on_its_line() {
        let (_d, r) = scanned(b"a\0\n\0b", UTF_16LE);
        assert!(matches!(r, Err(ScanError::Malformed { line: 2 })), "{r:?}");
        let (_d, r) = scanned(&[b'a', 0, 0x00, 0xD8, b'b', 0], UTF_16LE);
        assert!(matches!(r, Err(ScanError::Malformed { line: 1 })), "{r:?}");
        let (_d, r) = scanned(b"", WINDOWS_1258);
        assert_eq!(r.unwrap().len(), 0);
    }
}
