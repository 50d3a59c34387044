//! The row number and status columns stay at the left edge while the table scrolls
//! right. Scrolled right, the table's clip starts after them (so the file's cells
//! never paint there), and their cells, laid out with the rest of the row, are moved
//! back by the scrolled distance and painted in that strip with the row's background.
//! Not scrolled, nothing changes: the cells paint in place as any other.

use eframe::egui::{self, Color32, Painter, Rect, Ui, vec2};

/// Where the frozen columns go in this frame.
#[derive(Clone, Copy)]
pub struct Frozen {
    /// How far the table is scrolled right (0 when not).
    dx: f32,
    /// The strip at the left edge the frozen columns show in (x only is used).
    strip: Rect,
}

impl Frozen {
    /// Measured at the start of the horizontal scroll area's content (`ui` is its
    /// content's): the distance between the visible left edge and the content's.
    /// `width`: the frozen columns with the spacing after each. Scrolled, `ui`'s clip
    /// then leaves the strip to them.
    pub fn measure(ui: &mut Ui, width: f32) -> Self {
        let clip = ui.clip_rect();
        let dx = (clip.left() - ui.max_rect().left()).max(0.0);
        let strip = Rect::from_x_y_ranges(clip.left()..=clip.left() + width, clip.y_range());
        let frozen = Self { dx, strip };
        if frozen.scrolled() {
            let rest = Rect::from_x_y_ranges(strip.right()..=clip.right(), clip.y_range());
            ui.shrink_clip_rect(rest);
        }
        frozen
    }

    fn scrolled(self) -> bool {
        self.dx > 0.5
    }

    /// The rect a frozen cell shows in: its own, moved back by the scrolled distance.
    pub fn place(self, rect: Rect) -> Rect {
        rect.translate(vec2(self.dx, 0.0))
    }

    /// The painter for a frozen cell at `rect` (from [`Frozen::place`]): the cell's own
    /// when not scrolled; else one clipped to the strip (and to the cell's rows), with
    /// the row's background (`stripe`, `selected` as the table paints them) and, after
    /// the `last` frozen column, the line closing the strip painted first.
    pub fn painter(self, ui: &Ui, rect: Rect, stripe: bool, selected: bool, last: bool) -> Painter {
        let mut painter = ui.painter().clone();
        if !self.scrolled() {
            return painter;
        }
        let strip = Rect::from_x_y_ranges(self.strip.x_range(), ui.clip_rect().y_range());
        painter.set_clip_rect(strip);
        let v = ui.visuals();
        let bg = rect.expand2(0.5 * ui.spacing().item_spacing);
        let tint: Option<Color32> = if selected {
            Some(v.selection.bg_fill)
        } else if stripe {
            Some(v.faint_bg_color)
        } else {
            None
        };
        if let Some(tint) = tint {
            painter.rect_filled(bg, 0.0, tint);
        }
        if last {
            let stroke = egui::Stroke::new(1.0, v.widgets.noninteractive.bg_stroke.color);
            painter.vline(self.strip.right() - 1.0, bg.y_range(), stroke);
        }
        painter
    }
}
