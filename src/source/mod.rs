//! Reading files: detect the format by content, decode text (any common encoding,
//! result NFC), detect the delimiter, pick the sheet and header row, and build a
//! [`Table`] whose rows keep the numbers the user sees.

// `FileError` (file, kind, row, column) is the project's error type for whole-file
// failures; it is returned once per read, so its size does not matter here.
#![allow(clippy::result_large_err)]

mod decoded;
mod delimited;
mod detect;
mod edits;
mod encoding;
mod encrypted;
mod header;
mod parallel;
mod records;
mod table;
mod workbook;

pub use edits::{Edits, TableView};
pub use header::header_text;
pub use table::{CellKind, RaggedRow, Table, TableBuilder, TooLarge};

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{FileError, FileErrorKind};
use crate::progress::Progress;

/// Text of at least this many bytes is parsed on two threads.
pub(crate) const PARALLEL_MIN: u64 = 1 << 20;
/// Bytes read from the start of a file to recognise it and sample its text.
const PREFIX_LEN: u64 = 64 * 1024;

/// Reads a CSV/TSV/TXT file or a workbook sheet into a [`Table`], detecting what
/// `opts` leaves open (format by content, encoding, delimiter, sheet, header row).
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Loaded, FileError> {
    read_file_with(path, opts, &Progress::new())
}

/// Same, reporting bytes/rows done to `progress` and stopping with
/// [`FileErrorKind::Cancelled`] when it is cancelled.
pub fn read_file_with(
    path: &Path,
    opts: &ReadOptions,
    progress: &Progress,
) -> Result<Loaded, FileError> {
    read_file_tuned(path, opts, progress, PARALLEL_MIN)
}

/// [`read_file_with`] with the size from which text is parsed on two threads.
pub(crate) fn read_file_tuned(
    path: &Path,
    opts: &ReadOptions,
    progress: &Progress,
    parallel_min: u64,
) -> Result<Loaded, FileError> {
    let err = |kind| FileError::new(path, kind);
    let io = |e: std::io::Error| err(FileErrorKind::Io(e.to_string()));
    if progress.is_cancelled() {
        return Err(err(FileErrorKind::Cancelled));
    }
    let mut file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size == 0 {
        return Err(err(FileErrorKind::Empty));
    }
    let mut prefix = Vec::with_capacity(PREFIX_LEN as usize);
    (&mut file)
        .take(PREFIX_LEN)
        .read_to_end(&mut prefix)
        .map_err(io)?;
    let sniffed = detect::sniff(&prefix).map_err(err)?;
    drop(file);
    if sniffed == detect::Sniffed::Text {
        return delimited::read_text(path, size, &prefix, opts, progress, parallel_min);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let format = if sniffed == detect::Sniffed::Ole {
        if encrypted::is_encrypted_package(&bytes) {
            return Err(err(FileErrorKind::Encrypted {
                format: "xlsx".into(),
            }));
        }
        Format::Xls
    } else {
        detect::zip_workbook_format(&bytes).ok_or_else(|| {
            let hint = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .filter(|e| !e.is_empty())
                .unwrap_or_else(|| "xlsx".into());
            err(FileErrorKind::BadWorkbook {
                format: hint,
                detail: "it is a zip archive with no workbook inside".into(),
            })
        })?
    };
    workbook::read_workbook(path, &bytes, format, opts, progress)
}

use serde::Serialize;

/// The kind of file, recognised by content (the extension is only a hint).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Xls,
    Xlsb,
    Ods,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Xlsb => "xlsb",
            Format::Ods => "ods",
        }
    }

    pub fn is_workbook(self) -> bool {
        self != Format::Csv
    }
}

/// What the user (or the CLI's READ options) chose; `None` means "detect".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Sheet name (workbooks); default: the first sheet that has data.
    pub sheet: Option<String>,
    /// Header row number as the user sees it (1-based); default: detected.
    pub header_row: Option<u32>,
    /// WHATWG encoding label (`UTF-8`, `UTF-16LE`, `windows-1258` …); default: detected.
    pub encoding: Option<String>,
    /// Field delimiter (`,` `;` tab `|` or any single ASCII character); default: detected.
    pub delimiter: Option<u8>,
}

/// Two or more columns with the same header text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DuplicateHeader {
    pub header: String,
    /// Column letters (A, B, … as Excel shows them) of every column with this header.
    pub columns: Vec<String>,
}

/// What was detected (or chosen) while reading.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceInfo {
    pub path: PathBuf,
    pub format: Format,
    /// WHATWG label of the text encoding (`UTF-8`, `UTF-16LE`, `windows-1258` …); `None` for workbooks.
    pub encoding: Option<&'static str>,
    /// Whether the encoding was detected (false when the user chose it).
    pub encoding_detected: bool,
    /// The delimiter character; `None` for workbooks.
    pub delimiter: Option<char>,
    /// Every sheet name in workbook order (empty for text files).
    pub sheets: Vec<String>,
    /// The sheet that was read.
    pub sheet: Option<String>,
    /// Header row as the user sees it (1-based).
    pub header_row: u32,
    /// Whether the header row was detected (false when the user chose it).
    pub header_detected: bool,
    pub duplicate_headers: Vec<DuplicateHeader>,
    /// File size in bytes.
    pub file_size: u64,
}

/// A file read into a table, with what was detected.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub table: Table,
    pub info: SourceInfo,
}
