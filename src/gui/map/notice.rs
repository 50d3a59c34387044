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
    let (text, bad) = match notice {
        Notice::Moved { path, from, to } => (
            pick(
                lang,
                format!(
                    "“{}” moved from {} to {}; {} is now not mapped.",
                    st.field_label(path, lang),
                    st.column_name(*from, lang),
                    st.column_name(*to, lang),
                    st.column_name(*from, lang),
                ),
                format!(
                    "“{}” đã chuyển từ {} sang {}; {} giờ chưa được ghép.",
                    st.field_label(path, lang),
                    st.column_name(*from, lang),
                    st.column_name(*to, lang),
                    st.column_name(*from, lang),
                ),
            ),
            false,
        ),
        Notice::ColumnReplaced { path, column } => (
            pick(
                lang,
                format!(
                    "“{}” now has a fixed value; {} is no longer mapped.",
                    st.field_label(path, lang),
                    st.column_name(*column, lang)
                ),
                format!(
                    "“{}” giờ dùng giá trị cố định; {} không còn được ghép.",
                    st.field_label(path, lang),
                    st.column_name(*column, lang)
                ),
            ),
            false,
        ),
        Notice::ConstantReplaced { path, column } => (
            pick(
                lang,
                format!(
                    "“{}” now comes from {}; its fixed value was removed.",
                    st.field_label(path, lang),
                    st.column_name(*column, lang)
                ),
                format!(
                    "“{}” giờ lấy từ {}; giá trị cố định đã được bỏ.",
                    st.field_label(path, lang),
                    st.column_name(*column, lang)
                ),
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
    };
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
