//! Resuming an upload that did not finish last time: offered on the login and file
//! screens; once the user says so (and is logged in) its file is read again, validated
//! with its mapping, then sent with the journal it had, so nothing is sent twice.

use eframe::egui;

use crate::upload::pending::{PendingUpload, pending_path};

use super::super::history_page::Unfinished;
use super::super::resume as banner;
use super::super::task::Task;
use super::super::text::tr;
use super::super::upload_step::UploadState;
use super::App;
use super::actions::Action;
use super::tasks::MapStart;

/// How far resuming an interrupted upload has come.
#[derive(Clone, Debug, Default)]
pub enum Resume {
    /// Nothing to resume (none was left, it was discarded, or it is being sent again).
    #[default]
    Nothing,
    /// Offered on the login and file screens.
    Offered(PendingUpload),
    /// The user said resume: waiting for the login.
    AfterLogin(PendingUpload),
    /// Its file is being read again.
    Reading(PendingUpload),
    /// Its file is being validated again; then it is sent.
    Validating(PendingUpload),
}

impl Resume {
    /// The interrupted upload, whatever stage resuming is at.
    pub fn pending(&self) -> Option<&PendingUpload> {
        match self {
            Resume::Nothing => None,
            Resume::Offered(p)
            | Resume::AfterLogin(p)
            | Resume::Reading(p)
            | Resume::Validating(p) => Some(p),
        }
    }

    /// The upload offered for resume, as History shows it on its line.
    pub(super) fn unfinished(&self, logged_in: bool) -> Option<Unfinished<'_>> {
        match self {
            Resume::Offered(pending) => Some(Unfinished { pending, logged_in }),
            _ => None,
        }
    }

    /// Back to the offer (resuming stopped on the way).
    fn offer_again(&mut self) {
        *self = match std::mem::take(self) {
            Resume::Nothing => Resume::Nothing,
            Resume::Offered(p)
            | Resume::AfterLogin(p)
            | Resume::Reading(p)
            | Resume::Validating(p) => Resume::Offered(p),
        };
    }
}

impl App {
    /// How far resuming an interrupted upload has come.
    pub fn resume_state(&self) -> &Resume {
        &self.resume
    }

    /// The interrupted upload on offer or being resumed.
    pub fn pending(&self) -> Option<&PendingUpload> {
        self.resume.pending()
    }

    /// The offer, when there is one to show.
    pub(super) fn resume_banner(&self, ui: &mut egui::Ui, queue: &mut Vec<Action>) {
        let Resume::Offered(p) = &self.resume else {
            return;
        };
        match banner::banner(ui, p, self.session.is_some(), self.lang) {
            Some(true) => queue.push(Action::ResumePending),
            Some(false) => queue.push(Action::DiscardPending),
            None => {}
        }
    }

    /// "Resume upload": read its file again now, or after the login.
    pub(super) fn resume_pending(&mut self, ctx: &egui::Context) {
        let Resume::Offered(p) = std::mem::take(&mut self.resume) else {
            return;
        };
        // From History too: back to the steps, where resuming shows.
        self.page = super::Page::Wizard;
        if self.session.is_some() {
            self.read_pending_again(ctx, p);
        } else {
            self.resume = Resume::AfterLogin(p);
        }
    }

    /// Logged in: a resume that waited for it goes on.
    pub(super) fn resume_after_login(&mut self, ctx: &egui::Context) -> bool {
        let Resume::AfterLogin(p) = std::mem::take(&mut self.resume) else {
            return false;
        };
        self.read_pending_again(ctx, p);
        true
    }

    fn read_pending_again(&mut self, ctx: &egui::Context, p: PendingUpload) {
        self.step = super::Step::File;
        self.file.open_with(ctx, p.file.clone(), (&p.read).into());
        self.resume = Resume::Reading(p);
    }

    /// "Resume" on the upload screen after a stop: the same upload again with its
    /// journal (rows already accepted are not sent twice, nothing is asked again).
    pub(super) fn resume_upload(&mut self, ctx: &egui::Context) {
        let Some(u) = &self.upload else {
            return;
        };
        let (input, session) = (u.resume_input(), u.session().clone());
        let dirs = self.env.dirs.clone();
        self.upload = Some(UploadState::begin(ctx, input, session, dirs));
    }

    /// "Discard": forget the offer, and its record on disk (in the background).
    pub(super) fn discard_pending(&mut self, ctx: &egui::Context) {
        self.resume = Resume::Nothing;
        let file = pending_path(&self.env.dirs.journals());
        self.work.discarding = Some(Task::spawn(ctx, "discard-pending", move |_| {
            let _ = PendingUpload::clear(&file);
        }));
    }

    /// A file was read: when it is the one being resumed, validate it with its mapping.
    pub(super) fn resume_read(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        let Resume::Reading(p) = std::mem::take(&mut self.resume) else {
            return;
        };
        if p.file != path {
            self.resume = Resume::Reading(p);
            self.resume_failed();
            return;
        }
        self.start_map(ctx, MapStart::Restore(Box::new(p.mapping.clone())));
        self.start_validation(ctx, p.mapping.clone());
        self.resume = Resume::Validating(p);
    }

    /// A resumed upload's file could not be read: say so, and offer it again.
    pub(super) fn resume_failed(&mut self) {
        if !matches!(self.resume, Resume::Reading(_)) {
            return;
        }
        self.resume.offer_again();
        self.problem = Some(
            tr(
                self.lang,
                "The interrupted upload cannot be resumed: its file could not be read again (moved, renamed or changed?). Open it again to upload it; rows Pango already accepted are not sent twice when the file is unchanged.",
                "Không thể tiếp tục lần tải lên bị gián đoạn: không đọc lại được tệp (đã chuyển, đổi tên hoặc sửa?). Hãy mở lại tệp để tải lên; các dòng Pango đã nhận sẽ không gửi lại nếu tệp không đổi.",
            )
            .to_string(),
        );
    }

    /// Validation of a resumed file ended: the upload to send now, when it went well.
    pub(super) fn resume_validated(&mut self, ok: bool) -> Option<PendingUpload> {
        let Resume::Validating(p) = std::mem::take(&mut self.resume) else {
            return None;
        };
        if ok {
            Some(p)
        } else {
            self.resume = Resume::Offered(p);
            None
        }
    }

    /// Resuming stops where it is (a new import): the offer stays.
    pub(super) fn resume_stopped(&mut self) {
        self.resume.offer_again();
    }
}
