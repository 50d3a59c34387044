//! Reading files: detect the format by content, decode text (any common encoding,
//! result NFC), detect the delimiter, pick the sheet and header row, and build a
//! [`Table`] whose rows keep the numbers the user sees.

mod table;

pub use table::{CellKind, RaggedRow, Table, TableBuilder, TooLarge};

use std::path::PathBuf;

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
