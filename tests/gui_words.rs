//! What the app says when the system does not do what a button asks (no file
//! dialog, no file manager), and the core's file errors in the app's language.

#![cfg(feature = "gui")]

mod gui_support;

use egui_kittest::kittest::Queryable;
use gui_support::words::copied;
use gui_support::*;
use pango_importer::gui::shell::Step;
use pango_importer::gui::task::fail_tasks_named;
use pango_importer::i18n::Lang;
use pango_importer::sandbox::SandboxConfig;

use eframe::egui::accesskit::Role;

/// The app in `lang`, tried without an account, on the File step.
fn on_file_step(
    home: &std::path::Path,
    lang: Lang,
) -> egui_kittest::Harness<'static, pango_importer::gui::App> {
    let mut h = app_in(home, SandboxConfig::default(), lang);
    h.step();
    click(
        &mut h,
        match lang {
            Lang::En => "Try without an account",
            Lang::Vi => "Dùng thử không cần tài khoản",
        },
    );
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    h
}

/// The app in `lang` on the File step with `csv` (saved as kh.csv in `dir`) read.
fn file_read(
    dir: &tempfile::TempDir,
    csv: &str,
    lang: Lang,
) -> egui_kittest::Harness<'static, pango_importer::gui::App> {
    let file = dir.path().join("kh.csv");
    std::fs::write(&file, csv).unwrap();
    let mut h = on_file_step(&dir.path().join("home"), lang);
    drop_file(&mut h, &file);
    wait_for(&mut h, "the file to be read", 20, |h| {
        h.state().file.loaded.is_some()
    });
    h
}

#[test]
fn with_no_file_dialog_the_path_can_be_typed_instead() {
    for (lang, choose, title, open) in [
        (
            Lang::En,
            "Choose file…",
            "Could not open the file dialog",
            "Open",
        ),
        (
            Lang::Vi,
            "Chọn tệp…",
            "Không mở được hộp thoại chọn tệp",
            "Mở",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("khách hàng.csv");
        customers_csv(&file, 3, &[]);
        let mut h = on_file_step(&dir.path().join("home"), lang);
        // No portal or zenity: the dialog's task breaks instead of showing one.
        fail_tasks_named(&h.ctx, "file-dialog");
        click(&mut h, choose);
        wait_for(&mut h, "the notice", 10, |h| shows(h, title));
        h.get_by_role(Role::TextInput).focus();
        h.step();
        h.get_by_role(Role::TextInput)
            .type_text(&file.display().to_string());
        h.step();
        click(&mut h, open);
        wait_for(&mut h, "the file to be read", 20, |h| {
            h.state().file.loaded.is_some()
        });
        assert!(!shows(&h, title), "{lang:?}: the notice goes");
    }
}

#[test]
fn when_no_file_manager_opens_the_data_folder_its_path_is_offered_to_copy() {
    for (lang, settings, open, notice, copy) in [
        (Lang::En, "Settings", "Open", "Could not open", "Copy path"),
        (
            Lang::Vi,
            "Cài đặt",
            "Mở",
            "Không mở được",
            "Sao chép đường dẫn",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let mut h = app_in(&home, SandboxConfig::default(), lang);
        h.step();
        click(&mut h, settings);
        // The opener (xdg-open, explorer, open) fails.
        fail_tasks_named(&h.ctx, "open");
        click(&mut h, open);
        wait_for(&mut h, "the notice", 10, |h| {
            h.query_all_by_label_contains(notice).count() > 0
                && h.query_by_role(Role::TextInput).is_some()
        });
        let path = h
            .get_by_role(Role::TextInput)
            .value()
            .expect("the path is shown");
        assert!(path.starts_with(&home.display().to_string()), "{path}");
        h.get_by_label(copy).click();
        h.step();
        assert_eq!(copied(&h).as_deref(), Some(path.as_str()), "{lang:?}");
    }
}

#[test]
fn a_file_that_cannot_be_read_is_explained_in_the_app_language() {
    for (lang, said) in [
        (Lang::En, "trống.csv: the file is empty"),
        (Lang::Vi, "trống.csv: tệp trống"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trống.csv");
        std::fs::write(&file, "").unwrap();
        let mut h = on_file_step(&dir.path().join("home"), lang);
        drop_file(&mut h, &file);
        wait_for(&mut h, "the error", 20, |h| shows(h, said));
    }
}

#[test]
fn a_column_without_a_header_is_named_in_the_app_language_on_map() {
    for (lang, next, blank, other) in [
        (Lang::En, "Next: map columns ➡", "Column E", "Cột E"),
        (Lang::Vi, "Tiếp: ghép cột ➡", "Cột E", "Column E"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let csv = "Mã KH,Họ và tên,Số điện thoại,Email,\nKH1,An,0912345678,an@vi.vn,ghi chú\n";
        let mut h = file_read(&dir, csv, lang);
        assert!(
            shows(&h, blank) && !shows(&h, other),
            "{lang:?}: File preview"
        );
        next_to_map(&mut h, next);
        assert!(shows(&h, blank) && !shows(&h, other), "{lang:?}: Map");
    }
}

#[test]
fn ho_and_ten_read_as_family_and_given_name_in_english_and_stay_ho_ten_in_vietnamese() {
    for (lang, next, ho, ten) in [
        (
            Lang::En,
            "Next: map columns ➡",
            "Family name (Họ)",
            "Given name (Tên)",
        ),
        (Lang::Vi, "Tiếp: ghép cột ➡", "Họ", "Tên"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let csv = "Mã KH,Họ,Tên,Số điện thoại\nKH1,Nguyễn,An,0912345678\n";
        let mut h = file_read(&dir, csv, lang);
        next_to_map(&mut h, next);
        let picked: Vec<String> = h
            .query_all_by_role(Role::ComboBox)
            .filter_map(|n| n.value())
            .collect();
        assert!(
            picked.iter().any(|v| v.starts_with(ho)) && picked.iter().any(|v| v.starts_with(ten)),
            "{lang:?}: {picked:?}"
        );
    }
}
