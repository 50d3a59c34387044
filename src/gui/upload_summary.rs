//! The end of an upload: what happened in one sentence, the report, and what to do next
//! ("Fix rejected rows", another file, the history).

use eframe::egui::{self, RichText};

use crate::i18n::Lang;

use super::text::{count, tr};
use super::upload_step::{UploadAction, UploadState};
use super::{open, widgets};

pub fn finished(ui: &mut egui::Ui, st: &mut UploadState, lang: Lang) -> Option<UploadAction> {
    let s = st.summary.as_ref()?;
    let (rejected, not_sent) = (st.ended.refused, st.ended.not_sent);
    // Rows not sent wait to be sent: never told as refused.
    let text = match lang {
        Lang::En => format!(
            "{} rows accepted · {} refused by Pango · {} not sent yet · {} had errors and were skipped",
            count(lang, s.accepted),
            count(lang, rejected),
            count(lang, not_sent),
            count(lang, s.invalid)
        ),
        Lang::Vi => format!(
            "{} dòng đã được nhận · {} bị Pango từ chối · {} chưa gửi · {} dòng lỗi đã bỏ qua",
            count(lang, s.accepted),
            count(lang, rejected),
            count(lang, not_sent),
            count(lang, s.invalid)
        ),
    };
    if let Some(f) = &s.fatal {
        widgets::problem_box(
            ui,
            tr(lang, "The upload stopped", "Quá trình tải lên đã dừng"),
            &format!("{f}. {text}"),
        );
        ui.label(tr(
            lang,
            "Nothing accepted is lost, and the rows not sent yet are waiting: Resume sends them (now, or when you start the app again) — rows already accepted are not sent twice.",
            "Không mất dòng nào đã được nhận, và các dòng chưa gửi đang chờ: bấm Tiếp tục gửi để gửi chúng (ngay bây giờ hoặc khi mở lại ứng dụng) — các dòng đã nhận sẽ không bị gửi lại.",
        ));
    } else if s.cancelled {
        widgets::info_box(ui, &format!("{} {text}", tr(lang, "Cancelled.", "Đã huỷ.")));
        if not_sent > 0 {
            ui.label(tr(
                lang,
                "The rows not sent yet are waiting: Resume sends them; rows already accepted are not sent twice.",
                "Các dòng chưa gửi đang chờ: bấm Tiếp tục gửi để gửi chúng; các dòng đã được nhận không gửi lại.",
            ));
        }
    } else if rejected > 0 {
        widgets::problem_box(
            ui,
            tr(
                lang,
                "Finished, with rows refused",
                "Hoàn tất, có dòng bị từ chối",
            ),
            &text,
        );
    } else if not_sent > 0 {
        widgets::problem_box(
            ui,
            tr(
                lang,
                "Finished, with rows not sent yet",
                "Hoàn tất, còn dòng chưa gửi",
            ),
            &text,
        );
    } else {
        widgets::ok_box(
            ui,
            &format!(
                "{} {text}",
                tr(lang, "Upload complete.", "Tải lên hoàn tất.")
            ),
        );
    }
    ui.add_space(8.0);
    let mut action = None;
    ui.horizontal(|ui| {
        if st.resumable_rows() > 0 && ui.button(tr(lang, "Resume", "Tiếp tục gửi")).clicked()
        {
            action = Some(UploadAction::Resume);
        }
        let report = st.report.clone();
        if ui
            .add_enabled(
                report.is_some(),
                egui::Button::new(tr(lang, "Open report", "Mở báo cáo")),
            )
            .on_hover_text(
                report
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            )
            .clicked()
            && let Some(p) = report
        {
            open::in_default_app(ui.ctx(), &p);
        }
        if rejected > 0
            && ui
                .button(tr(lang, "Fix rejected rows", "Sửa các dòng bị từ chối"))
                .clicked()
        {
            action = Some(UploadAction::FixRejected(st.rejected_rows()));
        }
        if ui
            .button(tr(lang, "Import another file", "Nhập tệp khác"))
            .clicked()
        {
            action = Some(UploadAction::NewImport);
        }
        if ui.button(tr(lang, "Open history", "Mở lịch sử")).clicked() {
            action = Some(UploadAction::ShowHistory);
        }
    });
    if let Some(p) = &st.report {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                tr(lang, "Report", "Báo cáo"),
                p.display()
            ))
            .weak(),
        );
    }
    action
}
