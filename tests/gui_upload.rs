//! The Upload step as a user meets it: pause and resume, cancel (after a question),
//! closing the window mid-upload, and an interrupted upload offered for resume at the
//! next start without sending anything twice.

#![cfg(feature = "gui")]

mod gui_support;

use std::time::Duration;

use gui_support::*;
use pango_importer::gui::shell::Step;
use pango_importer::i18n::Lang;
use pango_importer::sandbox::{FaultKind, Faults, SandboxConfig};

/// A sandbox whose every answer takes `ms` milliseconds: uploads last long enough to press buttons.
fn slow_sandbox(ms: u64) -> SandboxConfig {
    SandboxConfig {
        faults: Faults {
            rate: 1.0,
            kinds: vec![FaultKind::Slow],
            seed: 7,
            slow: Duration::from_millis(ms),
        },
        ..SandboxConfig::default()
    }
}

/// Logs in to the sandbox, drops `file`, maps automatically, checks, and presses Upload.
fn start_upload(
    h: &mut egui_kittest::Harness<'static, pango_importer::gui::App>,
    file: &std::path::Path,
    rows: usize,
) {
    h.step();
    click(h, "Try without an account");
    wait_for(h, "the File step", 20, |h| h.state().step == Step::File);
    drop_file(h, file);
    let shown = pango_importer::gui::text::count(Lang::En, rows);
    wait_for(h, "the file", 20, |h| shows(h, &format!("{shown} rows")));
    next_to_map(h, "Next: map columns ➡");
    click(h, "Next: check rows ➡");
    wait_for(h, "the Check step", 20, |h| h.state().step == Step::Check);
    if shows(h, "rows with errors") && !shows(h, "0 rows with errors") {
        click(h, "Upload valid rows only");
    }
    click(h, "Upload ➡");
    wait_for(h, "sending", 20, |h| shows(h, "Sending"));
}

/// An app in a fresh home, uploading `rows` customers to a sandbox that answers in `ms`.
fn uploading(
    dir: &tempfile::TempDir,
    rows: usize,
    ms: u64,
) -> egui_kittest::Harness<'static, pango_importer::gui::App> {
    let file = dir.path().join("khach-hang.csv");
    customers_csv(&file, rows, &[]);
    let mut h = app_in(&dir.path().join("home"), slow_sandbox(ms), Lang::En);
    start_upload(&mut h, &file, rows);
    h
}

#[test]
fn pause_resume_and_cancel_do_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = uploading(&dir, 1500, 400);
    click(&mut h, "Pause");
    wait_for(&mut h, "the paused state", 10, |h| shows(h, "Paused"));
    assert!(shows(&h, "Resume"), "Pause turns into Resume");
    // While paused nothing more is accepted (requests in flight may still finish).
    std::thread::sleep(Duration::from_millis(900));
    h.step();
    let sandbox = h.state().session.as_ref().unwrap().sandbox.clone().unwrap();
    let held = sandbox.stats().accepted_batches;
    std::thread::sleep(Duration::from_millis(900));
    h.step();
    assert_eq!(
        sandbox.stats().accepted_batches,
        held,
        "nothing is sent while paused"
    );
    click(&mut h, "Resume");
    click(&mut h, "Cancel upload");
    assert!(shows(&h, "Stop sending?"), "cancel asks first");
    click(&mut h, "Keep sending");
    assert!(!shows(&h, "Stop sending?"));
    click(&mut h, "Cancel upload");
    click(&mut h, "Yes, stop");
    wait_for(&mut h, "the cancelled summary", 30, |h| {
        shows(h, "Cancelled.")
    });
    let s = h.state().upload.as_ref().unwrap().summary.clone().unwrap();
    assert!(s.cancelled);
    assert!(
        s.accepted < 1500,
        "cancelled before the end: {}",
        s.accepted
    );
    assert_eq!(
        sandbox.records("customer-identity").len(),
        s.accepted,
        "the summary matches the server"
    );
}

#[test]
fn closing_the_window_mid_upload_asks_and_the_next_start_resumes_without_sending_twice() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("khach-hang.csv");
    customers_csv(&file, 1500, &[5]);
    let mut h = app_in(&home, slow_sandbox(300), Lang::En);
    start_upload(&mut h, &file, 1500);
    wait_for(&mut h, "some rows accepted", 30, |h| {
        h.state()
            .session
            .as_ref()
            .and_then(|s| s.sandbox.clone())
            .is_some_and(|s| s.stats().accepted_batches >= 2)
    });
    // The user closes the window: the app asks first.
    h.event(eframe::egui::Event::WindowFocused(true));
    request_close(&mut h);
    assert!(
        shows(&h, "An upload is running"),
        "closing mid-upload asks first"
    );
    click(&mut h, "Keep uploading");
    assert!(!shows(&h, "An upload is running"));
    // Then the laptop dies: the app is gone without finishing.
    let first = h.state().session.as_ref().unwrap().sandbox.clone().unwrap();
    drop(h);
    std::thread::sleep(Duration::from_millis(800));
    let sent_first = first.records("customer-identity").len();
    assert!(
        sent_first > 0 && sent_first < 1499,
        "interrupted mid-way: {sent_first}"
    );

    let mut h = app_in(&home, SandboxConfig::default(), Lang::En);
    started(&mut h);
    assert!(
        shows(&h, "An upload did not finish"),
        "the next start offers to resume"
    );
    assert!(shows(&h, "khach-hang.csv"));
    click(&mut h, "Resume after logging in");
    click(&mut h, "Try without an account");
    wait_for(&mut h, "the resumed upload to finish", 40, |h| {
        h.state()
            .upload
            .as_ref()
            .is_some_and(|u| u.summary.is_some())
    });
    assert_eq!(h.state().step, Step::Upload);
    let second = h.state().session.as_ref().unwrap().sandbox.clone().unwrap();
    let sent_second = second.records("customer-identity").len();
    assert_eq!(
        sent_first + sent_second,
        1499,
        "every valid row sent exactly once across the two runs ({sent_first} + {sent_second})"
    );
    assert!(shows(&h, "were accepted before and are not sent again"));
    let s = h.state().upload.as_ref().unwrap().summary.clone().unwrap();
    assert_eq!(s.accepted, 1499);
    // Finished: nothing is offered any more.
    wait_for(&mut h, "the report", 10, |h| {
        h.state().upload.as_ref().unwrap().report.is_some()
    });
    let mut h = app_in(&home, SandboxConfig::default(), Lang::En);
    started(&mut h);
    assert!(!shows(&h, "An upload did not finish"));
}

#[test]
fn close_anyway_stops_after_the_requests_in_flight_and_keeps_the_upload_for_resume() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("khach-hang.csv");
    customers_csv(&file, 1500, &[]);
    let mut h = app_in(&home, slow_sandbox(300), Lang::En);
    start_upload(&mut h, &file, 1500);
    request_close(&mut h);
    click(&mut h, "Close anyway");
    wait_for(&mut h, "the upload to stop", 30, |h| {
        h.state().upload.as_ref().is_some_and(|u| u.is_settled())
    });
    let s = h.state().upload.as_ref().unwrap().summary.clone().unwrap();
    assert!(s.cancelled && s.accepted < 1500);
    let sandbox = h.state().session.as_ref().unwrap().sandbox.clone().unwrap();
    assert_eq!(
        sandbox.records("customer-identity").len(),
        s.accepted,
        "every request in flight finished and was counted before closing"
    );
    let pending = pango_importer::upload::pending::pending_path(&home.join("data/journals"));
    assert!(pending.exists(), "the upload stays offered for resume");
}

#[test]
fn a_practice_run_on_one_server_does_not_hide_rows_from_another() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let file = dir.path().join("khach-hang.csv");
    customers_csv(&file, 60, &[]);
    for run in 0..2 {
        // Each start's "Try without an account" is a new server at another address.
        let mut h = app_in(&home, SandboxConfig::default(), Lang::En);
        start_upload(&mut h, &file, 60);
        wait_for(&mut h, "the upload to finish", 30, |h| {
            shows(h, "Upload complete.")
        });
        let sandbox = h.state().session.as_ref().unwrap().sandbox.clone().unwrap();
        assert_eq!(
            sandbox.records("customer-identity").len(),
            60,
            "run {run}: every row reached this server"
        );
    }
}

#[test]
fn the_close_question_goes_away_when_the_upload_finishes_under_it() {
    use pango_importer::gui::app::Closing;
    let dir = tempfile::tempdir().unwrap();
    let mut h = uploading(&dir, 1500, 300);
    request_close(&mut h);
    assert!(shows(&h, "An upload is running"), "asked while it runs");
    // The user does not answer; the upload ends under the question.
    wait_for(&mut h, "the upload to finish", 60, |h| {
        h.state()
            .upload
            .as_ref()
            .is_some_and(|u| u.summary.is_some())
    });
    h.run();
    assert!(
        !shows(&h, "An upload is running"),
        "the question about a running upload is gone once it finished"
    );
    // The result report is a workbook Excel opens whatever the list separator.
    wait_for(&mut h, "the report", 10, |h| {
        h.state().upload.as_ref().unwrap().report.is_some()
    });
    let report = h.state().upload.as_ref().unwrap().report.clone().unwrap();
    assert_eq!(report.extension().unwrap(), "xlsx", "{}", report.display());
    let read = pango_importer::source::read_file(&report, &Default::default()).unwrap();
    assert_eq!(read.table.len(), 1500, "a line per file row");
    request_close(&mut h);
    assert_eq!(h.state().closing(), Closing::Allowed, "now it just closes");
}

/// A sandbox server of the test's own, answering in `ms`, and the app logged in to it
/// through a normal profile "acme" (not the practice login): uploads are asked about.
fn through_a_profile(
    dir: &tempfile::TempDir,
    ms: u64,
) -> (
    egui_kittest::Harness<'static, pango_importer::gui::App>,
    pango_importer::sandbox::Sandbox,
) {
    let sandbox = pango_importer::sandbox::Sandbox::start(slow_sandbox(ms)).unwrap();
    let mut env = pango_importer::gui::Env::isolated(&dir.path().join("home"));
    env.lang = Some(Lang::En);
    let h = logged_in(env, &sandbox, "acme");
    (h, sandbox)
}

/// From the File step: drops `file`, maps automatically, checks, presses Upload.
fn upload_from_file_step(
    h: &mut egui_kittest::Harness<'static, pango_importer::gui::App>,
    file: &std::path::Path,
) {
    drop_file(h, file);
    wait_for(h, "the file", 20, |h| h.state().file.table().is_some());
    next_to_map(h, "Next: map columns ➡");
    click(h, "Next: check rows ➡");
    wait_for(h, "the Check step", 20, |h| h.state().step == Step::Check);
    click(h, "Upload ➡");
}

const QUESTION: &str = "Send 60 rows (Customers) to acme (organisation 0123…cdef at 127.0.0.1:";

/// `rows` customers uploaded through the profile "acme" to a sandbox answering in
/// `ms`: the question before sending is on screen.
fn asked(
    rows: usize,
    ms: u64,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, pango_importer::gui::App>,
    pango_importer::sandbox::Sandbox,
) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("khach-hang.csv");
    customers_csv(&file, rows, &[]);
    let (mut h, sandbox) = through_a_profile(&dir, ms);
    upload_from_file_step(&mut h, &file);
    wait_for(&mut h, "the question", 5, |h| shows(h, "Send to Pango?"));
    (dir, h, sandbox)
}

#[test]
fn an_upload_to_a_real_profile_asks_first_and_cancel_or_esc_sends_nothing() {
    let (dir, mut h, sandbox) = asked(60, 0);
    assert!(shows(&h, QUESTION), "asked before anything is sent");
    click(&mut h, "Cancel");
    assert_eq!(h.state().step, Step::Check, "Cancel goes back to Check");
    // Asked again for a new press of Upload; Esc cancels too.
    click(&mut h, "Upload ➡");
    wait_for(&mut h, "the question again", 5, |h| shows(h, QUESTION));
    h.key_press(eframe::egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().step, Step::Check, "Esc cancels");
    std::thread::sleep(Duration::from_millis(300));
    h.step();
    assert!(
        sandbox.records("customer-identity").is_empty(),
        "nothing was sent"
    );
    let pending = pango_importer::upload::pending::pending_path(
        &dir.path().join("home").join("data/journals"),
    );
    assert!(!pending.exists(), "nothing is offered for resume either");
    click(&mut h, "Upload ➡");
    wait_for(&mut h, "the question", 5, |h| shows(h, QUESTION));
    click(&mut h, "Send");
    wait_for(&mut h, "the upload to finish", 30, |h| {
        shows(h, "Upload complete.")
    });
    assert_eq!(sandbox.records("customer-identity").len(), 60);
}

#[test]
fn the_practice_server_is_never_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = uploading(&dir, 60, 0);
    h.run_steps(3);
    assert!(!shows(&h, "Send to Pango?"));
    wait_for(&mut h, "the upload to finish", 30, |h| {
        shows(h, "Upload complete.")
    });
}

/// The first number of the progress bar's "N of TOTAL rows".
fn progress_shown(
    h: &egui_kittest::Harness<'static, pango_importer::gui::App>,
    total: &str,
) -> usize {
    use egui_kittest::kittest::{NodeT, Queryable};
    let tail = format!(" of {total} rows");
    let label = h
        .query_all_by_label_contains(&tail)
        .filter_map(|n| n.accesskit_node().label().or(n.accesskit_node().value()))
        .next()
        .unwrap_or_else(|| panic!("no progress \"…{tail}\""));
    let head = label.split(&tail).next().unwrap();
    head.trim().replace(',', "").parse().unwrap()
}

#[test]
fn a_stopped_upload_waits_not_refused_and_resume_goes_on_from_where_it_stopped() {
    let (_dir, mut h, sandbox) = asked(1500, 300);
    click(&mut h, "Send");
    wait_for(&mut h, "sending", 20, |h| shows(h, "Sending"));
    // The time left is worked out from Pango's limits, in words.
    wait_for(&mut h, "the time left", 20, |h| shows(h, "about "));
    wait_for(&mut h, "some rows accepted", 30, |_| {
        !sandbox.records("customer-identity").is_empty()
    });
    click(&mut h, "Cancel upload");
    click(&mut h, "Yes, stop");
    wait_for(&mut h, "the summary", 30, |h| shows(h, "Cancelled."));
    let s = h.state().upload.as_ref().unwrap().summary.clone().unwrap();
    let before = s.accepted;
    let waiting = 1500 - before;
    assert!(before > 0 && waiting > 0, "stopped part-way: {before}");
    let shown = |n: usize| pango_importer::gui::text::count(Lang::En, n);
    assert!(
        shows(
            &h,
            &format!("{} refused by Pango · {} not sent yet", 0, shown(waiting))
        ),
        "rows left are waiting, not refused"
    );
    assert!(shows(&h, "Not sent yet"));
    assert!(shows(&h, "Stopped uploading khach-hang.csv"));
    assert_eq!(
        progress_shown(&h, "1,500"),
        before,
        "the bar shows what is left, not a full bar"
    );
    // The report says the same.
    wait_for(&mut h, "the report", 10, |h| {
        h.state().upload.as_ref().unwrap().report.is_some()
    });
    let report = h.state().upload.as_ref().unwrap().report.clone().unwrap();
    let t = pango_importer::source::read_file(&report, &Default::default())
        .unwrap()
        .table;
    let status = |st: &str| (0..t.len()).filter(|&r| t.cell(r, 2) == st).count();
    assert_eq!((status("not sent"), status("rejected")), (waiting, 0));
    // Resume: not asked again, and the progress counts the whole file at once.
    click(&mut h, "Resume");
    h.run_steps(3);
    assert!(!shows(&h, "Send to Pango?"), "a resume is not asked again");
    wait_for(&mut h, "the resume to start", 20, |h| shows(h, "Resuming"));
    let at_once = progress_shown(&h, "1,500");
    assert!(
        at_once >= before,
        "the resume starts at {at_once} of 1,500, not at 0 (accepted before: {before})"
    );
    wait_for(&mut h, "the resumed upload to finish", 60, |h| {
        shows(h, "Upload complete.")
    });
    assert_eq!(progress_shown(&h, "1,500"), 1500);
    assert_eq!(
        sandbox.records("customer-identity").len(),
        1500,
        "every row sent once"
    );
}
