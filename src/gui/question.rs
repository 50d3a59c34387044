//! A question in a modal window: a title, what it is about, and a row of buttons;
//! Esc (or a click beside it) dismisses it.

use eframe::egui;

/// What the user did with a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The button at this index.
    Button(usize),
    /// Esc, or a click beside the window.
    Dismissed,
}

/// Shows the question `id` (`width` at most): `title`, then `body`, then `buttons`.
pub fn ask(
    ctx: &egui::Context,
    id: &str,
    width: f32,
    title: &str,
    body: impl FnOnce(&mut egui::Ui),
    buttons: &[&str],
) -> Option<Answer> {
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(width);
        ui.heading(title);
        body(ui);
        ui.add_space(8.0);
        let mut choice = None;
        ui.horizontal(|ui| {
            for (i, b) in buttons.iter().enumerate() {
                if ui.button(*b).clicked() {
                    choice = Some(Answer::Button(i));
                }
            }
        });
        choice
    });
    match modal.inner {
        None if modal.should_close() => Some(Answer::Dismissed),
        choice => choice,
    }
}
