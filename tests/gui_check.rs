//! The Check step as a user drives it (egui_kittest): the summary's counts per kind,
//! filtering by kind and to rows with errors, hovering a bad cell, fixing a cell,
//! the upload choice, rejected rows from the server, the export, and Vietnamese.
#![cfg(feature = "gui")]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pango_importer::gui::check::{self, CheckState, UploadChoice};
use pango_importer::i18n::Lang;
use pango_importer::mapping::{auto_mapping, resolve};
use pango_importer::schema;
use pango_importer::source::{ReadOptions, read_file};
use pango_importer::validate::{RowState, validate};

#[path = "gui_support/words.rs"]
mod words;
use words::copied;

/// Rows 2 and 7 are valid (row 7's phone is written the international way);
/// 3 and 5 have bad phones, 4 and 8 bad e-mails, 6 has no customer code.
const CSV: &str = "Mã KH,Họ và tên,Số điện thoại,Email\n\
    KH001,Nguyễn Văn Ánh,0912345678,anh@example.vn\n\
    KH002,Trần Thị Bích,12345,bich@example.vn\n\
    KH003,Lê Minh Đức,0987654321,duc@mail\n\
    KH004,Phạm Thu Hà,999,ha@example.vn\n\
    ,Võ Quốc Huy,0901234567,huy@example.vn\n\
    KH006,Đặng Ngọc Ân,+84 98 765 4322,an@example.vn\n\
    KH007,Bùi Thị Lan,0933444555,lan@example\n";

fn state(dir: &tempfile::TempDir) -> CheckState {
    state_of(dir, CSV)
}

/// Check over `csv` (customers, mapped automatically).
fn state_of(dir: &tempfile::TempDir, csv: &str) -> CheckState {
    let path = dir.path().join("khach-hang.csv");
    std::fs::write(&path, csv).unwrap();
    let table = read_file(&path, &ReadOptions::default()).unwrap().table;
    let object = schema::find("customer-identity").unwrap();
    let mapping = auto_mapping(table.headers(), object).unwrap();
    let plan = resolve(&mapping, table.headers()).unwrap();
    let v = validate(&table, &plan, None).unwrap();
    CheckState::new(Arc::new(table), Arc::new(v), mapping, path)
}

fn harness(st: CheckState, lang: Lang) -> Harness<'static, CheckState> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(pango_importer::gui::fonts::install)
        .build_ui_state(
            move |ui, st: &mut CheckState| {
                st.poll(ui.ctx());
                check::ui(ui, st, lang);
            },
            st,
        );
    h.run();
    h
}

/// Steps until the background work is done (re-validation or export).
fn settle(h: &mut Harness<'_, CheckState>) {
    let start = Instant::now();
    while h.state().busy() || h.state().exporting() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "background work never finished"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    h.run();
}

/// Two clicks in one frame: egui sees a double-click.
fn double_click(h: &Harness<'_, CheckState>, label: &str) {
    let node = h.get_by_label(label);
    node.click();
    node.click();
}

fn shown(h: &Harness<'_, CheckState>, row: u32) -> bool {
    h.query_by_label(&format!("Row {row}")).is_some()
}

fn shown_rows(h: &Harness<'_, CheckState>) -> Vec<u32> {
    (2..=8).filter(|r| shown(h, *r)).collect()
}

#[test]
fn summary_counts_each_kind_and_clicking_one_filters_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::En);
    h.get_by_label("2 rows valid · 5 rows with errors · 0 warnings");
    h.get_by_label("Showing 7 of 7 rows");
    assert_eq!(shown_rows(&h), vec![2, 3, 4, 5, 6, 7, 8]);

    h.get_by_label("2 rows: phone number not valid (Số điện thoại)")
        .click();
    h.run();
    assert_eq!(shown_rows(&h), vec![3, 5]);
    h.get_by_label("Showing 2 of 7 rows");

    h.get_by_label("2 rows: e-mail not valid (Email)").click();
    h.run();
    assert_eq!(shown_rows(&h), vec![4, 8]);

    h.get_by_label("1 row: required field is empty (Mã KH)")
        .click();
    h.run();
    assert_eq!(shown_rows(&h), vec![6]);

    // Clicking the selected kind again shows every row.
    h.get_by_label("1 row: required field is empty (Mã KH)")
        .click();
    h.run();
    assert_eq!(shown_rows(&h), vec![2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn only_rows_with_errors_hides_the_valid_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::En);
    h.get_by_label("Only rows with errors").click();
    h.run();
    assert_eq!(shown_rows(&h), vec![3, 4, 5, 6, 8]);
    h.get_by_label("Only rows with errors").click();
    h.run();
    assert_eq!(shown_rows(&h), vec![2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn hovering_a_bad_cell_shows_its_message_and_a_good_one_the_value_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::En);
    let needle = "not a valid Vietnamese phone number";
    assert!(h.query_by_label_contains(needle).is_none());
    h.get_by_label("12345").hover();
    h.run();
    h.get_by_label_contains(needle);
    h.get_by_label("cannot be sent until it is fixed");

    h.get_by_label("+84 98 765 4322").hover();
    h.run();
    assert!(h.query_by_label_contains(needle).is_none());
    h.get_by_label("will be sent as: 0987654322");

    // The transformed value is also visible without hovering.
    h.get_by_label("Show values as sent").click();
    h.run();
    h.get_by_label("+84 98 765 4322 → 0987654322");
    h.get_by_label("anh@example.vn");
}

#[test]
fn fixing_a_bad_cell_revalidates_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::En);
    assert_eq!(h.state().validation().invalid, 5);
    assert!(h.query_by_label("Edit cell C3").is_none());

    double_click(&h, "12345");
    h.run();
    let field = h.get_by_label("Edit cell C3");
    assert!(field.is_focused());
    // The text is selected on opening, so typing replaces it.
    field.type_text("0912000111");
    h.run();
    // The re-check runs in the background: `settle` waits for it (a `run` here
    // would count its repaints against the harness's step limit).
    h.key_press(egui::Key::Enter);
    h.step();
    settle(&mut h);

    assert!(h.query_by_label("Edit cell C3").is_none());
    let st = h.state();
    assert_eq!(st.cells().cell(1, 2), "0912000111");
    assert_eq!(
        st.table().cell(1, 2),
        "12345",
        "the table read is not changed"
    );
    assert_eq!(st.validation().invalid, 4);
    assert_eq!(st.validation().states[1], RowState::Valid);
    h.get_by_label("3 rows valid · 4 rows with errors · 0 warnings");
    h.get_by_label("1 row: phone number not valid (Số điện thoại)");
    h.get_by_label("0912000111");
    // The background check let go of the table (it shares it, never copies it).
    assert_eq!(Arc::strong_count(h.state().table()), 1);

    // Escape cancels an edit.
    double_click(&h, "999");
    h.run();
    h.get_by_label("Edit cell C5").type_text("0912");
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    settle(&mut h);
    assert!(h.query_by_label("Edit cell C5").is_none());
    assert_eq!(h.state().table().cell(3, 2), "999");
    assert_eq!(h.state().validation().invalid, 4);
}

#[test]
fn a_selected_cell_opens_with_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::En);
    h.get_by_label("duc@mail").click();
    h.run();
    assert!(h.query_by_label("Edit cell D4").is_none());
    h.get_by_label("duc@mail").focus();
    h.run();
    h.key_press(egui::Key::F2);
    h.run();
    h.get_by_label("Edit cell D4").type_text("duc@mail.vn");
    h.run();
    // The re-check runs in the background: `settle` waits for it (a `run` here
    // would count its repaints against the harness's step limit).
    h.key_press(egui::Key::Enter);
    h.step();
    settle(&mut h);
    assert_eq!(h.state().validation().invalid, 4);
    assert_eq!(h.state().validation().states[2], RowState::Valid);
}

#[test]
fn upload_is_blocked_until_the_user_chooses_valid_rows_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::En);
    assert_eq!(h.state().upload_choice(), UploadChoice::FixFirst);
    let why = h.state().blocker(Lang::En).expect("errors remain");
    assert!(why.contains("5 rows still have errors"), "{why}");
    h.get_by_label(&why);

    h.get_by_label("Upload valid rows only").click();
    h.run();
    assert_eq!(h.state().upload_choice(), UploadChoice::ValidOnly);
    assert_eq!(h.state().blocker(Lang::En), None);
    h.get_by_label("5 row(s) with errors will not be sent.");

    h.get_by_label("Fix everything first").click();
    h.run();
    assert!(h.state().blocker(Lang::En).is_some());
}

#[test]
fn rejected_rows_come_back_with_the_servers_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::En);
    let reason = "customerId KH006 already belongs to another profile";
    h.state_mut().show_rejected(vec![
        (7, reason.to_string()),
        (2, "phone is blocked".into()),
    ]);
    h.run();
    assert_eq!(shown_rows(&h), vec![2, 7]);
    h.get_by_label(reason);
    h.get_by_label("phone is blocked");
    h.get_by_label("Server's reason");
    h.get_by_label_contains("The server rejected 2 row(s)");
    assert_eq!(h.state().rejected_row_numbers(), vec![2, 7]);

    h.get_by_label("Show all rows").click();
    h.run();
    assert_eq!(shown_rows(&h), vec![2, 3, 4, 5, 6, 7, 8]);
}

/// Check on the test file, its error rows exported to `name` in `dir`.
fn exported(
    dir: &tempfile::TempDir,
    name: &str,
    lang: Lang,
) -> (Harness<'static, CheckState>, PathBuf) {
    let mut h = harness(state(dir), lang);
    let out: PathBuf = dir.path().join(name);
    let ctx = h.ctx.clone();
    h.state_mut().export_errors_to(out.clone(), lang, &ctx);
    settle(&mut h);
    (h, out)
}

#[test]
fn export_writes_the_error_rows_for_excel() {
    let dir = tempfile::tempdir().unwrap();
    let (h, out) = exported(&dir, "loi.csv", Lang::En);
    h.get_by_label_contains("Saved 5 row(s) with errors to");

    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["Mã KH", "Họ và tên", "Số điện thoại", "Email", "Errors"]
    );
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let codes: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes, ["KH002", "KH003", "KH004", "", "KH007"]);
    assert_eq!(rows[0][2], "12345");
    assert!(rows[0][4].starts_with("Số điện thoại: not a valid Vietnamese phone"));
    assert!(rows[3][4].starts_with("Mã KH: required"), "{}", rows[3][4]);
}

#[test]
fn export_to_a_workbook_reads_back_as_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (_h, out) = exported(&dir, "lỗi.xlsx", Lang::Vi);
    let read = pango_importer::source::read_file(&out, &Default::default()).unwrap();
    let t = &read.table;
    assert_eq!(
        t.headers(),
        ["Mã KH", "Họ và tên", "Số điện thoại", "Email", "Lỗi"]
    );
    let codes: Vec<&str> = (0..t.len()).map(|r| t.cell(r, 0)).collect();
    assert_eq!(codes, ["KH002", "KH003", "KH004", "", "KH007"]);
    assert_eq!(t.cell(0, 2), "12345", "kept as text");
}

#[test]
fn ctrl_end_and_ctrl_home_go_to_the_last_and_first_row() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..500)
        .map(|i| format!("KH{i:04},Khách {i},09{i:08}\n"))
        .collect();
    let csv = format!("Mã KH,Họ và tên,Số điện thoại\n{rows}");
    let mut h = harness(state_of(&dir, &csv), Lang::En);
    let cmd = egui::Modifiers::COMMAND;
    h.key_press_modifiers(cmd, egui::Key::End);
    h.run();
    assert_eq!(h.state().selected_cell(), Some((501, 0)), "the last row");
    assert!(h.state().visible_rows().unwrap().1 >= 501, "scrolled to it");
    assert!(h.get_by_label("KH0499").is_focused(), "and focused");
    h.key_press_modifiers(cmd, egui::Key::Home);
    h.run();
    assert_eq!(h.state().selected_cell(), Some((2, 0)), "the first row");
    assert_eq!(h.state().visible_rows().unwrap().0, 2, "scrolled back up");
}

#[test]
fn vietnamese_shows_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(state(&dir), Lang::Vi);
    h.get_by_label("2 dòng hợp lệ · 5 dòng có lỗi · 0 cảnh báo");
    h.get_by_label("2 dòng: số điện thoại không hợp lệ (Số điện thoại)");
    h.get_by_label("Chỉ hiện dòng lỗi").click();
    h.run();
    assert_eq!(
        (2..=8)
            .filter(|r| h.query_by_label(&format!("Dòng {r}")).is_some())
            .collect::<Vec<_>>(),
        vec![3, 4, 5, 6, 8]
    );
    h.get_by_label("Hiện giá trị sẽ gửi");
    h.get_by_label("Xuất các dòng lỗi…");
    h.get_by_label("Chỉ gửi các dòng hợp lệ");
    h.get_by_label("12345").hover();
    h.run();
    h.get_by_label_contains("số điện thoại không hợp lệ (di động");
    double_click(&h, "12345");
    h.run();
    h.get_by_label("Sửa ô C3");
}

#[test]
fn with_no_save_dialog_the_export_offers_a_path_to_save_to_or_copy() {
    for (lang, button, title, copy, save, saved) in [
        (
            Lang::En,
            "Export error rows…",
            "Could not open the save dialog",
            "Copy path",
            "Save here",
            "Saved 5 row(s) with errors to",
        ),
        (
            Lang::Vi,
            "Xuất các dòng lỗi…",
            "Không mở được hộp thoại lưu tệp",
            "Sao chép đường dẫn",
            "Lưu vào đây",
            "Đã lưu 5 dòng lỗi vào",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(state(&dir), lang);
        // The save dialog cannot be opened (no portal or zenity): its task breaks.
        pango_importer::gui::task::fail_tasks_named(&h.ctx, "export-dialog");
        h.get_by_label(button).click();
        h.run();
        settle(&mut h);
        h.get_by_label_contains(title);
        let name = match lang {
            Lang::En => "khach-hang-errors.xlsx",
            Lang::Vi => "khach-hang-loi.xlsx",
        };
        let expected = dir.path().join(name).display().to_string();
        let field = h.get_by_role(egui::accesskit::Role::TextInput);
        assert_eq!(field.value().as_deref(), Some(expected.as_str()));
        h.get_by_label(copy).click();
        h.step();
        assert_eq!(copied(&h), Some(expected.clone()), "{lang:?}");
        h.run();
        h.get_by_label(save).click();
        h.step();
        settle(&mut h);
        h.get_by_label_contains(saved);
        assert!(dir.path().join(name).exists(), "{lang:?}");
    }
}

#[test]
fn values_as_sent_show_dates_with_their_zone_and_a_blank_header_in_the_language() {
    let csv = "Mã KH,Họ và tên,Số điện thoại,Ngày sinh,\n\
        KH001,Nguyễn Văn Ánh,0912345678,14/02/1990,x\n\
        KH002,Trần Thị Bích,0912345679,01/01/2000,\n";
    for (lang, blank, show) in [
        (Lang::En, "Column E", "Show values as sent"),
        (Lang::Vi, "Cột E", "Hiện giá trị sẽ gửi"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(state_of(&dir, csv), lang);
        h.get_by_label(blank);
        assert!(
            lang == Lang::En || h.query_by_label("Column E").is_none(),
            "no English name in Vietnamese"
        );
        h.get_by_label(show).click();
        h.run();
        h.get_by_label("14/02/1990 → 1990-02-14 00:00 +07:00");
        h.get_by_label("01/01/2000 → 2000-01-01 00:00 +07:00");
    }
}

#[test]
fn a_row_without_phone_or_email_names_the_fields_by_their_labels() {
    let csv = "Mã KH,Họ và tên,Số điện thoại,Email\n\
        KH001,Nguyễn Văn Ánh,0912345678,anh@example.vn\n\
        KH002,Trần Thị Bích,,\n";
    for (lang, kind) in [
        (Lang::En, "1 row: needs at least one of: Phone or E-mail"),
        (
            Lang::Vi,
            "1 dòng: cần ít nhất một trong: Số điện thoại hoặc Email",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let h = harness(state_of(&dir, csv), lang);
        h.get_by_label(kind);
    }
}
