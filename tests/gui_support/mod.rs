//! Driving the real app in egui_kittest: a harness around `App` with its data in a
//! temporary folder and an in-memory keychain, and waiting for background work.

#![allow(dead_code)]

pub mod words;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pango_importer::gui::shell::Step;
use pango_importer::gui::{App, Env};
use pango_importer::i18n::Lang;
use pango_importer::sandbox::{Sandbox, SandboxConfig};

/// A harness around the app; `base` holds its settings, journals, reports, history.
pub fn app_in(base: &Path, sandbox: SandboxConfig, lang: Lang) -> Harness<'static, App> {
    let mut env = Env::isolated(base);
    env.sandbox = sandbox;
    env.lang = Some(lang);
    app_with(env)
}

pub fn app_with(env: Env) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_max_steps(64)
        .build_eframe(move |cc| App::new(cc, env))
}

/// Steps frames until `done` holds (background threads report in between), or panics
/// naming `what` after `secs` seconds.
pub fn wait_for(
    h: &mut Harness<'_, App>,
    what: &str,
    secs: u64,
    mut done: impl FnMut(&Harness<'_, App>) -> bool,
) {
    let end = Instant::now() + Duration::from_secs(secs);
    loop {
        h.step();
        if done(h) {
            h.step();
            return;
        }
        if Instant::now() > end {
            let tree = format!("{:?}", h.root());
            let end = tree.char_indices().nth(6000).map_or(tree.len(), |(i, _)| i);
            panic!(
                "timed out waiting for: {what}\nwidgets on screen: {}",
                &tree[..end]
            );
        }
        std::thread::sleep(Duration::from_millis(15));
    }
}

/// True when some widget's label contains `text`.
pub fn shows(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// Clicks the button (or else the one widget) labelled `label`.
pub fn click(h: &mut Harness<'_, App>, label: &str) {
    match h.query_by_role_and_label(egui::accesskit::Role::Button, label) {
        Some(b) => b.click(),
        None => h.get_by_label(label).click(),
    }
    h.step();
    h.step();
}

/// Types into the text field labelled `label`.
pub fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.get_by_label(label).type_text(text);
    h.step();
}

/// Replaces all the text in the field labelled `label`.
pub fn replace_text(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    h.get_by_label(label).type_text(text);
    h.step();
}

/// Opens Profile → New profile… and fills the form in: `name`, the login and ingest
/// addresses, username "demo", `api_key` and an organisation key. Nothing is sent:
/// the caller clicks Log in or Test connection.
pub fn new_profile(
    h: &mut Harness<'_, App>,
    name: &str,
    login_url: &str,
    ingest_url: &str,
    api_key: &str,
) {
    click(h, "Profile");
    click(h, "New profile…");
    type_into(h, "Profile name", name);
    replace_text(h, "Login address", login_url);
    replace_text(h, "Ingest address", ingest_url);
    type_into(h, "Username", "demo");
    type_into(h, "API key", api_key);
    type_into(
        h,
        "Organisation key (cdpGKey)",
        "0123456789abcdef0123456789abcdef",
    );
}

/// The app in `env`, logged in to `sandbox` with the demo account under a new profile
/// `name`; returns once the File step is showing.
pub fn logged_in(env: Env, sandbox: &Sandbox, name: &str) -> Harness<'static, App> {
    let mut h = app_with(env);
    h.step();
    new_profile(
        &mut h,
        name,
        &sandbox.auth_url(),
        &sandbox.ingest_url(),
        "sandbox-demo-key",
    );
    click(&mut h, "Log in");
    wait_for(&mut h, "the File step", 20, |h| {
        h.state().step == Step::File
    });
    h
}

/// A dropped file, as the window system hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops `path` on the window.
pub fn drop_file(h: &mut Harness<'_, App>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    h.step();
}

/// `n` customers with Vietnamese headers; rows in `bad` (0-based) get a phone that is
/// not a phone and no e-mail, so they are invalid.
pub fn customers_csv(path: &Path, n: usize, bad: &[usize]) {
    let mut s = String::from("Mã KH,Họ và tên,Số điện thoại,Email,Thành phố\n");
    for i in 0..n {
        if bad.contains(&i) {
            s.push_str(&format!("KH{i:05},Khách {i},12345,,Hà Nội\n"));
        } else {
            s.push_str(&format!(
                "KH{i:05},Nguyễn Văn {i},09{i:08},kh{i}@vi.vn,Huế\n"
            ));
        }
    }
    std::fs::write(path, s).unwrap();
}

/// Presses `label` (the File step's Next) and waits for the Map step to be drawn: its
/// template folder is read in the background first.
pub fn next_to_map(h: &mut Harness<'_, App>, label: &str) {
    click(h, label);
    wait_for(h, "the Map step", 20, |h| {
        h.state().step == Step::Map && h.state().map.is_some()
    });
}

/// The user closes the window (the window manager's close button), and two frames pass.
pub fn request_close(h: &mut Harness<'_, App>) {
    h.input_mut()
        .viewports
        .get_mut(&egui::ViewportId::ROOT)
        .unwrap()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    h.step();
}

/// In Check, opens the cell showing `shown` (a double click), types `text` into the
/// editor labelled `editor` (e.g. "Edit cell C4") and presses Enter.
pub fn fix_cell(h: &mut Harness<'_, App>, shown: &str, editor: &str, text: &str) {
    let cell = h.get_by_label(shown);
    cell.click();
    cell.click();
    h.run_steps(3);
    h.get_by_label(editor).type_text(text);
    h.step();
    h.key_press(egui::Key::Enter);
}

/// Waits for the start-up look for an unfinished upload (read in the background).
pub fn started(h: &mut Harness<'_, App>) {
    wait_for(h, "the start", 10, |h| h.state().started());
}
