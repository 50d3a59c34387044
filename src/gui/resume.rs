//! The offer to resume an upload that did not finish (the app was closed, the laptop
//! slept for good, the network went away): shown on the login and file screens.

use eframe::egui::{self, RichText};

use crate::i18n::Lang;
use crate::upload::pending::PendingUpload;

use super::text::{count, tr};
use super::{file_step, history_page, history_words, widgets};

/// Draws the offer; `Some(true)` to resume, `Some(false)` to discard it.
pub fn banner(ui: &mut egui::Ui, p: &PendingUpload, logged_in: bool, lang: Lang) -> Option<bool> {
    let mut choice = None;
    widgets::info_frame(ui, |ui| {
        let name = file_step::file_name(&p.file);
        ui.label(
            RichText::new(tr(
                lang,
                "An upload did not finish",
                "Có lần tải lên chưa hoàn tất",
            ))
            .strong(),
        );
        ui.label(match lang {
            Lang::En => format!(
                "{name} ({}, {} valid rows, profile {}) started {} was interrupted. Rows already accepted will not be sent again.",
                history_words::object_label(&p.mapping.object_type, lang),
                count(lang, p.rows),
                p.profile,
                history_page::local_time(p.started_at_ms)
            ),
            Lang::Vi => format!(
                "{name} ({}, {} dòng hợp lệ, hồ sơ {}) bắt đầu lúc {} đã bị gián đoạn. Các dòng đã được nhận sẽ không gửi lại.",
                history_words::object_label(&p.mapping.object_type, lang),
                count(lang, p.rows),
                p.profile,
                history_page::local_time(p.started_at_ms)
            ),
        });
        ui.horizontal(|ui| {
            let label = if logged_in {
                tr(lang, "Resume upload", "Tiếp tục tải lên")
            } else {
                tr(
                    lang,
                    "Resume after logging in",
                    "Tiếp tục sau khi đăng nhập",
                )
            };
            if ui.button(label).clicked() {
                choice = Some(true);
            }
            if ui.button(tr(lang, "Discard", "Bỏ qua")).clicked() {
                choice = Some(false);
            }
        });
    });
    ui.add_space(8.0);
    choice
}
