//! The issues of a validation grouped by kind (problem and column), with the rows of
//! each group: built once per validation (on the background thread after an edit),
//! never per frame.

use std::collections::HashMap;

use crate::gui::text::{count, tr};
use crate::i18n::Lang;
use crate::source::{Table, header_text};
use crate::validate::{Issue, Validation};

/// What makes issues one kind: the problem's code, the column (if any) and, for
/// problems whose wording depends on a rule, that wording.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KindKey {
    pub code: &'static str,
    pub column: Option<usize>,
    pub detail: String,
}

impl KindKey {
    fn of(issue: &Issue) -> Self {
        let detail = match issue.problem.code() {
            // "needs at least one of: phone, email" differs from rule to rule.
            "missing_one_of" => issue.message(Lang::En),
            _ => String::new(),
        };
        Self {
            code: issue.problem.code(),
            column: issue.column_index,
            detail,
        }
    }
}

/// One kind of issue and the rows that have it.
#[derive(Clone, Debug)]
pub struct Group {
    pub key: KindKey,
    /// The header of the column, if the issue is in one.
    pub column: Option<String>,
    /// A representative issue (for its wording).
    pub sample: Issue,
    pub warning: bool,
    /// Table row indices, ascending, each once.
    pub rows: Vec<u32>,
}

impl Group {
    /// "312 rows: phone number not valid (Số điện thoại)".
    pub fn label(&self, lang: Lang) -> String {
        let n = count(lang, self.rows.len());
        let rows = match (lang, self.rows.len()) {
            (Lang::En, 1) => format!("{n} row"),
            (Lang::En, _) => format!("{n} rows"),
            (Lang::Vi, _) => format!("{n} dòng"),
        };
        let what = kind_title(&self.sample, lang);
        match &self.column {
            Some(col) => format!("{rows}: {what} ({})", header_text(col, lang)),
            None => format!("{rows}: {what}"),
        }
    }
}

/// Counts and groups for the summary panel.
#[derive(Clone, Debug, Default)]
pub struct CheckSummary {
    pub rows: usize,
    pub valid: usize,
    pub invalid: usize,
    /// Warnings (issues that do not stop a row).
    pub warnings: usize,
    /// Errors first, then warnings; within each, the most rows first.
    pub groups: Vec<Group>,
}

impl CheckSummary {
    pub fn build(table: &Table, v: &Validation) -> Self {
        let mut index: HashMap<KindKey, usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut warnings = 0;
        for issue in &v.issues {
            if issue.is_warning() {
                warnings += 1;
            }
            let Some(r) = table.index_of_row_number(issue.row) else {
                continue;
            };
            let key = KindKey::of(issue);
            let gi = *index.entry(key.clone()).or_insert_with(|| {
                groups.push(Group {
                    key,
                    column: issue.column.clone(),
                    sample: issue.clone(),
                    warning: issue.is_warning(),
                    rows: Vec::new(),
                });
                groups.len() - 1
            });
            let rows = &mut groups[gi].rows;
            // Issues come in row order, so a repeat is always the last one pushed.
            if rows.last() != Some(&(r as u32)) {
                rows.push(r as u32);
            }
        }
        groups.sort_by(|a, b| {
            a.warning
                .cmp(&b.warning)
                .then(b.rows.len().cmp(&a.rows.len()))
                .then(a.key.column.cmp(&b.key.column))
        });
        Self {
            rows: v.rows(),
            valid: v.valid,
            invalid: v.invalid,
            warnings,
            groups,
        }
    }

    pub fn group(&self, key: &KindKey) -> Option<&Group> {
        self.groups.iter().find(|g| &g.key == key)
    }

    /// "998 rows valid · 2 rows with errors · 1 warning".
    pub fn counts_line(&self, lang: Lang) -> String {
        let (v, i, w) = (
            count(lang, self.valid),
            count(lang, self.invalid),
            count(lang, self.warnings),
        );
        match lang {
            Lang::En => format!(
                "{v} {} valid · {i} {} with errors · {w} {}",
                plural(self.valid, "row", "rows"),
                plural(self.invalid, "row", "rows"),
                plural(self.warnings, "warning", "warnings"),
            ),
            Lang::Vi => format!("{v} dòng hợp lệ · {i} dòng có lỗi · {w} cảnh báo"),
        }
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// A short name for the kind of an issue ("phone number not valid").
pub fn kind_title(issue: &Issue, lang: Lang) -> String {
    let t = |en, vi| tr(lang, en, vi).to_string();
    match issue.problem.code() {
        "required" => t("required field is empty", "thiếu trường bắt buộc"),
        "missing_one_of" => issue.message(lang),
        "invalid_phone" => t("phone number not valid", "số điện thoại không hợp lệ"),
        "invalid_email" => t("e-mail not valid", "email không hợp lệ"),
        "invalid_date" => t(
            "date cannot be read or is not a real date",
            "ngày không đọc được hoặc không có thật",
        ),
        "totals_row" => t("totals row, not sent", "dòng tổng cộng, không gửi"),
        "invalid_number" => t("not a number", "không phải là số"),
        "not_whole" => t("not a whole number", "không phải số nguyên"),
        "out_of_range" => t("number out of range", "số ngoài khoảng cho phép"),
        "ambiguous_decimal" => t("decimal mark unclear", "dấu thập phân không rõ"),
        "invalid_boolean" => t("not a yes/no value", "không phải giá trị có/không"),
        "not_in_list" => t("value not allowed", "giá trị không được phép"),
        "too_long" => t("cell too long", "ô quá dài"),
        "ragged_row" => t("wrong number of fields", "sai số cột"),
        "duplicate_key" => t("same key, different values", "trùng mã nhưng khác giá trị"),
        "duplicate_row" => t("identical row, sent once", "dòng trùng, chỉ gửi một lần"),
        "continues_entry" => t(
            "line without a key, joined to the entry above",
            "dòng không có mã, gộp vào mục phía trên",
        ),
        "duplicate_item" => t(
            "same product twice in one entry, both sent",
            "một sản phẩm hai lần trong một mục, gửi cả hai",
        ),
        "group_conflict" => t(
            "lines of one entry disagree",
            "các dòng của một mục không khớp",
        ),
        "group_invalid" => t(
            "not sent: another line of the entry has errors",
            "không gửi: dòng khác của mục có lỗi",
        ),
        "excel_error" => t("Excel error value", "ô có lỗi Excel"),
        _ => issue.message(lang),
    }
}
