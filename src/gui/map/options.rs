//! How values are read: per column (date order, time zone, phone format, decimal
//! mark — only what the column's field type needs) and for the whole file.

use eframe::egui;

use crate::convert::{DateOrder, DecimalMark, Offset, PhoneFormat};
use crate::gui::text::tr;
use crate::i18n::Lang;
use crate::mapping::ColumnOptions;
use crate::schema::FieldType;

use super::MapState;
use super::state::{Action, pick};

/// The offsets the time-zone lists offer (minutes east of UTC).
pub(super) fn offsets() -> Vec<Offset> {
    let mut out: Vec<Offset> = (-12..=14).map(|h| Offset { minutes: h * 60 }).collect();
    for m in [-210, 210, 270, 330, 345, 390, 570, 630] {
        out.push(Offset { minutes: m });
    }
    out.sort_by_key(|o| o.minutes);
    out
}

pub(super) fn date_order_text(o: DateOrder, lang: Lang) -> &'static str {
    match o {
        DateOrder::Dmy => tr(
            lang,
            "Day/Month/Year (31/12/2024)",
            "Ngày/Tháng/Năm (31/12/2024)",
        ),
        DateOrder::Mdy => tr(
            lang,
            "Month/Day/Year (12/31/2024)",
            "Tháng/Ngày/Năm (12/31/2024)",
        ),
        DateOrder::Ymd => tr(
            lang,
            "Year/Month/Day (2024/12/31)",
            "Năm/Tháng/Ngày (2024/12/31)",
        ),
    }
}

pub(super) fn phone_text(p: PhoneFormat, lang: Lang) -> &'static str {
    match p {
        PhoneFormat::National => tr(lang, "0912345678 (national)", "0912345678 (trong nước)"),
        PhoneFormat::E164 => tr(
            lang,
            "+84912345678 (international)",
            "+84912345678 (quốc tế)",
        ),
    }
}

pub(super) fn decimal_text(d: Option<DecimalMark>, lang: Lang) -> &'static str {
    match d {
        None => tr(lang, "Decide from the values", "Tự nhận biết từ dữ liệu"),
        Some(DecimalMark::Dot) => tr(lang, "Dot: 1,234.5", "Dấu chấm: 1,234.5"),
        Some(DecimalMark::Comma) => tr(lang, "Comma: 1.234,5", "Dấu phẩy: 1.234,5"),
    }
}

fn offset_text(o: Offset) -> String {
    format!("UTC{o}")
}

/// How wide a column's or the file's option lists are; their labels sit above them
/// and wrap by word, so nothing is squeezed letter by letter in a narrow window.
const OPTION_WIDTH: f32 = 220.0;

/// A drop-down over `values` with a visible label above it; `None` means "as for the
/// whole file".
fn choose<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: (&str, usize),
    label: &str,
    current: &mut Option<T>,
    default_text: Option<String>,
    values: &[T],
    text: impl Fn(T) -> String,
) -> bool {
    let mut changed = false;
    let shown = current
        .map(&text)
        .or_else(|| default_text.clone())
        .unwrap_or_default();
    let l = ui.add(egui::Label::new(label).wrap());
    egui::ComboBox::from_id_salt(id)
        .width(OPTION_WIDTH)
        .truncate()
        .selected_text(shown)
        .show_ui(ui, |ui| {
            if let Some(d) = &default_text
                && ui.selectable_label(current.is_none(), d).clicked()
            {
                *current = None;
                changed = true;
            }
            for &v in values {
                if ui.selectable_label(*current == Some(v), text(v)).clicked() {
                    *current = Some(v);
                    changed = true;
                }
            }
        })
        .response
        .labelled_by(l.id);
    changed
}

fn is_date(ty: FieldType) -> bool {
    matches!(ty, FieldType::Timestamp | FieldType::DateText)
}

/// Whether a column of this type has options to show.
pub(super) fn has_options(ty: FieldType) -> bool {
    is_date(ty) || ty == FieldType::Phone || ty.is_number()
}

/// The options expander of one column.
pub(super) fn column_ui(
    ui: &mut egui::Ui,
    col: usize,
    header: &str,
    ty: FieldType,
    options: ColumnOptions,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    if !has_options(ty) {
        return;
    }
    let mut o = options;
    let mut changed = false;
    let set = o != ColumnOptions::default();
    let title = if set {
        tr(lang, "Options (changed)", "Tùy chọn (đã đổi)")
    } else {
        tr(lang, "Options", "Tùy chọn")
    };
    let r = egui::CollapsingHeader::new(title)
        .id_salt(("map-col-options", col))
        .show(ui, |ui| {
            ui.set_max_width(OPTION_WIDTH);
            if is_date(ty) {
                changed |= choose(
                    ui,
                    ("map-date-order", col),
                    tr(lang, "Date order", "Thứ tự ngày"),
                    &mut o.date_order,
                    Some(tr(lang, "As for the whole file", "Như cả tệp").to_string()),
                    &[DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd],
                    |v| date_order_text(v, lang).to_string(),
                );
                changed |= choose(
                    ui,
                    ("map-tz", col),
                    tr(lang, "Time zone", "Múi giờ"),
                    &mut o.timezone,
                    Some(tr(lang, "As for the whole file", "Như cả tệp").to_string()),
                    &offsets(),
                    offset_text,
                );
            }
            if ty == FieldType::Phone {
                changed |= choose(
                    ui,
                    ("map-phone", col),
                    tr(lang, "Phone format", "Dạng số điện thoại"),
                    &mut o.phone_format,
                    Some(tr(lang, "As for the whole file", "Như cả tệp").to_string()),
                    &[PhoneFormat::National, PhoneFormat::E164],
                    |v| phone_text(v, lang).to_string(),
                );
            }
            if ty.is_number() {
                let mut mark = o.decimal_mark.map(Some);
                changed |= choose(
                    ui,
                    ("map-decimal", col),
                    tr(lang, "Decimal mark", "Dấu thập phân"),
                    &mut mark,
                    Some(decimal_text(None, lang).to_string()),
                    &[Some(DecimalMark::Dot), Some(DecimalMark::Comma)],
                    |v| decimal_text(v, lang).to_string(),
                );
                o.decimal_mark = mark.flatten();
            }
        });
    let _ = r.header_response.accessible_name(pick(
        lang,
        format!("Options for column {header}"),
        format!("Tùy chọn cột {header}"),
    ));
    if changed {
        actions.push(Action::SetOptions { col, options: o });
    }
}

/// Import-wide settings: the time zone, date order and phone format every column
/// uses unless its own options say otherwise.
pub(super) fn import_ui(ui: &mut egui::Ui, st: &MapState, lang: Lang, actions: &mut Vec<Action>) {
    let mut o = st.base.options;
    let before = o;
    egui::CollapsingHeader::new(tr(lang, "Settings for the whole file", "Thiết lập cho cả tệp"))
        .id_salt("map-import-options")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(tr(
                    lang,
                    "Dates without a time zone are read in this one; the value sent is the true moment.",
                    "Ngày giờ không ghi múi giờ được hiểu theo múi giờ này; giá trị gửi đi là thời điểm chính xác.",
                ))
                .small()
                .weak(),
            );
            let mut tz = Some(o.timezone);
            choose(
                ui,
                ("map-import-tz", 0),
                tr(lang, "Time zone", "Múi giờ"),
                &mut tz,
                None,
                &offsets(),
                offset_text,
            );
            o.timezone = tz.unwrap_or(o.timezone);
            let mut order = Some(o.date_order);
            choose(
                ui,
                ("map-import-date", 0),
                tr(lang, "Date order", "Thứ tự ngày"),
                &mut order,
                None,
                &[DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd],
                |v| date_order_text(v, lang).to_string(),
            );
            o.date_order = order.unwrap_or(o.date_order);
            let mut phone = Some(o.phone_format);
            choose(
                ui,
                ("map-import-phone", 0),
                tr(lang, "Phone format", "Dạng số điện thoại"),
                &mut phone,
                None,
                &[PhoneFormat::National, PhoneFormat::E164],
                |v| phone_text(v, lang).to_string(),
            );
            o.phone_format = phone.unwrap_or(o.phone_format);
        });
    if o != before {
        actions.push(Action::SetImportOptions(o));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_cover_vietnam_and_half_hours_in_order() {
        let list = offsets();
        assert!(list.contains(&Offset::VIETNAM));
        assert!(list.contains(&Offset { minutes: 330 }));
        assert!(list.windows(2).all(|w| w[0].minutes < w[1].minutes));
        assert_eq!(offset_text(Offset::VIETNAM), "UTC+07:00");
    }

    #[test]
    fn only_dates_phones_and_numbers_have_options() {
        assert!(has_options(FieldType::Timestamp));
        assert!(has_options(FieldType::Phone));
        assert!(has_options(FieldType::Double));
        assert!(!has_options(FieldType::Text));
        assert!(!has_options(FieldType::Email));
    }
}
