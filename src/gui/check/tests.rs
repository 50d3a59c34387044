//! Unit tests of the parts that do not draw: grouping, filters, blocker.

use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use crate::i18n::Lang;
use crate::mapping::{auto_mapping, resolve};
use crate::schema;
use crate::source::{ReadOptions, read_file};
use crate::validate::validate;

use super::*;

fn state(csv: &str) -> CheckState {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kh.csv");
    std::fs::write(&path, csv).unwrap();
    let table = read_file(&path, &ReadOptions::default()).unwrap().table;
    let object = schema::find("customer-identity").unwrap();
    let mapping = auto_mapping(table.headers(), object).unwrap();
    let plan = resolve(&mapping, table.headers()).unwrap();
    let v = validate(&table, &plan, None).unwrap();
    CheckState::new(Arc::new(table), Arc::new(v), mapping, path)
}

const CSV: &str = "Mã KH,Họ và tên,Số điện thoại,Email\n\
    KH1,An,0912345678,an@example.vn\n\
    KH2,Bình,12345,binh@example.vn\n\
    KH3,Chi,0987654321,chi@mail\n\
    KH4,Dũng,999,dung@example.vn\n\
    KH5,Hà,0901234567,ha@example.vn\n";

#[test]
fn groups_count_rows_per_kind_and_filter_to_them() {
    let mut st = state(CSV);
    let s = st.summary();
    assert_eq!((s.valid, s.invalid), (2, 3));
    assert_eq!(s.groups.len(), 2, "{:?}", s.groups);
    let phone = &s.groups[0];
    assert_eq!(phone.key.code, "invalid_phone");
    assert_eq!(phone.rows, vec![1, 3]);
    assert_eq!(
        phone.label(Lang::En),
        "2 rows: phone number not valid (Số điện thoại)"
    );
    assert_eq!(
        s.counts_line(Lang::En),
        "2 rows valid · 3 rows with errors · 0 warnings"
    );
    assert_eq!(
        s.counts_line(Lang::Vi),
        "2 dòng hợp lệ · 3 dòng có lỗi · 0 cảnh báo"
    );
    let key = phone.key.clone();
    st.set_filter(Filter::Kind(key));
    assert_eq!(st.shown_rows(), 2);
    st.set_filter(Filter::Errors);
    assert_eq!(st.shown_rows(), 3);
    assert_eq!(st.view.row(2), 3);
    assert_eq!(st.view.position(3), Some(2));
    st.set_filter(Filter::All);
    assert_eq!(st.shown_rows(), 5);
}

#[test]
fn blocker_follows_the_choice() {
    let mut st = state(CSV);
    assert_eq!(st.upload_choice(), UploadChoice::FixFirst);
    let why = st.blocker(Lang::En).unwrap();
    assert!(why.starts_with("3 rows still have errors"), "{why}");
    st.set_upload_choice(UploadChoice::ValidOnly);
    assert_eq!(st.blocker(Lang::En), None);
    let all_bad = state("Mã KH,Họ và tên,Số điện thoại\nKH1,An,1\n");
    assert!(
        all_bad
            .blocker(Lang::Vi)
            .unwrap()
            .starts_with("Không có dòng nào")
    );
    let all_good = state("Mã KH,Họ và tên,Số điện thoại\nKH1,An,0912345678\n");
    assert_eq!(all_good.blocker(Lang::En), None);
}

#[test]
fn rejected_rows_keep_their_reason_and_unknown_rows_are_counted() {
    let mut st = state(CSV);
    st.show_rejected(vec![
        (6, "duplicate customerId".into()),
        (3, "bad".into()),
        (99, "x".into()),
    ]);
    assert_eq!(st.filter(), &Filter::Rejected);
    assert_eq!(st.shown_rows(), 2);
    assert_eq!(st.rejected_row_numbers(), vec![3, 6]);
    assert_eq!(st.rejected.as_ref().unwrap().unknown, 1);
}

/// Types `text` into cell (`row`, `col`) as the inline editor does, and waits for
/// the re-validation.
fn fix(st: &mut CheckState, row: u32, col: usize, text: &str) {
    let ctx = egui::Context::default();
    st.apply(Action::StartEdit { row, col }, &ctx, Lang::En);
    st.editor.as_mut().unwrap().text = text.into();
    st.apply(Action::CommitEdit, &ctx, Lang::En);
    let start = std::time::Instant::now();
    while st.busy() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never re-validated"
        );
        std::thread::sleep(Duration::from_millis(5));
        st.poll(&ctx);
    }
}

#[test]
fn editing_shares_the_table_read_and_never_copies_it() {
    let mut st = state(CSV);
    // The file step's table: the same allocation Check holds.
    let read = st.table().clone();
    assert_eq!(Arc::strong_count(&read), 2);
    fix(&mut st, 1, 2, "0912 000 111");
    fix(&mut st, 3, 2, "0987 000 222");
    assert!(Arc::ptr_eq(st.table(), &read), "editing copied the table");
    assert_eq!(Arc::strong_count(&read), 2, "a copy or a leaked reference");
    // The table read is untouched; Check and its validation see the fixes.
    assert_eq!(read.cell(1, 2), "12345");
    assert_eq!(st.cells().cell(1, 2), "0912 000 111");
    assert_eq!(st.edits().len(), 2);
    assert_eq!((st.validation().valid, st.validation().invalid), (4, 1));
    assert_eq!(st.validation().edits, *st.edits());
    // Typing back the file's text clears the fix.
    fix(&mut st, 3, 2, "999");
    assert_eq!(st.edits().len(), 1);
    assert_eq!(st.validation().invalid, 2);
}
