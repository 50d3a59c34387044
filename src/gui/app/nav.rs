//! Moving through the wizard: which steps can be reached, why Next waits, Back and
//! Next, logging in, starting the upload, and a new import.

use std::path::PathBuf;

use eframe::egui;

use crate::upload::pending::PendingUpload;

use super::super::env::MAX_RECENT;
use super::super::file_step::FileState;
use super::super::map::MapInput;
use super::super::session::Session;
use super::super::shell::Step;
use super::super::text::tr;
use super::super::upload_step::{UploadInput, UploadState};
use super::App;
use super::tasks::MapStart;

impl App {
    pub(super) fn reachable(&self, s: Step) -> bool {
        let uploading = self.upload.as_ref().is_some_and(UploadState::is_running);
        if uploading {
            return s == Step::Upload;
        }
        match s {
            Step::Login => self.session.is_none(),
            Step::File => self.session.is_some(),
            Step::Map => self.session.is_some() && self.file.table().is_some(),
            // Check shows what the current mapping gives; after a change in Map it must run again.
            Step::Check => self.check.as_ref().is_some_and(|c| {
                self.map
                    .as_ref()
                    .is_some_and(|m| m.mapping() == *c.mapping())
            }),
            Step::Upload => self.upload.is_some(),
        }
    }

    /// Why "Next" cannot be pressed yet.
    pub(super) fn blocker(&self) -> Option<String> {
        let lang = self.lang;
        if self.work.validating.is_some() {
            return Some(tr(lang, "Checking every row…", "Đang kiểm tra từng dòng…").into());
        }
        match self.step {
            Step::Login | Step::Upload => Some(String::new()),
            Step::File => self.file.blocker(lang),
            Step::Map => self
                .map
                .as_ref()
                .map_or(Some(String::new()), |m| m.blocker(lang)),
            Step::Check => match &self.check {
                Some(c) if c.busy() => Some(tr(lang, "Re-checking…", "Đang kiểm tra lại…").into()),
                Some(c) => c.blocker(lang),
                None => Some(String::new()),
            },
        }
    }

    pub(super) fn logged_in(&mut self, ctx: &egui::Context, session: Session) {
        if session.kept == Some(crate::keychain::Persistence::SessionOnly) {
            self.notice = Some(
                tr(
                    self.lang,
                    "This computer has no keychain the app can use (no Secret Service is running), so the API key is kept only until you close the app. You will be asked for it next time.",
                    "Máy tính này không có kho khóa để ứng dụng dùng (Secret Service không chạy), nên API key chỉ được giữ đến khi bạn đóng ứng dụng. Lần sau bạn sẽ cần nhập lại.",
                )
                .to_string(),
            );
        }
        self.session = Some(session);
        self.step = Step::File;
        if !self.resume_after_login(ctx)
            && let Some(path) = self.waiting_file.take()
        {
            self.file.open(ctx, path);
        }
    }

    pub(super) fn remember_recent(&mut self, path: PathBuf) {
        if self.env.samples.contains(&path) {
            return;
        }
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    pub(super) fn map_input(&self) -> Option<MapInput> {
        let table = self.file.table()?;
        let samples = (0..table.width())
            .map(|c| {
                (0..table.len())
                    .map(|r| table.cell(r, c))
                    .filter(|v| !v.trim().is_empty())
                    .take(5)
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        Some(MapInput {
            file_name: self.file.file_name().unwrap_or_default(),
            headers: table.headers().to_vec(),
            samples,
            templates_dir: self.env.dirs.templates(),
        })
    }

    /// To the Map step; its screen starts once the template folder is read.
    pub(super) fn enter_map(&mut self, ctx: &egui::Context) {
        if self.map.is_none() && !self.map_loading() {
            self.start_map(ctx, MapStart::Fresh(self.prefs.object_type.clone()));
        }
        self.step = Step::Map;
    }

    /// Check → Upload. `resumed`: the interrupted upload being resumed, whose journal
    /// is kept (whatever happened to the file since).
    pub(super) fn start_upload(&mut self, ctx: &egui::Context, resumed: Option<PendingUpload>) {
        let (Some(check), Some(session)) = (&self.check, &self.session) else {
            return;
        };
        let file = self.file.path.clone().unwrap_or_default();
        let journal = resumed.filter(|p| p.file == file).map(|p| p.journal);
        let input = UploadInput {
            table: check.table().clone(),
            validation: check.validation().clone(),
            mapping: check.mapping().clone(),
            file,
            read: self.file.opts.clone(),
            journal,
        };
        self.upload = Some(UploadState::begin(
            ctx,
            input,
            session.clone(),
            self.env.dirs.clone(),
        ));
        // The record on disk now describes this upload; the offer on screen is done with.
        self.resume = super::Resume::Nothing;
        self.step = Step::Upload;
    }

    pub(super) fn go_next(&mut self, ctx: &egui::Context) {
        match self.step {
            Step::Login | Step::Upload => {}
            Step::File => self.enter_map(ctx),
            Step::Map => {
                if let Some(m) = &self.map {
                    let mapping = m.mapping();
                    self.start_validation(ctx, mapping);
                }
            }
            Step::Check => self.start_upload(ctx, None),
        }
    }

    pub(super) fn go_back(&mut self) {
        self.step = match self.step {
            Step::Login | Step::File => self.step,
            Step::Map => Step::File,
            Step::Check => Step::Map,
            Step::Upload => Step::Check,
        };
    }

    pub(super) fn new_import(&mut self) {
        self.problem = None;
        self.trouble = None;
        self.work.validating = None;
        self.work.map_loading = None;
        self.resume_stopped();
        self.file = FileState::default();
        self.map = None;
        self.check = None;
        self.upload = None;
        self.step = Step::File;
    }
}
