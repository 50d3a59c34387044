//! The login screen with the keyboard: Enter acts on the focused button and logs in
//! only from the form; Esc closing a dropdown keeps the focus; a failed login puts the
//! focus in the field to fix; the built-in sandbox profile is the local sandbox.

#![cfg(feature = "gui")]

mod gui_support;

use std::time::Duration;

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use pango_importer::gui::shell::Step;
use pango_importer::gui::{App, Env};
use pango_importer::i18n::Lang;
use pango_importer::keychain::KeyStore;
use pango_importer::sandbox::{Sandbox, SandboxConfig};

type H = egui_kittest::Harness<'static, App>;

/// Focuses the widget labelled `label` and presses `key` on it.
fn press_on(h: &mut H, label: &str, key: Key) {
    h.get_by_label(label).focus();
    h.run_steps(2);
    assert!(h.get_by_label(label).is_focused(), "{label} took the focus");
    h.key_press(key);
    h.run_steps(2);
}

/// The app with a new profile "brand-x" filled in for `sandbox` (the right key), and
/// the keychain it would remember the key in.
fn filled_in(dir: &std::path::Path, sandbox: &Sandbox) -> (H, std::sync::Arc<dyn KeyStore>) {
    let env = Env::isolated(dir);
    let keys = env.places.keys.clone();
    let mut h = app_with(env);
    h.step();
    new_profile(
        &mut h,
        "brand-x",
        &sandbox.auth_url(),
        &sandbox.ingest_url(),
        "sandbox-demo-key",
    );
    (h, keys)
}

/// Gives a login started in the background time to end (and to store its key).
fn settle(h: &mut H) {
    for _ in 0..40 {
        h.step();
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn enter_on_try_without_an_account_starts_the_sandbox_and_does_not_send_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
    let (mut h, keys) = filled_in(dir.path(), &sandbox);
    press_on(&mut h, "Try without an account", Key::Enter);
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    settle(&mut h);
    let session = h.state().session.as_ref().unwrap();
    assert!(session.sandbox.is_some(), "the local sandbox, not brand-x");
    assert!(
        keys.get("brand-x", "demo").unwrap().is_none(),
        "the filled-in form was not logged in too"
    );
}

#[test]
fn enter_on_test_connection_tests_and_does_not_log_in() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
    let (mut h, keys) = filled_in(dir.path(), &sandbox);
    press_on(&mut h, "Test connection", Key::Enter);
    wait_for(&mut h, "the test's answer", 20, |h| {
        shows(h, "Connection works")
    });
    settle(&mut h);
    assert_eq!(h.state().step, Step::Login);
    assert!(
        keys.get("brand-x", "demo").unwrap().is_none(),
        "a test remembers no key: no login ran beside it"
    );
}

#[test]
fn enter_on_a_step_button_or_a_checkbox_does_not_log_in() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
    let (mut h, keys) = filled_in(dir.path(), &sandbox);
    press_on(&mut h, "1 Log in", Key::Enter);
    press_on(&mut h, "Remember the key on this computer", Key::Enter);
    settle(&mut h);
    assert!(!h.state().login.is_busy());
    assert_eq!(h.state().step, Step::Login, "still on the login screen");
    assert!(h.state().session.is_none());
    assert!(keys.get("brand-x", "demo").unwrap().is_none());
}

#[test]
fn enter_in_a_field_of_the_form_logs_in() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
    let (mut h, keys) = filled_in(dir.path(), &sandbox);
    press_on(&mut h, "Organisation key (cdpGKey)", Key::Enter);
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    assert!(h.state().session.as_ref().unwrap().sandbox.is_none());
    assert!(keys.get("brand-x", "demo").unwrap().is_some());
}

#[test]
fn esc_closing_the_profile_dropdown_keeps_the_focus_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(dir.path(), SandboxConfig::default(), Lang::En);
    h.step();
    press_on(&mut h, "Profile", Key::Enter);
    assert!(shows(&h, "New profile…"), "the dropdown is open");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!shows(&h, "New profile…"), "the dropdown is closed");
    assert!(
        h.get_by_label("Profile").is_focused(),
        "the focus stays on the profile picker"
    );
}

/// Empties the text field labelled `label`.
fn clear(h: &mut H, label: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::A);
    h.step();
    h.key_press(Key::Backspace);
    h.step();
}

/// Logs in with what the form holds and waits for the message titled `title`.
fn fails_with(h: &mut H, title: &str) {
    click(h, "Log in");
    wait_for(h, title, 20, |h| shows(h, title));
    h.run_steps(2);
}

#[test]
fn a_failed_login_puts_the_focus_in_the_field_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
    let mut h = app_in(&dir.path().join("a"), SandboxConfig::default(), Lang::En);
    h.step();
    new_profile(
        &mut h,
        "brand-x",
        &sandbox.auth_url(),
        &sandbox.ingest_url(),
        "not-the-key",
    );
    fails_with(&mut h, "Wrong username or API key");
    assert!(
        h.get_by_label("API key").is_focused(),
        "wrong key: key field"
    );

    clear(&mut h, "Organisation key (cdpGKey)");
    fails_with(&mut h, "Some details are missing");
    assert!(
        h.get_by_label("Organisation key (cdpGKey)").is_focused(),
        "no organisation key: its field"
    );

    clear(&mut h, "Username");
    fails_with(&mut h, "Some details are missing");
    assert!(
        h.get_by_label("Username").is_focused(),
        "no user: its field"
    );

    let mut h = app_in(&dir.path().join("b"), SandboxConfig::default(), Lang::En);
    h.step();
    new_profile(
        &mut h,
        "offline",
        "http://127.0.0.1:9/api/accounts/authen",
        "http://127.0.0.1:9/dhub-i/api/v1.0/ingest",
        "sandbox-demo-key",
    );
    fails_with(&mut h, "The server cannot be reached");
    assert!(
        h.get_by_label("Login address").is_focused(),
        "nothing answered: the login address"
    );
    replace_text(&mut h, "Login address", "ftp://pango");
    fails_with(&mut h, "Some details are missing");
    assert!(
        h.get_by_label("Login address").is_focused(),
        "a bad address: its field"
    );
}

#[test]
fn the_built_in_sandbox_profile_is_the_local_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_in(dir.path(), SandboxConfig::default(), Lang::En);
    h.step();
    click(&mut h, "Profile");
    let label = "Local sandbox (sample data, nothing sent to Pango)";
    assert!(shows(&h, label), "named for what it is in the picker");
    click(&mut h, label);
    assert_eq!(h.state().login.form.profile, "sandbox");
    assert!(h.query_by_label("API key").is_none(), "no key to type");
    assert!(h.query_by_label("Test connection").is_none());
    click(&mut h, "Log in");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    let session = h.state().session.as_ref().unwrap();
    assert!(
        session.sandbox.is_some(),
        "the practice server inside the app, as Try without an account starts"
    );
}
