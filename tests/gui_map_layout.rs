//! The Map step in a 900×600 window: a column's options fit, their labels wrap by word
//! (the English phone-format box used to run down the screen one letter per line).

#![cfg(feature = "gui")]

mod gui_support;
#[path = "gui_support/keys.rs"]
mod keys;

use egui_kittest::kittest::Queryable;
use gui_support::*;
use keys::*;
use pango_importer::gui::shell::Step;
use pango_importer::i18n::Lang;

#[test]
fn a_phone_columns_options_fit_a_900_by_600_window_in_both_languages() {
    for lang in [Lang::En, Lang::Vi] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("khach-hang.csv");
        customers_csv(&file, 5, &[]);
        let mut h = small_app(&dir.path().join("home"), lang);
        h.step();
        click(
            &mut h,
            t(
                lang,
                "Try without an account",
                "Dùng thử không cần tài khoản",
            ),
        );
        wait_for(&mut h, "the File step", 20, |h| {
            h.state().step == Step::File
        });
        drop_file(&mut h, &file);
        wait_for(&mut h, "the file", 20, |h| h.state().file.table().is_some());
        next_to_map(&mut h, t(lang, "Next: map columns ➡", "Tiếp: ghép cột ➡"));
        let options = t(
            lang,
            "Options for column Số điện thoại",
            "Tùy chọn cột Số điện thoại",
        );
        h.get_by_label(options).click_accesskit();
        h.run_steps(3);
        let label = t(lang, "Phone format", "Dạng số điện thoại");
        h.get_by_label(label).scroll_to_me();
        h.run_steps(3);
        let side = h
            .get_by_label(t(lang, "Required", "Bắt buộc"))
            .rect()
            .left();
        for node in h.query_all_by_label(label) {
            let r = node.rect();
            assert!(
                r.width() > 80.0 && r.height() < 40.0,
                "{label}: laid out on a line, not letter by letter: {r:?}"
            );
            assert!(r.right() <= side, "{label}: left of the side panel: {r:?}");
        }
    }
}
