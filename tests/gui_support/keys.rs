//! Helpers for the layout and keyboard tests: the app at 900×600, and a file taken
//! from the login screen to the Check step. Included with `#[path]` beside
//! `gui_support` (which it uses).

#![allow(dead_code)]

use std::path::Path;

use eframe::egui;
use egui_kittest::Harness;
use pango_importer::gui::shell::Step;
use pango_importer::gui::{App, Env};
use pango_importer::i18n::Lang;
use pango_importer::sandbox::SandboxConfig;

use crate::gui_support::{click, drop_file, next_to_map, wait_for};

/// The app at 900×600, the smallest window it is made for; its data under `base`.
pub fn small_app(base: &Path, lang: Lang) -> Harness<'static, App> {
    let mut env = Env::isolated(base);
    env.sandbox = SandboxConfig::default();
    env.lang = Some(lang);
    Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .with_max_steps(64)
        .build_eframe(move |cc| App::new(cc, env))
}

/// `en` or `vi` as `lang` says.
pub fn t(lang: Lang, en: &'static str, vi: &'static str) -> &'static str {
    if lang == Lang::En { en } else { vi }
}

/// On the File step: drops `file`, maps it as proposed and goes on to Check.
pub fn file_to_check(h: &mut Harness<'static, App>, file: &Path, lang: Lang) {
    drop_file(h, file);
    wait_for(h, "the file", 20, |h| {
        let f = &h.state().file;
        !f.is_loading() && f.table().is_some() && f.path.as_deref() == Some(file)
    });
    next_to_map(h, t(lang, "Next: map columns ➡", "Tiếp: ghép cột ➡"));
    click(h, t(lang, "Next: check rows ➡", "Tiếp: kiểm tra ➡"));
    wait_for(h, "the Check step", 20, |h| {
        h.state().step == Step::Check && h.state().check.is_some()
    });
}

/// From the login screen: "Try without an account", then `file` to Check.
pub fn sandbox_to_check(h: &mut Harness<'static, App>, file: &Path, lang: Lang) {
    h.step();
    click(
        h,
        t(
            lang,
            "Try without an account",
            "Dùng thử không cần tài khoản",
        ),
    );
    wait_for(h, "the File step", 20, |h| h.state().step == Step::File);
    file_to_check(h, file, lang);
}

/// A new app (1280×860) in `lang` with its data in a new temporary folder, first frame drawn.
pub fn fresh(lang: Lang) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().unwrap();
    let mut h =
        crate::gui_support::app_in(&dir.path().join("home"), SandboxConfig::default(), lang);
    h.step();
    (dir, h)
}

/// Profile › New profile… `name` for `sandbox` with `api_key`, filled in (not sent).
pub fn profile_for(
    h: &mut Harness<'static, App>,
    sandbox: &pango_importer::sandbox::Sandbox,
    name: &str,
    api_key: &str,
) {
    let (auth, ingest) = (sandbox.auth_url(), sandbox.ingest_url());
    crate::gui_support::new_profile(h, name, &auth, &ingest, api_key);
}
