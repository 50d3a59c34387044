//! The window title: the file being imported, then the app's name.

use eframe::egui;

use super::super::file_step;
use super::App;

impl App {
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
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
}
