//! Closing the window: asked first while an upload runs; "Close anyway" stops sending,
//! waits for the requests in flight (so their outcome is journalled and nothing is sent
//! twice on resume), keeps the upload offered for resume, then closes. Nothing else
//! ever holds the window open.

use eframe::egui;

use crate::i18n::Lang;

use super::super::question::{self, Answer};
use super::super::text::tr;
use super::super::upload_step::UploadState;
use super::App;
use super::actions::Action;

/// Where closing the window stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Closing {
    /// Nothing asked.
    #[default]
    Open,
    /// The user asked to close while an upload runs: the question is on screen.
    Asked,
    /// "Close anyway": the upload is stopping; the window closes once it has.
    StoppingUpload,
    /// The window closes (a close request was honoured).
    Allowed,
}

impl App {
    /// Where closing the window stands.
    pub fn closing(&self) -> Closing {
        self.closing
    }

    /// Turns the frame's close request, and a stopped upload, into actions.
    pub(super) fn watch_close(&self, ctx: &egui::Context, queue: &mut Vec<Action>) {
        if ctx.input(|i| i.viewport().close_requested()) {
            queue.push(Action::CloseRequested);
        }
        if self.closing == Closing::StoppingUpload
            && self.upload.as_ref().is_none_or(UploadState::is_settled)
        {
            queue.push(Action::CloseNow);
        }
        // The upload finished under the question: it no longer applies (the next
        // close request closes at once).
        if self.closing == Closing::Asked
            && !self.upload.as_ref().is_some_and(UploadState::is_running)
        {
            queue.push(Action::KeepUploading);
        }
    }

    /// A close request: honoured unless an upload runs (then asked first) or is stopping.
    pub(super) fn close_requested(&mut self, ctx: &egui::Context) {
        if self.closing == Closing::Allowed {
            return;
        }
        let running = self.upload.as_ref().is_some_and(UploadState::is_running);
        let settled = self.upload.as_ref().is_none_or(UploadState::is_settled);
        let stopping = self.closing == Closing::StoppingUpload && !settled;
        if running || stopping {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if self.closing == Closing::Open {
                self.closing = Closing::Asked;
            }
        } else {
            self.closing = Closing::Allowed;
        }
    }

    /// "Close anyway": stop sending, keep the upload offered for resume.
    pub(super) fn close_anyway(&mut self) {
        self.closing = Closing::StoppingUpload;
        if let Some(u) = &mut self.upload {
            u.keep_pending = true;
            u.cancel();
        }
    }

    pub(super) fn close_now(&mut self, ctx: &egui::Context) {
        self.closing = Closing::Allowed;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// The question, or the "stopping" note, when closing is under way.
    pub(super) fn closing_ui(&self, ctx: &egui::Context, queue: &mut Vec<Action>) {
        match self.closing {
            Closing::Asked => queue.extend(ask(ctx, self.lang)),
            Closing::StoppingUpload => stopping(ctx, self.lang),
            Closing::Open | Closing::Allowed => {}
        }
    }
}

fn stopping(ctx: &egui::Context, lang: Lang) {
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
}

fn ask(ctx: &egui::Context, lang: Lang) -> Option<Action> {
    let body = |ui: &mut egui::Ui| {
        ui.label(tr(
            lang,
            "If you close now, sending stops, rows already accepted stay in Pango, and the rest are offered for resume the next time you open the app. Nothing is sent twice.",
            "Nếu đóng bây giờ, việc gửi sẽ dừng, các dòng đã được nhận vẫn ở trong Pango, phần còn lại sẽ được đề nghị gửi tiếp khi bạn mở lại ứng dụng. Không dòng nào bị gửi hai lần.",
        ));
    };
    let title = tr(lang, "An upload is running", "Đang tải lên");
    let buttons = [
        tr(lang, "Keep uploading", "Tiếp tục tải lên"),
        tr(lang, "Close anyway", "Vẫn đóng"),
    ];
    question::ask(ctx, "close-while-uploading", 420.0, title, body, &buttons).map(|a| match a {
        Answer::Button(1) => Action::CloseAnyway,
        _ => Action::KeepUploading,
    })
}
