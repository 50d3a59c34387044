//! The main grid: one row per file column — letter and header, sample values, the
//! field picker, how the field was chosen (match confidence, template), "ignore" and
//! the column's options.

use eframe::egui::{self, Color32, RichText};

use crate::convert::fold;
use crate::error::column_letter;
use crate::gui::text::tr;
use crate::i18n::Lang;

use super::state::{Action, Origin, pick};
use super::{MapState, options, picker};

/// A sample value cut to `max` characters (with "…"), for the grid.
pub(super) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Widths that keep a row inside 1200×800 next to the side panel.
const HEADER_WIDTH: f32 = 170.0;
const SAMPLES_WIDTH: f32 = 190.0;
/// Below this width (a 900-point window) the grid is compact: narrower header and
/// sample columns, and "ignore" and the options under the field picker.
const COMPACT_BELOW: f32 = 860.0;
const COMPACT_HEADER_WIDTH: f32 = 120.0;
const COMPACT_SAMPLES_WIDTH: f32 = 110.0;

/// How wide the grid's first columns are, and whether "ignore" and the options go
/// under the field picker instead of a column of their own.
#[derive(Clone, Copy)]
struct Layout {
    header: f32,
    samples: f32,
    compact: bool,
}

impl Layout {
    fn for_width(width: f32) -> Self {
        if width < COMPACT_BELOW {
            Self {
                header: COMPACT_HEADER_WIDTH,
                samples: COMPACT_SAMPLES_WIDTH,
                compact: true,
            }
        } else {
            Self {
                header: HEADER_WIDTH,
                samples: SAMPLES_WIDTH,
                compact: false,
            }
        }
    }
}

/// Up to three sample values on one line, each cut short.
pub(super) fn sample_line(samples: &[String]) -> String {
    samples
        .iter()
        .take(3)
        .map(|s| truncate(s, 18))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The badge text and colour for how a column's field was chosen.
pub(super) fn badge(origin: Origin, lang: Lang) -> Option<(String, Color32, String)> {
    match origin {
        Origin::Auto(c) => {
            let pct = (c * 100.0).round() as u32;
            let color = if c >= 0.9 {
                Color32::from_rgb(40, 150, 60)
            } else if c >= 0.75 {
                Color32::from_rgb(190, 140, 0)
            } else {
                Color32::from_rgb(215, 95, 0)
            };
            let hover = pick(
                lang,
                format!("Matched automatically from the header, {pct}% sure. Check it if unsure."),
                format!("Tự ghép theo tên cột, chắc chắn {pct}%. Hãy kiểm tra nếu chưa chắc."),
            );
            Some((format!("{pct}%"), color, hover))
        }
        Origin::Template => Some((
            tr(lang, "from template", "theo mẫu").to_string(),
            Color32::from_rgb(60, 120, 200),
            tr(
                lang,
                "Mapped as in the saved template.",
                "Ghép theo mẫu đã lưu.",
            )
            .to_string(),
        )),
        Origin::Restored | Origin::User | Origin::None => None,
    }
}

pub(super) fn ui(ui: &mut egui::Ui, st: &mut MapState, lang: Lang, actions: &mut Vec<Action>) {
    let mapped = st.columns.iter().filter(|c| c.feeds().is_some()).count();
    let ignored = st.columns.iter().filter(|c| c.ignore).count();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&st.file_name).strong());
        ui.label(
            RichText::new(pick(
                lang,
                format!(
                    "{} columns: {mapped} mapped, {ignored} ignored, {} not mapped",
                    st.columns.len(),
                    st.columns.len() - mapped - ignored
                ),
                format!(
                    "{} cột: {mapped} đã ghép, {ignored} bỏ qua, {} chưa ghép",
                    st.columns.len(),
                    st.columns.len() - mapped - ignored
                ),
            ))
            .weak(),
        );
    });
    ui.label(
        RichText::new(tr(
            lang,
            "For each column of your file, pick the Pango field it fills, or ignore it. Columns left “not mapped” are not sent.",
            "Với mỗi cột trong tệp, chọn trường Pango mà cột đó điền vào, hoặc bỏ qua. Cột “chưa ghép” sẽ không được gửi.",
        ))
        .small()
        .weak(),
    );
    ui.add_space(4.0);
    let added: Vec<String> = st
        .templates
        .applied
        .as_ref()
        .map(|a| a.added.iter().map(|h| fold(h)).collect())
        .unwrap_or_default();
    let layout = Layout::for_width(ui.available_width());
    egui::ScrollArea::both()
        .id_salt("map-columns-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("map-columns")
                .striped(true)
                .num_columns(if layout.compact { 3 } else { 5 })
                .spacing([10.0, 6.0])
                .min_row_height(26.0)
                .show(ui, |ui| {
                    titles(ui, lang, layout);
                    for col in 0..st.columns.len() {
                        row(ui, st, col, lang, &added, layout, actions);
                        ui.end_row();
                    }
                });
        });
}

fn titles(ui: &mut egui::Ui, lang: Lang, layout: Layout) {
    let titles: &[&str] = if layout.compact {
        &[
            tr(lang, "Column", "Cột"),
            tr(lang, "Sample values", "Giá trị mẫu"),
            tr(
                lang,
                "Pango field, match, options",
                "Trường Pango, độ khớp, tùy chọn",
            ),
        ]
    } else {
        &[
            tr(lang, "Column", "Cột"),
            tr(lang, "Sample values", "Giá trị mẫu"),
            tr(lang, "Pango field", "Trường Pango"),
            tr(lang, "Match", "Độ khớp"),
            tr(lang, "Ignore / options", "Bỏ qua / tùy chọn"),
        ]
    };
    for h in titles {
        ui.label(RichText::new(*h).strong());
    }
    ui.end_row();
}

fn row(
    ui: &mut egui::Ui,
    st: &mut MapState,
    col: usize,
    lang: Lang,
    added: &[String],
    layout: Layout,
    actions: &mut Vec<Action>,
) {
    let c = &st.columns[col];
    let header = c.header.clone();
    ui.horizontal(|ui| {
        ui.set_width(layout.header);
        ui.label(RichText::new(column_letter(col)).monospace().weak());
        if added.contains(&fold(&header)) {
            ui.label(
                RichText::new(tr(lang, "new", "mới"))
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(tr(
                lang,
                "This column was not in the template.",
                "Cột này không có trong mẫu.",
            ));
        }
        let shown = if header.trim().is_empty() {
            tr(lang, "(no header)", "(không có tên)").to_string()
        } else {
            crate::source::header_text(&header, lang).into_owned()
        };
        let text = RichText::new(shown).strong();
        let text = if c.ignore { text.weak() } else { text };
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(&header);
    });
    ui.horizontal(|ui| {
        ui.set_width(layout.samples);
        if c.samples.is_empty() {
            ui.label(
                RichText::new(tr(lang, "(empty)", "(trống)"))
                    .weak()
                    .italics(),
            );
        } else {
            ui.add(egui::Label::new(RichText::new(sample_line(&c.samples)).weak()).truncate())
                .on_hover_text(c.samples.join("\n"));
        }
    });
    if layout.compact {
        ui.vertical(|ui| {
            ui.horizontal(|ui| field_and_match(ui, st, col, lang, actions));
            ignore_and_options(ui, st, col, lang, actions);
        });
    } else {
        field_and_match(ui, st, col, lang, actions);
        ui.vertical(|ui| ignore_and_options(ui, st, col, lang, actions));
    }
}

/// The field picker and how the field was chosen (two grid cells, or one line).
fn field_and_match(
    ui: &mut egui::Ui,
    st: &mut MapState,
    col: usize,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let (origin, ignore) = (st.columns[col].origin, st.columns[col].ignore);
    picker::ui(ui, st, col, lang, actions);
    match badge(origin, lang).filter(|_| !ignore) {
        Some((text, color, hover)) => {
            ui.label(RichText::new(text).color(color).strong())
                .on_hover_text(hover);
        }
        None => {
            ui.label("");
        }
    }
}

/// "Ignore" and, for a date, phone or number field, the column's options.
fn ignore_and_options(
    ui: &mut egui::Ui,
    st: &MapState,
    col: usize,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let c = &st.columns[col];
    let header = crate::source::header_text(&c.header, lang);
    let mut ig = c.ignore;
    let r = ui
        .checkbox(&mut ig, tr(lang, "Ignore", "Bỏ qua"))
        .accessible_name(pick(
            lang,
            format!("Ignore column {header}"),
            format!("Bỏ qua cột {header}"),
        ))
        .on_hover_text(tr(
            lang,
            "Ignored columns are not sent.",
            "Cột bị bỏ qua sẽ không được gửi.",
        ));
    if r.changed() {
        actions.push(Action::SetIgnore { col, ignore: ig });
    }
    if let Some(path) = c.feeds()
        && let Some(ty) = st.field_type(path)
    {
        options::column_ui(ui, col, &header, ty, c.options, lang, actions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_cut_with_an_ellipsis() {
        assert_eq!(truncate("Nguyễn Văn Ánh", 30), "Nguyễn Văn Ánh");
        assert_eq!(truncate("Nguyễn Văn Ánh", 7), "Nguyễn…");
        let samples: Vec<String> = ["a", "Công ty TNHH Thương mại Dịch vụ", "c", "d"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(sample_line(&samples), "a · Công ty TNHH Thươ… · c");
    }

    #[test]
    fn badge_colours_follow_confidence() {
        let (t, hi, _) = badge(Origin::Auto(0.97), Lang::En).unwrap();
        assert_eq!(t, "97%");
        let (_, lo, _) = badge(Origin::Auto(0.62), Lang::En).unwrap();
        assert_ne!(hi, lo);
        assert_eq!(badge(Origin::Template, Lang::Vi).unwrap().0, "theo mẫu");
        assert!(badge(Origin::User, Lang::En).is_none());
    }
}
