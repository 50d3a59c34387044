//! The Check step in a 900×600 window: a new file opens at its first row, and the row
//! number and status columns stay in place when the table scrolls right.

#![cfg(feature = "gui")]

mod gui_support;
#[path = "gui_support/keys.rs"]
mod keys;

use eframe::egui;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use keys::*;
use pango_importer::i18n::Lang;

/// `n` customers with `extra` more columns of notes, wide enough to scroll right.
fn wide_csv(path: &std::path::Path, n: usize, extra: usize) {
    let notes: String = (1..=extra).map(|i| format!(",Ghi chú số {i}")).collect();
    let mut s = format!("Mã KH,Họ và tên,Số điện thoại{notes}\n");
    for i in 0..n {
        let cells: String = (1..=extra)
            .map(|k| format!(",ghi chú {k} của {i}"))
            .collect();
        s.push_str(&format!("KH{i:05},Nguyễn Văn {i},09{i:08}{cells}\n"));
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn a_new_file_opens_in_check_at_its_first_row() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    customers_csv(&first, 400, &[]);
    customers_csv(&second, 300, &[]);
    let mut h = small_app(&dir.path().join("home"), Lang::En);
    sandbox_to_check(&mut h, &first, Lang::En);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    h.run_steps(4);
    let seen = h.state().check.as_ref().unwrap().visible_rows().unwrap();
    assert!(seen.1 >= 401, "went to the last row: {seen:?}");
    click(&mut h, "⬅ Back");
    click(&mut h, "⬅ Back");
    file_to_check(&mut h, &second, Lang::En);
    h.run_steps(4);
    let seen = h.state().check.as_ref().unwrap().visible_rows().unwrap();
    assert_eq!(seen.0, 2, "the new file shows from its first row: {seen:?}");
    assert!(h.query_by_label("KH00000").is_some());
}

#[test]
fn row_number_and_status_stay_at_the_left_when_scrolling_right() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.csv");
    wide_csv(&file, 30, 10);
    let mut h = small_app(&dir.path().join("home"), Lang::En);
    sandbox_to_check(&mut h, &file, Lang::En);
    let row_left = h.get_by_label("Row 2").rect().left();
    // The pointer on the table, 600 points to the right.
    h.get_by_label("KH00001").hover();
    h.step();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-600.0, 0.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(3);
    let key_cell = h.get_by_label("KH00000").rect();
    assert!(
        key_cell.right() < row_left + 40.0,
        "the table scrolled right past column A: {key_cell:?}"
    );
    let row_header = h.get_by_label("Row 2").rect();
    assert!(
        (row_header.left() - row_left).abs() < 1.0,
        "the row number stays where it was: {row_header:?}, was at {row_left}"
    );
    let status = h
        .query_all_by_label("valid")
        .next()
        .expect("a row's status")
        .rect();
    assert!(
        status.left() >= row_header.right() - 1.0 && status.right() < row_left + 120.0,
        "the status stays beside it: {status:?}"
    );
}
