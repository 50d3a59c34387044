//! Background work of the Check step: re-validating after an edit, the save dialog
//! and writing the error rows. Each runs on a std::thread and reports through a
//! channel that `CheckState::poll` reads each frame.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui;

use crate::export;
use crate::i18n::Lang;
use crate::mapping::Plan;
use crate::source::{Edits, Table, TableView};
use crate::validate::{Validation, validate};

use super::summary::Summary;

/// A finished re-validation: the new validation and its summary, or why it failed.
pub type Revalidated = Result<(Validation, Summary), String>;

/// Re-validates `table` with `edits` over it against `plan` on a thread (the
/// table is shared, never copied; the edits are the user's few fixes).
pub fn revalidate(
    table: Arc<Table>,
    edits: Edits,
    plan: Plan,
    ctx: egui::Context,
) -> Receiver<Revalidated> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let out = validate(TableView::new(&table, &edits), &plan, None)
            .map(|v| {
                let s = Summary::build(&table, &v);
                (v, s)
            })
            .map_err(|e| e.to_string());
        let _ = tx.send(out);
        ctx.request_repaint();
    });
    rx
}

/// Reads a channel once: `Some` when the task has finished (a dropped sender is
/// reported as `fallback`).
pub fn take<T>(rx: &Receiver<T>, fallback: impl FnOnce() -> T) -> Option<T> {
    match rx.try_recv() {
        Ok(v) => Some(v),
        Err(TryRecvError::Empty) => None,
        Err(TryRecvError::Disconnected) => Some(fallback()),
    }
}

/// Where an export stands.
pub enum Export {
    /// The save dialog is open (on its own thread).
    Choosing(Receiver<Option<PathBuf>>),
    /// The file is being written.
    Writing(Receiver<ExportDone>),
}

/// The outcome of writing the error rows: the path and rows written, or the error text.
pub type ExportDone = Result<(PathBuf, usize), (PathBuf, String)>;

/// Opens the save dialog on a thread (never on the UI thread).
pub fn choose_path(suggested: String, lang: Lang) -> Receiver<Option<PathBuf>> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let title = crate::gui::text::tr(lang, "Export error rows", "Xuất các dòng lỗi");
        let path = rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(suggested)
            .add_filter("CSV", &["csv"])
            .save_file();
        let _ = tx.send(path);
    });
    rx
}

/// Writes the invalid rows to `path` on a thread.
pub fn write(
    path: PathBuf,
    table: Arc<Table>,
    validation: Arc<Validation>,
    lang: Lang,
    ctx: egui::Context,
) -> Receiver<ExportDone> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let out = match export::write_error_rows(&path, &table, &validation, lang) {
            Ok(n) => Ok((path, n)),
            Err(e) => Err((path, e.to_string())),
        };
        drop((table, validation));
        let _ = tx.send(out);
        ctx.request_repaint();
    });
    rx
}
