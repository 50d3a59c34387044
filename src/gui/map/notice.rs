//! The one-line message the screen shows after an action: a field moved from one
//! column to another, a fixed value replaced a column, a template was saved …

use eframe::egui;

use crate::gui::text::tr;
use crate::i18n::Lang;

use super::MapState;
use super::state::{Action, pick};

/// Something the screen tells the user once, after an action.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Notice {
    /// A field was taken from column `from` and given to column `to`.
    Moved {
        path: String,
        from: usize,
        to: usize,
    },
    /// A column mapping gave way to a fixed value for the same field.
    ColumnReplaced {
        path: String,
        column: usize,
    },
    /// A fixed value gave way to a column for the same field.
    ConstantReplaced {
        path: String,
        column: usize,
    },
    CustomAdded {
        code: String,
    },
    TemplateSaved {
        name: String,
    },
    TemplateFailed {
        name: String,
        error: String,
    },
}

/// The one-line message after an action (a field moved, a template saved …).
pub(super) fn ui(ui: &mut egui::Ui, st: &MapState, lang: Lang, actions: &mut Vec<Action>) {
    let Some(notice) = &st.notice else { return };
    let (text, bad) = message(st, notice, lang);
    ui.horizontal(|ui| {
        let color = if bad {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().hyperlink_color
        };
        ui.label(egui::RichText::new(text).color(color));
        if ui.small_button(tr(lang, "OK", "Đã hiểu")).clicked() {
            actions.push(Action::DismissNotice);
        }
    });
}

/// What `notice` says in `lang`, and whether it reports a failure.
fn message(st: &MapState, notice: &Notice, lang: Lang) -> (String, bool) {
    match notice {
        Notice::Moved { path, from, to } => {
            let field = st.field_label(path, lang);
            let (from, to) = (st.column_name(*from, lang), st.column_name(*to, lang));
            (
                pick(
                    lang,
                    format!("“{field}” moved from {from} to {to}; {from} is now not mapped."),
                    format!("“{field}” đã chuyển từ {from} sang {to}; {from} giờ chưa được ghép."),
                ),
                false,
            )
        }
        Notice::ColumnReplaced { path, column } => (
            field_then_column(
                st,
                lang,
                path,
                *column,
                ("now has a fixed value; ", " is no longer mapped."),
                ("giờ dùng giá trị cố định; ", " không còn được ghép."),
            ),
            false,
        ),
        Notice::ConstantReplaced { path, column } => (
            field_then_column(
                st,
                lang,
                path,
                *column,
                ("now comes from ", "; its fixed value was removed."),
                ("giờ lấy từ ", "; giá trị cố định đã được bỏ."),
            ),
            false,
        ),
        Notice::CustomAdded { code } => (
            pick(
                lang,
                format!("Custom field {code} added; pick it in a column's field list."),
                format!(
                    "Đã thêm trường tùy chỉnh {code}; chọn nó trong danh sách trường của một cột."
                ),
            ),
            false,
        ),
        Notice::TemplateSaved { name } => (
            pick(
                lang,
                format!(
                    "Template “{name}” saved. Next month's file with these columns will use it by itself."
                ),
                format!("Đã lưu mẫu “{name}”. Tháng sau, tệp có các cột này sẽ tự dùng mẫu."),
            ),
            false,
        ),
        Notice::TemplateFailed { name, error } => (
            pick(
                lang,
                format!("Could not save template “{name}”: {error}"),
                format!("Không lưu được mẫu “{name}”: {error}"),
            ),
            true,
        ),
    }
}

/// “Field” then the words between, the column's name and the words after, in `lang`:
/// `en` and `vi` each hold (between, after).
fn field_then_column(
    st: &MapState,
    lang: Lang,
    path: &str,
    column: usize,
    en: (&'static str, &'static str),
    vi: (&'static str, &'static str),
) -> String {
    let (between, after) = match lang {
        Lang::En => en,
        Lang::Vi => vi,
    };
    format!(
        "“{}” {between}{}{after}",
        st.field_label(path, lang),
        st.column_name(column, lang)
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::gui::map::MapInput;

    #[test]
    fn messages_name_the_field_and_the_columns_in_both_languages() {
        let st = MapState::new(
            MapInput {
                file_name: "khach-hang.csv".into(),
                headers: vec!["Mã KH".into(), "Số điện thoại".into(), "Ghi chú".into()],
                samples: Vec::new(),
                templates_dir: PathBuf::from("/nonexistent/pango-map-tests"),
            },
            None,
        );
        let moved = Notice::Moved {
            path: "phone".into(),
            from: 1,
            to: 2,
        };
        let column = Notice::ColumnReplaced {
            path: "customerId".into(),
            column: 0,
        };
        let constant = Notice::ConstantReplaced {
            path: "phone".into(),
            column: 1,
        };
        let cases = [
            (
                &moved,
                Lang::En,
                "“Phone” moved from column B (Số điện thoại) to column C (Ghi chú); \
                 column B (Số điện thoại) is now not mapped.",
            ),
            (
                &moved,
                Lang::Vi,
                "“Số điện thoại” đã chuyển từ cột B (Số điện thoại) sang cột C (Ghi chú); \
                 cột B (Số điện thoại) giờ chưa được ghép.",
            ),
            (
                &column,
                Lang::En,
                "“Customer ID” now has a fixed value; column A (Mã KH) is no longer mapped.",
            ),
            (
                &column,
                Lang::Vi,
                "“Mã khách hàng” giờ dùng giá trị cố định; cột A (Mã KH) không còn được ghép.",
            ),
            (
                &constant,
                Lang::En,
                "“Phone” now comes from column B (Số điện thoại); its fixed value was removed.",
            ),
            (
                &constant,
                Lang::Vi,
                "“Số điện thoại” giờ lấy từ cột B (Số điện thoại); giá trị cố định đã được bỏ.",
            ),
        ];
        for (notice, lang, text) in cases {
            assert_eq!(
                message(&st, notice, lang),
                (text.to_string(), false),
                "{notice:?} in {lang:?}"
            );
        }
    }
}
