//! The login screen with the keyboard: Enter acts on the focused button and logs in
//! only from the form; Esc closing a dropdown keeps the focus; a failed login puts the
//! focus in the field to fix; the built-in sandbox profile is the local sandbox.

#![cfg(feature = "gui")]

mod gui_support;
#[path = "gui_support/keys.rs"]
mod keys;

use std::time::Duration;

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use keys::{fresh, profile_for};
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

/// The app with a new profile "brand-x" filled in for a running sandbox (the right
/// key); the app keeps its data in `dir`.
struct Filled {
    h: H,
    keys: std::sync::Arc<dyn KeyStore>,
    _sandbox: Sandbox,
    _dir: tempfile::TempDir,
}

impl Filled {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = Sandbox::start(SandboxConfig::default()).unwrap();
        let env = Env::isolated(dir.path());
        let keys = env.places.keys.clone();
        let mut h = app_with(env);
        h.step();
        profile_for(&mut h, &sandbox, "brand-x", "sandbox-demo-key");
        Self {
            h,
            keys,
            _sandbox: sandbox,
            _dir: dir,
        }
    }

    /// Presses Enter on each widget of `labels`, waits for `until`, then gives a login
    /// started in the background time to end (and to store its key).
    fn enter_on(
        mut self,
        labels: &[&str],
        until: fn(&egui_kittest::Harness<'_, App>) -> bool,
    ) -> Self {
        for label in labels {
            press_on(&mut self.h, label, Key::Enter);
        }
        wait_for(&mut self.h, "the answer", 20, until);
        for _ in 0..40 {
            self.h.step();
            std::thread::sleep(Duration::from_millis(25));
        }
        self
    }

    /// Whether the form was logged in: its key is then kept in the keychain.
    fn logged_in(&self) -> bool {
        self.keys.get("brand-x", "demo").unwrap().is_some()
    }
}

#[test]
fn enter_on_try_without_an_account_starts_the_sandbox_and_does_not_send_the_form() {
    let f = Filled::new().enter_on(&["Try without an account"], |h| {
        h.state().step == Step::File
    });
    let session = f.h.state().session.as_ref().unwrap();
    assert!(session.sandbox.is_some(), "the local sandbox, not brand-x");
    assert!(!f.logged_in(), "the filled-in form was not logged in too");
}

#[test]
fn enter_on_test_connection_tests_and_does_not_log_in() {
    let f = Filled::new().enter_on(&["Test connection"], |h| shows(h, "Connection works"));
    assert_eq!(f.h.state().step, Step::Login);
    assert!(
        !f.logged_in(),
        "a test remembers no key: no login ran beside it"
    );
}

#[test]
fn enter_on_a_step_button_or_a_checkbox_does_not_log_in() {
    let labels = ["1 Log in", "Remember the key on this computer"];
    let f = Filled::new().enter_on(&labels, |_| true);
    assert!(!f.h.state().login.is_busy());
    assert_eq!(f.h.state().step, Step::Login, "still on the login screen");
    assert!(f.h.state().session.is_none());
    assert!(!f.logged_in());
}

#[test]
fn enter_in_a_field_of_the_form_logs_in() {
    let f = Filled::new().enter_on(&["Organisation key (cdpGKey)"], |h| {
        h.state().step == Step::File
    });
    assert!(f.h.state().session.as_ref().unwrap().sandbox.is_none());
    assert!(f.logged_in());
}

#[test]
fn esc_closing_the_profile_dropdown_keeps_the_focus_on_it() {
    let (_dir, mut h) = fresh(Lang::En);
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

/// Empties the text field labelled `label`, or types `text` instead of what it holds,
/// presses Log in and waits for the message titled `title`: the focus is then in
/// `label`'s field.
fn refused_for(h: &mut H, label: &str, text: &str, title: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::A);
    h.step();
    h.key_press(Key::Backspace);
    h.step();
    if !text.is_empty() {
        h.get_by_label(label).type_text(text);
        h.step();
    }
    click(h, "Log in");
    wait_for(h, title, 20, |h| shows(h, title));
    h.run_steps(2);
    assert!(
        h.get_by_label(label).is_focused(),
        "{title}: focus in {label}"
    );
}

#[test]
fn a_form_refused_before_sending_puts_the_focus_in_the_field_to_fix() {
    // (A wrong key and a server that does not answer: gui_flow's
    // a_wrong_key_and_an_unreachable_server_say_what_to_do.)
    let mut f = Filled::new();
    let missing = "Some details are missing";
    refused_for(&mut f.h, "Organisation key (cdpGKey)", "", missing);
    refused_for(&mut f.h, "Username", "", missing);
    refused_for(&mut f.h, "Login address", "ftp://pango", missing);
}

#[test]
fn the_built_in_sandbox_profile_is_the_local_sandbox() {
    let (_dir, mut h) = fresh(Lang::En);
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

#[test]
fn the_local_sandbox_goes_by_that_name_after_the_login_too() {
    for (lang, short, settings, inside) in [
        (
            Lang::En,
            "demo · Local sandbox",
            "Settings",
            "inside this app",
        ),
        (
            Lang::Vi,
            "demo · Máy chủ thử",
            "Cài đặt",
            "chạy ngay trong ứng dụng",
        ),
    ] {
        let (_dir, mut h) = fresh(lang);
        let try_it = match lang {
            Lang::En => "Try without an account",
            Lang::Vi => "Dùng thử không cần tài khoản",
        };
        click(&mut h, try_it);
        wait_for(&mut h, "the File step", 20, |h| {
            h.state().step == Step::File
        });
        assert!(shows(&h, short), "{lang:?}: the top bar says {short}");
        assert!(!shows(&h, "demo · sandbox"), "{lang:?}: not the key name");
        click(&mut h, settings);
        h.run_steps(5);
        let name = short.trim_start_matches("demo · ");
        assert!(
            h.query_by_label(name).is_some(),
            "{lang:?}: Settings lists it as {name}"
        );
        // It runs inside the app: not the command line's sandbox address.
        assert!(!shows(&h, "127.0.0.1:8787"), "{lang:?}: no CLI address");
        assert!(shows(&h, inside), "{lang:?}: says where it runs");
    }
}
