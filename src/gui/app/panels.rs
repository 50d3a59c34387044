//! Drawing the window: the step bar, the Back/Next bar, and the page or step in the
//! middle. Nothing here changes the app's state: every click becomes an [`Action`].

use eframe::egui;

use super::super::file_step;
use super::super::shell::{self, Page, Step};
use super::super::text::tr;
use super::super::{check, history_page, login, map, settings_page, upload_step, widgets};
use super::App;
use super::actions::Action;

impl App {
    /// Draws every panel; what the user did is pushed on `queue`.
    pub(super) fn panels(&mut self, ui: &mut egui::Ui, queue: &mut Vec<Action>) {
        let lang = self.lang;
        let who = self.session.as_ref().map(|s| {
            let profile = super::super::login_form::profile_short(&s.profile.name, lang);
            format!("{} · {profile}", s.profile.username)
        });
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
        queue.extend(top.map(Action::Shell));
        if self.page == Page::Wizard && self.step != Step::Login && self.step != Step::Upload {
            self.bottom_bar(ui, queue);
        }
        egui::CentralPanel::default().show(ui, |ui| self.central(ui, queue));
    }

    fn bottom_bar(&self, ui: &mut egui::Ui, queue: &mut Vec<Action>) {
        let lang = self.lang;
        let blocker = self.blocker();
        let next = match self.step {
            Step::File => Some(tr(lang, "Next: map columns", "Tiếp: ghép cột")),
            Step::Map => Some(tr(lang, "Next: check rows", "Tiếp: kiểm tra")),
            Step::Check => Some(tr(lang, "Upload", "Tải lên")),
            _ => None,
        };
        let bottom = egui::Panel::bottom("nav")
            .show(ui, |ui| {
                ui.add_space(6.0);
                self.validation_bar(ui, queue);
                let r =
                    shell::bottom_bar(ui, lang, self.step != Step::File, next, blocker.as_deref());
                ui.add_space(4.0);
                r
            })
            .inner;
        queue.extend(bottom.map(Action::Shell));
    }

    fn central(&mut self, ui: &mut egui::Ui, queue: &mut Vec<Action>) {
        let lang = self.lang;
        if let Some(p) = &self.problem {
            widgets::problem_box(ui, tr(lang, "Something went wrong", "Đã có lỗi"), p);
            ui.add_space(6.0);
        }
        if let Some(t) = &self.trouble {
            widgets::problem_box(
                ui,
                tr(lang, "Something went wrong", "Đã có lỗi"),
                &t.message,
            );
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Try again", "Thử lại")).clicked() {
                    queue.push(Action::Retry);
                }
                if ui.button(tr(lang, "Back", "Quay lại")).clicked() {
                    queue.push(Action::BackFromTrouble);
                }
            });
            ui.add_space(6.0);
        }
        if let Some(n) = &self.notice {
            widgets::info_frame(ui, |ui| {
                ui.label(n);
                if ui.button(tr(lang, "OK", "Đã hiểu")).clicked() {
                    queue.push(Action::DismissNotice);
                }
            });
            ui.add_space(6.0);
        }
        match self.page {
            Page::History => {
                let file = self.env.dirs.history_file();
                let unfinished = self.resume.unfinished(self.session.is_some());
                let a = history_page::ui(ui, &mut self.history, lang, file, unfinished);
                if a == Some(history_page::HistoryAction::Resume) {
                    queue.push(Action::ResumePending);
                }
            }
            Page::Settings => {
                let theme = self.prefs.theme;
                let dirs = &self.env.dirs;
                let a = settings_page::ui(ui, &mut self.settings, lang, theme, dirs);
                queue.extend(a.map(Action::Settings));
            }
            Page::Wizard => self.step_ui(ui, queue),
        }
    }

    fn step_ui(&mut self, ui: &mut egui::Ui, queue: &mut Vec<Action>) {
        let lang = self.lang;
        if matches!(self.step, Step::Login | Step::File) {
            self.resume_banner(ui, queue);
        }
        match self.step {
            Step::Login => {
                let waiting = self.waiting_file.as_deref().map(file_step::file_name);
                let env = &self.env;
                let a = login::ui(
                    ui,
                    &mut self.login,
                    lang,
                    &env.dirs,
                    &env.places,
                    &env.sandbox,
                    waiting.as_deref(),
                );
                queue.extend(a.map(Action::Login));
            }
            Step::File => {
                let recent = &self.prefs.recent;
                let a = file_step::ui(ui, &mut self.file, lang, recent, &self.env.samples);
                queue.extend(a.map(Action::File));
            }
            Step::Map => match &mut self.map {
                Some(m) => map::ui(ui, m, lang),
                None if self.work.map_loading.is_some() => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(tr(
                            lang,
                            "Reading saved templates…",
                            "Đang đọc các mẫu đã lưu…",
                        ));
                    });
                }
                None if self.trouble.is_some() => {}
                None => queue.push(Action::Shell(shell::ShellAction::Goto(Step::File))),
            },
            Step::Check => match &mut self.check {
                Some(c) => {
                    c.poll(ui.ctx());
                    check::ui(ui, c, lang);
                }
                None => queue.push(Action::Shell(shell::ShellAction::Goto(Step::Map))),
            },
            Step::Upload => match &mut self.upload {
                Some(u) => queue.extend(upload_step::ui(ui, u, lang).map(Action::Upload)),
                None => queue.push(Action::Shell(shell::ShellAction::Goto(Step::Check))),
            },
        }
    }
}
