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

/// Closing a dropdown with Esc gives the focus back to where it was when the dropdown
/// opened (egui's Esc also drops the focus). Call at the start of each frame, before
/// anything is drawn; [`remember_focus`] at its end.
pub fn keep_focus_through_escape(ctx: &egui::Context) {
    let was_open = ctx.data(|d| d.get_temp::<bool>(popup_open_id()).unwrap_or(false));
    if was_open
        && ctx.input(|i| i.key_pressed(egui::Key::Escape))
        && ctx.memory(|m| m.focused()).is_none()
        && let Some(id) = ctx.data(|d| d.get_temp::<egui::Id>(focus_id()))
    {
        ctx.memory_mut(|m| m.request_focus(id));
    }
}

/// Notes where the focus is while no dropdown is open (see [`keep_focus_through_escape`]).
pub fn remember_focus(ctx: &egui::Context) {
    let open = egui::Popup::is_any_open(ctx);
    ctx.data_mut(|d| d.insert_temp(popup_open_id(), open));
    if !open && let Some(id) = ctx.memory(|m| m.focused()) {
        ctx.data_mut(|d| d.insert_temp(focus_id(), id));
    }
}

fn popup_open_id() -> egui::Id {
    egui::Id::unique("widgets-popup-was-open")
}

fn focus_id() -> egui::Id {
    egui::Id::unique("widgets-focus-before-popup")
}
