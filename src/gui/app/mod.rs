//! The app: the state of every step (here), and the one place where actions change it
//! ([`actions`]). Each frame: the app's own tasks and the close button report as
//! actions, applied before drawing; then the panels draw and return actions, applied
//! after them. Both go through `App::apply`.
//! Nothing here waits on a file, the network or validation: that work runs in
//! [`Task`](super::task::Task)s.
//!
//! - `actions.rs`: the [`Action`](actions::Action) queue and `apply`
//! - `panels.rs`: drawing (top, bottom, middle), clicks become actions
//! - `nav.rs`: Back/Next, reachable steps, login, starting the upload, new import
//! - `tasks.rs`: validation and the template folder, and broken work ([`Trouble`](tasks::Trouble))
//! - `resume.rs`: resuming an interrupted upload ([`Resume`])
//! - `closing.rs`: closing the window ([`Closing`])
//! - `title.rs`: the window title

mod actions;
mod closing;
mod nav;
mod panels;
mod resume;
mod tasks;
mod title;

use std::path::PathBuf;

use eframe::egui;

use crate::i18n::Lang;
use crate::upload::pending::{PendingUpload, pending_path};

use super::check::CheckState;
use super::env::{Env, PREFS_KEY, Prefs, system_lang};
use super::file_step::FileState;
use super::history_page::HistoryState;
use super::login::LoginState;
use super::map::MapState;
use super::session::Session;
use super::settings_page::SettingsState;
use super::shell::{Page, Step};
use super::task::Task;
use super::upload_step::UploadState;

pub use closing::Closing;
pub use resume::Resume;
use tasks::{AppWork, Trouble};

pub struct App {
    pub env: Env,
    /// What is kept between runs (language, theme, recent files, last object type).
    pub prefs: Prefs,
    pub lang: Lang,
    pub step: Step,
    pub page: Page,
    pub login: LoginState,
    pub session: Option<Session>,
    pub file: FileState,
    pub map: Option<MapState>,
    pub check: Option<CheckState>,
    pub upload: Option<UploadState>,
    history: HistoryState,
    settings: SettingsState,
    /// Background work the app owns (validation, the template folder).
    work: AppWork,
    /// An upload that did not finish last time, and how far resuming it has come.
    resume: Resume,
    /// A file given on the command line, waiting for the login.
    waiting_file: Option<PathBuf>,
    closing: Closing,
    pub problem: Option<String>,
    /// Background work that broke, with "Try again" and "Back".
    trouble: Option<Trouble>,
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
        // An upload left unfinished last time is looked for off the UI thread.
        let pending = pending_path(&env.dirs.journals());
        let looking = Task::spawn(ctx, "pending", move |_| PendingUpload::load(&pending));
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
            check: None,
            upload: None,
            history: HistoryState::default(),
            settings: SettingsState::default(),
            work: AppWork {
                looking_for_pending: Some(looking),
                ..AppWork::default()
            },
            resume: Resume::Nothing,
            waiting_file,
            closing: Closing::Open,
            problem: None,
            trouble: None,
            notice: None,
            title: String::new(),
        };
        app.update_title(ctx);
        app
    }

    /// Whether the start-up look for an unfinished upload is done (its offer, if any,
    /// is then on screen).
    pub fn started(&self) -> bool {
        self.work.looking_for_pending.is_none()
    }

    /// Background work broke and waits for "Try again" or "Back": its message.
    pub fn trouble(&self) -> Option<&str> {
        self.trouble.as_ref().map(|t| t.message.as_str())
    }

    /// One frame (eframe calls this through [`eframe::App::ui`]; tests too).
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        super::widgets::keep_focus_through_escape(&ctx);
        // What happened since the last frame (work that ended, the close button) is
        // applied first, so the frame draws the state it brought.
        let mut queue = Vec::new();
        self.poll_work(&mut queue);
        self.watch_close(&ctx, &mut queue);
        self.apply_all(&ctx, queue);
        // Then the frame is drawn; what the user did is applied after it.
        let mut queue = Vec::new();
        self.closing_ui(&ctx, &mut queue);
        self.panels(ui, &mut queue);
        super::open::show_unopened(&ctx, self.lang);
        self.apply_all(&ctx, queue);
        self.update_title(&ctx);
        super::widgets::remember_focus(&ctx);
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
