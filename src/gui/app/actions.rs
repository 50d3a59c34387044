//! The one place where the app's state changes: every step, page and dialog returns
//! [`Action`]s while it draws, the app's own tasks turn their ends into actions, and
//! [`App::apply`] carries them out after the panels, in order.

use std::sync::Arc;

use eframe::egui;

use crate::upload::pending::PendingUpload;

use super::super::check::CheckState;
use super::super::file_step::FileAction;
use super::super::login::LoginAction;
use super::super::map::MapState;
use super::super::settings_page::SettingsAction;
use super::super::shell::{Page, ShellAction, Step};
use super::super::upload_step::UploadAction;
use super::App;
use super::tasks::{Retry, Trouble, Validated};

/// Something to do, collected during the frame and applied after it.
#[must_use]
pub enum Action {
    Shell(ShellAction),
    Login(LoginAction),
    File(FileAction),
    Upload(UploadAction),
    Settings(SettingsAction),
    /// An upload left unfinished last time was found: offer it.
    PendingFound(Box<PendingUpload>),
    /// "Resume upload" on the offer of an interrupted upload.
    ResumePending,
    /// "Discard" on that offer.
    DiscardPending,
    DismissNotice,
    CancelValidation,
    /// Validation for Check ended.
    Validated(Box<Validated>),
    /// The template folder is read: the Map step can start.
    MapReady(Box<MapState>),
    /// Background work broke.
    Broken(Box<Trouble>),
    /// "Try again" after it.
    Retry,
    /// "Back" after it.
    BackFromTrouble,
    /// The window's close button (or the system) asked to close.
    CloseRequested,
    CloseAnyway,
    KeepUploading,
    /// The upload stopped after "Close anyway": close now.
    CloseNow,
}

impl App {
    /// Carries out the actions in order.
    pub(super) fn apply_all(&mut self, ctx: &egui::Context, queue: Vec<Action>) {
        for action in queue {
            self.apply(ctx, action);
        }
    }

    /// Carries out one action.
    pub(super) fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Shell(a) => self.on_shell(ctx, a),
            Action::Login(LoginAction::LoggedIn(s)) => self.logged_in(ctx, *s),
            Action::File(a) => self.on_file(ctx, a),
            Action::Upload(a) => self.on_upload(ctx, a),
            Action::Settings(a) => self.on_settings(ctx, a),
            Action::PendingFound(p) => self.resume = super::Resume::Offered(*p),
            Action::ResumePending => self.resume_pending(ctx),
            Action::DiscardPending => self.discard_pending(ctx),
            Action::DismissNotice => self.notice = None,
            Action::CancelValidation => self.cancel_validation(),
            Action::Validated(v) => self.on_validated(ctx, *v),
            Action::MapReady(m) => self.map = Some(*m),
            Action::Broken(t) => {
                self.resume_validated(false);
                self.trouble = Some(*t);
            }
            Action::Retry => self.retry(ctx),
            Action::BackFromTrouble => self.back_from_trouble(),
            Action::CloseRequested => self.close_requested(ctx),
            Action::CloseAnyway => self.close_anyway(),
            Action::KeepUploading => self.closing = super::Closing::Open,
            Action::CloseNow => self.close_now(ctx),
        }
    }

    /// "Back" after broken work: to the step the work was started from.
    fn back_from_trouble(&mut self) {
        let Some(t) = self.trouble.take() else {
            return;
        };
        self.step = match t.retry {
            Retry::Validation(_) if self.map.is_some() => Step::Map,
            Retry::Validation(_) | Retry::MapTemplates(_) => Step::File,
        };
    }

    fn on_shell(&mut self, ctx: &egui::Context, action: ShellAction) {
        match action {
            ShellAction::Goto(s) => {
                self.page = Page::Wizard;
                if s == Step::Map && self.map.is_none() {
                    self.enter_map(ctx);
                } else {
                    self.step = s;
                }
            }
            ShellAction::Show(p) => {
                self.page = if self.page == p { Page::Wizard } else { p };
                if p == Page::History {
                    self.history.refresh(ctx, self.env.dirs.history_file());
                }
            }
            ShellAction::Back => self.go_back(),
            ShellAction::Next => self.go_next(ctx),
        }
    }

    fn on_file(&mut self, ctx: &egui::Context, action: FileAction) {
        match action {
            FileAction::Failed => self.resume_failed(),
            FileAction::Loaded(path) => {
                self.remember_recent(path.clone());
                // Everything made from the previous table goes, with its work.
                self.map = None;
                self.check = None;
                self.work.validating = None;
                self.work.map_loading = None;
                self.trouble = None;
                self.resume_read(ctx, &path);
            }
        }
    }

    fn on_upload(&mut self, ctx: &egui::Context, action: UploadAction) {
        match action {
            UploadAction::FixRejected(rows) => {
                if let Some(c) = &mut self.check {
                    c.show_rejected(rows);
                }
                self.upload = None;
                self.step = Step::Check;
            }
            UploadAction::NewImport => self.new_import(),
            UploadAction::BackToCheck => {
                self.upload = None;
                self.step = Step::Check;
            }
            UploadAction::Resume => self.resume_upload(ctx),
            UploadAction::ShowHistory => {
                self.page = Page::History;
                self.history.refresh(ctx, self.env.dirs.history_file());
            }
        }
    }

    fn on_settings(&mut self, ctx: &egui::Context, action: SettingsAction) {
        let lang = self.lang;
        match action {
            SettingsAction::Language(l) => {
                self.lang = l;
                self.prefs.lang = Some(l);
            }
            SettingsAction::Theme(t) => {
                self.prefs.theme = t;
                ctx.set_theme(t.preference());
            }
            SettingsAction::ForgetKey { profile, user } => {
                let places = self.env.places.clone();
                self.settings.forget_key(ctx, &places, lang, profile, user);
            }
            SettingsAction::RemoveProfile(name) => {
                let dirs = self.env.dirs.clone();
                self.settings.remove_profile(ctx, &dirs, lang, name);
            }
        }
    }

    fn on_validated(&mut self, ctx: &egui::Context, done: Validated) {
        match done.result {
            Ok(v) => {
                self.check = Some(CheckState::new(
                    done.table,
                    Arc::new(v),
                    done.mapping,
                    self.file.path.clone().unwrap_or_default(),
                ));
                match self.resume_validated(true) {
                    Some(p) => self.start_upload(ctx, Some(p)),
                    None => self.step = Step::Check,
                }
            }
            Err(e) => {
                self.resume_validated(false);
                self.problem = Some(e);
            }
        }
    }
}
