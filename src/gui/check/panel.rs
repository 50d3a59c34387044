//! The side panel: counts, issue kinds (click one to filter the table), "Only rows
//! with errors", "Show values as sent", the export, and what to upload.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Color32, RichText, Ui};

use crate::gui::open;
use crate::gui::text::{count, tr};
use crate::gui::widgets;
use crate::i18n::Lang;

use super::paint::{self, Severity};
use super::tasks::Export;
use super::{Action, CheckState, Filter, UploadChoice};

pub fn show(ui: &mut Ui, st: &CheckState, lang: Lang, actions: &mut Vec<Action>) {
    ui.add_space(6.0);
    ui.heading(tr(lang, "Check the rows", "Kiểm tra dữ liệu"));
    ui.label(st.summary.counts_line(lang));
    if st.busy() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr(lang, "Checking again…", "Đang kiểm tra lại…"));
        });
    }
    if let Some(e) = &st.revalidate_error {
        ui.colored_label(
            Color32::from_rgb(200, 40, 40),
            format!(
                "{}: {e}",
                tr(lang, "Could not check again", "Không kiểm tra lại được")
            ),
        );
        if ui.button(tr(lang, "Check again", "Kiểm tra lại")).clicked() {
            actions.push(Action::Recheck);
        }
    }
    if !st.edits.is_empty() {
        let n = count(lang, st.edits.len());
        ui.weak(match lang {
            Lang::En => format!("{n} cell(s) fixed here; the file itself is unchanged."),
            Lang::Vi => format!("Đã sửa {n} ô tại đây; tệp gốc không thay đổi."),
        });
    }

    if let Some(rj) = &st.rejected {
        ui.separator();
        let n = count(lang, rj.rows.len());
        ui.label(
            RichText::new(match lang {
                Lang::En => format!("The server rejected {n} row(s). Fix them, then upload again."),
                Lang::Vi => format!("Máy chủ đã từ chối {n} dòng. Hãy sửa rồi gửi lại."),
            })
            .strong(),
        );
        if rj.unknown > 0 {
            ui.weak(match lang {
                Lang::En => format!("{} rejected row(s) are not in this table.", rj.unknown),
                Lang::Vi => format!("{} dòng bị từ chối không có trong bảng này.", rj.unknown),
            });
        }
        let on = st.filter == Filter::Rejected;
        if ui
            .selectable_label(on, tr(lang, "Rejected rows", "Các dòng bị từ chối"))
            .clicked()
        {
            actions.push(Action::SetFilter(if on {
                Filter::All
            } else {
                Filter::Rejected
            }));
        }
    }

    ui.separator();
    let mut errors_only = st.filter == Filter::Errors;
    if ui
        .checkbox(
            &mut errors_only,
            tr(lang, "Only rows with errors", "Chỉ hiện dòng lỗi"),
        )
        .changed()
    {
        actions.push(Action::SetFilter(if errors_only {
            Filter::Errors
        } else {
            Filter::All
        }));
    }
    let mut show_sent = st.show_sent;
    if ui
        .checkbox(
            &mut show_sent,
            tr(lang, "Show values as sent", "Hiện giá trị sẽ gửi"),
        )
        .on_hover_ui(|ui| {
            ui.label(tr(
                lang,
                "A value that changes on the way is shown as",
                "Giá trị được chuyển đổi sẽ hiện dạng",
            ));
            let color = ui.visuals().text_color();
            let (a, b) = (tr(lang, "original", "gốc"), tr(lang, "sent", "sẽ gửi"));
            ui.label(paint::arrow_text(ui, a, b, color, false));
        })
        .changed()
    {
        actions.push(Action::ShowSent(show_sent));
    }

    ui.separator();
    ui.strong(tr(lang, "Issues by kind", "Vấn đề theo loại"));
    if st.summary.groups.is_empty() {
        ui.label(tr(lang, "No issues found.", "Không có vấn đề nào."));
    }
    egui::ScrollArea::vertical()
        .id_salt("check-kinds")
        .max_height(ui.available_height() * 0.45)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for g in &st.summary.groups {
                let on = st.filter == Filter::Kind(g.key.clone());
                let sev = if g.warning {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                ui.horizontal(|ui| {
                    paint::icon_widget(ui, sev, ui.text_style_height(&egui::TextStyle::Body));
                    let resp = ui
                        .selectable_label(on, g.label(lang))
                        .on_hover_text(g.sample.message(lang));
                    if resp.clicked() {
                        actions.push(Action::SetFilter(if on {
                            Filter::All
                        } else {
                            Filter::Kind(g.key.clone())
                        }));
                    }
                });
            }
        });
    if !matches!(st.filter, Filter::All)
        && ui
            .button(tr(lang, "Show all rows", "Hiện tất cả các dòng"))
            .clicked()
    {
        actions.push(Action::SetFilter(Filter::All));
    }

    ui.separator();
    export_section(ui, st, lang, actions);

    ui.separator();
    ui.strong(tr(lang, "Rows with errors", "Các dòng có lỗi"));
    let mut choice = st.choice;
    let a = ui.radio_value(
        &mut choice,
        UploadChoice::ValidOnly,
        tr(lang, "Upload valid rows only", "Chỉ gửi các dòng hợp lệ"),
    );
    let b = ui.radio_value(
        &mut choice,
        UploadChoice::FixFirst,
        tr(lang, "Fix everything first", "Sửa hết lỗi trước"),
    );
    if (a.changed() || b.changed()) && choice != st.choice {
        actions.push(Action::Choose(choice));
    }
    if let Some(why) = st.blocker(lang) {
        ui.colored_label(Color32::from_rgb(200, 40, 40), why);
    } else if st.validation.invalid > 0 {
        let n = count(lang, st.validation.invalid);
        ui.weak(match lang {
            Lang::En => format!("{n} row(s) with errors will not be sent."),
            Lang::Vi => format!("{n} dòng có lỗi sẽ không được gửi."),
        });
    }
}

fn export_section(ui: &mut Ui, st: &CheckState, lang: Lang, actions: &mut Vec<Action>) {
    let none = st.validation.invalid == 0;
    let idle = matches!(st.export, None | Some(Export::NoDialog(_)));
    let resp = ui.add_enabled(
        idle && !none,
        egui::Button::new(tr(lang, "Export error rows…", "Xuất các dòng lỗi…")),
    );
    let resp = if none {
        resp.on_disabled_hover_text(tr(lang, "No row has errors.", "Không có dòng nào lỗi."))
    } else {
        resp.on_hover_text(tr(
            lang,
            "Save the rows with errors as an Excel workbook or a CSV (with an “Errors” column) to fix in Excel and import again",
            "Lưu các dòng lỗi thành sổ tính Excel hoặc tệp CSV (có cột “Lỗi”) để sửa trong Excel rồi nhập lại",
        ))
    };
    if resp.clicked() {
        actions.push(Action::Export);
    }
    match &st.export {
        Some(Export::Choosing(_)) => {
            ui.weak(tr(lang, "Choose where to save…", "Chọn nơi lưu…"));
        }
        Some(Export::Writing(_)) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr(lang, "Saving…", "Đang lưu…"));
            });
        }
        Some(Export::NoDialog(suggested)) => no_dialog(ui, suggested, lang, actions),
        None => {}
    }
    match &st.export_done {
        Some(Ok((path, n))) => {
            let n = count(lang, *n);
            let p = path.display();
            ui.label(match lang {
                Lang::En => format!("Saved {n} row(s) with errors to {p}"),
                Lang::Vi => format!("Đã lưu {n} dòng lỗi vào {p}"),
            });
        }
        Some(Err((path, e))) => {
            let p = path.display();
            ui.colored_label(
                Color32::from_rgb(200, 40, 40),
                match lang {
                    Lang::En => format!(
                        "Could not save {p}: {e}. If the file is open in Excel, close it and try again."
                    ),
                    Lang::Vi => format!(
                        "Không lưu được {p}: {e}. Nếu tệp đang mở trong Excel, hãy đóng rồi thử lại."
                    ),
                },
            );
        }
        None => {}
    }
}

/// No save dialog could be opened: a path (beside the file, editable) to save the
/// error rows to, or to copy.
fn no_dialog(ui: &mut Ui, suggested: &Path, lang: Lang, actions: &mut Vec<Action>) {
    widgets::problem_box(
        ui,
        tr(
            lang,
            "Could not open the save dialog",
            "Không mở được hộp thoại lưu tệp",
        ),
        tr(
            lang,
            "Save the rows with errors to this path (change it if you like), or copy it:",
            "Lưu các dòng lỗi vào đường dẫn này (có thể sửa), hoặc sao chép nó:",
        ),
    );
    let id = egui::Id::unique("check-export-path");
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| suggested.display().to_string());
    open::path_row(ui, lang, &mut text);
    let path = text.trim().trim_matches('"').to_string();
    if ui
        .add_enabled(
            !path.is_empty(),
            egui::Button::new(tr(lang, "Save here", "Lưu vào đây")),
        )
        .clicked()
    {
        actions.push(Action::ExportTo(PathBuf::from(path)));
    }
    ui.data_mut(|d| d.insert_temp(id, text));
}
