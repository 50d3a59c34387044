//! Background work that breaks, in every step: the work panics (a test hook makes the
//! task of one name panic), and the user reads what stopped, has a way on (Try again,
//! Back), and can close the window. Before, a panicked task was "not done yet" forever:
//! a spinner that never stopped and, during an upload, a window that refused to close.

#![cfg(feature = "gui")]

mod gui_support;

use gui_support::*;
use pango_importer::gui::app::Closing;
use pango_importer::gui::shell::Step;
use pango_importer::gui::task::fail_tasks_named;
use pango_importer::i18n::Lang;
use pango_importer::sandbox::SandboxConfig;
use pango_importer::upload::pending::{PendingUpload, ReadChoices, pending_path};

type App = egui_kittest::Harness<'static, pango_importer::gui::App>;

/// A folder for the app's data and files, and the app, logged in to the built-in
/// sandbox, with tasks named `broken` made to panic.
fn app(broken: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    fail_tasks_named(&h.ctx, broken);
    h.step();
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    (dir, h)
}

/// A small customer list in `dir`; rows in `bad` (0-based) are invalid.
fn small_list(dir: &std::path::Path, bad: &[usize]) -> std::path::PathBuf {
    let file = dir.join("khach.csv");
    customers_csv(&file, 6, bad);
    file
}

/// Drops a small customer list with one bad row and waits for it.
fn with_file(h: &mut App, dir: &std::path::Path) {
    drop_file(h, &small_list(dir, &[2]));
    wait_for(h, "the file", 20, |h| shows(h, "6 rows · 5 columns"));
}

/// [`app`] with a small list read in the File step.
fn app_with_file(broken: &str) -> (tempfile::TempDir, App) {
    let (dir, mut h) = app(broken);
    with_file(&mut h, dir.path());
    (dir, h)
}

/// The file, mapped automatically, checked: the Check step.
fn to_check(h: &mut App, dir: &std::path::Path) {
    with_file(h, dir);
    next_to_map(h, "Next: map columns ➡");
    click(h, "Next: check rows ➡");
    wait_for(h, "the Check step", 20, |h| h.state().step == Step::Check);
}

/// Waits until `text` is on screen.
fn says(h: &mut App, text: &str) {
    wait_for(h, text, 30, |h| shows(h, text));
}

/// `message` comes on screen with `way_on` (a button to go on), and the window closes
/// when asked.
fn stops_with(h: &mut App, message: &str, way_on: &str) {
    says(h, message);
    assert!(shows(h, way_on), "{way_on} is offered");
    closes(h);
}

/// The window closes when asked: the close request is honoured.
fn closes(h: &mut App) {
    request_close(h);
    assert_eq!(h.state().closing(), Closing::Allowed, "the window closes");
}

#[test]
fn a_file_reading_that_panics_says_so_offers_to_try_again_and_the_window_closes() {
    let (dir, mut h) = app("read-file");
    drop_file(&mut h, &small_list(dir.path(), &[]));
    stops_with(&mut h, "Reading the file stopped unexpectedly", "Try again");
    assert!(
        shows(&h, "test fault in read-file"),
        "the panic's own words"
    );
    assert!(!shows(&h, "Reading khach.csv…"), "no spinner is left");
}

#[test]
fn a_template_folder_reading_that_panics_offers_try_again_and_back() {
    let (_dir, mut h) = app_with_file("map-templates");
    click(&mut h, "Next: map columns ➡");
    says(&mut h, "Reading the saved templates stopped unexpectedly");
    assert!(h.state().trouble().is_some());
    click(&mut h, "Back");
    assert_eq!(h.state().step, Step::File, "Back leads to the File step");
    assert!(h.state().trouble().is_none());
    closes(&mut h);
}

#[test]
fn a_validation_that_panics_leaves_no_endless_check_and_offers_try_again() {
    let (_dir, mut h) = app_with_file("validate");
    next_to_map(&mut h, "Next: map columns ➡");
    click(&mut h, "Next: check rows ➡");
    says(&mut h, "Checking the rows stopped unexpectedly");
    assert!(
        !shows(&h, "Checking every row…"),
        "Next no longer waits for a check that will never end"
    );
    assert_eq!(h.state().step, Step::Map);
    click(&mut h, "Try again");
    says(&mut h, "Checking the rows stopped unexpectedly");
    closes(&mut h);
}

#[test]
fn a_recheck_in_check_that_panics_offers_check_again() {
    let (dir, mut h) = app("revalidate");
    to_check(&mut h, dir.path());
    fix_cell(&mut h, "12345", "Edit cell C4", "0912000111");
    stops_with(&mut h, "Checking again stopped unexpectedly", "Check again");
    assert!(!h.state().check.as_ref().unwrap().busy(), "nothing runs");
}

#[test]
fn a_login_that_panics_says_so_and_the_form_works_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(&dir.path().join("home"), SandboxConfig::default(), Lang::En);
    fail_tasks_named(&h.ctx, "sandbox");
    h.step();
    click(&mut h, "Try without an account");
    stops_with(&mut h, "Logging in stopped unexpectedly", "Log in");
    assert!(!h.state().login.is_busy(), "the form is usable again");
}

/// From Check, "Upload valid rows only" and Upload, with tasks named `broken` made to
/// panic: `message` comes with "Back to Check", nothing is taken for running, and the
/// window closes (before, it refused to: "Stopping the upload…" for ever).
fn upload_breaks(broken: &str, message: &str) {
    let (dir, mut h) = app(broken);
    to_check(&mut h, dir.path());
    click(&mut h, "Upload valid rows only");
    click(&mut h, "Upload ➡");
    stops_with(&mut h, message, "Back to Check");
    assert!(!h.state().upload.as_ref().unwrap().is_running());
}

#[test]
fn an_upload_preparation_that_panics_leads_back_to_check_and_the_window_closes() {
    upload_breaks(
        "prepare-upload",
        "Preparing the upload stopped unexpectedly",
    );
}

#[test]
fn an_upload_job_that_panics_says_so_leads_back_to_check_and_the_window_closes() {
    upload_breaks("upload", "The upload stopped unexpectedly");
}

#[test]
fn a_pending_upload_whose_journal_path_names_no_folder_is_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let (home, file) = (dir.path().join("home"), small_list(dir.path(), &[]));
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
    started(&mut h);
    click(&mut h, "Resume after logging in");
    click(&mut h, "Try without an account");
    stops_with(&mut h, "names no folder", "Back to Check");
}
