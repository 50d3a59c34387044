//! The desktop wizard (eframe). Only this module draws; it drives the core through
//! background tasks and applies state changes in one place (`app.rs`).
//!
//! Steps: `login` → `file_step` → `map` → `check` → `upload_step`, framed by `shell`,
//! with `history_page` and `settings_page` beside them.

pub mod app;
pub mod check;
pub mod env;
pub mod file_step;
pub mod fonts;
pub mod history_page;
pub mod history_words;
pub mod login;
pub mod login_field;
mod login_form;
pub mod map;
mod open;
mod question;
pub mod resume;
pub mod session;
pub mod settings_page;
pub mod shell;
pub mod task;
pub mod text;
mod upload_confirm;
mod upload_fault;
mod upload_log;
pub mod upload_step;
mod upload_summary;
pub mod widgets;

pub use app::App;
pub use env::{Env, Prefs};

/// The window's icon (from `assets/icons/`).
fn icon() -> Option<eframe::egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/pango-importer-256.png"))
        .ok()
}

/// Opens the window and runs until it is closed.
pub fn run(env: Env) -> eframe::Result {
    crate::api::install_tls_provider();
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_title("Pango Importer")
        .with_app_id("pango-importer")
        .with_inner_size([1180.0, 780.0])
        .with_min_inner_size([820.0, 560.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    // Window size and position and the app's choices (language, theme, recent files),
    // beside settings.json rather than in eframe's own folder, so one folder holds it all.
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        // eframe takes the file's path (not a folder) and creates the folder when it saves.
        persistence_path: Some(env.dirs.config.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "Pango Importer",
        options,
        Box::new(|cc| Ok(Box::new(App::new(cc, env)))),
    )
}
