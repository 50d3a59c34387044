//! History as a Vietnamese user reads it in a 900×600 window: object types by their
//! label, how each import ended in words, rows not sent yet kept apart from rows Pango
//! refused, the result and report columns in the window, and "Resume" on the upload
//! that did not finish.

#![cfg(feature = "gui")]

mod gui_support;

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use pango_importer::gui::App;
use pango_importer::gui::shell::{Page, Step};
use pango_importer::gui::{Env, app::Resume};
use pango_importer::history::{HistoryRecord, append_history};
use pango_importer::i18n::Lang;
use pango_importer::profile::AppDirs;
use pango_importer::sandbox::SandboxConfig;
use pango_importer::upload::pending::{PendingUpload, ReadChoices, pending_path};

/// The app in `home`, in Vietnamese, in a 900×600 window.
fn small_window(home: &Path) -> Harness<'static, App> {
    let mut env = Env::isolated(home);
    env.sandbox = SandboxConfig::default();
    env.lang = Some(Lang::Vi);
    Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .with_max_steps(64)
        .build_eframe(move |cc| App::new(cc, env))
}

/// An upload of `file` as the history keeps it.
fn record(at: i64, file: &Path, object: &str, outcome: &str, counts: [u64; 3]) -> HistoryRecord {
    let [accepted, refused, not_sent] = counts;
    HistoryRecord {
        started_at_ms: at,
        file: file.display().to_string(),
        object_type: object.into(),
        profile: "acme".into(),
        rows: accepted + refused + not_sent,
        valid: accepted + refused + not_sent,
        invalid: 0,
        sent: accepted + refused,
        accepted,
        failed: refused + not_sent,
        refused: Some(refused),
        not_sent: Some(not_sent),
        report_path: None,
        journal_path: Some(format!("{}.journal", file.display())),
        outcome: outcome.into(),
    }
}

/// The record an upload of `file` left to resume (pending.json), started at `at`.
fn pending(home: &Path, file: &Path, at: i64) {
    customers_csv(file, 1_000, &[]);
    let table = pango_importer::source::read_file(file, &Default::default())
        .unwrap()
        .table;
    let object = pango_importer::schema::find("customer-identity").unwrap();
    let mapping = pango_importer::mapping::auto_mapping(table.headers(), object).unwrap();
    PendingUpload {
        file: file.to_path_buf(),
        read: ReadChoices::default(),
        mapping,
        profile: "acme".into(),
        journal: PathBuf::from(format!("{}.journal", file.display())),
        started_at_ms: at,
        rows: 1_000,
    }
    .save(&pending_path(&AppDirs::at(home).journals()))
    .unwrap();
}

fn open_history(h: &mut Harness<'static, App>) {
    started(h);
    click(h, "Lịch sử");
    wait_for(h, "the history list", 10, |h| shows(h, "Kết quả"));
}

/// The widget labelled `label` lies inside the window.
fn in_window(h: &Harness<'static, App>, label: &str) {
    let r = h.get_by_label_contains(label).rect();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(900.0, 600.0));
    assert!(
        window.contains_rect(r),
        "{label} is at {r:?}, outside the 900×600 window"
    );
}

#[test]
fn an_interrupted_upload_shows_rows_not_sent_yet_with_resume_and_labels_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir
        .path()
        .join("danh sách khách hàng tháng mười một năm 2026 - bản cuối.csv");
    let orders = dir.path().join("don-hang.csv");
    let history = AppDirs::at(&home).history_file();
    append_history(
        &history,
        &record(
            1_000,
            &orders,
            "order",
            "finished with rows not accepted",
            [48, 2, 0],
        ),
    )
    .unwrap();
    // 1,000 customers, 600 accepted, then "Close anyway": the rest were never sent.
    append_history(
        &history,
        &record(
            2_000,
            &file,
            "customer-identity",
            "cancelled",
            [600, 0, 400],
        ),
    )
    .unwrap();
    pending(&home, &file, 2_000);
    let mut h = small_window(&home);
    open_history(&mut h);
    // Labels in the app's language, never the API's names.
    assert!(shows(&h, "Khách hàng") && shows(&h, "Đơn hàng"));
    assert!(!shows(&h, "customer-identity") && !shows(&h, "order"));
    // The stopped upload: its rows wait; nothing says Pango refused them.
    assert!(shows(&h, "Dừng giữa chừng: còn dòng chờ gửi"));
    assert!(shows(&h, "600 đã nhận · 400 chưa gửi"));
    assert!(!shows(&h, "Không nhận"));
    // Only the order upload had rows refused by Pango.
    assert!(shows(&h, "48 đã nhận · 2 bị Pango từ chối"));
    // Result and actions are in the window, without scrolling sideways.
    in_window(&h, "Dừng giữa chừng");
    in_window(&h, "Xong, có dòng bị Pango từ chối");
    in_window(&h, "Tiếp tục");
    assert_eq!(
        h.query_all_by_label("Tiếp tục").count(),
        1,
        "Resume only on the upload left to resume"
    );
    click(&mut h, "Tiếp tục");
    assert_eq!(h.state().page, Page::Wizard, "back to the steps");
    assert!(
        matches!(h.state().resume_state(), Resume::AfterLogin(_)),
        "resumes once logged in"
    );
    assert_eq!(h.state().step, Step::Login);
}

#[test]
fn an_upload_that_left_no_line_is_listed_as_interrupted_with_resume() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("khach-hang.csv");
    // The app was closed hard mid-upload: no history line, only the pending record.
    pending(&home, &file, 5_000);
    let mut h = small_window(&home);
    started(&mut h);
    // The offer on the login screen names the type as the app does, too.
    assert!(shows(&h, "Có lần tải lên chưa hoàn tất"));
    assert!(shows(&h, "(Khách hàng, 1.000 dòng hợp lệ") && !shows(&h, "customer-identity"));
    open_history(&mut h);
    assert!(shows(&h, "Bị gián đoạn: còn dòng chờ gửi"));
    assert!(shows(&h, "Khách hàng"));
    in_window(&h, "Bị gián đoạn");
    in_window(&h, "Tiếp tục");
}

#[test]
fn an_upload_finished_with_refused_rows_reads_in_english_too() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    append_history(
        &AppDirs::at(&home).history_file(),
        &record(
            1_000,
            &dir.path().join("kh.csv"),
            "customer-identity",
            "cancelled",
            [10, 0, 5],
        ),
    )
    .unwrap();
    let mut h = app_in(&home, SandboxConfig::default(), Lang::En);
    started(&mut h);
    click(&mut h, "History");
    wait_for(&mut h, "the history list", 10, |h| shows(h, "Result"));
    assert!(shows(&h, "Customers"));
    assert!(shows(&h, "10 accepted · 5 not sent yet"));
    assert!(!shows(&h, "Not accepted") && !shows(&h, "refused"));
    // No pending record: nothing to resume.
    assert!(h.query_by_label("Resume").is_none());
}
