//! A column's field picker: a drop-down with a search box that filters the object
//! type's fields by English or Vietnamese label and API name, plus "Ignore this
//! column", "Not mapped" and "Custom field…".

use eframe::egui;

use crate::convert::fold;
use crate::gui::text::tr;
use crate::i18n::Lang;

use super::MapState;
use super::state::{Action, pick};

/// Where a field lives, for the picker's headings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Group {
    Entry,
    Item,
    Custom,
}

/// One field the picker offers.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Choice {
    pub path: String,
    /// Label in the screen's language.
    pub label: String,
    /// The API name (`customerId`, `productSku`, `customField01`).
    pub api: String,
    pub help: String,
    pub required: bool,
    pub group: Group,
    /// Folded English + Vietnamese labels and the API name, for searching.
    hay: String,
}

fn camel_words(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(ch.to_lowercase());
    }
    out
}

/// Every field a column of this object type can feed.
pub(super) fn choices(st: &MapState, lang: Lang) -> Vec<Choice> {
    let mut out = Vec::new();
    let mut add = |path: String, def: &crate::schema::FieldDef, group| {
        let hay = fold(&format!(
            "{} | {} | {} | {} | {path}",
            def.label.en,
            def.label.vi,
            def.name,
            camel_words(def.name)
        ));
        out.push(Choice {
            label: st.field_label(&path, lang),
            path,
            api: def.name.to_string(),
            help: def.help.get(lang).to_string(),
            required: def.required,
            group,
            hay,
        });
    };
    for def in st.object.fields {
        add(def.name.to_string(), def, Group::Entry);
    }
    if let Some(items) = st.object.items {
        for def in items.fields {
            add(
                format!("{}.{}", items.container, def.name),
                def,
                Group::Item,
            );
        }
    }
    for c in &st.custom_fields {
        let path = match (c.item, st.object.items) {
            (true, Some(items)) => format!("{}.{}", items.container, c.code),
            _ => c.code.clone(),
        };
        let hay = fold(&format!(
            "{} | {} | custom tuy chinh",
            c.code,
            c.label.as_deref().unwrap_or("")
        ));
        out.push(Choice {
            label: st.field_label(&path, lang),
            path,
            api: c.code.clone(),
            help: tr(
                lang,
                "A custom field you declared.",
                "Trường tùy chỉnh bạn đã khai báo.",
            )
            .to_string(),
            required: false,
            group: Group::Custom,
            hay,
        });
    }
    out
}

/// Whether `choice` fits the search text: every word of it appears (accents, case
/// and spacing aside) in the field's labels or API name.
pub(super) fn matches(query: &str, choice: &Choice) -> bool {
    let q = fold(query);
    let compact: String = choice.hay.split(' ').collect();
    q.split_whitespace()
        .all(|w| choice.hay.contains(w) || compact.contains(w))
}

/// The text on the picker's button.
fn current_text(st: &MapState, col: usize, lang: Lang) -> String {
    let c = &st.columns[col];
    if c.ignore {
        return tr(lang, "Ignored", "Bỏ qua").to_string();
    }
    match &c.field {
        Some(p) => st.field_label(p, lang),
        None => tr(lang, "— not mapped —", "— chưa ghép —").to_string(),
    }
}

/// The accessible name of column `header`'s picker.
pub(super) fn picker_name(header: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Field for column {header}"),
        format!("Trường cho cột {header}"),
    )
}

pub(super) fn ui(
    ui: &mut egui::Ui,
    st: &mut MapState,
    col: usize,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let list = choices(st, lang);
    let selected = st.columns[col].field.clone();
    let header = crate::source::header_text(&st.columns[col].header, lang).into_owned();
    let used: Vec<Option<usize>> = list
        .iter()
        .map(|c| st.feeder(&c.path).filter(|&i| i != col))
        .collect();
    let used_text: Vec<Option<String>> = used
        .iter()
        .map(|u| {
            u.map(|i| match i {
                usize::MAX => tr(lang, "fixed value", "giá trị cố định").to_string(),
                i => pick(
                    lang,
                    format!("now in column {}", crate::error::column_letter(i)),
                    format!("đang ở cột {}", crate::error::column_letter(i)),
                ),
            })
        })
        .collect();
    let text = current_text(st, col, lang);
    let has_items = st.object.items;
    let search = &mut st.columns[col].search;
    let focus_key = ui.make_persistent_id(("map-picker-focus", col));
    let inner = egui::ComboBox::from_id_salt(("map-field", col))
        .width(200.0)
        .height(2000.0)
        .selected_text(text)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let edit = ui
                .add(
                    egui::TextEdit::singleline(search)
                        .hint_text(tr(lang, "Search fields…", "Tìm trường…"))
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(tr(lang, "Search fields", "Tìm trường"));
            // Put the cursor in the search box when the list opens.
            // The popup's first frames are a sizing pass where a focus request is lost, so it
            // is asked for over the first few frames it is open.
            let frames_open = ui.data(|d| d.get_temp::<u8>(focus_key).unwrap_or(0));
            if frames_open < 4 {
                if !edit.has_focus() {
                    edit.request_focus();
                }
                ui.data_mut(|d| d.insert_temp(focus_key, frames_open + 1));
            }
            let query = search.clone();
            if ui
                .selectable_label(false, tr(lang, "Ignore this column", "Bỏ qua cột này"))
                .clicked()
            {
                actions.push(Action::SetIgnore { col, ignore: true });
                ui.close();
            }
            if ui
                .selectable_label(false, tr(lang, "Not mapped", "Không ghép"))
                .clicked()
            {
                actions.push(Action::Unmap(col));
                ui.close();
            }
            if ui
                .selectable_label(false, tr(lang, "Custom field…", "Trường tùy chỉnh…"))
                .on_hover_text(tr(
                    lang,
                    "Declare a custom field (its code in Pango) for this column.",
                    "Khai báo trường tùy chỉnh (mã trong Pango) cho cột này.",
                ))
                .clicked()
            {
                actions.push(Action::CustomFor(Some(col)));
                ui.close();
            }
            ui.separator();
            // The list scrolls; the search box and the choices above stay in view.
            egui::ScrollArea::vertical()
                .id_salt(("map-field-list", col))
                .max_height(320.0)
                .show(ui, |ui| {
                    let mut group = None;
                    let mut shown = 0;
                    for (i, c) in list.iter().enumerate() {
                        if !matches(&query, c) {
                            continue;
                        }
                        shown += 1;
                        if group != Some(c.group) {
                            group = Some(c.group);
                            ui.separator();
                            let heading = match c.group {
                                Group::Entry => tr(lang, "Fields", "Trường"),
                                Group::Item => {
                                    has_items.map(|it| it.label.get(lang)).unwrap_or_default()
                                }
                                Group::Custom => tr(lang, "Custom fields", "Trường tùy chỉnh"),
                            };
                            ui.label(egui::RichText::new(heading).small().weak());
                        }
                        ui.horizontal(|ui| {
                            let star = if c.required { " *" } else { "" };
                            let r = ui
                                .selectable_label(
                                    selected.as_deref() == Some(c.path.as_str()),
                                    format!("{}{star} — {}", c.label, c.api),
                                )
                                .on_hover_text(&c.help);
                            if let Some(u) = &used_text[i] {
                                ui.label(egui::RichText::new(u).small().weak());
                            }
                            if r.clicked() {
                                actions.push(Action::SetField {
                                    col,
                                    path: c.path.clone(),
                                });
                                ui.close();
                            }
                        });
                    }
                    if shown == 0 {
                        ui.label(
                            egui::RichText::new(tr(
                                lang,
                                "No field matches.",
                                "Không có trường nào khớp.",
                            ))
                            .weak(),
                        );
                    }
                });
        });
    if inner.inner.is_none() {
        ui.data_mut(|d| d.remove::<u8>(focus_key));
    }
    inner
        .response
        .accessible_name(picker_name(&header, lang))
        .on_hover_text(tr(
            lang,
            "Pick the Pango field this column fills. Type to search.",
            "Chọn trường Pango mà cột này điền vào. Gõ để tìm.",
        ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(en: &str, vi: &str, name: &str) -> Choice {
        Choice {
            path: name.into(),
            label: en.into(),
            api: name.into(),
            help: String::new(),
            required: false,
            group: Group::Entry,
            hay: fold(&format!("{en} | {vi} | {name} | {}", camel_words(name))),
        }
    }

    #[test]
    fn search_matches_either_language_and_the_api_name() {
        let phone = choice("Phone", "Số điện thoại", "phone");
        let id = choice("Customer ID", "Mã khách hàng", "customerId");
        assert!(matches("", &phone));
        assert!(matches("so dien", &phone));
        assert!(matches("Điện Thoại", &phone));
        assert!(matches("PHONE", &phone));
        assert!(!matches("email", &phone));
        assert!(matches("customerid", &id));
        assert!(matches("customer id", &id));
        assert!(matches("mã kh", &id));
        assert!(!matches("mã sp", &id));
    }
}
