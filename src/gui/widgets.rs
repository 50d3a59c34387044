//! Small drawing helpers shared by the steps: message boxes and layout.

use eframe::egui::{self, Color32, RichText};

/// A column of at most `width` points, centred in the available space.
pub fn centered_column<R>(
    ui: &mut egui::Ui,
    width: f32,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let avail = ui.available_width();
    let w = width.min(avail);
    let margin = ((avail - w) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_max_width(w);
            add(ui)
        })
        .inner
    })
    .inner
}

fn boxed(ui: &mut egui::Ui, fill: Color32, stroke: Color32, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}

fn tones(ui: &egui::Ui, light: (u8, u8, u8), dark: (u8, u8, u8)) -> Color32 {
    let (r, g, b) = if ui.visuals().dark_mode { dark } else { light };
    Color32::from_rgb(r, g, b)
}

/// A red box: what went wrong, and what to do.
pub fn problem_box(ui: &mut egui::Ui, title: &str, advice: &str) {
    let fill = tones(ui, (253, 236, 234), (70, 28, 26));
    let stroke = tones(ui, (220, 90, 80), (200, 90, 80));
    boxed(ui, fill, stroke, |ui| {
        ui.label(RichText::new(format!("⚠ {title}")).strong());
        ui.label(advice);
    });
}

/// A green box: something worked.
pub fn ok_box(ui: &mut egui::Ui, text: &str) {
    let fill = tones(ui, (231, 246, 234), (24, 56, 32));
    let stroke = tones(ui, (90, 170, 100), (80, 160, 90));
    boxed(ui, fill, stroke, |ui| {
        ui.label(format!("✔ {text}"));
    });
}

/// A blue box: something to know.
pub fn info_box(ui: &mut egui::Ui, text: &str) {
    let fill = tones(ui, (232, 241, 252), (26, 40, 62));
    let stroke = tones(ui, (110, 150, 210), (90, 130, 190));
    boxed(ui, fill, stroke, |ui| {
        ui.label(format!("ℹ {text}"));
    });
}

/// A box with buttons or other content, in the information colours.
pub fn info_frame(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let fill = tones(ui, (232, 241, 252), (26, 40, 62));
    let stroke = tones(ui, (110, 150, 210), (90, 130, 190));
    boxed(ui, fill, stroke, add);
}
