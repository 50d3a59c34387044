//! Problems found in cells and rows, with the position the user sees and a message
//! in English or Vietnamese.

use serde::Serialize;

use crate::i18n::Lang;
use crate::source::header_text;

/// What is wrong with a value or a row. Value-level problems come from
/// [`crate::convert`]; row- and file-level ones from validation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// A required field is empty or not mapped.
    Required,
    /// None of the alternatives of a conditional rule is present (`phone or email`).
    MissingOneOf {
        alternatives: super::Alternatives,
    },
    InvalidPhone,
    InvalidEmail,
    InvalidDate,
    /// Shaped like a date but none in the calendar (31/02, month 13); says why.
    NotARealDate {
        fault: crate::convert::CalendarFault,
    },
    InvalidNumber,
    /// An Integer/Long field holds a fraction.
    NotWhole,
    /// A whole number outside the field's range (Integer: 32-bit signed, Long: 64-bit).
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// The number's separators can be read two ways (`1,250`) and the column gives no hint.
    AmbiguousDecimal,
    InvalidBoolean,
    /// A value outside the documented list.
    NotInList {
        allowed: String,
    },
    /// A cell longer than 64 KiB.
    TooLong {
        bytes: usize,
    },
    /// The row has a different number of fields than the header.
    RaggedRow {
        expected: usize,
        found: usize,
    },
    /// Another row has the same key but different values.
    DuplicateKey {
        key: String,
        rows: String,
    },
    /// Another row is identical: it is sent once (a warning).
    DuplicateRow {
        first_row: u32,
    },
    /// A line with no entry key and no entry data (merged cells in Excel leave such
    /// lines): taken as a further line of the entry above (a warning).
    ContinuesEntry {
        key: String,
        first_row: u32,
    },
    /// Another line of the same entry has the same item key (SKU): both lines are
    /// sent (a warning; the docs never say a SKU is unique in an entry).
    DuplicateItem {
        key: String,
        item: String,
        rows: String,
    },
    /// Lines of one entry disagree on an entry-level field.
    GroupConflict {
        key: String,
        other_row: u32,
        other_value: String,
    },
    /// Another line of the same entry has an error, so the entry is not sent.
    GroupInvalid {
        key: String,
        rows: String,
    },
    /// Excel showed an error value (`#N/A`, `#DIV/0!` …) in this cell.
    ExcelError,
    /// The last row(s) of the data name a total ("Tổng cộng", "Total") and hold only
    /// numbers: not sent (a warning, in place of its missing-field errors).
    TotalsRow,
}

impl Problem {
    /// A stable short code for reports and filters.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::MissingOneOf { .. } => "missing_one_of",
            Problem::InvalidPhone => "invalid_phone",
            Problem::InvalidEmail => "invalid_email",
            Problem::InvalidDate | Problem::NotARealDate { .. } => "invalid_date",
            Problem::InvalidNumber => "invalid_number",
            Problem::NotWhole => "not_whole",
            Problem::OutOfRange { .. } => "out_of_range",
            Problem::AmbiguousDecimal => "ambiguous_decimal",
            Problem::InvalidBoolean => "invalid_boolean",
            Problem::NotInList { .. } => "not_in_list",
            Problem::TooLong { .. } => "too_long",
            Problem::RaggedRow { .. } => "ragged_row",
            Problem::DuplicateKey { .. } => "duplicate_key",
            Problem::DuplicateRow { .. } => "duplicate_row",
            Problem::ContinuesEntry { .. } => "continues_entry",
            Problem::DuplicateItem { .. } => "duplicate_item",
            Problem::GroupConflict { .. } => "group_conflict",
            Problem::GroupInvalid { .. } => "group_invalid",
            Problem::ExcelError => "excel_error",
            Problem::TotalsRow => "totals_row",
        }
    }

    /// Warnings do not make a row invalid.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Problem::DuplicateRow { .. }
                | Problem::ContinuesEntry { .. }
                | Problem::DuplicateItem { .. }
                | Problem::TotalsRow
        )
    }

    /// The message in plain words. `field` is the field's label where one applies.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::*;
        match (self, lang) {
            (Problem::Required, En) => "required: this field cannot be empty".into(),
            (Problem::Required, Vi) => "bắt buộc: trường này không được để trống".into(),
            (Problem::MissingOneOf { alternatives }, En) => format!("needs at least one of: {}", alternatives.text(En)),
            (Problem::MissingOneOf { alternatives }, Vi) => format!("cần ít nhất một trong: {}", alternatives.text(Vi)),
            (Problem::InvalidPhone, En) => "not a valid Vietnamese phone number (mobile 10 digits, landline 02x 11 digits)".into(),
            (Problem::InvalidPhone, Vi) => "số điện thoại không hợp lệ (di động 10 số, cố định 02x 11 số)".into(),
            (Problem::InvalidEmail, En) => "not a valid e-mail address (name@domain.com)".into(),
            (Problem::InvalidEmail, Vi) => "email không hợp lệ (ten@tenmien.com)".into(),
            (Problem::InvalidDate, En) => "not a date this importer can read (use day/month/year, e.g. 15/01/2024, or 2024-01-15)".into(),
            (Problem::InvalidDate, Vi) => "ngày không đọc được (dùng ngày/tháng/năm, ví dụ 15/01/2024, hoặc 2024-01-15)".into(),
            (Problem::NotARealDate { fault }, _) => fault.message(lang),
            (Problem::InvalidNumber, En) => "not a number".into(),
            (Problem::InvalidNumber, Vi) => "không phải là số".into(),
            (Problem::NotWhole, En) => "must be a whole number".into(),
            (Problem::NotWhole, Vi) => "phải là số nguyên".into(),
            (Problem::OutOfRange { min, max }, En) => format!("the number is out of range for this field (from {min} to {max})"),
            (Problem::OutOfRange { min, max }, Vi) => format!("số nằm ngoài khoảng cho phép của trường này (từ {min} đến {max})"),
            (Problem::AmbiguousDecimal, En) => "the separator can be read two ways (1,250 = 1250 or 1.25?); pick the decimal mark in this column's options".into(),
            (Problem::AmbiguousDecimal, Vi) => "dấu phân cách có thể hiểu hai cách (1,250 = 1250 hay 1.25?); hãy chọn dấu thập phân trong tùy chọn của cột".into(),
            (Problem::InvalidBoolean, En) => "not a yes/no value (use true/false, yes/no, 1/0, có/không or x)".into(),
            (Problem::InvalidBoolean, Vi) => "không phải giá trị có/không (dùng true/false, yes/no, 1/0, có/không hoặc x)".into(),
            (Problem::NotInList { allowed }, En) => format!("not an allowed value; use one of: {allowed}"),
            (Problem::NotInList { allowed }, Vi) => format!("giá trị không được phép; dùng một trong: {allowed}"),
            (Problem::TooLong { bytes }, En) => format!("the cell is too long ({bytes} bytes; at most 65,536)"),
            (Problem::TooLong { bytes }, Vi) => format!("ô quá dài ({bytes} byte; tối đa 65.536)"),
            (Problem::RaggedRow { expected, found }, En) => format!("the row has {found} fields but the header has {expected}; values may be in the wrong columns"),
            (Problem::RaggedRow { expected, found }, Vi) => format!("dòng có {found} cột nhưng tiêu đề có {expected}; giá trị có thể bị lệch cột"),
            (Problem::DuplicateKey { key, rows }, En) => format!("the key {key} also appears on row {rows} with different values; keep one and fix or delete the other"),
            (Problem::DuplicateKey { key, rows }, Vi) => format!("mã {key} cũng có ở dòng {rows} với giá trị khác; hãy giữ một dòng và sửa hoặc xóa dòng kia"),
            (Problem::DuplicateRow { first_row }, En) => format!("same as row {first_row}; it will be sent once"),
            (Problem::DuplicateRow { first_row }, Vi) => format!("trùng với dòng {first_row}; chỉ gửi một lần"),
            (Problem::ContinuesEntry { key, first_row }, En) => format!("no key on this line: taken as a further line of {key} (row {first_row} and below)"),
            (Problem::ContinuesEntry { key, first_row }, Vi) => format!("dòng này không có mã: được tính là một dòng nữa của {key} (từ dòng {first_row})"),
            (Problem::DuplicateItem { key, item, rows }, En) => format!("{key} has another line for {item} on row {rows}; both lines are sent"),
            (Problem::DuplicateItem { key, item, rows }, Vi) => format!("{key} có một dòng {item} khác ở dòng {rows}; cả hai dòng đều được gửi"),
            (Problem::GroupConflict { key, other_row, other_value }, En) => format!("lines of {key} disagree: row {other_row} has \"{other_value}\""),
            (Problem::GroupConflict { key, other_row, other_value }, Vi) => format!("các dòng của {key} không khớp: dòng {other_row} ghi \"{other_value}\""),
            (Problem::GroupInvalid { key, rows }, En) => format!("{key} is not sent because of errors on row {rows}"),
            (Problem::GroupInvalid { key, rows }, Vi) => format!("{key} không được gửi vì có lỗi ở dòng {rows}"),
            (Problem::ExcelError, En) => "Excel shows an error in this cell".into(),
            (Problem::ExcelError, Vi) => "Excel báo lỗi ở ô này".into(),
            (Problem::TotalsRow, En) => "looks like a totals row — not sent".into(),
            (Problem::TotalsRow, Vi) => "có vẻ là dòng tổng cộng — không gửi".into(),
        }
    }
}

/// A problem at a position in the file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// Row number as the user sees it (1-based, header counted).
    pub row: u32,
    /// Header text of the column, if the problem is in one cell.
    pub column: Option<String>,
    /// 0-based column index, if the problem is in one cell.
    #[serde(skip)]
    pub column_index: Option<usize>,
    /// The field (`phone`, `items.productSku`), where one applies.
    pub field: Option<String>,
    /// The value as it is in the file.
    pub value: String,
    pub problem: Problem,
}

impl Issue {
    /// The message in plain words (the English one is what the CLI prints).
    pub fn message(&self, lang: Lang) -> String {
        self.problem.message(lang)
    }

    /// The message after its column's header, as the user reads it in `lang`
    /// ("Cột C: …" for a column without a header); the message alone when the issue
    /// is in no column.
    pub fn located_message(&self, lang: Lang) -> String {
        match self.column.as_deref().filter(|c| !c.is_empty()) {
            Some(col) => format!("{}: {}", header_text(col, lang), self.message(lang)),
            None => self.message(lang),
        }
    }

    pub fn is_warning(&self) -> bool {
        self.problem.is_warning()
    }
}
