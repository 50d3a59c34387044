//! The frame around the steps: the step indicator with History and Settings, and
//! the Back/Next bar with the reason Next is not available yet.

use eframe::egui::{self, RichText};

use crate::i18n::Lang;

use super::text::tr;

/// The wizard's steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Login,
    File,
    Map,
    Check,
    Upload,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Login,
        Step::File,
        Step::Map,
        Step::Check,
        Step::Upload,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Step::Login => tr(lang, "Log in", "Đăng nhập"),
            Step::File => tr(lang, "File", "Tệp"),
            Step::Map => tr(lang, "Map", "Ghép cột"),
            Step::Check => tr(lang, "Check", "Kiểm tra"),
            Step::Upload => tr(lang, "Upload", "Tải lên"),
        }
    }
}

/// The wizard, or one of the two side pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Wizard,
    History,
    Settings,
}

/// What the frame asks the app to do.
#[must_use]
pub enum ShellAction {
    Goto(Step),
    Show(Page),
    Back,
    Next,
}

/// The top bar. `reachable(step)` says which steps can be clicked.
pub fn top_bar(
    ui: &mut egui::Ui,
    lang: Lang,
    step: Step,
    page: Page,
    reachable: &dyn Fn(Step) -> bool,
    who: Option<&str>,
) -> Option<ShellAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Pango Importer").strong().size(16.0));
        ui.add_space(16.0);
        for (i, s) in Step::ALL.into_iter().enumerate() {
            if i > 0 {
                ui.label(RichText::new("›").weak());
            }
            let current = page == Page::Wizard && s == step;
            let done = s < step;
            let text = format!(
                "{} {}",
                if done {
                    "✔".to_string()
                } else {
                    (i + 1).to_string()
                },
                s.name(lang)
            );
            let mut rt = RichText::new(text);
            if current {
                rt = rt.strong();
            }
            let r = ui.add_enabled(
                reachable(s) || current,
                egui::Button::selectable(current, rt),
            );
            if r.clicked() {
                action = Some(ShellAction::Goto(s));
            }
        }
        // Right-aligned, but drawn left to right so Tab reaches History before
        // Settings: the group's width is remembered from the frame before.
        let width_id = egui::Id::unique("top-bar-right-width");
        let width: f32 = ui.ctx().data(|d| d.get_temp(width_id)).unwrap_or(0.0);
        ui.add_space((ui.available_width() - width).max(0.0));
        let start = ui.cursor().min.x;
        if let Some(who) = who {
            ui.label(RichText::new(who).weak());
        }
        if ui
            .selectable_label(page == Page::History, tr(lang, "History", "Lịch sử"))
            .clicked()
        {
            action = Some(ShellAction::Show(Page::History));
        }
        if ui
            .selectable_label(page == Page::Settings, tr(lang, "Settings", "Cài đặt"))
            .clicked()
        {
            action = Some(ShellAction::Show(Page::Settings));
        }
        let used = ui.min_rect().max.x - start;
        if (used - width).abs() > 0.5 {
            // Laid out with last frame's width: do this pass again, unseen (as egui's Grid does).
            ui.ctx().data_mut(|d| d.insert_temp(width_id, used));
            ui.ctx()
                .request_discard("the top bar's right group changed width");
        }
    });
    action
}

/// The bottom bar: Back, the reason Next is unavailable, Next.
pub fn bottom_bar(
    ui: &mut egui::Ui,
    lang: Lang,
    back: bool,
    next_label: Option<&str>,
    blocker: Option<&str>,
) -> Option<ShellAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        if back
            && ui
                .add(
                    egui::Button::new(format!("⬅ {}", tr(lang, "Back", "Quay lại")))
                        .min_size(egui::vec2(100.0, 30.0)),
                )
                .clicked()
        {
            action = Some(ShellAction::Back);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(label) = next_label {
                let r = ui.add_enabled(
                    blocker.is_none(),
                    egui::Button::new(RichText::new(format!("{label} ➡")).strong())
                        .min_size(egui::vec2(120.0, 30.0)),
                );
                if r.clicked() {
                    action = Some(ShellAction::Next);
                }
            }
            if let Some(b) = blocker
                && !b.is_empty()
            {
                ui.label(RichText::new(b).color(ui.visuals().warn_fg_color));
            }
        });
    });
    action
}
