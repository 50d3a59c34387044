//! Pictures of every step, compared with the ones kept in tests/snapshots/ (drawn by
//! wgpu; on a machine without a GPU, Mesa's lavapipe draws them — `.ci/run` installs it).
//! A changed picture fails the test and leaves `<name>.new.png` and `<name>.diff.png`
//! beside the kept one; `UPDATE_SNAPSHOTS=1 cargo test --test gui_snapshots` accepts them.
//! Parts that change from run to run (times, speeds, paths, the build date) are masked.

#![cfg(feature = "gui")]

mod gui_support;
#[path = "gui_support/keys.rs"]
mod keys;

use egui_kittest::SnapshotOptions;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use pango_importer::gui::shell::Step;
use pango_importer::i18n::Lang;
use pango_importer::profile::PRODUCTION_AUTH_URL;
use pango_importer::sandbox::SandboxConfig;

fn options() -> SnapshotOptions {
    // Software rendering differs by a few anti-aliased pixels between Mesa versions.
    SnapshotOptions::default().max_failed_pixels(400)
}

/// Settles the frame, masks the rows labelled with one of `masks`, and compares.
fn snap(
    h: &mut egui_kittest::Harness<'static, pango_importer::gui::App>,
    name: &str,
    masks: &[&str],
) {
    h.remove_cursor();
    h.run_steps(4);
    mask_rows(h, masks);
    h.snapshot_options(name, &options());
}

/// Masks the whole width of the rows whose label contains one of `parts`.
fn mask_rows(h: &mut egui_kittest::Harness<'static, pango_importer::gui::App>, parts: &[&str]) {
    use eframe::egui::{Rect, pos2};
    for p in parts {
        let rects: Vec<_> = h.query_all_by_label_contains(p).map(|n| n.rect()).collect();
        for r in rects {
            h.mask(Rect::from_min_max(
                pos2(0.0, r.top() - 2.0),
                pos2(4000.0, r.bottom() + 2.0),
            ));
        }
    }
}

/// A copy of the sample workbook in `dir` (its path is shown, so it is the same in every run).
fn sample_in(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("khach-hang-thang-12.xlsx");
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/samples/khach-hang-thang-12.xlsx"
    );
    std::fs::copy(sample, &file).unwrap();
    file
}

#[test]
fn every_step_looks_as_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::Vi);
    snap(&mut h, "01-dang-nhap", &[]);
    click(&mut h, "Dùng thử không cần tài khoản");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    drop_file(&mut h, &file);
    wait_for(&mut h, "the workbook", 20, |h| shows(h, "13 dòng"));
    snap(&mut h, "02-tep", &[]);
    next_to_map(&mut h, "Tiếp: ghép cột ➡");
    snap(&mut h, "03-ghep-cot", &[]);
    click(&mut h, "Tiếp: kiểm tra ➡");
    wait_for(&mut h, "the Check step", 20, |h| {
        h.state().step == Step::Check
    });
    snap(&mut h, "04-kiem-tra", &[]);
    click(&mut h, "Chỉ gửi các dòng hợp lệ");
    click(&mut h, "Tải lên ➡");
    wait_for(&mut h, "the upload to finish", 30, |h| {
        h.state()
            .upload
            .as_ref()
            .is_some_and(|u| u.report.is_some())
    });
    snap(
        &mut h,
        "05-tai-len",
        &["Tốc độ", "Thời gian còn lại", "Đã chạy", "Báo cáo:"],
    );
}

#[test]
fn settings_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(dir.path(), SandboxConfig::default(), Lang::En);
    h.step();
    click(&mut h, "Settings");
    // The profiles are read from settings.json in the background.
    wait_for(&mut h, "the profiles", 20, |h| {
        shows(h, PRODUCTION_AUTH_URL)
    });
    snap(&mut h, "06-settings", &["(built ", "Data folder"]);
}

/// Every step and page at 900×600 in `lang`, named `900-<lang>-<n>-<what>`: the sample
/// workbook through File, Map, Check and Upload, then History and Settings.
fn every_page_at_900x600(lang: Lang, tag: &str) {
    let t = |en, vi| keys::t(lang, en, vi);
    let dir = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let mut h = keys::small_app(&dir.path().join("home"), lang);
    let name = |n: &str| format!("900-{tag}-{n}");
    snap(&mut h, &name("1-login"), &[]);
    click(
        &mut h,
        t("Try without an account", "Dùng thử không cần tài khoản"),
    );
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    drop_file(&mut h, &file);
    wait_for(&mut h, "the workbook", 20, |h| {
        shows(h, t("13 rows", "13 dòng"))
    });
    snap(&mut h, &name("2-file"), &[]);
    next_to_map(&mut h, t("Next: map columns ➡", "Tiếp: ghép cột ➡"));
    snap(&mut h, &name("3-map"), &[]);
    // The phone column's options (its date column's come after it), in view.
    h.get_by_label(t(
        "Options for column Số điện thoại",
        "Tùy chọn cột Số điện thoại",
    ))
    .click_accesskit();
    h.run_steps(3);
    h.get_by_label(t("Phone format", "Dạng số điện thoại"))
        .scroll_to_me();
    h.run_steps(3);
    snap(&mut h, &name("3-map-options"), &[]);
    click(&mut h, t("Next: check rows ➡", "Tiếp: kiểm tra ➡"));
    wait_for(&mut h, "the Check step", 20, |h| {
        h.state().step == Step::Check
    });
    snap(&mut h, &name("4-check"), &[]);
    // Scrolled right: the row number and status columns stay.
    h.get_by_label("KH0101").hover();
    h.step();
    h.event(eframe::egui::Event::MouseWheel {
        unit: eframe::egui::MouseWheelUnit::Point,
        delta: eframe::egui::vec2(-400.0, 0.0),
        phase: eframe::egui::TouchPhase::Move,
        source: eframe::egui::MouseWheelSource::Unknown,
        modifiers: eframe::egui::Modifiers::NONE,
    });
    snap(&mut h, &name("4-check-scrolled"), &[]);
    click(
        &mut h,
        t("Upload valid rows only", "Chỉ gửi các dòng hợp lệ"),
    );
    click(&mut h, t("Upload ➡", "Tải lên ➡"));
    wait_for(&mut h, "the upload to finish", 30, |h| {
        h.state()
            .upload
            .as_ref()
            .is_some_and(|u| u.report.is_some())
    });
    let moving = [
        t("Speed", "Tốc độ"),
        t("Time left", "Thời gian còn lại"),
        t("Elapsed", "Đã chạy"),
        t("Report:", "Báo cáo:"),
    ];
    snap(&mut h, &name("5-upload"), &moving);
    click(&mut h, t("History", "Lịch sử"));
    wait_for(&mut h, "the history list", 10, |h| {
        shows(h, "khach-hang-thang-12.xlsx")
    });
    // The entry's row holds its date and time, which change from run to run.
    snap(&mut h, &name("6-history"), &["khach-hang-thang-12.xlsx"]);
    click(&mut h, t("Settings", "Cài đặt"));
    wait_for(&mut h, "the profiles", 20, |h| {
        shows(h, PRODUCTION_AUTH_URL)
    });
    snap(
        &mut h,
        &name("7-settings"),
        &["(built ", "(bản dựng ", t("Data folder", "Thư mục dữ liệu")],
    );
}

#[test]
fn every_page_at_900x600_in_english() {
    every_page_at_900x600(Lang::En, "en");
}

#[test]
fn every_page_at_900x600_in_vietnamese() {
    every_page_at_900x600(Lang::Vi, "vi");
}
