//! History: past imports (date, file, object type, profile, how it ended and its rows)
//! with their reports, and "Resume" on the upload that did not finish.

use std::path::PathBuf;

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use crate::history::{HistoryRecord, load_history};
use crate::i18n::Lang;
use crate::upload::pending::PendingUpload;

use super::history_words;
use super::login_form;
use super::open;
use super::task::{Task, finished};
use super::text::tr;
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

/// "2026-11-23 12:38" in Vietnam time (UTC+7), which is where the users are.
pub fn local_time(ms: i64) -> String {
    let s = crate::history::format_utc(ms + 7 * 3_600_000);
    format!("{} {}", &s[..10], &s[11..16])
}

/// What the History page asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub enum HistoryAction {
    /// "Resume" on the row of the upload that did not finish.
    Resume,
}

/// The upload left unfinished (its journal kept), as History offers it.
#[derive(Clone, Copy)]
pub struct Unfinished<'a> {
    pub pending: &'a PendingUpload,
    pub logged_in: bool,
}

impl Unfinished<'_> {
    /// Whether `rec` is the line this upload wrote when it stopped: the same journal,
    /// started at the same moment (older versions stamped the two a little apart).
    fn is(&self, rec: &HistoryRecord) -> bool {
        let p = self.pending;
        rec.journal_path.as_deref() == Some(&*p.journal.to_string_lossy())
            && (rec.started_at_ms - p.started_at_ms).abs() < 5_000
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    st: &mut HistoryState,
    lang: Lang,
    file: PathBuf,
    unfinished: Option<Unfinished>,
) -> Option<HistoryAction> {
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
        return None;
    }
    if let Some(p) = &st.problem {
        widgets::problem_box(ui, tr(lang, "Something went wrong", "Đã có lỗi"), p);
        return None;
    }
    // An upload that stopped without its line (the app was closed hard) is listed too.
    let lone = unfinished.filter(|u| !st.records.iter().any(|r| u.is(r)));
    if st.records.is_empty() && lone.is_none() {
        ui.label(tr(
            lang,
            "No imports yet. Finished uploads appear here with their reports.",
            "Chưa có lần nhập nào. Các lần tải lên sẽ hiện ở đây cùng báo cáo.",
        ));
        return None;
    }
    table(ui, &st.records, lang, unfinished, lone)
}

/// One line of the table, whatever it comes from.
struct Line {
    started_at_ms: i64,
    file: String,
    object_type: String,
    profile: String,
    outcome: String,
    counts: String,
    report: Option<String>,
    resumable: bool,
}

impl Line {
    fn of(rec: &HistoryRecord, lang: Lang, resumable: bool) -> Line {
        Line {
            started_at_ms: rec.started_at_ms,
            file: rec.file.clone(),
            object_type: history_words::object_label(&rec.object_type, lang),
            profile: login_form::profile_short(&rec.profile, lang),
            outcome: history_words::outcome_words(rec, lang),
            counts: history_words::counts_words(rec, lang),
            report: rec.report_path.clone(),
            resumable,
        }
    }

    fn interrupted(p: &PendingUpload, lang: Lang) -> Line {
        let (outcome, counts) = history_words::interrupted_words(p, lang);
        Line {
            started_at_ms: p.started_at_ms,
            file: p.file.display().to_string(),
            object_type: history_words::object_label(&p.mapping.object_type, lang),
            profile: login_form::profile_short(&p.profile, lang),
            outcome,
            counts,
            report: None,
            resumable: true,
        }
    }
}

/// The table: narrow enough for a 900-pixel window (the file name is cut, the whole
/// path on hover; how it ended and its rows share one column, in two lines).
fn table(
    ui: &mut egui::Ui,
    records: &[HistoryRecord],
    lang: Lang,
    unfinished: Option<Unfinished>,
    lone: Option<Unfinished>,
) -> Option<HistoryAction> {
    let mut lines: Vec<Line> = lone
        .map(|u| Line::interrupted(u.pending, lang))
        .into_iter()
        .collect();
    // Only the newest line of the unfinished upload offers to resume it.
    let mut offered = lone.is_some();
    for rec in records {
        let resumable = !offered && unfinished.is_some_and(|u| u.is(rec));
        offered |= resumable;
        lines.push(Line::of(rec, lang, resumable));
    }
    let logged_in = unfinished.is_some_and(|u| u.logged_in);
    // The last column is as wide as its buttons, so they are never cut at the window's edge.
    let gap = ui.spacing().item_spacing.x;
    let mut actions = button_width(ui, tr(lang, "Open", "Mở"));
    if offered {
        actions += gap + button_width(ui, tr(lang, "Resume", "Tiếp tục"));
    }
    let actions = actions.max(button_width(ui, tr(lang, "Report", "Báo cáo"))) + gap;
    let mut action = None;
    TableBuilder::new(ui)
        .id_salt("history")
        .striped(true)
        .resizable(true)
        .column(Column::exact(112.0))
        .column(Column::initial(150.0).at_least(60.0).clip(true))
        .column(Column::initial(100.0).at_least(60.0).clip(true))
        .column(Column::initial(80.0).at_least(50.0).clip(true))
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::exact(actions))
        .header(24.0, |mut h| {
            for t in [
                tr(lang, "Date", "Ngày"),
                tr(lang, "File", "Tệp"),
                tr(lang, "Object type", "Loại dữ liệu"),
                tr(lang, "Profile", "Hồ sơ"),
                tr(lang, "Result", "Kết quả"),
                tr(lang, "Report", "Báo cáo"),
            ] {
                h.col(|ui| {
                    ui.label(RichText::new(t).strong());
                });
            }
        })
        .body(|body| {
            body.rows(44.0, lines.len(), |mut row| {
                let line = &lines[row.index()];
                if let Some(a) = line_ui(&mut row, line, lang, logged_in) {
                    action = Some(a);
                }
            });
        });
    action
}

/// The width of a button showing `text`.
fn button_width(ui: &egui::Ui, text: &str) -> f32 {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Button,
    );
    galley.size().x + 2.0 * ui.spacing().button_padding.x
}

fn line_ui(
    row: &mut egui_extras::TableRow,
    line: &Line,
    lang: Lang,
    logged_in: bool,
) -> Option<HistoryAction> {
    row.col(|ui| {
        ui.label(local_time(line.started_at_ms));
    });
    row.col(|ui| {
        let name = std::path::Path::new(&line.file)
            .file_name()
            .map_or_else(|| line.file.clone(), |n| n.to_string_lossy().into_owned());
        // The whole path on hover (not the cut name twice).
        ui.add(
            egui::Label::new(name)
                .truncate()
                .show_tooltip_when_elided(false),
        )
        .on_hover_text(&line.file);
    });
    for text in [&line.object_type, &line.profile] {
        row.col(|ui| {
            // A cut text shows whole on hover.
            ui.add(egui::Label::new(text.as_str()).truncate());
        });
    }
    row.col(|ui| {
        ui.vertical(|ui| {
            ui.add(egui::Label::new(RichText::new(&line.outcome).strong()).truncate());
            ui.add(egui::Label::new(RichText::new(&line.counts).weak()).truncate());
        });
    });
    let mut action = None;
    row.col(|ui| {
        ui.horizontal(|ui| {
            if let Some(p) = &line.report {
                let exists = std::path::Path::new(p).exists();
                if ui
                    .add_enabled(exists, egui::Button::new(tr(lang, "Open", "Mở")))
                    .on_hover_text(p)
                    .clicked()
                {
                    open::in_default_app(ui.ctx(), std::path::Path::new(p));
                }
            }
            if line.resumable {
                let hover = if logged_in {
                    tr(
                        lang,
                        "Send the rows not accepted yet; rows already accepted are not sent again.",
                        "Gửi các dòng chưa được nhận; các dòng đã được nhận không gửi lại.",
                    )
                } else {
                    tr(
                        lang,
                        "Log in first; then the rows not accepted yet are sent.",
                        "Đăng nhập trước; sau đó các dòng chưa được nhận sẽ được gửi.",
                    )
                };
                if ui
                    .button(tr(lang, "Resume", "Tiếp tục"))
                    .on_hover_text(hover)
                    .clicked()
                {
                    action = Some(HistoryAction::Resume);
                }
            }
        });
    });
    action
}
