//! The app: the state of every step, and the one place where actions change it.
//! Steps draw and return actions; `apply` carries them out. Nothing here waits on a
//! file, the network or validation: that work runs in [`Task`]s polled each frame.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use crate::i18n::Lang;
use crate::mapping::{Mapping, resolve};
use crate::source::TableView;
use crate::upload::pending::{PendingUpload, pending_path};
use crate::validate::{Validation, validate};

use super::check::{self, CheckState};
use super::env::{Env, MAX_RECENT, PREFS_KEY, Prefs, system_lang};
use super::file_step::{self, FileAction, FileState};
use super::history_page::{self, HistoryState};
use super::login::{self, LoginAction, LoginState};
use super::map::{self, MapInput, MapState};
use super::resume;
use super::session::Session;
use super::settings_page::{self, SettingsAction, SettingsState};
use super::shell::{self, Page, ShellAction, Step};
use super::task::Task;
use super::text::tr;
use super::upload_step::{self, UploadAction, UploadInput, UploadState};
use super::widgets;

/// What a validation run returns: the table it checked (a copy of its own when it is
/// to be edited in Check), the mapping, and the file generation it belongs to.
struct Validated {
    generation: u64,
    table: Arc<crate::source::Table>,
    mapping: Mapping,
    result: Result<Validation, String>,
}

/// Resuming an interrupted upload: the file is read again, validated, then sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resume {
    Reading,
    Validating,
}

pub struct App {
    pub env: Env,
    pub prefs: Prefs,
    pub lang: Lang,
    pub step: Step,
    pub page: Page,
    pub login: LoginState,
    pub session: Option<Session>,
    pub file: FileState,
    pub map: Option<MapState>,
    map_generation: u64,
    /// Validation for Check, with the table and mapping it checks and the file generation.
    validating: Option<Task<Validated>>,
    pub check: Option<CheckState>,
    check_generation: u64,
    pub upload: Option<UploadState>,
    history: HistoryState,
    settings: SettingsState,
    /// An upload that did not finish last time.
    pub pending: Option<PendingUpload>,
    resume: Option<Resume>,
    resume_asked: bool,
    waiting_file: Option<PathBuf>,
    close_asked: bool,
    /// "Close anyway": the upload is stopping; the window closes once it has.
    closing: bool,
    allow_close: bool,
    pub problem: Option<String>,
    /// Something to know, shown above the step until dismissed.
    pub notice: Option<String>,
    title: String,
}

impl App {
    /// The app as eframe starts it.
    pub fn new(cc: &eframe::CreationContext<'_>, env: Env) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        Self::with_prefs(&cc.egui_ctx, env, prefs)
    }

    /// The app with given preferences (tests start here too).
    pub fn with_prefs(ctx: &egui::Context, env: Env, prefs: Prefs) -> Self {
        let lang = env.lang.or(prefs.lang).unwrap_or_else(system_lang);
        ctx.set_theme(prefs.theme.preference());
        let login = LoginState::new(&env.dirs);
        let pending = PendingUpload::load(&pending_path(&env.dirs.journals()));
        let waiting_file = env.open_file.clone();
        let mut app = Self {
            env,
            prefs,
            lang,
            step: Step::Login,
            page: Page::Wizard,
            login,
            session: None,
            file: FileState::default(),
            map: None,
            map_generation: 0,
            validating: None,
            check: None,
            check_generation: 0,
            upload: None,
            history: HistoryState::default(),
            settings: SettingsState::default(),
            pending,
            resume: None,
            resume_asked: false,
            waiting_file,
            close_asked: false,
            closing: false,
            allow_close: false,
            problem: None,
            notice: None,
            title: String::new(),
        };
        app.update_title(ctx);
        app
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .file
            .file_name()
            .or_else(|| self.waiting_file.as_deref().map(file_step::file_name));
        let title = match name {
            Some(n) => format!("{n} — Pango Importer"),
            None => "Pango Importer".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn reachable(&self, s: Step) -> bool {
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

    fn logged_in(&mut self, ctx: &egui::Context, session: Session) {
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
        if self.resume_asked
            && let Some(p) = self.pending.clone()
        {
            self.resume = Some(Resume::Reading);
            self.file.open_with(ctx, p.file.clone(), (&p.read).into());
        } else if let Some(path) = self.waiting_file.take() {
            self.file.open(ctx, path);
        }
    }

    fn remember_recent(&mut self, path: PathBuf) {
        if self.env.samples.contains(&path) {
            return;
        }
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    fn map_input(&self) -> Option<MapInput> {
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

    /// Map → Check: resolve the mapping and validate every row in the background. The
    /// table is the file step's own (shared, not copied); the edits are the ones Check
    /// already holds for this file (so they are kept), else none.
    fn start_validation(&mut self, ctx: &egui::Context, mapping: Mapping) {
        let Some(table) = self.file.table().cloned() else {
            return;
        };
        let edits = self
            .check
            .as_ref()
            .filter(|_| self.check_generation == self.file.generation)
            .map(|c| c.edits().clone())
            .unwrap_or_default();
        self.prefs.object_type = Some(mapping.object_type.clone());
        self.problem = None;
        self.check = None;
        let generation = self.file.generation;
        self.validating = Some(Task::spawn(ctx, "validate", move |p| {
            let result = resolve(&mapping, table.headers())
                .map_err(|e| e.to_string())
                .and_then(|plan| {
                    validate(TableView::new(&table, &edits), &plan, Some(p))
                        .map_err(|e| e.to_string())
                });
            Validated {
                generation,
                table,
                mapping,
                result,
            }
        }));
    }

    fn start_upload(&mut self, ctx: &egui::Context) {
        let (Some(check), Some(session)) = (&self.check, &self.session) else {
            return;
        };
        let file = self.file.path.clone().unwrap_or_default();
        // A resumed upload keeps the journal it had (whatever happened to the file since).
        let journal = self
            .pending
            .as_ref()
            .filter(|p| self.resume_asked && p.file == file)
            .map(|p| p.journal.clone());
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
        self.pending = None;
        self.resume_asked = false;
        self.step = Step::Upload;
    }

    /// Background work the app itself owns: validation for Check, and resuming.
    fn poll(&mut self, ctx: &egui::Context) {
        let Some(done) = self.validating.as_mut().and_then(Task::poll) else {
            return;
        };
        self.validating = None;
        if done.generation != self.file.generation {
            // Another file (or the same one read another way) came in meanwhile.
            return;
        }
        match done.result {
            Ok(v) => {
                self.check = Some(CheckState::new(
                    done.table,
                    Arc::new(v),
                    done.mapping,
                    self.file.path.clone().unwrap_or_default(),
                ));
                self.check_generation = done.generation;
                if self.resume == Some(Resume::Validating) {
                    self.resume = None;
                    self.start_upload(ctx);
                } else {
                    self.step = Step::Check;
                }
            }
            Err(e) => {
                self.resume = None;
                self.resume_asked = false;
                self.problem = Some(e);
            }
        }
    }

    /// A resumed upload's file could not be read: say so, and let the user go on.
    fn resume_failed(&mut self) {
        if self.resume.take().is_some() {
            self.resume_asked = false;
            self.problem = Some(
                tr(
                    self.lang,
                    "The interrupted upload cannot be resumed: its file could not be read again (moved, renamed or changed?). Open it again to upload it; rows Pango already accepted are not sent twice when the file is unchanged.",
                    "Không thể tiếp tục lần tải lên bị gián đoạn: không đọc lại được tệp (đã chuyển, đổi tên hoặc sửa?). Hãy mở lại tệp để tải lên; các dòng Pango đã nhận sẽ không gửi lại nếu tệp không đổi.",
                )
                .to_string(),
            );
        }
    }

    fn on_file(&mut self, ctx: &egui::Context, action: FileAction) {
        match action {
            FileAction::Failed => self.resume_failed(),
            FileAction::Loaded(path) => {
                self.remember_recent(path.clone());
                self.map = None;
                self.check = None;
                self.validating = None;
                self.update_title(ctx);
                let resumed = self.pending.clone().filter(|p| p.file == path);
                if self.resume == Some(Resume::Reading) && resumed.is_none() {
                    self.resume_failed();
                }
                if self.resume == Some(Resume::Reading)
                    && let (Some(p), Some(input)) = (resumed, self.map_input())
                {
                    let st = MapState::with_mapping(input, p.mapping.clone());
                    self.map = Some(st);
                    self.map_generation = self.file.generation;
                    self.resume = Some(Resume::Validating);
                    self.start_validation(ctx, p.mapping);
                }
            }
        }
    }

    fn go_next(&mut self, ctx: &egui::Context) {
        match self.step {
            Step::Login => {}
            Step::File => {
                if (self.map.is_none() || self.map_generation != self.file.generation)
                    && let Some(input) = self.map_input()
                {
                    self.map = Some(MapState::new(input, self.prefs.object_type.as_deref()));
                    self.map_generation = self.file.generation;
                }
                self.step = Step::Map;
            }
            Step::Map => {
                if let Some(m) = &self.map {
                    let mapping = m.mapping();
                    self.start_validation(ctx, mapping);
                }
            }
            Step::Check => self.start_upload(ctx),
            Step::Upload => {}
        }
    }

    fn go_back(&mut self) {
        self.step = match self.step {
            Step::Login | Step::File => self.step,
            Step::Map => Step::File,
            Step::Check => Step::Map,
            Step::Upload => Step::Check,
        };
    }

    fn new_import(&mut self) {
        self.problem = None;
        self.validating = None;
        self.resume = None;
        self.resume_asked = false;
        self.file = FileState::default();
        self.map = None;
        self.check = None;
        self.upload = None;
        self.step = Step::File;
    }

    /// Asks before closing while an upload runs; "Close anyway" stops sending, waits for
    /// the requests in flight (so their outcome is journalled and nothing is sent twice on
    /// resume), keeps the upload offered for resume, then closes.
    fn guard_close(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        let running = self.upload.as_ref().is_some_and(UploadState::is_running);
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            let settled = self.upload.as_ref().is_none_or(UploadState::is_settled);
            if running || (self.closing && !settled) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.close_asked = !self.closing;
            }
        }
        if self.closing {
            if self.upload.as_ref().is_none_or(UploadState::is_settled) {
                self.closing = false;
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                return;
            }
            egui::Modal::new(egui::Id::unique("closing-after-upload")).show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(
                        lang,
                        "Stopping the upload: requests already sent finish first, so nothing is sent twice…",
                        "Đang dừng tải lên: các yêu cầu đã gửi hoàn tất trước, để không gửi trùng…",
                    ));
                });
            });
            return;
        }
        if !self.close_asked {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("close-while-uploading")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(tr(lang, "An upload is running", "Đang tải lên"));
            ui.label(tr(
                lang,
                "If you close now, sending stops, rows already accepted stay in Pango, and the rest are offered for resume the next time you open the app. Nothing is sent twice.",
                "Nếu đóng bây giờ, việc gửi sẽ dừng, các dòng đã được nhận vẫn ở trong Pango, phần còn lại sẽ được đề nghị gửi tiếp khi bạn mở lại ứng dụng. Không dòng nào bị gửi hai lần.",
            ));
            ui.add_space(8.0);
            let mut choice = None;
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Keep uploading", "Tiếp tục tải lên")).clicked() {
                    choice = Some(false);
                }
                if ui.button(tr(lang, "Close anyway", "Vẫn đóng")).clicked() {
                    choice = Some(true);
                }
            });
            choice
        });
        match modal.inner {
            Some(true) => {
                self.close_asked = false;
                self.closing = true;
                if let Some(u) = &mut self.upload {
                    u.keep_pending = true;
                    u.cancel();
                }
            }
            Some(false) => self.close_asked = false,
            None if modal.should_close() => self.close_asked = false,
            None => {}
        }
    }

    fn blocker(&self) -> Option<String> {
        let lang = self.lang;
        if self.validating.is_some() {
            return Some(tr(lang, "Checking every row…", "Đang kiểm tra từng dòng…").into());
        }
        match self.step {
            Step::Login => Some(String::new()),
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
            Step::Upload => Some(String::new()),
        }
    }

    fn resume_banner(&mut self, ui: &mut egui::Ui) {
        let Some(p) = &self.pending else {
            return;
        };
        if self.resume_asked || self.resume.is_some() {
            return;
        }
        match resume::banner(ui, p, self.session.is_some(), self.lang) {
            Some(true) => {
                self.resume_asked = true;
                if let Some(s) = self.session.clone() {
                    let ctx = ui.ctx().clone();
                    self.logged_in(&ctx, s);
                }
            }
            Some(false) => {
                let _ = PendingUpload::clear(&pending_path(&self.env.dirs.journals()));
                self.pending = None;
            }
            None => {}
        }
    }

    /// One frame (eframe calls this through [`eframe::App::ui`]; tests too).
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll(&ctx);
        self.guard_close(&ctx);
        let lang = self.lang;
        let who = self
            .session
            .as_ref()
            .map(|s| format!("{} · {}", s.profile.username, s.profile.name));
        let top = egui::Panel::top("steps")
            .show(ui, |ui| {
                ui.add_space(4.0);
                let r = shell::top_bar(
                    ui,
                    lang,
                    self.step,
                    self.page,
                    &|s| self.reachable(s),
                    who.as_deref(),
                );
                ui.add_space(2.0);
                r
            })
            .inner;
        let mut bottom = None;
        if self.page == Page::Wizard && self.step != Step::Login && self.step != Step::Upload {
            let blocker = self.blocker();
            let next = match self.step {
                Step::File => Some(tr(lang, "Next: map columns", "Tiếp: ghép cột")),
                Step::Map => Some(tr(lang, "Next: check rows", "Tiếp: kiểm tra")),
                Step::Check => Some(tr(lang, "Upload", "Tải lên")),
                _ => None,
            };
            bottom = egui::Panel::bottom("nav")
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    if let Some(v) = &self.validating {
                        ui.horizontal(|ui| {
                            ui.add(
                                egui::ProgressBar::new(v.progress().fraction())
                                    .desired_width(300.0)
                                    .show_percentage(),
                            );
                            if ui.button(tr(lang, "Cancel", "Huỷ")).clicked() {
                                v.cancel();
                            }
                        });
                    }
                    let r = shell::bottom_bar(
                        ui,
                        lang,
                        self.step != Step::File,
                        next,
                        blocker.as_deref(),
                    );
                    ui.add_space(4.0);
                    r
                })
                .inner;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(p) = self.problem.clone() {
                widgets::problem_box(ui, tr(lang, "Something went wrong", "Đã có lỗi"), &p);
                ui.add_space(6.0);
            }
            if let Some(n) = self.notice.clone() {
                let mut dismiss = false;
                widgets::info_frame(ui, |ui| {
                    ui.label(n);
                    dismiss = ui.button(tr(lang, "OK", "Đã hiểu")).clicked();
                });
                if dismiss {
                    self.notice = None;
                }
                ui.add_space(6.0);
            }
            match self.page {
                Page::History => {
                    history_page::ui(ui, &mut self.history, lang, self.env.dirs.history_file())
                }
                Page::Settings => {
                    let theme = self.prefs.theme;
                    match settings_page::ui(
                        ui,
                        &mut self.settings,
                        lang,
                        theme,
                        &self.env.dirs,
                        &self.env.places,
                    ) {
                        Some(SettingsAction::Language(l)) => {
                            self.lang = l;
                            self.prefs.lang = Some(l);
                        }
                        Some(SettingsAction::Theme(t)) => {
                            self.prefs.theme = t;
                            ui.ctx().set_theme(t.preference());
                        }
                        None => {}
                    }
                }
                Page::Wizard => self.step_ui(ui),
            }
        });
        for a in [top, bottom].into_iter().flatten() {
            match a {
                ShellAction::Goto(s) => {
                    self.page = Page::Wizard;
                    if s == Step::Map && self.map.is_none() {
                        self.go_next(&ctx);
                    } else {
                        self.step = s;
                    }
                }
                ShellAction::Show(p) => {
                    self.page = if self.page == p { Page::Wizard } else { p };
                    if p == Page::History {
                        self.history.refresh(&ctx, self.env.dirs.history_file());
                    }
                }
                ShellAction::Back => self.go_back(),
                ShellAction::Next => self.go_next(&ctx),
            }
        }
        self.update_title(&ctx);
    }

    fn step_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let ctx = ui.ctx().clone();
        if matches!(self.step, Step::Login | Step::File) {
            self.resume_banner(ui);
        }
        match self.step {
            Step::Login => {
                let waiting = self.waiting_file.as_deref().map(file_step::file_name);
                let a = login::ui(
                    ui,
                    &mut self.login,
                    lang,
                    &self.env.dirs,
                    &self.env.places,
                    &self.env.sandbox,
                    waiting.as_deref(),
                );
                if let Some(LoginAction::LoggedIn(s)) = a {
                    self.logged_in(&ctx, *s);
                }
            }
            Step::File => {
                let recent = self.prefs.recent.clone();
                if let Some(a) = file_step::ui(ui, &mut self.file, lang, &recent, &self.env.samples)
                {
                    self.on_file(&ctx, a);
                }
            }
            Step::Map => match &mut self.map {
                Some(m) => {
                    m.poll();
                    map::ui(ui, m, lang);
                }
                None => self.step = Step::File,
            },
            Step::Check => match &mut self.check {
                Some(c) => {
                    c.poll(&ctx);
                    check::ui(ui, c, lang);
                }
                None => self.step = Step::Map,
            },
            Step::Upload => {
                let action = match &mut self.upload {
                    Some(u) => upload_step::ui(ui, u, lang),
                    None => {
                        self.step = Step::Check;
                        None
                    }
                };
                match action {
                    Some(UploadAction::FixRejected(rows)) => {
                        if let Some(c) = &mut self.check {
                            c.show_rejected(rows);
                        }
                        self.upload = None;
                        self.step = Step::Check;
                    }
                    Some(UploadAction::NewImport) => self.new_import(),
                    Some(UploadAction::BackToCheck) => {
                        self.upload = None;
                        self.step = Step::Check;
                    }
                    Some(UploadAction::ShowHistory) => {
                        self.page = Page::History;
                        self.history.refresh(&ctx, self.env.dirs.history_file());
                    }
                    None => {}
                }
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
