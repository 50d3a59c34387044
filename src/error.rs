//! Errors that stop a whole operation (a file that cannot be read, a mapping that
//! does not fit). Problems with single cells are not errors: they are
//! [`crate::validate::Issue`]s.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

mod vi;

/// Why a file could not be read (or a mapping could not be applied to it).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileErrorKind {
    #[error("cannot open the file: {0}")]
    Io(String),
    #[error("the file is empty")]
    Empty,
    #[error("the file has a header row but no data rows")]
    HeaderOnly,
    #[error("this is not a text table or a spreadsheet (it looks like binary data)")]
    Binary,
    #[error(
        "this is a web page (HTML) saved with a spreadsheet name; open it in Excel and use \
         File > Save As > Excel Workbook (.xlsx) or CSV UTF-8, then pick the new file"
    )]
    HtmlDisguised,
    #[error(
        "the workbook is protected with a password, so it cannot be read; open it in Excel, \
         choose File > Info > Protect Workbook > Encrypt with Password, clear the password, \
         save, then pick the file again"
    )]
    Encrypted { format: String },
    #[error("the workbook is damaged or not a real {format} file: {detail}")]
    BadWorkbook { format: String, detail: String },
    #[error(
        "the text is not valid {encoding}; choose the file's encoding (for example windows-1258)"
    )]
    BadEncoding { encoding: String },
    #[error(
        "unknown encoding '{0}'; use a label such as UTF-8, UTF-16LE, windows-1258 or windows-1252"
    )]
    UnknownEncoding(String),
    #[error("a quoted value is never closed (the file may be cut off)")]
    UnterminatedQuote,
    #[error("the workbook has no sheet named '{0}'")]
    NoSuchSheet(String),
    #[error("the sheet '{0}' is empty")]
    EmptySheet(String),
    #[error("header row {row} is past the end of the data ({rows} rows)")]
    HeaderRowOutOfRange { row: u32, rows: u32 },
    #[error("the file is too large to load (over 4 GiB of text)")]
    TooLarge,
    #[error(
        "the header '{header}' appears twice (columns {first} and {second}); rename one, or map columns by position in a mapping file"
    )]
    DuplicateHeader {
        header: String,
        first: String,
        second: String,
    },
    #[error("no column named '{0}' in the file")]
    NoSuchColumn(String),
    #[error(transparent)]
    Mapping(#[from] crate::mapping::MappingError),
    #[error("the operation was cancelled")]
    Cancelled,
}

impl FileErrorKind {
    /// Why, in `lang` (English is the `Display`, which the CLI prints).
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Vi => vi::kind(self),
        }
    }
}

/// A [`crate::mapping::MappingError`] in `lang`.
pub fn mapping_message(e: &crate::mapping::MappingError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Vi => vi::mapping(e),
    }
}

/// A [`FileErrorKind`] with the file, and the row and column where they apply.
/// Rows are 1-based as the user sees them (header and title rows counted).
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub kind: FileErrorKind,
    pub file: PathBuf,
    pub row: Option<u32>,
    pub column: Option<String>,
}

impl FileError {
    pub fn new(file: &Path, kind: FileErrorKind) -> Self {
        Self {
            kind,
            file: file.to_path_buf(),
            row: None,
            column: None,
        }
    }

    pub fn at_row(mut self, row: u32) -> Self {
        self.row = Some(row);
        self
    }

    pub fn at_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// The message in `lang`, naming the file (its name only), row and column:
    /// "khach.csv, dòng 17, cột Email: …".
    pub fn message(&self, lang: Lang) -> String {
        let mut place = self.file_name();
        let (row, column) = match lang {
            Lang::En => ("row", "column"),
            Lang::Vi => ("dòng", "cột"),
        };
        if let Some(r) = self.row {
            place.push_str(&format!(", {row} {r}"));
        }
        if let Some(c) = &self.column {
            let c = crate::source::header_text(c, lang);
            place.push_str(&format!(", {column} {c}"));
        }
        format!("{place}: {}", self.kind.message(lang))
    }

    /// Just the file name, as shown to users.
    pub fn file_name(&self) -> String {
        self.file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.file.display().to_string())
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ", column {col}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for FileError {}

/// Excel-style column letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Parses Excel column letters (case-insensitive) or a 1-based number to a 0-based index.
pub fn parse_column_ref(s: &str) -> Option<usize> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<usize>() {
        return n.checked_sub(1);
    }
    let mut n: usize = 0;
    for b in s.bytes() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        n = n
            .checked_mul(26)?
            .checked_add((b.to_ascii_uppercase() - b'A' + 1) as usize)?;
    }
    n.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (i, l) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letter(i), l);
            assert_eq!(parse_column_ref(l), Some(i));
        }
        assert_eq!(parse_column_ref("3"), Some(2));
        assert_eq!(parse_column_ref("b"), Some(1));
        assert_eq!(parse_column_ref("0"), None);
        assert_eq!(parse_column_ref("A1"), None);
    }

    /// A quote left open on row 17 of "khach hang.csv", in `column`.
    fn open_quote(column: &str) -> FileError {
        FileError::new(
            Path::new("/tmp/khach hang.csv"),
            FileErrorKind::UnterminatedQuote,
        )
        .at_row(17)
        .at_column(column)
    }

    #[test]
    fn display_names_file_row_and_column() {
        let s = open_quote("Email").to_string();
        assert!(
            s.contains("khach hang.csv") && s.contains("row 17") && s.contains("column Email"),
            "{s}"
        );
    }

    #[test]
    fn the_message_is_in_the_app_language_and_names_file_row_and_column() {
        let e = open_quote("Column C");
        assert_eq!(
            e.message(Lang::Vi),
            "khach hang.csv, dòng 17, cột Cột C: có một giá trị mở ngoặc kép mà không đóng \
             (tệp có thể bị cắt cụt)"
        );
        assert_eq!(
            e.message(Lang::En),
            "khach hang.csv, row 17, column Column C: a quoted value is never closed \
             (the file may be cut off)"
        );
        // The CLI's text (Display) stays English.
        assert!(
            e.to_string()
                .ends_with("a quoted value is never closed (the file may be cut off)")
        );
    }

    #[test]
    fn every_file_error_has_its_own_vietnamese() {
        use crate::mapping::MappingError;
        let kinds = [
            FileErrorKind::Io("os error 2".into()),
            FileErrorKind::Empty,
            FileErrorKind::HeaderOnly,
            FileErrorKind::Binary,
            FileErrorKind::HtmlDisguised,
            FileErrorKind::Encrypted {
                format: "xlsx".into(),
            },
            FileErrorKind::BadWorkbook {
                format: "xlsx".into(),
                detail: "zip".into(),
            },
            FileErrorKind::BadEncoding {
                encoding: "UTF-8".into(),
            },
            FileErrorKind::UnknownEncoding("latin9".into()),
            FileErrorKind::NoSuchSheet("Tháng 10".into()),
            FileErrorKind::EmptySheet("Sheet1".into()),
            FileErrorKind::HeaderRowOutOfRange { row: 9, rows: 3 },
            FileErrorKind::TooLarge,
            FileErrorKind::NoSuchColumn("SĐT".into()),
            FileErrorKind::Mapping(MappingError::NoColumn),
            FileErrorKind::Cancelled,
        ];
        for k in &kinds {
            let (en, vi) = (k.message(Lang::En), k.message(Lang::Vi));
            assert_eq!(en, k.to_string());
            assert!(vi != en && !vi.is_ascii(), "{en} -> {vi}");
        }
        assert_eq!(
            FileErrorKind::NoSuchSheet("Tháng 10".into()).message(Lang::Vi),
            "sổ làm việc không có trang tính tên 'Tháng 10'"
        );
        assert_eq!(FileErrorKind::Empty.message(Lang::Vi), "tệp trống");
    }

    #[test]
    fn a_mapping_error_names_the_field_by_its_label_in_vietnamese() {
        use crate::mapping::MappingError::FieldFedTwice;
        let said = |path: &str| {
            FileErrorKind::Mapping(FieldFedTwice { field: path.into() }).message(Lang::Vi)
        };
        assert_eq!(
            said("phone"),
            "trường Số điện thoại (phone) được lấy từ hai cột; hãy chỉ gán từ một cột"
        );
        assert!(
            said("items.productSku").starts_with("trường Mã sản phẩm"),
            "{}",
            said("items.productSku")
        );
        assert!(said("customField01").starts_with("trường 'customField01'"));
        // The CLI's English names the field as the mapping file does.
        let en = FileErrorKind::Mapping(FieldFedTwice {
            field: "phone".into(),
        })
        .message(Lang::En);
        assert_eq!(en, "field 'phone' is fed by two columns; map it from one");
    }
}
