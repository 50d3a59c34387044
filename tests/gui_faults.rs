//! Background work that breaks, in every step: the work panics (a test hook makes the
//! task of one name panic), and the user reads what stopped, has a way on (Try again,
//! Back), and can close the window. Before, a panicked task was "not done yet" forever:
//! a spinner that never stopped and, during an upload, a window that refused to close.

#![cfg(feature = "gui")]

mod gui_support;

use egui_kittest::kittest::Queryable;
use gui_support::*;
use pango_importer::gui::app::Closing;
use pango_importer::gui::shell::Step;
use pango_importer::gui::task::fail_tasks_named;
use pango_importer::i18n::Lang;
use pango_importer::sandbox::SandboxConfig;
use pango_importer::upload::pending::{PendingUpload, ReadChoices, pending_path};

type App = egui_kittest::Harness<'static, pango_importer::gui::App>;

/// The app, logged in to the built-in sandbox, with tasks named `broken` made to panic.
fn app(home: &std::path::Path, broken: &str) -> App {
    let mut h = app_in(home, SandboxConfig::default(), Lang::En);
    fail_tasks_named(&h.ctx, broken);
    h.step();
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    h
}

/// Drops a small customer list with one bad row and waits for it.
fn with_file(h: &mut App, dir: &std::path::Path) {
    let file = dir.join("khach.csv");
    customers_csv(&file, 6, &[2]);
    drop_file(h, &file);
    wait_for(h, "the file", 20, |h| shows(h, "6 rows · 5 columns"));
}

/// The window closes when asked: the close request is honoured.
fn closes(h: &mut App) {
    request_close(h);
    assert_eq!(h.state().closing(), Closing::Allowed, "the window closes");
}

#[test]
fn a_file_reading_that_panics_says_so_offers_to_try_again_and_the_window_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("home"), "read-file");
    let file = dir.path().join("khach.csv");
    customers_csv(&file, 6, &[]);
    drop_file(&mut h, &file);
    wait_for(&mut h, "the message", 20, |h| {
        shows(h, "Reading the file stopped unexpectedly")
    });
    assert!(
        shows(&h, "test fault in read-file"),
        "the panic's message is shown"
    );
    assert!(
        !shows(&h, "Reading khach.csv…"),
        "no spinner is left turning"
    );
    assert!(shows(&h, "Try again"));
    closes(&mut h);
}

#[test]
fn a_template_folder_reading_that_panics_offers_try_again_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("home"), "map-templates");
    with_file(&mut h, dir.path());
    click(&mut h, "Next: map columns ➡");
    wait_for(&mut h, "the message", 20, |h| {
        shows(h, "Reading the saved templates stopped unexpectedly")
    });
    assert!(h.state().trouble().is_some());
    click(&mut h, "Back");
    assert_eq!(h.state().step, Step::File, "Back leads to the File step");
    assert!(h.state().trouble().is_none());
    closes(&mut h);
}

#[test]
fn a_validation_that_panics_leaves_no_endless_check_and_offers_try_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("home"), "validate");
    with_file(&mut h, dir.path());
    next_to_map(&mut h, "Next: map columns ➡");
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "the message", 20, |h| {
        shows(h, "Checking the rows stopped unexpectedly")
    });
    assert!(
        !shows(&h, "Checking every row…"),
        "Next no longer waits for a check that will never end"
    );
    assert_eq!(h.state().step, Step::Map);
    click(&mut h, "Try again");
    wait_for(&mut h, "the message again", 20, |h| {
        shows(h, "Checking the rows stopped unexpectedly")
    });
    closes(&mut h);
}

#[test]
fn a_recheck_in_check_that_panics_offers_check_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("home"), "revalidate");
    with_file(&mut h, dir.path());
    next_to_map(&mut h, "Next: map columns ➡");
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "the Check step", 20, |h| {
        h.state().step == Step::Check
    });
    let cell = h.get_by_label("12345");
    cell.click();
    cell.click();
    h.run_steps(3);
    h.get_by_label("Edit cell C4").type_text("0912000111");
    h.step();
    h.key_press(eframe::egui::Key::Enter);
    wait_for(&mut h, "the message", 20, |h| {
        shows(h, "Checking again stopped unexpectedly")
    });
    assert!(
        !h.state().check.as_ref().unwrap().busy(),
        "nothing is left running"
    );
    assert!(shows(&h, "Check again"));
    closes(&mut h);
}

#[test]
fn a_login_that_panics_says_so_and_the_form_works_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    fail_tasks_named(&h.ctx, "sandbox");
    h.step();
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the message", 20, |h| {
        shows(h, "Logging in stopped unexpectedly")
    });
    assert!(!h.state().login.is_busy(), "the form is usable again");
    assert!(!shows(&h, "Connecting…"));
    closes(&mut h);
}

#[test]
fn an_upload_preparation_that_panics_leads_back_to_check_and_the_window_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app(&dir.path().join("home"), "prepare-upload");
    with_file(&mut h, dir.path());
    next_to_map(&mut h, "Next: map columns ➡");
    click(&mut h, "Next: check rows ➡");
    wait_for(&mut h, "the Check step", 20, |h| {
        h.state().step == Step::Check
    });
    click(&mut h, "Upload valid rows only");
    click(&mut h, "Upload ➡");
    wait_for(&mut h, "the message", 20, |h| {
        shows(h, "Preparing the upload stopped unexpectedly")
    });
    assert!(
        !h.state().upload.as_ref().unwrap().is_running(),
        "the upload is not taken for running"
    );
    assert!(shows(&h, "Back to Check"));
    // Before, the window refused to close ("Stopping the upload…" forever).
    closes(&mut h);
}

#[test]
fn a_pending_upload_whose_journal_path_names_no_folder_is_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("khach.csv");
    customers_csv(&file, 6, &[]);
    let table = pango_importer::source::read_file(&file, &Default::default())
        .unwrap()
        .table;
    let object = pango_importer::schema::find("customer-identity").unwrap();
    let mapping = pango_importer::mapping::auto_mapping(table.headers(), object).unwrap();
    let journals = pango_importer::profile::AppDirs::at(&home).journals();
    PendingUpload {
        file: file.clone(),
        read: ReadChoices::default(),
        mapping,
        profile: "sandbox".into(),
        // A pending.json edited by hand, or written by another version.
        journal: std::path::PathBuf::new(),
        started_at_ms: 0,
        rows: 6,
    }
    .save(&pending_path(&journals))
    .unwrap();
    let mut h = app_in(&home, SandboxConfig::default(), Lang::En);
    h.step();
    click(&mut h, "Resume after logging in");
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the message", 30, |h| shows(h, "names no folder"));
    assert!(shows(&h, "Back to Check"));
    closes(&mut h);
}
