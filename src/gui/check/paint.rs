//! How the table looks: severity colours, status icons drawn as shapes (the
//! embedded fonts have no ✔/✘/⚠), and one-line text with an "original → sent" arrow.

use eframe::egui::{
    self, Color32, CornerRadius, FontFamily, FontId, Painter, Pos2, Rect, Stroke, TextStyle, Ui,
    text::{LayoutJob, TextFormat},
};

use crate::validate::Issue;

/// How bad a cell or row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Fine,
    Warning,
    Error,
}

pub fn severity<'a>(issues: impl Iterator<Item = &'a Issue>) -> Severity {
    issues.fold(Severity::Fine, |s, i| {
        s.max(if i.is_warning() {
            Severity::Warning
        } else {
            Severity::Error
        })
    })
}

/// The background of a cell with issues.
pub fn fill(ui: &Ui, s: Severity) -> Option<Color32> {
    let dark = ui.visuals().dark_mode;
    match (s, dark) {
        (Severity::Fine, _) => None,
        (Severity::Error, false) => Some(Color32::from_rgb(255, 214, 214)),
        (Severity::Error, true) => Some(Color32::from_rgb(110, 32, 32)),
        (Severity::Warning, false) => Some(Color32::from_rgb(255, 236, 179)),
        (Severity::Warning, true) => Some(Color32::from_rgb(100, 76, 14)),
    }
}

/// The colour of icons and words for a severity.
pub fn ink(s: Severity) -> Color32 {
    match s {
        Severity::Fine => Color32::from_rgb(30, 150, 60),
        Severity::Warning => Color32::from_rgb(205, 135, 0),
        Severity::Error => Color32::from_rgb(210, 40, 40),
    }
}

/// The colour of a value as it will be sent.
pub fn sent_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(120, 180, 255)
    } else {
        Color32::from_rgb(0, 90, 200)
    }
}

/// A tick, a cross or a warning triangle centred in `rect`.
pub fn icon(ui: &Ui, rect: Rect, s: Severity) {
    icon_on(ui.painter(), ui, rect, s);
}

/// [`icon`] with `p` (a frozen column's painter).
pub fn icon_on(p: &Painter, ui: &Ui, rect: Rect, s: Severity) {
    if !ui.is_visible() || !p.clip_rect().intersects(rect) {
        return;
    }
    let c = rect.center();
    let r = (rect.height().min(rect.width()) * 0.3).max(3.0);
    let stroke = Stroke::new(2.0, ink(s));
    let at = |x: f32, y: f32| Pos2::new(c.x + x * r, c.y + y * r);
    match s {
        Severity::Fine => {
            p.line_segment([at(-0.9, 0.0), at(-0.3, 0.7)], stroke);
            p.line_segment([at(-0.3, 0.7), at(0.9, -0.7)], stroke);
        }
        Severity::Error => {
            p.line_segment([at(-0.7, -0.7), at(0.7, 0.7)], stroke);
            p.line_segment([at(-0.7, 0.7), at(0.7, -0.7)], stroke);
        }
        Severity::Warning => {
            let tri = vec![at(0.0, -1.0), at(1.0, 0.8), at(-1.0, 0.8)];
            p.add(egui::Shape::convex_polygon(tri, ink(s), Stroke::NONE));
            let bang = Stroke::new(1.5, Color32::WHITE);
            p.line_segment([at(0.0, -0.45), at(0.0, 0.2)], bang);
            p.circle_filled(at(0.0, 0.5), 1.0, Color32::WHITE);
        }
    }
}

/// An icon of `size` points, laid out like a widget (for lists).
pub fn icon_widget(ui: &mut Ui, s: Severity, size: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    icon(ui, rect, s);
}

/// A small corner mark on a cell the user edited.
pub fn edited_mark(ui: &Ui, rect: Rect, color: Color32) {
    let p = rect.right_top();
    let tri = vec![p, p + egui::vec2(-7.0, 0.0), p + egui::vec2(0.0, 7.0)];
    ui.painter()
        .add(egui::Shape::convex_polygon(tri, color, Stroke::NONE));
}

pub fn selection_frame(ui: &Ui, rect: Rect) {
    let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
    ui.painter()
        .rect_stroke(rect, CornerRadius::ZERO, stroke, egui::StrokeKind::Inside);
}

/// Text in the body font.
pub fn plain(ui: &Ui, text: &str, color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    append(ui, &mut job, text, color);
    job
}

pub fn append(ui: &Ui, job: &mut LayoutJob, text: &str, color: Color32) {
    let font_id = TextStyle::Body.resolve(ui.style());
    job.append(text, 0.0, TextFormat::simple(font_id, color));
}

/// " → " (the arrow comes from the monospace font, which has it).
pub fn arrow(ui: &Ui, job: &mut LayoutJob, color: Color32) {
    let size = TextStyle::Body.resolve(ui.style()).size;
    job.append(
        " → ",
        0.0,
        TextFormat::simple(FontId::new(size, FontFamily::Monospace), color),
    );
}

/// `a → b` as one text (for labels).
pub fn arrow_text(ui: &Ui, a: &str, b: &str, color: Color32, small: bool) -> LayoutJob {
    let mut job = LayoutJob::default();
    let style = if small {
        TextStyle::Small
    } else {
        TextStyle::Body
    };
    let font = style.resolve(ui.style());
    job.append(a, 0.0, TextFormat::simple(font.clone(), color));
    job.append(
        " → ",
        0.0,
        TextFormat::simple(FontId::new(font.size, FontFamily::Monospace), color),
    );
    job.append(b, 0.0, TextFormat::simple(font, color));
    job
}

/// Lays `job` out on one line, cut to the cell's width, and paints it.
pub fn text(ui: &Ui, rect: Rect, job: LayoutJob) {
    text_on(ui.painter(), ui, rect, job);
}

/// [`text`] with `p` (a frozen column's painter).
pub fn text_on(p: &Painter, ui: &Ui, rect: Rect, mut job: LayoutJob) {
    if !ui.is_visible() || !p.clip_rect().intersects(rect) {
        return;
    }
    job.wrap.max_width = (rect.width() - 6.0).max(4.0);
    job.wrap.max_rows = 1;
    job.wrap.break_anywhere = true;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let pos = egui::pos2(rect.left() + 3.0, rect.center().y - galley.size().y / 2.0);
    p.galley(pos, galley, ui.visuals().text_color());
}
