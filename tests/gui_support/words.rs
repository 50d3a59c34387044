//! Helpers for the tests of what the app says (helper "words"): the clipboard.

use egui_kittest::Harness;

/// The text put on the clipboard in the last frame, if any.
pub fn copied<S>(h: &Harness<'_, S>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            eframe::egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}
