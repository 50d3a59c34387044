//! Custom fields: fields the company added in Pango, declared by code and type;
//! once declared, a column can be mapped to one.

use eframe::egui;

use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::schema::CustomKind;

use super::MapState;
use super::state::{Action, CustomError, pick};

pub(super) fn kind_text(k: CustomKind, lang: Lang) -> &'static str {
    match k {
        CustomKind::Text => tr(lang, "Text", "Văn bản"),
        CustomKind::Long => tr(lang, "Whole number", "Số nguyên"),
        CustomKind::Timestamp => tr(lang, "Date and time", "Ngày giờ"),
        CustomKind::List => tr(lang, "List of texts", "Danh sách văn bản"),
    }
}

fn error_text(e: CustomError, lang: Lang) -> &'static str {
    match e {
        CustomError::Empty => tr(lang, "Type the field's code.", "Hãy nhập mã trường."),
        CustomError::BadCode => tr(
            lang,
            "The code must fit the type: customField01 (text), customFieldLong01 (whole number), customFieldTimestamp01 (date and time), customFieldList01 (list). Copy it from the model's sample payload in Pango.",
            "Mã phải khớp với kiểu: customField01 (văn bản), customFieldLong01 (số nguyên), customFieldTimestamp01 (ngày giờ), customFieldList01 (danh sách). Hãy chép mã từ payload mẫu của mô hình trong Pango.",
        ),
        CustomError::Taken => tr(
            lang,
            "A custom field with this code is already declared.",
            "Đã có trường tùy chỉnh với mã này.",
        ),
    }
}

pub(super) fn ui(ui: &mut egui::Ui, st: &mut MapState, lang: Lang, actions: &mut Vec<Action>) {
    ui.heading(tr(lang, "Custom fields", "Trường tùy chỉnh"));
    ui.label(
        egui::RichText::new(tr(
            lang,
            "Fields your company added in Pango. The code is on Pango's “Data Ingestion API” page (e.g. customField01).",
            "Các trường công ty bạn tự thêm trong Pango. Mã trường xem ở trang “Data Ingestion API” của Pango (ví dụ customField01).",
        ))
        .small()
        .weak(),
    );
    for c in &st.custom_fields {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&c.code).monospace());
            ui.label(egui::RichText::new(kind_text(c.kind, lang)).weak());
            if let Some(l) = &c.label {
                ui.label(l);
            }
            if c.item {
                ui.label(
                    egui::RichText::new(tr(
                        lang,
                        "(on each line item)",
                        "(trên từng dòng sản phẩm)",
                    ))
                    .weak(),
                );
            }
            let remove = ui
                .small_button(tr(lang, "Remove", "Xóa"))
                .accessible_name(pick(
                    lang,
                    format!("Remove custom field {}", c.code),
                    format!("Xóa trường tùy chỉnh {}", c.code),
                ));
            if remove.clicked() {
                actions.push(Action::RemoveCustom(c.code.clone()));
            }
        });
        if st.object.ignored_update_cfs && !c.item {
            let mut keep = st.base.ignored_update_cfs.contains(&c.code);
            let r = ui
                .checkbox(
                    &mut keep,
                    tr(
                        lang,
                        "Keep Pango's value on existing records",
                        "Giữ giá trị đang có trong Pango với bản ghi cũ",
                    ),
                )
                .accessible_name(pick(
                    lang,
                    format!("Keep Pango's value of {}", c.code),
                    format!("Giữ giá trị trong Pango của {}", c.code),
                ))
                .on_hover_text(tr(
                    lang,
                    "Records Pango already has keep their value of this field; new records get the file's.",
                    "Bản ghi đã có trong Pango giữ nguyên giá trị của trường này; bản ghi mới lấy giá trị trong tệp.",
                ));
            if r.changed() {
                actions.push(Action::KeepExisting {
                    code: c.code.clone(),
                    keep,
                });
            }
        }
    }
    let for_column = st.custom_draft.for_column;
    if let Some(col) = for_column {
        let name = st.column_name(col, lang);
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(pick(
                    lang,
                    format!("The new field will be used for {name}."),
                    format!("Trường mới sẽ dùng cho {name}."),
                ))
                .color(ui.visuals().hyperlink_color),
            );
            if ui.small_button(tr(lang, "Cancel", "Hủy")).clicked() {
                actions.push(Action::CustomFor(None));
            }
        });
    }
    let has_items = st.object.items.is_some();
    let d = &mut st.custom_draft;
    egui::Grid::new("map-custom-form")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label(tr(lang, "Code", "Mã"));
            ui.add(
                egui::TextEdit::singleline(&mut d.code)
                    .hint_text("customField01")
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            ui.label(tr(lang, "Type", "Kiểu"));
            egui::ComboBox::from_id_salt("map-custom-kind")
                .selected_text(kind_text(d.kind, lang))
                .show_ui(ui, |ui| {
                    for k in CustomKind::ALL {
                        ui.selectable_value(&mut d.kind, k, kind_text(k, lang));
                    }
                })
                .response
                .accessible_name(tr(lang, "Custom field type", "Kiểu trường tùy chỉnh"));
            ui.end_row();
            let label = ui.label(tr(lang, "Name (optional)", "Tên gọi (không bắt buộc)"));
            ui.add(
                egui::TextEdit::singleline(&mut d.label)
                    .hint_text(tr(lang, "e.g. Card tier", "ví dụ Hạng thẻ"))
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    if has_items {
        ui.checkbox(
            &mut d.item,
            tr(lang, "On each line item", "Trên từng dòng sản phẩm"),
        );
    }
    ui.horizontal(|ui| {
        if ui
            .button(tr(lang, "Add custom field", "Thêm trường tùy chỉnh"))
            .clicked()
        {
            actions.push(Action::AddCustom);
        }
        if let Some(e) = d.error {
            ui.label(egui::RichText::new(error_text(e, lang)).color(ui.visuals().error_fg_color));
        }
    });
}
