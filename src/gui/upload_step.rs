//! Step 5, Upload: live progress (rows accepted and rejected, rows a second, time
//! left, what is happening in words), pause/resume/cancel, and at the end the
//! summary, the report, and "Fix rejected rows".

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui::{self, RichText};

use crate::api::PangoDestination;
use crate::history::now_ms;
use crate::i18n::Lang;
use crate::mapping::Mapping;
use crate::profile::AppDirs;
use crate::source::{ReadOptions, Table};
use crate::upload::pending::{PendingUpload, ReadChoices, journal_path_for, pending_path};
use crate::upload::{
    FinishedUpload, Journal, JournalKey, RowOutcome, Snapshot, UploadConfig, UploadEvent,
    UploadHandle, UploadSummary, finish_upload_record, start,
};
use crate::validate::Validation;

use super::login_form;
use super::session::Session;
use super::task::{Task, finished, must_fail};
use super::text::{count, duration, tr};
use super::upload_confirm::{self, Question};
use super::upload_fault::PanicsOnLogin;
use super::{upload_log, upload_summary, widgets};

/// What the upload needs from the earlier steps.
#[derive(Clone)]
pub struct UploadInput {
    pub table: Arc<Table>,
    pub validation: Arc<Validation>,
    pub mapping: Mapping,
    pub file: PathBuf,
    pub read: ReadOptions,
    /// The journal of an interrupted upload being resumed (else one is chosen for the
    /// file, object type and destination).
    pub journal: Option<PathBuf>,
}

pub struct UploadState {
    input: UploadInput,
    profile: String,
    started_at_ms: i64,
    /// The question before sending (a new upload to a real profile) is on screen.
    asking: bool,
    preparing: Option<Task<Result<Journal, String>>>,
    session: Session,
    handle: Option<UploadHandle>,
    snapshot: Snapshot,
    log: Vec<String>,
    pub summary: Option<UploadSummary>,
    /// The summary's rows by how they ended, counted once when it came (a summary
    /// holds one outcome per file row: never counted again while drawing).
    pub ended: Ended,
    finishing: Option<Task<Result<PathBuf, String>>>,
    pub report: Option<PathBuf>,
    pub problem: Option<String>,
    confirm_cancel: bool,
    dirs: AppDirs,
    journal_path: PathBuf,
    /// The app is closing: the upload is stopped but stays offered for resume.
    pub keep_pending: bool,
    /// The job ended without its summary (it panicked).
    job_lost: bool,
}

/// How the app uploads: the envelope's `source` is the mapping's (blank: the default,
/// as the CLI does), the rest the defaults.
fn upload_config(input: &UploadInput) -> UploadConfig {
    UploadConfig {
        source: input.mapping.source.clone().unwrap_or_default(),
        init_data: input.validation.plan.options.init_data,
        ..UploadConfig::default()
    }
}

/// What the Upload step asks the app to do.
#[must_use]
pub enum UploadAction {
    FixRejected(Vec<(u32, String)>),
    /// The upload could not start: back to Check.
    BackToCheck,
    NewImport,
    ShowHistory,
    /// The same upload again after a stop: only the rows not sent yet go.
    Resume,
}

impl UploadState {
    /// Opens the journal, writes the "pending" record and starts sending, off the UI thread.
    pub fn begin(ctx: &egui::Context, input: UploadInput, session: Session, dirs: AppDirs) -> Self {
        let envelope = upload_config(&input).envelope(&input.validation.plan);
        let destination = format!(
            "{}\u{1f}{}",
            session.profile.ingest_url,
            session.destination().1
        );
        let journal_path = input.journal.clone().unwrap_or_else(|| {
            journal_path_for(&dirs.journals(), &input.file, &destination, &envelope)
        });
        let valid = input.validation.valid;
        let mut st = Self {
            profile: session.profile.name.clone(),
            // A new upload to a real profile asks first; a resume of one was asked already.
            asking: upload_confirm::asks_first(&session) && input.journal.is_none(),
            input,
            started_at_ms: now_ms(),
            preparing: None,
            session,
            handle: None,
            // Until the job starts: none of the valid rows done (not "0 of 0").
            snapshot: Snapshot {
                rows_to_send: valid,
                ..Snapshot::default()
            },
            log: Vec::new(),
            summary: None,
            ended: Ended::default(),
            finishing: None,
            report: None,
            problem: None,
            confirm_cancel: false,
            dirs,
            journal_path,
            keep_pending: false,
            job_lost: false,
        };
        if !st.asking {
            st.prepare(ctx);
        }
        st
    }

    /// Opens the journal and writes the "pending" record (off the UI thread); then
    /// sending starts.
    fn prepare(&mut self, ctx: &egui::Context) {
        let input = &self.input;
        let session = &self.session;
        // One moment for the pending record and the history line, so History knows
        // the line of an upload left to resume.
        self.started_at_ms = now_ms();
        let journal_path = self.journal_path.clone();
        let pending = PendingUpload {
            file: input.file.clone(),
            read: ReadChoices::from(&input.read),
            mapping: input.mapping.clone(),
            profile: session.profile.name.clone(),
            journal: journal_path.clone(),
            started_at_ms: self.started_at_ms,
            rows: input.validation.valid,
        };
        let pending_file = pending_path(&self.dirs.journals());
        // The journal records where the rows go and what the requests carry, so it is
        // never used for another destination or other settings.
        let (ingest_url, org) = session.destination();
        let key = JournalKey {
            ingest_url,
            org,
            envelope: upload_config(input).envelope(&input.validation.plan),
        };
        self.preparing = Some(Task::spawn(ctx, "prepare-upload", move |_| {
            // The path may come from pending.json, written by hand or by another version.
            let dir = journal_path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .ok_or_else(|| {
                    format!(
                        "the journal path {} names no folder; discard the interrupted upload and start again",
                        journal_path.display()
                    )
                })?;
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            let journal = Journal::open(&journal_path, &key).map_err(|e| e.to_string())?;
            pending.save(&pending_file).map_err(|e| e.to_string())?;
            Ok(journal)
        }));
    }

    /// The same upload again after it stopped, with its journal: rows already
    /// accepted are not sent twice, and it is not asked about again.
    pub fn resume_input(&self) -> UploadInput {
        UploadInput {
            journal: Some(self.journal_path.clone()),
            ..self.input.clone()
        }
    }

    /// The session it sends with.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Rows left waiting (not sent) after it stopped, when its journal lets a resume
    /// skip the rows already accepted.
    pub fn resumable_rows(&self) -> usize {
        if self.keep_pending || !self.ended.journal_kept {
            return 0;
        }
        self.ended.not_sent
    }

    /// Sending (or about to): closing the window should ask first.
    pub fn is_running(&self) -> bool {
        let sending = self.handle.is_some() && self.summary.is_none() && !self.job_lost;
        self.preparing.is_some() || sending
    }

    /// Nothing runs any more and the report and history are written.
    pub fn is_settled(&self) -> bool {
        !self.is_running() && self.finishing.is_none()
    }

    pub fn cancel(&self) {
        if let Some(h) = &self.handle {
            h.cancel();
        }
    }

    /// Rows the server refused, as (row number as the user sees it, reason).
    pub fn rejected_rows(&self) -> Vec<(u32, String)> {
        let Some(s) = &self.summary else {
            return Vec::new();
        };
        s.outcomes
            .iter()
            .enumerate()
            .filter_map(|(r, o)| match o {
                RowOutcome::Rejected(m) => Some((self.input.table.row_number(r), m.clone())),
                _ => None,
            })
            .collect()
    }

    fn poll(&mut self, ctx: &egui::Context, lang: Lang) {
        if let Some(ended) = finished(&mut self.preparing) {
            let what = tr(lang, "Preparing the upload", "Việc chuẩn bị tải lên");
            match ended.unwrap_or_else(|broken| Err(broken.message(what, lang))) {
                Ok(journal) => self.start_sending(ctx, journal),
                Err(e) => {
                    self.problem = Some(match lang {
                        Lang::En => format!("The upload could not start: {e}"),
                        Lang::Vi => format!("Không bắt đầu tải lên được: {e}"),
                    })
                }
            }
        }
        self.poll_job(ctx, lang);
        if let Some(ended) = finished(&mut self.finishing) {
            let what = tr(lang, "Writing the report", "Việc ghi báo cáo");
            match ended.unwrap_or_else(|broken| Err(broken.message(what, lang))) {
                Ok(p) => self.report = Some(p),
                Err(e) => self.problem = Some(e),
            }
        }
        if self.is_running() {
            // Counters and time left move even between events.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
    }

    fn start_sending(&mut self, ctx: &egui::Context, journal: Journal) {
        let cfg = upload_config(&self.input);
        let pango = PangoDestination::new(
            self.session.client.clone(),
            self.session.creds.clone(),
            &cfg,
            &self.input.validation.plan,
        );
        let (table, validation) = (self.input.table.clone(), self.input.validation.clone());
        self.handle = Some(if must_fail(ctx, "upload") {
            start(table, validation, PanicsOnLogin(pango), cfg, Some(journal))
        } else {
            start(table, validation, pango, cfg, Some(journal))
        });
    }

    /// The job's events; a job that ended without its summary (it panicked) is said
    /// in words, and nothing waits for it any more.
    fn poll_job(&mut self, ctx: &egui::Context, lang: Lang) {
        let Some(handle) = &self.handle else {
            return;
        };
        // Asked before reading the events: once ended, all it sent is in the channel.
        let ended = handle.worker_ended();
        for ev in handle.poll() {
            self.on_event(ev, ctx, lang);
        }
        if ended && self.summary.is_none() && !self.job_lost {
            self.job_lost = true;
            self.problem = Some(tr(
                lang,
                "The upload stopped unexpectedly (an internal error). Rows already accepted stay in Pango and the upload stays offered for resume, so nothing is sent twice: go back to Check and upload again.",
                "Việc tải lên dừng bất ngờ (lỗi bên trong ứng dụng). Các dòng đã được nhận vẫn ở trong Pango và lần tải lên vẫn được đề nghị tiếp tục, nên không gửi trùng: hãy quay lại Kiểm tra và tải lên lại.",
            ).to_string());
        }
    }

    fn on_event(&mut self, ev: UploadEvent, ctx: &egui::Context, lang: Lang) {
        let line = upload_log::line(&ev, lang);
        match ev {
            UploadEvent::Started {
                rows_to_send,
                already_accepted_rows,
                ..
            } => {
                // The whole file at once: a resume starts where the stop left it.
                self.snapshot.already_accepted_rows = already_accepted_rows;
                self.snapshot.rows_to_send = rows_to_send;
            }
            UploadEvent::Progress(s) => self.snapshot = s,
            UploadEvent::Finished(s) => self.finish(*s, ctx, lang),
            _ => {}
        }
        if let Some(l) = line {
            self.log.push(l);
            if self.log.len() > 200 {
                self.log.remove(0);
            }
        }
    }

    fn finish(&mut self, s: UploadSummary, ctx: &egui::Context, lang: Lang) {
        let table = self.input.table.clone();
        let v = self.input.validation.clone();
        let dirs = self.dirs.clone();
        let summary = s.clone();
        let file = self.input.file.clone();
        let profile = self.profile.clone();
        let started = self.started_at_ms;
        let journal = self.journal_path.clone();
        let keep_pending = self.keep_pending;
        self.finishing = Some(Task::spawn(ctx, "report", move |_| {
            let reports = dirs.reports();
            std::fs::create_dir_all(&reports).map_err(|e| e.to_string())?;
            let stamp: String = crate::history::format_utc(now_ms())
                .chars()
                .filter(char::is_ascii_digit)
                .take(14)
                .collect();
            let stem = super::file_step::file_name(&file)
                .rsplit_once('.')
                .map(|(a, _)| a.to_string())
                .unwrap_or_else(|| super::file_step::file_name(&file));
            // A workbook: a Vietnamese Excel opens a comma CSV as one column.
            let path = reports.join(format!("{stem}-{stamp}.xlsx"));
            crate::report::write_result(&path, &table, &v, Some(&summary), lang)?;
            // Finished, or stopped by the user: nothing left to offer for resume. An upload
            // that stopped on faults keeps its pending record, so the next start offers to go on.
            let pending = pending_path(&dirs.journals());
            let _ = finish_upload_record(
                &dirs.history_file(),
                (!keep_pending).then_some(pending.as_path()),
                &FinishedUpload {
                    summary: &summary,
                    started_at_ms: started,
                    file: &file,
                    object_type: v.plan.object.name,
                    profile: &profile,
                    report: Some(&path),
                    journal: Some(&journal),
                },
            );
            Ok(path)
        }));
        self.ended = Ended {
            refused: s.count(|o| matches!(o, RowOutcome::Rejected(_))) as usize,
            not_sent: s.count(|o| matches!(o, RowOutcome::NotSent(_))) as usize,
            journal_kept: self.journal_path.exists(),
        };
        self.summary = Some(s);
    }
}

/// A finished upload's rows by how they ended.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ended {
    /// Refused by Pango.
    pub refused: usize,
    /// Not sent yet (stopped part-way).
    pub not_sent: usize,
    /// Its journal is on disk, so a resume skips the rows already accepted.
    pub journal_kept: bool,
}

/// What the step is at: asking, sending, stopped part-way or done.
fn heading(st: &UploadState, name: &str, lang: Lang) -> String {
    let stopped = st
        .summary
        .as_ref()
        .map(|s| s.cancelled || s.fatal.is_some());
    match (lang, st.asking, stopped) {
        (Lang::En, true, _) => format!("Ready to upload {name}"),
        (Lang::En, _, None) => format!("Uploading {name}"),
        (Lang::En, _, Some(true)) => format!("Stopped uploading {name}"),
        (Lang::En, _, Some(false)) => format!("Uploaded {name}"),
        (Lang::Vi, true, _) => format!("Sẵn sàng tải lên {name}"),
        (Lang::Vi, _, None) => format!("Đang tải lên {name}"),
        (Lang::Vi, _, Some(true)) => format!("Đã dừng tải lên {name}"),
        (Lang::Vi, _, Some(false)) => format!("Đã tải lên {name}"),
    }
}

/// Draws the Upload step.
pub fn ui(ui: &mut egui::Ui, st: &mut UploadState, lang: Lang) -> Option<UploadAction> {
    let ctx = ui.ctx().clone();
    st.poll(&ctx, lang);
    let mut action = None;
    let name = super::file_step::file_name(&st.input.file);
    ui.heading(heading(st, &name, lang));
    ui.label(
        RichText::new(match lang {
            Lang::En => format!(
                "{} · profile {} · {} valid rows",
                st.input.validation.plan.object.label.get(lang),
                login_form::profile_short(&st.profile, lang),
                count(lang, st.input.validation.valid)
            ),
            Lang::Vi => format!(
                "{} · hồ sơ {} · {} dòng hợp lệ",
                st.input.validation.plan.object.label.get(lang),
                login_form::profile_short(&st.profile, lang),
                count(lang, st.input.validation.valid)
            ),
        })
        .weak(),
    );
    ui.add_space(10.0);
    if st.asking {
        let object = st.input.validation.plan.object.label.get(lang).to_string();
        let q = Question::new(&st.session, st.input.validation.valid, object);
        match upload_confirm::ask(&ctx, &q, lang) {
            Some(true) => {
                st.asking = false;
                st.prepare(&ctx);
            }
            Some(false) => return Some(UploadAction::BackToCheck),
            None => {}
        }
        return None;
    }
    if let Some(p) = &st.problem {
        widgets::problem_box(ui, tr(lang, "Upload problem", "Sự cố tải lên"), p);
        if (st.handle.is_none() || st.job_lost) && st.preparing.is_none() {
            if ui
                .button(tr(lang, "Back to Check", "Quay lại Kiểm tra"))
                .clicked()
            {
                return Some(UploadAction::BackToCheck);
            }
            return None;
        }
    }
    let s = &st.snapshot;
    let done = s.file_done_rows();
    // After a stop the bar shows what is left: rows not sent are not done.
    ui.add(
        egui::ProgressBar::new(s.fraction())
            .text(match lang {
                Lang::En => format!(
                    "{} of {} rows",
                    count(lang, done),
                    count(lang, s.file_rows())
                ),
                Lang::Vi => format!(
                    "{} / {} dòng",
                    count(lang, done),
                    count(lang, s.file_rows())
                ),
            })
            .desired_height(26.0),
    );
    ui.add_space(6.0);
    egui::Grid::new("upload-counters")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            let row = |ui: &mut egui::Ui, k: &str, v: String| {
                ui.label(k);
                ui.label(RichText::new(v).strong());
                ui.end_row();
            };
            row(
                ui,
                tr(lang, "Accepted", "Đã nhận"),
                count(lang, s.accepted_rows + s.already_accepted_rows),
            );
            row(
                ui,
                tr(lang, "Refused by Pango", "Bị Pango từ chối"),
                count(lang, s.rejected_rows),
            );
            row(
                ui,
                tr(lang, "Not sent yet", "Chưa gửi"),
                count(lang, s.not_sent_rows),
            );
            row(
                ui,
                tr(lang, "Speed", "Tốc độ"),
                match lang {
                    Lang::En => format!("{} rows/s", count(lang, s.rows_per_second() as usize)),
                    Lang::Vi => format!("{} dòng/giây", count(lang, s.rows_per_second() as usize)),
                },
            );
            row(
                ui,
                tr(lang, "Time left", "Thời gian còn lại"),
                s.time_left
                    .filter(|_| st.summary.is_none())
                    .map_or("–".into(), |t| t.words(lang)),
            );
            row(
                ui,
                tr(lang, "Elapsed", "Đã chạy"),
                duration(s.elapsed.as_secs()),
            );
        });
    ui.add_space(6.0);
    if st.summary.is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            let paused = st.handle.as_ref().is_some_and(UploadHandle::is_paused);
            let words = if paused {
                tr(lang, "Paused", "Đã tạm dừng")
            } else {
                upload_log::state_words(s.state, lang)
            };
            ui.label(RichText::new(words).strong());
        });
        ui.add_space(6.0);
        controls(ui, st, lang);
    } else {
        action = upload_summary::finished(ui, st, lang);
    }
    if !st.log.is_empty() {
        ui.add_space(8.0);
        egui::CollapsingHeader::new(tr(lang, "What happened", "Diễn biến"))
            .default_open(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(160.0)
                    .stick_to_bottom(true)
                    .show(ui, |ui| {
                        for l in &st.log {
                            ui.label(l);
                        }
                    });
            });
    }
    action
}

fn controls(ui: &mut egui::Ui, st: &mut UploadState, lang: Lang) {
    let Some(h) = &st.handle else {
        return;
    };
    ui.horizontal(|ui| {
        if h.is_paused() {
            if ui.button(tr(lang, "Resume", "Tiếp tục")).clicked() {
                h.resume();
            }
        } else if ui.button(tr(lang, "Pause", "Tạm dừng")).clicked() {
            h.pause();
        }
        if !st.confirm_cancel {
            if ui
                .button(tr(lang, "Cancel upload", "Huỷ tải lên"))
                .clicked()
            {
                st.confirm_cancel = true;
            }
        } else {
            ui.label(tr(
                lang,
                "Stop sending? Rows already accepted stay in Pango; the rest wait, and Resume sends them later.",
                "Dừng gửi? Các dòng đã được nhận vẫn ở trong Pango; phần còn lại chờ gửi, bấm Tiếp tục gửi để gửi sau.",
            ));
            if ui.button(tr(lang, "Yes, stop", "Có, dừng lại")).clicked() {
                h.cancel();
                st.confirm_cancel = false;
            }
            if ui
                .button(tr(lang, "Keep sending", "Tiếp tục gửi"))
                .clicked()
            {
                st.confirm_cancel = false;
            }
        }
    });
}
