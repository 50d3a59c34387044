//! Fixed values ("constants"): the import's source name, the fields that are usually
//! the same on every row (system name, MOM code …), and any other field the user
//! gives one value for all rows.

use eframe::egui;

use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::mapping::DEFAULT_SOURCE;

use super::MapState;
use super::picker::choices;
use super::state::{Action, pick};

/// Fields that are usually one value for a whole file, offered without asking.
pub(super) const USUAL: &[&str] = &["systemName", "momCode", "internalCompanyId", "source"];

/// The usual constant fields this object type has.
pub(super) fn usual_fields(st: &MapState) -> Vec<&'static str> {
    USUAL
        .iter()
        .copied()
        .filter(|f| st.object.field(f).is_some())
        .collect()
}

pub(super) fn ui(ui: &mut egui::Ui, st: &mut MapState, lang: Lang, actions: &mut Vec<Action>) {
    ui.heading(tr(lang, "Fixed values", "Giá trị cố định"));
    ui.label(
        egui::RichText::new(tr(
            lang,
            "The same value for every row, when the file has no column for it.",
            "Cùng một giá trị cho mọi dòng, khi tệp không có cột cho trường đó.",
        ))
        .small()
        .weak(),
    );
    egui::Grid::new("map-constants")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui
                .label(tr(lang, "Import source name", "Tên nguồn nhập"))
                .on_hover_text(tr(
                    lang,
                    "Sent to Pango with every batch, so you can tell where the data came from.",
                    "Gửi kèm mỗi lô dữ liệu, để biết dữ liệu đến từ đâu.",
                ));
            let mut source = st.base.source.clone().unwrap_or_default();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut source)
                        .hint_text(DEFAULT_SOURCE)
                        .desired_width(150.0),
                )
                .labelled_by(label.id);
            if r.changed() {
                actions.push(Action::SetSource(source));
            }
            ui.end_row();
            for f in usual_fields(st) {
                let label = ui
                    .label(st.field_label(f, lang))
                    .on_hover_text(st.object.field(f).map(|d| d.help.get(lang)).unwrap_or(""));
                match st.feeder(f) {
                    Some(i) if i != usize::MAX => {
                        ui.label(
                            egui::RichText::new(pick(
                                lang,
                                format!("from {}", st.column_name(i, lang)),
                                format!("lấy từ {}", st.column_name(i, lang)),
                            ))
                            .weak(),
                        );
                    }
                    _ => {
                        let mut value = st.constants.get(f).cloned().unwrap_or_default();
                        let r = ui
                            .add(egui::TextEdit::singleline(&mut value).desired_width(150.0))
                            .labelled_by(label.id);
                        if r.changed() {
                            actions.push(Action::SetConstant {
                                path: f.to_string(),
                                value,
                            });
                        }
                    }
                }
                ui.end_row();
            }
            let usual = usual_fields(st);
            let others: Vec<(String, String)> = st
                .constants
                .iter()
                .filter(|(p, _)| !usual.contains(&p.as_str()))
                .map(|(p, v)| (p.clone(), v.clone()))
                .collect();
            for (path, mut value) in others {
                let label = ui.label(st.field_label(&path, lang));
                ui.horizontal(|ui| {
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut value).desired_width(120.0))
                        .labelled_by(label.id);
                    if r.changed() {
                        actions.push(Action::SetConstant {
                            path: path.clone(),
                            value,
                        });
                    }
                    let remove = ui
                        .small_button(tr(lang, "Remove", "Bỏ"))
                        .accessible_name(pick(
                            lang,
                            format!("Remove fixed value {}", st.field_label(&path, lang)),
                            format!("Bỏ giá trị cố định {}", st.field_label(&path, lang)),
                        ));
                    if remove.clicked() {
                        actions.push(Action::RemoveConstant(path.clone()));
                    }
                });
                ui.end_row();
            }
        });
    add_form(ui, st, lang, actions);
}

/// "Add a fixed value": pick a field, type the value, Add.
fn add_form(ui: &mut egui::Ui, st: &mut MapState, lang: Lang, actions: &mut Vec<Action>) {
    let usual = usual_fields(st);
    let list: Vec<(String, String)> = choices(st, lang)
        .into_iter()
        .filter(|c| !usual.contains(&c.path.as_str()) && !st.constants.contains_key(&c.path))
        .map(|c| (c.path, format!("{} — {}", c.label, c.api)))
        .collect();
    ui.add_space(4.0);
    ui.label(egui::RichText::new(tr(lang, "Add a fixed value", "Thêm giá trị cố định")).strong());
    let draft = &mut st.constant_draft;
    let shown = draft
        .path
        .as_ref()
        .and_then(|p| list.iter().find(|(q, _)| q == p))
        .map(|(_, l)| l.clone())
        .unwrap_or_else(|| tr(lang, "Choose a field…", "Chọn trường…").to_string());
    egui::ComboBox::new("map-constant-field", tr(lang, "Field", "Trường"))
        .selected_text(shown)
        .width(200.0)
        .height(300.0)
        .show_ui(ui, |ui| {
            for (path, label) in &list {
                if ui
                    .selectable_label(draft.path.as_ref() == Some(path), label)
                    .clicked()
                {
                    draft.path = Some(path.clone());
                }
            }
        });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "Value", "Giá trị"));
        ui.add(egui::TextEdit::singleline(&mut draft.value).desired_width(150.0))
            .labelled_by(label.id);
        let ready = draft.path.is_some() && !draft.value.trim().is_empty();
        if ui
            .add_enabled(
                ready,
                egui::Button::new(tr(lang, "Add fixed value", "Thêm giá trị")),
            )
            .clicked()
        {
            actions.push(Action::AddConstant);
        }
    });
}
