//! Command-line arguments (the contract of design.md §3).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use pango_importer::convert::Offset;
use pango_importer::i18n::Lang;
use pango_importer::source::ReadOptions;

#[derive(Parser, Debug)]
#[command(
    name = "pango-importer-cli",
    version = pango_importer::VERSION_LINE,
    about = "Check CSV/Excel files and load them into PangoCDP (headless)",
    long_about = "Check CSV/Excel files and load them into PangoCDP through its Data Ingestion API.\n\
                  Exit codes: 0 success; 1 invalid rows; 2 usage, file or login error; \
                  3 rows sent but not accepted."
)]
pub struct Cli {
    /// Language of messages: en or vi.
    #[arg(long, global = true, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show what was detected in a file: format, encoding, delimiter, sheets, header row, columns.
    Inspect(InspectArgs),
    /// List the object types and their fields.
    Objects(ObjectsArgs),
    /// Check every row of a file against an object type; report the issues.
    Validate(ValidateArgs),
    /// Validate, then send the valid rows to Pango in batches (see --dry-run).
    Upload(UploadArgs),
    /// Run a local server that speaks the same API, to try everything without an account.
    Sandbox(crate::sandbox_cmd::SandboxArgs),
    /// Save a connection profile and store its API key in the system keychain.
    Login(crate::login_cmd::LoginArgs),
}

impl Command {
    pub fn json(&self) -> bool {
        match self {
            Command::Inspect(a) => a.json,
            Command::Objects(a) => a.json,
            Command::Validate(a) => a.common.json,
            Command::Upload(a) => a.common.json,
            Command::Sandbox(_) | Command::Login(_) => false,
        }
    }
}

/// How to read the file (all detected when left out).
#[derive(Args, Debug, Clone, Default)]
pub struct ReadArgs {
    /// Sheet name (workbooks).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Header row as numbered in Excel / in the file (1-based).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// Text encoding label: UTF-8, UTF-16LE, UTF-16BE, windows-1258, windows-1252 …
    #[arg(long)]
    pub encoding: Option<String>,
    /// Field delimiter: , ; | tab (or \t), or any single character.
    #[arg(long, value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
}

impl ReadArgs {
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            sheet: self.sheet.clone(),
            header_row: self.header_row,
            encoding: self.encoding.clone(),
            delimiter: self.delimiter,
        }
    }
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    pub file: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ObjectsArgs {
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// What validate and upload share.
#[derive(Args, Debug)]
pub struct CommonArgs {
    pub file: PathBuf,
    /// Object type (objectType), e.g. customer-identity, order, product; `auto`
    /// picks the type whose fields best match the file's headers (and says why).
    #[arg(long)]
    pub object: String,
    /// Mapping file (JSON; see README).
    #[arg(
        long,
        conflicts_with = "auto_map",
        required_unless_present = "auto_map"
    )]
    pub mapping: Option<PathBuf>,
    /// Match columns to fields from their headers (Vietnamese or English).
    #[arg(long)]
    pub auto_map: bool,
    /// Write the mapping that was used to this file (to edit and reuse).
    #[arg(long)]
    pub save_mapping: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Fixed UTC offset of the file's dates, e.g. +07:00 or -05:00.
    #[arg(long, value_parser = parse_offset, allow_hyphen_values = true)]
    pub timezone: Option<Offset>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Write every issue to this file: CSV (UTF-8 with BOM), or an Excel workbook when
    /// the name ends in .xlsx (headers and statuses in --lang).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// How many issues --json lists (issues_total counts all).
    #[arg(long, default_value_t = 1000)]
    pub max_issues: usize,
}

#[derive(Args, Debug)]
pub struct UploadArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The envelope's source (default: the mapping's, else PangoImporter).
    #[arg(long)]
    pub source: Option<String>,
    /// Entries per request, 1–50.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=50))]
    pub batch_size: u16,
    /// Validate and build every request body, but send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write each request body (one JSON object per line) to this file.
    #[arg(long)]
    pub payload_out: Option<PathBuf>,
    /// Journal file that makes the upload resumable.
    #[arg(long)]
    pub journal: Option<PathBuf>,
    /// Write one line per file row (row,key,status,reason) to this file: CSV, or an
    /// Excel workbook when the name ends in .xlsx (headers and statuses in --lang).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Connection profile (see `login`); default: the last one used, else production.
    #[arg(long)]
    pub profile: Option<String>,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=16))]
    pub concurrency: u16,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" | "TAB" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "pipe" => Ok(b'|'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "'{s}' is not a delimiter; use one character such as , ; | or tab"
        )),
    }
}

fn parse_offset(s: &str) -> Result<Offset, String> {
    Offset::parse(s).ok_or_else(|| format!("'{s}' is not a UTC offset; write it like +07:00"))
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s.to_ascii_lowercase().as_str() {
        "en" | "english" => Ok(Lang::En),
        "vi" | "vn" | "vietnamese" | "tieng viet" => Ok(Lang::Vi),
        _ => Err(format!("'{s}' is not a language; use en or vi")),
    }
}
