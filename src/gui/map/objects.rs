//! The object-type picker ("Customers", "Orders" …) with each type's plain
//! description.

use eframe::egui;

use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::schema;

use super::MapState;
use super::state::Action;

pub(super) fn ui(ui: &mut egui::Ui, st: &MapState, lang: Lang, actions: &mut Vec<Action>) {
    let current = st.object;
    ui.horizontal(|ui| {
        egui::ComboBox::new("map-object-type", tr(lang, "Object type", "Loại dữ liệu"))
            .selected_text(egui::RichText::new(current.label.get(lang)).strong())
            .width(220.0)
            .height(480.0)
            .show_ui(ui, |ui| {
                for t in schema::all() {
                    let r = ui
                        .selectable_label(t.name == current.name, t.label.get(lang))
                        .on_hover_text(t.description.get(lang));
                    ui.label(egui::RichText::new(t.description.get(lang)).small().weak());
                    if r.clicked() && t.name != current.name {
                        actions.push(Action::SetObject(t.name));
                    }
                }
            });
        ui.label(egui::RichText::new(current.name).monospace().weak())
            .on_hover_text(tr(
                lang,
                "The object type's name in Pango.",
                "Tên loại dữ liệu trong Pango.",
            ));
    });
    ui.label(current.description.get(lang));
    if let Some(items) = current.items {
        ui.label(
            egui::RichText::new(format!(
                "{}: {}",
                items.label.get(lang),
                tr(
                    lang,
                    "one file row per line; fields marked with the list's name go on the line.",
                    "mỗi dòng trong tệp là một dòng hàng; các trường ghi kèm tên danh sách thuộc về dòng hàng.",
                )
            ))
            .small()
            .weak(),
        );
    }
}
