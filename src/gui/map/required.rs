//! The required-field checklist: one line per required field and per "one of"
//! rule (e.g. "Phone or E-mail"), ticked when a column or a fixed value feeds it.

use eframe::egui;

use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::schema::Rule;

use super::MapState;
use super::state::pick;

/// One line of the checklist.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Check {
    /// "Customer ID", "Phone or E-mail", "Full name or First name + Last name".
    pub text: String,
    pub met: bool,
    /// What covers it: "column A (Mã KH)", "fixed value".
    pub by: Option<String>,
}

fn source(st: &MapState, path: &str, lang: Lang) -> Option<String> {
    match st.feeder(path)? {
        usize::MAX => Some(tr(lang, "fixed value", "giá trị cố định").to_string()),
        i => Some(st.column_name(i, lang)),
    }
}

fn rule_check(st: &MapState, rule: &Rule, prefix: &str, lang: Lang) -> Check {
    let or = tr(lang, " or ", " hoặc ");
    let mut met = false;
    let mut by = Vec::new();
    let mut groups = Vec::new();
    for group in rule.any_of {
        let paths: Vec<String> = group.iter().map(|f| format!("{prefix}{f}")).collect();
        let sources: Vec<Option<String>> = paths.iter().map(|p| source(st, p, lang)).collect();
        if !met && sources.iter().all(Option::is_some) {
            met = true;
            by = sources.into_iter().flatten().collect();
        }
        groups.push(
            paths
                .iter()
                .map(|p| st.field_label(p, lang))
                .collect::<Vec<_>>()
                .join(" + "),
        );
    }
    Check {
        text: groups.join(or),
        met,
        by: met.then(|| by.join(", ")),
    }
}

/// Every requirement of the object type (entry and line items), in schema order.
pub(super) fn checklist(st: &MapState, lang: Lang) -> Vec<Check> {
    let object = st.object;
    let mut out = Vec::new();
    let mut fields = |prefix: &str, defs: &[crate::schema::FieldDef]| {
        for f in defs.iter().filter(|f| f.required) {
            let path = format!("{prefix}{}", f.name);
            let by = source(st, &path, lang);
            out.push(Check {
                text: st.field_label(&path, lang),
                met: by.is_some(),
                by,
            });
        }
    };
    fields("", object.fields);
    let item_prefix = object.items.map(|i| format!("{}.", i.container));
    if let (Some(items), Some(prefix)) = (object.items, &item_prefix) {
        fields(prefix, items.fields);
    }
    for rule in object.rules {
        out.push(rule_check(st, rule, "", lang));
    }
    if let (Some(items), Some(prefix)) = (object.items, &item_prefix) {
        for rule in items.rules {
            out.push(rule_check(st, rule, prefix, lang));
        }
    }
    out
}

/// A painted tick or cross (the embedded fonts have no such glyphs).
fn mark(ui: &mut egui::Ui, met: bool, color: egui::Color32) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let r = rect.shrink(size * 0.2);
    let stroke = egui::Stroke::new(2.0, color);
    let p = ui.painter();
    if met {
        p.line(
            vec![
                egui::pos2(r.left(), r.center().y),
                egui::pos2(r.left() + r.width() * 0.4, r.bottom()),
                egui::pos2(r.right(), r.top()),
            ],
            stroke,
        );
    } else {
        p.line_segment([r.left_top(), r.right_bottom()], stroke);
        p.line_segment([r.right_top(), r.left_bottom()], stroke);
    }
}

pub(super) fn ui(ui: &mut egui::Ui, st: &MapState, lang: Lang) {
    let checks = checklist(st, lang);
    let done = checks.iter().filter(|c| c.met).count();
    ui.heading(tr(lang, "Required", "Bắt buộc"));
    ui.label(
        egui::RichText::new(pick(
            lang,
            format!("{done} of {} covered", checks.len()),
            format!("Đã có {done}/{}", checks.len()),
        ))
        .weak(),
    );
    for c in &checks {
        ui.horizontal_wrapped(|ui| {
            let color = if c.met {
                egui::Color32::from_rgb(40, 150, 60)
            } else {
                ui.visuals().error_fg_color
            };
            mark(ui, c.met, color);
            ui.label(egui::RichText::new(&c.text).color(color).strong());
            let detail = match &c.by {
                Some(by) => pick(lang, format!("from {by}"), format!("lấy từ {by}")),
                None => tr(lang, "missing", "còn thiếu").to_string(),
            };
            ui.label(egui::RichText::new(detail).weak());
        });
    }
    match st.blocker_text(lang) {
        Some(text) => {
            ui.add_space(4.0);
            ui.label(egui::RichText::new(text).color(ui.visuals().error_fg_color));
        }
        None => {
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(tr(
                    lang,
                    "Everything required is mapped. Press Next to check the rows.",
                    "Đã ghép đủ các trường bắt buộc. Bấm Tiếp để kiểm tra dữ liệu.",
                ))
                .color(egui::Color32::from_rgb(40, 150, 60)),
            );
        }
    }
}
