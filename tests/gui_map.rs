#![cfg(feature = "gui")]
//! The Map step, driven like a user would: through the screen's labelled controls.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pango_importer::gui::map::{self, MapInput, MapState};
use pango_importer::i18n::Lang;
use pango_importer::mapping;
use pango_importer::source::{ReadOptions, read_file};

const HEADERS: &str = "Họ và tên,Số điện thoại,Email,Ngày sinh,Giới tính,Ghi chú";
const ROWS: &str = "Nguyễn Văn Ánh,0912345678,anh@gmail.com,15/01/1990,Nam,khách quen\n\
                    Trần Thị Bình,0987654321,binh@yahoo.com,02/03/1985,Nữ,\n";

/// Writes `csv` to `dir/name`, reads it the way the app does, and builds the input.
fn input(dir: &Path, name: &str, csv: &str, templates: &Path) -> MapInput {
    let path = dir.join(name);
    std::fs::write(&path, csv).unwrap();
    let loaded = read_file(&path, &ReadOptions::default()).unwrap();
    let t = &loaded.table;
    let headers = t.headers().to_vec();
    let samples = (0..headers.len())
        .map(|c| {
            (0..t.len())
                .map(|r| t.cell(r, c).to_string())
                .filter(|v| !v.is_empty())
                .take(5)
                .collect()
        })
        .collect();
    MapInput {
        file_name: name.to_string(),
        headers,
        samples,
        templates_dir: templates.to_path_buf(),
    }
}

fn customers(dir: &Path) -> MapInput {
    input(
        dir,
        "khach-hang.csv",
        &format!("{HEADERS}\n{ROWS}"),
        &dir.join("templates"),
    )
}

fn harness(st: MapState, lang: Lang) -> Harness<'static, MapState> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 800.0))
        .with_context_setup(pango_importer::gui::fonts::install)
        .build_ui_state(move |ui, st: &mut MapState| map::ui(ui, st, lang), st);
    h.run();
    h
}

fn field_of(st: &MapState, header: &str) -> Option<String> {
    let m = st.mapping();
    let c = m.column(header)?;
    if c.ignore { None } else { c.field.clone() }
}

/// Clicks the widget labelled `label` and lets the screen settle.
fn press(h: &mut Harness<'_, MapState>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Types `text` into the field labelled `label`.
fn type_in(h: &mut Harness<'_, MapState>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// True when a widget's label contains `text` (kittest panics if several do).
fn shows(h: &Harness<'_, MapState>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

/// The fixed value given to field `path`, if any.
fn constant(st: &MapState, path: &str) -> Option<String> {
    st.mapping().constants.get(path).cloned()
}

/// Opens column `header`'s picker, searches `query` and clicks the option `option`.
fn pick_field(h: &mut Harness<'_, MapState>, header: &str, query: &str, option: &str) {
    press(h, &format!("Field for column {header}"));
    h.get_by_label("Search fields").focus();
    h.run();
    h.get_by_label("Search fields").type_text(query);
    h.run();
    press(h, option);
    assert!(
        h.query_by_label("Search fields").is_none(),
        "the list closes after a pick"
    );
}

fn tempdir() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().to_path_buf();
    (d, p)
}

#[test]
fn vietnamese_headers_are_auto_matched_with_a_confidence_shown() {
    let (_d, dir) = tempdir();
    let st = MapState::new(customers(&dir), None);
    assert_eq!(st.object_type(), "customer-identity");
    assert_eq!(field_of(&st, "Họ và tên").as_deref(), Some("fullName"));
    assert_eq!(field_of(&st, "Số điện thoại").as_deref(), Some("phone"));
    assert_eq!(field_of(&st, "Email").as_deref(), Some("email"));
    assert_eq!(field_of(&st, "Ngày sinh").as_deref(), Some("dob"));
    assert_eq!(field_of(&st, "Giới tính").as_deref(), Some("gender"));
    let h = harness(st, Lang::En);
    // The picker shows the matched field; a confidence badge sits next to it.
    let phone = h.get_by_label("Field for column Số điện thoại");
    assert_eq!(phone.value().as_deref(), Some("Phone"));
    assert!(h.query_all_by_label_contains("%").count() >= 5);
    assert!(h.query_all_by_label("100%").count() >= 1);
    // Every row's controls sit left of the side panel at 1200×800.
    let side = h.get_by_label("Required").rect().min.x;
    for header in HEADERS.split(',') {
        let r = h.get_by_label(&format!("Ignore column {header}")).rect();
        assert!(
            r.max.x < side,
            "{header}: {r:?} runs under the side panel ({side})"
        );
    }
    // Sample values are on screen.
    assert!(
        h.query_by_label("0912345678 · 0987654321").is_some(),
        "sample values"
    );
}

#[test]
fn the_checklist_shows_what_is_missing_and_blocks_next() {
    let (_d, dir) = tempdir();
    let st = MapState::new(customers(&dir), None);
    let blocker = st.blocker(Lang::En).expect("customer ID is not mapped");
    assert_eq!(blocker, "Still missing: Customer ID");
    let h = harness(st, Lang::En);
    assert!(h.query_by_label("Customer ID").is_some());
    assert!(h.query_by_label("Still missing: Customer ID").is_some());
    assert!(h.query_by_label("Phone or E-mail").is_some());
    assert!(h.query_by_label("2 of 3 covered").is_some());
}

#[test]
fn picking_a_field_in_the_searchable_picker_clears_the_blocker() {
    let (_d, dir) = tempdir();
    let st = MapState::new(customers(&dir), None);
    let mut h = harness(st, Lang::En);
    pick_field(&mut h, "Ghi chú", "mã khách", "Customer ID * — customerId");
    assert_eq!(
        field_of(h.state(), "Ghi chú").as_deref(),
        Some("customerId")
    );
    assert_eq!(h.state().blocker(Lang::En), None);
    assert!(
        h.query_by_label("Everything required is mapped. Press Next to check the rows.")
            .is_some()
    );
    assert!(h.query_by_label("3 of 3 covered").is_some());
    assert_eq!(
        h.get_by_label("Field for column Ghi chú")
            .value()
            .as_deref(),
        Some("Customer ID")
    );
}

#[test]
fn the_search_filters_the_field_list() {
    let (_d, dir) = tempdir();
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    press(&mut h, "Field for column Ghi chú");
    assert!(h.query_by_label("Customer ID * — customerId").is_some());
    type_in(&mut h, "Search fields", "dien thoai");
    assert!(h.query_by_label("Phone — phone").is_some());
    assert!(h.query_by_label("Customer ID * — customerId").is_none());
}

#[test]
fn picking_a_field_another_column_has_moves_it_and_says_so() {
    let (_d, dir) = tempdir();
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    pick_field(&mut h, "Ghi chú", "phone", "Phone — phone");
    assert_eq!(field_of(h.state(), "Ghi chú").as_deref(), Some("phone"));
    assert_eq!(field_of(h.state(), "Số điện thoại"), None);
    assert!(shows(&h, "moved from column B"));
    assert!(mapping::resolve(&h.state().mapping(), &h.state().mapping().headers).is_ok());
}

#[test]
fn ignoring_a_column() {
    let (_d, dir) = tempdir();
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    press(&mut h, "Ignore column Giới tính");
    let m = h.state().mapping();
    assert!(m.column("Giới tính").unwrap().ignore);
    let plan = mapping::resolve(&m, &m.headers).unwrap();
    assert!(!plan.feeds("gender"));
    assert_eq!(
        h.get_by_label("Field for column Giới tính")
            .value()
            .as_deref(),
        Some("Ignored")
    );
    // Un-ignoring gives the field back.
    press(&mut h, "Ignore column Giới tính");
    assert_eq!(field_of(h.state(), "Giới tính").as_deref(), Some("gender"));
}

#[test]
fn switching_to_orders_changes_the_checklist() {
    let (_d, dir) = tempdir();
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    assert!(h.query_by_label("Order ID").is_none());
    press(&mut h, "Object type");
    press(&mut h, "Orders");
    assert_eq!(h.state().object_type(), "order");
    assert!(h.query_by_label("Order ID").is_some());
    assert!(h.query_by_label("Customer name").is_none_or(|_| true));
    let blocker = h.state().blocker(Lang::En).unwrap();
    assert!(blocker.contains("Order ID"), "{blocker}");
    assert!(shows(&h, "one row per product line"));
}

#[test]
fn a_fixed_value_covers_a_required_field() {
    let (_d, dir) = tempdir();
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    // The usual constant: system name.
    type_in(&mut h, "System name", "CRM");
    assert_eq!(constant(h.state(), "systemName").as_deref(), Some("CRM"));
    // Any field: pick it, type the value, Add.
    press(&mut h, "Field");
    press(&mut h, "Customer ID — customerId");
    type_in(&mut h, "Value", "KH-ALL");
    press(&mut h, "Add fixed value");
    let m = h.state().mapping();
    assert_eq!(
        m.constants.get("customerId").map(String::as_str),
        Some("KH-ALL")
    );
    assert_eq!(h.state().blocker(Lang::En), None);
    assert!(h.query_by_label("from fixed value").is_some());
}

#[test]
fn a_custom_field_is_declared_and_mapped_from_the_picker() {
    let (_d, dir) = tempdir();
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    press(&mut h, "Field for column Ghi chú");
    press(&mut h, "Custom field…");
    assert!(
        h.query_by_label("The new field will be used for column F (Ghi chú).")
            .is_some()
    );
    type_in(&mut h, "Code", "customField01");
    press(&mut h, "Add custom field");
    let m = h.state().mapping();
    assert_eq!(m.custom_fields.len(), 1);
    assert_eq!(m.custom_fields[0].code, "customField01");
    assert_eq!(m.custom_fields[0].label.as_deref(), Some("Ghi chú"));
    assert_eq!(
        field_of(h.state(), "Ghi chú").as_deref(),
        Some("customField01")
    );
    let plan = mapping::resolve(&m, &m.headers).unwrap();
    assert!(plan.feeds("customField01"));
    // Customers support "don't overwrite this custom field".
    press(&mut h, "Keep Pango's value of customField01");
    assert_eq!(
        h.state().mapping().ignored_update_cfs,
        vec!["customField01".to_string()]
    );
    // A bad code is refused with a reason.
    type_in(&mut h, "Code", "bad code");
    press(&mut h, "Add custom field");
    assert!(shows(&h, "The code must fit the type"));
    assert_eq!(h.state().mapping().custom_fields.len(), 1);
}

fn save_template(h: &mut Harness<'_, MapState>, name: &str) {
    // Replace the suggested name (the file's).
    assert_eq!(
        h.get_by_label("Template name").value().as_deref(),
        Some("khach-hang")
    );
    h.get_by_label("Template name")
        .set_text_value_accesskit(name);
    h.run();
    h.get_by_label("Save template").click();
    h.run_ok();
    let start = Instant::now();
    while h.state().is_saving() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "save never finished"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run_ok();
}

#[test]
fn a_saved_template_is_applied_next_time_and_changed_columns_are_named() {
    let (_d, dir) = tempdir();
    let templates = dir.join("templates");
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    pick_field(
        &mut h,
        "Ghi chú",
        "customer id",
        "Customer ID * — customerId",
    );
    save_template(&mut h, "Khách hàng tháng");
    assert!(shows(&h, "saved"));
    assert_eq!(mapping::list_templates(&templates).len(), 1);
    let saved = h.state().mapping();

    // Next month, same columns: the template applies by itself.
    let st = MapState::new(customers(&dir), None);
    assert_eq!(st.mapping().columns, saved.columns);
    assert_eq!(st.blocker(Lang::En), None);
    let h2 = harness(st, Lang::En);
    assert!(shows(&h2, "applied — the file has the same columns"));
    assert!(h2.query_all_by_label("from template").count() >= 5);

    // A column added (Zalo) and one gone (Ghi chú): both pointed out.
    let csv = "Họ và tên,Số điện thoại,Email,Ngày sinh,Giới tính,Zalo\n\
               An,0912345678,a@b.vn,01/01/1990,Nam,0912345678\n";
    let st = MapState::new(input(&dir, "thang-12.csv", csv, &templates), None);
    let h3 = harness(st, Lang::En);
    let line = "Template “khach-hang-thang” applied — 1 new column: Zalo; 1 column gone: Ghi chú";
    assert!(h3.query_by_label(line).is_some());
    assert!(h3.query_by_label("new").is_some());
    // Customer ID came from the column that is gone: missing again.
    assert_eq!(
        h3.state().blocker(Lang::En).as_deref(),
        Some("Still missing: Customer ID")
    );
}

#[test]
fn a_template_can_be_loaded_by_hand() {
    let (_d, dir) = tempdir();
    let templates = dir.join("templates");
    let mut tpl = mapping::auto_mapping(
        &["Mã đơn".to_string(), "Tình trạng".to_string()],
        pango_importer::schema::find("order").unwrap(),
    )
    .unwrap();
    tpl.constants.insert("systemName".into(), "POS".into());
    mapping::save_template(&templates, "don-hang", &tpl).unwrap();
    // The customer file does not fit it, so it is not applied by itself …
    let mut h = harness(MapState::new(customers(&dir), None), Lang::En);
    assert_eq!(h.state().object_type(), "customer-identity");
    // … but it can be loaded.
    press(&mut h, "Load template");
    press(&mut h, "don-hang · Orders");
    assert_eq!(h.state().object_type(), "order");
    assert_eq!(constant(h.state(), "systemName").as_deref(), Some("POS"));
    assert!(shows(&h, "2 columns gone: Mã đơn, Tình trạng"));
}

#[test]
fn vietnamese_labels() {
    let (_d, dir) = tempdir();
    let st = MapState::new(customers(&dir), None);
    assert_eq!(
        st.blocker(Lang::Vi).as_deref(),
        Some("Còn thiếu: Mã khách hàng")
    );
    let h = harness(st, Lang::Vi);
    assert!(h.query_by_label("Loại dữ liệu").is_some());
    assert!(h.query_by_label("Bắt buộc").is_some());
    assert!(h.query_by_label("Số điện thoại hoặc Email").is_some());
    assert!(h.query_by_label("Bỏ qua cột Giới tính").is_some());
    assert_eq!(
        h.get_by_label("Trường cho cột Số điện thoại")
            .value()
            .as_deref(),
        Some("Số điện thoại")
    );
    assert!(h.query_by_label("Lưu mẫu").is_some());
    assert!(h.query_by_label("Save template").is_none());
}

#[test]
fn a_restored_mapping_comes_back_as_it_was() {
    let (_d, dir) = tempdir();
    let mut m = MapState::new(customers(&dir), Some("customers")).mapping();
    m.columns[5].field = Some("customerId".into());
    m.columns[3].options.date_order = Some(pango_importer::convert::DateOrder::Mdy);
    m.source = Some("Marketing".into());
    let st = MapState::with_mapping(customers(&dir), m.clone());
    assert_eq!(st.mapping(), m);
    assert_eq!(st.blocker(Lang::En), None);
}

#[test]
fn the_order_sample_maps_its_lines_and_header() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/don-hang-mau.csv");
    let (_d, dir) = tempdir();
    let csv = std::fs::read_to_string(path).unwrap();
    let st = MapState::new(
        input(&dir, "don-hang-mau.csv", &csv, &dir.join("templates")),
        Some("orders"),
    );
    let m = st.mapping();
    let f = |h: &str| m.column(h).and_then(|c| c.field.clone());
    assert_eq!(f("Mã đơn hàng").as_deref(), Some("orderId"));
    assert_eq!(f("Mã SP").as_deref(), Some("items.productSku"));
    assert_eq!(f("Đơn giá").as_deref(), Some("items.price"));
    assert_eq!(f("Ngày đặt").as_deref(), Some("orderDate"));
    assert_eq!(st.blocker(Lang::En), None);
    let mut h = harness(st, Lang::En);
    // Line-item fields say which list they go in.
    assert_eq!(
        h.get_by_label("Field for column Mã SP").value().as_deref(),
        Some("Product SKU (Order items)")
    );
    // "35.000,00": the price column's decimal mark is chosen in its options.
    let side = h.get_by_label("Required").rect().min.x;
    assert!(h.get_by_label("Options for column Đơn giá").rect().max.x < side);
    press(&mut h, "Options for column Đơn giá");
    press(&mut h, "Decimal mark");
    press(&mut h, "Comma: 1.234,5");
    let m = h.state().mapping();
    let plan = mapping::resolve(&m, &m.headers).unwrap();
    let price = plan.column_for("items.price").unwrap();
    assert_eq!(
        price.decimal_mark,
        Some(pango_importer::convert::DecimalMark::Comma)
    );
    // Dates: the order can be changed per column.
    h.get_by_label("Options for column Ngày đặt").scroll_to_me();
    h.run();
    press(&mut h, "Options for column Ngày đặt");
    // The list sits under its label, below the fold of the grid.
    h.get_by_label("Date order").scroll_to_me();
    h.run();
    press(&mut h, "Date order");
    press(&mut h, "Month/Day/Year (12/31/2024)");
    let m = h.state().mapping();
    let plan = mapping::resolve(&m, &m.headers).unwrap();
    assert_eq!(
        plan.column_for("orderDate").unwrap().date_order,
        pango_importer::convert::DateOrder::Mdy
    );
}

const ORDERS: &str = "Mã đơn hàng,Ngày mua,Mã KH,Tên sản phẩm,Số lượng,Đơn giá\n\
                      DH001,01/12/2026,KH01,Áo thun,2,150000\n";

#[test]
fn an_orders_sheet_opened_after_a_customer_upload_comes_up_as_orders() {
    let (_d, dir) = tempdir();
    let orders = input(&dir, "don-hang.csv", ORDERS, &dir.join("templates"));
    // Customers were remembered from the last upload; the columns say orders.
    let h = harness(MapState::new(orders, Some("customer-identity")), Lang::Vi);
    assert_eq!(h.state().object_type(), "order");
    assert!(shows(&h, "Chọn theo các cột của tệp:"));
    assert_ne!(
        field_of(h.state(), "Tên sản phẩm").as_deref(),
        Some("name"),
        "a product name never becomes a customer's name"
    );
}

#[test]
fn a_remembered_type_that_fits_is_kept_without_a_word() {
    let (_d, dir) = tempdir();
    let h = harness(
        MapState::new(customers(&dir), Some("customer-identity")),
        Lang::En,
    );
    assert_eq!(h.state().object_type(), "customer-identity");
    assert!(!shows(&h, "Chosen from the file's columns:"));
    assert!(!shows(&h, "much better than"));
}

#[test]
fn a_type_that_fits_much_worse_says_so_and_offers_the_better_one() {
    let (_d, dir) = tempdir();
    let orders = input(&dir, "don-hang.csv", ORDERS, &dir.join("templates"));
    let mut h = harness(MapState::new(orders, None), Lang::En);
    assert_eq!(h.state().object_type(), "order");
    press(&mut h, "Object type");
    press(&mut h, "Customers");
    assert_eq!(h.state().object_type(), "customer-identity");
    assert!(shows(
        &h,
        "These columns fit Orders much better than Customers."
    ));
    press(&mut h, "Use Orders");
    assert_eq!(h.state().object_type(), "order");
    assert!(!shows(&h, "much better than"));
}
