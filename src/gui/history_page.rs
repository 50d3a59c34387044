//! History: past imports (date, file, object type, counts, profile, outcome) with
//! their reports.

use std::path::PathBuf;

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use crate::history::{HistoryRecord, load_history};
use crate::i18n::Lang;

use super::open;
use super::task::{Task, finished};
use super::text::{count, tr};
use super::widgets;

#[derive(Default)]
pub struct HistoryState {
    loading: Option<Task<Vec<HistoryRecord>>>,
    pub records: Vec<HistoryRecord>,
    loaded: bool,
    /// The last reading broke: what to tell the user (Refresh tries again).
    problem: Option<String>,
}

impl HistoryState {
    /// Reads the history file again (in the background).
    pub fn refresh(&mut self, ctx: &egui::Context, file: PathBuf) {
        // Newest first, as load_history gives them.
        self.loading = Some(Task::spawn(ctx, "history", move |_| load_history(&file)));
    }
}

/// How an import ended, in the user's language (the history file keeps the English word).
pub fn outcome_words(outcome: &str, lang: Lang) -> String {
    match (outcome, lang) {
        (_, Lang::En) => outcome.to_string(),
        ("completed", Lang::Vi) => "hoàn tất".into(),
        ("cancelled", Lang::Vi) => "đã huỷ".into(),
        ("finished with rows not accepted", Lang::Vi) => "xong, có dòng không được nhận".into(),
        (other, Lang::Vi) => match other.strip_prefix("stopped: ") {
            Some(why) => format!("đã dừng: {why}"),
            None => other.to_string(),
        },
    }
}

/// "2026-11-23 12:38" in Vietnam time (UTC+7), which is where the users are.
pub fn local_time(ms: i64) -> String {
    let s = crate::history::format_utc(ms + 7 * 3_600_000);
    format!("{} {}", &s[..10], &s[11..16])
}

pub fn ui(ui: &mut egui::Ui, st: &mut HistoryState, lang: Lang, file: PathBuf) {
    if !st.loaded && st.loading.is_none() {
        st.refresh(ui.ctx(), file.clone());
    }
    match finished(&mut st.loading) {
        Some(Ok(r)) => {
            st.records = r;
            st.loaded = true;
            st.problem = None;
        }
        Some(Err(broken)) => {
            st.loaded = true;
            let what = tr(lang, "Reading the history", "Việc đọc lịch sử");
            st.problem = Some(broken.message(what, lang));
        }
        None => {}
    }
    ui.horizontal(|ui| {
        ui.heading(tr(lang, "Import history", "Lịch sử nhập"));
        if ui.button(tr(lang, "Refresh", "Làm mới")).clicked() {
            st.refresh(ui.ctx(), file.clone());
        }
        if let Some(dir) = file.parent()
            && ui
                .button(tr(lang, "Open data folder", "Mở thư mục dữ liệu"))
                .clicked()
        {
            open::in_default_app(ui.ctx(), dir);
        }
    });
    ui.label(
        RichText::new(tr(
            lang,
            "Times are Vietnam time (UTC+7).",
            "Giờ Việt Nam (UTC+7).",
        ))
        .weak(),
    );
    ui.add_space(6.0);
    if st.loading.is_some() {
        ui.spinner();
        return;
    }
    if let Some(p) = &st.problem {
        widgets::problem_box(ui, tr(lang, "Something went wrong", "Đã có lỗi"), p);
        return;
    }
    if st.records.is_empty() {
        ui.label(tr(
            lang,
            "No imports yet. Finished uploads appear here with their reports.",
            "Chưa có lần nhập nào. Các lần tải lên sẽ hiện ở đây cùng báo cáo.",
        ));
        return;
    }
    TableBuilder::new(ui)
        .id_salt("history")
        .striped(true)
        .resizable(true)
        .column(Column::initial(130.0))
        .column(Column::initial(220.0).clip(true))
        .column(Column::initial(110.0))
        .columns(Column::initial(80.0), 4)
        .column(Column::initial(90.0))
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::initial(110.0))
        .header(24.0, |mut h| {
            for t in [
                tr(lang, "Date", "Ngày"),
                tr(lang, "File", "Tệp"),
                tr(lang, "Object type", "Loại dữ liệu"),
                tr(lang, "Rows", "Số dòng"),
                tr(lang, "Accepted", "Đã nhận"),
                tr(lang, "Not accepted", "Không nhận"),
                tr(lang, "Invalid", "Lỗi"),
                tr(lang, "Profile", "Hồ sơ"),
                tr(lang, "Outcome", "Kết quả"),
                tr(lang, "Report", "Báo cáo"),
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(t).strong());
                });
            }
        })
        .body(|body| {
            body.rows(24.0, st.records.len(), |mut row| {
                let rec = &st.records[row.index()];
                row.col(|ui| {
                    ui.label(local_time(rec.started_at_ms));
                });
                row.col(|ui| {
                    let name = std::path::Path::new(&rec.file)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| rec.file.clone());
                    ui.label(name).on_hover_text(&rec.file);
                });
                row.col(|ui| {
                    ui.label(&rec.object_type);
                });
                for n in [rec.rows, rec.accepted, rec.failed, rec.invalid] {
                    row.col(|ui| {
                        ui.label(count(lang, n as usize));
                    });
                }
                row.col(|ui| {
                    ui.label(&rec.profile);
                });
                row.col(|ui| {
                    ui.label(outcome_words(&rec.outcome, lang))
                        .on_hover_text(&rec.outcome);
                });
                row.col(|ui| {
                    if let Some(p) = &rec.report_path {
                        let exists = std::path::Path::new(p).exists();
                        if ui
                            .add_enabled(exists, egui::Button::new(tr(lang, "Open", "Mở")))
                            .on_hover_text(p)
                            .clicked()
                        {
                            open::in_default_app(ui.ctx(), std::path::Path::new(p));
                        }
                    }
                });
            });
        });
}
